//! A binary that links oauthclient-orcid but never names anything in it still sees its
//! registrations; both registries load from a bare table.

// The only mention of the crate: without it, the linker would drop the registrations.
use oauthclient_orcid as _;

use oauthclient_core::config::{NoEnv, OAuth2Params, Protocol};
use oauthclient_core::registry::Registry;
use oauthclient_core::{OAuthClientConfig, RemoteApp};

const TOP: &str = "secret_key = \"a-very-long-random-secret-of-at-least-32-bytes\"\n\
                   site_url = \"https://example.org\"\n";
const CREDENTIALS: &str =
    "[ORCID_APP_CREDENTIALS]\nconsumer_key = \"APP-0123\"\nconsumer_secret = \"secret\"\n";

fn load(tables: &str) -> OAuthClientConfig {
    let registry = Registry::from_inventory().expect("no duplicate registrations");
    OAuthClientConfig::from_toml_str(&format!("{TOP}{tables}{CREDENTIALS}"), &NoEnv, &registry)
        .unwrap_or_else(|err| panic!("loads: {err}"))
}

fn oauth2(app: &RemoteApp) -> &OAuth2Params {
    match &app.protocol {
        Protocol::OAuth2(params) => params,
        Protocol::OAuth1(_) => panic!("ORCID is OAuth2"),
    }
}

#[test]
fn both_providers_and_the_handlers_are_registered() {
    let registry = Registry::from_inventory().expect("no duplicate registrations");
    let names: Vec<&str> = registry.provider_names().collect();
    assert!(
        names.contains(&"orcid") && names.contains(&"orcid_sandbox"),
        "{names:?}"
    );
    for id in ["orcid", "orcid_sandbox"] {
        let orcid = registry.provider(id).expect("linked");
        assert!(orcid.account_info().is_some(), "{id}: account info");
        assert!(orcid.account_setup().is_some(), "{id}: account setup");
    }
}

#[test]
fn production_defaults() {
    let config = load("[remote_apps.orcid]\n");
    let app = config.remote_app("orcid").expect("configured");
    assert_eq!(app.title, "ORCID");
    let registry = Registry::from_inventory().expect("no duplicate registrations");
    assert!(
        registry
            .resolve(app)
            .expect("resolves")
            .account_info
            .is_some()
    );
    assert_eq!(app.handlers.disconnect, None, "core's default disconnect");
    assert!(
        registry
            .provider("orcid")
            .expect("linked")
            .revoke()
            .is_none()
    );
    let params = oauth2(app);
    assert_eq!(
        params.authorize_url.as_str(),
        "https://orcid.org/oauth/authorize"
    );
    assert_eq!(
        params.access_token_url.as_str(),
        "https://orcid.org/oauth/token"
    );
    assert_eq!(
        params.base_url.as_ref().map(url::Url::as_str),
        Some("https://pub.orcid.org/v3.0/")
    );
    assert_eq!(params.scopes, ["/authenticate"]);
    assert_eq!(params.authorize_params["show_login"], "true");
}

#[test]
fn the_sandbox_uses_sandbox_urls_under_either_name() {
    for tables in [
        "[remote_apps.orcid_sandbox]\n",
        "[remote_apps.orcid]\nprovider = \"orcid_sandbox\"\n",
    ] {
        let config = load(tables);
        let app = config.remote_apps.values().next().expect("one app");
        assert_eq!(app.provider.as_deref(), Some("orcid_sandbox"), "{tables}");
        let params = oauth2(app);
        assert_eq!(
            params.authorize_url.as_str(),
            "https://sandbox.orcid.org/oauth/authorize"
        );
        assert_eq!(
            params.access_token_url.as_str(),
            "https://sandbox.orcid.org/oauth/token"
        );
        assert_eq!(
            params.base_url.as_ref().map(url::Url::as_str),
            Some("https://pub.sandbox.orcid.org/v3.0/")
        );
    }
}

#[test]
fn overrides_win() {
    let config = load(
        "[remote_apps.orcid]\ntitle = \"Sign in with your ORCID iD\"\nremember = true\n\
         [remote_apps.orcid.params]\nrequest_token_params = { show_login = \"false\" }\n",
    );
    let app = config.remote_app("orcid").expect("configured");
    assert_eq!(app.title, "Sign in with your ORCID iD");
    assert!(app.remember);
    let params = oauth2(app);
    assert_eq!(params.authorize_params["show_login"], "false");
    assert_eq!(
        params.scopes,
        ["/authenticate"],
        "the scope is kept: tables merge key by key"
    );
}
