//! Registrations made in another crate (`registry-fixture`, standing in for a third-party
//! provider crate) are visible through `Registry::from_inventory`, and usable from config.

// Naming the crate links it; without this its `inventory::submit!`s would vanish.
use registry_fixture as _;

use oauthclient_core::OAuthClientConfig;
use oauthclient_core::config::{NoEnv, Protocol};
use oauthclient_core::registry::{HandlerKind, Registry};

#[test]
fn registrations_from_another_crate_are_visible() {
    let registry = Registry::from_inventory().expect("no duplicates");
    assert!(registry.provider(registry_fixture::PROVIDER).is_some());
    assert!(registry.has_handler(HandlerKind::Disconnect, "fixture:disconnect"));
    assert_eq!(
        registry.handler_kind("fixture:disconnect"),
        Some(HandlerKind::Disconnect)
    );
    assert!(!registry.has_handler(HandlerKind::Authorized, "fixture:disconnect"));
}

#[test]
fn naming_a_registered_provider_uses_its_defaults() {
    let registry = Registry::from_inventory().expect("no duplicates");
    let config = OAuthClientConfig::from_toml_str(
        r#"
        secret_key = "0123456789abcdef0123456789abcdef"
        site_url = "https://example.org"
        [remote_apps.fixture]
        # The fixture provider brings no account info: it only keeps tokens.
        token_only = true
        [FIXTURE_APP_CREDENTIALS]
        consumer_key = "id"
        consumer_secret = "secret"
        "#,
        &NoEnv,
        &registry,
    )
    .expect("loads");
    let app = config.remote_app("fixture").expect("configured");
    assert_eq!(app.title, "Fixture");
    assert_eq!(app.provider.as_deref(), Some("fixture"));
    // Core's disconnect runs the provider's own revocation; configuration names no handler.
    assert_eq!(app.handlers.disconnect, None);
    let provider = registry.provider("fixture").expect("linked");
    assert!(provider.revoke().is_some());
    assert!(registry.resolve(app).expect("resolves").revoke.is_some());
    assert!(matches!(&app.protocol, Protocol::OAuth2(params)
        if params.authorize_url.as_str() == "https://fixture.example/authorize"));
}
