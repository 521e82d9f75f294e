### The axum example app (examples/axum-app): de catalog.

## The sandbox sign-in method, shown on the library's pages

app-sandbox-title = Sandbox
app-sandbox-description = Ein lokaler Platzhalter-Anbieter: Jeder Benutzername und jedes Passwort funktioniert.

## The axum example app (examples/axum-app/templates/home.html)

axum-app-brand = oauthclient mit axum
axum-app-signed-in-as = Angemeldet als { $user }.
axum-app-signed-out = Nicht angemeldet.
axum-app-sign-in-with = Mit { $provider } anmelden
axum-app-not-found = Nicht gefunden.
