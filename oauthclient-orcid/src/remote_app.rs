//! [`REMOTE_APP`] and [`REMOTE_SANDBOX_APP`]: the seed's `orcid.REMOTE_APP` and
//! `orcid.REMOTE_SANDBOX_APP`.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use oauthclient_core::config::{RemoteAppParams, RemoteAppSettings};

/// ORCID's defaults on the production registry, registered as the provider `orcid`:
///
/// | key | value |
/// |---|---|
/// | `title` / `description` | `ORCID` / `Connecting Research and Researchers.` |
/// | `params.authorize_url` | `https://orcid.org/oauth/authorize` |
/// | `params.access_token_url` | `https://orcid.org/oauth/token` |
/// | `params.base_url` | `https://pub.orcid.org/v3.0/` (the public API) |
/// | `params.request_token_params` | `{ scope = "/authenticate", show_login = "true" }` |
/// | `params.app_key` | `ORCID_APP_CREDENTIALS` |
///
/// `show_login=true` opens ORCID's sign-in form rather than its registration form. The
/// handlers come with the provider ([`crate::Orcid`]), not from these settings.
///
/// ```
/// use oauthclient_orcid::REMOTE_APP;
/// assert_eq!(REMOTE_APP.params.authorize_url.as_deref(), Some("https://orcid.org/oauth/authorize"));
/// assert_eq!(REMOTE_APP.params.request_token_params["show_login"], "true");
/// ```
pub static REMOTE_APP: LazyLock<RemoteAppSettings> = LazyLock::new(remote_app);

/// The same on the ORCID sandbox (sandbox.orcid.org, `https://pub.sandbox.orcid.org/v3.0/`),
/// registered as the provider `orcid_sandbox`. Sandbox credentials come from
/// <https://sandbox.orcid.org/developer-tools>; they use the same `ORCID_APP_CREDENTIALS`.
///
/// ```
/// use oauthclient_orcid::REMOTE_SANDBOX_APP;
/// assert_eq!(REMOTE_SANDBOX_APP.params.access_token_url.as_deref(), Some("https://sandbox.orcid.org/oauth/token"));
/// assert_eq!(REMOTE_SANDBOX_APP.params.base_url.as_deref(), Some("https://pub.sandbox.orcid.org/v3.0/"));
/// ```
pub static REMOTE_SANDBOX_APP: LazyLock<RemoteAppSettings> = LazyLock::new(remote_sandbox_app);

/// Builds [`REMOTE_APP`].
///
/// ```
/// let app = oauthclient_orcid::remote_app();
/// assert_eq!(app.title.as_deref(), Some("ORCID"));
/// assert_eq!(app.signup_handler.info, None, "the provider brings its own");
/// ```
pub fn remote_app() -> RemoteAppSettings {
    settings("https://orcid.org/oauth/", "https://pub.orcid.org/v3.0/")
}

/// Builds [`REMOTE_SANDBOX_APP`].
///
/// ```
/// let app = oauthclient_orcid::remote_sandbox_app();
/// assert_eq!(app.title.as_deref(), Some("ORCID")); // like the seed: users see "ORCID"
/// assert_eq!(app.params.authorize_url.as_deref(), Some("https://sandbox.orcid.org/oauth/authorize"));
/// ```
pub fn remote_sandbox_app() -> RemoteAppSettings {
    settings(
        "https://sandbox.orcid.org/oauth/",
        "https://pub.sandbox.orcid.org/v3.0/",
    )
}

fn settings(oauth_base: &str, api_base: &str) -> RemoteAppSettings {
    RemoteAppSettings {
        title: Some("ORCID".into()),
        description: Some("Connecting Research and Researchers.".into()),
        params: RemoteAppParams {
            authorize_url: Some(format!("{oauth_base}authorize")),
            access_token_url: Some(format!("{oauth_base}token")),
            base_url: Some(api_base.into()),
            request_token_params: BTreeMap::from([
                ("scope".to_owned(), "/authenticate".to_owned()),
                ("show_login".to_owned(), "true".to_owned()),
            ]),
            app_key: Some("ORCID_APP_CREDENTIALS".into()),
            ..RemoteAppParams::default()
        },
        ..RemoteAppSettings::default()
    }
}
