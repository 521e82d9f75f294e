//! What provider crates submit: handler kinds, factories, and the `inventory` records.

use std::sync::Arc;

use crate::config::{HandlerKind, RemoteAppSettings};
use crate::handlers::{
    AccountInfoHandler, AccountSetupHandler, AuthorizedHandler, DisconnectHandler, ProtocolHandler,
    SignupViewHandler,
};

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
    /// A [`ProtocolHandler`].
    Protocol(fn() -> Arc<dyn ProtocolHandler>),
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
            HandlerFactory::Protocol(_) => HandlerKind::Protocol,
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
