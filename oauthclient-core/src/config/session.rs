//! `[session]`: how long a session lasts — an absolute lifetime, an idle timeout, and the
//! longer lifetime of a remembered ("remember me") session. Enforced by the front end on
//! every request through the adapters' session layers.

use toml::{Table, Value};

use super::ConfigError;

/// Default absolute lifetime of a session: 12 hours from sign-in (or from its first value,
/// for an anonymous session) — a working day, then sign in again (OWASP session management:
/// absolute timeouts of a few hours to a day).
pub const DEFAULT_SESSION_LIFETIME: u64 = 12 * 3600;
/// Default idle timeout: 30 minutes without a request end a session (OWASP: 15–30 minutes
/// for low-risk applications).
pub const DEFAULT_SESSION_IDLE_TIMEOUT: u64 = 30 * 60;
/// Default lifetime of a remembered session: 30 days from sign-in.
pub const DEFAULT_REMEMBER_LIFETIME: u64 = 30 * 24 * 3600;

/// The keys of `[session]`.
const KEYS: [&str; 3] = ["lifetime", "idle_timeout", "remember_lifetime"];

/// Session lifetimes, in seconds: validated, so `idle_timeout <= lifetime <=
/// remember_lifetime` and none is zero.
///
/// ```
/// use oauthclient_core::{OAuthClientConfig, Registry, config::NoEnv};
/// let config = OAuthClientConfig::from_toml_str(r#"
///     secret_key = "a-very-long-random-secret-of-at-least-32-bytes"
///     site_url = "https://example.org"
///     [session]
///     lifetime = "8h"
///     idle_timeout = 900
///     remember_lifetime = "14d"
/// "#, &NoEnv, &Registry::default())?;
/// let session = config.session;
/// assert_eq!(session.lifetime_secs(), 8 * 3600);
/// assert_eq!(session.idle_timeout_secs(), 900);
/// assert_eq!(session.remember_lifetime_secs(), 14 * 24 * 3600);
/// # Ok::<(), oauthclient_core::config::ConfigError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionSettings {
    /// Each in seconds.
    lifetime: u64,
    idle_timeout: u64,
    remember_lifetime: u64,
}

impl Default for SessionSettings {
    fn default() -> Self {
        Self {
            lifetime: DEFAULT_SESSION_LIFETIME,
            idle_timeout: DEFAULT_SESSION_IDLE_TIMEOUT,
            remember_lifetime: DEFAULT_REMEMBER_LIFETIME,
        }
    }
}

impl SessionSettings {
    /// Lifetimes in seconds, checked: each greater than zero, the idle timeout no longer than
    /// the lifetime, the remembered lifetime no shorter than it.
    ///
    /// ```
    /// use oauthclient_core::config::SessionSettings;
    /// assert!(SessionSettings::new(3600, 600, 86_400).is_ok());
    /// let err = SessionSettings::new(600, 3600, 86_400).unwrap_err();
    /// assert_eq!(err.key, "session.idle_timeout");
    /// ```
    pub fn new(
        lifetime_secs: u64,
        idle_timeout_secs: u64,
        remember_lifetime_secs: u64,
    ) -> Result<Self, ConfigError> {
        for (key, secs) in
            KEYS.iter()
                .zip([lifetime_secs, idle_timeout_secs, remember_lifetime_secs])
        {
            if secs == 0 {
                return Err(ConfigError::new(
                    format!("session.{key}"),
                    "must be greater than zero",
                ));
            }
        }
        if idle_timeout_secs > lifetime_secs {
            return Err(ConfigError::new(
                "session.idle_timeout",
                format!(
                    "{idle_timeout_secs} s is longer than session.lifetime ({lifetime_secs} s): \
                     a session could never sit idle that long"
                ),
            ));
        }
        if remember_lifetime_secs < lifetime_secs {
            return Err(ConfigError::new(
                "session.remember_lifetime",
                format!(
                    "{remember_lifetime_secs} s is shorter than session.lifetime \
                     ({lifetime_secs} s): remembering would shorten the session"
                ),
            ));
        }
        Ok(Self {
            lifetime: lifetime_secs,
            idle_timeout: idle_timeout_secs,
            remember_lifetime: remember_lifetime_secs,
        })
    }

    /// How long a session lasts from sign-in (or from its first value), at most.
    pub fn lifetime_secs(&self) -> u64 {
        self.lifetime
    }

    /// How long a session may go without a request (remembered sessions excepted).
    pub fn idle_timeout_secs(&self) -> u64 {
        self.idle_timeout
    }

    /// How long a remembered session lasts from sign-in, idle or not.
    pub fn remember_lifetime_secs(&self) -> u64 {
        self.remember_lifetime
    }
}

pub(super) fn session_settings(doc: &Table) -> Result<SessionSettings, ConfigError> {
    let defaults = SessionSettings::default();
    let Some(value) = doc.get("session") else {
        return Ok(defaults);
    };
    let table = value
        .as_table()
        .ok_or_else(|| ConfigError::new("session", "must be a table"))?;
    if let Some(unknown) = table.keys().find(|key| !KEYS.contains(&key.as_str())) {
        return Err(ConfigError::new(
            format!("session.{unknown}"),
            "unknown key (lifetime, idle_timeout, remember_lifetime)",
        ));
    }
    let secs = |key: &str, default: u64| match table.get(key) {
        None => Ok(default),
        Some(value) => duration_secs(&format!("session.{key}"), value),
    };
    SessionSettings::new(
        secs("lifetime", defaults.lifetime)?,
        secs("idle_timeout", defaults.idle_timeout)?,
        secs("remember_lifetime", defaults.remember_lifetime)?,
    )
}

/// A duration: whole seconds (`900`), or a number and a unit (`"15m"`, `"12h"`, `"30d"`,
/// `"45s"`).
fn duration_secs(key: &str, value: &Value) -> Result<u64, ConfigError> {
    const FORMAT: &str = "must be whole seconds (900) or a number with a unit: \"45s\", \
                          \"15m\", \"12h\", \"30d\"";
    let secs = match value {
        Value::Integer(secs) => u64::try_from(*secs).ok(),
        Value::String(text) => parse_duration(text.trim()),
        _ => None,
    };
    secs.ok_or_else(|| ConfigError::new(key, FORMAT))
}

fn parse_duration(text: &str) -> Option<u64> {
    if let Ok(secs) = text.parse::<u64>() {
        return Some(secs);
    }
    let split = text.len().checked_sub(1)?;
    let (number, unit) = text.split_at_checked(split)?;
    let scale = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 24 * 3600,
        _ => return None,
    };
    number.trim().parse::<u64>().ok()?.checked_mul(scale)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(toml: &str) -> Result<SessionSettings, ConfigError> {
        session_settings(&toml.parse::<Table>().expect("toml"))
    }

    #[test]
    fn defaults_hold_without_a_table() {
        assert_eq!(settings(""), Ok(SessionSettings::default()));
        let defaults = SessionSettings::default();
        assert_eq!(defaults.lifetime_secs(), 43_200);
        assert_eq!(defaults.idle_timeout_secs(), 1_800);
        assert_eq!(defaults.remember_lifetime_secs(), 2_592_000);
    }

    #[test]
    fn durations_take_units_or_seconds() {
        assert_eq!(parse_duration("45s"), Some(45));
        assert_eq!(parse_duration("15m"), Some(900));
        assert_eq!(parse_duration("12h"), Some(43_200));
        assert_eq!(parse_duration("30d"), Some(2_592_000));
        assert_eq!(parse_duration("600"), Some(600));
        for junk in ["", "h", "12w", "-5m", "1.5h", "twelve hours"] {
            assert_eq!(parse_duration(junk), None, "{junk:?}");
        }
    }

    #[test]
    fn bad_values_name_their_key() {
        let cases = [
            ("[session]\nlifetime = 0", "session.lifetime"),
            ("[session]\nidle_timeout = \"soon\"", "session.idle_timeout"),
            ("[session]\nidle_timeout = -1", "session.idle_timeout"),
            (
                "[session]\nlifetime = \"1h\"\nidle_timeout = \"2h\"",
                "session.idle_timeout",
            ),
            (
                "[session]\nremember_lifetime = \"1h\"",
                "session.remember_lifetime",
            ),
            ("[session]\nlifetme = 60", "session.lifetme"),
            ("session = 5", "session"),
        ];
        for (toml, key) in cases {
            let err = settings(toml).expect_err(toml);
            assert_eq!(err.key, key, "{toml}: {err}");
        }
    }
}
