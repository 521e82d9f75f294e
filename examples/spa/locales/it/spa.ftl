### The single-page app's static strings (examples/spa), served by GET /api/oauth/locale: it catalog.

## The single-page app (examples/spa/index.html, app.js)

spa-title = App a pagina singola di oauthclient-rs
spa-intro = Semplice HTML e JavaScript che comunicano con l’API JSON sotto { $path }.
spa-loading = Caricamento…
spa-sign-in-heading = Accedi
spa-signed-out-intro = Non hai effettuato l’accesso. Scegli come accedere:
spa-remember-me = Ricordami su questo dispositivo
spa-signup-heading = Completa la registrazione
spa-signup-full-name-label = Nome e cognome (facoltativo)
spa-session-heading = La tua sessione
spa-signed-in-as = Accesso effettuato come { $user }
spa-email-unconfirmed = (indirizzo email non confermato)
spa-sign-out-everywhere-explanation = Chiude tutte le sessioni del tuo account: questo browser e ogni altro dispositivo.
spa-sign-in-with = Accedi con { $provider }
spa-reconnect = Ricollega { $provider }
spa-account-connected = Collegato
spa-account-not-connected = Non collegato
spa-account-needs-reconnect = Da ricollegare: accedi di nuovo con questo account
spa-going-to-provider = Reindirizzamento al provider…
spa-error-network = Impossibile raggiungere il server (errore di rete o richiesta cross-origin rifiutata).
spa-error-http = Il server ha risposto HTTP { $status }.
spa-error-detail-status = HTTP { $status }
spa-error-detail-code = codice { $code }
spa-error-bad-authorization-url = Il server ha restituito un URL di autorizzazione che non è http(s).
spa-field-error = { $field }: { $message }
spa-field-email = Indirizzo email
spa-field-full-name = Nome e cognome

## The single-page app: texts the library's pages also show (the same words as the
## library's catalog; the API serves a client only spa-* messages)

spa-language-label = Lingua
spa-signup-submit = Registrati
spa-linked-accounts-heading = Account collegati
spa-sign-out-heading = Esci
spa-sign-out-everywhere = Esci da tutti i dispositivi
spa-connect = Collega { $provider }
spa-disconnect = Scollega { $provider }
