//! [`RemoteApp`]: one provider as this site uses it, validated.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use url::Url;

use crate::login_options::LoginOptionsPolicy;
use crate::secret::ClientSecret;

/// A remote application: what it is, how to talk to it, which handlers run.
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
/// let app = config.remote_app("example").expect("configured");
/// assert_eq!(app.name, "example");
/// assert_eq!(app.credentials.consumer_key, "client-id");
/// assert!(!app.hide && !app.link_only);
/// # Ok::<(), oauthclient_core::config::ConfigError>(())
/// ```
#[derive(Debug, Clone)]
#[allow(
    clippy::struct_excessive_bools,
    reason = "the seed's independent per-app flags: remember, hide, link_only, trust_email, token_only"
)]
pub struct RemoteApp {
    /// The app name (URL segment, identity method).
    pub name: String,
    /// The provider whose defaults were used, if any.
    pub provider: Option<String>,
    /// Shown to users.
    pub title: String,
    /// Shown to users.
    pub description: String,
    /// CSS icon class.
    pub icon: String,
    /// OAuth1 or OAuth2 parameters.
    pub protocol: Protocol,
    /// Client credentials (the seed's `app_key` table).
    pub credentials: Credentials,
    /// Named handlers; `None` means the library default.
    pub handlers: HandlerNames,
    /// Make the session permanent after signing in.
    pub remember: bool,
    /// Hidden from the login endpoint and the settings page.
    pub hide: bool,
    /// Can only be linked to a signed-in user.
    pub link_only: bool,
    /// Whether this provider's verified e-mails count as proof of ownership: only then may
    /// they sign in the local user who confirmed the address, or create a confirmed account.
    pub trust_email: bool,
    /// E-mail verification for accounts made through this app (the global setting unless
    /// overridden).
    pub email_verification: super::EmailVerification,
    /// Whether this app may create accounts (the global setting unless overridden).
    pub signup: super::SignupPolicy,
    /// How long an unconfirmed claim on an address counts, in seconds (the site-wide
    /// `email_unconfirmed_expires`): older claims do not make a vouched sign-in ask first.
    pub unconfirmed_expires: u64,
    /// Set for REST apps: where flows end, with `?message=&code=`.
    pub rest: Option<RestRedirects>,
    /// The per-login options a login may carry (`[remote_apps.<name>.login_options]`);
    /// nothing unless configured.
    pub login_options: LoginOptionsPolicy,
    /// `[remote_apps.<name>.account_info]`: who the user is, by configuration (the generic
    /// provider, [`crate::handlers::defaults::MappedAccountInfo`]).
    pub account_mapping: Option<super::AccountMapping>,
    /// `[remote_apps.<name>.roles]`: groups → roles, and the groups a sign-in requires.
    pub roles: super::RoleMapping,
    /// The app signs nobody in on purpose (`token_only = true`): an anonymous sign-in keeps
    /// the token in the session only.
    pub token_only: bool,
}

/// Where a REST app's flows end. Each is a relative path or an absolute URL on a trusted host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestRedirects {
    /// After success.
    pub authorized: String,
    /// When sign-up is needed.
    pub signup: String,
    /// After a failure.
    pub error: String,
}

/// The protocol of a remote app.
///
/// ```
/// use oauthclient_core::{OAuthClientConfig, Registry, config::{NoEnv, Protocol}};
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
/// let Protocol::OAuth2(params) = &config.remote_app("example").expect("configured").protocol else {
///     panic!("no request_token_url: OAuth2");
/// };
/// assert_eq!(params.authorize_url.as_str(), "https://provider.example/authorize");
/// # Ok::<(), oauthclient_core::config::ConfigError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Protocol {
    /// OAuth 2.0 authorization code grant.
    OAuth2(OAuth2Params),
    /// OAuth 1.0a three-legged flow.
    OAuth1(OAuth1Params),
}

/// How the token request is sent.
///
/// ```
/// use oauthclient_core::{OAuthClientConfig, Registry, config::{NoEnv, Protocol, TokenMethod}};
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
/// let Protocol::OAuth2(params) = &config.remote_app("example").expect("configured").protocol else {
///     panic!("OAuth2 app");
/// };
/// assert_eq!(params.access_token_method, TokenMethod::Post); // the default
/// # Ok::<(), oauthclient_core::config::ConfigError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TokenMethod {
    /// `POST` form body (RFC 6749).
    Post,
    /// `GET` with query parameters (legacy providers only).
    Get,
}

/// How the client authenticates at the token endpoint (RFC 6749 §2.3.1, RFC 7523 §2.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub enum ClientAuth {
    /// `client_id` and `client_secret` in the form body (what Invenio's Flask-OAuthlib sent;
    /// the default).
    #[default]
    RequestBody,
    /// HTTP Basic authentication.
    Basic,
    /// A public client (RFC 6749 §2.1: a browser or native app cannot keep a secret): only
    /// `client_id` is sent, PKCE protects the code. `consumer_secret` may then be left out.
    None,
    /// `client_secret_jwt` (RFC 7523 §2.2, OIDC Core §9): a JWT signed with HMAC-SHA-256
    /// keyed by the client secret (at least 32 bytes); the secret itself is never sent.
    ClientSecretJwt,
    /// `private_key_jwt` (RFC 7523 §2.2, OIDC Core §9): a JWT signed with the client's
    /// private key; the provider holds only the public key.
    PrivateKeyJwt,
    /// Apple's scheme: a JWT signed with the private key *is* the `client_secret` (form body).
    SignedSecret,
}

impl ClientAuth {
    /// The `params.client_auth` spelling.
    ///
    /// ```
    /// use oauthclient_core::config::ClientAuth;
    /// assert_eq!(ClientAuth::default().name(), "post");
    /// assert_eq!(ClientAuth::PrivateKeyJwt.name(), "private_key_jwt");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Self::RequestBody => "post",
            Self::Basic => "basic",
            Self::None => "none",
            Self::ClientSecretJwt => "client_secret_jwt",
            Self::PrivateKeyJwt => "private_key_jwt",
            Self::SignedSecret => "signed_secret",
        }
    }

    /// Whether this method sends a JWT made per request (and so needs a
    /// [`super::ClientAssertion`]).
    pub fn signs_jwt(self) -> bool {
        matches!(
            self,
            Self::ClientSecretJwt | Self::PrivateKeyJwt | Self::SignedSecret
        )
    }
}

/// OAuth 2.0 parameters.
///
/// ```
/// use oauthclient_core::{OAuthClientConfig, Registry, config::{NoEnv, Protocol}};
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
/// let Protocol::OAuth2(params) = &config.remote_app("example").expect("configured").protocol else {
///     panic!("OAuth2 app");
/// };
/// assert!(params.pkce); // on unless turned off
/// assert_eq!(params.access_token_url.as_str(), "https://provider.example/token");
/// # Ok::<(), oauthclient_core::config::ConfigError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OAuth2Params {
    /// The OpenID Connect issuer, when configured: a callback's RFC 9207 `iss` must equal it.
    pub issuer: Option<Url>,
    /// Authorization endpoint.
    pub authorize_url: Url,
    /// Token endpoint.
    pub access_token_url: Url,
    /// How the token request is sent.
    pub access_token_method: TokenMethod,
    /// API base URL.
    pub base_url: Option<Url>,
    /// Requested scopes.
    pub scopes: Vec<String>,
    /// Extra authorization request parameters (not `scope`).
    pub authorize_params: BTreeMap<String, String>,
    /// Send a PKCE S256 challenge.
    pub pkce: bool,
    /// Revocation endpoint (RFC 7009).
    pub revoke_url: Option<Url>,
    /// How the token request authenticates the client.
    pub client_auth: ClientAuth,
    /// How the JWT is made, for the `client_auth` methods that send one.
    pub client_assertion: Option<Box<super::ClientAssertion>>,
    /// A multi-tenant issuer (`{tenantid}` in `params.issuer`); `issuer` is then the template
    /// with the configured `tenant`, where discovery starts.
    pub issuer_template: Option<Box<super::IssuerTemplate>>,
    /// The `User-Agent` of this app's token, refresh, revocation and API requests (Reddit
    /// requires a descriptive one); `None`: the library's.
    pub user_agent: Option<String>,
    /// How the authorization response comes back (`response_mode`).
    pub response_mode: super::ResponseMode,
    /// The callback's extra parameters to keep (`callback_params`), into `extra.callback`.
    pub callback_params: Vec<String>,
}

/// OAuth 1.0a parameters.
///
/// ```
/// use oauthclient_core::{OAuthClientConfig, Registry, config::{NoEnv, Protocol}};
/// let toml = r#"
///     secret_key = "a-very-long-random-secret-of-at-least-32-bytes"
///     site_url = "https://example.org"
///     [remote_apps.legacy.params]
///     request_token_url = "https://legacy.example/oauth/request_token"
///     authorize_url = "https://legacy.example/oauth/authorize"
///     access_token_url = "https://legacy.example/oauth/access_token"
///     app_key = "LEGACY_APP_CREDENTIALS"
///     [LEGACY_APP_CREDENTIALS]
///     consumer_key = "client-id"
///     consumer_secret = "client-secret"
/// "#;
/// let config = OAuthClientConfig::from_toml_str(toml, &NoEnv, &Registry::default())?;
/// let Protocol::OAuth1(params) = &config.remote_app("legacy").expect("configured").protocol else {
///     panic!("a request_token_url makes the app OAuth1");
/// };
/// assert_eq!(params.request_token_url.as_str(), "https://legacy.example/oauth/request_token");
/// # Ok::<(), oauthclient_core::config::ConfigError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OAuth1Params {
    /// Temporary credential (request token) endpoint.
    pub request_token_url: Url,
    /// Resource owner authorization endpoint.
    pub authorize_url: Url,
    /// Token (access token) endpoint.
    pub access_token_url: Url,
    /// How the access token request is sent.
    pub access_token_method: TokenMethod,
    /// API base URL.
    pub base_url: Option<Url>,
    /// Extra parameters for the request token request.
    pub request_token_params: BTreeMap<String, String>,
}

/// The seed's `consumer_key` / `consumer_secret`.
///
/// ```
/// use oauthclient_core::config::Credentials;
/// use oauthclient_core::secret::ClientSecret;
/// let credentials = Credentials::new("client-id", ClientSecret::new("s3cret"));
/// // The key is public; the secret never shows up in logs.
/// let debug = format!("{credentials:?}");
/// assert!(debug.contains("client-id") && !debug.contains("s3cret"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credentials {
    /// The client id (public). Also the `client_id` of stored remote accounts.
    pub consumer_key: String,
    /// The client secret (empty for the methods that need none).
    pub consumer_secret: ClientSecret,
    /// The private key of `private_key_jwt` / `signed_secret`, parsed at load.
    pub signing_key: Option<std::sync::Arc<super::SigningKey>>,
    /// The JWS `kid` of the client's assertions (Apple requires it).
    pub key_id: Option<String>,
    /// Apple's team id: the `iss` of its signed secret.
    pub team_id: Option<String>,
    /// SHA-256 of the client certificate's DER: the `x5t#S256` header (Entra).
    pub certificate_sha256: Option<[u8; 32]>,
}

impl Credentials {
    /// A client id and secret, without keys.
    pub fn new(consumer_key: impl Into<String>, consumer_secret: ClientSecret) -> Self {
        Self {
            consumer_key: consumer_key.into(),
            consumer_secret,
            signing_key: None,
            key_id: None,
            team_id: None,
            certificate_sha256: None,
        }
    }
}

/// Registered handler names of one app.
///
/// ```
/// use oauthclient_core::{OAuthClientConfig, Registry, config::{HandlerNames, NoEnv}};
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
/// // No handler names configured: the library defaults run.
/// assert_eq!(config.remote_app("example").expect("configured").handlers, HandlerNames::default());
/// # Ok::<(), oauthclient_core::config::ConfigError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HandlerNames {
    /// `protocol_handler`
    pub protocol: Option<String>,
    /// `authorized_handler`
    pub authorized: Option<String>,
    /// `disconnect_handler`
    pub disconnect: Option<String>,
    /// `signup_handler.info`
    pub signup_info: Option<String>,
    /// `signup_handler.setup`
    pub signup_setup: Option<String>,
    /// `signup_handler.view`
    pub signup_view: Option<String>,
}

impl RemoteApp {
    /// Whether this is an OAuth1 app.
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
    /// assert!(!config.remote_app("example").expect("configured").is_oauth1());
    /// # Ok::<(), oauthclient_core::config::ConfigError>(())
    /// ```
    pub fn is_oauth1(&self) -> bool {
        matches!(self.protocol, Protocol::OAuth1(_))
    }
}
