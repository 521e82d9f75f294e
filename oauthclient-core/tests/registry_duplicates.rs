//! A second registration of a name another crate already registered is reported at startup,
//! naming both crates, instead of silently shadowing the first.

use std::sync::Arc;

use registry_fixture::NoopDisconnect;

use oauthclient_core::inventory;
use oauthclient_core::registry::{HandlerFactory, HandlerRegistration, Registry, RegistryError};

inventory::submit! {
    HandlerRegistration::new("fixture:disconnect", HandlerFactory::Disconnect(|| Arc::new(NoopDisconnect)))
        .with_origin(module_path!())
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
    registry
        .add_provider("fixture", registry_fixture::remote_app, "a")
        .expect("first");
    let err = registry
        .add_provider("fixture", registry_fixture::remote_app, "b")
        .expect_err("second");
    assert_eq!(
        err,
        RegistryError::DuplicateProvider {
            name: "fixture".into(),
            first: "a".into(),
            second: "b".into()
        }
    );
}
