//! [`REMOTE_APP`]: GitHub's endpoints and scope (the seed's `github.REMOTE_APP`).

use std::collections::BTreeMap;
use std::sync::LazyLock;

use oauthclient_core::config::{RemoteAppParams, RemoteAppSettings};

/// GitHub's defaults, what [`crate::GitHub`] hands to the configuration loader. A `[remote_apps.github]` table
/// overrides any of them key by key.
///
/// | key | value |
/// |---|---|
/// | `title` / `description` / `icon` | `GitHub` / `Software collaboration platform.` / `fa fa-github` |
/// | `params.authorize_url` | `https://github.com/login/oauth/authorize` |
/// | `params.access_token_url` | `https://github.com/login/oauth/access_token` |
/// | `params.base_url` | `https://api.github.com/` |
/// | `params.request_token_params` | `{ scope = "user:email" }` |
/// | `params.app_key` | `GITHUB_APP_CREDENTIALS` |
///
/// The handlers come with the provider, not from these settings. PKCE stays on (core's default; GitHub accepts S256).
///
/// ```
/// use oauthclient_github::REMOTE_APP;
/// assert_eq!(REMOTE_APP.title.as_deref(), Some("GitHub"));
/// assert_eq!(REMOTE_APP.params.request_token_params["scope"], "user:email");
/// assert_eq!(REMOTE_APP.params.pkce, None); // core's default: on
/// ```
pub static REMOTE_APP: LazyLock<RemoteAppSettings> = LazyLock::new(remote_app);

/// Builds [`REMOTE_APP`] (what [`crate::GitHub`]'s `defaults` returns).
///
/// ```
/// let app = oauthclient_github::remote_app();
/// assert_eq!(app.params.app_key.as_deref(), Some("GITHUB_APP_CREDENTIALS"));
/// assert_eq!(app.disconnect_handler, None, "core's, which runs the provider's revocation");
/// assert_eq!(app, *oauthclient_github::REMOTE_APP);
/// ```
pub fn remote_app() -> RemoteAppSettings {
    RemoteAppSettings {
        title: Some("GitHub".into()),
        description: Some("Software collaboration platform.".into()),
        icon: Some("fa fa-github".into()),
        params: RemoteAppParams {
            authorize_url: Some("https://github.com/login/oauth/authorize".into()),
            access_token_url: Some("https://github.com/login/oauth/access_token".into()),
            base_url: Some("https://api.github.com/".into()),
            request_token_params: BTreeMap::from([("scope".to_owned(), "user:email".to_owned())]),
            app_key: Some("GITHUB_APP_CREDENTIALS".into()),
            ..RemoteAppParams::default()
        },
        ..RemoteAppSettings::default()
    }
}
