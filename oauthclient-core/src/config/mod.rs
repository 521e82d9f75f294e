//! Configuration: [`OAuthClientConfig`] and the [`RemoteApp`]s it holds.
//!
//! Loaded from TOML (`[remote_apps.<name>]` tables, the seed's `OAUTHCLIENT_REMOTE_APPS`) with
//! environment overrides, and validated once at load: a bad URL, missing credentials, an
//! unknown handler name or a zero expiry fail with a [`ConfigError`] naming the key. See
//! `docs/configuration.md` for every key and its seed equivalent.
//!
//! ```
//! use std::collections::BTreeMap;
//! use oauthclient_core::config::{OAuthClientConfig, Protocol};
//! use oauthclient_core::Registry;
//!
//! let toml = r#"
//!     secret_key = "a-very-long-random-secret-of-at-least-32-bytes"
//!     site_url = "https://example.org"
//!
//!     [remote_apps.orcid]
//!     title = "ORCID"
//!     [remote_apps.orcid.params]
//!     authorize_url = "https://orcid.org/oauth/authorize"
//!     access_token_url = "https://orcid.org/oauth/token"
//!     request_token_params = { scope = "/authenticate" }
//!     app_key = "ORCID_APP_CREDENTIALS"
//! "#;
//! // Credentials from the environment instead of the file:
//! let env = BTreeMap::from([
//!     ("ORCID_APP_CREDENTIALS_CONSUMER_KEY".to_string(), "APP-123".to_string()),
//!     ("ORCID_APP_CREDENTIALS_CONSUMER_SECRET".to_string(), "s3cret".to_string()),
//! ]);
//! let config = OAuthClientConfig::from_toml_str(toml, &env, &Registry::default())?;
//! let orcid = config.remote_app("orcid").expect("configured");
//! assert_eq!(orcid.credentials.consumer_key, "APP-123");
//! assert!(matches!(&orcid.protocol, Protocol::OAuth2(params) if params.scopes == ["/authenticate"]));
//! assert_eq!(config.redirect_uri("orcid").as_str(), "https://example.org/oauth/authorized/orcid/");
//! # Ok::<(), oauthclient_core::config::ConfigError>(())
//! ```

mod account_mapping;
mod account_policy;
mod accounts;
mod client_assertion;
mod credentials;
mod endpoint;
mod env;
mod handler_kind;
mod issuer_template;
mod load;
mod locales;
mod login_options;
mod mail;
mod origin;
mod placeholder;
mod protocol_params;
mod rate_limit;
mod registered_names;
mod remote_app;
mod response_mode;
mod rest;
mod secret_keys;
mod session;
mod settings;
mod signing_key;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use url::Url;

pub use account_mapping::{
    AccountMapping, AccountMappingSettings, DocumentRequest, DocumentRequestSettings,
    DocumentSettings, EmailRule, EmailSettings, GroupPattern, GroupPointer, GroupSettings,
    OneOrMany, Pointer, PrefixedGroupSettings, RoleMapping, RoleSettings, Source,
};
pub use account_policy::{EmailVerification, SignupPolicy};
pub use accounts::{AccountSettings, DEFAULT_CONFIRMATION_EXPIRES, DEFAULT_RESEND_COOLDOWN};
pub use client_assertion::{
    AssertionAudience, AssertionIssuer, ClientAssertion, ClientAssertionSettings,
};
pub use endpoint::endpoint as parse_endpoint;
pub use env::{EnvSource, NoEnv, ProcessEnv};
pub use handler_kind::HandlerKind;
pub use issuer_template::{IssuerTemplate, TENANT_PLACEHOLDER};
pub use locales::{DEFAULT_LOCALE, LocaleSettings, is_language_tag};
pub use mail::{MailSettings, SmtpSecurity};
pub use origin::web_origin;
pub use rate_limit::RateLimit;
pub use registered_names::RegisteredNames;
pub(crate) use registered_names::provider_not_linked;
pub use remote_app::{
    ClientAuth, Credentials, HandlerNames, OAuth1Params, OAuth2Params, Protocol, RemoteApp,
    RestRedirects, TokenMethod,
};
pub use response_mode::{RESERVED_CALLBACK_PARAMS, ResponseMode};
pub use session::{
    DEFAULT_REMEMBER_LIFETIME, DEFAULT_SESSION_IDLE_TIMEOUT, DEFAULT_SESSION_LIFETIME,
    SessionSettings,
};
pub use settings::{
    LoginOptionsSettings, RemoteAppParams, RemoteAppSettings, RestSettings, SignupHandlerSettings,
};
pub use signing_key::{JwsAlgorithm, SigningKey, SigningKeyError};

use crate::secret::SecretKey;
use crate::state::{StateAlgorithm, StateCodec, StateKey, StateKeys};

/// A configuration problem, naming the key at fault.
///
/// ```
/// use oauthclient_core::config::ConfigError;
/// let err = ConfigError::new("state_expires", "must be greater than zero");
/// assert_eq!(err.to_string(), "configuration key `state_expires`: must be greater than zero");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[error("configuration key `{key}`: {message}")]
pub struct ConfigError {
    /// The dotted key path (`remote_apps.github.params.authorize_url`).
    pub key: String,
    /// What is wrong with it.
    pub message: String,
}

impl ConfigError {
    /// An error about `key`.
    ///
    /// ```
    /// use oauthclient_core::config::ConfigError;
    /// let err = ConfigError::new("site_url", "missing");
    /// assert_eq!((err.key.as_str(), err.message.as_str()), ("site_url", "missing"));
    /// ```
    pub fn new(key: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            key: key.into(),
            message: message.into(),
        }
    }
}

/// The seed's `OAUTHCLIENT_SESSION_KEY_PREFIX` default.
///
/// ```
/// use oauthclient_core::{OAuthClientConfig, Registry, config::{NoEnv, DEFAULT_SESSION_KEY_PREFIX}};
/// let toml = r#"
///     secret_key = "a-very-long-random-secret-of-at-least-32-bytes"
///     site_url = "https://example.org"
/// "#;
/// let config = OAuthClientConfig::from_toml_str(toml, &NoEnv, &Registry::default())?;
/// assert_eq!(config.session_key_prefix, DEFAULT_SESSION_KEY_PREFIX);
/// # Ok::<(), oauthclient_core::config::ConfigError>(())
/// ```
pub const DEFAULT_SESSION_KEY_PREFIX: &str = "oauth_token";
/// The seed's `OAUTHCLIENT_STATE_EXPIRES` default, in seconds.
///
/// ```
/// use oauthclient_core::{OAuthClientConfig, Registry, config::{NoEnv, DEFAULT_STATE_EXPIRES}};
/// let toml = r#"
///     secret_key = "a-very-long-random-secret-of-at-least-32-bytes"
///     site_url = "https://example.org"
/// "#;
/// let config = OAuthClientConfig::from_toml_str(toml, &NoEnv, &Registry::default())?;
/// assert_eq!(config.state_expires, DEFAULT_STATE_EXPIRES);
/// assert_eq!(config.state_codec().lifetime_secs(), 300);
/// # Ok::<(), oauthclient_core::config::ConfigError>(())
/// ```
pub const DEFAULT_STATE_EXPIRES: u64 = 300;
/// The shortest accepted application secret, in bytes.
///
/// ```
/// use oauthclient_core::{OAuthClientConfig, Registry, config::{NoEnv, MIN_SECRET_KEY_BYTES}};
/// let short = "x".repeat(MIN_SECRET_KEY_BYTES - 1);
/// let toml = format!("secret_key = \"{short}\"\nsite_url = \"https://example.org\"");
/// let err = OAuthClientConfig::from_toml_str(&toml, &NoEnv, &Registry::default()).unwrap_err();
/// assert_eq!(err.key, "secret_key");
/// ```
pub const MIN_SECRET_KEY_BYTES: usize = 32;

/// One application secret with its id, for rotation.
///
/// ```
/// use oauthclient_core::{OAuthClientConfig, Registry, config::NoEnv, state::StateAlgorithm};
/// let toml = r#"
///     site_url = "https://example.org"
///     [[secret_keys]]
///     id = "2026-11"
///     secret = "the-new-secret-the-new-secret-the-new"
///     algorithm = "HS512"
///     [[secret_keys]]
///     id = "2026-05"
///     secret = "the-old-secret-the-old-secret-the-old"
/// "#;
/// let config = OAuthClientConfig::from_toml_str(toml, &NoEnv, &Registry::default())?;
/// let ids: Vec<_> = config.secret_keys.iter().map(|entry| entry.id.as_str()).collect();
/// assert_eq!(ids, ["2026-11", "2026-05"]);
/// assert_eq!(config.secret_keys[0].algorithm, StateAlgorithm::Hs512);
/// # Ok::<(), oauthclient_core::config::ConfigError>(())
/// ```
#[derive(Debug, Clone)]
pub struct SecretKeyEntry {
    /// The key id (`default` for `secret_key`, alone or beside `secret_keys`).
    pub id: String,
    /// The secret.
    pub secret: SecretKey,
    /// The MAC algorithm of state tokens signed with it.
    pub algorithm: StateAlgorithm,
}

/// The whole oauthclient configuration.
///
/// ```
/// use oauthclient_core::{OAuthClientConfig, Registry, config::NoEnv};
/// let toml = r#"
///     secret_key = "a-very-long-random-secret-of-at-least-32-bytes"
///     site_url = "https://example.org"
///     trusted_hosts = ["example.org"]
/// "#;
/// let config = OAuthClientConfig::from_toml_str(toml, &NoEnv, &Registry::default())?;
/// assert_eq!(config.site_url.as_str(), "https://example.org/");
/// assert_eq!(config.trusted_hosts, ["example.org"]);
/// assert!(config.remote_apps.is_empty());
/// # Ok::<(), oauthclient_core::config::ConfigError>(())
/// ```
#[derive(Debug, Clone)]
pub struct OAuthClientConfig {
    /// The seed's `OAUTHCLIENT_REMOTE_APPS`, by name.
    pub remote_apps: BTreeMap<String, RemoteApp>,
    /// The seed's `OAUTHCLIENT_SESSION_KEY_PREFIX`.
    pub session_key_prefix: String,
    /// The seed's `OAUTHCLIENT_STATE_EXPIRES`, in seconds.
    pub state_expires: u64,
    /// Application secrets; the first signs, all verify.
    pub secret_keys: Vec<SecretKeyEntry>,
    /// The public base URL of this site (redirect URIs are built from it).
    pub site_url: Url,
    /// Hosts an absolute `next` URL may point to.
    pub trusted_hosts: Vec<String>,
    /// Origins (`scheme://host[:port]`) whose pages may call the JSON API cross-origin, with
    /// credentials (CORS). Empty (the default): no CORS headers, same-origin only.
    pub cors_origins: Vec<String>,
    /// `[rate_limit]`: limits on logins and callbacks per client IP; `None` (the default): off.
    pub rate_limit: Option<RateLimit>,
    /// E-mail verification and sign-up policy (each app may override the first two).
    pub accounts: AccountSettings,
    /// `[mail]`: the SMTP server confirmation mail goes through, if configured here.
    pub mail: Option<MailSettings>,
    /// `[session]`: session lifetime, idle timeout and the lifetime of remembered sessions.
    pub session: SessionSettings,
    /// `[locales]`: the default and offered locales, the host's catalogs, the pseudo-locale
    /// and the messages the browser may fetch.
    pub locales: LocaleSettings,
}

impl OAuthClientConfig {
    /// Parses and validates a TOML document; `env` overrides it (see `docs/configuration.md`);
    /// handler and provider names are checked against `registry`.
    ///
    /// ```
    /// use std::collections::BTreeMap;
    /// use oauthclient_core::{OAuthClientConfig, Registry};
    /// let toml = r#"
    ///     secret_key = "a-very-long-random-secret-of-at-least-32-bytes"
    ///     site_url = "https://example.org"
    /// "#;
    /// let env = BTreeMap::from([("OAUTHCLIENT_STATE_EXPIRES".to_string(), "60".to_string())]);
    /// let config = OAuthClientConfig::from_toml_str(toml, &env, &Registry::default())?;
    /// assert_eq!(config.state_expires, 60); // the environment wins over the file
    /// # Ok::<(), oauthclient_core::config::ConfigError>(())
    /// ```
    pub fn from_toml_str(
        toml: &str,
        env: &dyn EnvSource,
        registry: &dyn RegisteredNames,
    ) -> Result<Self, ConfigError> {
        load::from_toml_str(toml, env, registry)
    }

    /// Reads `path` and calls [`OAuthClientConfig::from_toml_str`]; a relative
    /// `[locales] dir` is then resolved against `path`'s directory.
    ///
    /// ```
    /// use oauthclient_core::{OAuthClientConfig, Registry, config::NoEnv};
    /// let err = OAuthClientConfig::from_file("/nonexistent.toml", &NoEnv, &Registry::default()).unwrap_err();
    /// assert_eq!(err.key, "/nonexistent.toml");
    /// ```
    pub fn from_file(
        path: impl AsRef<Path>,
        env: &dyn EnvSource,
        registry: &dyn RegisteredNames,
    ) -> Result<Self, ConfigError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|err| {
            ConfigError::new(path.display().to_string(), format!("cannot read: {err}"))
        })?;
        let mut config = Self::from_toml_str(&text, env, registry)?;
        let base = path.parent().unwrap_or_else(|| Path::new(""));
        config.locales.resolve_dir_against(base);
        Ok(config)
    }

    /// The remote app called `name`, if configured.
    ///
    /// ```
    /// use oauthclient_core::{OAuthClientConfig, Registry, config::NoEnv};
    /// let toml = r#"
    ///     secret_key = "a-very-long-random-secret-of-at-least-32-bytes"
    ///     site_url = "https://example.org"
    ///     [remote_apps.example.params]
    ///     authorize_url = "https://provider.example/authorize"
    ///     access_token_url = "https://provider.example/token"
    ///     app_key = "EXAMPLE_APP_CREDENTIALS"
    ///     [EXAMPLE_APP_CREDENTIALS]
    ///     consumer_key = "client-id"
    ///     consumer_secret = "client-secret"
    /// "#;
    /// let config = OAuthClientConfig::from_toml_str(toml, &NoEnv, &Registry::default())?;
    /// assert!(config.remote_app("example").is_some());
    /// assert!(config.remote_app("github").is_none());
    /// # Ok::<(), oauthclient_core::config::ConfigError>(())
    /// ```
    pub fn remote_app(&self, name: &str) -> Option<&RemoteApp> {
        self.remote_apps.get(name)
    }

    /// `{site_url}/oauth/authorized/{app}/`, the redirect URI registered with the provider.
    ///
    /// ```
    /// use oauthclient_core::{OAuthClientConfig, Registry, config::NoEnv};
    /// let toml = r#"
    ///     secret_key = "a-very-long-random-secret-of-at-least-32-bytes"
    ///     site_url = "https://example.org/repository/"
    /// "#;
    /// let config = OAuthClientConfig::from_toml_str(toml, &NoEnv, &Registry::default())?;
    /// assert_eq!(config.redirect_uri("github").as_str(), "https://example.org/repository/oauth/authorized/github/");
    /// # Ok::<(), oauthclient_core::config::ConfigError>(())
    /// ```
    pub fn redirect_uri(&self, app: &str) -> Url {
        self.site_path(&format!("/oauth/authorized/{app}/"))
    }

    /// `path` (starting with `/`) under `site_url`'s path: the absolute URL of one of the
    /// library's pages where the site is mounted, e.g. `https://example.org/auth` and
    /// `/oauth/logout` give `https://example.org/auth/oauth/logout`.
    ///
    /// ```
    /// use oauthclient_core::{OAuthClientConfig, Registry, config::NoEnv};
    /// let toml = r#"
    ///     secret_key = "a-very-long-random-secret-of-at-least-32-bytes"
    ///     site_url = "https://example.org/auth"
    /// "#;
    /// let config = OAuthClientConfig::from_toml_str(toml, &NoEnv, &Registry::default())?;
    /// assert_eq!(config.site_path("/oauth/logout").as_str(), "https://example.org/auth/oauth/logout");
    /// # Ok::<(), oauthclient_core::config::ConfigError>(())
    /// ```
    pub fn site_path(&self, path: &str) -> Url {
        let mut url = self.site_url.clone();
        let base = url.path().trim_end_matches('/').to_owned();
        url.set_path(&format!("{base}{path}"));
        url
    }

    /// The state token codec for these secret keys and this lifetime.
    ///
    /// ```
    /// use oauthclient_core::{OAuthClientConfig, Registry, config::NoEnv, state::PendingFlows};
    /// let toml = r#"
    ///     secret_key = "a-very-long-random-secret-of-at-least-32-bytes"
    ///     site_url = "https://example.org"
    ///     state_expires = 120
    /// "#;
    /// let config = OAuthClientConfig::from_toml_str(toml, &NoEnv, &Registry::default())?;
    /// let codec = config.state_codec();
    /// assert_eq!(codec.lifetime_secs(), 120);
    /// let (state, flow) = codec.issue("github", None).expect("signs");
    /// let mut session = PendingFlows::default();
    /// session.insert(flow);
    /// assert!(codec.verify(&state, "github", &mut session).is_ok());
    /// # Ok::<(), oauthclient_core::config::ConfigError>(())
    /// ```
    pub fn state_codec(&self) -> StateCodec {
        let keys = self
            .secret_keys
            .iter()
            .map(|entry| StateKey::new(entry.id.clone(), &entry.secret, entry.algorithm))
            .collect();
        match StateKeys::new(keys) {
            Some(keys) => StateCodec::new(keys, self.state_expires),
            // Loading refuses a configuration without keys; a hand-built one without keys
            // gets a random key, so every state fails closed rather than verifying.
            None => StateCodec::from_secret(
                &SecretKey::new(crate::state::random_nonce().expose_secret()),
                self.state_expires,
            ),
        }
    }
}
