//! [`RegisteredNames`]: what loading checks a configuration's provider and handler names
//! against. The registry implements it; loading needs nothing else of it, so configuration
//! stays below the registry and the handlers and clients the registry builds.

use super::{HandlerKind, RemoteAppSettings};

/// The providers and named handlers linked into this binary, as configuration loading sees
/// them: a provider's defaults fill in its `[remote_apps.<name>]` table, and a handler name
/// must be registered with the kind of its key.
///
/// [`Registry`](crate::registry::Registry) implements it; pass `&registry` to
/// [`OAuthClientConfig::from_toml_str`](super::OAuthClientConfig::from_toml_str).
///
/// ```
/// use oauthclient_core::config::{HandlerKind, RegisteredNames, RemoteAppSettings};
/// use oauthclient_core::Registry;
///
/// let mut registry = Registry::default();
/// registry.add_provider("acme", RemoteAppSettings::default, "my_app")?;
/// let names: &dyn RegisteredNames = &registry;
/// assert!(names.provider_defaults("acme").is_some());
/// assert_eq!(names.provider_names(), ["acme"]);
/// assert_eq!(names.handler_kind("oauth2"), Some(HandlerKind::Protocol));
/// assert!(names.handlers_of_kind(HandlerKind::Disconnect).contains(&"disconnect"));
/// # Ok::<(), oauthclient_core::registry::RegistryError>(())
/// ```
pub trait RegisteredNames {
    /// The defaults of the provider registered as `provider` (its `REMOTE_APP`), if any.
    fn provider_defaults(&self, provider: &str) -> Option<RemoteAppSettings>;

    /// Every registered provider name, sorted (for error messages).
    fn provider_names(&self) -> Vec<&str>;

    /// The kind of the handler registered as `handler`, if any.
    fn handler_kind(&self, handler: &str) -> Option<HandlerKind>;

    /// The names of the registered handlers of `kind`, sorted (for error messages).
    fn handlers_of_kind(&self, kind: HandlerKind) -> Vec<&str>;
}
