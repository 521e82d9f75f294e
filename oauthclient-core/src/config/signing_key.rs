//! [`SigningKey`]: the client's private key for JWT client authentication (RFC 7523
//! `private_key_jwt`, Apple's signed client secret), parsed once when the configuration loads
//! so a bad key fails the start, not the first sign-in.
//!
//! Signing is `ring`'s (already built for rustls): no hand-rolled cryptography, and no second
//! RSA implementation (the `rsa` crate has an unfixed private-key timing advisory,
//! RUSTSEC-2023-0071). PEM is read with `rustls-pki-types`.

use ring::rand::SystemRandom;
use ring::signature::{
    ECDSA_P256_SHA256_FIXED_SIGNING, ECDSA_P384_SHA384_FIXED_SIGNING, EcdsaKeyPair, Ed25519KeyPair,
    KeyPair as _, RSA_PKCS1_SHA256, RSA_PSS_SHA256, RsaKeyPair,
};
use rustls_pki_types::PrivateKeyDer;
use rustls_pki_types::pem::PemObject as _;

/// A JWS algorithm a client assertion may be signed with (RFC 7518 §3.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum JwsAlgorithm {
    /// HMAC-SHA-256 keyed with the client secret (`client_secret_jwt`).
    Hs256,
    /// ECDSA P-256 with SHA-256 (the default for private keys; Apple's only one).
    Es256,
    /// ECDSA P-384 with SHA-384.
    Es384,
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    Rs256,
    /// RSASSA-PSS with SHA-256 (what Entra asks for with certificates).
    Ps256,
    /// Ed25519.
    EdDsa,
}

impl JwsAlgorithm {
    /// The `alg` name (`"ES256"`).
    ///
    /// ```
    /// use oauthclient_core::config::JwsAlgorithm;
    /// assert_eq!(JwsAlgorithm::parse("PS256").map(JwsAlgorithm::name), Some("PS256"));
    /// assert_eq!(JwsAlgorithm::parse("none"), None);
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Self::Hs256 => "HS256",
            Self::Es256 => "ES256",
            Self::Es384 => "ES384",
            Self::Rs256 => "RS256",
            Self::Ps256 => "PS256",
            Self::EdDsa => "EdDSA",
        }
    }

    /// The algorithm named `name` (exact spelling), if supported.
    pub fn parse(name: &str) -> Option<Self> {
        [
            Self::Hs256,
            Self::Es256,
            Self::Es384,
            Self::Rs256,
            Self::Ps256,
            Self::EdDsa,
        ]
        .into_iter()
        .find(|alg| alg.name() == name)
    }

    /// The JWS header value.
    pub(crate) fn jws(self) -> jose_jwa::Signing {
        match self {
            Self::Hs256 => jose_jwa::Signing::Hs256,
            Self::Es256 => jose_jwa::Signing::Es256,
            Self::Es384 => jose_jwa::Signing::Es384,
            Self::Rs256 => jose_jwa::Signing::Rs256,
            Self::Ps256 => jose_jwa::Signing::Ps256,
            Self::EdDsa => jose_jwa::Signing::EdDsa,
        }
    }
}

/// Why a private key cannot be used.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SigningKeyError {
    /// No PEM private key in the text.
    #[error("not a PEM private key (expected -----BEGIN PRIVATE KEY-----)")]
    NotPem,
    /// `HS256` signs with the client secret, not a private key.
    #[error("HS256 signs with the client secret, not a private key")]
    Symmetric,
    /// An EC or Ed25519 key that is not PKCS#8.
    #[error(
        "{0} needs a PKCS#8 key (-----BEGIN PRIVATE KEY-----); convert it with \
         `openssl pkcs8 -topk8 -nocrypt`"
    )]
    NeedsPkcs8(&'static str),
    /// The key does not fit the algorithm (wrong type or curve, RSA under 2048 bits, an EC
    /// key without its public part).
    #[error("the key does not fit {alg}: {reason}")]
    Rejected {
        /// The configured algorithm.
        alg: &'static str,
        /// What `ring` said.
        reason: String,
    },
    /// Signing itself failed (should not happen with a key that loaded).
    #[error("signing failed")]
    Sign,
}

enum Pair {
    Ecdsa(EcdsaKeyPair),
    Rsa(RsaKeyPair),
    Ed25519(Ed25519KeyPair),
}

/// A private key for one [`JwsAlgorithm`]. `Debug` shows only the algorithm; equality
/// compares the algorithm and the public key.
///
/// ```
/// use oauthclient_core::config::{JwsAlgorithm, SigningKey};
/// // Not a key: refused with a reason, never panics.
/// assert!(SigningKey::from_pem("hello", JwsAlgorithm::Es256).is_err());
/// assert!(SigningKey::from_pem("", JwsAlgorithm::Hs256).is_err());
/// ```
pub struct SigningKey {
    algorithm: JwsAlgorithm,
    pair: Pair,
    public_key: Vec<u8>,
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SigningKey")
            .field("algorithm", &self.algorithm)
            .field("private_key", &"[redacted]")
            .finish_non_exhaustive()
    }
}

impl PartialEq for SigningKey {
    fn eq(&self, other: &Self) -> bool {
        self.algorithm == other.algorithm && self.public_key == other.public_key
    }
}

impl Eq for SigningKey {}

impl SigningKey {
    /// Parses a PEM private key (PKCS#8; PKCS#1 also for RSA) for `algorithm`.
    pub fn from_pem(pem: &str, algorithm: JwsAlgorithm) -> Result<Self, SigningKeyError> {
        let der =
            PrivateKeyDer::from_pem_slice(pem.as_bytes()).map_err(|_| SigningKeyError::NotPem)?;
        let alg = algorithm.name();
        let rejected = |err: ring::error::KeyRejected| SigningKeyError::Rejected {
            alg,
            reason: err.to_string(),
        };
        let rng = SystemRandom::new();
        let pair = match (algorithm, &der) {
            (JwsAlgorithm::Hs256, _) => return Err(SigningKeyError::Symmetric),
            (JwsAlgorithm::Es256 | JwsAlgorithm::Es384, PrivateKeyDer::Pkcs8(key)) => {
                let curve = if algorithm == JwsAlgorithm::Es256 {
                    &ECDSA_P256_SHA256_FIXED_SIGNING
                } else {
                    &ECDSA_P384_SHA384_FIXED_SIGNING
                };
                Pair::Ecdsa(
                    EcdsaKeyPair::from_pkcs8(curve, key.secret_pkcs8_der(), &rng)
                        .map_err(rejected)?,
                )
            }
            (JwsAlgorithm::Rs256 | JwsAlgorithm::Ps256, PrivateKeyDer::Pkcs8(key)) => {
                Pair::Rsa(RsaKeyPair::from_pkcs8(key.secret_pkcs8_der()).map_err(rejected)?)
            }
            (JwsAlgorithm::Rs256 | JwsAlgorithm::Ps256, PrivateKeyDer::Pkcs1(key)) => {
                Pair::Rsa(RsaKeyPair::from_der(key.secret_pkcs1_der()).map_err(rejected)?)
            }
            (JwsAlgorithm::EdDsa, PrivateKeyDer::Pkcs8(key)) => Pair::Ed25519(
                Ed25519KeyPair::from_pkcs8_maybe_unchecked(key.secret_pkcs8_der())
                    .map_err(rejected)?,
            ),
            (JwsAlgorithm::Rs256 | JwsAlgorithm::Ps256, _) => {
                return Err(SigningKeyError::Rejected {
                    alg,
                    reason: "not an RSA key".into(),
                });
            }
            (_, _) => return Err(SigningKeyError::NeedsPkcs8(alg)),
        };
        let public_key = match &pair {
            Pair::Ecdsa(pair) => pair.public_key().as_ref().to_vec(),
            Pair::Rsa(pair) => pair.public_key().as_ref().to_vec(),
            Pair::Ed25519(pair) => pair.public_key().as_ref().to_vec(),
        };
        Ok(Self {
            algorithm,
            pair,
            public_key,
        })
    }

    /// The algorithm this key signs with.
    pub fn algorithm(&self) -> JwsAlgorithm {
        self.algorithm
    }

    /// The public key as `ring` encodes it (uncompressed EC point, RSA `RSAPublicKey` DER,
    /// raw Ed25519): what a verifier needs.
    pub fn public_key(&self) -> &[u8] {
        &self.public_key
    }

    /// The JWS signature over `input` (ECDSA as `r‖s`, the JWS encoding).
    pub(crate) fn sign(&self, input: &[u8]) -> Result<Vec<u8>, SigningKeyError> {
        let rng = SystemRandom::new();
        match &self.pair {
            Pair::Ecdsa(pair) => pair
                .sign(&rng, input)
                .map(|signature| signature.as_ref().to_vec())
                .map_err(|_| SigningKeyError::Sign),
            Pair::Rsa(pair) => {
                let padding: &'static dyn ring::signature::RsaEncoding =
                    if self.algorithm == JwsAlgorithm::Ps256 {
                        &RSA_PSS_SHA256
                    } else {
                        &RSA_PKCS1_SHA256
                    };
                let mut signature = vec![0; pair.public().modulus_len()];
                pair.sign(padding, &rng, input, &mut signature)
                    .map_err(|_| SigningKeyError::Sign)?;
                Ok(signature)
            }
            Pair::Ed25519(pair) => Ok(pair.sign(input).as_ref().to_vec()),
        }
    }
}
