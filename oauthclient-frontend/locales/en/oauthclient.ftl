### oauthclient: the English catalog (the reference every other locale is checked against).
###
### Terms used throughout, to keep in every translation: "sign in" / "sign out" / "sign up"
### (never "log in"), "linked accounts" (the page, and the accounts on it), "connect" (link a
### provider's account) and "disconnect" (unlink it), "e-mail address", "confirmation link".
###
### Variables: $provider is a sign-in method's display title ("GitHub", "ORCID"); $email an
### e-mail address; $username a username; $date a date (YYYY-MM-DD); $site the site's URL.
### Never put markup in a message: where a page shows a variable in bold or as a link, the
### template wraps the variable (the tm() function), and translators only move { $email }.

## Shared words

# This locale's name in its own language, for language pickers ("Deutsch", "日本語").
locale-name = English
page-title-default = Accounts
common-back = Back
common-cancel = Cancel
# Between the items of a short list ("GitHub, ORCID"): keep the spaces you need.
common-list-separator = {", "}

## The connect page: linking a provider while signed in (connect.html)

login-connect-title = Connect { $provider }
login-connect-heading = Connect { $provider }?
login-connect-explanation = You are signed in. Continuing links the { $provider } account you sign in with to this account.
login-connect-submit = Connect { $provider }

## Linked accounts (linkedaccounts.html)

linked-accounts-title = Linked accounts
linked-accounts-intro = Connect your account with these services to sign in with them.
linked-accounts-connect = Connect
linked-accounts-disconnect = Disconnect
linked-accounts-reconnect = Reconnect
# Tooltip of the Reconnect button.
linked-accounts-reconnect-hint = The stored authorization expired: sign in with { $provider } again
linked-accounts-sign-out-everywhere = Sign out everywhere
# Tooltip of the "Sign out everywhere" button.
linked-accounts-sign-out-everywhere-hint = End every session of your account, on every device, this one included

## Disconnecting a provider (disconnect.html)

disconnect-title = Disconnect { $provider }
disconnect-heading = Disconnect { $provider }?
disconnect-explanation = You will no longer be able to sign in with { $provider }, and we will delete the access we were given.
disconnect-submit = Disconnect

## Signing out (logout.html)

logout-title = Sign out
logout-heading = Sign out?
logout-submit = Sign out

## Sign-up step: the provider gave no usable e-mail address (signup.html)

signup-title = Sign up with { $provider }
signup-intro = { $provider } did not give us an e-mail address we can use. Please enter one to finish creating your account.
signup-email-label = E-mail address
signup-full-name-label = Full name
signup-submit = Sign up

## Sign-up form errors (shown beside the field)

signup-error-email-missing = Please enter your e-mail address.
signup-error-email-invalid = Please enter a valid e-mail address.
signup-error-email-domain = The domain of this e-mail address is not valid as written (check for look-alike or full-width characters).
signup-error-email-registered = This e-mail address is already registered. Sign in with it first, then link your account.
signup-error-email-taken = This e-mail address is already registered.
signup-error-username-taken = This username is already taken.
signup-error-unconfirmed-claim-first = An account with this e-mail address exists but was never confirmed: sign in to it and connect, or continue with a new account.

## "Is this your account?": an unconfirmed account claims the address (unconfirmed_claim.html)

unconfirmed-claim-title = Is this your account?
# $email is shown in bold.
unconfirmed-claim-intro = An account with the address { $email } exists here, but its address was never confirmed.
unconfirmed-claim-mine-heading = It is mine
unconfirmed-claim-mine-explanation = Sign in to that account (with its password), then connect { $provider } to it: { $provider } then confirms the address for you.
unconfirmed-claim-mine-sign-in = Sign in to my account
unconfirmed-claim-mine-no-login = Sign in to it, then connect { $provider } from your linked accounts.
unconfirmed-claim-not-mine-heading = It is not mine
unconfirmed-claim-not-mine-explanation = Continue with a new account of your own for { $email }, signed in with { $provider }. The other account loses its unconfirmed claim on the address; it keeps its password and is told at its next sign-in.
unconfirmed-claim-not-mine-submit = Continue with a new account

## Following a confirmation link (confirm_email.html)

confirm-email-title = Confirm an e-mail address
# $email is shown in bold.
confirm-email-intro = This link confirms { $email } for this account:
confirm-email-account-username = Username
confirm-email-account-name = Name
confirm-email-account-created = Created
confirm-email-account-signs-in-with = Signs in with
# In place of the list of providers, for an account with none.
confirm-email-account-password-only = a password only
# Shown in bold, before confirm-email-not-yours-explanation.
confirm-email-not-yours-warning = If you did not create this account, do not confirm:
confirm-email-not-yours-explanation = ignore this link and the mail it came in. Someone may have typed your address by mistake (or on purpose); nothing happens without the account's holder.
confirm-email-submit-signed-in = Confirm { $email } for my account
confirm-email-other-account = You are signed in to another account: this link is not for it.
confirm-email-holder-only = Only the holder of this account can confirm its address.
confirm-email-password-label = This account's password
confirm-email-submit-password = Confirm { $email }
# $providers: the providers' names as links, joined with common-list-separator.
confirm-email-or-sign-in-with = Or sign in to it with { $providers }, then confirm.
# $link is a link whose text is the .link attribute.
confirm-email-sign-in-then-confirm = { $link }, then confirm.
    .link = Sign in to this account

## "Check your inbox" (confirmation_sent.html)

confirmation-sent-title = Check your inbox
confirmation-sent-created = Your account was created. Follow the link we sent to your e-mail address to confirm it, then sign in.
confirmation-sent-created-mail-failed = Your account was created, but the confirmation e-mail could not be sent right now. Ask for a new link below in a moment.
confirmation-sent-resent = If an account with this address is waiting for confirmation, a new link is on its way.
confirmation-sent-resend-label = Did not get it? Send a new link to
confirmation-sent-resend-submit = Send a new link

## E-mail settings (email_settings.html)

email-settings-title = E-mail address
# $email is shown in bold.
email-settings-ended-claim = The address { $email } is no longer on your account: it was never confirmed, and another account confirmed it (or the time to confirm it ran out). Set an address you can confirm below.
# $email is shown in bold.
email-settings-current = Your address: { $email }
email-settings-confirmed = (confirmed)
email-settings-unconfirmed = (not confirmed)
email-settings-resend-submit = Send a new confirmation link
email-settings-no-address = Your account has no e-mail address: its owner proved it is theirs. Please set another one.
email-settings-new-label = New e-mail address
email-settings-change-submit = Change address

## One-time messages shown on the next page (flashes)

flash-linked = Your { $provider } account is now linked.
flash-disconnected = Your { $provider } account was disconnected.
flash-email-confirmed = Your e-mail address { $email } is confirmed.
flash-confirmation-sent = We sent a confirmation link to { $email }.
flash-confirmation-resent = We sent a new link to { $email }.
flash-already-confirmed = Your address is already confirmed.
flash-resend-cooldown = A link was sent a moment ago; please wait before asking for another one.
flash-email-changed = Your e-mail address was changed.
flash-email-changed-mail-failed = Your address was changed, but the confirmation e-mail could not be sent right now. Ask for a new link in a moment.
flash-signup-mail-failed = Your account was created, but the confirmation e-mail could not be sent. Ask for a new link from your e-mail settings.
flash-signed-out-everywhere = You were signed out on every device.
flash-ended-claim = The address { $email } is no longer on your account: it was never confirmed, and another account confirmed it (or the time to confirm it ran out). Set a new address in your e-mail settings.

## Error pages: headings and messages by kind of failure (error.html)

error-forbidden-heading = Request refused
error-forbidden = This sign-in request could not be verified (it may have expired or been used already). Please start again.
error-not-found-heading = Not found
error-not-found = There is no such sign-in method.
error-bad-gateway-heading = Sign-in failed
error-bad-gateway = { $provider } did not answer as expected. Nothing was changed; please try again later.
error-unavailable-heading = Temporarily unavailable
error-unavailable = The service is temporarily unavailable. Please try again in a moment.
error-misconfigured-heading = Sign-in unavailable
error-misconfigured = This sign-in method is not configured correctly. The administrators have been notified.
error-conflict-heading = Account already exists
error-refused-heading = Not allowed
error-bad-request-heading = That did not work
error-malformed-request = The request could not be read.
error-request-too-large = The request is too large.
error-rate-limited-heading = Too many attempts
error-rate-limited = Too many sign-in attempts. Please wait a moment and try again.
error-sign-in-required-heading = Sign in required
error-sign-in-required = Please sign in to manage your linked accounts.
error-sign-in-link = Sign in
error-resend-label = Send a new confirmation link to
error-resend-submit = Send
error-render-failed-title = Error
error-render-failed = This page could not be displayed.
# A stored value conflicts with another account's (a store's uniqueness check).
error-conflict = This conflicts with another account. Nothing was changed.
error-csrf-header = The X-CSRF-Token header is missing or wrong.
error-origin-not-allowed = Requests from this origin are not allowed.
error-invalid-state = Invalid state.

## Why a sign-in, link or confirmation ended (one per kind of error)

# The words of Invenio's oauthclient (kept: hosts and docs quote them).
error-rejected = You rejected the authentication request.
# $code: the OAuth error code the provider sent, e.g. temporarily_unavailable.
error-provider = { $provider } reported an error ({ $code }). Please try again.
# $app: the name in the URL, as typed.
error-unknown-app = There is no sign-in method named “{ $app }”.
# The words of Invenio's oauthclient (kept: hosts and docs quote them).
error-already-linked = External service is already linked to another account.
error-link-only = { $provider } can only be linked to an existing account. Please sign in first.
error-account-disabled = This account is disabled.
error-not-linked = No { $provider } account is linked.
error-reconnect-required = Your { $provider } account needs to be reconnected.
error-no-signup-in-progress = No sign-up is in progress for { $provider }. Please sign in again.
error-last-login-method = { $provider } is your only way to sign in. Set a password or link another account first.
error-email-in-use = An account with this e-mail address already exists. Sign in to it first, then connect { $provider } from Linked accounts.
error-signup-closed = Sign-up is closed: no new accounts can be created. If you already have an account, sign in to it.
# A sign-in refused because the provider lists the user in none of the groups the app requires.
error-not-in-allowed-group = Your account is not in a group allowed here.
error-email-unconfirmed = Please confirm your e-mail address first: follow the link we sent you, or ask for a new one.
error-mail-unavailable = The confirmation e-mail could not be sent right now. Please try again later.
# $reason: one of the login-option-* messages.
error-login-option = This sign-in request was refused: { $reason }.
error-confirmation-invalid = This confirmation link is not valid.
error-confirmation-expired = This confirmation link has expired. Ask for a new one.
error-confirmation-used = This confirmation link was already used.
error-confirmation-other-address = This confirmation link was sent to another address than your current one.
error-confirmation-not-holder = Only the holder of this account can confirm its address: sign in to it, or enter its password.
error-confirmation-held-by-another = Another account has confirmed this address first.

## Per-login options a request may carry (prompt, login_hint, max_age, acr_values, scope,
## remember). $option is the option's name as sent (e.g. max_age): do not translate it.

login-option-not-allowed = the `{ $option }` option is not allowed for this sign-in method
login-option-scope-not-allowed = the `scope` option may not request `{ $scope }` for this sign-in method
# $reason: one of the login-option-reason-* messages.
login-option-invalid = invalid `{ $option }`: { $reason }
login-option-repeated = the `{ $option }` option was given more than once
login-option-reason-prompt-values = use none, login, consent or select_account, separated by spaces
login-option-reason-prompt-repeated = a value is repeated
login-option-reason-prompt-none-alone = `none` cannot be combined with other values
login-option-reason-login-hint = use at most { $max } characters, no control characters
login-option-reason-max-age = use a whole number of seconds from 0 to { $max }
login-option-reason-acr-values = use printable values separated by spaces, at most { $max } characters
login-option-reason-scope-empty = name at least one scope
login-option-reason-remember = use 1 or 0

## JSON API messages (beside a stable machine "code")

api-sign-in-required = Sign in required.
api-disconnected = Successfully disconnected.
api-signed-up = Successfully signed up.
api-confirmation-required = Account created. Confirm the e-mail address through the link we sent, then sign in.
api-invalid-form = Please correct the form.
api-error-bad-gateway = { $provider } did not answer as expected.
api-error-unavailable = The service is temporarily unavailable.
api-error-misconfigured = This sign-in method is not configured correctly.

## A REST app's flow result, sent to it as ?message=

rest-authorized = Successfully authorized.
rest-signup-required = Additional information is needed to sign up.
rest-unconfirmed-claim = An account with this e-mail address exists but was never confirmed: if it is yours, sign in to it and connect again; if not, continue.

## The confirmation mail (email/confirm_subject.txt, confirm.txt, confirm.html)

email-confirm-subject = Confirm your e-mail address
email-confirm-greeting = Hello,
# $email is shown in bold in the HTML mail.
email-confirm-intro = someone created or changed an account at { $site } with this e-mail address: { $email }.
email-confirm-account-username = Username: { $username }
email-confirm-account-created = Created: { $date }
email-confirm-instructions-text = If this account is yours, confirm the address by opening this link (you will be asked to sign in to the account or enter its password):
email-confirm-instructions-html = If this account is yours, confirm the address (you will be asked to sign in to the account or enter its password):
email-confirm-link-label = Confirm the e-mail address of my account
email-confirm-expiry =
    { $hours ->
        [one] The link works once and expires in { $hours } hour.
       *[other] The link works once and expires in { $hours } hours.
    }
# Shown in bold, before email-confirm-not-yours-explanation.
email-confirm-not-yours-warning = If you did not create this account, ignore this message and do not confirm:
email-confirm-not-yours-explanation = the address stays yours, and nothing happens without the link and the account's password.
