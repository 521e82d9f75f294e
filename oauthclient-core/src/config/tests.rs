use std::collections::BTreeMap;
use std::sync::Arc;

use async_trait::async_trait;

use super::*;
use crate::OAuthError;
use crate::account::{AccountInfo, RemoteAccount};
use crate::handlers::{
    AccountInfoHandler, AccountSetupHandler, AuthorizedHandler, AuthorizedOutcome,
    DisconnectHandler, HandlerContext, SignupDecision, SignupForm, SignupViewHandler,
};
use crate::registry::HandlerFactory;
use crate::token::Token;

const EXAMPLE: &str = include_str!("../../../docs/examples/oauthclient.toml");

struct Dummy;

#[async_trait]
impl AuthorizedHandler for Dummy {
    async fn authorized(
        &self,
        _: &HandlerContext<'_>,
        _: Token,
    ) -> Result<AuthorizedOutcome, OAuthError> {
        Ok(AuthorizedOutcome::StoredInSession)
    }
}
#[async_trait]
impl DisconnectHandler for Dummy {
    async fn disconnect(&self, _: &HandlerContext<'_>) -> Result<(), OAuthError> {
        Ok(())
    }
}
#[async_trait]
impl AccountInfoHandler for Dummy {
    async fn account_info(
        &self,
        _: &HandlerContext<'_>,
        _: &Token,
    ) -> Result<AccountInfo, OAuthError> {
        Err(OAuthError::UnknownRemote("dummy".into()))
    }
}
#[async_trait]
impl AccountSetupHandler for Dummy {
    async fn account_setup(
        &self,
        _: &HandlerContext<'_>,
        _: &Token,
        _: &RemoteAccount,
        _: &AccountInfo,
    ) -> Result<serde_json::Value, OAuthError> {
        Ok(serde_json::Value::Null)
    }
}
#[async_trait]
impl SignupViewHandler for Dummy {
    async fn signup(
        &self,
        _: &HandlerContext<'_>,
        _: &AccountInfo,
        _: &SignupForm,
    ) -> Result<SignupDecision, OAuthError> {
        Ok(SignupDecision::Invalid { errors: Vec::new() })
    }
}

fn registry() -> Registry {
    let mut registry = Registry::default();
    let handlers = [
        (
            "test:authorized_signup",
            HandlerFactory::Authorized(|| Arc::new(Dummy)),
        ),
        (
            "test:disconnect",
            HandlerFactory::Disconnect(|| Arc::new(Dummy)),
        ),
        (
            "test:account_info",
            HandlerFactory::AccountInfo(|| Arc::new(Dummy)),
        ),
        (
            "test:account_setup",
            HandlerFactory::AccountSetup(|| Arc::new(Dummy)),
        ),
        (
            "test:signup",
            HandlerFactory::SignupView(|| Arc::new(Dummy)),
        ),
    ];
    for (name, factory) in handlers {
        registry
            .add_handler(name, factory, "tests")
            .expect("unique");
    }
    registry
}

fn load(toml: &str) -> Result<OAuthClientConfig, ConfigError> {
    OAuthClientConfig::from_toml_str(toml, &NoEnv, &registry())
}

fn load_with_env(toml: &str, env: &[(&str, &str)]) -> Result<OAuthClientConfig, ConfigError> {
    let env: BTreeMap<String, String> = env
        .iter()
        .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
        .collect();
    OAuthClientConfig::from_toml_str(toml, &env, &registry())
}

/// The example with `line` replaced by `replacement` (or removed when empty).
fn example_with(line: &str, replacement: &str) -> String {
    assert!(EXAMPLE.contains(line), "example has no line {line:?}");
    EXAMPLE.replacen(line, replacement, 1)
}

fn oauth2(app: &RemoteApp) -> &OAuth2Params {
    match &app.protocol {
        Protocol::OAuth2(params) => params,
        Protocol::OAuth1(_) => panic!("{} is OAuth1", app.name),
    }
}

#[test]
fn example_toml_loads() {
    let config = load(EXAMPLE).expect("example loads");
    assert_eq!(config.session_key_prefix, "oauth_token");
    assert_eq!(config.state_expires, 300);
    assert_eq!(config.site_url.as_str(), "https://localhost:5000/");
    assert_eq!(config.trusted_hosts, ["docs.example.org", "localhost:5000"]);
    assert_eq!(config.remote_apps.len(), 3);

    let github = config.remote_app("github").expect("github");
    assert_eq!(github.title, "GitHub");
    assert_eq!(github.icon, "fa fa-github");
    assert_eq!(github.credentials.consumer_key, "changeme");
    assert_eq!(
        github.handlers.authorized.as_deref(),
        Some("test:authorized_signup")
    );
    assert_eq!(github.handlers.signup_view.as_deref(), Some("test:signup"));
    let params = oauth2(github);
    assert_eq!(params.scopes, ["user:email"]);
    assert!(params.pkce, "PKCE is on by default");
    assert_eq!(params.access_token_method, TokenMethod::Post);
    assert_eq!(
        params.base_url.as_ref().map(Url::as_str),
        Some("https://api.github.com/")
    );

    let orcid = config.remote_app("orcid").expect("orcid");
    assert!(orcid.remember);
    assert_eq!(
        oauth2(orcid)
            .authorize_params
            .get("show_login")
            .map(String::as_str),
        Some("true")
    );
    assert_eq!(orcid.handlers, HandlerNames::default());

    let legacy = config.remote_app("legacy").expect("legacy");
    assert!(legacy.is_oauth1() && legacy.hide && legacy.link_only);
}

#[test]
fn defaults_apply() {
    let config = load(
        r#"
        secret_key = "0123456789abcdef0123456789abcdef"
        site_url = "http://127.0.0.1:5000"
        "#,
    )
    .expect("minimal config loads");
    assert_eq!(config.session_key_prefix, DEFAULT_SESSION_KEY_PREFIX);
    assert_eq!(config.state_expires, DEFAULT_STATE_EXPIRES);
    assert_eq!(config.secret_keys[0].id, "default");
    assert!(config.remote_apps.is_empty());
    assert_eq!(
        config.redirect_uri("x").as_str(),
        "http://127.0.0.1:5000/oauth/authorized/x/"
    );
}

#[test]
fn environment_overrides_the_file() {
    let config = load_with_env(
        EXAMPLE,
        &[
            ("OAUTHCLIENT_SITE_URL", "https://site.example.org/prefix/"),
            ("OAUTHCLIENT_STATE_EXPIRES", "60"),
            ("OAUTHCLIENT_SESSION_KEY_PREFIX", "tok"),
            ("OAUTHCLIENT_TRUSTED_HOSTS", "a.example, b.example"),
            (
                "OAUTHCLIENT_SECRET_KEY",
                "another-secret-of-at-least-32-bytes!!",
            ),
            (
                "OAUTHCLIENT_REMOTE_APPS__GITHUB__TITLE",
                "GitHub Enterprise",
            ),
            (
                "OAUTHCLIENT_REMOTE_APPS__GITHUB__PARAMS__BASE_URL",
                "http://127.0.0.1:9000/api/",
            ),
            ("OAUTHCLIENT_REMOTE_APPS__GITHUB__PARAMS__PKCE", "false"),
            ("OAUTHCLIENT_REMOTE_APPS__ORCID__REMEMBER", "false"),
            ("GITHUB_APP_CREDENTIALS_CONSUMER_KEY", "env-key"),
            ("GITHUB_APP_CREDENTIALS_CONSUMER_SECRET", "env-secret"),
        ],
    )
    .expect("loads");
    assert_eq!(config.state_expires, 60);
    assert_eq!(config.session_key_prefix, "tok");
    assert_eq!(
        config.trusted_hosts,
        ["a.example", "b.example", "site.example.org"]
    );
    assert_eq!(
        config.secret_keys[0].secret.expose_secret(),
        "another-secret-of-at-least-32-bytes!!"
    );
    assert_eq!(
        config.redirect_uri("github").as_str(),
        "https://site.example.org/prefix/oauth/authorized/github/"
    );
    let github = config.remote_app("github").expect("github");
    assert_eq!(github.title, "GitHub Enterprise");
    assert_eq!(github.credentials.consumer_key, "env-key");
    assert_eq!(
        github.credentials.consumer_secret.expose_secret(),
        "env-secret"
    );
    let params = oauth2(github);
    assert!(!params.pkce);
    assert_eq!(
        params.base_url.as_ref().map(Url::as_str),
        Some("http://127.0.0.1:9000/api/")
    );
    assert!(!config.remote_app("orcid").expect("orcid").remember);
}

#[test]
fn credentials_can_come_from_the_environment_alone() {
    let toml = example_with(
        "[GITHUB_APP_CREDENTIALS]\nconsumer_key = \"changeme\"\nconsumer_secret = \"changeme\"\n",
        "",
    );
    let err = load(&toml).expect_err("no credentials");
    assert_eq!(err.key, "GITHUB_APP_CREDENTIALS.consumer_key");
    assert!(
        err.message.contains("GITHUB_APP_CREDENTIALS_CONSUMER_KEY"),
        "{err}"
    );
    let config = load_with_env(
        &toml,
        &[
            ("GITHUB_APP_CREDENTIALS_CONSUMER_KEY", "k"),
            ("GITHUB_APP_CREDENTIALS_CONSUMER_SECRET", "s"),
        ],
    )
    .expect("env credentials");
    assert_eq!(
        config
            .remote_app("github")
            .expect("github")
            .credentials
            .consumer_key,
        "k"
    );
}

#[test]
fn secret_keys_list_supports_rotation() {
    let toml = example_with(
        "secret_key = \"change-me-to-a-random-string-of-at-least-32-bytes\"",
        r#"secret_keys = [
            { id = "2026-12", secret = "the-new-secret-the-new-secret-the-new", algorithm = "HS512" },
            { id = "2026-11", secret = "the-old-secret-the-old-secret-the-old" },
        ]"#,
    );
    let config = load(&toml).expect("loads");
    let ids: Vec<&str> = config
        .secret_keys
        .iter()
        .map(|key| key.id.as_str())
        .collect();
    assert_eq!(ids, ["2026-12", "2026-11"]);
    assert_eq!(config.secret_keys[0].algorithm, StateAlgorithm::Hs512);
    let (state, _) = config.state_codec().issue("github", None).expect("signs");
    assert!(config.state_codec().decode(&state, "github").is_ok());
}

#[test]
fn debug_output_redacts_secrets() {
    let config = load(EXAMPLE).expect("loads");
    let debug = format!("{config:?}");
    assert!(!debug.contains("change-me-to-a-random"), "{debug}");
    assert!(
        !debug.contains("consumer_secret: ClientSecret(\"changeme"),
        "{debug}"
    );
}

/// Every invalid case and the key its error must name.
#[test]
fn invalid_configs_name_the_key() {
    let cases: Vec<(String, &str, &str)> = vec![
        (
            example_with("state_expires = 300", "state_expires = 0"),
            "state_expires",
            "greater than zero",
        ),
        (
            example_with("state_expires = 300", "state_expires = \"soon\""),
            "state_expires",
            "whole number",
        ),
        (
            example_with(
                "secret_key = \"change-me-to-a-random-string-of-at-least-32-bytes\"",
                "",
            ),
            "secret_key",
            "missing",
        ),
        (
            example_with(
                "secret_key = \"change-me-to-a-random-string-of-at-least-32-bytes\"",
                "secret_key = \"short\"",
            ),
            "secret_key",
            "too short",
        ),
        (
            example_with("site_url = \"https://localhost:5000\"", ""),
            "site_url",
            "missing",
        ),
        (
            example_with(
                "site_url = \"https://localhost:5000\"",
                "site_url = \"not a url\"",
            ),
            "site_url",
            "not a valid URL",
        ),
        (
            example_with(
                "site_url = \"https://localhost:5000\"",
                "site_url = \"http://example.org\"",
            ),
            "site_url",
            "https",
        ),
        (
            example_with(
                "session_key_prefix = \"oauth_token\"",
                "session_key_prefix = \"\"",
            ),
            "session_key_prefix",
            "empty",
        ),
        (
            example_with(
                "trusted_hosts = [\"docs.example.org\"]",
                "trusted_hosts = [\"https://docs.example.org/\"]",
            ),
            "trusted_hosts[0]",
            "not a host",
        ),
        (
            example_with(
                "authorize_url = \"https://github.com/login/oauth/authorize\"",
                "authorize_url = \"github.com/login\"",
            ),
            "remote_apps.github.params.authorize_url",
            "not a valid URL",
        ),
        (
            example_with(
                "authorize_url = \"https://github.com/login/oauth/authorize\"",
                "authorize_url = \"javascript:alert(1)\"",
            ),
            "remote_apps.github.params.authorize_url",
            "scheme",
        ),
        (
            example_with(
                "authorize_url = \"https://github.com/login/oauth/authorize\"",
                "authorize_url = \"http://github.com/login/oauth/authorize\"",
            ),
            "remote_apps.github.params.authorize_url",
            "https",
        ),
        (
            example_with(
                "authorize_url = \"https://github.com/login/oauth/authorize\"",
                "",
            ),
            "remote_apps.github.params.authorize_url",
            "missing",
        ),
        (
            example_with(
                "base_url = \"https://api.github.com/\"",
                "base_url = \"ftp://api.github.com/\"",
            ),
            "remote_apps.github.params.base_url",
            "scheme",
        ),
        (
            example_with(
                "access_token_method = \"POST\"",
                "access_token_method = \"PUT\"",
            ),
            "remote_apps.github.params.access_token_method",
            "not POST or GET",
        ),
        (
            example_with(
                "authorized_handler = \"test:authorized_signup\"",
                "authorized_handler = \"nope:missing\"",
            ),
            "remote_apps.github.authorized_handler",
            "unknown authorized handler `nope:missing`",
        ),
        (
            example_with(
                "disconnect_handler = \"test:disconnect\"",
                "disconnect_handler = \"test:account_info\"",
            ),
            "remote_apps.github.disconnect_handler",
            "is a signup info handler",
        ),
        (
            example_with("setup = \"test:account_setup\"", "setup = \"x\""),
            "remote_apps.github.signup_handler.setup",
            "unknown",
        ),
        (
            example_with("title = \"GitHub\"", "titel = \"GitHub\""),
            "remote_apps.github",
            "unknown field `titel`",
        ),
        (
            example_with("[remote_apps.github]", "[remote_apps.GitHub]"),
            "remote_apps.GitHub",
            "lower-case",
        ),
        (
            example_with("consumer_key = \"changeme\"", "consumer_key = \"\""),
            "GITHUB_APP_CREDENTIALS.consumer_key",
            "missing",
        ),
        (
            example_with(
                "request_token_params = { scope = \"user:email\" }",
                "request_token_params = { scope = \"user:email\" }\nscopes = [\"repo\"]",
            ),
            "remote_apps.github.params.scopes",
            "not both",
        ),
        (
            example_with(
                "request_token_params = { scope = \"user:email\" }",
                "request_token_params = { redirect_uri = \"https://evil.example/\" }",
            ),
            "remote_apps.github.params.request_token_params.redirect_uri",
            "set by the flow",
        ),
        (
            example_with(
                "link_only = true",
                "link_only = true\n[remote_apps.legacy.params.x]",
            ),
            "remote_apps.legacy",
            "unknown field `x`",
        ),
        (
            example_with(
                "base_url = \"https://legacy.example.org/api/\"",
                "pkce = true",
            ),
            "remote_apps.legacy.params.pkce",
            "OAuth2 only",
        ),
        (
            example_with(
                "[remote_apps.legacy]",
                "[remote_apps.legacy]\nprovider = \"nope\"",
            ),
            "remote_apps.legacy.provider",
            "unknown provider",
        ),
        ("this is = not toml =".to_owned(), "(toml)", ""),
    ];
    for (toml, key, fragment) in cases {
        let err = load(&toml).expect_err(key);
        assert_eq!(err.key, key, "{err}");
        assert!(err.message.contains(fragment), "{key}: {err}");
        assert!(
            err.to_string().contains(key),
            "message names the key: {err}"
        );
    }
}

#[test]
fn bad_environment_values_name_the_variable() {
    let err = load_with_env(EXAMPLE, &[("OAUTHCLIENT_STATE_EXPIRES", "five")]).expect_err("bad");
    assert_eq!(err.key, "OAUTHCLIENT_STATE_EXPIRES");
    let err = load_with_env(
        EXAMPLE,
        &[("OAUTHCLIENT_REMOTE_APPS__ORCID__REMEMBER", "maybe")],
    )
    .expect_err("bad");
    assert_eq!(err.key, "OAUTHCLIENT_REMOTE_APPS__ORCID__REMEMBER");
}

#[test]
fn provider_defaults_are_overridden_key_by_key() {
    let mut registry = registry();
    registry
        .add_provider(
            "acme",
            || RemoteAppSettings {
                title: Some("Acme".into()),
                icon: Some("fa fa-acme".into()),
                params: RemoteAppParams {
                    authorize_url: Some("https://acme.example/authorize".into()),
                    access_token_url: Some("https://acme.example/token".into()),
                    scopes: Some(vec!["openid".into()]),
                    app_key: Some("ACME_APP_CREDENTIALS".into()),
                    ..RemoteAppParams::default()
                },
                ..RemoteAppSettings::default()
            },
            "tests",
        )
        .expect("unique");
    let toml = r#"
        secret_key = "0123456789abcdef0123456789abcdef"
        site_url = "https://example.org"
        [remote_apps.acme]
        title = "Acme SSO"
        [remote_apps.acme.params]
        access_token_url = "https://sso.acme.example/token"
        [ACME_APP_CREDENTIALS]
        consumer_key = "k"
        consumer_secret = "s"
    "#;
    let config = OAuthClientConfig::from_toml_str(toml, &NoEnv, &registry).expect("loads");
    let acme = config.remote_app("acme").expect("acme");
    assert_eq!(acme.provider.as_deref(), Some("acme"));
    assert_eq!(acme.title, "Acme SSO");
    assert_eq!(acme.icon, "fa fa-acme");
    let params = oauth2(acme);
    assert_eq!(
        params.authorize_url.as_str(),
        "https://acme.example/authorize"
    );
    assert_eq!(
        params.access_token_url.as_str(),
        "https://sso.acme.example/token"
    );
    assert_eq!(params.scopes, ["openid"]);
}

#[test]
fn unreadable_file_names_the_path() {
    let err = OAuthClientConfig::from_file("/definitely/not/here.toml", &NoEnv, &registry())
        .expect_err("missing file");
    assert_eq!(err.key, "/definitely/not/here.toml");
}
