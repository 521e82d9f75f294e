//! [`HandlerKind`]: the handler configuration keys, which the registry files handlers under.

/// The handler kinds of the seed, one per configuration key.
///
/// ```
/// use oauthclient_core::registry::HandlerKind;
/// assert_eq!(HandlerKind::AccountInfo.to_string(), "signup info");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum HandlerKind {
    /// `protocol_handler`
    Protocol,
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
            HandlerKind::Protocol => "protocol",
            HandlerKind::Authorized => "authorized",
            HandlerKind::Disconnect => "disconnect",
            HandlerKind::AccountInfo => "signup info",
            HandlerKind::AccountSetup => "signup setup",
            HandlerKind::SignupView => "signup view",
        })
    }
}

impl HandlerKind {
    /// The key of a `[remote_apps.<name>]` table that names a handler of this kind.
    ///
    /// ```
    /// use oauthclient_core::registry::HandlerKind;
    /// assert_eq!(HandlerKind::AccountInfo.config_key(), "signup_handler.info");
    /// ```
    pub fn config_key(self) -> &'static str {
        match self {
            HandlerKind::Protocol => "protocol_handler",
            HandlerKind::Authorized => "authorized_handler",
            HandlerKind::Disconnect => "disconnect_handler",
            HandlerKind::AccountInfo => "signup_handler.info",
            HandlerKind::AccountSetup => "signup_handler.setup",
            HandlerKind::SignupView => "signup_handler.view",
        }
    }
}
