//! CSRF tokens for the forms (sign-up, disconnect, connect): one random token per session,
//! compared in constant time.

use actix_session::Session;
use base64ct::{Base64UrlUnpadded, Encoding};
use oauthclient_core::OAuthError;
use oauthclient_core::secret::constant_time_eq;
use oauthclient_core::state::StateError;
use rand::RngCore;

use crate::session::session_error;

const CSRF_KEY: &str = "_csrf_token";

/// This session's CSRF token, created on first use. Host apps put it in their own forms
/// (field `csrf_token`) and check it with [`verify_csrf`].
pub fn csrf_token(req: &actix_web::HttpRequest) -> Result<String, OAuthError> {
    use actix_session::SessionExt;
    token(&req.get_session())
}

/// Checks a submitted CSRF token against the session's (constant time); a missing or wrong
/// one is an [`OAuthError::InvalidState`] (403).
pub fn verify_csrf(
    req: &actix_web::HttpRequest,
    submitted: Option<&str>,
) -> Result<(), OAuthError> {
    use actix_session::SessionExt;
    verify(&req.get_session(), submitted)
}

pub(crate) fn token(session: &Session) -> Result<String, OAuthError> {
    if let Some(existing) = session.get::<String>(CSRF_KEY).ok().flatten() {
        return Ok(existing);
    }
    let mut bytes = [0_u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let fresh = Base64UrlUnpadded::encode_string(&bytes);
    session
        .insert(CSRF_KEY, &fresh)
        .map_err(|err| session_error(&err))?;
    Ok(fresh)
}

/// Checks a submitted token; a missing or wrong one is a 403.
pub(crate) fn verify(session: &Session, submitted: Option<&str>) -> Result<(), OAuthError> {
    let expected = session.get::<String>(CSRF_KEY).ok().flatten();
    match (expected, submitted) {
        (Some(expected), Some(submitted))
            if constant_time_eq(expected.as_bytes(), submitted.as_bytes()) =>
        {
            Ok(())
        }
        // The form's CSRF token is a state of its own kind; it maps to the same 403.
        _ => Err(OAuthError::InvalidState(StateError::Missing)),
    }
}

/// Forgets the session's token: the next form gets a fresh one. Called on sign-in, so a token
/// an attacker planted or learned before sign-in is useless after it.
pub(crate) fn rotate(session: &Session) {
    session.remove(CSRF_KEY);
}
