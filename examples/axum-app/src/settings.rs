//! The app's own keys, read from the same TOML file as the library's.

use std::net::SocketAddr;

use serde::Deserialize;

/// `listen`, `database_url` and `session_store`; the library ignores them, this ignores the
/// library's keys.
#[derive(Clone, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The address to bind (default `127.0.0.1:5000`).
    pub listen: SocketAddr,
    /// `sqlite://FILE` (default `sqlite://oauthclient-axum-app.sqlite`), or `postgres://...`
    /// with the `postgres` feature.
    pub database_url: String,
    /// `"redis://..."`: sessions in Redis, shared by every instance; absent or `"cookie"`:
    /// the whole session in an encrypted cookie.
    #[serde(deserialize_with = "session_store")]
    pub session_store: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 5000)),
            database_url: "sqlite://oauthclient-axum-app.sqlite".to_owned(),
            session_store: None,
        }
    }
}

impl Settings {
    /// Reads the app's keys of a configuration text; an error names the key at fault.
    pub fn from_toml(text: &str) -> Result<Self, toml::de::Error> {
        toml::from_str(text)
    }
}

/// `"cookie"` is the default spelled out; anything else must be a Redis URL.
fn session_store<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    let value = String::deserialize(deserializer)?;
    if value == "cookie" {
        Ok(None)
    } else if value.starts_with("redis://") || value.starts_with("rediss://") {
        Ok(Some(value))
    } else {
        Err(serde::de::Error::custom(
            "expected \"cookie\" or a redis:// URL",
        ))
    }
}

// The URLs may carry passwords: never printed whole.
impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("listen", &self.listen)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::Settings;

    #[test]
    fn defaults_and_a_bad_value_named() {
        let settings = Settings::from_toml("site_url = \"http://x/auth\"").unwrap();
        assert_eq!(settings.listen.to_string(), "127.0.0.1:5000");
        assert!(settings.session_store.is_none());
        let redis = Settings::from_toml("session_store = \"redis://127.0.0.1\"").unwrap();
        assert_eq!(redis.session_store.as_deref(), Some("redis://127.0.0.1"));
        let err = Settings::from_toml("session_store = \"memcached\"").unwrap_err();
        assert!(err.to_string().contains("session_store"), "{err}");
    }
}
