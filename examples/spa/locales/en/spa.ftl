### The single-page app's static strings (examples/spa), served by GET /api/oauth/locale: English, the reference catalog.

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

## The single-page app: texts the library's pages also show (the same words as the
## library's catalog; the API serves a client only spa-* messages)

# The label of the language picker.
spa-language-label = Language
spa-signup-submit = Sign up
spa-linked-accounts-heading = Linked accounts
spa-sign-out-heading = Sign out
spa-sign-out-everywhere = Sign out everywhere
spa-connect = Connect { $provider }
spa-disconnect = Disconnect { $provider }
