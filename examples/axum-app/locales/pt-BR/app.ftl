### The axum example app (examples/axum-app): pt-BR catalog.

## The sandbox sign-in method, shown on the library's pages

app-sandbox-title = Sandbox
app-sandbox-description = Um provedor substituto local: qualquer nome de usuário e senha funcionam.

## The axum example app (examples/axum-app/templates/home.html)

axum-app-brand = oauthclient com axum
axum-app-signed-in-as = Você entrou como { $user }.
axum-app-signed-out = Você não entrou.
axum-app-sign-in-with = Entrar com { $provider }
axum-app-not-found = Não encontrado.
