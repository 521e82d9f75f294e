//! Where environment overrides come from: the process, nothing, or a map (tests).

use std::collections::{BTreeMap, HashMap};

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
    fn var(&self, name: &str) -> Option<String>;
    /// Every `(name, value)` whose name starts with `prefix`.
    fn vars_with_prefix(&self, prefix: &str) -> Vec<(String, String)>;
}

/// The real process environment.
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

impl EnvSource for HashMap<String, String> {
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
