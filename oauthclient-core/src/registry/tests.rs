//! Providers as values: linked through `inventory`, replaced or added explicitly, and the
//! instance a provider holds is the one an app runs.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use async_trait::async_trait;

use super::{Provider, ProviderEntry, Registry, RegistryError};
use crate::config::{NoEnv, RemoteAppParams, RemoteAppSettings};
use crate::handlers::{AccountInfoHandler, ProviderContext};
use crate::{AccountInfo, ExternalId, OAuthClientConfig, OAuthError, Token};

/// Counts its calls: state a `fn()` factory could not have held.
#[derive(Default)]
struct CountingInfo {
    calls: AtomicUsize,
}

#[async_trait]
impl AccountInfoHandler for CountingInfo {
    async fn account_info(
        &self,
        ctx: &ProviderContext<'_>,
        _token: &Token,
    ) -> Result<AccountInfo, OAuthError> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        Ok(AccountInfo::new(ExternalId::new("1"), ctx.app))
    }
}

/// A provider that hands out the handler instance it holds.
struct Stateful {
    id: &'static str,
    title: &'static str,
    info: Arc<CountingInfo>,
}

impl Provider for Stateful {
    fn id(&self) -> &str {
        self.id
    }
    fn defaults(&self) -> RemoteAppSettings {
        RemoteAppSettings {
            title: Some(self.title.into()),
            params: RemoteAppParams {
                authorize_url: Some("https://linked.example/authorize".into()),
                access_token_url: Some("https://linked.example/token".into()),
                app_key: Some("LINKED_APP_CREDENTIALS".into()),
                ..RemoteAppParams::default()
            },
            ..RemoteAppSettings::default()
        }
    }
    fn account_info(&self) -> Option<Arc<dyn AccountInfoHandler>> {
        Some(self.info.clone())
    }
}

/// The ecosystem's default `test_linked`, linked like a provider crate's.
struct Linked;

impl Provider for Linked {
    fn id(&self) -> &'static str {
        "test_linked"
    }
    fn defaults(&self) -> RemoteAppSettings {
        Stateful {
            id: "test_linked",
            title: "Linked",
            info: Arc::default(),
        }
        .defaults()
    }
    fn account_info(&self) -> Option<Arc<dyn AccountInfoHandler>> {
        None
    }
}

inventory::submit! {
    ProviderEntry::new(&Linked).with_origin(module_path!())
}

fn stateful(title: &'static str) -> Arc<Stateful> {
    Arc::new(Stateful {
        id: "test_linked",
        title,
        info: Arc::default(),
    })
}

fn load(registry: &Registry) -> OAuthClientConfig {
    let toml = "secret_key = \"a-very-long-random-secret-of-at-least-32-bytes\"\n\
                site_url = \"https://example.org\"\n\
                [remote_apps.test_linked]\n\
                [LINKED_APP_CREDENTIALS]\nconsumer_key = \"k\"\nconsumer_secret = \"s\"\n";
    OAuthClientConfig::from_toml_str(toml, &NoEnv, registry).expect("loads")
}

#[test]
fn a_linked_provider_is_found_by_its_id() {
    let registry = Registry::from_inventory().expect("no duplicates");
    let provider = registry.provider("test_linked").expect("linked");
    assert_eq!(provider.defaults().title.as_deref(), Some("Linked"));
    let config = load(&registry);
    let app = config.remote_app("test_linked").expect("configured");
    assert_eq!(app.provider.as_deref(), Some("test_linked"));
    assert_eq!(app.title, "Linked");
    // A provider without account info, and the app maps none: it would sign nobody in.
    let Err(err) = registry.resolve(app) else {
        panic!("refused")
    };
    assert_eq!(err.key, "remote_apps.test_linked");
    assert!(
        err.message
            .contains("provider `test_linked` brings no account info"),
        "{err}"
    );
}

fn load_toml(registry: &Registry, app_lines: &str) -> OAuthClientConfig {
    let toml = format!(
        "secret_key = \"a-very-long-random-secret-of-at-least-32-bytes\"\n\
         site_url = \"https://example.org\"\n\
         [LINKED_APP_CREDENTIALS]\nconsumer_key = \"k\"\nconsumer_secret = \"s\"\n\
         [GHU_APP_CREDENTIALS]\nconsumer_key = \"k\"\nconsumer_secret = \"s\"\n{app_lines}"
    );
    OAuthClientConfig::from_toml_str(&toml, &NoEnv, registry).expect("loads")
}

const GHU: &str = "[remote_apps.ghu.params]\n\
                   authorize_url = \"https://github.com/login/oauth/authorize\"\n\
                   access_token_url = \"https://github.com/login/oauth/access_token\"\n\
                   base_url = \"https://api.github.com/\"\n";

#[test]
fn an_app_that_would_sign_nobody_in_is_refused_with_the_ways_out() {
    let registry = Registry::from_inventory()
        .and_then(|registry| registry.with_provider(stateful("Stateful")))
        .expect("registry");
    let config = load_toml(&registry, GHU);
    let Err(err) = registry.resolve(config.remote_app("ghu").expect("ghu")) else {
        panic!("refused")
    };
    assert_eq!(err.key, "remote_apps.ghu");
    for words in [
        "names no provider and maps no account info",
        "keep the token in the session and sign nobody in",
        "provider = \"test_linked\"",
        "[remote_apps.ghu.account_info]",
        "token_only = true",
    ] {
        assert!(err.message.contains(words), "{words}: {err}");
    }
}

#[test]
fn token_only_and_link_only_apps_are_allowed_to_sign_nobody_in() {
    let registry = Registry::default();
    for flag in ["token_only = true", "link_only = true"] {
        let config = load_toml(&registry, &format!("[remote_apps.ghu]\n{flag}\n{GHU}"));
        let handlers = registry
            .resolve(config.remote_app("ghu").expect("ghu"))
            .expect(flag);
        assert!(handlers.account_info.is_none(), "{flag}");
    }
}

#[test]
fn a_mapping_beats_the_providers_account_info_and_a_named_handler_beats_both() {
    let provider = stateful("Stateful");
    let registry = Registry::from_inventory()
        .and_then(|registry| registry.with_provider(provider.clone()))
        .expect("registry");
    let providers: Arc<dyn AccountInfoHandler> = provider.info.clone();
    let config = load_toml(&registry, "[remote_apps.test_linked]\n");
    let plain = registry
        .resolve(config.remote_app("test_linked").expect("app"))
        .expect("resolves");
    assert!(Arc::ptr_eq(
        plain.account_info.as_ref().expect("provider's"),
        &providers
    ));

    let config = load_toml(
        &registry,
        "[remote_apps.test_linked.params]\nbase_url = \"https://linked.example/api/\"\n\
         [remote_apps.test_linked.account_info]\nuserinfo = \"me\"\nid = \"/id\"\n",
    );
    let mapped = registry
        .resolve(config.remote_app("test_linked").expect("app"))
        .expect("resolves");
    let handler = mapped.account_info.as_ref().expect("the mapping's");
    assert!(!Arc::ptr_eq(handler, &providers), "the host's mapping wins");

    let mut registry = registry;
    let named: Arc<dyn AccountInfoHandler> = Arc::new(CountingInfo::default());
    registry
        .add_handler("host:info", super::Handler::AccountInfo(named.clone()))
        .expect("adds");
    let config = load_toml(
        &registry,
        "[remote_apps.test_linked]\nsignup_handler = { info = \"host:info\" }\n\
         [remote_apps.test_linked.params]\nbase_url = \"https://linked.example/api/\"\n\
         [remote_apps.test_linked.account_info]\nuserinfo = \"me\"\nid = \"/id\"\n",
    );
    let resolved = registry
        .resolve(config.remote_app("test_linked").expect("app"))
        .expect("resolves");
    assert!(Arc::ptr_eq(
        resolved.account_info.as_ref().expect("named"),
        &named
    ));
}

#[test]
fn an_explicit_provider_replaces_the_linked_default() {
    let replacement = stateful("Replaced");
    let registry = Registry::from_inventory()
        .and_then(|registry| registry.with_provider(replacement.clone()))
        .expect("replaces the linked default");
    let config = load(&registry);
    let app = config.remote_app("test_linked").expect("configured");
    assert_eq!(app.title, "Replaced");
    let handlers = registry.resolve(app).expect("resolves");
    assert!(handlers.account_info.is_some());
}

#[test]
fn two_explicit_providers_with_one_id_are_refused() {
    let registry = Registry::default()
        .with_provider(stateful("First"))
        .expect("first");
    let err = registry
        .with_provider(stateful("Second"))
        .expect_err("second");
    assert_eq!(
        err,
        RegistryError::DuplicateProvider {
            name: "test_linked".into(),
            first: "the application".into(),
            second: "the application".into(),
        }
    );
}

#[test]
fn the_flow_runs_the_instance_the_provider_holds() {
    let provider = stateful("Stateful");
    let registry = Registry::from_inventory()
        .and_then(|registry| registry.with_provider(provider.clone()))
        .expect("registry");
    let config = load(&registry);
    let app = config.remote_app("test_linked").expect("configured");
    let resolved = registry.resolve(app).expect("resolves");
    let info = resolved.account_info.expect("the provider's account info");
    let held: Arc<dyn AccountInfoHandler> = provider.info.clone();
    assert!(Arc::ptr_eq(&info, &held), "the same instance, not a copy");
    // Resolved again (another app, another client): still the one instance and its state.
    let again = registry.resolve(app).expect("resolves");
    assert!(Arc::ptr_eq(&again.account_info.expect("info"), &held));
    assert_eq!(provider.info.calls.load(Ordering::SeqCst), 0);
}

#[test]
fn resolving_an_app_whose_provider_is_not_linked_names_the_crate() {
    let with = Registry::default()
        .with_provider(stateful("Stateful"))
        .expect("registry");
    let config = load(&with);
    let app = config.remote_app("test_linked").expect("configured");
    let err = Registry::default()
        .resolve(app)
        .expect_err("not linked here");
    assert_eq!(err.key, "remote_apps.test_linked.provider");
    assert_eq!(
        err.message,
        "no provider `test_linked` is linked — add `oauthclient-test` and \
         `use oauthclient_test as _;` (linked: none)"
    );
}
