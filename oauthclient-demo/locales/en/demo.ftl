### The demo's own pages (oauthclient-demo): English, the reference catalog.

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
