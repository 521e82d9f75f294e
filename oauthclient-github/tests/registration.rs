//! A binary that links oauthclient-github but never names anything in it still sees its
//! registrations, and configuration can override every default.

// The only mention of the crate: without it, the linker would drop the registrations.
use oauthclient_github as _;

use oauthclient_core::config::{NoEnv, Protocol};
use oauthclient_core::registry::Registry;
use oauthclient_core::{OAuthClientConfig, RemoteApp};

const TOP: &str = "secret_key = \"a-very-long-random-secret-of-at-least-32-bytes\"\n\
                   site_url = \"https://example.org\"\n";

fn load(tables: &str) -> OAuthClientConfig {
    let registry = Registry::from_inventory().expect("no duplicate registrations");
    OAuthClientConfig::from_toml_str(&format!("{TOP}{tables}"), &NoEnv, &registry)
        .unwrap_or_else(|err| panic!("loads: {err}"))
}

fn resolve(app: &RemoteApp) -> oauthclient_core::registry::AppHandlers {
    let registry = Registry::from_inventory().expect("no duplicate registrations");
    registry.resolve(app).expect("resolves")
}

fn oauth2(app: &RemoteApp) -> &oauthclient_core::config::OAuth2Params {
    match &app.protocol {
        Protocol::OAuth2(params) => params,
        Protocol::OAuth1(_) => panic!("GitHub is OAuth2"),
    }
}

#[test]
fn the_provider_and_its_handlers_are_registered() {
    let registry = Registry::from_inventory().expect("no duplicate registrations");
    assert!(registry.provider_names().any(|name| name == "github"));
    let github = registry.provider("github").expect("linked");
    assert!(github.account_info().is_some(), "account info");
    assert!(github.account_setup().is_some(), "account setup");
    assert!(github.revoke().is_some(), "revoke");
}

#[test]
fn a_bare_table_and_credentials_are_enough() {
    let config = load(
        "[remote_apps.github]\n\
         [GITHUB_APP_CREDENTIALS]\nconsumer_key = \"Iv1.id\"\nconsumer_secret = \"secret\"\n",
    );
    let app = config.remote_app("github").expect("configured");
    assert_eq!(app.provider.as_deref(), Some("github"));
    assert_eq!(
        (app.title.as_str(), app.icon.as_str()),
        ("GitHub", "fa fa-github")
    );
    // GitHub's handlers run without configuration naming any.
    assert_eq!(
        app.handlers,
        oauthclient_core::config::HandlerNames::default()
    );
    let handlers = resolve(app);
    assert!(handlers.account_info.is_some() && handlers.account_setup.is_some());
    let params = oauth2(app);
    assert_eq!(
        params.authorize_url.as_str(),
        "https://github.com/login/oauth/authorize"
    );
    assert_eq!(
        params.access_token_url.as_str(),
        "https://github.com/login/oauth/access_token"
    );
    assert_eq!(
        params.base_url.as_ref().map(url::Url::as_str),
        Some("https://api.github.com/")
    );
    assert_eq!(params.scopes, ["user:email"]);
    assert!(params.pkce);
    assert_eq!(
        config.redirect_uri("github").as_str(),
        "https://example.org/oauth/authorized/github/"
    );
}

#[test]
fn any_key_can_be_overridden_and_the_app_renamed() {
    let config = load(
        "[remote_apps.enterprise]\n\
         provider = \"github\"\n\
         title = \"GitHub Enterprise\"\n\
         [remote_apps.enterprise.params]\n\
         authorize_url = \"https://github.example.com/login/oauth/authorize\"\n\
         access_token_url = \"https://github.example.com/login/oauth/access_token\"\n\
         base_url = \"https://github.example.com/api/v3/\"\n\
         request_token_params = { scope = \"read:user user:email\" }\n\
         app_key = \"GHE_APP_CREDENTIALS\"\n\
         [GHE_APP_CREDENTIALS]\nconsumer_key = \"Iv1.ghe\"\nconsumer_secret = \"secret\"\n",
    );
    let app = config.remote_app("enterprise").expect("configured");
    assert_eq!(app.title, "GitHub Enterprise");
    assert_eq!(
        app.description, "Software collaboration platform.",
        "kept from the defaults"
    );
    assert_eq!(app.credentials.consumer_key, "Iv1.ghe");
    assert!(resolve(app).account_info.is_some(), "GitHub's account info");
    let params = oauth2(app);
    assert_eq!(params.authorize_url.host_str(), Some("github.example.com"));
    assert_eq!(params.scopes, ["read:user", "user:email"]);
}

#[test]
fn credentials_come_from_the_environment_too() {
    let registry = Registry::from_inventory().expect("registry");
    let env = std::collections::BTreeMap::from([
        (
            "GITHUB_APP_CREDENTIALS_CONSUMER_KEY".to_owned(),
            "Iv1.env".to_owned(),
        ),
        (
            "GITHUB_APP_CREDENTIALS_CONSUMER_SECRET".to_owned(),
            "env-secret".to_owned(),
        ),
    ]);
    let config =
        OAuthClientConfig::from_toml_str(&format!("{TOP}[remote_apps.github]\n"), &env, &registry)
            .expect("loads");
    let app = config.remote_app("github").expect("configured");
    assert_eq!(app.credentials.consumer_key, "Iv1.env");
    assert_eq!(
        app.credentials.consumer_secret.expose_secret(),
        "env-secret"
    );
}

#[test]
fn a_hosts_scope_list_replaces_the_default_scope() {
    // The defaults set `request_token_params.scope = "user:email"`; the host's own list wins.
    let registry = Registry::from_inventory().expect("registry");
    let config = OAuthClientConfig::from_toml_str(
        &format!(
            "{TOP}[remote_apps.github.params]\nscopes = [\"read:user\", \"user:email\"]\n\
             [GITHUB_APP_CREDENTIALS]\nconsumer_key = \"Iv1.id\"\nconsumer_secret = \"secret\"\n"
        ),
        &NoEnv,
        &registry,
    )
    .expect("the host's scopes replace the default");
    let Protocol::OAuth2(params) = &config.remote_app("github").expect("github").protocol else {
        panic!("GitHub is OAuth2");
    };
    assert_eq!(params.scopes, ["read:user", "user:email"]);
    assert!(!params.authorize_params.contains_key("scope"));
}
