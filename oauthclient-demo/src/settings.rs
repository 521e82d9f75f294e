//! The demo's own settings, read from the same TOML as the oauthclient configuration.

use std::path::Path;

use oauthclient_core::config::ConfigError;
use oauthclient_core::redact::redact_url_userinfo;
use rand::RngCore;

/// Where to listen, which database and session store to use.
#[derive(Clone)]
pub struct DemoSettings {
    /// `listen`: the address to bind.
    pub listen: String,
    /// `database_url`: `sqlite://...` or `postgres://...`.
    pub database_url: String,
    /// `session_store`: `cookie` (default) or a `redis://` URL.
    pub session_store: SessionStoreSetting,
}

/// The `session_store` key.
#[derive(Clone, PartialEq, Eq)]
pub enum SessionStoreSetting {
    /// Signed, encrypted cookies.
    Cookie,
    /// Redis at this URL.
    Redis(String),
}

/// Without the passwords the database and Redis URLs may carry.
impl std::fmt::Debug for DemoSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DemoSettings")
            .field("listen", &self.listen)
            .field("database_url", &redact_url_userinfo(&self.database_url))
            .field("session_store", &self.session_store)
            .finish()
    }
}

/// Without the password a Redis URL may carry.
impl std::fmt::Debug for SessionStoreSetting {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Cookie => f.write_str("Cookie"),
            Self::Redis(url) => f
                .debug_tuple("Redis")
                .field(&redact_url_userinfo(url))
                .finish(),
        }
    }
}

impl DemoSettings {
    /// Reads the demo keys of a configuration file; a bad value names its key.
    pub fn from_toml(text: &str) -> Result<Self, ConfigError> {
        let doc: toml::Table = text
            .parse()
            .map_err(|err: toml::de::Error| ConfigError::new("(toml)", err.message()))?;
        let string = |key: &str| -> Result<Option<String>, ConfigError> {
            match doc.get(key) {
                None => Ok(None),
                Some(toml::Value::String(value)) => Ok(Some(value.clone())),
                Some(_) => Err(ConfigError::new(key, "must be a string")),
            }
        };
        let listen = string("listen")?.unwrap_or_else(|| "127.0.0.1:5000".to_owned());
        if listen.parse::<std::net::SocketAddr>().is_err() {
            return Err(ConfigError::new(
                "listen",
                format!("`{listen}` is not an address like 127.0.0.1:5000"),
            ));
        }
        let database_url = string("database_url")?
            .unwrap_or_else(|| "sqlite://oauthclient-demo.sqlite".to_owned());
        if !(database_url.starts_with("sqlite:") || database_url.starts_with("postgres")) {
            return Err(ConfigError::new(
                "database_url",
                "must start with sqlite:// or postgres://",
            ));
        }
        let session_store = match string("session_store")?.as_deref() {
            None | Some("cookie") => SessionStoreSetting::Cookie,
            Some(url) if url.starts_with("redis://") || url.starts_with("rediss://") => {
                SessionStoreSetting::Redis(url.to_owned())
            }
            Some(other) => {
                return Err(ConfigError::new(
                    "session_store",
                    format!("`{other}` is neither \"cookie\" nor a redis:// URL"),
                ));
            }
        };
        Ok(Self {
            listen,
            database_url,
            session_store,
        })
    }
}

/// The sandbox's secret key: created once (random) and kept in `data_dir`, so sessions and
/// stored tokens survive restarts.
/// The file is readable by its owner only (0600 on Unix): whoever reads it can forge sessions
/// and decrypt the stored tokens. A key file left readable by an older version is tightened.
pub fn sandbox_secret(data_dir: &Path) -> std::io::Result<String> {
    std::fs::create_dir_all(data_dir)?;
    let path = data_dir.join("secret_key");
    if let Ok(existing) = std::fs::read_to_string(&path) {
        let existing = existing.trim().to_owned();
        if existing.len() >= 32 {
            owner_only(&path)?;
            return Ok(existing);
        }
    }
    let mut bytes = [0_u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let secret = bytes
        .iter()
        .fold(String::with_capacity(64), |mut hex, byte| {
            use std::fmt::Write as _;
            let _ = write!(hex, "{byte:02x}");
            hex
        });
    write_owner_only(&path, &secret)?;
    Ok(secret)
}

#[cfg(unix)]
fn write_owner_only(path: &Path, contents: &str) -> std::io::Result<()> {
    use std::io::Write as _;
    use std::os::unix::fs::OpenOptionsExt as _;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)?;
    // `mode` only applies to a file it creates; an existing one is tightened too.
    owner_only(path)?;
    file.write_all(contents.as_bytes())
}

#[cfg(not(unix))]
fn write_owner_only(path: &Path, contents: &str) -> std::io::Result<()> {
    std::fs::write(path, contents)
}

#[cfg(unix)]
fn owner_only(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
}

#[cfg(not(unix))]
fn owner_only(_path: &Path) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_errors_name_the_key() {
        let settings = DemoSettings::from_toml("").expect("defaults");
        assert_eq!(settings.listen, "127.0.0.1:5000");
        assert_eq!(settings.session_store, SessionStoreSetting::Cookie);
        for (toml, key) in [
            ("listen = \"nowhere\"", "listen"),
            ("database_url = \"mysql://x\"", "database_url"),
            ("session_store = \"memcached\"", "session_store"),
            ("listen = 5", "listen"),
        ] {
            assert_eq!(DemoSettings::from_toml(toml).expect_err(toml).key, key);
        }
        let redis =
            DemoSettings::from_toml("session_store = \"redis://127.0.0.1:6379\"").expect("redis");
        assert_eq!(
            redis.session_store,
            SessionStoreSetting::Redis("redis://127.0.0.1:6379".into())
        );
    }

    #[test]
    #[cfg(unix)]
    fn the_sandbox_secret_is_readable_by_its_owner_only() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().expect("dir");
        sandbox_secret(dir.path()).expect("create");
        let path = dir.path().join("secret_key");
        let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{mode:o}");
        // A key file an older version left world-readable is tightened on the next start.
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
        sandbox_secret(dir.path()).expect("read");
        let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{mode:o}");
    }

    #[test]
    fn the_sandbox_secret_is_kept() {
        let dir = tempfile::tempdir().expect("dir");
        let first = sandbox_secret(dir.path()).expect("create");
        assert_eq!(first.len(), 64);
        assert_eq!(sandbox_secret(dir.path()).expect("read"), first);
    }
}
