//! A second registration of a name another crate already registered is reported at startup,
//! naming both crates, instead of silently shadowing the first.

use std::sync::Arc;

use registry_fixture::{Fixture, NoopDisconnect};

use oauthclient_core::config::RemoteAppSettings;
use oauthclient_core::handlers::AccountInfoHandler;
use oauthclient_core::inventory;
use oauthclient_core::registry::{Handler, Provider, ProviderEntry, Registry, RegistryError};

/// Another provider crate that offers a handler under the fixture's name.
struct Clash;

impl Provider for Clash {
    fn id(&self) -> &'static str {
        "clash"
    }
    fn defaults(&self) -> RemoteAppSettings {
        RemoteAppSettings::default()
    }
    fn account_info(&self) -> Option<Arc<dyn AccountInfoHandler>> {
        None
    }
    fn named_handlers(&self) -> Vec<(String, Handler)> {
        vec![(
            "fixture:disconnect".into(),
            Handler::Disconnect(Arc::new(NoopDisconnect)),
        )]
    }
}

inventory::submit! {
    ProviderEntry::new(&Clash).with_origin(module_path!())
}

#[test]
fn duplicate_handler_names_are_reported() {
    let err = Registry::from_inventory().expect_err("duplicate must be refused");
    let RegistryError::DuplicateHandler {
        name,
        first,
        second,
    } = &err
    else {
        panic!("expected a duplicate handler, got {err:?}");
    };
    assert_eq!(name, "fixture:disconnect");
    let mut origins = [first.as_str(), second.as_str()];
    origins.sort_unstable();
    assert_eq!(origins, ["registry_duplicates", "registry_fixture"]);
    assert!(err.to_string().contains("registered twice"), "{err}");
}

#[test]
fn duplicate_provider_names_are_reported() {
    let mut registry = Registry::default();
    registry.add_provider(Arc::new(Fixture)).expect("first");
    let err = registry
        .add_provider(Arc::new(Fixture))
        .expect_err("second");
    assert_eq!(
        err,
        RegistryError::DuplicateProvider {
            name: "fixture".into(),
            first: "the application".into(),
            second: "the application".into()
        }
    );
}
