### The single-page app's static strings (examples/spa), served by GET /api/oauth/locale: nl catalog.

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

## The single-page app: texts the library's pages also show (the same words as the
## library's catalog; the API serves a client only spa-* messages)

spa-language-label = Taal
spa-signup-submit = Registreren
spa-linked-accounts-heading = Gekoppelde accounts
spa-sign-out-heading = Uitloggen
spa-sign-out-everywhere = Overal uitloggen
spa-connect = { $provider } koppelen
spa-disconnect = { $provider } ontkoppelen
