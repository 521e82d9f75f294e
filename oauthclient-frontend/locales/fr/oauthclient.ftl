### oauthclient: French catalog (reference: en.ftl; same ids, attributes and variables).
### Terms: se connecter/connexion (sign in), se déconnecter/déconnexion (sign out),
### s'inscrire/inscription (sign up), associer (connect), dissocier (disconnect),
### Comptes liés (linked accounts), adresse e-mail, lien de confirmation. Form of address: "vous".

## Shared words

locale-name = Français
page-title-default = Comptes
common-back = Retour
common-cancel = Annuler
common-list-separator = {", "}

## The connect page: linking a provider while signed in (connect.html)

login-connect-title = Associer { $provider }
login-connect-heading = Associer { $provider } ?
login-connect-explanation = Vous êtes connecté. Si vous continuez, le compte { $provider } avec lequel vous vous connectez sera lié à ce compte.
login-connect-submit = Associer { $provider }

## Linked accounts (linkedaccounts.html)

linked-accounts-title = Comptes liés
linked-accounts-intro = Associez votre compte à ces services pour pouvoir vous connecter avec eux.
linked-accounts-connect = Associer
linked-accounts-disconnect = Dissocier
linked-accounts-reconnect = Réassocier
linked-accounts-reconnect-hint = L’autorisation enregistrée a expiré : reconnectez-vous avec { $provider }
linked-accounts-sign-out-everywhere = Se déconnecter partout
linked-accounts-sign-out-everywhere-hint = Met fin à toutes les sessions de votre compte, sur tous les appareils, y compris celui-ci

## Disconnecting a provider (disconnect.html)

disconnect-title = Dissocier { $provider }
disconnect-heading = Dissocier { $provider } ?
disconnect-explanation = Vous ne pourrez plus vous connecter avec { $provider }, et nous supprimerons l’accès qui nous avait été accordé.
disconnect-submit = Dissocier

## Signing out (logout.html)

logout-title = Se déconnecter
logout-heading = Se déconnecter ?
logout-submit = Se déconnecter

## Sign-up step: the provider gave no usable e-mail address (signup.html)

signup-title = S’inscrire avec { $provider }
signup-intro = { $provider } ne nous a pas transmis d’adresse e-mail utilisable. Veuillez en saisir une pour terminer la création de votre compte.
signup-email-label = Adresse e-mail
signup-full-name-label = Nom complet
signup-submit = S’inscrire

## Sign-up form errors (shown beside the field)

signup-error-email-missing = Veuillez saisir votre adresse e-mail.
signup-error-email-invalid = Veuillez saisir une adresse e-mail valide.
signup-error-email-domain = Le domaine de cette adresse e-mail n’est pas valide tel qu’il est écrit (vérifiez qu’il ne contient pas de caractères ressemblants ou de caractères pleine chasse).
signup-error-email-registered = Cette adresse e-mail est déjà enregistrée. Connectez-vous d’abord avec elle, puis liez votre compte.
signup-error-email-taken = Cette adresse e-mail est déjà enregistrée.
signup-error-username-taken = Ce nom d’utilisateur est déjà pris.
signup-error-unconfirmed-claim-first = Un compte avec cette adresse e-mail existe mais n’a jamais été confirmé : connectez-vous à ce compte et associez-le, ou continuez avec un nouveau compte.

## "Is this your account?": an unconfirmed account claims the address (unconfirmed_claim.html)

unconfirmed-claim-title = Est-ce votre compte ?
unconfirmed-claim-intro = Un compte avec l’adresse { $email } existe ici, mais cette adresse n’a jamais été confirmée.
unconfirmed-claim-mine-heading = C’est le mien
unconfirmed-claim-mine-explanation = Connectez-vous à ce compte (avec son mot de passe), puis associez-y { $provider } : { $provider } confirmera alors l’adresse pour vous.
unconfirmed-claim-mine-sign-in = Me connecter à mon compte
unconfirmed-claim-mine-no-login = Connectez-vous à ce compte, puis associez { $provider } depuis vos comptes liés.
unconfirmed-claim-not-mine-heading = Ce n’est pas le mien
unconfirmed-claim-not-mine-explanation = Continuez avec votre propre nouveau compte pour { $email }, connecté avec { $provider }. L’autre compte perd sa revendication non confirmée sur l’adresse ; il conserve son mot de passe et en sera informé lors de sa prochaine connexion.
unconfirmed-claim-not-mine-submit = Continuer avec un nouveau compte

## Following a confirmation link (confirm_email.html)

confirm-email-title = Confirmer une adresse e-mail
confirm-email-intro = Ce lien confirme { $email } pour ce compte :
confirm-email-account-username = Nom d’utilisateur
confirm-email-account-name = Nom
confirm-email-account-created = Créé le
confirm-email-account-signs-in-with = Connexion avec
confirm-email-account-password-only = un mot de passe uniquement
confirm-email-not-yours-warning = Si vous n’avez pas créé ce compte, ne confirmez pas :
confirm-email-not-yours-explanation = ignorez ce lien et l’e-mail qui le contenait. Quelqu’un a peut-être saisi votre adresse par erreur (ou volontairement) ; rien ne se passe sans le titulaire du compte.
confirm-email-submit-signed-in = Confirmer { $email } pour mon compte
confirm-email-other-account = Vous êtes connecté à un autre compte : ce lien ne lui est pas destiné.
confirm-email-holder-only = Seul le titulaire de ce compte peut confirmer son adresse.
confirm-email-password-label = Mot de passe de ce compte
confirm-email-submit-password = Confirmer { $email }
confirm-email-or-sign-in-with = Ou connectez-vous à ce compte avec { $providers }, puis confirmez.
confirm-email-sign-in-then-confirm = { $link }, puis confirmez.
    .link = Connectez-vous à ce compte

## "Check your inbox" (confirmation_sent.html)

confirmation-sent-title = Consultez votre boîte de réception
confirmation-sent-created = Votre compte a été créé. Suivez le lien que nous avons envoyé à votre adresse e-mail pour la confirmer, puis connectez-vous.
confirmation-sent-created-mail-failed = Votre compte a été créé, mais l’e-mail de confirmation n’a pas pu être envoyé pour le moment. Demandez un nouveau lien ci-dessous dans un instant.
confirmation-sent-resent = Si un compte avec cette adresse attend une confirmation, un nouveau lien est en route.
confirmation-sent-resend-label = Vous ne l’avez pas reçu ? Envoyer un nouveau lien à
confirmation-sent-resend-submit = Envoyer un nouveau lien

## E-mail settings (email_settings.html)

email-settings-title = Adresse e-mail
email-settings-ended-claim = L’adresse { $email } n’est plus associée à votre compte : elle n’a jamais été confirmée, et un autre compte l’a confirmée (ou le délai de confirmation a expiré). Indiquez ci-dessous une adresse que vous pouvez confirmer.
email-settings-current = Votre adresse : { $email }
email-settings-confirmed = (confirmée)
email-settings-unconfirmed = (non confirmée)
email-settings-resend-submit = Envoyer un nouveau lien de confirmation
email-settings-no-address = Votre compte n’a pas d’adresse e-mail : la personne à qui appartient l’adresse a prouvé qu’elle était la sienne. Veuillez en indiquer une autre.
email-settings-new-label = Nouvelle adresse e-mail
email-settings-change-submit = Changer d’adresse

## One-time messages shown on the next page (flashes)

flash-linked = Votre compte { $provider } est maintenant lié.
flash-disconnected = Votre compte { $provider } a été dissocié.
flash-email-confirmed = Votre adresse e-mail { $email } est confirmée.
flash-confirmation-sent = Nous avons envoyé un lien de confirmation à { $email }.
flash-confirmation-resent = Nous avons envoyé un nouveau lien à { $email }.
flash-already-confirmed = Votre adresse est déjà confirmée.
flash-resend-cooldown = Un lien vient d’être envoyé ; veuillez patienter avant d’en demander un autre.
flash-email-changed = Votre adresse e-mail a été modifiée.
flash-email-changed-mail-failed = Votre adresse a été modifiée, mais l’e-mail de confirmation n’a pas pu être envoyé pour le moment. Demandez un nouveau lien dans un instant.
flash-signup-mail-failed = Votre compte a été créé, mais l’e-mail de confirmation n’a pas pu être envoyé. Demandez un nouveau lien depuis vos paramètres d’e-mail.
flash-signed-out-everywhere = Déconnexion effectuée sur tous les appareils.
flash-ended-claim = L’adresse { $email } n’est plus associée à votre compte : elle n’a jamais été confirmée, et un autre compte l’a confirmée (ou le délai de confirmation a expiré). Indiquez une nouvelle adresse dans vos paramètres d’e-mail.

## Error pages: headings and messages by kind of failure (error.html)

error-forbidden-heading = Demande refusée
error-forbidden = Cette demande de connexion n’a pas pu être vérifiée (elle a peut-être expiré ou déjà été utilisée). Veuillez recommencer.
error-not-found-heading = Introuvable
error-not-found = Cette méthode de connexion n’existe pas.
error-bad-gateway-heading = Échec de la connexion
error-bad-gateway = { $provider } n’a pas répondu comme prévu. Rien n’a été modifié ; veuillez réessayer plus tard.
error-unavailable-heading = Temporairement indisponible
error-unavailable = Le service est temporairement indisponible. Veuillez réessayer dans un instant.
error-misconfigured-heading = Connexion indisponible
error-misconfigured = Cette méthode de connexion n’est pas configurée correctement. Les administrateurs ont été prévenus.
error-conflict-heading = Le compte existe déjà
error-refused-heading = Non autorisé
error-bad-request-heading = Cela n’a pas fonctionné
error-malformed-request = La demande n’a pas pu être lue.
error-request-too-large = La demande est trop volumineuse.
error-rate-limited-heading = Trop de tentatives
error-rate-limited = Trop de tentatives de connexion. Veuillez patienter un instant, puis réessayer.
error-sign-in-required-heading = Connexion requise
error-sign-in-required = Veuillez vous connecter pour gérer vos comptes liés.
error-sign-in-link = Se connecter
error-resend-label = Envoyer un nouveau lien de confirmation à
error-resend-submit = Envoyer
error-render-failed-title = Erreur
error-render-failed = Cette page n’a pas pu être affichée.
error-conflict = Ceci est en conflit avec un autre compte. Rien n’a été modifié.
error-csrf-header = L’en-tête X-CSRF-Token est absent ou incorrect.
error-origin-not-allowed = Les requêtes provenant de cette origine ne sont pas autorisées.
error-invalid-state = Paramètre state invalide.

## Why a sign-in, link or confirmation ended (one per kind of error)

error-rejected = Vous avez refusé la demande d’authentification.
error-provider = { $provider } a signalé une erreur ({ $code }). Veuillez réessayer.
error-unknown-app = Il n’existe aucune méthode de connexion nommée « { $app } ».
error-already-linked = Ce service externe est déjà lié à un autre compte.
error-link-only = { $provider } ne peut être lié qu’à un compte existant. Veuillez d’abord vous connecter.
error-account-disabled = Ce compte est désactivé.
error-not-linked = Aucun compte { $provider } n’est lié.
error-reconnect-required = Votre compte { $provider } doit être réassocié.
error-no-signup-in-progress = Aucune inscription n’est en cours pour { $provider }. Veuillez vous reconnecter.
error-last-login-method = { $provider } est votre seul moyen de connexion. Définissez d’abord un mot de passe ou liez un autre compte.
error-email-in-use = Un compte avec cette adresse e-mail existe déjà. Connectez-vous d’abord à ce compte, puis associez { $provider } depuis Comptes liés.
error-signup-closed = Les inscriptions sont fermées : aucun nouveau compte ne peut être créé. Si vous avez déjà un compte, connectez-vous.
error-not-in-allowed-group = Votre compte n’appartient à aucun groupe autorisé ici.
error-email-unconfirmed = Veuillez d’abord confirmer votre adresse e-mail : suivez le lien que nous vous avons envoyé, ou demandez-en un nouveau.
error-mail-unavailable = L’e-mail de confirmation n’a pas pu être envoyé pour le moment. Veuillez réessayer plus tard.
error-login-option = Cette demande de connexion a été refusée : { $reason }.
error-confirmation-invalid = Ce lien de confirmation n’est pas valide.
error-confirmation-expired = Ce lien de confirmation a expiré. Demandez-en un nouveau.
error-confirmation-used = Ce lien de confirmation a déjà été utilisé.
error-confirmation-other-address = Ce lien de confirmation a été envoyé à une autre adresse que votre adresse actuelle.
error-confirmation-not-holder = Seul le titulaire de ce compte peut confirmer son adresse : connectez-vous à ce compte ou saisissez son mot de passe.
error-confirmation-held-by-another = Un autre compte a confirmé cette adresse en premier.

## Per-login options a request may carry (prompt, login_hint, max_age, acr_values, scope,
## remember). $option is the option's name as sent (e.g. max_age): do not translate it.

login-option-not-allowed = l’option `{ $option }` n’est pas autorisée pour cette méthode de connexion
login-option-scope-not-allowed = l’option `scope` ne peut pas demander `{ $scope }` pour cette méthode de connexion
login-option-invalid = `{ $option }` invalide : { $reason }
login-option-repeated = l’option `{ $option }` a été indiquée plusieurs fois
login-option-reason-prompt-values = utilisez none, login, consent ou select_account, séparés par des espaces
login-option-reason-prompt-repeated = une valeur est répétée
login-option-reason-prompt-none-alone = `none` ne peut pas être combiné avec d’autres valeurs
login-option-reason-login-hint = { $max } caractères au maximum, sans caractères de contrôle
login-option-reason-max-age = un nombre entier de secondes entre 0 et { $max }
login-option-reason-acr-values = des valeurs imprimables séparées par des espaces, { $max } caractères au maximum
login-option-reason-scope-empty = indiquez au moins un scope
login-option-reason-remember = utilisez 1 ou 0

## JSON API messages (beside a stable machine "code")

api-sign-in-required = Connexion requise.
api-disconnected = Dissocié avec succès.
api-signed-up = Inscription réussie.
api-confirmation-required = Compte créé. Confirmez l’adresse e-mail grâce au lien que nous avons envoyé, puis connectez-vous.
api-invalid-form = Veuillez corriger le formulaire.
api-error-bad-gateway = { $provider } n’a pas répondu comme prévu.
api-error-unavailable = Le service est temporairement indisponible.
api-error-misconfigured = Cette méthode de connexion n’est pas configurée correctement.

## A REST app's flow result, sent to it as ?message=

rest-authorized = Autorisation réussie.
rest-signup-required = Des informations supplémentaires sont nécessaires pour l’inscription.
rest-unconfirmed-claim = Un compte avec cette adresse e-mail existe mais n’a jamais été confirmé : s’il est à vous, connectez-vous à ce compte et associez à nouveau ; sinon, continuez.

## The confirmation mail (email/confirm_subject.txt, confirm.txt, confirm.html)

email-confirm-subject = Confirmez votre adresse e-mail
email-confirm-greeting = Bonjour,
email-confirm-intro = Quelqu’un a créé ou modifié un compte sur { $site } avec cette adresse e-mail : { $email }.
email-confirm-account-username = Nom d’utilisateur : { $username }
email-confirm-account-created = Créé le : { $date }
email-confirm-instructions-text = Si ce compte est le vôtre, confirmez l’adresse en ouvrant ce lien (il vous sera demandé de vous connecter au compte ou de saisir son mot de passe) :
email-confirm-instructions-html = Si ce compte est le vôtre, confirmez l’adresse (il vous sera demandé de vous connecter au compte ou de saisir son mot de passe) :
email-confirm-link-label = Confirmer l’adresse e-mail de mon compte
email-confirm-expiry =
    { $hours ->
        [one] Le lien ne fonctionne qu’une fois et expire dans { $hours } heure.
       *[other] Le lien ne fonctionne qu’une fois et expire dans { $hours } heures.
    }
email-confirm-not-yours-warning = Si vous n’avez pas créé ce compte, ignorez ce message et ne confirmez pas :
email-confirm-not-yours-explanation = l’adresse reste la vôtre, et rien ne se passe sans le lien et le mot de passe du compte.
