//! Where environment overrides come from: the process, nothing, or a map (tests).

use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasher;

use toml::{Table, Value};

use super::ConfigError;

/// Prefix of every environment override.
const ENV_PREFIX: &str = "OAUTHCLIENT_";
/// Separator of path segments in `OAUTHCLIENT_REMOTE_APPS__<APP>__<KEY>`.
const ENV_PATH_SEPARATOR: &str = "__";

/// A source of environment variables.
///
/// ```
/// use std::collections::BTreeMap;
/// use oauthclient_core::config::EnvSource;
///
/// let env = BTreeMap::from([("OAUTHCLIENT_SITE_URL".to_string(), "https://a.example".to_string())]);
/// assert_eq!(env.var("OAUTHCLIENT_SITE_URL").as_deref(), Some("https://a.example"));
/// ```
pub trait EnvSource {
    /// The value of `name`, if set and valid Unicode.
    ///
    /// ```
    /// use oauthclient_core::config::{EnvSource, NoEnv};
    /// assert_eq!(NoEnv.var("OAUTHCLIENT_SITE_URL"), None);
    /// ```
    fn var(&self, name: &str) -> Option<String>;
    /// Every `(name, value)` whose name starts with `prefix`.
    ///
    /// ```
    /// use std::collections::BTreeMap;
    /// use oauthclient_core::config::EnvSource;
    /// let env = BTreeMap::from([
    ///     ("OAUTHCLIENT_SITE_URL".to_string(), "https://a.example".to_string()),
    ///     ("PATH".to_string(), "/bin".to_string()),
    /// ]);
    /// assert_eq!(
    ///     env.vars_with_prefix("OAUTHCLIENT_"),
    ///     [("OAUTHCLIENT_SITE_URL".to_string(), "https://a.example".to_string())],
    /// );
    /// ```
    fn vars_with_prefix(&self, prefix: &str) -> Vec<(String, String)>;
}

/// The real process environment.
///
/// ```
/// use oauthclient_core::config::{EnvSource, ProcessEnv};
/// assert_eq!(ProcessEnv.var("OAUTHCLIENT_DOC_SURELY_UNSET_VARIABLE"), None);
/// assert!(ProcessEnv.vars_with_prefix("OAUTHCLIENT_DOC_SURELY_UNSET_").is_empty());
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct ProcessEnv;

impl EnvSource for ProcessEnv {
    fn var(&self, name: &str) -> Option<String> {
        std::env::var(name).ok()
    }

    fn vars_with_prefix(&self, prefix: &str) -> Vec<(String, String)> {
        std::env::vars()
            .filter(|(name, _)| name.starts_with(prefix))
            .collect()
    }
}

/// No environment at all: the file alone decides.
///
/// ```
/// use oauthclient_core::config::{EnvSource, NoEnv};
/// assert_eq!(NoEnv.var("OAUTHCLIENT_SECRET_KEY"), None);
/// assert!(NoEnv.vars_with_prefix("").is_empty());
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct NoEnv;

impl EnvSource for NoEnv {
    fn var(&self, _name: &str) -> Option<String> {
        None
    }

    fn vars_with_prefix(&self, _prefix: &str) -> Vec<(String, String)> {
        Vec::new()
    }
}

impl EnvSource for BTreeMap<String, String> {
    fn var(&self, name: &str) -> Option<String> {
        self.get(name).cloned()
    }

    fn vars_with_prefix(&self, prefix: &str) -> Vec<(String, String)> {
        self.range(prefix.to_owned()..)
            .take_while(|(name, _)| name.starts_with(prefix))
            .map(|(name, value)| (name.clone(), value.clone()))
            .collect()
    }
}

impl<S: BuildHasher> EnvSource for HashMap<String, String, S> {
    fn var(&self, name: &str) -> Option<String> {
        self.get(name).cloned()
    }

    fn vars_with_prefix(&self, prefix: &str) -> Vec<(String, String)> {
        let mut vars: Vec<_> = self
            .iter()
            .filter(|(name, _)| name.starts_with(prefix))
            .map(|(name, value)| (name.clone(), value.clone()))
            .collect();
        vars.sort();
        vars
    }
}

/// Applies `OAUTHCLIENT_*` variables. Top-level keys map directly
/// (`OAUTHCLIENT_SITE_URL` → `site_url`); remote app keys use `__` as path separator
/// (`OAUTHCLIENT_REMOTE_APPS__GITHUB__PARAMS__BASE_URL` → `remote_apps.github.params.base_url`),
/// as do `[session]` keys (`OAUTHCLIENT_SESSION__IDLE_TIMEOUT` → `session.idle_timeout`) and
/// `[locales]` keys (`OAUTHCLIENT_LOCALES__DEFAULT` → `locales.default`).
pub(super) fn apply_overrides(doc: &mut Table, env: &dyn EnvSource) -> Result<(), ConfigError> {
    for (name, raw) in env.vars_with_prefix(ENV_PREFIX) {
        let path: Vec<String> = name[ENV_PREFIX.len()..]
            .split(ENV_PATH_SEPARATOR)
            .map(str::to_ascii_lowercase)
            .collect();
        let key = path.join(".");
        match path.as_slice() {
            [top] if top == "trusted_hosts" || top == "cors_origins" => {
                let hosts = raw
                    .split(',')
                    .map(str::trim)
                    .filter(|host| !host.is_empty())
                    .map(|host| Value::String(host.to_owned()))
                    .collect();
                doc.insert(top.clone(), Value::Array(hosts));
            }
            [top] if top == "state_expires" => {
                let secs = raw
                    .trim()
                    .parse::<i64>()
                    .map_err(|_| ConfigError::new(&name, "must be a whole number of seconds"))?;
                doc.insert(top.clone(), Value::Integer(secs));
            }
            [top]
                if [
                    "secret_key",
                    "site_url",
                    "session_key_prefix",
                    "email_verification",
                    "signup",
                ]
                .contains(&top.as_str()) =>
            {
                doc.insert(top.clone(), Value::String(raw));
            }
            [first, leaf] if first == "session" => {
                // Whole seconds stay a number; `12h` and the like stay text.
                let value = raw
                    .trim()
                    .parse::<i64>()
                    .map_or_else(|_| Value::String(raw.trim().to_owned()), Value::Integer);
                table_at(doc, "session", &key)?.insert(leaf.clone(), value);
            }
            [first, leaf] if first == "locales" => {
                let value = super::locales::env_value(leaf, &raw, &name)?;
                table_at(doc, "locales", &key)?.insert(leaf.clone(), value);
            }
            [first, app, rest @ ..] if first == "remote_apps" && !rest.is_empty() => {
                let apps = table_at(doc, "remote_apps", &key)?;
                // App names are lower case in TOML; match an existing one case-insensitively.
                let app_name = apps
                    .keys()
                    .find(|existing| existing.eq_ignore_ascii_case(app))
                    .cloned()
                    .unwrap_or_else(|| app.clone());
                let mut table = table_at(apps, &app_name, &key)?;
                let (leaf, parents) = rest.split_last().unwrap_or((app, &[]));
                for parent in parents {
                    table = table_at(table, parent, &key)?;
                }
                let value = env_value(table.get(leaf.as_str()), leaf, raw, &name)?;
                table.insert(leaf.clone(), value);
            }
            // Other OAUTHCLIENT_* variables belong to the host app (or are credentials).
            _ => {}
        }
    }
    Ok(())
}

/// The sub-table `key` of `table`, created when missing.
fn table_at<'a>(table: &'a mut Table, key: &str, path: &str) -> Result<&'a mut Table, ConfigError> {
    table
        .entry(key.to_owned())
        .or_insert_with(|| Value::Table(Table::new()))
        .as_table_mut()
        .ok_or_else(|| ConfigError::new(path, format!("`{key}` is not a table")))
}

/// Converts an environment string to the type of the value it replaces.
fn env_value(
    existing: Option<&Value>,
    leaf: &str,
    raw: String,
    name: &str,
) -> Result<Value, ConfigError> {
    let parse_bool = |raw: &str| match raw.trim().to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" | "on" => Ok(Value::Boolean(true)),
        "false" | "0" | "no" | "off" => Ok(Value::Boolean(false)),
        _ => Err(ConfigError::new(name, "must be true or false")),
    };
    match existing {
        Some(Value::Boolean(_)) => parse_bool(&raw),
        Some(Value::Array(_)) => Ok(split_list(&raw)),
        // Lists, whether or not the file set them: `params.scopes`, `params.allowed_tenants`,
        // `params.callback_params`, the login options' `allow` and `extra_scopes`, and the
        // roles' `require_any`.
        None if [
            "scopes",
            "allow",
            "extra_scopes",
            "allowed_tenants",
            "callback_params",
            "require_any",
        ]
        .contains(&leaf) =>
        {
            Ok(split_list(&raw))
        }
        None if [
            "pkce",
            "remember",
            "hide",
            "link_only",
            "trust_email",
            "x5t_s256",
            "token_only",
            "pass_through",
            "true_strings",
        ]
        .contains(&leaf) =>
        {
            parse_bool(&raw)
        }
        // `params.client_assertion.lifetime`, in seconds.
        Some(Value::Integer(_)) | None if leaf == "lifetime" => raw
            .trim()
            .parse()
            .map(Value::Integer)
            .map_err(|_| ConfigError::new(name, "must be a whole number of seconds")),
        _ => Ok(Value::String(raw)),
    }
}

fn split_list(raw: &str) -> Value {
    Value::Array(
        raw.split([',', ' '])
            .filter(|item| !item.is_empty())
            .map(|item| Value::String(item.to_owned()))
            .collect(),
    )
}
