//! A stand-in for a third-party provider crate (`oauthclient-<name>`): it registers a
//! [`Provider`] with `inventory::submit!`, and core's tests check it is visible.

use std::sync::Arc;

use async_trait::async_trait;
use oauthclient_core::config::{RemoteAppParams, RemoteAppSettings};
use oauthclient_core::handlers::{
    AccountInfoHandler, DisconnectHandler, HandlerContext, ProviderContext, RevokeHandler,
};
use oauthclient_core::registry::{Handler, Provider, ProviderEntry};
use oauthclient_core::{OAuthError, Token, inventory};

/// The provider's id.
pub const PROVIDER: &str = "fixture";

/// A disconnect handler that does nothing.
pub struct NoopDisconnect;

#[async_trait]
impl DisconnectHandler for NoopDisconnect {
    async fn disconnect(&self, _ctx: &HandlerContext<'_>) -> Result<(), OAuthError> {
        Ok(())
    }
}

/// A revocation that does nothing.
pub struct NoopRevoke;

#[async_trait]
impl RevokeHandler for NoopRevoke {
    async fn revoke(&self, _ctx: &ProviderContext<'_>, _token: &Token) {}
}

/// The provider: link-only, with its own revocation, and a disconnect offered by name.
pub struct Fixture;

impl Provider for Fixture {
    fn id(&self) -> &str {
        PROVIDER
    }

    fn defaults(&self) -> RemoteAppSettings {
        RemoteAppSettings {
            title: Some("Fixture".into()),
            params: RemoteAppParams {
                authorize_url: Some("https://fixture.example/authorize".into()),
                access_token_url: Some("https://fixture.example/token".into()),
                app_key: Some("FIXTURE_APP_CREDENTIALS".into()),
                ..RemoteAppParams::default()
            },
            ..RemoteAppSettings::default()
        }
    }

    fn account_info(&self) -> Option<Arc<dyn AccountInfoHandler>> {
        None
    }

    fn revoke(&self) -> Option<Arc<dyn RevokeHandler>> {
        Some(Arc::new(NoopRevoke))
    }

    fn named_handlers(&self) -> Vec<(String, Handler)> {
        vec![(
            "fixture:disconnect".into(),
            Handler::Disconnect(Arc::new(NoopDisconnect)),
        )]
    }
}

inventory::submit! {
    ProviderEntry::new(&Fixture).with_origin(module_path!())
}
