### Example hosts (demo, axum example app, single-page app): Dutch catalog (reference: en-hosts.ftl).

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

## The axum example app (examples/axum-app/templates/home.html)

axum-app-brand = oauthclient op axum
axum-app-signed-in-as = Ingelogd als { $user }.
axum-app-signed-out = Niet ingelogd.
axum-app-sign-in-with = Inloggen met { $provider }
axum-app-not-found = Niet gevonden.

## The single-page app (examples/spa/index.html, app.js)

spa-title = oauthclient-rs-single-page-app
spa-intro = Gewone HTML en JavaScript die praten met de JSON-API onder { $path }.
spa-loading = Laden…
spa-sign-in-heading = Inloggen
spa-signed-out-intro = Je bent niet ingelogd. Kies hoe je wilt inloggen:
spa-remember-me = Onthoud mij op dit apparaat
spa-signup-heading = Rond je registratie af
spa-signup-full-name-label = Volledige naam (optioneel)
spa-session-heading = Je sessie
spa-signed-in-as = Ingelogd als { $user }
spa-email-unconfirmed = (e-mailadres niet bevestigd)
spa-sign-out-everywhere-explanation = Beëindigt elke sessie van je account: deze browser en elk ander apparaat.
spa-sign-in-with = Inloggen met { $provider }
spa-reconnect = { $provider } opnieuw koppelen
spa-account-connected = Gekoppeld
spa-account-not-connected = Niet gekoppeld
spa-account-needs-reconnect = Moet opnieuw worden gekoppeld: log er opnieuw mee in
spa-going-to-provider = Doorsturen naar de provider…
spa-error-network = De server was niet bereikbaar (netwerkfout of een geweigerd cross-origin-verzoek).
spa-error-http = De server antwoordde met HTTP { $status }.
spa-error-detail-status = HTTP { $status }
spa-error-detail-code = code { $code }
spa-error-bad-authorization-url = De server gaf een autorisatie-URL terug die geen http(s) is.
spa-field-error = { $field }: { $message }
spa-field-email = E-mailadres
spa-field-full-name = Volledige naam
