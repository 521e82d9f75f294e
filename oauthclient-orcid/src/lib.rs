//! # oauthclient-orcid
//!
//! "Sign in with ORCID" for oauthclient-rs, the seed's `invenio.modules.oauthclient.contrib.orcid`:
//! the production registry (orcid.org) and the sandbox (sandbox.orcid.org).
//!
//! Depend on the crate, name it once so the linker keeps its two [`Orcid`] providers, and configure
//! `[remote_apps.orcid]` (production) or `[remote_apps.orcid_sandbox]` (or any app name with
//! `provider = "orcid_sandbox"`) plus the `ORCID_APP_CREDENTIALS`:
//!
//! ```
//! use oauthclient_core::config::{NoEnv, Protocol};
//! use oauthclient_core::{OAuthClientConfig, Registry};
//! use oauthclient_orcid as _; // keeps the `inventory` entries
//!
//! let registry = Registry::from_inventory()?;
//! let config = OAuthClientConfig::from_toml_str(r#"
//!     secret_key = "a-very-long-random-secret-of-at-least-32-bytes"
//!     site_url = "https://example.org"
//!     [remote_apps.orcid]
//!     provider = "orcid_sandbox"
//!     [ORCID_APP_CREDENTIALS]
//!     consumer_key = "APP-0123456789ABCDEF"
//!     consumer_secret = "from-the-environment-in-production"
//! "#, &NoEnv, &registry)?;
//! let orcid = config.remote_app("orcid").expect("configured");
//! let Protocol::OAuth2(params) = &orcid.protocol else { panic!("OAuth2") };
//! assert_eq!(params.authorize_url.as_str(), "https://sandbox.orcid.org/oauth/authorize");
//! assert_eq!(params.scopes, ["/authenticate"]);
//! assert!(registry.resolve(orcid)?.account_info.is_some(), "ORCID's, named nowhere");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! | provider | defaults | handlers |
//! |---|---|---|
//! | [`Orcid::PRODUCTION`] (`orcid`) | [`REMOTE_APP`]: orcid.org endpoints, scope `/authenticate`, `show_login=true` | [`OrcidAccountInfo`] (the iD and name from the token response), [`OrcidAccountSetup`] (`extra_data = {"orcid", "full_name"}`) |
//! | [`Orcid::SANDBOX`] (`orcid_sandbox`) | [`REMOTE_SANDBOX_APP`]: the same on sandbox.orcid.org | the same |
//!
//! ORCID gives no e-mail address, so a new user always sees the sign-up form; disconnecting
//! uses core's default handler.

mod account_info;
mod account_setup;
mod orcid_id;
mod provider;
mod remote_app;

use oauthclient_core::inventory;
use oauthclient_core::registry::ProviderEntry;

pub use account_info::OrcidAccountInfo;
pub use account_setup::OrcidAccountSetup;
pub use orcid_id::is_orcid_id;
pub use provider::Orcid;
pub use remote_app::{REMOTE_APP, REMOTE_SANDBOX_APP, remote_app, remote_sandbox_app};

/// The production provider id (orcid.org).
///
/// ```
/// use oauthclient_core::Registry;
/// use oauthclient_orcid as _;
/// assert!(Registry::from_inventory()?.provider(oauthclient_orcid::PROVIDER).is_some());
/// # Ok::<(), oauthclient_core::registry::RegistryError>(())
/// ```
pub const PROVIDER: &str = "orcid";

/// The sandbox provider id (sandbox.orcid.org).
///
/// ```
/// use oauthclient_core::Registry;
/// use oauthclient_orcid as _;
/// assert!(Registry::from_inventory()?.provider(oauthclient_orcid::SANDBOX_PROVIDER).is_some());
/// # Ok::<(), oauthclient_core::registry::RegistryError>(())
/// ```
pub const SANDBOX_PROVIDER: &str = "orcid_sandbox";

inventory::submit! {
    ProviderEntry::new(&Orcid::PRODUCTION).with_origin(module_path!())
}

inventory::submit! {
    ProviderEntry::new(&Orcid::SANDBOX).with_origin(module_path!())
}
