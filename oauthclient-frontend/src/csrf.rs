//! CSRF tokens for the forms (sign-up, disconnect, connect): one random token per session,
//! compared in constant time.

use base64ct::{Base64UrlUnpadded, Encoding};
use oauthclient_core::OAuthError;
use oauthclient_core::secret::constant_time_eq;
use oauthclient_core::state::StateError;
use rand::RngCore;

use crate::session::SessionData;

/// The session key of the CSRF token.
pub(crate) const CSRF_KEY: &str = "_csrf_token";

/// This session's CSRF token, created on first use. Host apps put it in their own forms
/// (field `csrf_token`) and check it with [`verify_csrf`].
pub fn csrf_token(session: &mut SessionData) -> String {
    if let Some(existing) = session.get::<String>(CSRF_KEY) {
        return existing;
    }
    let mut bytes = [0_u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let fresh = Base64UrlUnpadded::encode_string(&bytes);
    session.insert(CSRF_KEY, &fresh);
    fresh
}

/// Checks a submitted CSRF token against the session's (constant time); a missing or wrong
/// one is an [`OAuthError::InvalidState`] (403).
pub fn verify_csrf(session: &SessionData, submitted: Option<&str>) -> Result<(), OAuthError> {
    let expected = session.get::<String>(CSRF_KEY);
    match (expected, submitted) {
        (Some(expected), Some(submitted))
            if constant_time_eq(expected.as_bytes(), submitted.as_bytes()) =>
        {
            Ok(())
        }
        // The form's CSRF token is a state of its own kind; it maps to the same 403.
        _ => Err(OAuthError::InvalidState(StateError::CsrfMismatch)),
    }
}

pub(crate) use csrf_token as token;
pub(crate) use verify_csrf as verify;

/// Forgets the session's token: the next form gets a fresh one. Called on sign-in, so a token
/// an attacker planted or learned before sign-in is useless after it.
pub(crate) fn rotate(session: &mut SessionData) {
    session.remove(CSRF_KEY);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_is_stable_until_rotated_and_checked_exactly() {
        let mut session = SessionData::default();
        let first = token(&mut session);
        assert_eq!(token(&mut session), first);
        assert!(verify(&session, Some(&first)).is_ok());
        assert!(verify(&session, Some("forged")).is_err());
        assert!(verify(&session, None).is_err());
        rotate(&mut session);
        assert!(verify(&session, Some(&first)).is_err());
        assert_ne!(token(&mut session), first);
    }
}
