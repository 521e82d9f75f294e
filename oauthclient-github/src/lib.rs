//! # oauthclient-github
//!
//! "Sign in with GitHub" for oauthclient-rs, the seed's `invenio.modules.oauthclient.contrib.github`.
//!
//! Depend on the crate, name it once so the linker keeps its registrations, and configure a
//! `[remote_apps.github]` table (every key of [`REMOTE_APP`] can be overridden there) plus the
//! `GITHUB_APP_CREDENTIALS`:
//!
//! ```
//! use oauthclient_core::config::{NoEnv, Protocol};
//! use oauthclient_core::{OAuthClientConfig, Registry};
//! use oauthclient_github as _; // keeps the `inventory` registrations
//!
//! let registry = Registry::from_inventory()?;
//! let config = OAuthClientConfig::from_toml_str(r#"
//!     secret_key = "a-very-long-random-secret-of-at-least-32-bytes"
//!     site_url = "https://example.org"
//!     [remote_apps.github]
//!     [GITHUB_APP_CREDENTIALS]
//!     consumer_key = "Iv1.0123456789abcdef"
//!     consumer_secret = "from-the-environment-in-production"
//! "#, &NoEnv, &registry)?;
//! let github = config.remote_app("github").expect("configured");
//! assert_eq!(github.title, "GitHub");
//! assert_eq!(github.handlers.signup_info.as_deref(), Some("github:account_info"));
//! assert!(matches!(&github.protocol, Protocol::OAuth2(params) if params.scopes == ["user:email"]));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! | registered name | what |
//! |---|---|
//! | `github` (provider) | [`REMOTE_APP`]: endpoints, scope `user:email`, handler names |
//! | `github:account_info` | [`GitHubAccountInfo`]: `GET user` + `GET user/emails` → [`oauthclient_core::AccountInfo`] |
//! | `github:account_setup` | [`GitHubAccountSetup`]: `extra_data = {"login", "id"}` |
//! | `github:disconnect` | [`GitHubDisconnect`]: revokes the grant at GitHub, then unlinks |

mod account_info;
mod account_setup;
mod api;
mod disconnect;
mod email;
mod remote_app;

use std::sync::Arc;

use oauthclient_core::inventory;
use oauthclient_core::registry::{HandlerFactory, HandlerRegistration, ProviderRegistration};

pub use account_info::GitHubAccountInfo;
pub use account_setup::GitHubAccountSetup;
pub use api::{API_VERSION, MEDIA_TYPE, api_request};
pub use disconnect::GitHubDisconnect;
pub use remote_app::{REMOTE_APP, remote_app};

/// The provider name: `[remote_apps.github]` uses these defaults, as does any app with
/// `provider = "github"`.
///
/// ```
/// use oauthclient_core::Registry;
/// use oauthclient_github as _;
/// let registry = Registry::from_inventory()?;
/// assert!(registry.provider(oauthclient_github::PROVIDER).is_some());
/// # Ok::<(), oauthclient_core::registry::RegistryError>(())
/// ```
pub const PROVIDER: &str = "github";

/// Registered name of [`GitHubAccountInfo`].
///
/// ```
/// use oauthclient_core::{Registry, registry::HandlerKind};
/// let registry = Registry::from_inventory()?;
/// assert!(registry.has_handler(HandlerKind::AccountInfo, oauthclient_github::ACCOUNT_INFO));
/// # Ok::<(), oauthclient_core::registry::RegistryError>(())
/// ```
pub const ACCOUNT_INFO: &str = "github:account_info";

/// Registered name of [`GitHubAccountSetup`].
///
/// ```
/// use oauthclient_core::{Registry, registry::HandlerKind};
/// let registry = Registry::from_inventory()?;
/// assert!(registry.has_handler(HandlerKind::AccountSetup, oauthclient_github::ACCOUNT_SETUP));
/// # Ok::<(), oauthclient_core::registry::RegistryError>(())
/// ```
pub const ACCOUNT_SETUP: &str = "github:account_setup";

/// Registered name of [`GitHubDisconnect`].
///
/// ```
/// use oauthclient_core::{Registry, registry::HandlerKind};
/// let registry = Registry::from_inventory()?;
/// assert!(registry.has_handler(HandlerKind::Disconnect, oauthclient_github::DISCONNECT));
/// # Ok::<(), oauthclient_core::registry::RegistryError>(())
/// ```
pub const DISCONNECT: &str = "github:disconnect";

inventory::submit! {
    ProviderRegistration::new(PROVIDER, remote_app).with_origin(module_path!())
}

inventory::submit! {
    HandlerRegistration::new(ACCOUNT_INFO, HandlerFactory::AccountInfo(|| Arc::new(GitHubAccountInfo)))
        .with_origin(module_path!())
}

inventory::submit! {
    HandlerRegistration::new(ACCOUNT_SETUP, HandlerFactory::AccountSetup(|| Arc::new(GitHubAccountSetup)))
        .with_origin(module_path!())
}

inventory::submit! {
    HandlerRegistration::new(DISCONNECT, HandlerFactory::Disconnect(|| Arc::new(GitHubDisconnect)))
        .with_origin(module_path!())
}
