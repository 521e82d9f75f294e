### The single-page app's static strings (examples/spa), served by GET /api/oauth/locale: es catalog.

## The single-page app (examples/spa/index.html, app.js)

spa-title = Aplicación de una sola página de oauthclient-rs
spa-intro = HTML y JavaScript sencillos que se comunican con la API JSON en { $path }.
spa-loading = Cargando…
spa-sign-in-heading = Iniciar sesión
spa-signed-out-intro = No has iniciado sesión. Elige cómo iniciar sesión:
spa-remember-me = Recordarme en este dispositivo
spa-signup-heading = Completa tu registro
spa-signup-full-name-label = Nombre completo (opcional)
spa-session-heading = Tu sesión
spa-signed-in-as = Sesión iniciada como { $user }
spa-email-unconfirmed = (dirección de correo electrónico sin confirmar)
spa-sign-out-everywhere-explanation = Cierra todas las sesiones de tu cuenta: este navegador y todos los demás dispositivos.
spa-sign-in-with = Iniciar sesión con { $provider }
spa-reconnect = Volver a vincular { $provider }
spa-account-connected = Vinculada
spa-account-not-connected = Sin vincular
spa-account-needs-reconnect = Hay que volver a vincularla: inicia sesión de nuevo con ella
spa-going-to-provider = Redirigiendo al proveedor…
spa-error-network = No se ha podido contactar con el servidor (error de red o solicitud de origen cruzado rechazada).
spa-error-http = El servidor respondió HTTP { $status }.
spa-error-detail-status = HTTP { $status }
spa-error-detail-code = código { $code }
spa-error-bad-authorization-url = El servidor devolvió una URL de autorización que no es http(s).
spa-field-error = { $field }: { $message }
spa-field-email = Correo electrónico
spa-field-full-name = Nombre completo

## The single-page app: texts the library's pages also show (the same words as the
## library's catalog; the API serves a client only spa-* messages)

spa-language-label = Idioma
spa-signup-submit = Registrarse
spa-linked-accounts-heading = Cuentas vinculadas
spa-sign-out-heading = Cerrar sesión
spa-sign-out-everywhere = Cerrar sesión en todas partes
spa-connect = Vincular { $provider }
spa-disconnect = Desvincular { $provider }
