### The English catalogs of the example hosts (not the library's): the demo
### (oauthclient-demo/locales/en/demo.ftl), the axum example app
### (examples/axum-app/locales/en/app.ftl) and the single-page app's static strings
### (examples/spa/locales/en/spa.ftl). They are host catalogs, loaded through the same
### host-file mechanism the library offers every host, checked by the same CI check, and
### walked by the pseudo-locale test. Library ids they reuse (linked-accounts-title,
### login-connect-submit, signup-email-label, ...) are not repeated here.

## The demo: navigation (base.html, oauthclient_base.html)

demo-brand = oauthclient-rs demo
demo-nav-home = Home
demo-nav-mailbox = Mailbox
demo-nav-email = E-mail
demo-nav-email-unconfirmed = (unconfirmed)
demo-nav-sign-in = Sign in
demo-nav-register = Register
demo-nav-sign-out = Sign out

## The demo: home page (home.html)

demo-home-welcome = Welcome
demo-home-welcome-name = Welcome, { $name }
demo-home-sign-in-heading = Sign in
demo-home-linked-intro = Services linked to your account, and others you can connect:
demo-home-sign-in-intro = Use an account you already have:
demo-home-linked = { $provider } linked ✓
demo-home-sign-in-with = Sign in with { $provider }
# $link is a link whose text is the .link attribute.
demo-home-password-sign-in = Or { $link }.
    .link = sign in with your e-mail and password
# $url is the sandbox provider's address, as a link.
demo-home-sandbox = Sandbox mode: the provider at { $url } is a local stand-in; any username and password work.

## The demo: password sign-in and registration (login.html, register.html, local_accounts.rs)

demo-login-title = Sign in
demo-login-identifier-label = E-mail address or username
demo-login-password-label = Password
demo-login-submit = Sign in
# $register and $home are links whose texts are the attributes.
demo-login-no-account = No account? { $register }, or sign in with a provider on the { $home }.
    .register = Register
    .home = home page
demo-login-wrong-credentials = Wrong e-mail address or password.
demo-login-email-unconfirmed = Please confirm your e-mail address first: follow the link we sent you, or ask for a new one below.
demo-login-rate-limited =
    { $seconds ->
        [one] Too many sign-in attempts. Please wait { $seconds } second and try again.
       *[other] Too many sign-in attempts. Please wait { $seconds } seconds and try again.
    }
demo-register-title = Register
demo-register-username-label = Username (optional: a second way to sign in)
demo-register-password-label = Password (at least { $min } characters)
demo-register-submit = Register
demo-register-password-too-short = Please choose a password of at least { $min } characters.
demo-register-password-unusable = This password cannot be used.
demo-register-username-at = A username cannot contain "@" (it would read as an e-mail address).
demo-check-inbox-resend-label = Send a new link to
demo-flash-created = Your account was created.
demo-flash-created-link-sent = Your account was created. We sent you a link to confirm your e-mail address.
demo-flash-created-mail-failed = Your account was created, but the confirmation e-mail could not be sent. Ask for a new link under E-mail.
demo-error-form-expired = The form expired; please reload the page.
demo-not-found = Not found.

## The demo: sandbox mailbox (mailbox.html)

demo-mailbox-title = Sandbox mailbox
demo-mailbox-intro = The demo runs without an SMTP server: the mail it would send is kept here, newest first, until it stops.
demo-mailbox-to = To:
demo-mailbox-subject = Subject:
demo-mailbox-empty = No mail yet.
demo-mailbox-smtp = Mail goes out through the configured SMTP server.

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

## The single-page app (examples/spa/index.html, app.js)

spa-title = oauthclient-rs single-page app
# $path: the API's path, shown as code.
spa-intro = Plain HTML and JavaScript talking to the JSON API under { $path }.
spa-loading = Loading…
spa-sign-in-heading = Sign in
spa-signed-out-intro = You are not signed in. Choose how to sign in:
spa-remember-me = Remember me on this device
spa-signup-heading = Complete your sign-up
spa-signup-full-name-label = Full name (optional)
spa-session-heading = Your session
# $user is shown in bold.
spa-signed-in-as = Signed in as { $user }
spa-email-unconfirmed = (e-mail address not confirmed)
spa-sign-out-everywhere-explanation = Ends every session of your account: this browser and every other device.
spa-sign-in-with = Sign in with { $provider }
spa-reconnect = Reconnect { $provider }
spa-account-connected = Connected
spa-account-not-connected = Not connected
spa-account-needs-reconnect = Needs reconnecting: sign in with it again
spa-going-to-provider = Going to the provider…
spa-error-network = The server could not be reached (network error or a refused cross-origin request).
spa-error-http = The server answered HTTP { $status }.
spa-error-detail-status = HTTP { $status }
spa-error-detail-code = code { $code }
spa-error-bad-authorization-url = The server answered an authorization URL that is not http(s).
# $field: one of the spa-field-* names; $message: the server's message for it.
spa-field-error = { $field }: { $message }
spa-field-email = E-mail address
spa-field-full-name = Full name
