//! # oauthclient-orcid
//!
//! "Sign in with ORCID" for oauthclient-rs, the seed's `invenio.modules.oauthclient.contrib.orcid`:
//! the production registry (orcid.org) and the sandbox (sandbox.orcid.org).
//!
//! Depend on the crate, name it once so the linker keeps its registrations, and configure
//! `[remote_apps.orcid]` (production) or `[remote_apps.orcid_sandbox]` (or any app name with
//! `provider = "orcid_sandbox"`) plus the `ORCID_APP_CREDENTIALS`:
//!
//! ```
//! use oauthclient_core::config::{NoEnv, Protocol};
//! use oauthclient_core::{OAuthClientConfig, Registry};
//! use oauthclient_orcid as _; // keeps the `inventory` registrations
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
//! assert_eq!(orcid.handlers.signup_info.as_deref(), Some("orcid:account_info"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! | registered name | what |
//! |---|---|
//! | `orcid` (provider) | [`REMOTE_APP`]: orcid.org endpoints, scope `/authenticate`, `show_login=true` |
//! | `orcid_sandbox` (provider) | [`REMOTE_SANDBOX_APP`]: the same on sandbox.orcid.org |
//! | `orcid:account_info` | [`OrcidAccountInfo`]: the iD and name from the token response |
//! | `orcid:account_setup` | [`OrcidAccountSetup`]: `extra_data = {"orcid", "full_name"}` |
//!
//! ORCID gives no e-mail address, so a new user always sees the sign-up form; disconnecting
//! uses core's default handler.

mod account_info;
mod account_setup;
mod orcid_id;
mod remote_app;

use std::sync::Arc;

use oauthclient_core::inventory;
use oauthclient_core::registry::{HandlerFactory, HandlerRegistration, ProviderRegistration};

pub use account_info::OrcidAccountInfo;
pub use account_setup::OrcidAccountSetup;
pub use orcid_id::is_orcid_id;
pub use remote_app::{REMOTE_APP, REMOTE_SANDBOX_APP, remote_app, remote_sandbox_app};

/// The production provider name (orcid.org).
///
/// ```
/// use oauthclient_core::Registry;
/// use oauthclient_orcid as _;
/// assert!(Registry::from_inventory()?.provider(oauthclient_orcid::PROVIDER).is_some());
/// # Ok::<(), oauthclient_core::registry::RegistryError>(())
/// ```
pub const PROVIDER: &str = "orcid";

/// The sandbox provider name (sandbox.orcid.org).
///
/// ```
/// use oauthclient_core::Registry;
/// use oauthclient_orcid as _;
/// assert!(Registry::from_inventory()?.provider(oauthclient_orcid::SANDBOX_PROVIDER).is_some());
/// # Ok::<(), oauthclient_core::registry::RegistryError>(())
/// ```
pub const SANDBOX_PROVIDER: &str = "orcid_sandbox";

/// Registered name of [`OrcidAccountInfo`].
///
/// ```
/// use oauthclient_core::{Registry, registry::HandlerKind};
/// let registry = Registry::from_inventory()?;
/// assert!(registry.has_handler(HandlerKind::AccountInfo, oauthclient_orcid::ACCOUNT_INFO));
/// # Ok::<(), oauthclient_core::registry::RegistryError>(())
/// ```
pub const ACCOUNT_INFO: &str = "orcid:account_info";

/// Registered name of [`OrcidAccountSetup`].
///
/// ```
/// use oauthclient_core::{Registry, registry::HandlerKind};
/// let registry = Registry::from_inventory()?;
/// assert!(registry.has_handler(HandlerKind::AccountSetup, oauthclient_orcid::ACCOUNT_SETUP));
/// # Ok::<(), oauthclient_core::registry::RegistryError>(())
/// ```
pub const ACCOUNT_SETUP: &str = "orcid:account_setup";

inventory::submit! {
    ProviderRegistration::new(PROVIDER, remote_app).with_origin(module_path!())
}

inventory::submit! {
    ProviderRegistration::new(SANDBOX_PROVIDER, remote_sandbox_app).with_origin(module_path!())
}

inventory::submit! {
    HandlerRegistration::new(ACCOUNT_INFO, HandlerFactory::AccountInfo(|| Arc::new(OrcidAccountInfo)))
        .with_origin(module_path!())
}

inventory::submit! {
    HandlerRegistration::new(ACCOUNT_SETUP, HandlerFactory::AccountSetup(|| Arc::new(OrcidAccountSetup)))
        .with_origin(module_path!())
}
