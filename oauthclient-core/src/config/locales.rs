//! `[locales]`: which languages the pages, messages and mails are offered in, where the host's
//! own catalogs live, and which messages the browser may fetch. Core has no Fluent: tags are
//! checked for syntax here, against the catalogs when the front end is built.

use std::path::{Path, PathBuf};

use toml::{Table, Value};

use super::ConfigError;

/// The locale used when nothing in a request decides (and English is every catalog's
/// fallback).
pub const DEFAULT_LOCALE: &str = "en";

/// The keys of `[locales]`.
const KEYS: [&str; 5] = ["default", "enabled", "dir", "pseudo", "client_prefixes"];

/// The `[locales]` settings.
///
/// ```
/// use oauthclient_core::{OAuthClientConfig, Registry, config::NoEnv};
/// let config = OAuthClientConfig::from_toml_str(r#"
///     secret_key = "a-very-long-random-secret-of-at-least-32-bytes"
///     site_url = "https://example.org"
///     [locales]
///     default = "de"
///     enabled = ["de", "en", "fr"]
///     dir = "locales"
///     client_prefixes = ["spa-"]
/// "#, &NoEnv, &Registry::default())?;
/// let locales = &config.locales;
/// assert_eq!(locales.default, "de");
/// assert_eq!(locales.enabled.as_deref(), Some(&["de".to_owned(), "en".to_owned(), "fr".to_owned()][..]));
/// assert_eq!(locales.dir.as_deref(), Some(std::path::Path::new("locales")));
/// assert!(!locales.pseudo);
/// assert_eq!(locales.client_prefixes, ["spa-"]);
/// # Ok::<(), oauthclient_core::config::ConfigError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct LocaleSettings {
    /// The locale of a request nothing else decides for (`default`, default `"en"`).
    pub default: String,
    /// The locales offered (`enabled`); `None` (the default): every locale with a catalog,
    /// the library's and the host's.
    pub enabled: Option<Vec<String>>,
    /// The host's catalogs, `<dir>/<tag>/*.ftl` (`dir`). Loaded from a file, a relative path
    /// is resolved against the configuration file's directory; otherwise it is relative to the
    /// working directory.
    pub dir: Option<PathBuf>,
    /// Offers the pseudo-locale `en-XA` (`pseudo`, default `false`): accented, longer
    /// English in `⟦ ⟧` markers, to find text that does not come from a catalog.
    pub pseudo: bool,
    /// Message id prefixes the browser may fetch from `GET /api/oauth/locale`
    /// (`client_prefixes`, default none), e.g. `["spa-"]`.
    pub client_prefixes: Vec<String>,
}

impl Default for LocaleSettings {
    fn default() -> Self {
        Self {
            default: DEFAULT_LOCALE.to_owned(),
            enabled: None,
            dir: None,
            pseudo: false,
            client_prefixes: Vec::new(),
        }
    }
}

impl LocaleSettings {
    /// Resolves a relative `dir` against `base` (the configuration file's directory).
    pub(super) fn resolve_dir_against(&mut self, base: &Path) {
        if let Some(dir) = &self.dir
            && dir.is_relative()
        {
            self.dir = Some(base.join(dir));
        }
    }
}

/// Whether `tag` is shaped like a BCP 47 language tag: subtags of 1 to 8 ASCII letters or
/// digits joined by `-`, the first of 2 to 8 letters (`en`, `pt-BR`, `zh-Hans`, `en-XA`).
/// Whether a catalog exists for it is the front end's to check.
///
/// ```
/// use oauthclient_core::config::is_language_tag;
/// assert!(is_language_tag("pt-BR"));
/// assert!(!is_language_tag("pt_BR"));
/// assert!(!is_language_tag(""));
/// ```
pub fn is_language_tag(tag: &str) -> bool {
    let mut subtags = tag.split('-');
    let first_ok = subtags.next().is_some_and(|first| {
        (2..=8).contains(&first.len()) && first.bytes().all(|b| b.is_ascii_alphabetic())
    });
    first_ok
        && subtags.all(|subtag| {
            (1..=8).contains(&subtag.len()) && subtag.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

/// Whether `prefix` can start a Fluent message id: a letter, then letters, digits, `-`, `_`.
fn is_id_prefix(prefix: &str) -> bool {
    let mut chars = prefix.chars();
    chars
        .next()
        .is_some_and(|first| first.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

pub(super) fn locale_settings(doc: &Table) -> Result<LocaleSettings, ConfigError> {
    let mut settings = LocaleSettings::default();
    let Some(value) = doc.get("locales") else {
        return Ok(settings);
    };
    let table = value
        .as_table()
        .ok_or_else(|| ConfigError::new("locales", "must be a table"))?;
    if let Some(unknown) = table.keys().find(|key| !KEYS.contains(&key.as_str())) {
        return Err(ConfigError::new(
            format!("locales.{unknown}"),
            "unknown key (default, enabled, dir, pseudo, client_prefixes)",
        ));
    }
    if let Some(value) = table.get("default") {
        settings.default = tag("locales.default", value)?;
    }
    if let Some(value) = table.get("enabled") {
        let tags = strings("locales.enabled", value, tag)?;
        if tags.is_empty() {
            return Err(ConfigError::new(
                "locales.enabled",
                "must list at least one locale (leave it out to offer every locale)",
            ));
        }
        settings.enabled = Some(tags);
    }
    if let Some(value) = table.get("dir") {
        let dir = value
            .as_str()
            .filter(|dir| !dir.trim().is_empty())
            .ok_or_else(|| ConfigError::new("locales.dir", "must be a directory path"))?;
        settings.dir = Some(PathBuf::from(dir));
    }
    if let Some(value) = table.get("pseudo") {
        settings.pseudo = value
            .as_bool()
            .ok_or_else(|| ConfigError::new("locales.pseudo", "must be true or false"))?;
    }
    if let Some(value) = table.get("client_prefixes") {
        settings.client_prefixes = strings("locales.client_prefixes", value, id_prefix)?;
    }
    Ok(settings)
}

fn tag(key: &str, value: &Value) -> Result<String, ConfigError> {
    match value.as_str() {
        Some(text) if is_language_tag(text) => Ok(text.to_owned()),
        Some(text) => Err(ConfigError::new(
            key,
            format!("`{text}` is not a language tag (write `de`, `pt-BR`, `zh-Hans`)"),
        )),
        None => Err(ConfigError::new(key, "must be a language tag (a string)")),
    }
}

fn id_prefix(key: &str, value: &Value) -> Result<String, ConfigError> {
    match value.as_str() {
        Some(text) if is_id_prefix(text) => Ok(text.to_owned()),
        _ => Err(ConfigError::new(
            key,
            "must be the start of a message id (a letter, then letters, digits, `-`, `_`)",
        )),
    }
}

fn strings(
    key: &str,
    value: &Value,
    each: fn(&str, &Value) -> Result<String, ConfigError>,
) -> Result<Vec<String>, ConfigError> {
    let list = value
        .as_array()
        .ok_or_else(|| ConfigError::new(key, "must be a list of strings"))?;
    list.iter()
        .enumerate()
        .map(|(index, item)| each(&format!("{key}[{index}]"), item))
        .collect()
}

/// The TOML value of an `OAUTHCLIENT_LOCALES__<KEY>` override: `pseudo` is a boolean, `enabled`
/// and `client_prefixes` comma-separated lists, the others text.
pub(super) fn env_value(leaf: &str, raw: &str, name: &str) -> Result<Value, ConfigError> {
    match leaf {
        "pseudo" => match raw.trim().to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" | "on" => Ok(Value::Boolean(true)),
            "false" | "0" | "no" | "off" => Ok(Value::Boolean(false)),
            _ => Err(ConfigError::new(name, "must be true or false")),
        },
        "enabled" | "client_prefixes" => Ok(Value::Array(
            raw.split(',')
                .map(str::trim)
                .filter(|item| !item.is_empty())
                .map(|item| Value::String(item.to_owned()))
                .collect(),
        )),
        _ => Ok(Value::String(raw.trim().to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(toml: &str) -> Result<LocaleSettings, ConfigError> {
        locale_settings(&toml.parse::<Table>().expect("toml"))
    }

    #[test]
    fn defaults_hold_without_a_table() {
        let defaults = settings("").expect("defaults");
        assert_eq!(defaults, LocaleSettings::default());
        assert_eq!(defaults.default, "en");
        assert_eq!(defaults.enabled, None);
        assert_eq!(defaults.dir, None);
        assert!(!defaults.pseudo);
        assert!(defaults.client_prefixes.is_empty());
    }

    #[test]
    fn every_key_is_read() {
        let read = settings(
            "[locales]\ndefault = \"pt-BR\"\nenabled = [\"pt-BR\", \"en\"]\ndir = \"i18n\"\n\
             pseudo = true\nclient_prefixes = [\"spa-\", \"app_\"]",
        )
        .expect("valid");
        assert_eq!(read.default, "pt-BR");
        assert_eq!(
            read.enabled,
            Some(vec!["pt-BR".to_owned(), "en".to_owned()])
        );
        assert_eq!(read.dir, Some(PathBuf::from("i18n")));
        assert!(read.pseudo);
        assert_eq!(read.client_prefixes, ["spa-", "app_"]);
    }

    #[test]
    fn tags_are_checked_for_syntax_only() {
        for good in [
            "en", "de", "pt-BR", "zh-Hans", "en-XA", "sv", "es-419", "tlh",
        ] {
            assert!(is_language_tag(good), "{good}");
        }
        for bad in [
            "",
            "e",
            "pt_BR",
            "de-",
            "-de",
            "1a",
            "de DE",
            "verylongtag",
            "de-ÄT",
        ] {
            assert!(!is_language_tag(bad), "{bad:?}");
        }
    }

    #[test]
    fn bad_values_name_their_key() {
        let cases = [
            ("locales = 1", "locales"),
            ("[locales]\ndefualt = \"de\"", "locales.defualt"),
            ("[locales]\ndefault = \"pt_BR\"", "locales.default"),
            ("[locales]\ndefault = 5", "locales.default"),
            ("[locales]\nenabled = \"de\"", "locales.enabled"),
            ("[locales]\nenabled = []", "locales.enabled"),
            (
                "[locales]\nenabled = [\"de\", \"x y\"]",
                "locales.enabled[1]",
            ),
            ("[locales]\ndir = \"\"", "locales.dir"),
            ("[locales]\npseudo = \"yes\"", "locales.pseudo"),
            (
                "[locales]\nclient_prefixes = [\"-x\"]",
                "locales.client_prefixes[0]",
            ),
            (
                "[locales]\nclient_prefixes = [\"\"]",
                "locales.client_prefixes[0]",
            ),
        ];
        for (toml, key) in cases {
            let err = settings(toml).expect_err(toml);
            assert_eq!(err.key, key, "{toml}: {err}");
        }
    }

    #[test]
    fn a_relative_dir_is_resolved_against_a_base_an_absolute_one_kept() {
        let mut relative = LocaleSettings {
            dir: Some(PathBuf::from("locales")),
            ..LocaleSettings::default()
        };
        relative.resolve_dir_against(Path::new("/etc/app"));
        assert_eq!(relative.dir, Some(PathBuf::from("/etc/app/locales")));
        let mut absolute = LocaleSettings {
            dir: Some(PathBuf::from("/srv/locales")),
            ..LocaleSettings::default()
        };
        absolute.resolve_dir_against(Path::new("/etc/app"));
        assert_eq!(absolute.dir, Some(PathBuf::from("/srv/locales")));
    }

    #[test]
    fn environment_values_take_the_key_type() {
        assert_eq!(
            env_value("pseudo", "on", "X").expect("bool"),
            Value::Boolean(true)
        );
        assert!(env_value("pseudo", "maybe", "X").is_err());
        assert_eq!(
            env_value("enabled", "de, en,", "X").expect("list"),
            Value::Array(vec![Value::String("de".into()), Value::String("en".into())])
        );
        assert_eq!(
            env_value("default", " fr ", "X").expect("text"),
            Value::String("fr".into())
        );
    }
}
