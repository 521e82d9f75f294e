### oauthclient: Spanish catalog (reference: en.ftl; same ids, attributes and variables).
### Terms: iniciar sesión (sign in), cerrar sesión (sign out), registrarse/registro (sign up),
### vincular (connect), desvincular (disconnect), Cuentas vinculadas (linked accounts),
### dirección de correo electrónico, enlace de confirmación. Form of address: "tú".

## Shared words

locale-name = Español
page-title-default = Cuentas
common-back = Volver
common-cancel = Cancelar
common-list-separator = {", "}

## The connect page: linking a provider while signed in (connect.html)

login-connect-title = Vincular { $provider }
login-connect-heading = ¿Vincular { $provider }?
login-connect-explanation = Has iniciado sesión. Si continúas, la cuenta de { $provider } con la que inicies sesión se vinculará a esta cuenta.
login-connect-submit = Vincular { $provider }

## Linked accounts (linkedaccounts.html)

linked-accounts-title = Cuentas vinculadas
linked-accounts-intro = Vincula tu cuenta con estos servicios para iniciar sesión con ellos.
linked-accounts-connect = Vincular
linked-accounts-disconnect = Desvincular
linked-accounts-reconnect = Volver a vincular
linked-accounts-reconnect-hint = La autorización guardada ha caducado: vuelve a iniciar sesión con { $provider }
linked-accounts-sign-out-everywhere = Cerrar sesión en todas partes
linked-accounts-sign-out-everywhere-hint = Cierra todas las sesiones de tu cuenta en todos los dispositivos, incluido este

## Disconnecting a provider (disconnect.html)

disconnect-title = Desvincular { $provider }
disconnect-heading = ¿Desvincular { $provider }?
disconnect-explanation = Ya no podrás iniciar sesión con { $provider } y eliminaremos el acceso que se nos concedió.
disconnect-submit = Desvincular

## Signing out (logout.html)

logout-title = Cerrar sesión
logout-heading = ¿Cerrar sesión?
logout-submit = Cerrar sesión

## Sign-up step: the provider gave no usable e-mail address (signup.html)

signup-title = Registrarse con { $provider }
signup-intro = { $provider } no nos ha proporcionado una dirección de correo electrónico que podamos usar. Introduce una para terminar de crear tu cuenta.
signup-email-label = Correo electrónico
signup-full-name-label = Nombre completo
signup-submit = Registrarse

## Sign-up form errors (shown beside the field)

signup-error-email-missing = Introduce tu dirección de correo electrónico.
signup-error-email-invalid = Introduce una dirección de correo electrónico válida.
signup-error-email-domain = El dominio de esta dirección de correo electrónico no es válido tal como está escrito (comprueba que no tenga caracteres parecidos o de ancho completo).
signup-error-email-registered = Esta dirección de correo electrónico ya está registrada. Inicia sesión con ella primero y luego vincula tu cuenta.
signup-error-email-taken = Esta dirección de correo electrónico ya está registrada.
signup-error-username-taken = Este nombre de usuario ya está en uso.
signup-error-unconfirmed-claim-first = Existe una cuenta con esta dirección de correo electrónico, pero nunca se confirmó: inicia sesión en ella y vincúlala, o continúa con una cuenta nueva.

## "Is this your account?": an unconfirmed account claims the address (unconfirmed_claim.html)

unconfirmed-claim-title = ¿Es esta tu cuenta?
unconfirmed-claim-intro = Aquí existe una cuenta con la dirección { $email }, pero esa dirección nunca se confirmó.
unconfirmed-claim-mine-heading = Es mía
unconfirmed-claim-mine-explanation = Inicia sesión en esa cuenta (con su contraseña) y luego vincula { $provider } a ella: { $provider } confirmará entonces la dirección por ti.
unconfirmed-claim-mine-sign-in = Iniciar sesión en mi cuenta
unconfirmed-claim-mine-no-login = Inicia sesión en ella y luego vincula { $provider } desde tus cuentas vinculadas.
unconfirmed-claim-not-mine-heading = No es mía
unconfirmed-claim-not-mine-explanation = Continúa con una cuenta nueva y propia para { $email }, con la sesión iniciada mediante { $provider }. La otra cuenta pierde su reclamación no confirmada sobre la dirección; conserva su contraseña y se le informará en su próximo inicio de sesión.
unconfirmed-claim-not-mine-submit = Continuar con una cuenta nueva

## Following a confirmation link (confirm_email.html)

confirm-email-title = Confirmar una dirección de correo electrónico
confirm-email-intro = Este enlace confirma { $email } para esta cuenta:
confirm-email-account-username = Nombre de usuario
confirm-email-account-name = Nombre
confirm-email-account-created = Creada el
confirm-email-account-signs-in-with = Inicia sesión con
confirm-email-account-password-only = solo una contraseña
confirm-email-not-yours-warning = Si no creaste esta cuenta, no la confirmes:
confirm-email-not-yours-explanation = ignora este enlace y el correo en el que llegó. Puede que alguien haya escrito tu dirección por error (o a propósito); no ocurre nada sin el titular de la cuenta.
confirm-email-submit-signed-in = Confirmar { $email } para mi cuenta
confirm-email-other-account = Has iniciado sesión en otra cuenta: este enlace no es para ella.
confirm-email-holder-only = Solo el titular de esta cuenta puede confirmar su dirección.
confirm-email-password-label = Contraseña de esta cuenta
confirm-email-submit-password = Confirmar { $email }
confirm-email-or-sign-in-with = O inicia sesión en ella con { $providers } y luego confirma.
confirm-email-sign-in-then-confirm = { $link } y luego confirma.
    .link = Inicia sesión en esta cuenta

## "Check your inbox" (confirmation_sent.html)

confirmation-sent-title = Revisa tu bandeja de entrada
confirmation-sent-created = Tu cuenta se ha creado. Sigue el enlace que enviamos a tu dirección de correo electrónico para confirmarla y luego inicia sesión.
confirmation-sent-created-mail-failed = Tu cuenta se ha creado, pero ahora mismo no se ha podido enviar el correo de confirmación. Solicita un enlace nuevo más abajo dentro de un momento.
confirmation-sent-resent = Si hay una cuenta con esta dirección pendiente de confirmación, ya va de camino un enlace nuevo.
confirmation-sent-resend-label = ¿No lo has recibido? Enviar un enlace nuevo a
confirmation-sent-resend-submit = Enviar un enlace nuevo

## E-mail settings (email_settings.html)

email-settings-title = Correo electrónico
email-settings-ended-claim = La dirección { $email } ya no está en tu cuenta: nunca se confirmó y otra cuenta la ha confirmado (o se agotó el plazo para confirmarla). Indica abajo una dirección que puedas confirmar.
email-settings-current = Tu dirección: { $email }
email-settings-confirmed = (confirmada)
email-settings-unconfirmed = (sin confirmar)
email-settings-resend-submit = Enviar un nuevo enlace de confirmación
email-settings-no-address = Tu cuenta no tiene dirección de correo electrónico: la persona a quien pertenece la dirección demostró que es suya. Indica otra.
email-settings-new-label = Nueva dirección de correo electrónico
email-settings-change-submit = Cambiar dirección

## One-time messages shown on the next page (flashes)

flash-linked = Tu cuenta de { $provider } ya está vinculada.
flash-disconnected = Tu cuenta de { $provider } se ha desvinculado.
flash-email-confirmed = Tu dirección de correo electrónico { $email } está confirmada.
flash-confirmation-sent = Hemos enviado un enlace de confirmación a { $email }.
flash-confirmation-resent = Hemos enviado un enlace nuevo a { $email }.
flash-already-confirmed = Tu dirección ya está confirmada.
flash-resend-cooldown = Se acaba de enviar un enlace; espera un poco antes de solicitar otro.
flash-email-changed = Tu dirección de correo electrónico se ha cambiado.
flash-email-changed-mail-failed = Tu dirección se ha cambiado, pero ahora mismo no se ha podido enviar el correo de confirmación. Solicita un enlace nuevo dentro de un momento.
flash-signup-mail-failed = Tu cuenta se ha creado, pero no se ha podido enviar el correo de confirmación. Solicita un enlace nuevo desde la configuración de correo electrónico.
flash-signed-out-everywhere = Se ha cerrado tu sesión en todos los dispositivos.
flash-ended-claim = La dirección { $email } ya no está en tu cuenta: nunca se confirmó y otra cuenta la ha confirmado (o se agotó el plazo para confirmarla). Indica una dirección nueva en la configuración de correo electrónico.

## Error pages: headings and messages by kind of failure (error.html)

error-forbidden-heading = Solicitud rechazada
error-forbidden = No se ha podido verificar esta solicitud de inicio de sesión (puede que haya caducado o que ya se haya usado). Vuelve a empezar.
error-not-found-heading = No encontrado
error-not-found = No existe ese método de inicio de sesión.
error-bad-gateway-heading = Error al iniciar sesión
error-bad-gateway = { $provider } no respondió como se esperaba. No se ha cambiado nada; inténtalo de nuevo más tarde.
error-unavailable-heading = No disponible temporalmente
error-unavailable = El servicio no está disponible temporalmente. Inténtalo de nuevo en un momento.
error-misconfigured-heading = Inicio de sesión no disponible
error-misconfigured = Este método de inicio de sesión no está configurado correctamente. Se ha avisado a los administradores.
error-conflict-heading = La cuenta ya existe
error-refused-heading = No permitido
error-bad-request-heading = Algo no ha funcionado
error-malformed-request = No se ha podido leer la solicitud.
error-request-too-large = La solicitud es demasiado grande.
error-rate-limited-heading = Demasiados intentos
error-rate-limited = Demasiados intentos de inicio de sesión. Espera un momento y vuelve a intentarlo.
error-sign-in-required-heading = Es necesario iniciar sesión
error-sign-in-required = Inicia sesión para gestionar tus cuentas vinculadas.
error-sign-in-link = Iniciar sesión
error-resend-label = Enviar un nuevo enlace de confirmación a
error-resend-submit = Enviar
error-render-failed-title = Error
error-render-failed = No se ha podido mostrar esta página.
error-conflict = Esto entra en conflicto con otra cuenta. No se ha cambiado nada.
error-csrf-header = Falta la cabecera X-CSRF-Token o no es correcta.
error-origin-not-allowed = No se permiten solicitudes desde este origen.
error-invalid-state = Parámetro state no válido.

## Why a sign-in, link or confirmation ended (one per kind of error)

error-rejected = Has rechazado la solicitud de autenticación.
error-provider = { $provider } ha informado de un error ({ $code }). Inténtalo de nuevo.
error-unknown-app = No hay ningún método de inicio de sesión llamado «{ $app }».
error-already-linked = El servicio externo ya está vinculado a otra cuenta.
error-link-only = { $provider } solo se puede vincular a una cuenta existente. Inicia sesión primero.
error-account-disabled = Esta cuenta está desactivada.
error-not-linked = No hay ninguna cuenta de { $provider } vinculada.
error-reconnect-required = Tienes que volver a vincular tu cuenta de { $provider }.
error-no-signup-in-progress = No hay ningún registro en curso con { $provider }. Vuelve a iniciar sesión.
error-last-login-method = { $provider } es tu única forma de iniciar sesión. Establece primero una contraseña o vincula otra cuenta.
error-email-in-use = Ya existe una cuenta con esta dirección de correo electrónico. Inicia sesión en ella primero y luego vincula { $provider } desde Cuentas vinculadas.
error-signup-closed = El registro está cerrado: no se pueden crear cuentas nuevas. Si ya tienes una cuenta, inicia sesión en ella.
error-not-in-allowed-group = Tu cuenta no pertenece a ningún grupo autorizado aquí.
error-email-unconfirmed = Primero confirma tu dirección de correo electrónico: sigue el enlace que te enviamos o solicita uno nuevo.
error-mail-unavailable = Ahora mismo no se ha podido enviar el correo de confirmación. Inténtalo de nuevo más tarde.
error-login-option = Se ha rechazado esta solicitud de inicio de sesión: { $reason }.
error-confirmation-invalid = Este enlace de confirmación no es válido.
error-confirmation-expired = Este enlace de confirmación ha caducado. Solicita uno nuevo.
error-confirmation-used = Este enlace de confirmación ya se ha usado.
error-confirmation-other-address = Este enlace de confirmación se envió a una dirección distinta de la actual.
error-confirmation-not-holder = Solo el titular de esta cuenta puede confirmar su dirección: inicia sesión en ella o introduce su contraseña.
error-confirmation-held-by-another = Otra cuenta ha confirmado esta dirección antes.

## Per-login options a request may carry (prompt, login_hint, max_age, acr_values, scope,
## remember). $option is the option's name as sent (e.g. max_age): do not translate it.

login-option-not-allowed = la opción `{ $option }` no está permitida para este método de inicio de sesión
login-option-scope-not-allowed = la opción `scope` no puede solicitar `{ $scope }` para este método de inicio de sesión
login-option-invalid = `{ $option }` no válido: { $reason }
login-option-repeated = la opción `{ $option }` se indicó más de una vez
login-option-reason-prompt-values = usa none, login, consent o select_account, separados por espacios
login-option-reason-prompt-repeated = hay un valor repetido
login-option-reason-prompt-none-alone = `none` no se puede combinar con otros valores
login-option-reason-login-hint = usa como máximo { $max } caracteres, sin caracteres de control
login-option-reason-max-age = usa un número entero de segundos entre 0 y { $max }
login-option-reason-acr-values = usa valores imprimibles separados por espacios, como máximo { $max } caracteres
login-option-reason-scope-empty = indica al menos un scope
login-option-reason-remember = usa 1 o 0

## JSON API messages (beside a stable machine "code")

api-sign-in-required = Es necesario iniciar sesión.
api-disconnected = Desvinculada correctamente.
api-signed-up = Registro completado correctamente.
api-confirmation-required = Cuenta creada. Confirma la dirección de correo electrónico con el enlace que te enviamos y luego inicia sesión.
api-invalid-form = Corrige el formulario.
api-error-bad-gateway = { $provider } no respondió como se esperaba.
api-error-unavailable = El servicio no está disponible temporalmente.
api-error-misconfigured = Este método de inicio de sesión no está configurado correctamente.

## A REST app's flow result, sent to it as ?message=

rest-authorized = Autorización correcta.
rest-signup-required = Se necesita más información para completar el registro.
rest-unconfirmed-claim = Existe una cuenta con esta dirección de correo electrónico, pero nunca se confirmó: si es tuya, inicia sesión en ella y vuelve a vincular; si no, continúa.

## The confirmation mail (email/confirm_subject.txt, confirm.txt, confirm.html)

email-confirm-subject = Confirma tu dirección de correo electrónico
email-confirm-greeting = Hola:
email-confirm-intro = Alguien ha creado o modificado una cuenta en { $site } con esta dirección de correo electrónico: { $email }.
email-confirm-account-username = Nombre de usuario: { $username }
email-confirm-account-created = Creada el: { $date }
email-confirm-instructions-text = Si esta cuenta es tuya, confirma la dirección abriendo este enlace (se te pedirá que inicies sesión en la cuenta o que introduzcas su contraseña):
email-confirm-instructions-html = Si esta cuenta es tuya, confirma la dirección (se te pedirá que inicies sesión en la cuenta o que introduzcas su contraseña):
email-confirm-link-label = Confirmar la dirección de correo electrónico de mi cuenta
email-confirm-expiry =
    { $hours ->
        [one] El enlace funciona una sola vez y caduca en { $hours } hora.
       *[other] El enlace funciona una sola vez y caduca en { $hours } horas.
    }
email-confirm-not-yours-warning = Si no creaste esta cuenta, ignora este mensaje y no confirmes:
email-confirm-not-yours-explanation = la dirección sigue siendo tuya, y no ocurre nada sin el enlace y la contraseña de la cuenta.
