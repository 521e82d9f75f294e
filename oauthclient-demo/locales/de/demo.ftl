### The demo's own pages (oauthclient-demo): de catalog.

## The demo: navigation (base.html, oauthclient_base.html)

demo-brand = oauthclient-rs-Demo
demo-nav-home = Start
demo-nav-mailbox = Postfach
demo-nav-email = E-Mail
demo-nav-email-unconfirmed = (unbestätigt)
demo-nav-sign-in = Anmelden
demo-nav-register = Registrieren
demo-nav-sign-out = Abmelden

## The demo: home page (home.html)

demo-home-welcome = Willkommen
demo-home-welcome-name = Willkommen, { $name }
demo-home-sign-in-heading = Anmelden
demo-home-linked-intro = Mit Ihrem Konto verknüpfte Dienste und weitere, die Sie verbinden können:
demo-home-sign-in-intro = Verwenden Sie ein Konto, das Sie bereits haben:
demo-home-linked = { $provider } verknüpft ✓
demo-home-sign-in-with = Mit { $provider } anmelden
demo-home-password-sign-in = Oder { $link }.
    .link = melden Sie sich mit E-Mail-Adresse und Passwort an
demo-home-sandbox = Sandbox-Modus: Der Anbieter unter { $url } ist ein lokaler Platzhalter; jeder Benutzername und jedes Passwort funktioniert.

## The demo: password sign-in and registration (login.html, register.html, local_accounts.rs)

demo-login-title = Anmelden
demo-login-identifier-label = E-Mail-Adresse oder Benutzername
demo-login-password-label = Passwort
demo-login-submit = Anmelden
demo-login-no-account = Kein Konto? { $register } oder melden Sie sich auf der { $home } über einen Anbieter an.
    .register = Registrieren Sie sich
    .home = Startseite
demo-login-wrong-credentials = E-Mail-Adresse oder Passwort ist falsch.
demo-login-email-unconfirmed = Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse: Folgen Sie dem Link, den wir Ihnen gesendet haben, oder fordern Sie unten einen neuen an.
demo-login-rate-limited =
    { $seconds ->
        [one] Zu viele Anmeldeversuche. Bitte warten Sie { $seconds } Sekunde und versuchen Sie es erneut.
       *[other] Zu viele Anmeldeversuche. Bitte warten Sie { $seconds } Sekunden und versuchen Sie es erneut.
    }
demo-register-title = Registrieren
demo-register-username-label = Benutzername (optional: eine zweite Möglichkeit, sich anzumelden)
demo-register-password-label = Passwort (mindestens { $min } Zeichen)
demo-register-submit = Registrieren
demo-register-password-too-short = Bitte wählen Sie ein Passwort mit mindestens { $min } Zeichen.
demo-register-password-unusable = Dieses Passwort kann nicht verwendet werden.
demo-register-username-at = Ein Benutzername darf kein „@“ enthalten (er sähe sonst wie eine E-Mail-Adresse aus).
demo-check-inbox-resend-label = Neuen Link senden an
demo-flash-created = Ihr Konto wurde erstellt.
demo-flash-created-link-sent = Ihr Konto wurde erstellt. Wir haben Ihnen einen Link zur Bestätigung Ihrer E-Mail-Adresse gesendet.
demo-flash-created-mail-failed = Ihr Konto wurde erstellt, aber die Bestätigungs-E-Mail konnte nicht gesendet werden. Fordern Sie unter „E-Mail“ einen neuen Link an.
demo-error-form-expired = Das Formular ist abgelaufen; bitte laden Sie die Seite neu.
demo-not-found = Nicht gefunden.

## The demo: sandbox mailbox (mailbox.html)

demo-mailbox-title = Sandbox-Postfach
demo-mailbox-intro = Die Demo läuft ohne SMTP-Server: Die E-Mails, die sie senden würde, werden hier aufbewahrt, die neuesten zuerst, bis sie beendet wird.
demo-mailbox-to = An:
demo-mailbox-subject = Betreff:
demo-mailbox-empty = Noch keine E-Mails.
demo-mailbox-smtp = E-Mails werden über den konfigurierten SMTP-Server versendet.

## The sandbox sign-in method, shown on the library's pages

app-sandbox-title = Sandbox
app-sandbox-description = Ein lokaler Platzhalter-Anbieter: Jeder Benutzername und jedes Passwort funktioniert.
