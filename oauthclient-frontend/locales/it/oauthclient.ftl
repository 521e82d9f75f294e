### oauthclient: Italian catalog (reference: en.ftl; same ids, attributes and variables).
### Terms: accedi/accesso (sign in), esci/disconnettiti (sign out), registrati/registrazione
### (sign up), collega (connect), scollega (disconnect), Account collegati (linked accounts),
### indirizzo email, link di conferma. Form of address: "tu".

## Shared words

locale-name = Italiano
page-title-default = Account
common-back = Indietro
common-cancel = Annulla
common-list-separator = {", "}

## The connect page: linking a provider while signed in (connect.html)

login-connect-title = Collega { $provider }
login-connect-heading = Collegare { $provider }?
login-connect-explanation = Hai già effettuato l’accesso. Se continui, l’account { $provider } con cui accedi verrà collegato a questo account.
login-connect-submit = Collega { $provider }

## Linked accounts (linkedaccounts.html)

linked-accounts-title = Account collegati
linked-accounts-intro = Collega il tuo account a questi servizi per accedere tramite loro.
linked-accounts-connect = Collega
linked-accounts-disconnect = Scollega
linked-accounts-reconnect = Ricollega
linked-accounts-reconnect-hint = L’autorizzazione salvata è scaduta: accedi di nuovo con { $provider }
linked-accounts-sign-out-everywhere = Esci da tutti i dispositivi
linked-accounts-sign-out-everywhere-hint = Chiude tutte le sessioni del tuo account, su ogni dispositivo, compreso questo

## Disconnecting a provider (disconnect.html)

disconnect-title = Scollega { $provider }
disconnect-heading = Scollegare { $provider }?
disconnect-explanation = Non potrai più accedere con { $provider } ed elimineremo l’accesso che ci era stato concesso.
disconnect-submit = Scollega

## Signing out (logout.html)

logout-title = Esci
logout-heading = Vuoi uscire?
logout-submit = Esci

## Sign-up step: the provider gave no usable e-mail address (signup.html)

signup-title = Registrati con { $provider }
signup-intro = { $provider } non ci ha fornito un indirizzo email utilizzabile. Inseriscine uno per completare la creazione del tuo account.
signup-email-label = Indirizzo email
signup-full-name-label = Nome e cognome
signup-submit = Registrati

## Sign-up form errors (shown beside the field)

signup-error-email-missing = Inserisci il tuo indirizzo email.
signup-error-email-invalid = Inserisci un indirizzo email valido.
signup-error-email-domain = Il dominio di questo indirizzo email non è valido così come è scritto (controlla che non contenga caratteri simili ad altri o caratteri a larghezza piena).
signup-error-email-registered = Questo indirizzo email è già registrato. Accedi prima con questo indirizzo, poi collega il tuo account.
signup-error-email-taken = Questo indirizzo email è già registrato.
signup-error-username-taken = Questo nome utente è già in uso.
signup-error-unconfirmed-claim-first = Esiste un account con questo indirizzo email, ma non è mai stato confermato: accedi a quell’account e collegalo, oppure continua con un nuovo account.

## "Is this your account?": an unconfirmed account claims the address (unconfirmed_claim.html)

unconfirmed-claim-title = È il tuo account?
unconfirmed-claim-intro = Qui esiste un account con l’indirizzo { $email }, ma il suo indirizzo non è mai stato confermato.
unconfirmed-claim-mine-heading = È mio
unconfirmed-claim-mine-explanation = Accedi a quell’account (con la sua password), poi collegaci { $provider }: sarà { $provider } a confermare l’indirizzo per te.
unconfirmed-claim-mine-sign-in = Accedi al mio account
unconfirmed-claim-mine-no-login = Accedi a quell’account, poi collega { $provider } dai tuoi account collegati.
unconfirmed-claim-not-mine-heading = Non è mio
unconfirmed-claim-not-mine-explanation = Continua con un nuovo account tutto tuo per { $email }, con accesso tramite { $provider }. L’altro account perde la sua rivendicazione non confermata sull’indirizzo; mantiene la sua password e ne verrà informato al prossimo accesso.
unconfirmed-claim-not-mine-submit = Continua con un nuovo account

## Following a confirmation link (confirm_email.html)

confirm-email-title = Conferma un indirizzo email
confirm-email-intro = Questo link conferma { $email } per questo account:
confirm-email-account-username = Nome utente
confirm-email-account-name = Nome
confirm-email-account-created = Creato il
confirm-email-account-signs-in-with = Accede con
confirm-email-account-password-only = solo una password
confirm-email-not-yours-warning = Se non hai creato tu questo account, non confermare:
confirm-email-not-yours-explanation = ignora questo link e l’email con cui è arrivato. Qualcuno potrebbe aver digitato il tuo indirizzo per errore (o di proposito); senza il titolare dell’account non succede nulla.
confirm-email-submit-signed-in = Conferma { $email } per il mio account
confirm-email-other-account = Hai effettuato l’accesso a un altro account: questo link non è destinato a quell’account.
confirm-email-holder-only = Solo il titolare di questo account può confermarne l’indirizzo.
confirm-email-password-label = Password di questo account
confirm-email-submit-password = Conferma { $email }
confirm-email-or-sign-in-with = Oppure accedi a questo account con { $providers }, poi conferma.
confirm-email-sign-in-then-confirm = { $link }, poi conferma.
    .link = Accedi a questo account

## "Check your inbox" (confirmation_sent.html)

confirmation-sent-title = Controlla la tua casella di posta
confirmation-sent-created = Il tuo account è stato creato. Segui il link che abbiamo inviato al tuo indirizzo email per confermarlo, poi accedi.
confirmation-sent-created-mail-failed = Il tuo account è stato creato, ma al momento non è stato possibile inviare l’email di conferma. Tra qualche istante richiedi un nuovo link qui sotto.
confirmation-sent-resent = Se un account con questo indirizzo è in attesa di conferma, un nuovo link è in arrivo.
confirmation-sent-resend-label = Non l’hai ricevuto? Invia un nuovo link a
confirmation-sent-resend-submit = Invia un nuovo link

## E-mail settings (email_settings.html)

email-settings-title = Indirizzo email
email-settings-ended-claim = L’indirizzo { $email } non è più associato al tuo account: non è mai stato confermato e un altro account lo ha confermato (oppure il tempo per confermarlo è scaduto). Imposta qui sotto un indirizzo che puoi confermare.
email-settings-current = Il tuo indirizzo: { $email }
email-settings-confirmed = (confermato)
email-settings-unconfirmed = (non confermato)
email-settings-resend-submit = Invia un nuovo link di conferma
email-settings-no-address = Il tuo account non ha un indirizzo email: la persona a cui appartiene l’indirizzo ha dimostrato che è suo. Impostane un altro.
email-settings-new-label = Nuovo indirizzo email
email-settings-change-submit = Cambia indirizzo

## One-time messages shown on the next page (flashes)

flash-linked = Il tuo account { $provider } è ora collegato.
flash-disconnected = Il tuo account { $provider } è stato scollegato.
flash-email-confirmed = Il tuo indirizzo email { $email } è confermato.
flash-confirmation-sent = Abbiamo inviato un link di conferma a { $email }.
flash-confirmation-resent = Abbiamo inviato un nuovo link a { $email }.
flash-already-confirmed = Il tuo indirizzo è già confermato.
flash-resend-cooldown = Un link è stato inviato poco fa; attendi prima di richiederne un altro.
flash-email-changed = Il tuo indirizzo email è stato cambiato.
flash-email-changed-mail-failed = Il tuo indirizzo è stato cambiato, ma al momento non è stato possibile inviare l’email di conferma. Tra qualche istante richiedi un nuovo link.
flash-signup-mail-failed = Il tuo account è stato creato, ma non è stato possibile inviare l’email di conferma. Richiedi un nuovo link dalle impostazioni email.
flash-signed-out-everywhere = Hai effettuato l’uscita da tutti i dispositivi.
flash-ended-claim = L’indirizzo { $email } non è più associato al tuo account: non è mai stato confermato e un altro account lo ha confermato (oppure il tempo per confermarlo è scaduto). Imposta un nuovo indirizzo nelle impostazioni email.

## Error pages: headings and messages by kind of failure (error.html)

error-forbidden-heading = Richiesta rifiutata
error-forbidden = Non è stato possibile verificare questa richiesta di accesso (potrebbe essere scaduta o essere già stata usata). Ricomincia.
error-not-found-heading = Non trovato
error-not-found = Questo metodo di accesso non esiste.
error-bad-gateway-heading = Accesso non riuscito
error-bad-gateway = { $provider } non ha risposto come previsto. Non è stato modificato nulla; riprova più tardi.
error-unavailable-heading = Temporaneamente non disponibile
error-unavailable = Il servizio è temporaneamente non disponibile. Riprova tra qualche istante.
error-misconfigured-heading = Accesso non disponibile
error-misconfigured = Questo metodo di accesso non è configurato correttamente. Gli amministratori sono stati avvisati.
error-conflict-heading = L’account esiste già
error-refused-heading = Non consentito
error-bad-request-heading = Qualcosa non ha funzionato
error-malformed-request = Non è stato possibile leggere la richiesta.
error-request-too-large = La richiesta è troppo grande.
error-rate-limited-heading = Troppi tentativi
error-rate-limited = Troppi tentativi di accesso. Attendi un momento e riprova.
error-sign-in-required-heading = Accesso richiesto
error-sign-in-required = Accedi per gestire i tuoi account collegati.
error-sign-in-link = Accedi
error-resend-label = Invia un nuovo link di conferma a
error-resend-submit = Invia
error-render-failed-title = Errore
error-render-failed = Non è stato possibile visualizzare questa pagina.
error-conflict = Questo è in conflitto con un altro account. Non è stato modificato nulla.
error-csrf-header = L’intestazione X-CSRF-Token manca o non è corretta.
error-origin-not-allowed = Le richieste da questa origine non sono consentite.
error-invalid-state = Parametro state non valido.

## Why a sign-in, link or confirmation ended (one per kind of error)

error-rejected = Hai rifiutato la richiesta di autenticazione.
error-provider = { $provider } ha segnalato un errore ({ $code }). Riprova.
error-unknown-app = Non esiste alcun metodo di accesso chiamato «{ $app }».
error-already-linked = Il servizio esterno è già collegato a un altro account.
error-link-only = { $provider } può essere collegato solo a un account esistente. Accedi prima.
error-account-disabled = Questo account è disattivato.
error-not-linked = Nessun account { $provider } è collegato.
error-reconnect-required = Il tuo account { $provider } deve essere ricollegato.
error-no-signup-in-progress = Nessuna registrazione in corso con { $provider }. Accedi di nuovo.
error-last-login-method = { $provider } è l’unico modo in cui puoi accedere. Prima imposta una password o collega un altro account.
error-email-in-use = Esiste già un account con questo indirizzo email. Accedi prima a quell’account, poi collega { $provider } da Account collegati.
error-signup-closed = Le registrazioni sono chiuse: non è possibile creare nuovi account. Se hai già un account, accedi.
error-not-in-allowed-group = Il tuo account non appartiene a nessun gruppo autorizzato qui.
error-email-unconfirmed = Prima conferma il tuo indirizzo email: segui il link che ti abbiamo inviato o richiedine uno nuovo.
error-mail-unavailable = Al momento non è stato possibile inviare l’email di conferma. Riprova più tardi.
error-login-option = Questa richiesta di accesso è stata rifiutata: { $reason }.
error-confirmation-invalid = Questo link di conferma non è valido.
error-confirmation-expired = Questo link di conferma è scaduto. Richiedine uno nuovo.
error-confirmation-used = Questo link di conferma è già stato usato.
error-confirmation-other-address = Questo link di conferma è stato inviato a un indirizzo diverso da quello attuale.
error-confirmation-not-holder = Solo il titolare di questo account può confermarne l’indirizzo: accedi all’account o inserisci la sua password.
error-confirmation-held-by-another = Un altro account ha confermato questo indirizzo per primo.

## Per-login options a request may carry (prompt, login_hint, max_age, acr_values, scope,
## remember). $option is the option's name as sent (e.g. max_age): do not translate it.

login-option-not-allowed = l’opzione `{ $option }` non è consentita per questo metodo di accesso
login-option-scope-not-allowed = l’opzione `scope` non può richiedere `{ $scope }` per questo metodo di accesso
login-option-invalid = `{ $option }` non valido: { $reason }
login-option-repeated = l’opzione `{ $option }` è stata indicata più di una volta
login-option-reason-prompt-values = usa none, login, consent o select_account, separati da spazi
login-option-reason-prompt-repeated = un valore è ripetuto
login-option-reason-prompt-none-alone = `none` non può essere combinato con altri valori
login-option-reason-login-hint = usa al massimo { $max } caratteri, senza caratteri di controllo
login-option-reason-max-age = usa un numero intero di secondi da 0 a { $max }
login-option-reason-acr-values = usa valori stampabili separati da spazi, al massimo { $max } caratteri
login-option-reason-scope-empty = indica almeno uno scope
login-option-reason-remember = usa 1 o 0

## JSON API messages (beside a stable machine "code")

api-sign-in-required = Accesso richiesto.
api-disconnected = Scollegato correttamente.
api-signed-up = Registrazione completata.
api-confirmation-required = Account creato. Conferma l’indirizzo email tramite il link che abbiamo inviato, poi accedi.
api-invalid-form = Correggi il modulo.
api-error-bad-gateway = { $provider } non ha risposto come previsto.
api-error-unavailable = Il servizio è temporaneamente non disponibile.
api-error-misconfigured = Questo metodo di accesso non è configurato correttamente.

## A REST app's flow result, sent to it as ?message=

rest-authorized = Autorizzazione riuscita.
rest-signup-required = Servono altre informazioni per completare la registrazione.
rest-unconfirmed-claim = Esiste un account con questo indirizzo email, ma non è mai stato confermato: se è tuo, accedi a quell’account e collega di nuovo; altrimenti, continua.

## The confirmation mail (email/confirm_subject.txt, confirm.txt, confirm.html)

email-confirm-subject = Conferma il tuo indirizzo email
email-confirm-greeting = Ciao,
email-confirm-intro = qualcuno ha creato o modificato un account su { $site } con questo indirizzo email: { $email }.
email-confirm-account-username = Nome utente: { $username }
email-confirm-account-created = Creato il: { $date }
email-confirm-instructions-text = Se questo account è tuo, conferma l’indirizzo aprendo questo link (ti verrà chiesto di accedere all’account o di inserirne la password):
email-confirm-instructions-html = Se questo account è tuo, conferma l’indirizzo (ti verrà chiesto di accedere all’account o di inserirne la password):
email-confirm-link-label = Conferma l’indirizzo email del mio account
email-confirm-expiry =
    { $hours ->
        [one] Il link funziona una sola volta e scade tra { $hours } ora.
       *[other] Il link funziona una sola volta e scade tra { $hours } ore.
    }
email-confirm-not-yours-warning = Se non hai creato tu questo account, ignora questo messaggio e non confermare:
email-confirm-not-yours-explanation = l’indirizzo resta tuo e senza il link e la password dell’account non succede nulla.
