### The single-page app's static strings (examples/spa), served by GET /api/oauth/locale: de catalog.

## The single-page app (examples/spa/index.html, app.js)

spa-title = oauthclient-rs-Single-Page-App
spa-intro = Einfaches HTML und JavaScript, das mit der JSON-API unter { $path } kommuniziert.
spa-loading = Wird geladen …
spa-sign-in-heading = Anmelden
spa-signed-out-intro = Sie sind nicht angemeldet. Wählen Sie, wie Sie sich anmelden möchten:
spa-remember-me = Auf diesem Gerät angemeldet bleiben
spa-signup-heading = Registrierung abschließen
spa-signup-full-name-label = Vollständiger Name (optional)
spa-session-heading = Ihre Sitzung
spa-signed-in-as = Angemeldet als { $user }
spa-email-unconfirmed = (E-Mail-Adresse nicht bestätigt)
spa-sign-out-everywhere-explanation = Beendet alle Sitzungen Ihres Kontos: in diesem Browser und auf allen anderen Geräten.
spa-sign-in-with = Mit { $provider } anmelden
spa-reconnect = { $provider } erneut verbinden
spa-account-connected = Verbunden
spa-account-not-connected = Nicht verbunden
spa-account-needs-reconnect = Erneute Verbindung nötig: Melden Sie sich erneut damit an
spa-going-to-provider = Weiterleitung zum Anbieter …
spa-error-network = Der Server war nicht erreichbar (Netzwerkfehler oder abgelehnte Cross-Origin-Anfrage).
spa-error-http = Der Server hat mit HTTP { $status } geantwortet.
spa-error-detail-status = HTTP { $status }
spa-error-detail-code = Code { $code }
spa-error-bad-authorization-url = Der Server hat eine Autorisierungs-URL geliefert, die nicht http(s) ist.
spa-field-error = { $field }: { $message }
spa-field-email = E-Mail-Adresse
spa-field-full-name = Vollständiger Name

## The single-page app: texts the library's pages also show (the same words as the
## library's catalog; the API serves a client only spa-* messages)

spa-language-label = Sprache
spa-signup-submit = Registrieren
spa-linked-accounts-heading = Verknüpfte Konten
spa-sign-out-heading = Abmelden
spa-sign-out-everywhere = Überall abmelden
spa-connect = { $provider } verbinden
spa-disconnect = { $provider } trennen
