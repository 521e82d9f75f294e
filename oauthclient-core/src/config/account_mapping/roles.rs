//! [`RoleMapping`]: the provider's groups → this site's roles (`[remote_apps.<name>.roles]`).

use std::collections::BTreeSet;

use super::settings::RoleSettings;
use crate::config::ConfigError;

/// A group name, or every group starting with a prefix (`"it-*"`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupPattern {
    /// Exactly this group.
    Exact(String),
    /// Every group starting with this (the pattern without its trailing `*`).
    Prefix(String),
}

impl GroupPattern {
    fn parse(raw: &str, key: &str) -> Result<Self, ConfigError> {
        let pattern = match raw.strip_suffix('*') {
            Some(prefix) => Self::Prefix(prefix.to_owned()),
            None => Self::Exact(raw.to_owned()),
        };
        let text = match &pattern {
            Self::Exact(text) | Self::Prefix(text) => text,
        };
        if text.contains('*') {
            return Err(ConfigError::new(
                key,
                format!("`{raw}`: `*` may only end a pattern (`it-*`), nowhere else"),
            ));
        }
        if matches!(pattern, Self::Exact(_)) && raw.trim().is_empty() {
            return Err(ConfigError::new(key, "a group name must not be empty"));
        }
        Ok(pattern)
    }

    /// Whether `group` matches.
    pub fn matches(&self, group: &str) -> bool {
        match self {
            Self::Exact(name) => group == name,
            Self::Prefix(prefix) => group.starts_with(prefix.as_str()),
        }
    }
}

/// `[remote_apps.<name>.roles]`, validated. The default maps nothing and requires nothing.
///
/// ```
/// use oauthclient_core::{OAuthClientConfig, Registry, config::NoEnv};
/// let config = OAuthClientConfig::from_toml_str(r#"
///     secret_key = "a-very-long-random-secret-of-at-least-32-bytes"
///     site_url = "https://example.org"
///     [remote_apps.sso]
///     token_only = true
///     [remote_apps.sso.params]
///     authorize_url = "https://sso.example/authorize"
///     access_token_url = "https://sso.example/token"
///     [remote_apps.sso.roles]
///     require_any = ["staff", "guest-*"]
///     map = { "staff" = ["user", "editor"], "it-*" = ["admin"] }
///     [SSO_APP_CREDENTIALS]
///     consumer_key = "k"
///     consumer_secret = "s"
/// "#, &NoEnv, &Registry::default())?;
/// let roles = &config.remote_app("sso").expect("configured").roles;
/// let groups = ["it-ops".to_owned(), "staff".to_owned()];
/// assert!(roles.allows(&groups));
/// assert!(!roles.allows(&["visitor".to_owned()]));
/// assert_eq!(Vec::from_iter(roles.roles_for(&groups)), ["admin", "editor", "user"]);
/// # Ok::<(), oauthclient_core::config::ConfigError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RoleMapping {
    /// The user must be in a group one of these matches (none: no requirement).
    pub require_any: Vec<GroupPattern>,
    /// Pattern → roles, in the configuration's order.
    pub map: Vec<(GroupPattern, Vec<String>)>,
    /// Unmatched groups become roles of the same name.
    pub pass_through: bool,
}

impl RoleMapping {
    /// Whether nothing is configured (no requirement, no role).
    pub fn is_empty(&self) -> bool {
        self.require_any.is_empty() && self.map.is_empty() && !self.pass_through
    }

    /// Whether `groups` meet `require_any`.
    pub fn allows(&self, groups: &[String]) -> bool {
        self.require_any.is_empty()
            || groups.iter().any(|group| {
                self.require_any
                    .iter()
                    .any(|pattern| pattern.matches(group))
            })
    }

    /// The roles `groups` give: every role of every matching `map` entry, plus the unmatched
    /// groups themselves with `pass_through`.
    pub fn roles_for(&self, groups: &[String]) -> BTreeSet<String> {
        let mut roles = BTreeSet::new();
        for group in groups {
            let mut matched = false;
            for (pattern, mapped) in &self.map {
                if pattern.matches(group) {
                    matched = true;
                    roles.extend(mapped.iter().cloned());
                }
            }
            if !matched && self.pass_through {
                roles.insert(group.clone());
            }
        }
        roles
    }
}

/// Validates `[<prefix>.roles]`.
pub(crate) fn role_mapping(
    prefix: &str,
    settings: Option<&RoleSettings>,
) -> Result<RoleMapping, ConfigError> {
    let Some(settings) = settings else {
        return Ok(RoleMapping::default());
    };
    let key = format!("{prefix}.roles");
    let require_any = settings
        .require_any
        .iter()
        .map(|raw| GroupPattern::parse(raw, &format!("{key}.require_any")))
        .collect::<Result<_, _>>()?;
    let mut map = Vec::new();
    for (raw, roles) in &settings.map {
        let entry_key = format!("{key}.map.\"{raw}\"");
        let pattern = GroupPattern::parse(raw, &entry_key)?;
        if roles.iter().any(|role| role.trim().is_empty()) {
            return Err(ConfigError::new(entry_key, "a role name must not be empty"));
        }
        map.push((pattern, roles.clone()));
    }
    Ok(RoleMapping {
        require_any,
        map,
        pass_through: settings.pass_through.unwrap_or(false),
    })
}
