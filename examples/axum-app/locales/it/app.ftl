### The axum example app (examples/axum-app): it catalog.

## The sandbox sign-in method, shown on the library's pages

app-sandbox-title = Sandbox
app-sandbox-description = Un provider sostitutivo locale: funzionano qualsiasi nome utente e password.

## The axum example app (examples/axum-app/templates/home.html)

axum-app-brand = oauthclient su axum
axum-app-signed-in-as = Accesso effettuato come { $user }.
axum-app-signed-out = Accesso non effettuato.
axum-app-sign-in-with = Accedi con { $provider }
axum-app-not-found = Non trovato.
