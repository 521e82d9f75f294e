//! A sign-up waiting for the user's form, kept server-side.
//!
//! When a remote account cannot become a user straight away (no usable e-mail address), the
//! callback must remember who the user is at the provider and the token it got until the
//! user submits the sign-up form. That is kilobytes (an OpenID Connect ID token with a group
//! list is easily 6 KB) and it is secret, so it never goes into the session — a cookie
//! session would overflow, and tokens do not belong in cookies. The store keeps it (sealed,
//! like tokens) under a random [`PendingSignupId`]; the session keeps only that id.

use base64ct::{Base64UrlUnpadded, Encoding};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::Token;
use crate::account::AccountInfo;
use crate::secret::constant_time_eq;

/// How long a sign-up may wait for its form: long enough to fill it in, short enough that an
/// abandoned one (and its token) does not linger.
pub const PENDING_SIGNUP_LIFETIME_SECS: u64 = 30 * 60;

/// What the callback learnt, waiting for the sign-up form.
#[derive(Clone, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PendingSignup {
    /// The remote app the user signed in through.
    pub app: String,
    /// Who the user is there.
    pub account_info: AccountInfo,
    /// The token the flow obtained, stored once the user exists.
    pub token: Token,
    /// Where to go after signing up.
    pub next: Option<String>,
    /// The provider vouched for an address other accounts claim unconfirmed: the person is
    /// asked whether one of them is theirs before anything is created (not the form).
    #[serde(default)]
    pub unconfirmed_claim: bool,
    /// Whether the session this sign-up signs in is a remembered one (the app's `remember`,
    /// or the user's "remember me").
    #[serde(default)]
    pub remember: bool,
}

impl PendingSignup {
    /// A pending sign-up for `app`.
    pub fn new(app: String, account_info: AccountInfo, token: Token, next: Option<String>) -> Self {
        Self {
            app,
            account_info,
            token,
            next,
            unconfirmed_claim: false,
            remember: false,
        }
    }
}

impl std::fmt::Debug for PendingSignup {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The token and the provider's extra data (claims) stay out of logs.
        f.debug_struct("PendingSignup")
            .field("app", &self.app)
            .field("external_method", &self.account_info.external_method)
            .field("next", &self.next)
            .finish_non_exhaustive()
    }
}

/// The random reference the session keeps to a [`PendingSignup`]: 256 bits, base64url. Stores
/// key their rows by [`PendingSignupId::storage_key`] (a SHA-256), so someone who can read the
/// table still cannot present an id.
#[derive(Clone)]
pub struct PendingSignupId(String);

impl PendingSignupId {
    /// A fresh id from the operating system's random source.
    pub fn generate() -> Self {
        let mut bytes = [0_u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        Self(Base64UrlUnpadded::encode_string(&bytes))
    }

    /// An id read back from the session; `None` unless it has the shape [`generate`] gives.
    ///
    /// [`generate`]: PendingSignupId::generate
    pub fn parse(raw: &str) -> Option<Self> {
        let decoded = Base64UrlUnpadded::decode_vec(raw).ok()?;
        (decoded.len() == 32).then(|| Self(raw.to_owned()))
    }

    /// The value the session keeps.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The hex SHA-256 of the id: the key a store files the sign-up under.
    pub fn storage_key(&self) -> String {
        Sha256::digest(self.0.as_bytes())
            .iter()
            .fold(String::with_capacity(64), |mut hex, byte| {
                use std::fmt::Write as _;
                let _ = write!(hex, "{byte:02x}");
                hex
            })
    }
}

impl PartialEq for PendingSignupId {
    fn eq(&self, other: &Self) -> bool {
        constant_time_eq(self.0.as_bytes(), other.0.as_bytes())
    }
}

impl Eq for PendingSignupId {}

impl std::fmt::Debug for PendingSignupId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PendingSignupId([redacted])")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_random_and_round_trip_through_the_session() {
        let id = PendingSignupId::generate();
        assert_ne!(id, PendingSignupId::generate());
        assert_eq!(PendingSignupId::parse(id.as_str()), Some(id.clone()));
        assert_eq!(id.storage_key().len(), 64);
        assert!(!id.storage_key().contains(id.as_str()));
    }

    #[test]
    fn anything_else_is_not_an_id() {
        for bad in ["", "short", "not base64 !!", &"A".repeat(44)] {
            assert!(PendingSignupId::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn debug_shows_no_secret() {
        let id = PendingSignupId::generate();
        assert!(!format!("{id:?}").contains(id.as_str()));
        let token = Token::bearer(crate::secret::AccessToken::new("at-secret-value"));
        let info = AccountInfo::new(crate::account::ExternalId::new("1"), "github");
        let pending = PendingSignup::new("github".into(), info, token, None);
        assert!(!format!("{pending:?}").contains("at-secret-value"));
    }
}
