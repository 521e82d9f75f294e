//! [`AccountMapping::apply`]: documents → [`AccountInfo`], a pure function (no HTTP), so every
//! rule is unit-tested on JSON alone.

use serde_json::Value;

use crate::account::{AccountInfo, ExternalId};
use crate::config::{AccountMapping, EmailRule, Pointer, Source};

/// At most this many groups are kept (after filtering), so a provider cannot fill the
/// database through one account.
pub const MAX_GROUPS: usize = 256;
/// A longer group name is dropped.
pub const MAX_GROUP_CHARS: usize = 256;

/// The documents a mapping reads, each `None` when it was not fetched or does not exist.
///
/// ```
/// use oauthclient_core::handlers::defaults::Documents;
/// use oauthclient_core::config::Source;
/// let documents = Documents { userinfo: Some(serde_json::json!({"id": 7})), ..Documents::default() };
/// assert_eq!(documents.get(Source::Userinfo).and_then(|doc| doc.pointer("/id")), Some(&serde_json::json!(7)));
/// assert!(documents.get(Source::Emails).is_none());
/// ```
// Not `#[non_exhaustive]`: tests and custom handlers build it with `..Documents::default()`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Documents {
    /// The `userinfo` document.
    pub userinfo: Option<Value>,
    /// The `emails` document.
    pub emails: Option<Value>,
    /// The validated ID token's claims.
    pub id_token: Option<Value>,
    /// The token response's other fields.
    pub token: Option<Value>,
    /// A JWT access token's payload (unverified).
    pub access_token: Option<Value>,
    /// The callback's extra parameters (browser-supplied).
    pub callback: Option<Value>,
}

impl Documents {
    /// The document `source` names.
    pub fn get(&self, source: Source) -> Option<&Value> {
        match source {
            Source::Userinfo => self.userinfo.as_ref(),
            Source::Emails => self.emails.as_ref(),
            Source::IdToken => self.id_token.as_ref(),
            Source::Token => self.token.as_ref(),
            Source::AccessToken => self.access_token.as_ref(),
            Source::Callback => self.callback.as_ref(),
        }
    }

    fn find(&self, pointer: &Pointer) -> Option<&Value> {
        self.get(pointer.source).and_then(|doc| pointer.find(doc))
    }

    /// A trimmed, non-empty string at `pointer`.
    fn text(&self, pointer: &Pointer) -> Option<String> {
        self.find(pointer).and_then(text)
    }
}

/// Why documents do not say who the user is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MappingError {
    /// Nothing (or an empty string) at the id's pointer.
    #[error("the provider's answer has no user id at `{pointer}`")]
    NoId {
        /// The id's pointer.
        pointer: String,
    },
    /// The id is not a string or an integer.
    #[error("the user id at `{pointer}` is {found}, not a string or an integer")]
    UnusableId {
        /// The id's pointer.
        pointer: String,
        /// What was found there.
        found: &'static str,
    },
}

impl AccountMapping {
    /// Who the user is according to `documents`; `external_method` is left empty (the
    /// handler sets the app name). Missing optional fields are absent; only the id is
    /// required.
    ///
    /// ```
    /// use oauthclient_core::{OAuthClientConfig, Registry, config::NoEnv};
    /// use oauthclient_core::handlers::defaults::Documents;
    /// let config = OAuthClientConfig::from_toml_str(r#"
    ///     secret_key = "a-very-long-random-secret-of-at-least-32-bytes"
    ///     site_url = "https://example.org"
    ///     [remote_apps.chat.params]
    ///     authorize_url = "https://chat.example/oauth2/authorize"
    ///     access_token_url = "https://chat.example/api/oauth2/token"
    ///     base_url = "https://chat.example/api/"
    ///     [remote_apps.chat.account_info]
    ///     userinfo = "users/@me"
    ///     id = "/id"
    ///     username = "/username"
    ///     [remote_apps.chat.account_info.email]
    ///     rule = "flag"
    ///     address = "/email"
    ///     verified = "/verified"
    ///     [CHAT_APP_CREDENTIALS]
    ///     consumer_key = "k"
    ///     consumer_secret = "s"
    /// "#, &NoEnv, &Registry::default())?;
    /// let mapping = config.remote_app("chat").and_then(|app| app.account_mapping.as_ref()).expect("mapped");
    /// let documents = Documents {
    ///     userinfo: Some(serde_json::json!({"id": "80351110224678912", "username": "nelly", "email": "nelly@example.org", "verified": true})),
    ///     ..Documents::default()
    /// };
    /// let info = mapping.apply(&documents)?;
    /// assert_eq!(info.external_id.as_str(), "80351110224678912");
    /// assert_eq!(info.trusted_email(), Some("nelly@example.org"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn apply(&self, documents: &Documents) -> Result<AccountInfo, MappingError> {
        let mut info = AccountInfo::new(external_id(&self.id, documents)?, "");
        info.username = self.username.as_ref().and_then(|p| documents.text(p));
        let parts: Vec<String> = self.name.iter().filter_map(|p| documents.text(p)).collect();
        info.full_name = (!parts.is_empty()).then(|| parts.join(" "));
        if let Some((email, verified)) = self.email.as_ref().and_then(|rule| email(rule, documents))
        {
            info = info.with_email(email, verified);
        }
        Ok(info.with_groups(self.groups_in(documents)))
    }

    /// The groups every group pointer yields, prefixed, filtered and capped.
    fn groups_in(&self, documents: &Documents) -> Vec<String> {
        let mut groups = Vec::new();
        for group in &self.groups {
            let values: Vec<&Value> = match documents.find(&group.pointer) {
                Some(Value::Array(items)) => items.iter().collect(),
                Some(value) => vec![value],
                None => Vec::new(),
            };
            groups.extend(
                values
                    .into_iter()
                    .filter_map(text)
                    .map(|name| format!("{}{name}", group.prefix))
                    .filter(|name| name.chars().count() <= MAX_GROUP_CHARS),
            );
        }
        groups.sort();
        groups.dedup();
        if groups.len() > MAX_GROUPS {
            tracing::warn!(
                groups = groups.len(),
                kept = MAX_GROUPS,
                "the provider put the user in too many groups; the rest are dropped"
            );
            groups.truncate(MAX_GROUPS);
        }
        groups
    }
}

/// A trimmed, non-empty string.
fn text(value: &Value) -> Option<String> {
    let trimmed = value.as_str()?.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_owned())
}

/// The id: a non-empty string exactly as given, or an integer in decimal.
fn external_id(pointer: &Pointer, documents: &Documents) -> Result<ExternalId, MappingError> {
    let at = || pointer.to_string();
    match documents.find(pointer) {
        Some(Value::String(id)) if !id.trim().is_empty() => Ok(ExternalId::new(id.clone())),
        Some(Value::Number(number)) if number.is_i64() || number.is_u64() => {
            Ok(ExternalId::new(number.to_string()))
        }
        None | Some(Value::Null | Value::String(_)) => Err(MappingError::NoId { pointer: at() }),
        Some(other) => Err(MappingError::UnusableId {
            pointer: at(),
            found: match other {
                Value::Number(_) => "a fraction",
                Value::Bool(_) => "a boolean",
                Value::Array(_) => "an array",
                _ => "an object",
            },
        }),
    }
}

/// Whether `value` is a true flag: JSON `true`, or `"true"` when `true_strings`.
fn is_true(value: Option<&Value>, true_strings: bool) -> bool {
    match value {
        Some(Value::Bool(flag)) => *flag,
        Some(Value::String(text)) => true_strings && text.trim().eq_ignore_ascii_case("true"),
        _ => false,
    }
}

/// The address and whether it is verified, as `rule` says.
fn email(rule: &EmailRule, documents: &Documents) -> Option<(String, bool)> {
    match rule {
        EmailRule::Flag {
            address,
            verified,
            true_strings,
        } => {
            let address = documents.text(address)?;
            Some((address, is_true(documents.find(verified), *true_strings)))
        }
        EmailRule::List {
            list,
            address,
            verified,
            primary,
            true_strings,
        } => {
            let entries = documents.find(list)?.as_array()?;
            // GitHub semantics: the primary entry decides; an unverified primary is not
            // replaced by a verified secondary.
            let entry = match primary {
                Some(primary) => entries
                    .iter()
                    .find(|entry| is_true(entry.pointer(primary), *true_strings))?,
                None => entries.first()?,
            };
            let address = entry.pointer(address).and_then(text)?;
            let verified = verified
                .as_deref()
                .is_some_and(|flag| is_true(entry.pointer(flag), *true_strings));
            Some((address, verified))
        }
        EmailRule::Always { address, .. } => Some((documents.text(address)?, true)),
        EmailRule::Unverified { address } => Some((documents.text(address)?, false)),
    }
}
