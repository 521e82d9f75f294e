//! The providers and named handlers this application knows (the seed's "Registries").
//!
//! A provider crate submits a static instance of its [`Provider`] as a [`ProviderEntry`]; the
//! host app builds one [`Registry`] at startup with [`Registry::from_inventory`], which
//! refuses two linked providers (or handler names) that collide instead of letting one
//! silently shadow the other. The host can then add providers that hold state
//! ([`Registry::with_provider`]: replaces the linked default of the same id) and its own named
//! handler instances ([`Registry::add_handler`]), which configuration refers to by name.
//!
//! A crate that is only a Cargo dependency, and never named in the binary, is not linked and
//! its entries vanish: name it once (`use oauthclient_github as _;`).
//!
//! ```
//! use std::sync::Arc;
//! use async_trait::async_trait;
//! use oauthclient_core::handlers::{DisconnectHandler, HandlerContext};
//! use oauthclient_core::registry::{Handler, HandlerKind, Registry};
//! use oauthclient_core::OAuthError;
//!
//! struct KeepEverything;
//! #[async_trait]
//! impl DisconnectHandler for KeepEverything {
//!     async fn disconnect(&self, _ctx: &HandlerContext<'_>) -> Result<(), OAuthError> { Ok(()) }
//! }
//!
//! let mut registry = Registry::from_inventory()?;
//! registry.add_handler("example:keep", Handler::Disconnect(Arc::new(KeepEverything)))?;
//! assert!(registry.has_handler(HandlerKind::Disconnect, "example:keep"));
//! # Ok::<(), oauthclient_core::registry::RegistryError>(())
//! ```

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::config::{RegisteredNames, RemoteAppSettings};

mod handler;
mod provider;
mod resolve;

// A configuration key, re-exported beside the handlers filed under it.
pub use crate::config::HandlerKind;
pub use handler::Handler;
pub use provider::{Provider, ProviderEntry};
// Resolved here, defined with the handler traits it holds.
pub use crate::handlers::AppHandlers;

/// Who added a handler or provider that was not linked through `inventory`.
const EXPLICIT: &str = "the application";

/// Why a registry could not be built.
///
/// ```
/// use oauthclient_core::registry::{Handler, Registry, RegistryError};
/// use oauthclient_core::client::OAuth2Protocol;
/// use std::sync::Arc;
///
/// let mut registry = Registry::default();
/// let err = registry.add_handler("oauth2", Handler::Protocol(Arc::new(OAuth2Protocol))).unwrap_err();
/// assert_eq!(err.to_string(), "handler name `oauth2` is registered twice (by oauthclient-core and by the application)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RegistryError {
    /// Two handlers (of any kinds) share a name.
    #[error("handler name `{name}` is registered twice (by {first} and by {second})")]
    DuplicateHandler {
        /// The name.
        name: String,
        /// Who registered it first.
        first: String,
        /// Who registered it again.
        second: String,
    },
    /// Two providers share an id: two linked crates, or two explicit instances.
    #[error("provider `{name}` is registered twice (by {first} and by {second})")]
    DuplicateProvider {
        /// The id.
        name: String,
        /// Who registered it first.
        first: String,
        /// Who registered it again.
        second: String,
    },
}

struct NamedHandler {
    handler: Handler,
    origin: String,
    /// The provider that contributed it, so replacing the provider drops it too.
    provider: Option<String>,
}

struct NamedProvider {
    provider: Arc<dyn Provider>,
    origin: String,
    /// Added with [`Registry::add_provider`] rather than linked through `inventory`.
    explicit: bool,
}

/// All providers and named handlers known to this application. [`Registry::default`] knows
/// the built-in handlers ([`crate::handlers::defaults`]); [`Registry::from_inventory`] adds
/// every linked [`ProviderEntry`].
///
/// ```
/// use oauthclient_core::registry::{HandlerKind, Registry};
///
/// let registry = Registry::default();
/// assert!(registry.provider("acme").is_none());
/// assert!(registry.has_handler(HandlerKind::Authorized, "authorized_signup"));
/// ```
pub struct Registry {
    handlers: BTreeMap<String, NamedHandler>,
    providers: BTreeMap<String, NamedProvider>,
}

impl std::fmt::Debug for Registry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Registry")
            .field("handlers", &self.handlers.keys().collect::<Vec<_>>())
            .field("providers", &self.providers.keys().collect::<Vec<_>>())
            .finish()
    }
}

impl Default for Registry {
    /// The built-in handlers only.
    ///
    /// ```
    /// use oauthclient_core::registry::{HandlerKind, Registry};
    /// assert!(Registry::default().has_handler(HandlerKind::Authorized, "authorized_signup"));
    /// ```
    fn default() -> Self {
        use crate::client::{OAuth1Protocol, OAuth2Protocol};
        use crate::handlers::defaults::{
            AUTHORIZED_DEFAULT, AUTHORIZED_SIGNUP, AuthorizedDefault, AuthorizedSignup, DISCONNECT,
            DisconnectDefault, OAUTH1, OAUTH2, SIGNUP, SignupDefault,
        };
        let builtins = [
            (OAUTH2, Handler::Protocol(Arc::new(OAuth2Protocol))),
            (OAUTH1, Handler::Protocol(Arc::new(OAuth1Protocol))),
            (
                AUTHORIZED_DEFAULT,
                Handler::Authorized(Arc::new(AuthorizedDefault)),
            ),
            (
                AUTHORIZED_SIGNUP,
                Handler::Authorized(Arc::new(AuthorizedSignup)),
            ),
            (DISCONNECT, Handler::Disconnect(Arc::new(DisconnectDefault))),
            (SIGNUP, Handler::SignupView(Arc::new(SignupDefault))),
        ];
        let handlers = builtins
            .into_iter()
            .map(|(name, handler)| {
                let named = NamedHandler {
                    handler,
                    origin: "oauthclient-core".to_owned(),
                    provider: None,
                };
                (name.to_owned(), named)
            })
            .collect();
        Self {
            handlers,
            providers: BTreeMap::new(),
        }
    }
}

impl Registry {
    /// The built-ins plus every [`ProviderEntry`] submitted in the linked crates.
    ///
    /// ```
    /// use oauthclient_core::registry::Registry;
    /// let registry = Registry::from_inventory()?;
    /// assert!(registry.provider("not-linked").is_none());
    /// # Ok::<(), oauthclient_core::registry::RegistryError>(())
    /// ```
    pub fn from_inventory() -> Result<Self, RegistryError> {
        let mut registry = Self::default();
        for entry in inventory::iter::<ProviderEntry> {
            let provider: Arc<dyn Provider> = Arc::new(provider::Linked(entry.provider()));
            registry.insert_provider(provider, entry.origin(), false)?;
        }
        Ok(registry)
    }

    /// Adds `provider`, an instance the application built (it may hold a pool, a client, an
    /// allow-list). It replaces a provider of the same id linked through `inventory` (the
    /// ecosystem's default) with its named handlers; a second explicit provider with one id
    /// is refused.
    ///
    /// ```
    /// use std::sync::Arc;
    /// use oauthclient_core::config::RemoteAppSettings;
    /// use oauthclient_core::handlers::AccountInfoHandler;
    /// use oauthclient_core::registry::{Provider, Registry};
    ///
    /// struct Acme;
    /// impl Provider for Acme {
    ///     fn id(&self) -> &str { "acme" }
    ///     fn defaults(&self) -> RemoteAppSettings { RemoteAppSettings::default() }
    ///     fn account_info(&self) -> Option<Arc<dyn AccountInfoHandler>> { None }
    /// }
    ///
    /// let mut registry = Registry::default();
    /// registry.add_provider(Arc::new(Acme))?;
    /// assert!(registry.add_provider(Arc::new(Acme)).is_err(), "one explicit `acme` only");
    /// # Ok::<(), oauthclient_core::registry::RegistryError>(())
    /// ```
    pub fn add_provider(&mut self, provider: Arc<dyn Provider>) -> Result<(), RegistryError> {
        self.insert_provider(provider, EXPLICIT, true)
    }

    /// [`Registry::add_provider`], for chaining.
    ///
    /// ```
    /// use std::sync::Arc;
    /// use oauthclient_core::config::RemoteAppSettings;
    /// use oauthclient_core::handlers::AccountInfoHandler;
    /// use oauthclient_core::registry::{Provider, Registry};
    ///
    /// struct Acme;
    /// impl Provider for Acme {
    ///     fn id(&self) -> &str { "acme" }
    ///     fn defaults(&self) -> RemoteAppSettings { RemoteAppSettings::default() }
    ///     fn account_info(&self) -> Option<Arc<dyn AccountInfoHandler>> { None }
    /// }
    /// let registry = Registry::from_inventory()?.with_provider(Arc::new(Acme))?;
    /// assert!(registry.provider_names().any(|id| id == "acme"));
    /// # Ok::<(), oauthclient_core::registry::RegistryError>(())
    /// ```
    pub fn with_provider(mut self, provider: Arc<dyn Provider>) -> Result<Self, RegistryError> {
        self.add_provider(provider)?;
        Ok(self)
    }

    fn insert_provider(
        &mut self,
        provider: Arc<dyn Provider>,
        origin: &str,
        explicit: bool,
    ) -> Result<(), RegistryError> {
        let id = provider.id().to_owned();
        if let Some(existing) = self.providers.get(&id) {
            // Only an explicit instance replaces a linked one: two linked crates, or two
            // explicit instances, are a mistake to report rather than a silent winner.
            if existing.explicit || !explicit {
                return Err(RegistryError::DuplicateProvider {
                    name: id,
                    first: existing.origin.clone(),
                    second: origin.to_owned(),
                });
            }
            self.handlers
                .retain(|_, handler| handler.provider.as_deref() != Some(id.as_str()));
        }
        for (name, handler) in provider.named_handlers() {
            self.insert_handler(&name, handler, origin, Some(&id))?;
        }
        let named = NamedProvider {
            provider,
            origin: origin.to_owned(),
            explicit,
        };
        self.providers.insert(id, named);
        Ok(())
    }

    /// Adds a handler instance under `name`, for configuration to name
    /// (`authorized_handler = "myapp:audit"`); refuses a name already taken.
    ///
    /// ```
    /// # use std::sync::Arc;
    /// # use async_trait::async_trait;
    /// # use oauthclient_core::handlers::{DisconnectHandler, HandlerContext};
    /// use oauthclient_core::registry::{Handler, HandlerKind, Registry};
    /// # struct Noop;
    /// # #[async_trait] impl DisconnectHandler for Noop {
    /// #     async fn disconnect(&self, _: &HandlerContext<'_>) -> Result<(), oauthclient_core::OAuthError> { Ok(()) }
    /// # }
    /// let mut registry = Registry::default();
    /// let handler = Handler::Disconnect(Arc::new(Noop));
    /// registry.add_handler("mine:disconnect", handler.clone())?;
    /// assert!(registry.add_handler("mine:disconnect", handler).is_err());
    /// assert_eq!(registry.handler_kind("mine:disconnect"), Some(HandlerKind::Disconnect));
    /// assert!(!registry.has_handler(HandlerKind::Authorized, "mine:disconnect"));
    /// # Ok::<(), oauthclient_core::registry::RegistryError>(())
    /// ```
    pub fn add_handler(&mut self, name: &str, handler: Handler) -> Result<(), RegistryError> {
        self.insert_handler(name, handler, EXPLICIT, None)
    }

    fn insert_handler(
        &mut self,
        name: &str,
        handler: Handler,
        origin: &str,
        provider: Option<&str>,
    ) -> Result<(), RegistryError> {
        if let Some(existing) = self.handlers.get(name) {
            return Err(RegistryError::DuplicateHandler {
                name: name.to_owned(),
                first: existing.origin.clone(),
                second: origin.to_owned(),
            });
        }
        let named = NamedHandler {
            handler,
            origin: origin.to_owned(),
            provider: provider.map(str::to_owned),
        };
        self.handlers.insert(name.to_owned(), named);
        Ok(())
    }

    /// Whether a handler of `kind` is registered under `name`.
    ///
    /// ```
    /// use oauthclient_core::registry::{HandlerKind, Registry};
    /// assert!(Registry::default().has_handler(HandlerKind::Protocol, "oauth2"));
    /// assert!(!Registry::default().has_handler(HandlerKind::Authorized, "oauth2"));
    /// ```
    pub fn has_handler(&self, kind: HandlerKind, name: &str) -> bool {
        self.handler_kind(name) == Some(kind)
    }

    /// The kind of the handler registered under `name`, if any.
    ///
    /// ```
    /// use oauthclient_core::registry::{HandlerKind, Registry};
    /// assert_eq!(Registry::default().handler_kind("disconnect"), Some(HandlerKind::Disconnect));
    /// assert_eq!(Registry::default().handler_kind("mine:missing"), None);
    /// ```
    pub fn handler_kind(&self, name: &str) -> Option<HandlerKind> {
        self.handler(name).map(Handler::kind)
    }

    /// The handler instance registered under `name`.
    ///
    /// ```
    /// use oauthclient_core::registry::{Handler, Registry};
    /// let registry = Registry::default();
    /// assert!(matches!(registry.handler("disconnect"), Some(Handler::Disconnect(_))));
    /// assert!(registry.handler("mine:missing").is_none());
    /// ```
    pub fn handler(&self, name: &str) -> Option<&Handler> {
        self.handlers.get(name).map(|named| &named.handler)
    }

    /// The provider registered as `id`.
    ///
    /// ```
    /// use oauthclient_core::registry::Registry;
    /// assert!(Registry::default().provider("github").is_none(), "nothing linked");
    /// ```
    pub fn provider(&self, id: &str) -> Option<&dyn Provider> {
        self.providers.get(id).map(|named| &*named.provider)
    }

    /// Registered handler names, sorted.
    ///
    /// ```
    /// use oauthclient_core::registry::Registry;
    /// let registry = Registry::default();
    /// assert!(registry.handler_names().any(|name| name == "authorized_default"));
    /// ```
    pub fn handler_names(&self) -> impl Iterator<Item = &str> {
        self.handlers.keys().map(String::as_str)
    }

    /// Registered provider ids, sorted.
    ///
    /// ```
    /// use oauthclient_core::registry::Registry;
    /// assert_eq!(Registry::default().provider_names().count(), 0);
    /// ```
    pub fn provider_names(&self) -> impl Iterator<Item = &str> {
        self.providers.keys().map(String::as_str)
    }
}

/// What configuration loading asks of the registry.
impl RegisteredNames for Registry {
    fn provider_defaults(&self, provider: &str) -> Option<RemoteAppSettings> {
        self.provider(provider).map(Provider::defaults)
    }

    fn provider_speaks_own_protocol(&self, provider: &str) -> bool {
        self.provider(provider)
            .is_some_and(|provider| provider.protocol().is_some())
    }

    fn provider_names(&self) -> Vec<&str> {
        Registry::provider_names(self).collect()
    }

    fn handler_kind(&self, handler: &str) -> Option<HandlerKind> {
        Registry::handler_kind(self, handler)
    }

    fn handlers_of_kind(&self, kind: HandlerKind) -> Vec<&str> {
        self.handler_names()
            .filter(|name| self.has_handler(kind, name))
            .collect()
    }
}

#[cfg(test)]
mod tests;
