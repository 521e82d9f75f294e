//! [`Oidc`]: the provider value behind `provider = "oidc"`.

use std::sync::Arc;

use oauthclient_core::config::RemoteAppSettings;
use oauthclient_core::handlers::{AccountInfoHandler, ProtocolHandler};
use oauthclient_core::registry::{Handler, Provider};

use crate::{OidcAccountInfo, OidcProtocol, OidcUserInfo};

/// OpenID Connect with any compliant identity provider: [`crate::remote_app`]'s defaults,
/// [`OidcProtocol`] and [`OidcAccountInfo`], plus [`OidcUserInfo`] under the name
/// [`crate::USERINFO`]. Linked through `inventory` as the provider `oidc`.
///
/// Each app gets its own [`OidcProtocol`] (its discovery document and keys are the issuer's).
///
/// ```
/// use oauthclient_core::registry::Provider;
/// use oauthclient_oidc::Oidc;
///
/// assert_eq!(Oidc.id(), "oidc");
/// assert!(Oidc.protocol().is_some() && Oidc.account_info().is_some());
/// assert_eq!(Oidc.named_handlers()[0].0, oauthclient_oidc::USERINFO);
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct Oidc;

impl Provider for Oidc {
    fn id(&self) -> &str {
        crate::PROVIDER
    }

    fn defaults(&self) -> RemoteAppSettings {
        crate::remote_app()
    }

    fn account_info(&self) -> Option<Arc<dyn AccountInfoHandler>> {
        Some(Arc::new(OidcAccountInfo::default()))
    }

    fn protocol(&self) -> Option<Arc<dyn ProtocolHandler>> {
        Some(Arc::new(OidcProtocol::default()))
    }

    fn protocol_name(&self) -> &'static str {
        "openid-connect"
    }

    fn named_handlers(&self) -> Vec<(String, Handler)> {
        vec![(
            crate::USERINFO.to_owned(),
            Handler::AccountInfo(Arc::new(OidcUserInfo::default())),
        )]
    }
}
