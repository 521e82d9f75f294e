//! # oauthclient-github
//!
//! "Sign in with GitHub" for oauthclient-rs, the seed's `invenio.modules.oauthclient.contrib.github`.
//!
//! Depend on the crate, name it once so the linker keeps its [`GitHub`] provider, and configure
//! a `[remote_apps.github]` table (every key of [`REMOTE_APP`] can be overridden there) plus the
//! `GITHUB_APP_CREDENTIALS`:
//!
//! ```
//! use oauthclient_core::config::{NoEnv, Protocol};
//! use oauthclient_core::{OAuthClientConfig, Registry};
//! use oauthclient_github as _; // keeps the `inventory` entry
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
//! assert!(registry.resolve(github)?.account_info.is_some(), "GitHub's, named nowhere");
//! assert!(matches!(&github.protocol, Protocol::OAuth2(params) if params.scopes == ["user:email"]));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The provider [`GitHub`] (id `github`) brings:
//!
//! | slot | what |
//! |---|---|
//! | defaults | [`REMOTE_APP`]: endpoints, scope `user:email`, `GITHUB_APP_CREDENTIALS` |
//! | account info | [`GitHubAccountInfo`]: `GET user` + `GET user/emails` → [`oauthclient_core::AccountInfo`] |
//! | account setup | [`GitHubAccountSetup`]: `extra_data = {"login", "id"}` |
//! | revoke | [`GitHubRevoke`]: after core's disconnect unlinked, deletes the grant at GitHub |

mod account_info;
mod account_setup;
mod api;
mod email;
mod provider;
mod remote_app;
mod revoke;

use oauthclient_core::inventory;
use oauthclient_core::registry::ProviderEntry;

pub use account_info::GitHubAccountInfo;
pub use account_setup::GitHubAccountSetup;
pub use api::{API_VERSION, MEDIA_TYPE, api_request};
pub use provider::GitHub;
pub use remote_app::{REMOTE_APP, remote_app};
pub use revoke::GitHubRevoke;

/// The provider id: `[remote_apps.github]` uses [`GitHub`], as does any app with
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

inventory::submit! {
    ProviderEntry::new(&GitHub).with_origin(module_path!())
}
