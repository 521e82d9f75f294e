//! The generic provider's configuration: `[remote_apps.<name>.account_info]` (documents and
//! pointers → [`crate::AccountInfo`]) and `[remote_apps.<name>.roles]` (groups → roles),
//! validated once at load so a sign-in never meets a bad pointer. The mapping is applied by
//! [`crate::handlers::defaults::MappedAccountInfo`].

mod pointer;
mod roles;
mod settings;
mod validate;

use toml::{Table, Value};
use url::Url;

use super::{ConfigError, Credentials, Protocol, RemoteAppSettings};

pub use pointer::{Pointer, Source};
pub(crate) use roles::role_mapping;
pub use roles::{GroupPattern, RoleMapping};
pub use settings::{
    AccountMappingSettings, DocumentRequestSettings, DocumentSettings, EmailSettings,
    GroupSettings, OneOrMany, PrefixedGroupSettings, RoleSettings,
};
pub(crate) use validate::account_mapping;

/// `[remote_apps.<name>.account_info]`, validated: documents resolved on `base_url`'s origin,
/// pointers parsed, `{client_id}` substituted, the e-mail rule checked.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct AccountMapping {
    /// The user-info document, if any.
    pub userinfo: Option<DocumentRequest>,
    /// The e-mail list document, if any.
    pub emails: Option<DocumentRequest>,
    /// The user's immutable id.
    pub id: Pointer,
    /// A username suggestion.
    pub username: Option<Pointer>,
    /// The display name's parts, joined with one space.
    pub name: Vec<Pointer>,
    /// Where groups come from.
    pub groups: Vec<GroupPointer>,
    /// The e-mail rule, if the mapping reads an address.
    pub email: Option<EmailRule>,
}

impl AccountMapping {
    /// Every pointer of the mapping (groups', e-mail rule's included).
    pub fn pointers(&self) -> Vec<&Pointer> {
        let mut pointers = vec![&self.id];
        pointers.extend(&self.username);
        pointers.extend(&self.name);
        pointers.extend(self.groups.iter().map(|group| &group.pointer));
        if let Some(rule) = &self.email {
            pointers.extend(rule.pointers());
        }
        pointers
    }

    /// Whether any pointer reads `source`.
    pub fn reads(&self, source: Source) -> bool {
        self.pointers()
            .iter()
            .any(|pointer| pointer.source == source)
    }
}

/// How a document is asked for (always with the user's token).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct DocumentRequest {
    /// Absolute, on the origin of `params.base_url`, query included.
    pub url: Url,
    /// `GET` or `POST`.
    pub post: bool,
    /// Extra request headers.
    pub headers: Vec<(String, String)>,
}

/// A group pointer and the prefix put before each group it yields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupPointer {
    /// Where the groups are (a string or an array of strings).
    pub pointer: Pointer,
    /// Put before each group (`""`: none).
    pub prefix: String,
}

/// What makes the mapped e-mail address verified (docs/configuration.md, e-mail rules).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum EmailRule {
    /// Verified when `verified` is JSON `true` (or `"true"` with `true_strings`).
    Flag {
        /// The address.
        address: Pointer,
        /// The flag.
        verified: Pointer,
        /// Whether the string `"true"` counts.
        true_strings: bool,
    },
    /// The address is the primary entry of an array (the first without `primary`); verified
    /// as that entry says.
    List {
        /// The array of entries.
        list: Pointer,
        /// Item-relative pointer to the address.
        address: String,
        /// Item-relative pointer to the verified flag (none: never verified).
        verified: Option<String>,
        /// Item-relative pointer to the primary flag (none: the first entry).
        primary: Option<String>,
        /// Whether the string `"true"` counts.
        true_strings: bool,
    },
    /// The provider documents that every address it returns is verified.
    Always {
        /// The address.
        address: Pointer,
        /// Where the provider says so.
        documented: Url,
    },
    /// Never verified: a suggestion for the sign-up form.
    Unverified {
        /// The address.
        address: Pointer,
    },
}

impl EmailRule {
    /// The pointers into documents (item-relative ones excluded).
    pub fn pointers(&self) -> Vec<&Pointer> {
        match self {
            Self::Flag {
                address, verified, ..
            } => vec![address, verified],
            Self::List { list, .. } => vec![list],
            Self::Always { address, .. } | Self::Unverified { address } => vec![address],
        }
    }
}

/// The app's `[account_info]` mapping (validated against its `base_url` and client id) and
/// `[roles]`.
pub(super) fn mapping_and_roles(
    prefix: &str,
    settings: &RemoteAppSettings,
    protocol: &Protocol,
    credentials: &Credentials,
) -> Result<(Option<AccountMapping>, RoleMapping), ConfigError> {
    let base_url = match protocol {
        Protocol::OAuth2(params) => params.base_url.as_ref(),
        Protocol::OAuth1(params) => params.base_url.as_ref(),
    };
    let mapping = settings
        .account_info
        .as_ref()
        .map(|mapping| account_mapping(prefix, mapping, base_url, &credentials.consumer_key))
        .transpose()?;
    let roles = role_mapping(prefix, settings.roles.as_ref())?;
    Ok((mapping, roles))
}

/// Deserialises the generic provider's tables on their own first, so a mistake in them names
/// `remote_apps.<name>.account_info` (or `.roles`) rather than the whole app.
pub(super) fn name_the_table_at_fault(prefix: &str, merged: &Table) -> Result<(), ConfigError> {
    if let Some(table) = merged.get("account_info") {
        table
            .clone()
            .try_into::<AccountMappingSettings>()
            .map_err(|err| ConfigError::new(format!("{prefix}.account_info"), err.message()))?;
    }
    if let Some(table) = merged.get("roles") {
        table
            .clone()
            .try_into::<RoleSettings>()
            .map_err(|err| ConfigError::new(format!("{prefix}.roles"), err.message()))?;
    }
    Ok(())
}

/// A host that sets `account_info.email.rule` replaces the provider's whole e-mail rule: the
/// keys of another rule (`verified` under `always`) would otherwise be merged in and refused.
pub(super) fn hosts_email_rule_wins(template: &mut Table, host: &Table) {
    let host_sets_rule = host
        .get("account_info")
        .and_then(Value::as_table)
        .and_then(|info| info.get("email"))
        .and_then(Value::as_table)
        .is_some_and(|email| email.contains_key("rule"));
    if host_sets_rule && let Some(Value::Table(info)) = template.get_mut("account_info") {
        info.remove("email");
    }
}
