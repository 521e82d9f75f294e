//! `inventory` collections of providers and named handlers (the seed's "Registries").
//!
//! A provider crate submits its [`ProviderRegistration`] and [`HandlerRegistration`]s at
//! compile time; the host app builds one [`Registry`] at startup with
//! [`Registry::from_inventory`], which refuses duplicate names instead of letting one silently
//! shadow the other. Host apps can add their own handlers programmatically too.
//!
//! A crate that is only a Cargo dependency, and never named in the binary, is not linked and
//! its registrations vanish: name it once (`use oauthclient_github as _;`).
//!
//! ```
//! use std::sync::Arc;
//! use async_trait::async_trait;
//! use oauthclient_core::handlers::{DisconnectHandler, HandlerContext};
//! use oauthclient_core::registry::{HandlerFactory, HandlerKind, HandlerRegistration, Registry};
//! use oauthclient_core::OAuthError;
//!
//! struct KeepEverything;
//! #[async_trait]
//! impl DisconnectHandler for KeepEverything {
//!     async fn disconnect(&self, _ctx: &HandlerContext<'_>) -> Result<(), OAuthError> { Ok(()) }
//! }
//!
//! oauthclient_core::inventory::submit! {
//!     HandlerRegistration::new("example:keep", HandlerFactory::Disconnect(|| Arc::new(KeepEverything)))
//! }
//!
//! let registry = Registry::from_inventory()?;
//! assert!(registry.has_handler(HandlerKind::Disconnect, "example:keep"));
//! # Ok::<(), oauthclient_core::registry::RegistryError>(())
//! ```

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::config::{RegisteredNames, RemoteAppSettings};

mod registration;
mod resolve;

// A configuration key, re-exported beside the factories filed under it.
pub use crate::config::HandlerKind;
pub use registration::{HandlerFactory, HandlerRegistration, ProviderRegistration};
// Resolved here, defined with the handler traits it holds.
pub use crate::handlers::AppHandlers;

/// Why a registry could not be built.
///
/// ```
/// use oauthclient_core::config::RemoteAppSettings;
/// use oauthclient_core::registry::{Registry, RegistryError};
///
/// let mut registry = Registry::default();
/// registry.add_provider("acme", RemoteAppSettings::default, "crate_a")?;
/// let err = registry.add_provider("acme", RemoteAppSettings::default, "crate_b").unwrap_err();
/// assert_eq!(err.to_string(), "provider `acme` is registered twice (by crate_a and by crate_b)");
/// # Ok::<(), RegistryError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
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
    /// Two providers share a name.
    #[error("provider `{name}` is registered twice (by {first} and by {second})")]
    DuplicateProvider {
        /// The name.
        name: String,
        /// Who registered it first.
        first: String,
        /// Who registered it again.
        second: String,
    },
}

struct NamedHandler {
    factory: HandlerFactory,
    origin: String,
}

struct NamedProvider {
    template: fn() -> RemoteAppSettings,
    origin: String,
}

/// All providers and handlers known to this application. [`Registry::default`] knows the
/// built-in handlers ([`crate::handlers::defaults`]); [`Registry::from_inventory`] adds every
/// submitted registration.
///
/// ```
/// use oauthclient_core::config::RemoteAppSettings;
/// use oauthclient_core::registry::{HandlerKind, Registry};
///
/// let mut registry = Registry::default();
/// registry.add_provider("acme", RemoteAppSettings::default, "my_app")?;
/// assert!(registry.provider("acme").is_some());
/// assert!(!registry.has_handler(HandlerKind::Authorized, "acme:authorized"));
/// # Ok::<(), oauthclient_core::registry::RegistryError>(())
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
        let mut registry = Self {
            handlers: BTreeMap::new(),
            providers: BTreeMap::new(),
        };
        let builtins = [
            (
                OAUTH2,
                HandlerFactory::Protocol(|| Arc::new(OAuth2Protocol)),
            ),
            (
                OAUTH1,
                HandlerFactory::Protocol(|| Arc::new(OAuth1Protocol)),
            ),
            (
                AUTHORIZED_DEFAULT,
                HandlerFactory::Authorized(|| Arc::new(AuthorizedDefault)),
            ),
            (
                AUTHORIZED_SIGNUP,
                HandlerFactory::Authorized(|| Arc::new(AuthorizedSignup)),
            ),
            (
                DISCONNECT,
                HandlerFactory::Disconnect(|| Arc::new(DisconnectDefault)),
            ),
            (
                SIGNUP,
                HandlerFactory::SignupView(|| Arc::new(SignupDefault)),
            ),
        ];
        for (name, factory) in builtins {
            registry.handlers.insert(
                name.to_owned(),
                NamedHandler {
                    factory,
                    origin: "oauthclient-core".to_owned(),
                },
            );
        }
        registry
    }
}

impl Registry {
    /// Everything submitted with `inventory::submit!` in the linked crates, plus the built-ins.
    ///
    /// ```
    /// use oauthclient_core::config::RemoteAppSettings;
    /// use oauthclient_core::registry::{ProviderRegistration, Registry};
    ///
    /// oauthclient_core::inventory::submit! {
    ///     ProviderRegistration::new("doc_inventory", RemoteAppSettings::default)
    /// }
    ///
    /// let registry = Registry::from_inventory()?;
    /// assert!(registry.provider_names().any(|name| name == "doc_inventory"));
    /// # Ok::<(), oauthclient_core::registry::RegistryError>(())
    /// ```
    pub fn from_inventory() -> Result<Self, RegistryError> {
        let mut registry = Self::default();
        for registration in inventory::iter::<HandlerRegistration> {
            registry.add_handler(registration.name, registration.factory, registration.origin)?;
        }
        for registration in inventory::iter::<ProviderRegistration> {
            registry.add_provider(
                registration.name,
                registration.template,
                registration.origin,
            )?;
        }
        Ok(registry)
    }

    /// Adds a handler under `name`; refuses a name already taken.
    ///
    /// ```
    /// # use std::sync::Arc;
    /// # use async_trait::async_trait;
    /// # use oauthclient_core::handlers::{DisconnectHandler, HandlerContext};
    /// use oauthclient_core::registry::{HandlerFactory, Registry, RegistryError};
    /// # struct Noop;
    /// # #[async_trait] impl DisconnectHandler for Noop {
    /// #     async fn disconnect(&self, _: &HandlerContext<'_>) -> Result<(), oauthclient_core::OAuthError> { Ok(()) }
    /// # }
    /// let mut registry = Registry::default();
    /// let factory = HandlerFactory::Disconnect(|| Arc::new(Noop));
    /// registry.add_handler("mine:disconnect", factory, "my_app")?;
    /// assert!(registry.add_handler("mine:disconnect", factory, "my_app").is_err());
    /// # Ok::<(), RegistryError>(())
    /// ```
    pub fn add_handler(
        &mut self,
        name: &str,
        factory: HandlerFactory,
        origin: &str,
    ) -> Result<(), RegistryError> {
        if let Some(existing) = self.handlers.get(name) {
            return Err(RegistryError::DuplicateHandler {
                name: name.to_owned(),
                first: existing.origin.clone(),
                second: origin.to_owned(),
            });
        }
        self.handlers.insert(
            name.to_owned(),
            NamedHandler {
                factory,
                origin: origin.to_owned(),
            },
        );
        Ok(())
    }

    /// Adds a provider under `name`; refuses a name already taken.
    ///
    /// ```
    /// use oauthclient_core::config::RemoteAppSettings;
    /// use oauthclient_core::registry::Registry;
    /// let mut registry = Registry::default();
    /// registry.add_provider("acme", RemoteAppSettings::default, "my_app")?;
    /// assert!(registry.provider("acme").is_some());
    /// # Ok::<(), oauthclient_core::registry::RegistryError>(())
    /// ```
    pub fn add_provider(
        &mut self,
        name: &str,
        template: fn() -> RemoteAppSettings,
        origin: &str,
    ) -> Result<(), RegistryError> {
        if let Some(existing) = self.providers.get(name) {
            return Err(RegistryError::DuplicateProvider {
                name: name.to_owned(),
                first: existing.origin.clone(),
                second: origin.to_owned(),
            });
        }
        self.providers.insert(
            name.to_owned(),
            NamedProvider {
                template,
                origin: origin.to_owned(),
            },
        );
        Ok(())
    }

    /// Whether a handler of `kind` is registered under `name`.
    ///
    /// ```
    /// # use std::sync::Arc;
    /// # use async_trait::async_trait;
    /// # use oauthclient_core::handlers::{DisconnectHandler, HandlerContext};
    /// # struct Noop;
    /// # #[async_trait] impl DisconnectHandler for Noop {
    /// #     async fn disconnect(&self, _: &HandlerContext<'_>) -> Result<(), oauthclient_core::OAuthError> { Ok(()) }
    /// # }
    /// use oauthclient_core::registry::{HandlerFactory, HandlerKind, Registry};
    /// let mut registry = Registry::default();
    /// registry.add_handler("mine:disconnect", HandlerFactory::Disconnect(|| Arc::new(Noop)), "my_app")?;
    /// assert!(registry.has_handler(HandlerKind::Disconnect, "mine:disconnect"));
    /// // Same name, wrong kind:
    /// assert!(!registry.has_handler(HandlerKind::Authorized, "mine:disconnect"));
    /// # Ok::<(), oauthclient_core::registry::RegistryError>(())
    /// ```
    pub fn has_handler(&self, kind: HandlerKind, name: &str) -> bool {
        self.handlers
            .get(name)
            .is_some_and(|handler| handler.factory.kind() == kind)
    }

    /// The kind of the handler registered under `name`, if any.
    ///
    /// ```
    /// # use std::sync::Arc;
    /// # use async_trait::async_trait;
    /// # use oauthclient_core::handlers::{DisconnectHandler, HandlerContext};
    /// # struct Noop;
    /// # #[async_trait] impl DisconnectHandler for Noop {
    /// #     async fn disconnect(&self, _: &HandlerContext<'_>) -> Result<(), oauthclient_core::OAuthError> { Ok(()) }
    /// # }
    /// use oauthclient_core::registry::{HandlerFactory, HandlerKind, Registry};
    /// let mut registry = Registry::default();
    /// registry.add_handler("mine:disconnect", HandlerFactory::Disconnect(|| Arc::new(Noop)), "my_app")?;
    /// assert_eq!(registry.handler_kind("mine:disconnect"), Some(HandlerKind::Disconnect));
    /// assert_eq!(registry.handler_kind("mine:missing"), None);
    /// # Ok::<(), oauthclient_core::registry::RegistryError>(())
    /// ```
    pub fn handler_kind(&self, name: &str) -> Option<HandlerKind> {
        self.handlers
            .get(name)
            .map(|handler| handler.factory.kind())
    }

    /// The factory registered under `name`.
    ///
    /// ```
    /// # use std::sync::Arc;
    /// # use async_trait::async_trait;
    /// # use oauthclient_core::handlers::{DisconnectHandler, HandlerContext};
    /// # struct Noop;
    /// # #[async_trait] impl DisconnectHandler for Noop {
    /// #     async fn disconnect(&self, _: &HandlerContext<'_>) -> Result<(), oauthclient_core::OAuthError> { Ok(()) }
    /// # }
    /// use oauthclient_core::registry::{HandlerFactory, Registry};
    /// let mut registry = Registry::default();
    /// registry.add_handler("mine:disconnect", HandlerFactory::Disconnect(|| Arc::new(Noop)), "my_app")?;
    /// assert!(matches!(registry.handler("mine:disconnect"), Some(HandlerFactory::Disconnect(_))));
    /// assert!(registry.handler("mine:missing").is_none());
    /// # Ok::<(), oauthclient_core::registry::RegistryError>(())
    /// ```
    pub fn handler(&self, name: &str) -> Option<HandlerFactory> {
        self.handlers.get(name).map(|handler| handler.factory)
    }

    /// The provider defaults registered under `name`.
    ///
    /// ```
    /// use oauthclient_core::config::RemoteAppSettings;
    /// use oauthclient_core::registry::Registry;
    /// fn acme() -> RemoteAppSettings {
    ///     RemoteAppSettings { title: Some("ACME".into()), ..RemoteAppSettings::default() }
    /// }
    /// let mut registry = Registry::default();
    /// registry.add_provider("acme", acme, "my_app")?;
    /// assert_eq!(registry.provider("acme").and_then(|p| p.title).as_deref(), Some("ACME"));
    /// assert!(registry.provider("other").is_none());
    /// # Ok::<(), oauthclient_core::registry::RegistryError>(())
    /// ```
    pub fn provider(&self, name: &str) -> Option<RemoteAppSettings> {
        self.providers
            .get(name)
            .map(|provider| (provider.template)())
    }

    /// Registered handler names, sorted.
    ///
    /// ```
    /// # use std::sync::Arc;
    /// # use async_trait::async_trait;
    /// # use oauthclient_core::handlers::{DisconnectHandler, HandlerContext};
    /// # struct Noop;
    /// # #[async_trait] impl DisconnectHandler for Noop {
    /// #     async fn disconnect(&self, _: &HandlerContext<'_>) -> Result<(), oauthclient_core::OAuthError> { Ok(()) }
    /// # }
    /// use oauthclient_core::registry::{HandlerFactory, Registry};
    /// let mut registry = Registry::default();
    /// let factory = HandlerFactory::Disconnect(|| Arc::new(Noop));
    /// registry.add_handler("zeta:disconnect", factory, "my_app")?;
    /// registry.add_handler("alpha:disconnect", factory, "my_app")?;
    /// let mine: Vec<_> = registry.handler_names().filter(|name| name.contains(':')).collect();
    /// assert_eq!(mine, ["alpha:disconnect", "zeta:disconnect"]);
    /// # Ok::<(), oauthclient_core::registry::RegistryError>(())
    /// ```
    pub fn handler_names(&self) -> impl Iterator<Item = &str> {
        self.handlers.keys().map(String::as_str)
    }

    /// Registered provider names, sorted.
    ///
    /// ```
    /// use oauthclient_core::config::RemoteAppSettings;
    /// use oauthclient_core::registry::Registry;
    /// let mut registry = Registry::default();
    /// registry.add_provider("orcid", RemoteAppSettings::default, "my_app")?;
    /// registry.add_provider("github", RemoteAppSettings::default, "my_app")?;
    /// assert_eq!(registry.provider_names().collect::<Vec<_>>(), ["github", "orcid"]);
    /// # Ok::<(), oauthclient_core::registry::RegistryError>(())
    /// ```
    pub fn provider_names(&self) -> impl Iterator<Item = &str> {
        self.providers.keys().map(String::as_str)
    }
}

/// What configuration loading asks of the registry.
impl RegisteredNames for Registry {
    fn provider_defaults(&self, provider: &str) -> Option<RemoteAppSettings> {
        self.provider(provider)
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
