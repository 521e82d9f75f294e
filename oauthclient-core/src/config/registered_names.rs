//! [`RegisteredNames`]: what loading checks a configuration's provider and handler names
//! against. The registry implements it; loading needs nothing else of it, so configuration
//! stays below the registry and the handlers and clients the registry builds.

use super::{HandlerKind, RemoteAppSettings};

/// The providers and named handlers linked into this binary, as configuration loading sees
/// them: a provider's defaults fill in its `[remote_apps.<id>]` table, and a handler name
/// must be registered with the kind of its key.
///
/// [`Registry`](crate::registry::Registry) implements it; pass `&registry` to
/// [`OAuthClientConfig::from_toml_str`](super::OAuthClientConfig::from_toml_str).
///
/// ```
/// use oauthclient_core::config::{HandlerKind, RegisteredNames};
/// use oauthclient_core::Registry;
///
/// let registry = Registry::default();
/// let names: &dyn RegisteredNames = &registry;
/// assert!(names.provider_defaults("acme").is_none());
/// assert!(names.provider_names().is_empty());
/// assert_eq!(names.handler_kind("oauth2"), Some(HandlerKind::Protocol));
/// assert!(names.handlers_of_kind(HandlerKind::Disconnect).contains(&"disconnect"));
/// ```
pub trait RegisteredNames {
    /// The defaults of the provider registered as `provider`, if any.
    fn provider_defaults(&self, provider: &str) -> Option<RemoteAppSettings>;

    /// Whether the provider registered as `provider` brings its own protocol (OpenID Connect).
    fn provider_speaks_own_protocol(&self, provider: &str) -> bool;

    /// Every registered provider id, sorted (for error messages).
    fn provider_names(&self) -> Vec<&str>;

    /// The kind of the handler registered as `handler`, if any.
    fn handler_kind(&self, handler: &str) -> Option<HandlerKind>;

    /// The names of the registered handlers of `kind`, sorted (for error messages).
    fn handlers_of_kind(&self, kind: HandlerKind) -> Vec<&str>;
}

/// What to say when configuration uses a provider no linked crate registers: the crate a
/// provider of that id conventionally lives in (`orcid_sandbox` → `oauthclient-orcid`), and
/// the line that links it.
pub(crate) fn provider_not_linked(provider: &str, linked: &[&str]) -> String {
    let base = provider.split(['_', '-']).next().unwrap_or(provider);
    let linked = if linked.is_empty() {
        "none".to_owned()
    } else {
        linked.join(", ")
    };
    format!(
        "no provider `{provider}` is linked — add `oauthclient-{base}` and \
         `use oauthclient_{base} as _;` (linked: {linked})"
    )
}
