//! The `oidc` provider template: what `provider = "oidc"` brings to a remote app.

use oauthclient_core::config::{RemoteAppParams, RemoteAppSettings, SignupHandlerSettings};

/// The defaults of an app with `provider = "oidc"`: the OpenID Connect protocol handler,
/// account info from the ID token, scopes `openid email profile`. The app still names its
/// `params.issuer` and credentials.
///
/// ```
/// let template = oauthclient_oidc::remote_app();
/// assert_eq!(template.protocol_handler.as_deref(), Some("oidc:protocol"));
/// ```
pub fn remote_app() -> RemoteAppSettings {
    RemoteAppSettings {
        title: Some("OpenID Connect".into()),
        description: Some("Sign in with your organisation's identity provider.".into()),
        protocol_handler: Some(crate::PROTOCOL.into()),
        signup_handler: SignupHandlerSettings {
            info: Some(crate::ACCOUNT_INFO.into()),
            ..SignupHandlerSettings::default()
        },
        params: RemoteAppParams {
            scopes: Some(vec!["openid".into(), "email".into(), "profile".into()]),
            ..RemoteAppParams::default()
        },
        ..RemoteAppSettings::default()
    }
}
