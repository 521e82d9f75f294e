//! [`Message`]: a user-facing text named by its catalog id, with its arguments.
//!
//! Core speaks English in its `Display` texts (logs, `to_string()`), and beside them names each
//! text shown to people by a plain-data id (`error-not-linked`, `signup-error-email-missing`),
//! which a front end looks up in its message catalogs (Fluent, in `oauthclient-frontend`) in
//! the reader's language. Core has no catalog and no Fluent: a `Message` is only data.
//!
//! ```
//! use oauthclient_core::{Message, MessageArg};
//!
//! let message = Message::new("error-not-linked").arg("provider", "github");
//! assert_eq!(message.id(), "error-not-linked");
//! assert_eq!(message.get("provider"), Some(&MessageArg::Text("github".into())));
//! let json = serde_json::to_value(&message)?;
//! assert_eq!(json["args"][0], serde_json::json!(["provider", "github"]));
//! assert_eq!(serde_json::from_value::<Message>(json)?, message);
//! # Ok::<(), serde_json::Error>(())
//! ```

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Serialize};

/// A user-facing text by catalog id, with its arguments: what a front end localizes.
///
/// The id names a message of the front end's catalog (`oauthclient-frontend/locales/en/`);
/// each argument fills the variable of the same name (`{ $provider }`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Message {
    /// The catalog id, e.g. `error-not-linked`.
    pub id: Cow<'static, str>,
    /// The variables' values by name, in the order they were given.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<(Cow<'static, str>, MessageArg)>,
}

impl Message {
    /// The message `id`, with no arguments yet.
    pub const fn new(id: &'static str) -> Self {
        Self {
            id: Cow::Borrowed(id),
            args: Vec::new(),
        }
    }

    /// This message with the variable `name` set to `value` (a later value of the same name
    /// replaces an earlier one).
    #[must_use]
    pub fn arg(mut self, name: &'static str, value: impl Into<MessageArg>) -> Self {
        let value = value.into();
        match self.args.iter_mut().find(|(known, _)| known == name) {
            Some((_, slot)) => *slot = value,
            None => self.args.push((Cow::Borrowed(name), value)),
        }
        self
    }

    /// The catalog id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The arguments, by name, in the order they were given.
    pub fn args(&self) -> &[(Cow<'static, str>, MessageArg)] {
        &self.args
    }

    /// The value of the variable `name`, if given.
    pub fn get(&self, name: &str) -> Option<&MessageArg> {
        self.args
            .iter()
            .find(|(known, _)| known == name)
            .map(|(_, value)| value)
    }
}

/// The value of a message's variable: a number (it selects plural forms) or a text (shown as
/// it is, never translated). Serialised untagged: a JSON number or string.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum MessageArg {
    /// A whole number.
    Number(i64),
    /// A text.
    Text(String),
}

impl MessageArg {
    /// The number, if this is one.
    pub fn as_number(&self) -> Option<i64> {
        match self {
            MessageArg::Number(number) => Some(*number),
            MessageArg::Text(_) => None,
        }
    }

    /// The text, if this is one.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            MessageArg::Text(text) => Some(text),
            MessageArg::Number(_) => None,
        }
    }
}

impl fmt::Display for MessageArg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MessageArg::Number(number) => write!(f, "{number}"),
            MessageArg::Text(text) => f.write_str(text),
        }
    }
}

impl From<i64> for MessageArg {
    fn from(number: i64) -> Self {
        MessageArg::Number(number)
    }
}

impl From<String> for MessageArg {
    fn from(text: String) -> Self {
        MessageArg::Text(text)
    }
}

impl From<&str> for MessageArg {
    fn from(text: &str) -> Self {
        MessageArg::Text(text.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_keep_their_order_and_a_repeated_name_replaces_its_value() {
        let message = Message::new("login-option-reason-max-age")
            .arg("max", 5_i64)
            .arg("option", "max_age")
            .arg("max", 86_400_i64);
        let names: Vec<&str> = message.args().iter().map(|(name, _)| &**name).collect();
        assert_eq!(names, ["max", "option"]);
        assert_eq!(
            message.get("max").and_then(MessageArg::as_number),
            Some(86_400)
        );
        assert_eq!(
            message.get("option").and_then(MessageArg::as_text),
            Some("max_age")
        );
        assert_eq!(message.get("missing"), None);
    }

    #[test]
    fn arguments_serialise_untagged_and_read_back() {
        let message = Message::new("error-provider")
            .arg("provider", String::from("github"))
            .arg("code", 7_i64);
        let json = serde_json::to_value(&message).expect("json");
        assert_eq!(
            json,
            serde_json::json!({"id": "error-provider", "args": [["provider", "github"], ["code", 7]]})
        );
        assert_eq!(
            serde_json::from_value::<Message>(json).expect("back"),
            message
        );
        let bare: Message = serde_json::from_str(r#"{"id": "error-rejected"}"#).expect("bare");
        assert_eq!(bare, Message::new("error-rejected"));
        assert_eq!(MessageArg::Number(3).to_string(), "3");
    }
}
