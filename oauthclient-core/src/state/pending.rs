//! The server-side half of outstanding flows, kept in the user's session.

use std::collections::VecDeque;

use jose_b64::base64ct::{Base64UrlUnpadded, Encoding};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::StateError;
use crate::secret::{FlowNonce, PkceVerifier, TokenSecret, constant_time_eq};

/// One outstanding login flow of this session: the nonce its state token carries and the
/// secrets that must never travel through the browser.
///
/// ```
/// use oauthclient_core::state::{PendingFlow, random_nonce};
/// use oauthclient_core::secret::PkceVerifier;
///
/// let flow = PendingFlow {
///     pkce_verifier: Some(PkceVerifier::new("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")),
///     ..PendingFlow::new("github", random_nonce(), 1_000)
/// };
/// // Kept in the session: serialises, and the secrets do not show in logs.
/// let json = serde_json::to_string(&flow)?;
/// assert_eq!(serde_json::from_str::<PendingFlow>(&json)?, flow);
/// assert!(!format!("{flow:?}").contains("dBjftJeZ"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingFlow {
    /// The remote app name.
    pub app: String,
    /// The nonce inside the state token.
    pub nonce: FlowNonce,
    /// When the flow started (seconds since the epoch); the oldest flow is evicted first.
    pub issued_at: u64,
    /// The OAuth2 PKCE code verifier, when PKCE is on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pkce_verifier: Option<PkceVerifier>,
    /// The OAuth1 request token (public half) the callback's `oauth_token` must match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_token: Option<String>,
    /// The OAuth1 request token secret, needed to sign the access token request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_token_secret: Option<TokenSecret>,
    /// The OpenID Connect `nonce` sent in the authorization request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oidc_nonce: Option<FlowNonce>,
}

impl PendingFlow {
    /// A flow with no protocol secrets attached yet.
    pub fn new(app: impl Into<String>, nonce: FlowNonce, issued_at: u64) -> Self {
        Self {
            app: app.into(),
            nonce,
            issued_at,
            pkce_verifier: None,
            request_token: None,
            request_token_secret: None,
            oidc_nonce: None,
        }
    }
}

/// The outstanding flows of one session (several tabs may log in at once), bounded, plus a
/// short memory of used nonces so a replay is logged as a replay.
///
/// Stored in the session under `{prefix}:flows`; it serialises to a few hundred bytes per flow,
/// well within a cookie session at the default bound.
///
/// ```
/// use oauthclient_core::state::{PendingFlow, PendingFlows, random_nonce};
///
/// let mut flows = PendingFlows::default();
/// for i in 0..12 {
///     flows.insert(PendingFlow::new("github", random_nonce(), i));
/// }
/// assert_eq!(flows.len(), PendingFlows::MAX_FLOWS); // the two oldest were evicted
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingFlows {
    flows: VecDeque<PendingFlow>,
    #[serde(default)]
    used: VecDeque<String>,
}

impl PendingFlows {
    /// How many flows one session may have outstanding; the oldest is evicted beyond it.
    ///
    /// ```
    /// use oauthclient_core::state::{PendingFlow, PendingFlows, StateError, random_nonce};
    /// let first = random_nonce();
    /// let mut flows = PendingFlows::default();
    /// flows.insert(PendingFlow::new("github", first.clone(), 0));
    /// for i in 1..=PendingFlows::MAX_FLOWS as u64 {
    ///     flows.insert(PendingFlow::new("github", random_nonce(), i));
    /// }
    /// assert_eq!(flows.take(&first, "github"), Err(StateError::UnknownNonce)); // evicted
    /// ```
    pub const MAX_FLOWS: usize = 10;
    /// How many used-nonce fingerprints are remembered to recognise replays.
    ///
    /// ```
    /// use oauthclient_core::state::{PendingFlow, PendingFlows, StateError, random_nonce};
    /// let mut flows = PendingFlows::default();
    /// let mut used = Vec::new();
    /// for i in 0..=PendingFlows::MAX_USED as u64 {
    ///     let nonce = random_nonce();
    ///     flows.insert(PendingFlow::new("github", nonce.clone(), i));
    ///     flows.take(&nonce, "github")?;
    ///     used.push(nonce);
    /// }
    /// // The latest use is remembered; the oldest has been forgotten.
    /// assert_eq!(flows.take(&used[PendingFlows::MAX_USED], "github"), Err(StateError::Replayed));
    /// assert_eq!(flows.take(&used[0], "github"), Err(StateError::UnknownNonce));
    /// # Ok::<(), StateError>(())
    /// ```
    pub const MAX_USED: usize = 16;

    /// Adds a flow, evicting the oldest when more than [`Self::MAX_FLOWS`] are outstanding.
    ///
    /// ```
    /// use oauthclient_core::state::{PendingFlow, PendingFlows, random_nonce};
    /// let mut flows = PendingFlows::default();
    /// flows.insert(PendingFlow::new("github", random_nonce(), 0));
    /// flows.insert(PendingFlow::new("orcid", random_nonce(), 1));
    /// assert_eq!(flows.len(), 2); // several tabs may log in at once
    /// ```
    pub fn insert(&mut self, flow: PendingFlow) {
        while self.flows.len() >= Self::MAX_FLOWS {
            self.flows.pop_front();
        }
        self.flows.push_back(flow);
    }

    /// Number of outstanding flows.
    pub fn len(&self) -> usize {
        self.flows.len()
    }

    /// Whether no flow is outstanding.
    pub fn is_empty(&self) -> bool {
        self.flows.is_empty()
    }

    /// Drops flows started before `oldest_allowed` (their state tokens have expired anyway).
    pub fn prune_older_than(&mut self, oldest_allowed: u64) {
        self.flows.retain(|flow| flow.issued_at >= oldest_allowed);
    }

    /// Removes and returns the flow with this nonce (single use). Every outstanding nonce is
    /// compared in constant time, so timing does not reveal how much of a guess matched.
    ///
    /// ```
    /// use oauthclient_core::state::{PendingFlow, PendingFlows, StateError, random_nonce};
    /// let nonce = random_nonce();
    /// let mut flows = PendingFlows::default();
    /// flows.insert(PendingFlow::new("github", nonce.clone(), 0));
    /// assert_eq!(flows.take(&nonce, "github")?.app, "github");
    /// // Single use: taking it again is recognised as a replay.
    /// assert_eq!(flows.take(&nonce, "github"), Err(StateError::Replayed));
    /// assert_eq!(flows.take(&random_nonce(), "github"), Err(StateError::UnknownNonce));
    /// # Ok::<(), StateError>(())
    /// ```
    pub fn take(&mut self, nonce: &FlowNonce, app: &str) -> Result<PendingFlow, StateError> {
        let mut found = None;
        for (index, flow) in self.flows.iter().enumerate() {
            if constant_time_eq(
                flow.nonce.expose_secret().as_bytes(),
                nonce.expose_secret().as_bytes(),
            ) {
                found = Some(index);
            }
        }
        let fingerprint = fingerprint(nonce);
        let Some(flow) = found.and_then(|index| self.flows.remove(index)) else {
            return Err(if self.used.contains(&fingerprint) {
                StateError::Replayed
            } else {
                StateError::UnknownNonce
            });
        };
        while self.used.len() >= Self::MAX_USED {
            self.used.pop_front();
        }
        self.used.push_back(fingerprint);
        if flow.app == app {
            Ok(flow)
        } else {
            Err(StateError::WrongApp)
        }
    }
}

/// A short one-way fingerprint of a used nonce: enough to recognise a replay, useless to
/// anyone who reads the session.
fn fingerprint(nonce: &FlowNonce) -> String {
    let digest = Sha256::digest(nonce.expose_secret().as_bytes());
    Base64UrlUnpadded::encode_string(&digest[..12])
}
