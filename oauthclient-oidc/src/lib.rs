//! # oauthclient-oidc
//!
//! OpenID Connect for oauthclient-rs: any compliant identity provider (Keycloak, Google,
//! GitLab, Auth0, Okta, CERN SSO, ...) by configuration alone.
//!
//! Depend on the crate, name it once so the linker keeps its `inventory` registrations, and
//! configure an app with `provider = "oidc"` and its `issuer`:
//!
//! ```
//! use oauthclient_core::config::{NoEnv, Protocol};
//! use oauthclient_core::{OAuthClientConfig, Registry};
//! use oauthclient_oidc as _; // keeps the registrations
//!
//! let registry = Registry::from_inventory()?;
//! let config = OAuthClientConfig::from_toml_str(r#"
//!     secret_key = "a-very-long-random-secret-of-at-least-32-bytes"
//!     site_url = "https://example.org"
//!     [remote_apps.keycloak]
//!     provider = "oidc"
//!     title = "Keycloak"
//!     [remote_apps.keycloak.params]
//!     issuer = "https://sso.example.org/realms/staff"
//!     [KEYCLOAK_APP_CREDENTIALS]
//!     consumer_key = "my-client"
//!     consumer_secret = "from-the-environment-in-production"
//! "#, &NoEnv, &registry)?;
//! let app = config.remote_app("keycloak").expect("configured");
//! assert_eq!(app.handlers.protocol.as_deref(), Some("oidc:protocol"));
//! assert!(matches!(&app.protocol, Protocol::OAuth2(params) if params.scopes == ["openid", "email", "profile"]));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! What the flow does (see [`OidcProtocol`]): discovery from
//! `{issuer}/.well-known/openid-configuration` (cached for [`DISCOVERY_TTL`]; its `issuer`
//! must be the configured one exactly, and every endpoint it names that we use must be https,
//! or http on loopback); authorization
//! code + PKCE S256 + a `nonce` bound to the flow; the RFC 9207 `iss` checked before the code
//! is exchanged; the ID token validated (signature by one of [`ALLOWED_ALGORITHMS`] against
//! the provider's JWKS, fetched again at once, at most every [`JWKS_REFETCH_INTERVAL`], when a
//! token is signed by a key it lacks, `iss`, `aud`, `exp`/`iat` with [`LEEWAY_SECS`], `nonce`, `at_hash`);
//! the account from the claims (`sub`, `email` trusted only with `email_verified: true`,
//! `name`, `preferred_username`); refresh tokens stored; RP-initiated logout when the provider
//! advertises an `end_session_endpoint`.
//!
//! | registered name | what |
//! |---|---|
//! | `oidc` (provider) | [`remote_app`]: protocol handler, account info, scopes `openid email profile` |
//! | `oidc:protocol` | [`OidcProtocol`] |
//! | `oidc:account_info` | [`OidcAccountInfo`]: the account from the ID token claims |
//! | `oidc:userinfo` | [`OidcUserInfo`]: the same, completed by the userinfo endpoint |

mod account_info;
mod discovery;
mod id_token;
mod jwks;
mod protocol;
mod remote_app;

use std::sync::Arc;

use oauthclient_core::inventory;
use oauthclient_core::registry::{HandlerFactory, HandlerRegistration, ProviderRegistration};

pub use account_info::{ClaimMapping, OidcAccountInfo, OidcUserInfo};
pub use discovery::{DISCOVERY_TTL, ExtraMetadata, Metadata};
pub use id_token::{ALLOWED_ALGORITHMS, LEEWAY_SECS};
pub use jwks::JWKS_REFETCH_INTERVAL;
pub use protocol::OidcProtocol;
pub use remote_app::remote_app;

/// The provider name: apps with `provider = "oidc"` get [`remote_app`]'s defaults.
///
/// ```
/// use oauthclient_core::Registry;
/// use oauthclient_oidc as _;
/// assert!(Registry::from_inventory()?.provider(oauthclient_oidc::PROVIDER).is_some());
/// # Ok::<(), oauthclient_core::registry::RegistryError>(())
/// ```
pub const PROVIDER: &str = "oidc";

/// Registered name of [`OidcProtocol`].
///
/// ```
/// assert_eq!(oauthclient_oidc::PROTOCOL, "oidc:protocol");
/// ```
pub const PROTOCOL: &str = "oidc:protocol";

/// Registered name of [`OidcAccountInfo`].
///
/// ```
/// assert_eq!(oauthclient_oidc::ACCOUNT_INFO, "oidc:account_info");
/// ```
pub const ACCOUNT_INFO: &str = "oidc:account_info";

/// Registered name of [`OidcUserInfo`].
///
/// ```
/// assert_eq!(oauthclient_oidc::USERINFO, "oidc:userinfo");
/// ```
pub const USERINFO: &str = "oidc:userinfo";

inventory::submit! {
    ProviderRegistration::new(PROVIDER, remote_app).with_origin(module_path!())
}
inventory::submit! {
    HandlerRegistration::new(PROTOCOL, HandlerFactory::Protocol(|| Arc::new(OidcProtocol::default())))
        .with_origin(module_path!())
}
inventory::submit! {
    HandlerRegistration::new(ACCOUNT_INFO, HandlerFactory::AccountInfo(|| Arc::new(OidcAccountInfo::default())))
        .with_origin(module_path!())
}
inventory::submit! {
    HandlerRegistration::new(USERINFO, HandlerFactory::AccountInfo(|| Arc::new(OidcUserInfo::default())))
        .with_origin(module_path!())
}
