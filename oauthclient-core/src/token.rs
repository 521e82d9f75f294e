//! [`Token`]: what a provider hands back and what we store to call its API later.
//!
//! ```
//! use oauthclient_core::Token;
//! use oauthclient_core::secret::AccessToken;
//!
//! let token = Token::bearer(AccessToken::new("abc")).with_expires_at(1_000);
//! assert!(token.is_expired(995, 10));   // within the leeway: treat as expired
//! assert!(!token.is_expired(900, 10));
//! assert!(!format!("{token:?}").contains("abc"));
//! ```

use serde::{Deserialize, Serialize};

use crate::secret::{AccessToken, RefreshToken, TokenSecret};

/// An access token with everything that came with it.
///
/// ```
/// use oauthclient_core::{Token, secret::AccessToken};
///
/// let token = Token { scopes: vec!["user:email".into()], ..Token::bearer(AccessToken::new("gho_1")) };
/// let json = serde_json::to_string(&token)?;
/// assert_eq!(json, r#"{"access_token":"gho_1","token_type":"","scopes":["user:email"]}"#);
/// assert_eq!(serde_json::from_str::<Token>(&json)?, token);
/// # Ok::<(), serde_json::Error>(())
/// ```
///
/// `Debug` shows the secrets as `[redacted]` and of `extra` (which may hold a raw `id_token`
/// and its claims) only the field names.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    /// The access token (OAuth2 bearer token, or OAuth1 `oauth_token`).
    pub access_token: AccessToken,
    /// The OAuth1 `oauth_token_secret`; `None` for OAuth2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret: Option<TokenSecret>,
    /// The OAuth2 refresh token, when the provider issued one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<RefreshToken>,
    /// Expiry in seconds since the Unix epoch; `None` when the provider did not say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<u64>,
    /// The seed's `token_type` key under which the token is stored ('' by default). This is
    /// the storage slot, not the OAuth2 `token_type` (`bearer`) of the response.
    #[serde(default)]
    pub token_type: String,
    /// Scopes actually granted (may differ from those requested).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scopes: Vec<String>,
    /// Other fields of the token response (e.g. ORCID's `orcid` and `name`).
    #[serde(default, skip_serializing_if = "serde_json::Value::is_null")]
    pub extra: serde_json::Value,
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Token")
            .field("access_token", &self.access_token)
            .field("secret", &self.secret)
            .field("refresh_token", &self.refresh_token)
            .field("expires_at", &self.expires_at)
            .field("token_type", &self.token_type)
            .field("scopes", &self.scopes)
            .field("extra", &FieldNames(&self.extra))
            .finish()
    }
}

/// `Debug` of a JSON value that may hold secrets: the field names of an object, only the kind
/// of anything else.
pub(crate) struct FieldNames<'a>(pub &'a serde_json::Value);

impl std::fmt::Debug for FieldNames<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            serde_json::Value::Null => f.write_str("null"),
            serde_json::Value::Object(fields) => f
                .debug_map()
                .entries(fields.keys().map(|name| (name, Redacted)))
                .finish(),
            _ => f.write_str("[redacted]"),
        }
    }
}

/// Stands in for a value in `Debug` output.
pub(crate) struct Redacted;

impl std::fmt::Debug for Redacted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("[redacted]")
    }
}

impl Token {
    /// An OAuth2 access token with nothing else known yet.
    pub fn bearer(access_token: AccessToken) -> Self {
        Self {
            access_token,
            secret: None,
            refresh_token: None,
            expires_at: None,
            token_type: String::new(),
            scopes: Vec::new(),
            extra: serde_json::Value::Null,
        }
    }

    /// An OAuth1 access token and its secret.
    pub fn oauth1(access_token: AccessToken, secret: TokenSecret) -> Self {
        Self {
            secret: Some(secret),
            ..Self::bearer(access_token)
        }
    }

    /// Sets the expiry (seconds since the epoch).
    #[must_use]
    pub fn with_expires_at(mut self, expires_at: u64) -> Self {
        self.expires_at = Some(expires_at);
        self
    }

    /// Sets the refresh token.
    #[must_use]
    pub fn with_refresh_token(mut self, refresh_token: RefreshToken) -> Self {
        self.refresh_token = Some(refresh_token);
        self
    }

    /// Whether the token is expired at `now`, counting it expired `leeway` seconds early so a
    /// request started now does not reach the provider with a dead token. Tokens without an
    /// expiry never expire here.
    ///
    /// ```
    /// use oauthclient_core::{Token, secret::AccessToken};
    /// let token = Token::bearer(AccessToken::new("t")).with_expires_at(100);
    /// assert!(token.is_expired(100, 0));
    /// assert!(!token.is_expired(99, 0));
    /// ```
    pub fn is_expired(&self, now: u64, leeway: u64) -> bool {
        self.expires_at
            .is_some_and(|expires_at| now.saturating_add(leeway) >= expires_at)
    }
}

/// The scopes a token response granted, one item each. RFC 6749 separates them with spaces,
/// but GitHub (and others) answer `"repo,gist"`: both separators are split, empty items
/// dropped and repeats kept once, in the order given.
///
/// ```
/// use oauthclient_core::token::granted_scopes;
/// assert_eq!(granted_scopes(["repo,gist"]), ["repo", "gist"]);
/// assert_eq!(granted_scopes(["openid email", "email"]), ["openid", "email"]);
/// ```
pub fn granted_scopes<S: AsRef<str>>(granted: impl IntoIterator<Item = S>) -> Vec<String> {
    let mut scopes: Vec<String> = Vec::new();
    for item in granted {
        for scope in item
            .as_ref()
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|scope| !scope.is_empty())
        {
            if !scopes.iter().any(|seen| seen == scope) {
                scopes.push(scope.to_owned());
            }
        }
    }
    scopes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn granted_scopes_split_on_commas_and_spaces() {
        assert_eq!(
            granted_scopes(["read:user, user:email", " repo\tgist,,repo "]),
            ["read:user", "user:email", "repo", "gist"]
        );
        assert!(granted_scopes([",", " "]).is_empty());
    }

    #[test]
    fn serialises_without_losing_fields() {
        let token = Token {
            scopes: vec!["user:email".into()],
            extra: serde_json::json!({"orcid": "0000-0002-1825-0097"}),
            token_type: "login".into(),
            ..Token::oauth1(AccessToken::new("a"), TokenSecret::new("s"))
                .with_expires_at(10)
                .with_refresh_token(RefreshToken::new("r"))
        };
        let json = serde_json::to_string(&token).expect("serialises");
        let back: Token = serde_json::from_str(&json).expect("parses");
        assert_eq!(back, token);
    }

    #[test]
    fn debug_hides_every_secret() {
        let token = Token::oauth1(AccessToken::new("AAA"), TokenSecret::new("SSS"))
            .with_refresh_token(RefreshToken::new("RRR"));
        let debug = format!("{token:?}");
        for secret in ["AAA", "SSS", "RRR"] {
            assert!(!debug.contains(secret), "{debug}");
        }
    }

    #[test]
    fn no_expiry_never_expires() {
        assert!(!Token::bearer(AccessToken::new("t")).is_expired(u64::MAX, 10));
    }

    #[test]
    fn debug_shows_no_secret_value() {
        use crate::secret::{RefreshToken, TokenSecret};
        let token = Token {
            secret: Some(TokenSecret::new("s3cret-oauth1")),
            extra: serde_json::json!({
                "id_token": "eyJs3cret.header.sig",
                "orcid": "0000-s3cret",
                "claims": {"email": "s3cret@example.org"},
            }),
            scopes: vec!["read:user".into()],
            ..Token::bearer(AccessToken::new("s3cret-access"))
                .with_refresh_token(RefreshToken::new("s3cret-refresh"))
        };
        let shown = format!("{token:?} {token:#?}");
        assert!(!shown.contains("s3cret"), "{shown}");
        // What helps debugging stays: field names and non-secret values.
        assert!(
            shown.contains("id_token") && shown.contains("read:user"),
            "{shown}"
        );
    }
}
