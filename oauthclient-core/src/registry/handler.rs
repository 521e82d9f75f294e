//! [`Handler`]: one handler instance of any kind, as the registry files it under a name.

use std::sync::Arc;

use crate::config::HandlerKind;
use crate::handlers::{
    AccountInfoHandler, AccountSetupHandler, AuthorizedHandler, DisconnectHandler, ProtocolHandler,
    SignupViewHandler,
};

/// A handler instance, tagged with its kind. Instances, not constructors: a handler may hold
/// a pool, a client or an allow-list, and every app naming it shares that one instance.
///
/// ```
/// use std::sync::Arc;
/// use async_trait::async_trait;
/// use oauthclient_core::handlers::{DisconnectHandler, HandlerContext};
/// use oauthclient_core::registry::{Handler, HandlerKind};
/// use oauthclient_core::OAuthError;
///
/// struct Noop;
/// #[async_trait]
/// impl DisconnectHandler for Noop {
///     async fn disconnect(&self, _ctx: &HandlerContext<'_>) -> Result<(), OAuthError> { Ok(()) }
/// }
///
/// let handler = Handler::Disconnect(Arc::new(Noop));
/// assert_eq!(handler.kind(), HandlerKind::Disconnect);
/// ```
#[derive(Clone)]
#[non_exhaustive]
pub enum Handler {
    /// An [`AuthorizedHandler`] (`authorized_handler`).
    Authorized(Arc<dyn AuthorizedHandler>),
    /// A [`DisconnectHandler`] (`disconnect_handler`).
    Disconnect(Arc<dyn DisconnectHandler>),
    /// An [`AccountInfoHandler`] (`signup_handler.info`).
    AccountInfo(Arc<dyn AccountInfoHandler>),
    /// An [`AccountSetupHandler`] (`signup_handler.setup`).
    AccountSetup(Arc<dyn AccountSetupHandler>),
    /// A [`SignupViewHandler`] (`signup_handler.view`).
    SignupView(Arc<dyn SignupViewHandler>),
    /// A [`ProtocolHandler`] (`protocol_handler`).
    Protocol(Arc<dyn ProtocolHandler>),
}

impl Handler {
    /// The configuration key this handler can be named under.
    ///
    /// ```
    /// use std::sync::Arc;
    /// use oauthclient_core::client::OAuth2Protocol;
    /// use oauthclient_core::registry::{Handler, HandlerKind};
    /// assert_eq!(Handler::Protocol(Arc::new(OAuth2Protocol)).kind(), HandlerKind::Protocol);
    /// ```
    pub fn kind(&self) -> HandlerKind {
        match self {
            Handler::Authorized(_) => HandlerKind::Authorized,
            Handler::Disconnect(_) => HandlerKind::Disconnect,
            Handler::AccountInfo(_) => HandlerKind::AccountInfo,
            Handler::AccountSetup(_) => HandlerKind::AccountSetup,
            Handler::SignupView(_) => HandlerKind::SignupView,
            Handler::Protocol(_) => HandlerKind::Protocol,
        }
    }
}

impl std::fmt::Debug for Handler {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Handler::{:?}", self.kind())
    }
}
