//! [`AppHandlers`]: the handlers one remote app runs, as the registry resolved them.

use std::sync::Arc;

use super::{
    AccountInfoHandler, AccountSetupHandler, AuthorizedHandler, DisconnectHandler, ProtocolHandler,
    RevokeHandler, SignupViewHandler,
};

/// The handlers one remote app runs, resolved from its configured names (built-ins where
/// configuration names none).
#[derive(Clone)]
pub struct AppHandlers {
    /// `protocol_handler` (the built-in `oauth2` or `oauth1` when unset)
    pub protocol: Arc<dyn ProtocolHandler>,
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
    /// The provider's revocation, run by core's disconnect after unlinking; core's RFC 7009
    /// revocation at `revoke_url` when `None`.
    pub revoke: Option<Arc<dyn RevokeHandler>>,
}

impl std::fmt::Debug for AppHandlers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppHandlers")
            .field("account_info", &self.account_info.is_some())
            .field("account_setup", &self.account_setup.is_some())
            .field("revoke", &self.revoke.is_some())
            .finish_non_exhaustive()
    }
}
