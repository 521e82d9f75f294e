//! Why an option's value was invalid ([`InvalidReason`]), and the catalog messages of a
//! [`LoginOptionError`] (`login-option-*`), for a front end to show in the reader's language.

use serde::{Deserialize, Serialize};

use super::{LoginOptionError, MAX_ACR_VALUES_CHARS, MAX_LOGIN_HINT_CHARS, MAX_MAX_AGE_SECS};
use crate::message::Message;

/// What a valid value of an option looks like: the reason of [`LoginOptionError::Invalid`].
///
/// `Display` is the English text; [`InvalidReason::message`] its catalog id.
///
/// ```
/// use oauthclient_core::login_options::InvalidReason;
///
/// let reason = InvalidReason::MaxAge { max: 31_536_000 };
/// assert_eq!(reason.to_string(), "use a whole number of seconds from 0 to 31536000");
/// assert_eq!(reason.message().id(), "login-option-reason-max-age");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum InvalidReason {
    /// A `prompt` word that is not one of the four.
    #[error("use none, login, consent or select_account, separated by spaces")]
    PromptValues,
    /// A `prompt` word given twice.
    #[error("a value is repeated")]
    PromptRepeated,
    /// `prompt=none` with other words.
    #[error("`none` cannot be combined with other values")]
    PromptNoneAlone,
    /// A `login_hint` too long or with control characters.
    #[error("use at most {max} characters, no control characters")]
    LoginHint {
        /// The most characters allowed.
        max: u64,
    },
    /// A `max_age` that is not a whole number of seconds in range.
    #[error("use a whole number of seconds from 0 to {max}")]
    MaxAge {
        /// The largest value allowed, in seconds.
        max: u64,
    },
    /// `acr_values` empty, too long or not printable.
    #[error("use printable values separated by spaces, at most {max} characters")]
    AcrValues {
        /// The most characters allowed.
        max: u64,
    },
    /// A `scope` option naming no scope.
    #[error("name at least one scope")]
    ScopeEmpty,
    /// A `remember` value that is not a checkbox's yes or no.
    #[error("use 1 or 0")]
    Remember,
}

impl InvalidReason {
    /// `login_hint`'s reason, with its limit.
    pub(super) fn login_hint() -> Self {
        InvalidReason::LoginHint {
            max: limit(MAX_LOGIN_HINT_CHARS),
        }
    }

    /// `max_age`'s reason, with its limit.
    pub(super) fn max_age() -> Self {
        InvalidReason::MaxAge {
            max: MAX_MAX_AGE_SECS,
        }
    }

    /// `acr_values`' reason, with its limit.
    pub(super) fn acr_values() -> Self {
        InvalidReason::AcrValues {
            max: limit(MAX_ACR_VALUES_CHARS),
        }
    }

    /// The catalog message (`login-option-reason-*`, with `$max` where the text has a limit).
    pub fn message(&self) -> Message {
        match self {
            InvalidReason::PromptValues => Message::new("login-option-reason-prompt-values"),
            InvalidReason::PromptRepeated => Message::new("login-option-reason-prompt-repeated"),
            InvalidReason::PromptNoneAlone => Message::new("login-option-reason-prompt-none-alone"),
            InvalidReason::LoginHint { max } => {
                Message::new("login-option-reason-login-hint").arg("max", number(*max))
            }
            InvalidReason::MaxAge { max } => {
                Message::new("login-option-reason-max-age").arg("max", number(*max))
            }
            InvalidReason::AcrValues { max } => {
                Message::new("login-option-reason-acr-values").arg("max", number(*max))
            }
            InvalidReason::ScopeEmpty => Message::new("login-option-reason-scope-empty"),
            InvalidReason::Remember => Message::new("login-option-reason-remember"),
        }
    }
}

impl LoginOptionError {
    /// The catalog message (`login-option-*`, with `$option` as sent, e.g. `max_age`, or
    /// `$scope`).
    ///
    /// For [`LoginOptionError::Invalid`] the catalog's `login-option-invalid` also takes
    /// `$reason`, a text: the front end formats [`InvalidReason::message`] first (see
    /// [`LoginOptionError::reason_message`]) and passes the result as `reason`; this message
    /// carries `option` only, since an argument is a number or a text, not a message.
    ///
    /// ```
    /// use oauthclient_core::login_options::{InvalidReason, LoginOption, LoginOptionError};
    ///
    /// let err = LoginOptionError::Invalid { option: LoginOption::Remember, reason: InvalidReason::Remember };
    /// assert_eq!(err.message().id(), "login-option-invalid");
    /// assert_eq!(err.message().get("option").and_then(|o| o.as_text()), Some("remember"));
    /// assert_eq!(err.reason_message().map(|m| m.id().to_owned()).as_deref(), Some("login-option-reason-remember"));
    /// ```
    pub fn message(&self) -> Message {
        match self {
            LoginOptionError::NotAllowed { option } => {
                Message::new("login-option-not-allowed").arg("option", option.name())
            }
            LoginOptionError::ScopeNotAllowed { scope } => {
                Message::new("login-option-scope-not-allowed").arg("scope", scope.as_str())
            }
            LoginOptionError::Invalid { option, .. } => {
                Message::new("login-option-invalid").arg("option", option.name())
            }
            LoginOptionError::Repeated { option } => {
                Message::new("login-option-repeated").arg("option", option.name())
            }
        }
    }

    /// For [`LoginOptionError::Invalid`], its reason's message: formatted by the front end
    /// and passed as the `reason` of [`LoginOptionError::message`].
    pub fn reason_message(&self) -> Option<Message> {
        match self {
            LoginOptionError::Invalid { reason, .. } => Some(reason.message()),
            LoginOptionError::NotAllowed { .. }
            | LoginOptionError::ScopeNotAllowed { .. }
            | LoginOptionError::Repeated { .. } => None,
        }
    }
}

/// A character limit as the `max` of a reason (the limits are small constants).
fn limit(chars: usize) -> u64 {
    u64::try_from(chars).unwrap_or(u64::MAX)
}

/// A limit as a message's number (the limits are far below `i64::MAX`).
fn number(max: u64) -> i64 {
    i64::try_from(max).unwrap_or(i64::MAX)
}
