### The demo's own pages (oauthclient-demo): es catalog.

## The demo: navigation (base.html, oauthclient_base.html)

demo-brand = Demo de oauthclient-rs
demo-nav-home = Inicio
demo-nav-mailbox = Buzón
demo-nav-email = Correo
demo-nav-email-unconfirmed = (sin confirmar)
demo-nav-sign-in = Iniciar sesión
demo-nav-register = Registrarse
demo-nav-sign-out = Cerrar sesión

## The demo: home page (home.html)

demo-home-welcome = Te damos la bienvenida
demo-home-welcome-name = Hola, { $name }
demo-home-sign-in-heading = Iniciar sesión
demo-home-linked-intro = Servicios vinculados a tu cuenta y otros que puedes vincular:
demo-home-sign-in-intro = Usa una cuenta que ya tengas:
demo-home-linked = { $provider } vinculado ✓
demo-home-sign-in-with = Iniciar sesión con { $provider }
demo-home-password-sign-in = O { $link }.
    .link = inicia sesión con tu correo electrónico y contraseña
demo-home-sandbox = Modo de pruebas: el proveedor en { $url } es un sustituto local; funciona cualquier nombre de usuario y contraseña.

## The demo: password sign-in and registration (login.html, register.html, local_accounts.rs)

demo-login-title = Iniciar sesión
demo-login-identifier-label = Correo electrónico o nombre de usuario
demo-login-password-label = Contraseña
demo-login-submit = Iniciar sesión
demo-login-no-account = ¿No tienes cuenta? { $register } o inicia sesión con un proveedor en la { $home }.
    .register = Regístrate
    .home = página de inicio
demo-login-wrong-credentials = El correo electrónico o la contraseña no son correctos.
demo-login-email-unconfirmed = Primero confirma tu dirección de correo electrónico: sigue el enlace que te enviamos o solicita uno nuevo más abajo.
demo-login-rate-limited =
    { $seconds ->
        [one] Demasiados intentos de inicio de sesión. Espera { $seconds } segundo y vuelve a intentarlo.
       *[other] Demasiados intentos de inicio de sesión. Espera { $seconds } segundos y vuelve a intentarlo.
    }
demo-register-title = Registrarse
demo-register-username-label = Nombre de usuario (opcional: una segunda forma de iniciar sesión)
demo-register-password-label = Contraseña (al menos { $min } caracteres)
demo-register-submit = Registrarse
demo-register-password-too-short = Elige una contraseña de al menos { $min } caracteres.
demo-register-password-unusable = Esta contraseña no se puede usar.
demo-register-username-at = Un nombre de usuario no puede contener «@» (se leería como una dirección de correo electrónico).
demo-check-inbox-resend-label = Enviar un enlace nuevo a
demo-flash-created = Tu cuenta se ha creado.
demo-flash-created-link-sent = Tu cuenta se ha creado. Te hemos enviado un enlace para confirmar tu dirección de correo electrónico.
demo-flash-created-mail-failed = Tu cuenta se ha creado, pero no se ha podido enviar el correo de confirmación. Solicita un enlace nuevo en Correo.
demo-error-form-expired = El formulario ha caducado; vuelve a cargar la página.
demo-not-found = No encontrado.

## The demo: sandbox mailbox (mailbox.html)

demo-mailbox-title = Buzón de pruebas
demo-mailbox-intro = La demo funciona sin servidor SMTP: los correos que enviaría se guardan aquí, de más reciente a más antiguo, hasta que se detiene.
demo-mailbox-to = Para:
demo-mailbox-subject = Asunto:
demo-mailbox-empty = Todavía no hay correos.
demo-mailbox-smtp = El correo se envía a través del servidor SMTP configurado.

## The sandbox sign-in method, shown on the library's pages

app-sandbox-title = Entorno de pruebas
app-sandbox-description = Un proveedor sustituto local: funciona cualquier nombre de usuario y contraseña.
