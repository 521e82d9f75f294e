//! Placeholder credentials and secret keys are refused when loading, naming the key and what
//! belongs there; real values (from the file or the environment) load.

use super::*;

#[test]
fn the_shipped_placeholders_are_refused() {
    let err = load(SHIPPED_EXAMPLE).expect_err("placeholder secret key");
    assert_eq!(err.key, "secret_key");
    assert!(
        err.message.starts_with(
            "is a placeholder (\"change-me-to-a-random-string-of-at-least-32-bytes\"): put a \
             random string of at least 32 bytes"
        ) && err.message.ends_with("or set OAUTHCLIENT_SECRET_KEY"),
        "{err}"
    );
    let keyed = SHIPPED_EXAMPLE.replace(SHIPPED_SECRET_KEY, TEST_SECRET_KEY);
    let err = load(&keyed).expect_err("placeholder credentials");
    assert_eq!(err.key, "GITHUB_APP_CREDENTIALS.consumer_key");
    assert_eq!(
        err.message,
        "is a placeholder (\"changeme\"): put the client id GitHub gave you here, or set \
         GITHUB_APP_CREDENTIALS_CONSUMER_KEY"
    );
}

#[test]
fn a_placeholder_client_secret_is_refused() {
    let toml = example_with(
        "consumer_secret = \"example-client-secret\"",
        "consumer_secret = \"<client secret>\"",
    );
    let err = load(&toml).expect_err("placeholder");
    assert_eq!(err.key, "GITHUB_APP_CREDENTIALS.consumer_secret");
    assert_eq!(
        err.message,
        "is a placeholder (\"<client secret>\"): put the client secret GitHub gave you here, \
         or set GITHUB_APP_CREDENTIALS_CONSUMER_SECRET"
    );
}

#[test]
fn the_environment_replaces_placeholders_but_is_checked_too() {
    let keyed = SHIPPED_EXAMPLE.replace(SHIPPED_SECRET_KEY, TEST_SECRET_KEY);
    let credentials = [
        ("GITHUB_APP_CREDENTIALS_CONSUMER_KEY", "Iv1.real-id"),
        ("GITHUB_APP_CREDENTIALS_CONSUMER_SECRET", "real-secret"),
        ("ORCID_APP_CREDENTIALS_CONSUMER_KEY", "APP-REAL"),
        ("ORCID_APP_CREDENTIALS_CONSUMER_SECRET", "real-secret"),
        ("LEGACY_APP_CREDENTIALS_CONSUMER_KEY", "legacy-id"),
        ("LEGACY_APP_CREDENTIALS_CONSUMER_SECRET", "real-secret"),
    ];
    let config = load_with_env(&keyed, &credentials).expect("the environment wins");
    assert_eq!(
        config
            .remote_app("github")
            .expect("github")
            .credentials
            .consumer_key,
        "Iv1.real-id"
    );
    let mut with_secret_key = credentials.to_vec();
    with_secret_key.push(("OAUTHCLIENT_SECRET_KEY", TEST_SECRET_KEY_VALUE));
    load_with_env(SHIPPED_EXAMPLE, &with_secret_key).expect("secret key from the environment");

    let mut placeholder = credentials.to_vec();
    placeholder[0] = ("GITHUB_APP_CREDENTIALS_CONSUMER_KEY", "your-client-id");
    let err = load_with_env(&keyed, &placeholder).expect_err("placeholder in the environment");
    assert_eq!(err.key, "GITHUB_APP_CREDENTIALS.consumer_key");
    assert!(err.message.contains("\"your-client-id\""), "{err}");
}

#[test]
fn placeholder_secret_keys_are_refused_wherever_they_are() {
    let toml = example_with(
        TEST_SECRET_KEY,
        "secret_keys = [{ id = \"k1\", secret = \"replace-me-with-at-least-32-random-bytes-please\" }]",
    );
    let err = load(&toml).expect_err("placeholder");
    assert_eq!(err.key, "secret_keys[0].secret");
    assert!(err.message.starts_with("is a placeholder"), "{err}");

    let toml = example_with(
        TEST_SECRET_KEY,
        "secret_keys = [{ id = \"k1\", secret_env = \"KEY_ONE\" }]",
    );
    let err = load_with_env(
        &toml,
        &[("KEY_ONE", "XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX")],
    )
    .expect_err("placeholder");
    assert_eq!(err.key, "secret_keys[0].secret_env");
    assert!(err.message.ends_with("or set KEY_ONE"), "{err}");
}
