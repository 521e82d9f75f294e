//! The OAuth `state` parameter: a compact JWS binding a flow to one app, one session and a
//! short lifetime, usable once.
//!
//! Login: [`StateCodec::issue`] makes a fresh random nonce and a signed token carrying
//! `{app, nonce, next, login_options, iat, exp}` (`login_options` only when the login asked
//! for some); the caller keeps the returned [`PendingFlow`] in the user's
//! session ([`PendingFlows`]). Callback: [`StateCodec::verify`] checks, in this order, the JWS
//! structure, the key id, the algorithm against that key's own, the MAC (constant time), the
//! expiry, the app, and finally that the nonce is one this session issued and has not used;
//! the nonce is removed so the state cannot be replayed.
//!
//! ```
//! use oauthclient_core::state::{PendingFlows, StateCodec};
//! use oauthclient_core::secret::SecretKey;
//!
//! let codec = StateCodec::from_secret(&SecretKey::new("a-very-long-random-secret-of-32+bytes"), 300);
//! let mut session_flows = PendingFlows::default();
//!
//! let (state, flow) = codec.issue("github", Some("/deposit".into()))?;
//! session_flows.insert(flow);
//!
//! let (claims, _flow) = codec.verify(&state, "github", &mut session_flows)?;
//! assert_eq!(claims.next.as_deref(), Some("/deposit"));
//! // Single use: the same state is refused the second time.
//! assert!(codec.verify(&state, "github", &mut session_flows).is_err());
//! # Ok::<(), oauthclient_core::state::StateError>(())
//! ```

mod keys;
#[cfg(test)]
mod login_options_tests;
mod pending;
#[cfg(test)]
mod tests;

use std::sync::Arc;

use jose_b64::base64ct::{Base64UrlUnpadded, Encoding};
use jose_jws::Flattened;
use serde::{Deserialize, Serialize};

pub use keys::{StateAlgorithm, StateKey, StateKeys};
pub use pending::{PendingFlow, PendingFlows};

use crate::clock::{Clock, SystemClock};
use crate::login_options::LoginOptions;
use crate::secret::{FlowNonce, SecretKey};

/// Why a `state` was refused. Logged, never shown to the user (who gets a plain 403).
///
/// ```
/// use oauthclient_core::{state::{StateCodec, StateError}, secret::SecretKey};
/// let codec = StateCodec::from_secret(&SecretKey::new("a-very-long-random-secret-of-32+bytes"), 300);
/// assert_eq!(codec.decode("", "github"), Err(StateError::Missing));
/// assert_eq!(codec.decode("not-a-jws", "github"), Err(StateError::Malformed));
/// assert_eq!(StateError::Expired.to_string(), "the state has expired");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[non_exhaustive]
pub enum StateError {
    /// The callback carried no `state`.
    #[error("the state parameter is missing")]
    Missing,
    /// Not a compact JWS, or its header or claims do not parse.
    #[error("the state is malformed")]
    Malformed,
    /// The header names an algorithm other than the key's (including `none`).
    #[error("the state uses a disallowed algorithm")]
    DisallowedAlgorithm,
    /// The key id is unknown (never existed, or removed after rotation).
    #[error("the state was signed with an unknown key")]
    UnknownKey,
    /// The MAC does not match: the token was altered or forged.
    #[error("the state signature is invalid")]
    BadSignature,
    /// The token's `exp` has passed.
    #[error("the state has expired")]
    Expired,
    /// The token was issued for another remote app.
    #[error("the state was issued for another application")]
    WrongApp,
    /// The nonce was not issued by this session (or was evicted, or expired from it).
    #[error("the state was not issued to this session")]
    UnknownNonce,
    /// The nonce was already used once in this session.
    #[error("the state was already used")]
    Replayed,
    /// OAuth1: the callback's `oauth_token` is not the request token this flow obtained.
    #[error("the callback's oauth_token does not belong to this flow")]
    RequestTokenMismatch,
    /// OAuth1: the callback carried no `oauth_verifier`.
    #[error("the callback carried no oauth_verifier")]
    MissingVerifier,
    /// RFC 9207: the callback's `iss` names another authorization server than this app's
    /// (a mix-up attack), or the ID token's nonce is not this flow's.
    #[error("the callback belongs to another authorization server or flow")]
    ForeignResponse,
    /// A form's or a JSON write's CSRF token is missing or is not this session's.
    #[error("the CSRF token is missing or wrong")]
    CsrfMismatch,
    /// A JSON write came from an origin that is neither this site nor on `cors_origins`.
    #[error("the request's origin is not allowed")]
    OriginNotAllowed,
}

/// What a state token asserts.
///
/// ```
/// use oauthclient_core::{state::StateCodec, secret::SecretKey};
/// let codec = StateCodec::from_secret(&SecretKey::new("a-very-long-random-secret-of-32+bytes"), 300);
/// let (state, flow) = codec.issue("github", Some("/deposit".into()))?;
/// let claims = codec.decode(&state, "github")?;
/// assert_eq!((claims.app.as_str(), claims.next.as_deref()), ("github", Some("/deposit")));
/// assert_eq!(claims.exp - claims.iat, 300);
/// assert_eq!(claims.nonce, flow.nonce); // the same nonce the session keeps
/// # Ok::<(), oauthclient_core::state::StateError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StateClaims {
    /// The remote app name the flow is for.
    pub app: String,
    /// The per-flow nonce, also kept in the session.
    pub nonce: FlowNonce,
    /// Where to go after the flow, already checked by [`crate::next_url`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
    /// The per-login options the flow asked for, already checked against the app's
    /// allow-list; left out when there are none, so states issued before options existed
    /// still verify (boxed: most states carry none).
    #[serde(default, skip_serializing_if = "no_login_options")]
    pub login_options: Box<LoginOptions>,
    /// Issued at, seconds since the epoch.
    pub iat: u64,
    /// Expires at, seconds since the epoch.
    pub exp: u64,
}

/// Whether a state's options are empty (then left out of it).
#[allow(
    clippy::borrowed_box,
    reason = "the shape serde's skip_serializing_if passes"
)]
fn no_login_options(options: &Box<LoginOptions>) -> bool {
    options.is_empty()
}

/// How many random bytes a flow nonce carries (256 bits; the issue asks for at least 128).
const NONCE_BYTES: usize = 32;

/// The payload of a compact JWS whose header segment is `key`'s own, once its signature
/// checks out; the same checks, in the same order, as the general path.
fn verified_payload(key: &StateKey, token: &str, header: &str) -> Result<Vec<u8>, StateError> {
    let (signing_input, signature) = token.rsplit_once('.').ok_or(StateError::Malformed)?;
    let payload = signing_input
        .get(header.len() + 1..)
        .filter(|payload| !payload.contains('.'))
        .ok_or(StateError::Malformed)?;
    let payload = Base64UrlUnpadded::decode_vec(payload).map_err(|_| StateError::Malformed)?;
    let signature = Base64UrlUnpadded::decode_vec(signature).map_err(|_| StateError::Malformed)?;
    key.verify(signing_input.as_bytes(), &signature)?;
    Ok(payload)
}

/// Makes a fresh random nonce: 32 random bytes, base64url-encoded (43 characters).
pub fn random_nonce() -> FlowNonce {
    let mut bytes = [0_u8; NONCE_BYTES];
    rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut bytes);
    FlowNonce::new(Base64UrlUnpadded::encode_string(&bytes))
}

/// Signs and verifies state tokens.
///
/// ```
/// use oauthclient_core::{state::{StateCodec, StateError}, secret::SecretKey};
/// let codec = StateCodec::from_secret(&SecretKey::new("a-very-long-random-secret-of-32+bytes"), 300);
/// let other = StateCodec::from_secret(&SecretKey::new("another-long-random-secret-of-32+bytes"), 300);
/// let (state, _flow) = codec.issue("github", None)?;
/// assert!(codec.decode(&state, "github").is_ok());
/// // A codec with another secret rejects the token.
/// assert_eq!(other.decode(&state, "github"), Err(StateError::BadSignature));
/// # Ok::<(), StateError>(())
/// ```
#[derive(Clone)]
pub struct StateCodec {
    keys: StateKeys,
    lifetime_secs: u64,
    clock: Arc<dyn Clock>,
}

impl std::fmt::Debug for StateCodec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StateCodec")
            .field("keys", &self.keys)
            .field("lifetime_secs", &self.lifetime_secs)
            .finish_non_exhaustive()
    }
}

impl StateCodec {
    /// A codec over `keys` whose tokens live `lifetime_secs` (the seed's
    /// `OAUTHCLIENT_STATE_EXPIRES`), on the system clock.
    pub fn new(keys: StateKeys, lifetime_secs: u64) -> Self {
        Self {
            keys,
            lifetime_secs,
            clock: Arc::new(SystemClock),
        }
    }

    /// A codec with one HS256 key (id `default`) derived from `secret`.
    pub fn from_secret(secret: &SecretKey, lifetime_secs: u64) -> Self {
        let key = StateKey::new("default", secret, StateAlgorithm::Hs256);
        Self::new(StateKeys::single(key), lifetime_secs)
    }

    /// Replaces the clock (tests, simulations).
    ///
    /// ```
    /// use std::sync::Arc;
    /// use oauthclient_core::{clock::ManualClock, state::StateCodec, secret::SecretKey};
    /// use oauthclient_core::state::StateError;
    /// let clock = Arc::new(ManualClock::new(1_000));
    /// let codec = StateCodec::from_secret(&SecretKey::new("a-very-long-random-secret-of-32+bytes"), 60)
    ///     .with_clock(clock.clone());
    /// let (state, _flow) = codec.issue("github", None)?;
    /// clock.advance(60);
    /// assert_eq!(codec.decode(&state, "github"), Err(StateError::Expired));
    /// # Ok::<(), StateError>(())
    /// ```
    #[must_use]
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// How long tokens live, in seconds.
    pub fn lifetime_secs(&self) -> u64 {
        self.lifetime_secs
    }

    /// Starts a flow for `app`: a fresh nonce, the signed state token, and the
    /// [`PendingFlow`] to keep in the session. `next` must already be safe
    /// ([`crate::next_url::safe_next_url`]).
    ///
    /// ```
    /// use oauthclient_core::{state::StateCodec, secret::SecretKey};
    /// let codec = StateCodec::from_secret(&SecretKey::new("a-very-long-random-secret-of-32+bytes"), 300);
    /// let (state, flow) = codec.issue("orcid", None)?;
    /// assert_eq!(state.split('.').count(), 3);
    /// assert_eq!(flow.app, "orcid");
    /// # Ok::<(), oauthclient_core::state::StateError>(())
    /// ```
    pub fn issue(
        &self,
        app: &str,
        next: Option<String>,
    ) -> Result<(String, PendingFlow), StateError> {
        self.issue_with_options(app, next, LoginOptions::default())
    }

    /// [`StateCodec::issue`] for a flow with per-login options: they are signed into the
    /// state, so the callback knows what the login asked for. `options` must already be
    /// checked against the app's allow-list ([`LoginOptions::parse`]).
    ///
    /// ```
    /// use oauthclient_core::login_options::{LoginOption, LoginOptions, LoginOptionsPolicy};
    /// use oauthclient_core::{state::StateCodec, secret::SecretKey};
    /// let codec = StateCodec::from_secret(&SecretKey::new("a-very-long-random-secret-of-32+bytes"), 300);
    /// let policy = LoginOptionsPolicy::new([LoginOption::MaxAge], Vec::<String>::new());
    /// let options = LoginOptions::parse([("max_age", "0")], &policy)?;
    /// let (state, _flow) = codec.issue_with_options("github", None, options)?;
    /// assert_eq!(codec.decode(&state, "github")?.login_options.max_age, Some(0));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn issue_with_options(
        &self,
        app: &str,
        next: Option<String>,
        login_options: LoginOptions,
    ) -> Result<(String, PendingFlow), StateError> {
        let now = self.clock.now();
        let claims = StateClaims {
            app: app.to_owned(),
            nonce: random_nonce(),
            next,
            login_options: Box::new(login_options),
            iat: now,
            exp: now.saturating_add(self.lifetime_secs),
        };
        let token = self.sign(&claims)?;
        Ok((token, PendingFlow::new(app, claims.nonce, now)))
    }

    /// Signs arbitrary claims with the current key. Prefer [`StateCodec::issue`].
    pub fn sign(&self, claims: &StateClaims) -> Result<String, StateError> {
        self.sign_json(claims)
    }

    /// Signs any JSON payload with the current key (compact JWS).
    pub(crate) fn sign_json(&self, claims: &impl Serialize) -> Result<String, StateError> {
        let key = self.keys.current();
        if key.header().is_empty() {
            return Err(StateError::Malformed);
        }
        let payload = serde_json::to_vec(claims).map_err(|_| StateError::Malformed)?;
        // The JWS compact serialization: header.payload.signature, each base64url.
        let mut token = String::with_capacity(key.header().len() + payload.len() * 4 / 3 + 96);
        token.push_str(key.header());
        token.push('.');
        token.push_str(&Base64UrlUnpadded::encode_string(&payload));
        let signature = key.sign(token.as_bytes())?;
        token.push('.');
        token.push_str(&Base64UrlUnpadded::encode_string(&signature));
        Ok(token)
    }

    /// Checks signature, algorithm, expiry and app, without touching any session. Use
    /// [`StateCodec::verify`] in a callback; this is the stateless half of it.
    ///
    /// ```
    /// use oauthclient_core::{state::{StateCodec, StateError}, secret::SecretKey};
    /// let codec = StateCodec::from_secret(&SecretKey::new("a-very-long-random-secret-of-32+bytes"), 300);
    /// let (state, _) = codec.issue("github", None)?;
    /// assert!(codec.decode(&state, "github").is_ok());
    /// assert_eq!(codec.decode(&state, "orcid"), Err(StateError::WrongApp));
    /// # Ok::<(), StateError>(())
    /// ```
    pub fn decode(&self, token: &str, expected_app: &str) -> Result<StateClaims, StateError> {
        let claims: StateClaims = self.verified_json(token)?;
        if self.clock.now() >= claims.exp {
            return Err(StateError::Expired);
        }
        if claims.app != expected_app {
            return Err(StateError::WrongApp);
        }
        Ok(claims)
    }

    /// The payload of a token signed by one of our keys, parsed; expiry is the caller's.
    pub(crate) fn verified_json<T: serde::de::DeserializeOwned>(
        &self,
        token: &str,
    ) -> Result<T, StateError> {
        if token.is_empty() {
            return Err(StateError::Missing);
        }
        let header_segment = token.split_once('.').map_or(token, |(header, _)| header);
        let payload = match self.keys.by_header(header_segment) {
            // Our own header, byte for byte: its alg and kid are known good.
            Some(key) => verified_payload(key, token, header_segment)?,
            None => self.verified_payload_any_header(token)?,
        };
        serde_json::from_slice(&payload).map_err(|_| StateError::Malformed)
    }

    /// The current time on this codec's clock, in seconds since the epoch.
    pub(crate) fn now(&self) -> u64 {
        self.clock.now()
    }

    /// The general path: parse the JWS and its header, pick the key by `kid`, check `alg`.
    fn verified_payload_any_header(&self, token: &str) -> Result<Vec<u8>, StateError> {
        let jws: Flattened = token.parse().map_err(|_| StateError::Malformed)?;
        let header = jws
            .signature
            .protected
            .as_ref()
            .ok_or(StateError::Malformed)?;
        // We understand no critical extensions and never sign detached/unencoded payloads.
        if header.crit.is_some() || !header.b64 {
            return Err(StateError::Malformed);
        }
        let key = header
            .oth
            .kid
            .as_deref()
            .and_then(|kid| self.keys.by_id(kid))
            .ok_or(StateError::UnknownKey)?;
        if header.oth.alg != Some(key.algorithm().jws()) {
            return Err(StateError::DisallowedAlgorithm);
        }
        // MAC over the segments exactly as received, not over a re-encoding of them.
        let signing_input = token
            .rsplit_once('.')
            .map(|(input, _)| input)
            .ok_or(StateError::Malformed)?;
        key.verify(signing_input.as_bytes(), &jws.signature.signature)?;
        jws.payload
            .map(|payload| payload.to_vec())
            .ok_or(StateError::Malformed)
    }

    /// The full callback check: [`StateCodec::decode`], then the nonce must be one of
    /// `session_flows` (issued by this session, unused); it is removed and returned with the
    /// flow's server-side data (PKCE verifier, OAuth1 request token secret).
    ///
    /// ```
    /// use oauthclient_core::{state::{PendingFlows, StateCodec, StateError}, secret::SecretKey};
    /// let codec = StateCodec::from_secret(&SecretKey::new("a-very-long-random-secret-of-32+bytes"), 300);
    /// let (state, _flow) = codec.issue("github", None)?;
    /// // A session that never started this flow:
    /// let mut other_session = PendingFlows::default();
    /// assert_eq!(codec.verify(&state, "github", &mut other_session).unwrap_err(), StateError::UnknownNonce);
    /// # Ok::<(), StateError>(())
    /// ```
    pub fn verify(
        &self,
        token: &str,
        expected_app: &str,
        session_flows: &mut PendingFlows,
    ) -> Result<(StateClaims, PendingFlow), StateError> {
        let claims = self.decode(token, expected_app)?;
        let flow = session_flows.take(&claims.nonce, expected_app)?;
        Ok((claims, flow))
    }
}
