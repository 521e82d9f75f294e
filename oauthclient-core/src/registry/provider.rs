//! [`Provider`]: everything a provider crate contributes, as one value, and the
//! [`ProviderEntry`] that registers a static instance through `inventory`.

use std::sync::Arc;

use super::Handler;
use crate::config::RemoteAppSettings;
use crate::handlers::{AccountInfoHandler, AccountSetupHandler, ProtocolHandler, RevokeHandler};

/// A provider ("Sign in with GitHub"): its id, its remote app defaults and its handlers.
///
/// An app uses a provider by its table name (`[remote_apps.github]`) or by
/// `provider = "github"`; it then starts from [`Provider::defaults`] (which the table
/// overrides key by key) and runs the provider's handlers wherever its configuration names
/// none. The handler methods are asked once per app when the client is built; a provider
/// that holds state (a pool, an allow-list) hands out that state, so the flow calls exactly
/// the instance the provider was built with.
///
/// ```
/// use std::sync::Arc;
/// use async_trait::async_trait;
/// use oauthclient_core::config::{RemoteAppParams, RemoteAppSettings};
/// use oauthclient_core::handlers::{AccountInfoHandler, ProviderContext};
/// use oauthclient_core::registry::{Provider, Registry};
/// use oauthclient_core::{AccountInfo, ExternalId, OAuthError, Token};
///
/// /// Signs in only the users on its allow-list: state lives in the provider value.
/// struct Acme { allowed: Arc<Vec<String>> }
/// struct AcmeInfo { allowed: Arc<Vec<String>> }
///
/// #[async_trait]
/// impl AccountInfoHandler for AcmeInfo {
///     async fn account_info(&self, ctx: &ProviderContext<'_>, _token: &Token) -> Result<AccountInfo, OAuthError> {
///         let id = "jane"; // a real handler asks the provider's API
///         if !self.allowed.iter().any(|allowed| allowed == id) {
///             return Err(OAuthError::InvalidResponse { remote: ctx.app.into(), reason: "not allowed".into() });
///         }
///         Ok(AccountInfo::new(ExternalId::new(id), ctx.app))
///     }
/// }
///
/// impl Provider for Acme {
///     fn id(&self) -> &str { "acme" }
///     fn defaults(&self) -> RemoteAppSettings {
///         RemoteAppSettings { title: Some("ACME".into()), ..RemoteAppSettings::default() }
///     }
///     fn account_info(&self) -> Option<Arc<dyn AccountInfoHandler>> {
///         Some(Arc::new(AcmeInfo { allowed: Arc::clone(&self.allowed) }))
///     }
/// }
///
/// let registry = Registry::default().with_provider(Arc::new(Acme { allowed: Arc::new(vec!["jane".into()]) }))?;
/// assert!(registry.provider("acme").is_some());
/// # Ok::<(), oauthclient_core::registry::RegistryError>(())
/// ```
pub trait Provider: Send + Sync + 'static {
    /// The provider id: `[remote_apps.<id>]` and `provider = "<id>"` refer to it.
    fn id(&self) -> &str;

    /// The remote app defaults (title, icon, endpoints, default scopes, `app_key`, ...),
    /// which an app's table overrides key by key.
    fn defaults(&self) -> RemoteAppSettings;

    /// Learns who signed in (`signup_handler.info`). `None` makes a link-only provider: it
    /// can store a token for a signed-in user but never sign anyone in.
    fn account_info(&self) -> Option<Arc<dyn AccountInfoHandler>>;

    /// Runs once when an account is first linked (`signup_handler.setup`); none by default.
    fn account_setup(&self) -> Option<Arc<dyn AccountSetupHandler>> {
        None
    }

    /// Revokes the grant at the provider once core's disconnect has unlinked the account
    /// (GitHub's grant deletion); none by default, and then core revokes the token by RFC 7009
    /// when the app has a `revoke_url`.
    fn revoke(&self) -> Option<Arc<dyn RevokeHandler>> {
        None
    }

    /// Replaces the protocol (`protocol_handler`), e.g. OpenID Connect; core's OAuth 2.0 or
    /// OAuth 1.0a (chosen by the endpoints) by default.
    fn protocol(&self) -> Option<Arc<dyn ProtocolHandler>> {
        None
    }

    /// Alternatives an app of this provider may pick by name instead of the defaults (OpenID
    /// Connect's `oidc:userinfo`); registered with the provider, none by default.
    fn named_handlers(&self) -> Vec<(String, Handler)> {
        Vec::new()
    }

    /// The protocol's name as an operator reads it (`oauthclient providers`): `oauth1` when
    /// the defaults name a `request_token_url`, else `oauth2`; a provider bringing its own
    /// [`Provider::protocol`] names it (`openid-connect`).
    fn protocol_name(&self) -> &str {
        if self.defaults().params.request_token_url.is_some() {
            "oauth1"
        } else {
            "oauth2"
        }
    }
}

/// The `inventory` record of a provider crate's default instance: a `static` value, so the
/// crate needs no start-up code. [`Registry::from_inventory`](super::Registry::from_inventory)
/// collects every linked entry.
///
/// ```
/// use std::sync::Arc;
/// use oauthclient_core::config::RemoteAppSettings;
/// use oauthclient_core::handlers::AccountInfoHandler;
/// use oauthclient_core::registry::{Provider, ProviderEntry, Registry};
///
/// struct LinkOnly;
/// impl Provider for LinkOnly {
///     fn id(&self) -> &str { "doc_link_only" }
///     fn defaults(&self) -> RemoteAppSettings { RemoteAppSettings::default() }
///     fn account_info(&self) -> Option<Arc<dyn AccountInfoHandler>> { None }
/// }
///
/// oauthclient_core::inventory::submit! {
///     ProviderEntry::new(&LinkOnly).with_origin(module_path!())
/// }
///
/// let registry = Registry::from_inventory()?;
/// assert!(registry.provider_names().any(|id| id == "doc_link_only"));
/// # Ok::<(), oauthclient_core::registry::RegistryError>(())
/// ```
pub struct ProviderEntry {
    provider: &'static dyn Provider,
    origin: &'static str,
}

impl ProviderEntry {
    /// An entry for `provider`. Chain [`ProviderEntry::with_origin`]`(module_path!())` so a
    /// duplicate report can name your crate.
    pub const fn new(provider: &'static dyn Provider) -> Self {
        Self {
            provider,
            origin: "unknown crate",
        }
    }

    /// Records where the entry comes from (`module_path!()`), for duplicate reports.
    #[must_use]
    pub const fn with_origin(mut self, origin: &'static str) -> Self {
        self.origin = origin;
        self
    }

    /// The registered instance.
    pub fn provider(&self) -> &'static dyn Provider {
        self.provider
    }

    /// The crate that registered it.
    pub fn origin(&self) -> &'static str {
        self.origin
    }
}

inventory::collect!(ProviderEntry);

/// A static inventory instance, shared like an explicit one.
pub(super) struct Linked(pub(super) &'static dyn Provider);

impl Provider for Linked {
    fn id(&self) -> &str {
        self.0.id()
    }
    fn defaults(&self) -> RemoteAppSettings {
        self.0.defaults()
    }
    fn account_info(&self) -> Option<Arc<dyn AccountInfoHandler>> {
        self.0.account_info()
    }
    fn account_setup(&self) -> Option<Arc<dyn AccountSetupHandler>> {
        self.0.account_setup()
    }
    fn revoke(&self) -> Option<Arc<dyn RevokeHandler>> {
        self.0.revoke()
    }
    fn protocol(&self) -> Option<Arc<dyn ProtocolHandler>> {
        self.0.protocol()
    }
    fn named_handlers(&self) -> Vec<(String, Handler)> {
        self.0.named_handlers()
    }
    fn protocol_name(&self) -> &str {
        self.0.protocol_name()
    }
}
