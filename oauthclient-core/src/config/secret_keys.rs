//! `secret_key` / `[[secret_keys]]` → the ordered key list (the first signs and seals, every
//! one verifies and opens).
//!
//! A single `secret_key` (usually `OAUTHCLIENT_SECRET_KEY`) is the key id `default`, and every
//! token and pending sign-up sealed while it was alone records that id. So rotating away from
//! it must keep that secret under that id: `secret_key` is therefore accepted beside
//! `secret_keys` and stays the key `default` — where the list names `{ id = "default" }`, else
//! last, as the older key that still opens. With `secret_env` on the other entries the whole
//! rotation runs with every secret in the environment (docs/key-rotation.md).

use toml::{Table, Value};

use super::placeholder::{Expected, refuse_placeholder};
use super::settings::SecretKeySettings;
use super::{ConfigError, EnvSource, MIN_SECRET_KEY_BYTES, SecretKeyEntry};
use crate::secret::SecretKey;
use crate::state::StateAlgorithm;

type Result<T> = std::result::Result<T, ConfigError>;

/// The key id of a single `secret_key`.
const DEFAULT_KEY_ID: &str = "default";
/// The variable the environment overrides fill `secret_key` from.
const SECRET_KEY_VAR: &str = "OAUTHCLIENT_SECRET_KEY";

pub(super) fn secret_keys(doc: &Table, env: &dyn EnvSource) -> Result<Vec<SecretKeyEntry>> {
    let single = match doc.get("secret_key") {
        None => None,
        Some(Value::String(secret)) => Some(secret.clone()),
        Some(_) => return Err(ConfigError::new("secret_key", "must be a string")),
    };
    if let Some(secret) = &single {
        check_secret("secret_key", secret, SECRET_KEY_VAR)?;
    }
    let mut entries: Vec<SecretKeyEntry> = Vec::new();
    if let Some(list) = doc.get("secret_keys") {
        let list: Vec<SecretKeySettings> = list
            .clone()
            .try_into()
            .map_err(|err: toml::de::Error| ConfigError::new("secret_keys", err.message()))?;
        for (index, key) in list.into_iter().enumerate() {
            let path = format!("secret_keys[{index}]");
            if key.id.is_empty() {
                return Err(ConfigError::new(path + ".id", "must not be empty"));
            }
            if entries.iter().any(|known| known.id == key.id) {
                return Err(ConfigError::new(
                    path + ".id",
                    format!("duplicate key id `{}`", key.id),
                ));
            }
            let secret = entry_secret(&path, &key, single.as_deref(), env)?;
            entries.push(SecretKeyEntry {
                id: key.id,
                secret: SecretKey::new(secret),
                algorithm: key.algorithm,
            });
        }
    }
    if let Some(secret) = single {
        // Not placed by the list: it is the older key, still opening what it sealed.
        if !entries.iter().any(|known| known.id == DEFAULT_KEY_ID) {
            entries.push(SecretKeyEntry {
                id: DEFAULT_KEY_ID.to_owned(),
                secret: SecretKey::new(secret),
                algorithm: StateAlgorithm::Hs256,
            });
        }
    }
    if entries.is_empty() {
        return Err(ConfigError::new(
            "secret_key",
            "missing: set secret_key (or OAUTHCLIENT_SECRET_KEY) to a random string of at least 32 bytes",
        ));
    }
    Ok(entries)
}

/// The secret of one `[[secret_keys]]` entry at `path`: inline, from `secret_env`, or — for
/// the id `default` with neither — `secret_key`.
fn entry_secret(
    path: &str,
    key: &SecretKeySettings,
    single: Option<&str>,
    env: &dyn EnvSource,
) -> Result<String> {
    if key.secret.is_some() && key.secret_env.is_some() {
        return Err(ConfigError::new(
            path,
            "set either secret or secret_env, not both",
        ));
    }
    if key.id == DEFAULT_KEY_ID && single.is_some() {
        // Two secrets for one id: what was sealed under it would open with only one of them.
        let field = match (&key.secret, &key.secret_env) {
            (Some(_), _) => Some("secret"),
            (None, Some(_)) => Some("secret_env"),
            (None, None) => None,
        };
        if let Some(field) = field {
            return Err(ConfigError::new(
                format!("{path}.{field}"),
                format!(
                    "the key id `{DEFAULT_KEY_ID}` is secret_key ({SECRET_KEY_VAR}), which is \
                     set: write just `{{ id = \"{DEFAULT_KEY_ID}\" }}` here, or unset secret_key"
                ),
            ));
        }
    }
    if let Some(secret) = &key.secret {
        check_secret(
            &format!("{path}.secret"),
            secret,
            "secret_env to the name of a variable holding it",
        )?;
        return Ok(secret.clone());
    }
    if let Some(name) = &key.secret_env {
        let key_path = format!("{path}.secret_env");
        if name == SECRET_KEY_VAR {
            return Err(ConfigError::new(
                key_path,
                format!(
                    "{SECRET_KEY_VAR} is secret_key, the key id `{DEFAULT_KEY_ID}`: list it as \
                     `{{ id = \"{DEFAULT_KEY_ID}\" }}`"
                ),
            ));
        }
        let secret = env
            .var(name)
            .filter(|secret| !secret.is_empty())
            .ok_or_else(|| {
                ConfigError::new(
                    &key_path,
                    format!("the environment variable {name} is not set"),
                )
            })?;
        check_secret(&key_path, &secret, name)?;
        return Ok(secret);
    }
    if key.id == DEFAULT_KEY_ID {
        return single.map(str::to_owned).ok_or_else(|| {
            ConfigError::new(
                path,
                format!(
                    "`{{ id = \"{DEFAULT_KEY_ID}\" }}` stands for secret_key, but secret_key \
                     ({SECRET_KEY_VAR}) is not set: set it, or give this entry secret or secret_env"
                ),
            )
        });
    }
    Err(ConfigError::new(
        format!("{path}.secret"),
        "missing: set secret, or secret_env to the name of the environment variable holding it",
    ))
}

/// Refuses a `secret` at `key` that is a placeholder (what our examples ship) or too short;
/// `instead` names where else it can be set.
fn check_secret(key: &str, secret: &str, instead: &str) -> Result<()> {
    // Placeholders first: ours are long enough to pass the length check.
    refuse_placeholder(key, secret, Expected::SecretKey, instead)?;
    if secret.len() < MIN_SECRET_KEY_BYTES {
        return Err(ConfigError::new(
            key,
            format!("too short: use at least {MIN_SECRET_KEY_BYTES} random bytes"),
        ));
    }
    Ok(())
}
