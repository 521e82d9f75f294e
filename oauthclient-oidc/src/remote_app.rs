//! The `oidc` provider defaults: what `provider = "oidc"` starts a remote app from.

use oauthclient_core::config::{RemoteAppParams, RemoteAppSettings};

/// The defaults of an app with `provider = "oidc"`: scopes `openid email profile` (the
/// protocol and account info come with [`crate::Oidc`]). The app still names its
/// `params.issuer` and credentials.
///
/// ```
/// let template = oauthclient_oidc::remote_app();
/// assert_eq!(template.params.scopes.as_deref(), Some(&["openid".to_owned(), "email".into(), "profile".into()][..]));
/// assert_eq!(template.protocol_handler, None, "the provider brings it");
/// ```
pub fn remote_app() -> RemoteAppSettings {
    RemoteAppSettings {
        title: Some("OpenID Connect".into()),
        description: Some("Sign in with your organisation's identity provider.".into()),
        params: RemoteAppParams {
            scopes: Some(vec!["openid".into(), "email".into(), "profile".into()]),
            ..RemoteAppParams::default()
        },
        ..RemoteAppSettings::default()
    }
}
