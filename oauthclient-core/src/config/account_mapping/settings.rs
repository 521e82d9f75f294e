//! `[remote_apps.<name>.account_info]` and `[remote_apps.<name>.roles]` as written.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// `[remote_apps.<name>.account_info]`: who the user is, read from documents by pointers
/// (docs/configuration.md, "Any OAuth 2.0 provider by configuration"). Validated at load into
/// [`super::AccountMapping`].
///
/// ```
/// use oauthclient_core::config::AccountMappingSettings;
/// let settings: AccountMappingSettings = toml::from_str(r#"
///     userinfo = "users/@me"
///     id = "/id"
///     name = ["/given_name", "/family_name"]
///     groups = ["id_token:/groups", { pointer = "token:/teams", prefix = "team:" }]
///     [email]
///     rule = "flag"
///     address = "/email"
///     verified = "/verified"
/// "#)?;
/// assert_eq!(settings.id.as_deref(), Some("/id"));
/// assert!(toml::from_str::<AccountMappingSettings>("idd = \"/id\"").is_err());
/// # Ok::<(), toml::de::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccountMappingSettings {
    /// The user-info document: a URL relative to `params.base_url` (or on its origin), or a
    /// request table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub userinfo: Option<DocumentSettings>,
    /// A second document (GitHub's and Bitbucket's e-mail lists).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emails: Option<DocumentSettings>,
    /// Pointer to the user's immutable id (a string or an integer). Required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Pointer to a username suggestion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// Pointer to the display name, or pointers whose values are joined with one space.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<OneOrMany<String>>,
    /// Pointers to groups (strings or arrays of strings).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub groups: Option<OneOrMany<GroupSettings>>,
    /// Where the e-mail address comes from and what makes it verified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<EmailSettings>,
}

/// One value or a list of them (`name = "/name"` or `name = ["/given", "/family"]`).
///
/// `Many` is tried first: serde reads a struct from a sequence too, so with `One` first a
/// list of two group pointers would be taken for one `{ pointer, prefix }` table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany<T> {
    /// A list.
    Many(Vec<T>),
    /// A single value.
    One(T),
}

impl<T> OneOrMany<T> {
    /// The values, in order.
    pub fn as_slice(&self) -> &[T] {
        match self {
            Self::One(one) => std::slice::from_ref(one),
            Self::Many(many) => many,
        }
    }
}

/// A document: `"users/@me"`, or `{ url, method, query, headers }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    untagged,
    expecting = "a URL string, or a table { url, method, query, headers }"
)]
pub enum DocumentSettings {
    /// A `GET` of this URL.
    Url(String),
    /// A request table.
    Request(DocumentRequestSettings),
}

/// `{ url = "...", method = "POST", query = {...}, headers = {...} }`; values may hold
/// `{client_id}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentRequestSettings {
    /// Relative to `params.base_url`, or absolute on its origin.
    pub url: String,
    /// `GET` (default) or `POST`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// Query parameters added to the URL.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub query: BTreeMap<String, String>,
    /// Request headers (the user's token goes in `Authorization` anyway).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub headers: BTreeMap<String, String>,
}

/// A group pointer: `"id_token:/groups"`, or `{ pointer, prefix }` to tell group families
/// apart (`prefix = "{client_id}:"`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    untagged,
    expecting = "a pointer string, or a table { pointer, prefix }"
)]
pub enum GroupSettings {
    /// Just a pointer.
    Pointer(String),
    /// A pointer and a prefix for each group it yields.
    Prefixed(PrefixedGroupSettings),
}

/// `{ pointer = "...", prefix = "..." }`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrefixedGroupSettings {
    /// Where the groups are.
    pub pointer: String,
    /// Put before each group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
}

/// `[remote_apps.<name>.account_info.email]`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmailSettings {
    /// `"flag"`, `"list"`, `"always"` or `"unverified"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// Pointer to the address (item-relative for `list`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Pointer to the verified flag (item-relative for `list`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified: Option<String>,
    /// Also count the string `"true"` as true (Apple).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub true_strings: Option<bool>,
    /// `list`: pointer to the array of entries.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list: Option<String>,
    /// `list`: item-relative pointer to the primary flag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary: Option<String>,
    /// `always`: where the provider documents that it returns only verified addresses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub documented: Option<String>,
}

/// `[remote_apps.<name>.roles]`: the provider's groups → this site's roles.
///
/// ```
/// use oauthclient_core::config::RoleSettings;
/// let settings: RoleSettings = toml::from_str(r#"
///     require_any = ["cern_user"]
///     map = { "cern_user" = ["user"], "it-*" = ["staff"] }
/// "#)?;
/// assert_eq!(settings.map["it-*"], ["staff"]);
/// # Ok::<(), toml::de::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleSettings {
    /// Refuse the sign-in unless the user is in one of these groups (exact, or a trailing-`*`
    /// prefix).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub require_any: Vec<String>,
    /// Group (exact, or a trailing-`*` prefix) → roles.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub map: BTreeMap<String, Vec<String>>,
    /// Also hand over every group no `map` entry matches, as a role of the same name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pass_through: Option<bool>,
}
