//! Placeholders refused where a credential or a secret key belongs.
//!
//! Example configurations (ours, Invenio's, every tutorial's) ship `consumer_key = "changeme"`
//! and a `secret_key` that reads like an instruction. Those values are long and non-empty, so
//! without this check they load: the "missing" error never fires, the site starts with a
//! client id the provider rejects at the first sign-in, or signs its state and seals its
//! tokens with a key anyone can read in our repository. The list is deliberately small and
//! explicit: a value that only looks unusual is the operator's business.

use super::ConfigError;

/// Values refused outright, compared trimmed and ignoring ASCII case.
const PLACEHOLDERS: &[&str] = &[
    "changeme",
    "change-me",
    "change_me",
    "change me",
    "replaceme",
    "replace-me",
    "replace_me",
    "todo",
    "tbd",
    "fixme",
    "xxx",
    "placeholder",
    "your-client-id",
    "your-client-secret",
    "your-consumer-key",
    "your-consumer-secret",
    "your-secret-key",
    "client_id",
    "client_secret",
    // The `secret_key` of README's "Configuration at a glance".
    "a random string of at least 32 bytes",
];

/// Beginnings of the placeholder sentences our examples ship for `secret_key`
/// (`change-me-to-a-random-string-of-at-least-32-bytes`, `replace-me-with-at-least-32-...`):
/// long enough to pass the length check, so they are refused by their opening words.
const PLACEHOLDER_PREFIXES: &[&str] = &["changeme", "change-me", "change_me", "replace-me"];

/// Whether `value` is an obvious placeholder: one of [`PLACEHOLDERS`], a value starting with
/// one of [`PLACEHOLDER_PREFIXES`], `<...>` (`<client secret>`), only dots or only `x`
/// (`...`, `XXXXXXXX`), or a truncation such as `APP-...`.
pub(super) fn is_placeholder(value: &str) -> bool {
    let value = value.trim();
    let lower = value.to_ascii_lowercase();
    PLACEHOLDERS.contains(&lower.as_str())
        || PLACEHOLDER_PREFIXES
            .iter()
            .any(|prefix| lower.starts_with(prefix))
        || (value.len() >= 2 && value.starts_with('<') && value.ends_with('>'))
        || (value.len() >= 3 && lower.chars().all(|c| c == 'x'))
        || value.ends_with("...")
}

/// What a refused value must be replaced with.
#[derive(Debug, Clone, Copy)]
pub(super) enum Expected<'a> {
    /// A remote app's client id (`consumer_key`), issued by the provider titled so.
    ClientId {
        /// The app's title ("GitHub").
        provider: &'a str,
    },
    /// A remote app's client secret (`consumer_secret`).
    ClientSecret {
        /// The app's title ("GitHub").
        provider: &'a str,
    },
    /// A secret key (`secret_key`, `secret_keys[i].secret`).
    SecretKey,
}

/// Refuses `value` at `key` when it is a placeholder, saying what to put there instead and
/// which environment variable (`env_var`) can hold it.
pub(super) fn refuse_placeholder(
    key: &str,
    value: &str,
    expected: Expected<'_>,
    env_var: &str,
) -> Result<(), ConfigError> {
    if !is_placeholder(value) {
        return Ok(());
    }
    let what = match expected {
        Expected::ClientId { provider } => format!("the client id {provider} gave you"),
        Expected::ClientSecret { provider } => format!("the client secret {provider} gave you"),
        Expected::SecretKey => format!(
            "a random string of at least {} bytes (e.g. `openssl rand -base64 48`)",
            super::MIN_SECRET_KEY_BYTES
        ),
    };
    // Echoing the value is safe: it is on the list above, so it is no secret.
    Err(ConfigError::new(
        key,
        format!("is a placeholder ({value:?}): put {what} here, or set {env_var}"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_our_docs_and_invenio_ship_are_recognised() {
        for value in [
            "changeme",
            "ChangeMe",
            " changeme ",
            "change-me",
            "...",
            "APP-...",
            "xxx",
            "XXXXXXXXXXXX",
            "<client secret>",
            "<your GitHub client id>",
            "TODO",
            "your-client-id",
            "a random string of at least 32 bytes",
            "change-me-to-a-random-string-of-at-least-32-bytes",
            "replace-me-with-at-least-32-random-bytes-or-use-OAUTHCLIENT_SECRET_KEY",
        ] {
            assert!(is_placeholder(value), "{value:?}");
        }
    }

    #[test]
    fn real_looking_values_pass() {
        for value in [
            "Iv1.8a61f9b3a7aba766",
            "0123456789abcdef0123456789abcdef",
            "APP-1AB2CD3EF4GH5IJ6",
            "a-very-long-random-secret-of-at-least-32-bytes",
            "k",
            "client-id",
            "x",
            "xerox",
            "Zm9vYmFyLi4u",
            "todo-app-client",
        ] {
            assert!(!is_placeholder(value), "{value:?}");
        }
    }

    #[test]
    fn the_error_names_the_key_and_says_what_to_put_there() {
        let err = refuse_placeholder(
            "GITHUB_APP_CREDENTIALS.consumer_key",
            "changeme",
            Expected::ClientId { provider: "GitHub" },
            "GITHUB_APP_CREDENTIALS_CONSUMER_KEY",
        )
        .expect_err("placeholder");
        assert_eq!(err.key, "GITHUB_APP_CREDENTIALS.consumer_key");
        assert_eq!(
            err.message,
            "is a placeholder (\"changeme\"): put the client id GitHub gave you here, or set \
             GITHUB_APP_CREDENTIALS_CONSUMER_KEY"
        );
        let err = refuse_placeholder(
            "secret_key",
            "change-me-to-a-random-string-of-at-least-32-bytes",
            Expected::SecretKey,
            "OAUTHCLIENT_SECRET_KEY",
        )
        .expect_err("placeholder");
        assert!(
            err.message.contains("random string of at least 32 bytes")
                && err.message.ends_with("or set OAUTHCLIENT_SECRET_KEY"),
            "{err}"
        );
        assert!(
            refuse_placeholder("secret_key", "Iv1.real", Expected::SecretKey, "X").is_ok(),
            "a real value passes"
        );
    }
}
