### The axum example app (examples/axum-app): fr catalog.

## The sandbox sign-in method, shown on the library's pages

app-sandbox-title = Bac à sable
app-sandbox-description = Un fournisseur simulé en local : n’importe quel nom d’utilisateur et mot de passe fonctionnent.

## The axum example app (examples/axum-app/templates/home.html)

axum-app-brand = oauthclient sur axum
axum-app-signed-in-as = Connecté en tant que { $user }.
axum-app-signed-out = Non connecté.
axum-app-sign-in-with = Se connecter avec { $provider }
axum-app-not-found = Introuvable.
