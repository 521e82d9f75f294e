### The axum example app (examples/axum-app): es catalog.

## The sandbox sign-in method, shown on the library's pages

app-sandbox-title = Entorno de pruebas
app-sandbox-description = Un proveedor sustituto local: funciona cualquier nombre de usuario y contraseña.

## The axum example app (examples/axum-app/templates/home.html)

axum-app-brand = oauthclient sobre axum
axum-app-signed-in-as = Sesión iniciada como { $user }.
axum-app-signed-out = No has iniciado sesión.
axum-app-sign-in-with = Iniciar sesión con { $provider }
axum-app-not-found = No encontrado.
