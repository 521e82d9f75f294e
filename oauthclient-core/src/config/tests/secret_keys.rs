//! Secret keys for rotation with every secret in the environment: `secret_key` (key id
//! `default`) beside `secret_keys`, and `secret_env` entries (docs/key-rotation.md).

use super::*;

const OLD: &str = "the-old-secret-the-old-secret-the-old";
const NEW: &str = "the-new-secret-the-new-secret-the-new";
const SITE: &str = "site_url = \"https://example.org\"\n";

fn ids(config: &OAuthClientConfig) -> Vec<&str> {
    config
        .secret_keys
        .iter()
        .map(|key| key.id.as_str())
        .collect()
}

fn secret<'a>(config: &'a OAuthClientConfig, id: &str) -> &'a str {
    config
        .secret_keys
        .iter()
        .find(|key| key.id == id)
        .unwrap_or_else(|| panic!("no key `{id}`"))
        .secret
        .expose_secret()
}

#[test]
fn secret_env_reads_the_secret_from_the_named_variable() {
    let toml = format!(
        "{SITE}[[secret_keys]]\nid = \"2026-12\"\nsecret_env = \"OAUTHCLIENT_SECRET_KEY_2026_12\"\n"
    );
    let config = load_with_env(&toml, &[("OAUTHCLIENT_SECRET_KEY_2026_12", NEW)]).expect("loads");
    assert_eq!(ids(&config), ["2026-12"]);
    assert_eq!(secret(&config, "2026-12"), NEW);
}

#[test]
fn secret_key_beside_secret_keys_is_the_older_key_default() {
    // Rotation step 2 with every secret in the environment: the new key first, the old single
    // `secret_key` kept under its id `default` so what it sealed still opens.
    let toml = format!(
        "{SITE}[[secret_keys]]\nid = \"2026-12\"\nsecret_env = \"OAUTHCLIENT_SECRET_KEY_2026_12\"\n"
    );
    let env = [
        ("OAUTHCLIENT_SECRET_KEY", OLD),
        ("OAUTHCLIENT_SECRET_KEY_2026_12", NEW),
    ];
    let config = load_with_env(&toml, &env).expect("loads");
    assert_eq!(ids(&config), ["2026-12", "default"]);
    assert_eq!(secret(&config, "default"), OLD);
    assert_eq!(config.secret_keys[1].algorithm, StateAlgorithm::Hs256);

    // The same from the file alone.
    let toml = format!(
        "{SITE}secret_key = \"{OLD}\"\nsecret_keys = [{{ id = \"new\", secret = \"{NEW}\" }}]\n"
    );
    assert_eq!(ids(&load(&toml).expect("loads")), ["new", "default"]);
}

#[test]
fn a_default_entry_without_a_secret_places_secret_key() {
    // Rotation step 1: the new key is added second, `default` still signs and seals.
    let toml = format!(
        "{SITE}secret_keys = [\n  {{ id = \"default\" }},\n  {{ id = \"2026-12\", secret_env = \"NEXT_KEY\" }},\n]\n"
    );
    let env = [("OAUTHCLIENT_SECRET_KEY", OLD), ("NEXT_KEY", NEW)];
    let config = load_with_env(&toml, &env).expect("loads");
    assert_eq!(ids(&config), ["default", "2026-12"]);
    assert_eq!(secret(&config, "default"), OLD);
    assert_eq!(secret(&config, "2026-12"), NEW);
}

#[test]
fn states_signed_under_a_single_secret_key_verify_after_the_promotion() {
    let before = load_with_env(SITE, &[("OAUTHCLIENT_SECRET_KEY", OLD)]).expect("loads");
    assert_eq!(ids(&before), ["default"]);
    let (state, _) = before.state_codec().issue("app", None).expect("signs");

    let toml = format!("{SITE}secret_keys = [{{ id = \"2026-12\", secret_env = \"NEXT_KEY\" }}]\n");
    let env = [("OAUTHCLIENT_SECRET_KEY", OLD), ("NEXT_KEY", NEW)];
    let after = load_with_env(&toml, &env).expect("loads");
    assert!(after.state_codec().decode(&state, "app").is_ok());
}

/// One refused case: the `secret_keys` line, the environment, the key its error names and a
/// phrase of its message.
type Refused = (
    String,
    Vec<(&'static str, &'static str)>,
    &'static str,
    &'static str,
);

/// Every refused combination: the key its error names and a phrase of the message.
#[test]
fn refused_combinations_say_what_to_do() {
    let long = "x".repeat(MIN_SECRET_KEY_BYTES);
    let cases: Vec<Refused> = vec![
        (
            format!("secret_keys = [{{ id = \"default\", secret = \"{NEW}\" }}]"),
            vec![("OAUTHCLIENT_SECRET_KEY", OLD)],
            "secret_keys[0].secret",
            "key id `default` is secret_key (OAUTHCLIENT_SECRET_KEY)",
        ),
        (
            "secret_keys = [{ id = \"default\" }]".to_owned(),
            vec![],
            "secret_keys[0]",
            "secret_key (OAUTHCLIENT_SECRET_KEY) is not set",
        ),
        (
            "secret_keys = [{ id = \"2026-12\" }]".to_owned(),
            vec![],
            "secret_keys[0].secret",
            "missing: set secret, or secret_env",
        ),
        (
            format!("secret_keys = [{{ id = \"k\", secret = \"{long}\", secret_env = \"K\" }}]"),
            vec![("K", NEW)],
            "secret_keys[0]",
            "set either secret or secret_env, not both",
        ),
        (
            "secret_keys = [{ id = \"k\", secret_env = \"UNSET_KEY\" }]".to_owned(),
            vec![],
            "secret_keys[0].secret_env",
            "environment variable UNSET_KEY is not set",
        ),
        (
            "secret_keys = [{ id = \"k\", secret_env = \"SHORT_KEY\" }]".to_owned(),
            vec![("SHORT_KEY", "short")],
            "secret_keys[0].secret_env",
            "too short",
        ),
        (
            "secret_keys = [{ id = \"k\", secret_env = \"OAUTHCLIENT_SECRET_KEY\" }]".to_owned(),
            vec![("OAUTHCLIENT_SECRET_KEY", OLD)],
            "secret_keys[0].secret_env",
            "`{ id = \"default\" }`",
        ),
        (
            "secret_keys = [{ id = \"default\" }, { id = \"default\" }]".to_owned(),
            vec![("OAUTHCLIENT_SECRET_KEY", OLD)],
            "secret_keys[1].id",
            "duplicate key id `default`",
        ),
        (
            format!("secret_keys = [{{ id = \"k\", secret = \"{NEW}\" }}]"),
            vec![("OAUTHCLIENT_SECRET_KEY", "short")],
            "secret_key",
            "too short",
        ),
    ];
    for (keys, env, key, message) in cases {
        let toml = format!("{SITE}{keys}\n");
        let err = load_with_env(&toml, &env).expect_err(&toml);
        assert_eq!(err.key, key, "{toml}: {err}");
        assert!(err.message.contains(message), "{toml}: {err}");
    }
}
