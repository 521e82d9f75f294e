//! `[remote_apps.<name>.params.client_assertion]` → [`ClientAssertion`]: how the JWT that
//! authenticates the client (RFC 7523 §2.2, or Apple's signed `client_secret`) is made.

use serde::{Deserialize, Serialize};
use url::Url;

use super::{ClientAuth, ConfigError, JwsAlgorithm};

/// The longest assertion lifetime: Apple's limit for its signed secret (about six months).
/// Assertions here are made per request, so a minute is the sensible value.
const MAX_LIFETIME_SECS: u64 = 15_777_000;

/// The table as written.
///
/// ```
/// use oauthclient_core::config::ClientAssertionSettings;
/// let settings: ClientAssertionSettings = toml::from_str(r#"
///     alg = "PS256"
///     audience = "token_endpoint"
/// "#)?;
/// assert_eq!(settings.alg.as_deref(), Some("PS256"));
/// # Ok::<(), toml::de::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClientAssertionSettings {
    /// `ES256` (default for private keys), `ES384`, `RS256`, `PS256`, `EdDSA`; `HS256` for
    /// `client_secret_jwt` (its default and only value).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alg: Option<String>,
    /// `"issuer"` (default when `params.issuer` is set), `"token_endpoint"` (default
    /// otherwise) or a literal URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audience: Option<String>,
    /// The JWT `iss`: `"{client_id}"` (default), `"{team_id}"` (Apple) or a literal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// Seconds the assertion is valid (`exp = iat + lifetime`); default 60.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lifetime: Option<u64>,
    /// Add the `x5t#S256` header: the SHA-256 thumbprint of `certificate` (Entra).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub x5t_s256: Option<bool>,
    /// The JWS `typ` header; default `"JWT"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub typ: Option<String>,
}

/// Whom the assertion is for (its `aud`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum AssertionAudience {
    /// The issuer identifier (draft-ietf-oauth-rfc7523bis recommends it).
    Issuer,
    /// The URL of the endpoint the request goes to (Entra requires it).
    TokenEndpoint,
    /// A fixed URL, as written (Apple's `https://appleid.apple.com`, without the `/` a
    /// parsed URL would gain).
    Literal(String),
}

/// Who the assertion says made it (its `iss`; `sub` is always the client id).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum AssertionIssuer {
    /// The client id (RFC 7523 §3).
    ClientId,
    /// The credentials' `team_id` (Apple).
    TeamId,
    /// A fixed value.
    Literal(String),
}

/// How client assertions of one app are made.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ClientAssertion {
    /// The signing algorithm.
    pub algorithm: JwsAlgorithm,
    /// The `aud` claim.
    pub audience: AssertionAudience,
    /// The `iss` claim.
    pub issuer: AssertionIssuer,
    /// `exp - iat`, in seconds.
    pub lifetime: u64,
    /// Whether the header carries `x5t#S256`.
    pub x5t_s256: bool,
    /// The `typ` header.
    pub typ: String,
}

/// The assertion settings of an app authenticating with `client_auth`; `None` for the
/// methods that need none (a table for them is refused: it would be silently ignored).
pub(super) fn client_assertion(
    key: &str,
    client_auth: ClientAuth,
    has_issuer: bool,
    settings: Option<&ClientAssertionSettings>,
) -> Result<Option<ClientAssertion>, ConfigError> {
    let symmetric = match client_auth {
        ClientAuth::ClientSecretJwt => true,
        ClientAuth::PrivateKeyJwt | ClientAuth::SignedSecret => false,
        ClientAuth::RequestBody | ClientAuth::Basic | ClientAuth::None => {
            return match settings {
                Some(_) => Err(ConfigError::new(
                    key,
                    "applies only to client_auth = \"client_secret_jwt\", \"private_key_jwt\" \
                     or \"signed_secret\"",
                )),
                None => Ok(None),
            };
        }
    };
    let settings = settings.cloned().unwrap_or_default();
    let field = |name: &str| format!("{key}.{name}");
    let algorithm = match settings.alg.as_deref() {
        None if symmetric => JwsAlgorithm::Hs256,
        None => JwsAlgorithm::Es256,
        Some(name) => JwsAlgorithm::parse(name).ok_or_else(|| {
            ConfigError::new(
                field("alg"),
                format!("`{name}` is not one of HS256, ES256, ES384, RS256, PS256, EdDSA"),
            )
        })?,
    };
    if symmetric != (algorithm == JwsAlgorithm::Hs256) {
        return Err(ConfigError::new(
            field("alg"),
            if symmetric {
                "client_secret_jwt signs with the client secret: only HS256"
            } else {
                "a private key signs with ES256, ES384, RS256, PS256 or EdDSA, not HS256"
            },
        ));
    }
    let audience = match settings.audience.as_deref() {
        None | Some("issuer") if has_issuer => AssertionAudience::Issuer,
        None | Some("token_endpoint") => AssertionAudience::TokenEndpoint,
        Some("issuer") => {
            return Err(ConfigError::new(
                field("audience"),
                "\"issuer\" needs params.issuer; use \"token_endpoint\" or a URL",
            ));
        }
        Some(raw) => {
            Url::parse(raw).map_err(|err| {
                ConfigError::new(
                    field("audience"),
                    format!("not \"issuer\", \"token_endpoint\" or a URL: {err}"),
                )
            })?;
            AssertionAudience::Literal(raw.to_owned())
        }
    };
    let issuer = match settings.issuer.as_deref() {
        None | Some("{client_id}") => AssertionIssuer::ClientId,
        Some("{team_id}") => AssertionIssuer::TeamId,
        Some("") => return Err(ConfigError::new(field("issuer"), "is empty")),
        Some(literal) => AssertionIssuer::Literal(literal.to_owned()),
    };
    let lifetime = settings.lifetime.unwrap_or(60);
    if lifetime == 0 || lifetime > MAX_LIFETIME_SECS {
        return Err(ConfigError::new(
            field("lifetime"),
            format!("must be between 1 and {MAX_LIFETIME_SECS} seconds"),
        ));
    }
    let x5t_s256 = settings.x5t_s256.unwrap_or(false);
    if x5t_s256 && symmetric {
        return Err(ConfigError::new(
            field("x5t_s256"),
            "a certificate thumbprint needs a private key (private_key_jwt)",
        ));
    }
    Ok(Some(ClientAssertion {
        algorithm,
        audience,
        issuer,
        lifetime,
        x5t_s256,
        typ: settings.typ.unwrap_or_else(|| "JWT".to_owned()),
    }))
}
