//! Confirmation links: signed, expiring, bound to one user and one address, usable once.
//!
//! The token is a compact JWS (HMAC, a key derived from the application secret for this
//! purpose only) over `{purpose, user, email, iat, exp}`. Nothing is stored per link: a link
//! is void once its address is confirmed (used), once the user's address changed after it was
//! issued, or after `exp`. So it works once, and only for the address it was sent to.

use serde::{Deserialize, Serialize};

use crate::account::{User, UserId};
use crate::config::SecretKeyEntry;
use crate::email::mailbox_key;
use crate::message::Message;
use crate::secret::SecretKey;
use crate::state::{StateCodec, StateError, StateKey, StateKeys};

/// HKDF `info` of the confirmation keys: a state token never verifies as a confirmation.
const HKDF_INFO: &[u8] = b"oauthclient-rs email confirmation v1";
/// The `purpose` claim.
const PURPOSE: &str = "email-confirmation";

/// Why a confirmation link was refused. Each is shown to the user as is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ConfirmationError {
    /// Not a link we issued (altered, truncated, signed with another key).
    #[error("This confirmation link is not valid.")]
    Invalid,
    /// Past its lifetime.
    #[error("This confirmation link has expired. Ask for a new one.")]
    Expired,
    /// The address was already confirmed with it (or otherwise).
    #[error("This confirmation link was already used.")]
    AlreadyUsed,
    /// The user's address is no longer the one the link was sent to, or it changed since.
    #[error("This confirmation link was sent to another address than your current one.")]
    OtherAddress,
    /// The visitor did not prove they hold the account the link is for: only its holder may
    /// confirm an address for it.
    #[error(
        "Only the holder of this account can confirm its address: sign in to it, or enter its password."
    )]
    NotHolder,
    /// Another account confirmed this address first: it holds it now.
    #[error("Another account has confirmed this address first.")]
    HeldByAnother,
}

impl ConfirmationError {
    /// The catalog message shown for this refused link (`error-confirmation-*`).
    ///
    /// ```
    /// use oauthclient_core::email::ConfirmationError;
    /// assert_eq!(ConfirmationError::Expired.message().id(), "error-confirmation-expired");
    /// ```
    pub fn message(&self) -> Message {
        Message::new(match self {
            ConfirmationError::Invalid => "error-confirmation-invalid",
            ConfirmationError::Expired => "error-confirmation-expired",
            ConfirmationError::AlreadyUsed => "error-confirmation-used",
            ConfirmationError::OtherAddress => "error-confirmation-other-address",
            ConfirmationError::NotHolder => "error-confirmation-not-holder",
            ConfirmationError::HeldByAnother => "error-confirmation-held-by-another",
        })
    }
}

/// What a confirmation token asserts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfirmationClaims {
    purpose: String,
    /// The user the link was sent to.
    pub user: UserId,
    /// The address it was sent to, as given.
    pub email: String,
    /// Issued at, seconds since the epoch.
    pub iat: u64,
    /// Expires at, seconds since the epoch.
    pub exp: u64,
}

/// Issues and checks confirmation tokens.
///
/// ```
/// use oauthclient_core::account::User;
/// use oauthclient_core::email::{ConfirmationCodec, ConfirmationError};
/// use oauthclient_core::secret::SecretKey;
///
/// let codec = ConfirmationCodec::from_secret(&SecretKey::new("a-very-long-random-secret-of-32+bytes"), 3600);
/// let mut user = User { id: "7".into(), email: "ada@example.org".into(), email_confirmed: false,
///     email_changed_at: 0, session_epoch: 0, username: None, full_name: None, active: true,
///     has_password: true, created_at: 0, ended_claim: None };
/// let token = codec.issue(&user)?;
/// let claims = codec.decode(&token)?;
/// assert_eq!(codec.check(&claims, &user), Ok(()));
/// user.email_confirmed = true;
/// assert_eq!(codec.check(&claims, &user), Err(ConfirmationError::AlreadyUsed));
/// # Ok::<(), ConfirmationError>(())
/// ```
#[derive(Debug, Clone)]
pub struct ConfirmationCodec {
    codec: StateCodec,
}

impl ConfirmationCodec {
    /// A codec over the configured secret keys (the first signs, all verify); links live
    /// `lifetime_secs`.
    pub fn new(secret_keys: &[SecretKeyEntry], lifetime_secs: u64) -> Self {
        let keys: Vec<StateKey> = secret_keys
            .iter()
            .map(|entry| {
                StateKey::derive(entry.id.clone(), &entry.secret, entry.algorithm, HKDF_INFO)
            })
            .collect();
        match StateKeys::new(keys) {
            Some(keys) => Self {
                codec: StateCodec::new(keys, lifetime_secs),
            },
            // No keys (a hand-built configuration): a random key, so every link fails closed.
            None => Self::from_secret(
                &SecretKey::new(crate::state::random_nonce().expose_secret()),
                lifetime_secs,
            ),
        }
    }

    /// A codec with one key derived from `secret`.
    pub fn from_secret(secret: &SecretKey, lifetime_secs: u64) -> Self {
        let key = StateKey::derive(
            "default",
            secret,
            crate::state::StateAlgorithm::Hs256,
            HKDF_INFO,
        );
        Self {
            codec: StateCodec::new(StateKeys::single(key), lifetime_secs),
        }
    }

    /// Replaces the clock (tests).
    #[must_use]
    pub fn with_clock(mut self, clock: std::sync::Arc<dyn crate::clock::Clock>) -> Self {
        self.codec = self.codec.with_clock(clock);
        self
    }

    /// How long links live, in seconds.
    pub fn lifetime_secs(&self) -> u64 {
        self.codec.lifetime_secs()
    }

    /// A token confirming `user`'s current address.
    pub fn issue(&self, user: &User) -> Result<String, ConfirmationError> {
        let now = self.codec.now();
        let claims = ConfirmationClaims {
            purpose: PURPOSE.to_owned(),
            user: user.id.clone(),
            email: user.email.clone(),
            iat: now,
            exp: now.saturating_add(self.codec.lifetime_secs()),
        };
        self.codec
            .sign_json(&claims)
            .map_err(|_| ConfirmationError::Invalid)
    }

    /// Checks the signature, purpose and expiry; [`ConfirmationCodec::check`] then compares
    /// with the user as stored.
    pub fn decode(&self, token: &str) -> Result<ConfirmationClaims, ConfirmationError> {
        let claims: ConfirmationClaims =
            self.codec
                .verified_json(token)
                .map_err(|err: StateError| match err {
                    StateError::Expired => ConfirmationError::Expired,
                    _ => ConfirmationError::Invalid,
                })?;
        if claims.purpose != PURPOSE {
            return Err(ConfirmationError::Invalid);
        }
        if self.codec.now() >= claims.exp {
            return Err(ConfirmationError::Expired);
        }
        Ok(claims)
    }

    /// Whether the link may confirm `user`'s address now: same user, same mailbox, not yet
    /// confirmed, and not changed since the link was issued.
    pub fn check(&self, claims: &ConfirmationClaims, user: &User) -> Result<(), ConfirmationError> {
        if claims.user != user.id {
            return Err(ConfirmationError::Invalid);
        }
        let same_address = match (mailbox_key(&claims.email), mailbox_key(&user.email)) {
            (Ok(sent), Ok(current)) => sent == current,
            _ => false,
        };
        if !same_address || claims.iat < user.email_changed_at {
            return Err(ConfirmationError::OtherAddress);
        }
        if user.email_confirmed {
            return Err(ConfirmationError::AlreadyUsed);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::clock::ManualClock;
    use crate::state::StateCodec;

    #[test]
    fn an_expired_link_says_what_to_do() {
        assert_eq!(
            ConfirmationError::Expired.to_string(),
            "This confirmation link has expired. Ask for a new one."
        );
    }

    fn user() -> User {
        User {
            id: UserId::from(7),
            email: "Ada@Example.org".into(),
            email_confirmed: false,
            email_changed_at: 1_000,
            session_epoch: 0,
            username: None,
            full_name: None,
            active: true,
            has_password: true,
            created_at: 0,
            ended_claim: None,
        }
    }

    fn codec(clock: &Arc<ManualClock>) -> ConfirmationCodec {
        ConfirmationCodec::from_secret(
            &SecretKey::new("a-very-long-random-secret-of-32+bytes"),
            600,
        )
        .with_clock(clock.clone())
    }

    #[test]
    fn a_fresh_link_confirms_its_address_once() {
        let clock = Arc::new(ManualClock::new(2_000));
        let codec = codec(&clock);
        let mut user = user();
        let claims = codec
            .decode(&codec.issue(&user).expect("signs"))
            .expect("valid");
        assert_eq!(codec.check(&claims, &user), Ok(()));
        user.email_confirmed = true;
        assert_eq!(
            codec.check(&claims, &user),
            Err(ConfirmationError::AlreadyUsed)
        );
    }

    #[test]
    fn expired_links_are_refused() {
        let clock = Arc::new(ManualClock::new(2_000));
        let codec = codec(&clock);
        let token = codec.issue(&user()).expect("signs");
        clock.advance(600);
        assert_eq!(codec.decode(&token), Err(ConfirmationError::Expired));
    }

    #[test]
    fn a_link_only_works_for_the_address_it_was_sent_to() {
        let clock = Arc::new(ManualClock::new(2_000));
        let codec = codec(&clock);
        let mut user = user();
        let claims = codec
            .decode(&codec.issue(&user).expect("signs"))
            .expect("valid");
        // Same mailbox, other ASCII case: still the address it was sent to.
        user.email = "ada@example.org".into();
        assert_eq!(codec.check(&claims, &user), Ok(()));
        user.email = "eve@example.org".into();
        assert_eq!(
            codec.check(&claims, &user),
            Err(ConfirmationError::OtherAddress)
        );
        // Changed away and back after the link was sent: void.
        user.email = "ada@example.org".into();
        user.email_changed_at = 2_001;
        assert_eq!(
            codec.check(&claims, &user),
            Err(ConfirmationError::OtherAddress)
        );
        // Another user's link.
        let mut other = self::user();
        other.id = UserId::from(8);
        assert_eq!(
            codec.check(&claims, &other),
            Err(ConfirmationError::Invalid)
        );
    }

    #[test]
    fn tampered_and_foreign_tokens_are_invalid() {
        let clock = Arc::new(ManualClock::new(2_000));
        let codec = codec(&clock);
        let token = codec.issue(&user()).expect("signs");
        let mut tampered = token.clone();
        tampered.push('A');
        assert_eq!(codec.decode(&tampered), Err(ConfirmationError::Invalid));
        assert_eq!(codec.decode(""), Err(ConfirmationError::Invalid));
        // A state token signed from the same secret is not a confirmation.
        let state = StateCodec::from_secret(
            &SecretKey::new("a-very-long-random-secret-of-32+bytes"),
            600,
        )
        .issue("github", None)
        .expect("signs")
        .0;
        assert_eq!(codec.decode(&state), Err(ConfirmationError::Invalid));
        let other = ConfirmationCodec::from_secret(
            &SecretKey::new("another-long-random-secret-of-32+bytes"),
            600,
        );
        assert_eq!(other.decode(&token), Err(ConfirmationError::Invalid));
    }
}
