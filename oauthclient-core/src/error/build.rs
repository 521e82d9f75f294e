//! [`BuildError`]: why the parts of an OAuth client could not be put together at start-up.

use super::CatalogError;
use crate::config::ConfigError;

/// Why a front end (or one of its parts, like the HTTP client) could not be built. Nothing was
/// served yet and no remote app is at fault, so unlike [`super::OAuthError`] it names none: the
/// operator must act before anything works. Causes are kept as the
/// [`source`](std::error::Error::source).
///
/// ```
/// use std::error::Error;
/// use oauthclient_core::config::ConfigError;
/// use oauthclient_core::error::BuildError;
///
/// let err = BuildError::from(ConfigError::new("email_verification", "needs a mailer"));
/// assert_eq!(err.to_string(), "configuration key `email_verification`: needs a mailer");
///
/// let err = BuildError::part("template `login.html`", "unexpected end of input");
/// assert_eq!(err.to_string(), "cannot build template `login.html`");
/// assert_eq!(err.source().map(ToString::to_string).as_deref(), Some("unexpected end of input"));
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// The configuration cannot work with what was linked in or given (a handler of the wrong
    /// kind, mandatory e-mail verification and no mailer).
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// The builder was not given a part it needs.
    #[error("the OAuth client needs {0}")]
    Missing(String),
    /// A message catalog (the library's or the host's) cannot be used, or a `[locales]`
    /// setting names a locale without one: `Display` is the catalog's
    /// `path:line:column: what` (e.g. `locales/de/app.ftl:12:5: expected "="`).
    #[error(transparent)]
    Catalog(#[from] CatalogError),
    /// A part could not be made.
    #[error("cannot build {part}")]
    Part {
        /// Which part (`the HTTP client`, ``template `login.html` ``).
        part: String,
        /// Why.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
}

impl BuildError {
    /// `part` could not be made because of `source`.
    pub fn part(
        part: impl Into<String>,
        source: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Self {
        BuildError::Part {
            part: part.into(),
            source: source.into(),
        }
    }

    /// The message with its causes, for a one-line report (`cannot build the HTTP client:
    /// builder error: ...`).
    ///
    /// ```
    /// use oauthclient_core::error::BuildError;
    /// let err = BuildError::part("the HTTP client", "no TLS roots");
    /// assert_eq!(err.with_causes(), "cannot build the HTTP client: no TLS roots");
    /// ```
    pub fn with_causes(&self) -> String {
        let mut message = self.to_string();
        let mut cause = std::error::Error::source(self);
        while let Some(err) = cause {
            message.push_str(": ");
            message.push_str(&err.to_string());
            cause = err.source();
        }
        message
    }
}
