### The demo's own pages (oauthclient-demo): it catalog.

## The demo: navigation (base.html, oauthclient_base.html)

demo-brand = Demo di oauthclient-rs
demo-nav-home = Home
demo-nav-mailbox = Casella di posta
demo-nav-email = Email
demo-nav-email-unconfirmed = (non confermato)
demo-nav-sign-in = Accedi
demo-nav-register = Registrati
demo-nav-sign-out = Esci

## The demo: home page (home.html)

demo-home-welcome = Ti diamo il benvenuto
demo-home-welcome-name = Ciao, { $name }
demo-home-sign-in-heading = Accedi
demo-home-linked-intro = Servizi collegati al tuo account e altri che puoi collegare:
demo-home-sign-in-intro = Usa un account che hai già:
demo-home-linked = { $provider } collegato ✓
demo-home-sign-in-with = Accedi con { $provider }
demo-home-password-sign-in = Oppure { $link }.
    .link = accedi con email e password
demo-home-sandbox = Modalità sandbox: il provider all’indirizzo { $url } è un sostituto locale; funzionano qualsiasi nome utente e password.

## The demo: password sign-in and registration (login.html, register.html, local_accounts.rs)

demo-login-title = Accedi
demo-login-identifier-label = Indirizzo email o nome utente
demo-login-password-label = Password
demo-login-submit = Accedi
demo-login-no-account = Non hai un account? { $register } oppure accedi con un provider dalla { $home }.
    .register = Registrati
    .home = pagina iniziale
demo-login-wrong-credentials = Indirizzo email o password errati.
demo-login-email-unconfirmed = Prima conferma il tuo indirizzo email: segui il link che ti abbiamo inviato o richiedine uno nuovo qui sotto.
demo-login-rate-limited =
    { $seconds ->
        [one] Troppi tentativi di accesso. Attendi { $seconds } secondo e riprova.
       *[other] Troppi tentativi di accesso. Attendi { $seconds } secondi e riprova.
    }
demo-register-title = Registrati
demo-register-username-label = Nome utente (facoltativo: un secondo modo per accedere)
demo-register-password-label = Password (almeno { $min } caratteri)
demo-register-submit = Registrati
demo-register-password-too-short = Scegli una password di almeno { $min } caratteri.
demo-register-password-unusable = Questa password non può essere usata.
demo-register-username-at = Un nome utente non può contenere «@» (verrebbe letto come un indirizzo email).
demo-check-inbox-resend-label = Invia un nuovo link a
demo-flash-created = Il tuo account è stato creato.
demo-flash-created-link-sent = Il tuo account è stato creato. Ti abbiamo inviato un link per confermare il tuo indirizzo email.
demo-flash-created-mail-failed = Il tuo account è stato creato, ma non è stato possibile inviare l’email di conferma. Richiedi un nuovo link nella sezione Email.
demo-error-form-expired = Il modulo è scaduto; ricarica la pagina.
demo-not-found = Non trovato.

## The demo: sandbox mailbox (mailbox.html)

demo-mailbox-title = Casella di posta della sandbox
demo-mailbox-intro = La demo funziona senza server SMTP: le email che invierebbe vengono conservate qui, dalla più recente, finché non si arresta.
demo-mailbox-to = A:
demo-mailbox-subject = Oggetto:
demo-mailbox-empty = Ancora nessuna email.
demo-mailbox-smtp = Le email vengono inviate tramite il server SMTP configurato.

## The sandbox sign-in method, shown on the library's pages

app-sandbox-title = Sandbox
app-sandbox-description = Un provider sostitutivo locale: funzionano qualsiasi nome utente e password.
