### The single-page app's static strings (examples/spa), served by GET /api/oauth/locale: fr catalog.

## The single-page app (examples/spa/index.html, app.js)

spa-title = Application monopage oauthclient-rs
spa-intro = Du HTML et du JavaScript simples qui dialoguent avec l’API JSON sous { $path }.
spa-loading = Chargement…
spa-sign-in-heading = Se connecter
spa-signed-out-intro = Vous n’êtes pas connecté. Choisissez comment vous connecter :
spa-remember-me = Se souvenir de moi sur cet appareil
spa-signup-heading = Terminez votre inscription
spa-signup-full-name-label = Nom complet (facultatif)
spa-session-heading = Votre session
spa-signed-in-as = Connecté en tant que { $user }
spa-email-unconfirmed = (adresse e-mail non confirmée)
spa-sign-out-everywhere-explanation = Met fin à toutes les sessions de votre compte : ce navigateur et tous les autres appareils.
spa-sign-in-with = Se connecter avec { $provider }
spa-reconnect = Réassocier { $provider }
spa-account-connected = Associé
spa-account-not-connected = Non associé
spa-account-needs-reconnect = À réassocier : reconnectez-vous avec ce compte
spa-going-to-provider = Redirection vers le fournisseur…
spa-error-network = Le serveur est injoignable (erreur réseau ou requête cross-origin refusée).
spa-error-http = Le serveur a répondu HTTP { $status }.
spa-error-detail-status = HTTP { $status }
spa-error-detail-code = code { $code }
spa-error-bad-authorization-url = Le serveur a renvoyé une URL d’autorisation qui n’est pas en http(s).
spa-field-error = { $field } : { $message }
spa-field-email = Adresse e-mail
spa-field-full-name = Nom complet

## The single-page app: texts the library's pages also show (the same words as the
## library's catalog; the API serves a client only spa-* messages)

spa-language-label = Langue
spa-signup-submit = S’inscrire
spa-linked-accounts-heading = Comptes liés
spa-sign-out-heading = Se déconnecter
spa-sign-out-everywhere = Se déconnecter partout
spa-connect = Associer { $provider }
spa-disconnect = Dissocier { $provider }
