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

use crate::config::{ConfigError, RemoteApp, RemoteAppSettings};
use crate::handlers::{
    AccountInfoHandler, AccountSetupHandler, AuthorizedHandler, DisconnectHandler,
    SignupViewHandler,
};

/// The handler kinds of the seed, one per configuration key.
///
/// ```
/// use oauthclient_core::registry::HandlerKind;
/// assert_eq!(HandlerKind::AccountInfo.to_string(), "signup info");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum HandlerKind {
    /// `authorized_handler`
    Authorized,
    /// `disconnect_handler`
    Disconnect,
    /// `signup_handler.info`
    AccountInfo,
    /// `signup_handler.setup`
    AccountSetup,
    /// `signup_handler.view`
    SignupView,
}

impl std::fmt::Display for HandlerKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            HandlerKind::Authorized => "authorized",
            HandlerKind::Disconnect => "disconnect",
            HandlerKind::AccountInfo => "signup info",
            HandlerKind::AccountSetup => "signup setup",
            HandlerKind::SignupView => "signup view",
        })
    }
}

/// How to build a handler: a plain function, so registrations can be `static`.
///
/// ```
/// use std::sync::Arc;
/// use async_trait::async_trait;
/// use oauthclient_core::handlers::{DisconnectHandler, HandlerContext};
/// use oauthclient_core::registry::HandlerFactory;
/// use oauthclient_core::OAuthError;
///
/// struct Noop;
/// #[async_trait]
/// impl DisconnectHandler for Noop {
///     async fn disconnect(&self, _ctx: &HandlerContext<'_>) -> Result<(), OAuthError> { Ok(()) }
/// }
///
/// let factory = HandlerFactory::Disconnect(|| Arc::new(Noop));
/// let HandlerFactory::Disconnect(build) = factory else { unreachable!() };
/// let _handler: Arc<dyn DisconnectHandler> = build();
/// ```
#[derive(Clone, Copy)]
pub enum HandlerFactory {
    /// An [`AuthorizedHandler`].
    Authorized(fn() -> Arc<dyn AuthorizedHandler>),
    /// A [`DisconnectHandler`].
    Disconnect(fn() -> Arc<dyn DisconnectHandler>),
    /// An [`AccountInfoHandler`].
    AccountInfo(fn() -> Arc<dyn AccountInfoHandler>),
    /// An [`AccountSetupHandler`].
    AccountSetup(fn() -> Arc<dyn AccountSetupHandler>),
    /// A [`SignupViewHandler`].
    SignupView(fn() -> Arc<dyn SignupViewHandler>),
}

impl HandlerFactory {
    /// The kind of handler this factory builds.
    ///
    /// ```
    /// # use std::sync::Arc;
    /// # use async_trait::async_trait;
    /// # use oauthclient_core::handlers::{DisconnectHandler, HandlerContext};
    /// use oauthclient_core::registry::{HandlerFactory, HandlerKind};
    /// # struct Noop;
    /// # #[async_trait] impl DisconnectHandler for Noop {
    /// #     async fn disconnect(&self, _: &HandlerContext<'_>) -> Result<(), oauthclient_core::OAuthError> { Ok(()) }
    /// # }
    /// let factory = HandlerFactory::Disconnect(|| Arc::new(Noop));
    /// assert_eq!(factory.kind(), HandlerKind::Disconnect);
    /// ```
    pub fn kind(&self) -> HandlerKind {
        match self {
            HandlerFactory::Authorized(_) => HandlerKind::Authorized,
            HandlerFactory::Disconnect(_) => HandlerKind::Disconnect,
            HandlerFactory::AccountInfo(_) => HandlerKind::AccountInfo,
            HandlerFactory::AccountSetup(_) => HandlerKind::AccountSetup,
            HandlerFactory::SignupView(_) => HandlerKind::SignupView,
        }
    }
}

/// A named handler, submitted with `inventory::submit!`. Names look like the seed's import
/// paths: `"github:account_info"`.
///
/// ```
/// # use std::sync::Arc;
/// # use async_trait::async_trait;
/// # use oauthclient_core::handlers::{DisconnectHandler, HandlerContext};
/// use oauthclient_core::registry::{HandlerFactory, HandlerKind, HandlerRegistration, Registry};
/// # struct Noop;
/// # #[async_trait] impl DisconnectHandler for Noop {
/// #     async fn disconnect(&self, _: &HandlerContext<'_>) -> Result<(), oauthclient_core::OAuthError> { Ok(()) }
/// # }
/// oauthclient_core::inventory::submit! {
///     HandlerRegistration::new("doc:noop", HandlerFactory::Disconnect(|| Arc::new(Noop)))
///         .with_origin(module_path!())
/// }
///
/// let registry = Registry::from_inventory()?;
/// assert_eq!(registry.handler_kind("doc:noop"), Some(HandlerKind::Disconnect));
/// # Ok::<(), oauthclient_core::registry::RegistryError>(())
/// ```
pub struct HandlerRegistration {
    /// The name configuration refers to.
    pub name: &'static str,
    /// Builds the handler.
    pub factory: HandlerFactory,
    /// The crate that registered it (for duplicate reports).
    pub origin: &'static str,
}

impl HandlerRegistration {
    /// A registration. Chain [`HandlerRegistration::with_origin`]`(module_path!())` so a
    /// duplicate report can name your crate.
    ///
    /// ```
    /// # use std::sync::Arc;
    /// # use async_trait::async_trait;
    /// # use oauthclient_core::handlers::{DisconnectHandler, HandlerContext};
    /// use oauthclient_core::registry::{HandlerFactory, HandlerKind, HandlerRegistration};
    /// # struct Noop;
    /// # #[async_trait] impl DisconnectHandler for Noop {
    /// #     async fn disconnect(&self, _: &HandlerContext<'_>) -> Result<(), oauthclient_core::OAuthError> { Ok(()) }
    /// # }
    /// let registration = HandlerRegistration::new("mine:disconnect", HandlerFactory::Disconnect(|| Arc::new(Noop)));
    /// assert_eq!(registration.name, "mine:disconnect");
    /// assert_eq!(registration.factory.kind(), HandlerKind::Disconnect);
    /// assert_eq!(registration.origin, "unknown crate");
    /// ```
    pub const fn new(name: &'static str, factory: HandlerFactory) -> Self {
        Self {
            name,
            factory,
            origin: "unknown crate",
        }
    }

    /// Records where the registration comes from (`module_path!()`), for duplicate reports.
    ///
    /// ```
    /// # use std::sync::Arc;
    /// # use async_trait::async_trait;
    /// # use oauthclient_core::handlers::{DisconnectHandler, HandlerContext};
    /// use oauthclient_core::registry::{HandlerFactory, HandlerRegistration};
    /// # struct Noop;
    /// # #[async_trait] impl DisconnectHandler for Noop {
    /// #     async fn disconnect(&self, _: &HandlerContext<'_>) -> Result<(), oauthclient_core::OAuthError> { Ok(()) }
    /// # }
    /// let registration = HandlerRegistration::new("mine:disconnect", HandlerFactory::Disconnect(|| Arc::new(Noop)))
    ///     .with_origin("my_app::handlers");
    /// assert_eq!(registration.origin, "my_app::handlers");
    /// ```
    #[must_use]
    pub const fn with_origin(mut self, origin: &'static str) -> Self {
        self.origin = origin;
        self
    }
}

/// A provider: its name and its remote app defaults (the seed's `REMOTE_APP`), which a
/// `[remote_apps.<name>]` table overrides key by key.
///
/// ```
/// use oauthclient_core::config::RemoteAppSettings;
/// use oauthclient_core::registry::{ProviderRegistration, Registry};
///
/// fn acme() -> RemoteAppSettings {
///     RemoteAppSettings { title: Some("ACME".into()), ..RemoteAppSettings::default() }
/// }
///
/// oauthclient_core::inventory::submit! {
///     ProviderRegistration::new("doc_acme", acme).with_origin(module_path!())
/// }
///
/// let registry = Registry::from_inventory()?;
/// assert_eq!(registry.provider("doc_acme").and_then(|p| p.title).as_deref(), Some("ACME"));
/// # Ok::<(), oauthclient_core::registry::RegistryError>(())
/// ```
pub struct ProviderRegistration {
    /// The provider name (`github`, `orcid`, `orcid_sandbox`).
    pub name: &'static str,
    /// The defaults.
    pub template: fn() -> RemoteAppSettings,
    /// The crate that registered it (for duplicate reports).
    pub origin: &'static str,
}

impl ProviderRegistration {
    /// A provider registration.
    ///
    /// ```
    /// use oauthclient_core::config::RemoteAppSettings;
    /// use oauthclient_core::registry::ProviderRegistration;
    /// let registration = ProviderRegistration::new("acme", RemoteAppSettings::default);
    /// assert_eq!(registration.name, "acme");
    /// assert_eq!((registration.template)(), RemoteAppSettings::default());
    /// ```
    pub const fn new(name: &'static str, template: fn() -> RemoteAppSettings) -> Self {
        Self {
            name,
            template,
            origin: "unknown crate",
        }
    }

    /// Records where the registration comes from (`module_path!()`).
    ///
    /// ```
    /// use oauthclient_core::config::RemoteAppSettings;
    /// use oauthclient_core::registry::ProviderRegistration;
    /// let registration = ProviderRegistration::new("acme", RemoteAppSettings::default).with_origin("acme_provider");
    /// assert_eq!(registration.origin, "acme_provider");
    /// ```
    #[must_use]
    pub const fn with_origin(mut self, origin: &'static str) -> Self {
        self.origin = origin;
        self
    }
}

inventory::collect!(HandlerRegistration);
inventory::collect!(ProviderRegistration);

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
        use crate::handlers::defaults::{
            AUTHORIZED_DEFAULT, AUTHORIZED_SIGNUP, AuthorizedDefault, AuthorizedSignup, DISCONNECT,
            DisconnectDefault, SIGNUP, SignupDefault,
        };
        let mut registry = Self {
            handlers: BTreeMap::new(),
            providers: BTreeMap::new(),
        };
        let builtins = [
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

/// The handlers one remote app runs, resolved from its configured names (built-ins where
/// configuration names none).
#[derive(Clone)]
pub struct AppHandlers {
    /// `authorized_handler`
    pub authorized: Arc<dyn AuthorizedHandler>,
    /// `disconnect_handler`
    pub disconnect: Arc<dyn DisconnectHandler>,
    /// `signup_handler.info`
    pub account_info: Option<Arc<dyn AccountInfoHandler>>,
    /// `signup_handler.setup`
    pub account_setup: Option<Arc<dyn AccountSetupHandler>>,
    /// `signup_handler.view`
    pub signup_view: Arc<dyn SignupViewHandler>,
}

impl std::fmt::Debug for AppHandlers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppHandlers")
            .field("account_info", &self.account_info.is_some())
            .field("account_setup", &self.account_setup.is_some())
            .finish_non_exhaustive()
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

    /// The handlers `app` runs. With no `authorized_handler` configured, an app with a
    /// `signup_handler.info` gets `authorized_signup`, others `authorized_default`.
    ///
    /// ```
    /// use oauthclient_core::{OAuthClientConfig, Registry, config::NoEnv};
    /// let registry = Registry::default();
    /// let config = OAuthClientConfig::from_toml_str(r#"
    ///     secret_key = "a-very-long-random-secret-of-at-least-32-bytes"
    ///     site_url = "https://example.org"
    ///     [remote_apps.demo.params]
    ///     authorize_url = "https://provider.example/authorize"
    ///     access_token_url = "https://provider.example/token"
    ///     [DEMO_APP_CREDENTIALS]
    ///     consumer_key = "k"
    ///     consumer_secret = "s"
    /// "#, &NoEnv, &registry)?;
    /// let handlers = registry.resolve(config.remote_app("demo").expect("configured"))?;
    /// assert!(handlers.account_info.is_none());
    /// # Ok::<(), oauthclient_core::config::ConfigError>(())
    /// ```
    pub fn resolve(&self, app: &RemoteApp) -> Result<AppHandlers, ConfigError> {
        use crate::handlers::defaults::{
            AUTHORIZED_DEFAULT, AUTHORIZED_SIGNUP, DISCONNECT, SIGNUP,
        };
        let names = &app.handlers;
        let lookup = |key: &str, name: &str| {
            self.handler(name).ok_or_else(|| {
                ConfigError::new(
                    format!("remote_apps.{}.{key}", app.name),
                    format!("no handler is registered as `{name}`"),
                )
            })
        };
        let wrong_kind = |key: &str, name: &str| {
            ConfigError::new(
                format!("remote_apps.{}.{key}", app.name),
                format!("`{name}` is not a {key} handler"),
            )
        };
        let authorized_name =
            names
                .authorized
                .as_deref()
                .unwrap_or(if names.signup_info.is_some() {
                    AUTHORIZED_SIGNUP
                } else {
                    AUTHORIZED_DEFAULT
                });
        let HandlerFactory::Authorized(authorized) = lookup("authorized_handler", authorized_name)?
        else {
            return Err(wrong_kind("authorized_handler", authorized_name));
        };
        let disconnect_name = names.disconnect.as_deref().unwrap_or(DISCONNECT);
        let HandlerFactory::Disconnect(disconnect) = lookup("disconnect_handler", disconnect_name)?
        else {
            return Err(wrong_kind("disconnect_handler", disconnect_name));
        };
        let view_name = names.signup_view.as_deref().unwrap_or(SIGNUP);
        let HandlerFactory::SignupView(signup_view) = lookup("signup_handler.view", view_name)?
        else {
            return Err(wrong_kind("signup_handler.view", view_name));
        };
        let account_info = match names.signup_info.as_deref() {
            None => None,
            Some(name) => match lookup("signup_handler.info", name)? {
                HandlerFactory::AccountInfo(factory) => Some(factory()),
                _ => return Err(wrong_kind("signup_handler.info", name)),
            },
        };
        let account_setup = match names.signup_setup.as_deref() {
            None => None,
            Some(name) => match lookup("signup_handler.setup", name)? {
                HandlerFactory::AccountSetup(factory) => Some(factory()),
                _ => return Err(wrong_kind("signup_handler.setup", name)),
            },
        };
        Ok(AppHandlers {
            authorized: authorized(),
            disconnect: disconnect(),
            account_info,
            account_setup,
            signup_view: signup_view(),
        })
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
