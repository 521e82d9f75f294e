### The axum example app (examples/axum-app): nl catalog.

## The sandbox sign-in method, shown on the library's pages

app-sandbox-title = Sandbox
app-sandbox-description = Een lokale vervangende provider: elke gebruikersnaam en elk wachtwoord werkt.

## The axum example app (examples/axum-app/templates/home.html)

axum-app-brand = oauthclient op axum
axum-app-signed-in-as = Ingelogd als { $user }.
axum-app-signed-out = Niet ingelogd.
axum-app-sign-in-with = Inloggen met { $provider }
axum-app-not-found = Niet gevonden.
