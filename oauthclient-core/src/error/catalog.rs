//! [`CatalogError`]: a message catalog that cannot be used, named by file, line and column.
//! Core has no Fluent: the front end finds the problem, this is how it is reported.

use std::path::{Path, PathBuf};

/// A catalog that cannot be used: a syntax error, an id defined twice, a directory that is not
/// a language tag, an unreadable file, or a locale setting with no catalog behind it.
///
/// `Display` is `path:line:column: message` (`path: message` when there is no position), for
/// example `locales/de/app.ftl:12:5: Expected a token starting with "="`.
///
/// ```
/// use std::path::Path;
/// use oauthclient_core::error::CatalogError;
/// let err = CatalogError::at(Path::new("locales/de/app.ftl"), 12, 5, "expected `=`");
/// assert_eq!(err.to_string(), "locales/de/app.ftl:12:5: expected `=`");
/// let err = CatalogError::whole(Path::new("[locales]"), "default locale `xx` has no catalog");
/// assert_eq!(err.to_string(), "[locales]: default locale `xx` has no catalog");
/// ```
#[derive(Debug, thiserror::Error)]
#[error("{}", self.location_and_message())]
#[non_exhaustive]
pub struct CatalogError {
    /// The file or directory at fault (for a locale setting with no catalog: `[locales]`).
    pub path: PathBuf,
    /// The 1-based line of the problem; 0 when it concerns the whole file or directory.
    pub line: usize,
    /// The 1-based column (in characters) of the problem; 0 when `line` is 0.
    pub column: usize,
    /// What is wrong.
    pub message: String,
    /// The I/O failure behind an unreadable file or directory.
    #[source]
    io: Option<std::io::Error>,
}

impl CatalogError {
    /// A problem at `line`:`column` (1-based, the column in characters) of `path`.
    pub fn at(path: &Path, line: usize, column: usize, message: impl Into<String>) -> Self {
        Self {
            path: path.to_path_buf(),
            line,
            column,
            message: message.into(),
            io: None,
        }
    }

    /// A problem with the whole file or directory `path`.
    pub fn whole(path: &Path, message: impl Into<String>) -> Self {
        Self::at(path, 0, 0, message)
    }

    /// `path` could not be read; `io` is kept as the source.
    pub fn unreadable(path: &Path, message: impl Into<String>, io: std::io::Error) -> Self {
        Self {
            io: Some(io),
            ..Self::whole(path, message)
        }
    }

    fn location_and_message(&self) -> String {
        if self.line == 0 {
            format!("{}: {}", self.path.display(), self.message)
        } else {
            format!(
                "{}:{}:{}: {}",
                self.path.display(),
                self.line,
                self.column,
                self.message
            )
        }
    }
}
