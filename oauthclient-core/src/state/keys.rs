//! Signing keys for `state` tokens, with key ids so the secret can rotate.

use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use jose_b64::base64ct::{Base64UrlUnpadded, Encoding};
use jose_jwa::Signing;
use jose_jws::Protected;
use sha2::{Sha256, Sha512};
use zeroize::Zeroizing;

use super::StateError;
use crate::secret::SecretKey;

/// The MAC algorithms a state token may use. Anything else (`none`, RS256, ...) is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum StateAlgorithm {
    /// HMAC-SHA-256 (JWS `HS256`), the default.
    #[default]
    #[serde(rename = "HS256")]
    Hs256,
    /// HMAC-SHA-512 (JWS `HS512`).
    #[serde(rename = "HS512")]
    Hs512,
}

impl StateAlgorithm {
    pub(super) fn jws(self) -> Signing {
        match self {
            StateAlgorithm::Hs256 => Signing::Hs256,
            StateAlgorithm::Hs512 => Signing::Hs512,
        }
    }
}

/// One key: an id (the JWS `kid`), the application secret it is derived from, an algorithm.
///
/// The MAC key is derived from the secret with HKDF (info `oauthclient-rs state v1`), so the
/// same application secret can key other purposes (token encryption) without reuse.
#[derive(Clone)]
pub struct StateKey {
    id: String,
    algorithm: StateAlgorithm,
    mac_key: Zeroizing<Vec<u8>>,
    /// The JWS protected header this key writes, base64url-encoded: constant per key, so it
    /// is encoded once, and a token carrying exactly it needs no header parsing.
    header: String,
}

impl std::fmt::Debug for StateKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StateKey")
            .field("id", &self.id)
            .field("algorithm", &self.algorithm)
            .field("mac_key", &"[redacted]")
            .finish_non_exhaustive()
    }
}

const HKDF_INFO: &[u8] = b"oauthclient-rs state v1";

impl StateKey {
    /// Derives a state-signing key from an application secret.
    ///
    /// ```
    /// use oauthclient_core::state::{StateAlgorithm, StateKey};
    /// use oauthclient_core::secret::SecretKey;
    /// let key = StateKey::new("k1", &SecretKey::new("a-very-long-random-secret-of-32+bytes"), StateAlgorithm::Hs512);
    /// assert!(format!("{key:?}").contains("[redacted]")); // the MAC key never prints
    /// ```
    pub fn new(id: impl Into<String>, secret: &SecretKey, algorithm: StateAlgorithm) -> Self {
        Self::derive(id, secret, algorithm, HKDF_INFO)
    }

    /// A key for another purpose (its own HKDF `info`), so a token signed for one purpose
    /// never verifies for another.
    pub(crate) fn derive(
        id: impl Into<String>,
        secret: &SecretKey,
        algorithm: StateAlgorithm,
        info: &[u8],
    ) -> Self {
        let mut mac_key = Zeroizing::new(vec![0_u8; 64]);
        let hkdf = Hkdf::<Sha256>::new(None, secret.expose_secret().as_bytes());
        // 64 bytes is far below HKDF-SHA256's 8160-byte output limit, so this cannot fail;
        // if it ever did, the all-zero key would be wrong, so fall back to a fresh random one
        // (every token then fails verification: fail closed).
        if hkdf.expand(info, &mut mac_key).is_err() {
            rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut mac_key);
        }
        let id = id.into();
        Self {
            header: protected_header(&id, algorithm),
            id,
            algorithm,
            mac_key,
        }
    }

    /// The encoded protected header (empty only if encoding failed, which signing refuses).
    pub(super) fn header(&self) -> &str {
        &self.header
    }

    /// The key id, written as the JWS `kid`.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The algorithm this key signs with.
    pub fn algorithm(&self) -> StateAlgorithm {
        self.algorithm
    }

    pub(super) fn sign(&self, signing_input: &[u8]) -> Result<Vec<u8>, StateError> {
        Ok(match self.algorithm {
            StateAlgorithm::Hs256 => mac::<Hmac<Sha256>>(&self.mac_key, signing_input)?
                .finalize()
                .into_bytes()
                .to_vec(),
            StateAlgorithm::Hs512 => mac::<Hmac<Sha512>>(&self.mac_key, signing_input)?
                .finalize()
                .into_bytes()
                .to_vec(),
        })
    }

    /// Constant-time check of `signature` over `signing_input`.
    pub(super) fn verify(&self, signing_input: &[u8], signature: &[u8]) -> Result<(), StateError> {
        let verified = match self.algorithm {
            StateAlgorithm::Hs256 => {
                mac::<Hmac<Sha256>>(&self.mac_key, signing_input)?.verify_slice(signature)
            }
            StateAlgorithm::Hs512 => {
                mac::<Hmac<Sha512>>(&self.mac_key, signing_input)?.verify_slice(signature)
            }
        };
        verified.map_err(|_| StateError::BadSignature)
    }
}

/// `{"alg":..,"kid":..,"typ":"oauthclient-state+jwt"}` as jose-jws writes it, base64url.
fn protected_header(id: &str, algorithm: StateAlgorithm) -> String {
    let mut header = Protected::default();
    header.oth.alg = Some(algorithm.jws());
    header.oth.kid = Some(id.to_owned());
    header.oth.typ = Some("oauthclient-state+jwt".to_owned());
    jose_b64::serde::Json::<Protected>::new(header)
        .map(|json| Base64UrlUnpadded::encode_string(json.as_ref()))
        .unwrap_or_default()
}

fn mac<M: Mac + hmac::digest::KeyInit>(key: &[u8], input: &[u8]) -> Result<M, StateError> {
    let mut mac = <M as Mac>::new_from_slice(key).map_err(|_| StateError::UnknownKey)?;
    mac.update(input);
    Ok(mac)
}

/// The keys a [`StateCodec`](super::StateCodec) knows: the first signs, all verify.
///
/// Rotation: put the new key first and keep the old one until every flow signed with it has
/// expired (the state lifetime, 300 s by default); then remove it.
///
/// ```
/// use oauthclient_core::state::{StateAlgorithm, StateKey, StateKeys};
/// use oauthclient_core::secret::SecretKey;
///
/// let new = StateKey::new("k2", &SecretKey::new("second-secret-second-secret-second"), StateAlgorithm::Hs256);
/// let old = StateKey::new("k1", &SecretKey::new("first-secret-first-secret-first-se"), StateAlgorithm::Hs256);
/// let keys = StateKeys::new(vec![new, old]).expect("at least one key");
/// assert_eq!(keys.current().id(), "k2");
/// ```
#[derive(Debug, Clone)]
pub struct StateKeys {
    keys: Vec<StateKey>,
}

impl StateKeys {
    /// A key list; `None` when it is empty. Duplicate ids keep the first.
    ///
    /// ```
    /// use oauthclient_core::state::{StateAlgorithm, StateKey, StateKeys};
    /// use oauthclient_core::secret::SecretKey;
    /// let secret = SecretKey::new("a-very-long-random-secret-of-32+bytes");
    /// assert!(StateKeys::new(vec![]).is_none());
    /// let keys = StateKeys::new(vec![
    ///     StateKey::new("k1", &secret, StateAlgorithm::Hs512),
    ///     StateKey::new("k1", &secret, StateAlgorithm::Hs256),
    /// ]).expect("one key");
    /// assert_eq!(keys.current().algorithm(), StateAlgorithm::Hs512);
    /// ```
    pub fn new(keys: Vec<StateKey>) -> Option<Self> {
        let mut unique: Vec<StateKey> = Vec::with_capacity(keys.len());
        for key in keys {
            if !unique.iter().any(|known| known.id == key.id) {
                unique.push(key);
            }
        }
        (!unique.is_empty()).then_some(Self { keys: unique })
    }

    pub(crate) fn single(key: StateKey) -> Self {
        Self { keys: vec![key] }
    }

    /// The key new tokens are signed with.
    pub fn current(&self) -> &StateKey {
        // `new` refuses an empty list, so index 0 exists.
        &self.keys[0]
    }

    /// The key with this id, if still known.
    pub fn by_id(&self, id: &str) -> Option<&StateKey> {
        self.keys.iter().find(|key| key.id == id)
    }

    /// The key whose encoded protected header is exactly `segment`.
    pub(super) fn by_header(&self, segment: &str) -> Option<&StateKey> {
        self.keys
            .iter()
            .find(|key| !key.header.is_empty() && key.header == segment)
    }
}
