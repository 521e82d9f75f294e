//! Secret newtypes: redacted `Debug`/`Display`, constant-time equality, zeroed on drop.
//!
//! Every value that would let someone act as the user or as the application (client secrets,
//! access/refresh tokens, OAuth1 token secrets, signing keys, PKCE verifiers) is wrapped in one
//! of these types, so that a stray `{:?}` in a log line prints `[redacted]` instead of the value.
//!
//! ```
//! use oauthclient_core::secret::AccessToken;
//!
//! let token = AccessToken::new("gho_abc123");
//! assert_eq!(format!("{token:?}"), "AccessToken([redacted])");
//! assert_eq!(token.expose_secret(), "gho_abc123");
//! assert_eq!(token, AccessToken::new("gho_abc123"));
//! ```

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use subtle::ConstantTimeEq;
use zeroize::Zeroize;

/// Compares two byte strings in time that depends only on their lengths.
///
/// ```
/// assert!(oauthclient_core::secret::constant_time_eq(b"abc", b"abc"));
/// assert!(!oauthclient_core::secret::constant_time_eq(b"abc", b"abd"));
/// ```
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.ct_eq(b).into()
}

macro_rules! secret_string {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone)]
        pub struct $name(String);

        impl $name {
            /// Wraps a secret value.
            ///
            /// ```
            #[doc = concat!(" use oauthclient_core::secret::", stringify!($name), ";")]
            #[doc = concat!(" let secret = ", stringify!($name), "::new(\"s3cr3t\");")]
            /// assert_eq!(secret.to_string(), "[redacted]");
            /// ```
            pub fn new(value: impl Into<String>) -> Self {
                Self(value.into())
            }

            /// The secret itself. Call this only where the value leaves the process on
            /// purpose (an HTTP request to the provider, an encrypted column).
            pub fn expose_secret(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, concat!(stringify!($name), "([redacted])"))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("[redacted]")
            }
        }

        impl PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                constant_time_eq(self.0.as_bytes(), other.0.as_bytes())
            }
        }

        impl Eq for $name {}

        impl Drop for $name {
            fn drop(&mut self) {
                self.0.zeroize();
            }
        }

        // Serialisation is needed to keep flows and session tokens in a (signed, encrypted)
        // session; it is the one way the value leaves without `expose_secret`.
        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                String::deserialize(deserializer).map(Self)
            }
        }
    };
}

secret_string!(
    /// An OAuth access token (OAuth2 bearer token or OAuth1 access token).
    ///
    /// ```
    /// use oauthclient_core::secret::AccessToken;
    /// let token = AccessToken::new("gho_abc");
    /// assert_eq!(format!("{token:?}"), "AccessToken([redacted])");
    /// ```
    AccessToken
);
secret_string!(
    /// An OAuth2 refresh token.
    RefreshToken
);
secret_string!(
    /// The OAuth1 token secret paired with an OAuth1 token (request or access token).
    ///
    /// ```
    /// use oauthclient_core::secret::TokenSecret;
    /// // Serialised as a plain string, so a flow can be kept in a (signed, encrypted) session.
    /// assert_eq!(serde_json::to_string(&TokenSecret::new("s"))?, r#""s""#);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    TokenSecret
);
secret_string!(
    /// The client secret (the seed's `consumer_secret`) issued by the provider.
    ///
    /// ```
    /// use oauthclient_core::secret::ClientSecret;
    /// let secret = ClientSecret::new("hunter2");
    /// assert!(!format!("{secret} {secret:?}").contains("hunter2"));
    /// ```
    ClientSecret
);
secret_string!(
    /// A PKCE code verifier (RFC 7636), kept server-side in the session until the callback.
    PkceVerifier
);
secret_string!(
    /// A per-flow random nonce bound into the `state` token and kept in the session.
    FlowNonce
);
secret_string!(
    /// A one-time OAuth2 authorization code from the callback.
    ///
    /// ```
    /// use oauthclient_core::secret::AuthorizationCode;
    /// let code = AuthorizationCode::new("SplxlOBeZQQYbYS6WxSbIA");
    /// assert_eq!(format!("{code:?}"), "AuthorizationCode([redacted])");
    /// ```
    AuthorizationCode
);
secret_string!(
    /// The OAuth1 `oauth_verifier` from the callback.
    ///
    /// ```
    /// use oauthclient_core::secret::OAuthVerifier;
    /// let verifier = OAuthVerifier::new("hfdp7dh39dks9884");
    /// assert_eq!(verifier.to_string(), "[redacted]");
    /// assert_eq!(verifier.expose_secret(), "hfdp7dh39dks9884");
    /// ```
    OAuthVerifier
);
secret_string!(
    /// An application secret key, the input for signing `state` tokens and deriving other keys.
    SecretKey
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_never_show_the_value() {
        let secret = ClientSecret::new("hunter2");
        assert!(!format!("{secret:?}").contains("hunter2"));
        assert!(!format!("{secret}").contains("hunter2"));
        assert_eq!(format!("{secret}"), "[redacted]");
    }

    #[test]
    fn equality_compares_values() {
        assert_eq!(RefreshToken::new("a"), RefreshToken::new("a"));
        assert_ne!(RefreshToken::new("a"), RefreshToken::new("b"));
        assert_ne!(RefreshToken::new("a"), RefreshToken::new("aa"));
    }

    #[test]
    fn serde_round_trips_as_a_plain_string() {
        let json = serde_json::to_string(&TokenSecret::new("s3")).unwrap_or_default();
        assert_eq!(json, "\"s3\"");
        let back: TokenSecret = serde_json::from_str(&json).expect("valid json");
        assert_eq!(back.expose_secret(), "s3");
    }
}
