### The axum example app (examples/axum-app): English, the reference catalog.

## The sandbox sign-in method, shown on the library's pages (the app-<name>-title /
## app-<name>-description convention overrides the configuration's title and description)

app-sandbox-title = Sandbox
app-sandbox-description = A local stand-in provider: any username and password work.

## The axum example app (examples/axum-app/templates/home.html)

axum-app-brand = oauthclient on axum
# $user is shown in bold.
axum-app-signed-in-as = Signed in as { $user }.
axum-app-signed-out = Not signed in.
axum-app-sign-in-with = Sign in with { $provider }
axum-app-not-found = Not found.
