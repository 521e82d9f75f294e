//! A stand-in for a third-party provider crate (`oauthclient-<name>`): it registers a provider
//! and a handler with `inventory::submit!`, and core's tests check they are visible.

use std::sync::Arc;

use async_trait::async_trait;
use oauthclient_core::config::{RemoteAppParams, RemoteAppSettings};
use oauthclient_core::handlers::{DisconnectHandler, HandlerContext};
use oauthclient_core::registry::{HandlerFactory, HandlerRegistration, ProviderRegistration};
use oauthclient_core::{OAuthError, inventory};

/// The provider's name.
pub const PROVIDER: &str = "fixture";

/// A disconnect handler that does nothing.
pub struct NoopDisconnect;

#[async_trait]
impl DisconnectHandler for NoopDisconnect {
    async fn disconnect(&self, _ctx: &HandlerContext<'_>) -> Result<(), OAuthError> {
        Ok(())
    }
}

/// The provider's defaults.
pub fn remote_app() -> RemoteAppSettings {
    RemoteAppSettings {
        title: Some("Fixture".into()),
        params: RemoteAppParams {
            authorize_url: Some("https://fixture.example/authorize".into()),
            access_token_url: Some("https://fixture.example/token".into()),
            app_key: Some("FIXTURE_APP_CREDENTIALS".into()),
            ..RemoteAppParams::default()
        },
        disconnect_handler: Some("fixture:disconnect".into()),
        ..RemoteAppSettings::default()
    }
}

inventory::submit! {
    ProviderRegistration::new(PROVIDER, remote_app).with_origin(module_path!())
}

inventory::submit! {
    HandlerRegistration::new("fixture:disconnect", HandlerFactory::Disconnect(|| Arc::new(NoopDisconnect)))
        .with_origin(module_path!())
}
