//! Configurations that load, and what they load to.

use super::*;

#[test]
fn example_toml_loads() {
    let config = load(&EXAMPLE).expect("example loads");
    assert_eq!(config.session_key_prefix, "oauth_token");
    assert_eq!(config.state_expires, 300);
    assert_eq!(config.site_url.as_str(), "https://localhost:5000/");
    assert_eq!(config.trusted_hosts, ["docs.example.org", "localhost:5000"]);
    assert_eq!(config.remote_apps.len(), 3);

    let github = config.remote_app("github").expect("github");
    assert_eq!(github.title, "GitHub");
    assert_eq!(github.icon, "fa fa-github");
    assert_eq!(github.credentials.consumer_key, "example-client-id");
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
        &EXAMPLE,
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
        "[GITHUB_APP_CREDENTIALS]\nconsumer_key = \"example-client-id\"\nconsumer_secret = \"example-client-secret\"\n",
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
        TEST_SECRET_KEY,
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
    let config = load(&EXAMPLE).expect("loads");
    let debug = format!("{config:?}");
    assert!(!debug.contains("example-test-secret"), "{debug}");
    assert!(
        !debug.contains("consumer_secret: ClientSecret(\"example-client-secret"),
        "{debug}"
    );
}

#[test]
fn provider_defaults_are_overridden_key_by_key() {
    struct Acme;
    impl crate::registry::Provider for Acme {
        fn id(&self) -> &'static str {
            "acme"
        }
        fn defaults(&self) -> RemoteAppSettings {
            RemoteAppSettings {
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
            }
        }
        fn account_info(&self) -> Option<Arc<dyn AccountInfoHandler>> {
            None
        }
    }
    let registry = registry().with_provider(Arc::new(Acme)).expect("unique");
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
fn rest_client_auth_and_trust_email_load() {
    let toml = example_with(
        "title = \"GitHub\"",
        "title = \"GitHub\"\ntrust_email = false\nrest = { authorized_redirect_url = \"/spa/done\", error_redirect_url = \"https://docs.example.org/oops\" }",
    )
    .replace("access_token_method = \"POST\"", "access_token_method = \"POST\"\nclient_auth = \"basic\"");
    let config = load(&toml).expect("loads");
    let github = config.remote_app("github").expect("github");
    assert!(!github.trust_email);
    let rest = github.rest.as_ref().expect("rest");
    assert_eq!(rest.authorized, "/spa/done");
    assert_eq!(rest.signup, "/spa/done", "defaults to the authorized URL");
    assert_eq!(rest.error, "https://docs.example.org/oops");
    assert_eq!(oauth2(github).client_auth, ClientAuth::Basic);
    assert_eq!(
        oauth2(config.remote_app("orcid").expect("orcid")).client_auth,
        ClientAuth::RequestBody
    );
}

/// A public client names no secret; an issuer stands in for the endpoints discovery supplies.
#[test]
fn public_oidc_client_needs_no_secret_and_no_endpoints() {
    let toml = r#"
        secret_key = "a-very-long-random-secret-of-at-least-32-bytes"
        site_url = "https://example.org"
        [remote_apps.sso]
        protocol_handler = "test:protocol"
        [remote_apps.sso.params]
        issuer = "https://sso.example.org/realms/staff"
        client_auth = "none"
        [SSO_APP_CREDENTIALS]
        consumer_key = "public-client"
    "#;
    let config = load(toml).expect("loads");
    let app = config.remote_app("sso").expect("sso");
    let params = oauth2(app);
    assert_eq!(params.client_auth, ClientAuth::None);
    assert_eq!(
        params.issuer.as_ref().map(Url::as_str),
        Some("https://sso.example.org/realms/staff")
    );
    assert_eq!(params.authorize_url, params.issuer.clone().expect("issuer"));
    assert_eq!(app.credentials.consumer_secret.expose_secret(), "");
    assert_eq!(app.handlers.protocol.as_deref(), Some("test:protocol"));
}

#[test]
fn cors_origins_default_to_none_and_load_as_bare_origins() {
    assert!(load(&EXAMPLE).expect("example").cors_origins.is_empty());
    let toml = example_with(
        "trusted_hosts = [\"docs.example.org\"]",
        "trusted_hosts = [\"docs.example.org\"]\ncors_origins = [\"https://app.example.org/\", \"http://localhost:3000\", \"https://app.example.org\"]",
    );
    let config = load(&toml).expect("loads");
    assert_eq!(
        config.cors_origins,
        ["https://app.example.org", "http://localhost:3000"]
    );
}

#[test]
fn session_lifetimes_come_from_the_file_and_the_environment() {
    let defaults = load(&EXAMPLE).expect("example").session;
    assert_eq!(defaults, SessionSettings::default());
    let toml = format!("{}\n[session]\nlifetime = \"8h\"\n", *EXAMPLE);
    let config = load_with_env(
        &toml,
        &[
            ("OAUTHCLIENT_SESSION__IDLE_TIMEOUT", "600"),
            ("OAUTHCLIENT_SESSION__REMEMBER_LIFETIME", "7d"),
        ],
    )
    .expect("loads");
    assert_eq!(config.session.lifetime_secs(), 8 * 3600);
    assert_eq!(config.session.idle_timeout_secs(), 600);
    assert_eq!(config.session.remember_lifetime_secs(), 7 * 24 * 3600);
    let err = load_with_env(&toml, &[("OAUTHCLIENT_SESSION__IDLE_TIMEOUT", "9h")])
        .expect_err("idle longer than the lifetime");
    assert_eq!(err.key, "session.idle_timeout");
}

#[test]
fn locales_come_from_the_file_and_the_environment() {
    assert_eq!(
        load(&EXAMPLE).expect("example").locales,
        LocaleSettings::default()
    );
    let toml = format!("{}\n[locales]\ndefault = \"de\"\n", *EXAMPLE);
    let config = load_with_env(
        &toml,
        &[
            ("OAUTHCLIENT_LOCALES__ENABLED", "de,fr"),
            ("OAUTHCLIENT_LOCALES__PSEUDO", "true"),
            ("OAUTHCLIENT_LOCALES__CLIENT_PREFIXES", "spa-"),
            ("OAUTHCLIENT_LOCALES__DIR", "i18n"),
        ],
    )
    .expect("loads");
    let locales = &config.locales;
    assert_eq!(locales.default, "de");
    assert_eq!(
        locales.enabled.as_deref(),
        Some(&["de".to_owned(), "fr".to_owned()][..])
    );
    assert!(locales.pseudo);
    assert_eq!(locales.client_prefixes, ["spa-"]);
    // From a string, a relative directory stays relative (to the working directory).
    assert_eq!(locales.dir.as_deref(), Some(Path::new("i18n")));
    let err =
        load_with_env(&toml, &[("OAUTHCLIENT_LOCALES__DEFAULT", "de_DE")]).expect_err("not a tag");
    assert_eq!(err.key, "locales.default");
}

#[test]
fn a_relative_locales_dir_is_relative_to_the_config_file() {
    let dir = std::env::temp_dir().join(format!("oauthclient-locales-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("mkdir");
    let path = dir.join("oauthclient.toml");
    let toml = format!("{}\n[locales]\ndir = \"locales\"\n", *EXAMPLE);
    std::fs::write(&path, toml).expect("write");
    let config = OAuthClientConfig::from_file(&path, &NoEnv, &registry());
    let _ = std::fs::remove_dir_all(&dir);
    let config = config.expect("loads");
    assert_eq!(config.locales.dir, Some(dir.join("locales")));
}
