//! The JSON API under `/api/oauth/` for single-page apps: the providers and the session (for
//! an app's own sign-in page), the locale and the app's messages, beginning a login, linked accounts, the CSRF token, disconnect
//! the sign-up step and signing out everywhere. Writes are accepted when the request's `Origin`
//! is this site, or (no `Origin`, or an `Origin` on `cors_origins`) when `X-CSRF-Token` matches
//! the session's token.

mod accounts;
mod locale;
mod login;
mod logout;
mod providers;
mod session;
mod signup;

use http::StatusCode;
use oauthclient_core::OAuthError;
use oauthclient_core::state::StateError;
use serde_json::json;

use super::Call;
use crate::errors::codes;
use crate::reply::Reply;

pub(crate) use accounts::{accounts, disconnect};
pub(crate) use locale::locale;
pub(crate) use login::begin_login;
pub(crate) use logout::logout_everywhere;
pub(crate) use providers::providers;
pub(crate) use session::session;
pub(crate) use signup::{continue_as_new, signup};

/// Header carrying the CSRF token on JSON writes.
pub(crate) const CSRF_HEADER: &str = "X-CSRF-Token";

/// The 401 of the endpoints that need a signed-in user.
fn unauthorized(call: &Call<'_>) -> Reply {
    call.json_message(401, codes::SIGN_IN_REQUIRED, "api-sign-in-required")
}

/// Same-origin check for writes: a browser always sends `Origin` on a cross-site POST, so a
/// matching one proves the page is ours; without it, the session's CSRF token must be sent. An
/// `Origin` on `cors_origins` (a cross-origin single-page app) must send the token as well:
/// being allowed to read replies is not proof that the request is the user's.
fn verify_write(call: &Call<'_>) -> Result<(), OAuthError> {
    if let Some(origin) = call.request.headers.get(http::header::ORIGIN) {
        let ours = call.parts.config.site_url.origin().ascii_serialization();
        if origin.as_bytes() == ours.as_bytes() {
            return Ok(());
        }
        if crate::cors::allowed_origin(&call.parts.config, call.request).is_none() {
            return Err(OAuthError::InvalidState(StateError::OriginNotAllowed));
        }
    }
    call.verify_csrf(call.request.header(CSRF_HEADER))
}

/// `GET /api/oauth/csrf`: the session's CSRF token, for `X-CSRF-Token`.
pub(crate) fn csrf_token(call: &mut Call<'_>) -> Reply {
    let token = call.csrf_token();
    Reply::json(StatusCode::OK, &json!({ "csrf_token": token }))
}
