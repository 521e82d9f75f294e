//! The configuration as written: serde structs mirroring the seed's `OAUTHCLIENT_REMOTE_APPS`
//! entries. [`super::load`] turns them into the validated [`super::RemoteApp`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// One `[remote_apps.<name>]` table, as written (every field optional so provider defaults and
/// user tables can be merged key by key). Provider crates return one of these as their
/// `REMOTE_APP` template.
///
/// ```
/// use oauthclient_core::config::{RemoteAppParams, RemoteAppSettings};
///
/// let github = RemoteAppSettings {
///     title: Some("GitHub".into()),
///     params: RemoteAppParams {
///         authorize_url: Some("https://github.com/login/oauth/authorize".into()),
///         access_token_url: Some("https://github.com/login/oauth/access_token".into()),
///         app_key: Some("GITHUB_APP_CREDENTIALS".into()),
///         ..RemoteAppParams::default()
///     },
///     ..RemoteAppSettings::default()
/// };
/// assert_eq!(github.title.as_deref(), Some("GitHub"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RemoteAppSettings {
    /// A registered provider whose defaults this table overrides (defaults to the app name
    /// when a provider of that name is registered).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    /// Shown to users under Linked accounts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Shown to users under Linked accounts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// CSS class of the icon (e.g. `fa fa-github`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icon: Option<String>,
    /// Protocol parameters (the seed's Flask-OAuthlib `params`).
    #[serde(default)]
    pub params: RemoteAppParams,
    /// Registered name of the protocol handler: how the flow starts and how a callback
    /// becomes a token (built-ins `oauth2` and `oauth1`, chosen by `request_token_url`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protocol_handler: Option<String>,
    /// Registered name of the authorized handler.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authorized_handler: Option<String>,
    /// Registered name of the disconnect handler.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disconnect_handler: Option<String>,
    /// Registered names of the sign-up handlers.
    #[serde(default)]
    pub signup_handler: SignupHandlerSettings,
    /// Make the session permanent after signing in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remember: Option<bool>,
    /// Hide from the login endpoint and the linked accounts page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hide: Option<bool>,
    /// May only be linked to a signed-in user, never used to sign in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link_only: Option<bool>,
    /// Marks the app REST (for single-page apps): flows end with a redirect to these URLs
    /// carrying `?message=&code=` instead of rendering pages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rest: Option<RestSettings>,
    /// Whether an e-mail this provider marks verified may sign in the local user who owns it
    /// (default true). Turn off for providers whose users can claim any address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trust_email: Option<bool>,
    /// Overrides the global `email_verification` for this app: `"mandatory"`, `"optional"`
    /// or `"none"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_verification: Option<String>,
    /// Overrides the global `signup` for this app: `"open"` or `"closed"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signup: Option<String>,
    /// What one login may ask the provider for beyond this table (none by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub login_options: Option<LoginOptionsSettings>,
    /// Who the user is, read from the provider's documents by pointers: an app with this
    /// table needs no provider crate (the generic provider).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_info: Option<super::AccountMappingSettings>,
    /// The provider's groups → this site's roles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roles: Option<super::RoleSettings>,
    /// Explicit opt-in for an app that signs nobody in: an anonymous sign-in keeps the token
    /// in the session only. Without it, an app that cannot learn who signed in is refused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_only: Option<bool>,
}

/// `[remote_apps.<name>.login_options]`: the per-login options a login request may carry.
/// Nothing is allowed unless listed here.
///
/// ```
/// use oauthclient_core::config::RemoteAppSettings;
/// let settings: RemoteAppSettings = toml::from_str(r#"
///     [login_options]
///     allow = ["prompt", "login_hint"]
///     extra_scopes = ["repo"]
/// "#)?;
/// let options = settings.login_options.expect("set");
/// assert_eq!(options.allow, ["prompt", "login_hint"]);
/// assert_eq!(options.extra_scopes, ["repo"]);
/// # Ok::<(), toml::de::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LoginOptionsSettings {
    /// Options a login may carry: `prompt`, `login_hint`, `max_age`, `acr_values`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allow: Vec<String>,
    /// Scopes a login may add to the app's own with `scope` (allowing `scope` itself).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extra_scopes: Vec<String>,
}

/// `[remote_apps.<name>.rest]`: where a REST app's flows end (the seed's REST remote apps).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RestSettings {
    /// After a successful sign-in or link.
    pub authorized_redirect_url: String,
    /// When the sign-up step is needed (the app then posts to `/api/oauth/signup/{app}`);
    /// defaults to `authorized_redirect_url`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signup_redirect_url: Option<String>,
    /// After any failure; defaults to `authorized_redirect_url`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_redirect_url: Option<String>,
}

/// `signup_handler = { info = "...", setup = "...", view = "..." }`.
///
/// ```
/// use oauthclient_core::config::RemoteAppSettings;
/// let settings: RemoteAppSettings = toml::from_str(r#"
///     signup_handler = { info = "github:account_info", setup = "github:account_setup" }
/// "#)?;
/// assert_eq!(settings.signup_handler.info.as_deref(), Some("github:account_info"));
/// assert_eq!(settings.signup_handler.view, None);
/// # Ok::<(), toml::de::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignupHandlerSettings {
    /// Registered name of the account info handler.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub info: Option<String>,
    /// Registered name of the account setup handler.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub setup: Option<String>,
    /// Registered name of the sign-up view handler.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub view: Option<String>,
}

/// `[remote_apps.<name>.params]`: the seed's Flask-OAuthlib parameters, plus `pkce`,
/// `scopes` and `revoke_url`.
///
/// ```
/// use oauthclient_core::config::RemoteAppParams;
/// let params: RemoteAppParams = toml::from_str(r#"
///     authorize_url = "https://github.com/login/oauth/authorize"
///     request_token_params = { scope = "user:email" }
/// "#)?;
/// assert_eq!(params.request_token_params["scope"], "user:email");
/// assert_eq!(params.pkce, None); // unset: the default (on) applies at load
/// // Unknown keys are refused rather than silently ignored:
/// assert!(toml::from_str::<RemoteAppParams>("authorise_url = \"x\"").is_err());
/// # Ok::<(), toml::de::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RemoteAppParams {
    /// OpenID Connect: the issuer identifier. Its discovery document supplies the endpoints,
    /// so `authorize_url` and `access_token_url` may be left out; needs a protocol handler
    /// that speaks OpenID Connect (`provider = "oidc"` from `oauthclient-oidc`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// OAuth1 only: the request token URL. Setting it makes the app OAuth1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_token_url: Option<String>,
    /// Where the user is sent to authorize.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authorize_url: Option<String>,
    /// The token endpoint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_token_url: Option<String>,
    /// `POST` (default) or `GET`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_token_method: Option<String>,
    /// Base URL of the remote API; relative API paths resolve against it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,
    /// Extra authorization request parameters; `scope` among them is the requested scope
    /// (the seed writes `request_token_params={'scope': 'user:email'}`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub request_token_params: BTreeMap<String, String>,
    /// Requested scopes as a list (alternative to `request_token_params.scope`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scopes: Option<Vec<String>>,
    /// OAuth2 PKCE S256 (RFC 7636); on by default. Turn off only for providers that reject it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pkce: Option<bool>,
    /// OAuth2 token revocation endpoint (RFC 7009), used on disconnect.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoke_url: Option<String>,
    /// OAuth2: how the token request authenticates the client: `"post"` (form body, the
    /// default), `"basic"` (HTTP Basic), `"none"` (a public client: `client_id` only), or a
    /// JWT made per request: `"client_secret_jwt"`, `"private_key_jwt"`, `"signed_secret"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_auth: Option<String>,
    /// The name of the credentials table / environment prefix (`GITHUB_APP_CREDENTIALS`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_key: Option<String>,
    // JWT client authentication, multi-tenant issuers and the per-app User-Agent (issue 25).
    /// How the client assertion JWT is made (`client_auth = "client_secret_jwt"`,
    /// `"private_key_jwt"` or `"signed_secret"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_assertion: Option<super::ClientAssertionSettings>,
    /// With `{tenantid}` in `issuer`: the tenant whose discovery document is read (`common`,
    /// `organizations`, `consumers` or a tenant id); default `common`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant: Option<String>,
    /// With `{tenantid}` in `issuer`: the only tenants (`tid`) allowed to sign in; empty
    /// allows every tenant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_tenants: Option<Vec<String>>,
    /// The `User-Agent` of this app's token, refresh, revocation and API requests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_agent: Option<String>,
    // --- issue 25, response modes: how the provider answers, and what of it is kept ---
    /// OAuth2: how the authorization response comes back: `"query"` (the default: a redirect
    /// whose query carries it) or `"form_post"` (OAuth 2.0 Form Post Response Mode: the
    /// browser POSTs it, e.g. Sign in with Apple when it is asked for name or e-mail).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_mode: Option<String>,
    /// OAuth2: parameters of the callback beyond the protocol's to keep (Apple's `user`), into
    /// the token's `extra.callback`. Unsigned, browser-supplied data: never an identity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callback_params: Option<Vec<String>>,
}

/// A `[<APP_KEY>]` credentials table. `Debug` redacts the secret.
#[derive(Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct CredentialSettings {
    #[serde(default)]
    pub consumer_key: Option<String>,
    #[serde(default)]
    pub consumer_secret: Option<String>,
    // Keys for JWT client authentication (issue 25).
    #[serde(default)]
    pub private_key: Option<String>,
    #[serde(default)]
    pub private_key_file: Option<String>,
    #[serde(default)]
    pub key_id: Option<String>,
    #[serde(default)]
    pub team_id: Option<String>,
    #[serde(default)]
    pub certificate: Option<String>,
}

impl std::fmt::Debug for CredentialSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CredentialSettings")
            .field("consumer_key", &self.consumer_key)
            .field(
                "consumer_secret",
                &self.consumer_secret.as_ref().map(|_| "[redacted]"),
            )
            .field(
                "private_key",
                &self.private_key.as_ref().map(|_| "[redacted]"),
            )
            .field("private_key_file", &self.private_key_file)
            .field("key_id", &self.key_id)
            .field("team_id", &self.team_id)
            .field("certificate", &self.certificate.is_some())
            .finish()
    }
}

/// One `[[secret_keys]]` entry. `Debug` redacts the secret.
///
/// The secret is written inline (`secret`) or read from the environment variable `secret_env`
/// names, so rotating never forces secrets into the file; an entry with the id `default` and
/// neither stands for `secret_key` (docs/key-rotation.md).
#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SecretKeySettings {
    pub id: String,
    #[serde(default)]
    pub secret: Option<String>,
    #[serde(default)]
    pub secret_env: Option<String>,
    #[serde(default)]
    pub algorithm: crate::state::StateAlgorithm,
}

impl std::fmt::Debug for SecretKeySettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SecretKeySettings")
            .field("id", &self.id)
            .field("secret", &self.secret.as_ref().map(|_| "[redacted]"))
            .field("secret_env", &self.secret_env)
            .field("algorithm", &self.algorithm)
            .finish()
    }
}
