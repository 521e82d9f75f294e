//! `[remote_apps.<name>.login_options]`: the per-login options' allow-list.

use super::*;
use crate::login_options::LoginOption;

/// One OAuth2 app `demo` with `extra` appended to its table.
fn app_with(extra: &str) -> String {
    format!(
        r#"
secret_key = "0123456789abcdef0123456789abcdef"
site_url = "http://127.0.0.1:5000"
[remote_apps.demo.params]
authorize_url = "https://provider.example/authorize"
access_token_url = "https://provider.example/token"
[DEMO_APP_CREDENTIALS]
consumer_key = "client-id"
consumer_secret = "client-secret"
{extra}
"#
    )
}

fn policy_of(config: &OAuthClientConfig) -> &crate::login_options::LoginOptionsPolicy {
    &config.remote_app("demo").expect("demo").login_options
}

#[test]
fn nothing_is_allowed_unless_configured() {
    let config = load(&app_with("")).expect("loads");
    assert!(policy_of(&config).is_empty());
}

#[test]
fn the_allow_list_and_extra_scopes_load() {
    let config = load(&app_with(
        r#"
[remote_apps.demo.login_options]
allow = ["prompt", "login_hint", "max_age", "acr_values", "remember"]
extra_scopes = ["repo", "read:org"]
"#,
    ))
    .expect("loads");
    let policy = policy_of(&config);
    assert!(
        LoginOption::ALL
            .into_iter()
            .all(|option| policy.allows(option))
    );
    assert_eq!(policy.extra_scopes(), ["repo", "read:org"]);
}

#[test]
fn invalid_allow_lists_name_the_key() {
    let cases = [
        (
            "allow = [\"prompt\", \"nonce\"]",
            "remote_apps.demo.login_options.allow[1]",
            "unknown login option `nonce`",
        ),
        (
            "allow = [\"scope\"]",
            "remote_apps.demo.login_options.allow[0]",
            "extra_scopes",
        ),
        (
            "extra_scopes = [\"repo\", \"two words\"]",
            "remote_apps.demo.login_options.extra_scopes[1]",
            "not a scope",
        ),
        (
            "extra_scopes = [\"\"]",
            "remote_apps.demo.login_options.extra_scopes[0]",
            "not a scope",
        ),
        (
            "allowed = [\"prompt\"]",
            "remote_apps.demo",
            "unknown field",
        ),
    ];
    for (line, key, message) in cases {
        let err = load(&app_with(&format!(
            "[remote_apps.demo.login_options]\n{line}\n"
        )))
        .expect_err(line);
        assert_eq!(err.key, key, "{line}: {err}");
        assert!(err.message.contains(message), "{line}: {err}");
    }
}

#[test]
fn an_oauth1_app_cannot_carry_login_options() {
    let toml = app_with(
        r#"
[remote_apps.demo.login_options]
allow = ["prompt"]
"#,
    )
    .replace(
        "[remote_apps.demo.params]\n",
        "[remote_apps.demo.params]\nrequest_token_url = \"https://provider.example/request\"\n",
    );
    let err = load(&toml).expect_err("OAuth1");
    assert_eq!(err.key, "remote_apps.demo.login_options");
    assert!(err.message.contains("OAuth 1.0a"), "{err}");
    // An empty table is no option at all: fine.
    let empty = toml.replace("allow = [\"prompt\"]", "");
    assert!(load(&empty).is_ok());
}

#[test]
fn the_environment_sets_both_lists() {
    let config = load_with_env(
        &app_with(""),
        &[
            (
                "OAUTHCLIENT_REMOTE_APPS__DEMO__LOGIN_OPTIONS__ALLOW",
                "prompt,max_age",
            ),
            (
                "OAUTHCLIENT_REMOTE_APPS__DEMO__LOGIN_OPTIONS__EXTRA_SCOPES",
                "repo read:org",
            ),
        ],
    )
    .expect("loads");
    let policy = policy_of(&config);
    assert!(policy.allows(LoginOption::Prompt) && policy.allows(LoginOption::MaxAge));
    assert!(!policy.allows(LoginOption::LoginHint));
    assert_eq!(policy.extra_scopes(), ["repo", "read:org"]);
    // And replace what the file said.
    let config = load_with_env(
        &app_with("[remote_apps.demo.login_options]\nallow = [\"login_hint\"]\n"),
        &[(
            "OAUTHCLIENT_REMOTE_APPS__DEMO__LOGIN_OPTIONS__ALLOW",
            "prompt",
        )],
    )
    .expect("loads");
    assert!(policy_of(&config).allows(LoginOption::Prompt));
    assert!(!policy_of(&config).allows(LoginOption::LoginHint));
}
