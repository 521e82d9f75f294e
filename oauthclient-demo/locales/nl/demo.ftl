### The demo's own pages (oauthclient-demo): nl catalog.

## The demo: navigation (base.html, oauthclient_base.html)

demo-brand = oauthclient-rs-demo
demo-nav-home = Home
demo-nav-mailbox = Postvak
demo-nav-email = E-mail
demo-nav-email-unconfirmed = (niet bevestigd)
demo-nav-sign-in = Inloggen
demo-nav-register = Registreren
demo-nav-sign-out = Uitloggen

## The demo: home page (home.html)

demo-home-welcome = Welkom
demo-home-welcome-name = Welkom, { $name }
demo-home-sign-in-heading = Inloggen
demo-home-linked-intro = Diensten die aan je account zijn gekoppeld, en andere die je kunt koppelen:
demo-home-sign-in-intro = Gebruik een account dat je al hebt:
demo-home-linked = { $provider } gekoppeld ✓
demo-home-sign-in-with = Inloggen met { $provider }
demo-home-password-sign-in = Of { $link }.
    .link = log in met je e-mailadres en wachtwoord
demo-home-sandbox = Sandboxmodus: de provider op { $url } is een lokale vervanger; elke gebruikersnaam en elk wachtwoord werkt.

## The demo: password sign-in and registration (login.html, register.html, local_accounts.rs)

demo-login-title = Inloggen
demo-login-identifier-label = E-mailadres of gebruikersnaam
demo-login-password-label = Wachtwoord
demo-login-submit = Inloggen
demo-login-no-account = Geen account? { $register } of log in met een provider op de { $home }.
    .register = Registreer je
    .home = startpagina
demo-login-wrong-credentials = Onjuist e-mailadres of wachtwoord.
demo-login-email-unconfirmed = Bevestig eerst je e-mailadres: volg de link die we je hebben gestuurd of vraag hieronder een nieuwe aan.
demo-login-rate-limited =
    { $seconds ->
        [one] Te veel inlogpogingen. Wacht { $seconds } seconde en probeer het opnieuw.
       *[other] Te veel inlogpogingen. Wacht { $seconds } seconden en probeer het opnieuw.
    }
demo-register-title = Registreren
demo-register-username-label = Gebruikersnaam (optioneel: een tweede manier om in te loggen)
demo-register-password-label = Wachtwoord (minstens { $min } tekens)
demo-register-submit = Registreren
demo-register-password-too-short = Kies een wachtwoord van minstens { $min } tekens.
demo-register-password-unusable = Dit wachtwoord kan niet worden gebruikt.
demo-register-username-at = Een gebruikersnaam mag geen ‘@’ bevatten (dan lijkt het een e-mailadres).
demo-check-inbox-resend-label = Stuur een nieuwe link naar
demo-flash-created = Je account is aangemaakt.
demo-flash-created-link-sent = Je account is aangemaakt. We hebben je een link gestuurd om je e-mailadres te bevestigen.
demo-flash-created-mail-failed = Je account is aangemaakt, maar de bevestigingsmail kon niet worden verstuurd. Vraag een nieuwe link aan onder E-mail.
demo-error-form-expired = Het formulier is verlopen; laad de pagina opnieuw.
demo-not-found = Niet gevonden.

## The demo: sandbox mailbox (mailbox.html)

demo-mailbox-title = Sandbox-postvak
demo-mailbox-intro = De demo draait zonder SMTP-server: de e-mail die hij zou versturen, wordt hier bewaard, nieuwste eerst, totdat hij stopt.
demo-mailbox-to = Aan:
demo-mailbox-subject = Onderwerp:
demo-mailbox-empty = Nog geen e-mail.
demo-mailbox-smtp = E-mail wordt verstuurd via de geconfigureerde SMTP-server.

## The sandbox sign-in method, shown on the library's pages

app-sandbox-title = Sandbox
app-sandbox-description = Een lokale vervangende provider: elke gebruikersnaam en elk wachtwoord werkt.
