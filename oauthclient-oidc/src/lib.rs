//! # oauthclient-oidc
//!
//! OpenID Connect for oauthclient-rs: any compliant identity provider (Keycloak, Google,
//! GitLab, Auth0, Okta, CERN SSO, ...) by configuration alone.
//!
//! Depend on the crate, name it once so the linker keeps its [`Oidc`] provider, and configure
//! an app with `provider = "oidc"` and its `issuer`:
//!
//! ```
//! use oauthclient_core::config::{NoEnv, Protocol};
//! use oauthclient_core::{OAuthClientConfig, Registry};
//! use oauthclient_oidc as _; // keeps the `inventory` entry
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
//! assert_eq!(app.provider.as_deref(), Some("oidc")); // brings the protocol and account info
//! assert!(matches!(&app.protocol, Protocol::OAuth2(params) if params.scopes == ["openid", "email", "profile"]));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! What the flow does (see [`OidcProtocol`]): discovery from
//! `{issuer}/.well-known/openid-configuration` (cached for [`DISCOVERY_TTL`]; its `issuer`
//! must be the configured one exactly, and every endpoint it names that we use must be https,
//! or http on loopback); authorization
//! code + PKCE S256 (unless `params.pkce = false`) + a `nonce` bound to the flow; the RFC 9207 `iss` checked before the code
//! is exchanged; the ID token validated (signature by one of [`ALLOWED_ALGORITHMS`] against
//! the provider's JWKS, fetched again at once, at most every [`JWKS_REFETCH_INTERVAL`], when a
//! token is signed by a key it lacks, `iss`, `aud`, `exp`/`iat` with [`LEEWAY_SECS`], `nonce`, `at_hash`);
//! the account from the claims (`sub`, `email` trusted only with `email_verified: true`,
//! `name`, `preferred_username`; every claim, provider-specific ones too, kept in the token's
//! `extra.id_token_claims`); refresh tokens stored and refreshed at the discovered token
//! endpoint; RP-initiated logout when the provider
//! advertises an `end_session_endpoint`.
//!
//! The provider [`Oidc`] (id `oidc`) brings:
//!
//! | slot | what |
//! |---|---|
//! | defaults | [`remote_app`]: scopes `openid email profile` |
//! | protocol | [`OidcProtocol`] |
//! | account info | [`OidcAccountInfo`]: the account from the ID token claims |
//! | named `oidc:userinfo` ([`USERINFO`]) | [`OidcUserInfo`]: the same, completed by the userinfo endpoint; pick it with `signup_handler = { info = "oidc:userinfo" }` |

mod account_info;
mod discovery;
mod id_token;
mod jwks;
mod protocol;
mod provider;
mod remote_app;
mod tenant;

use oauthclient_core::inventory;
use oauthclient_core::registry::ProviderEntry;

pub use account_info::{ClaimMapping, OidcAccountInfo, OidcUserInfo};
pub use discovery::{DISCOVERY_TTL, ExtraMetadata, Metadata};
pub use id_token::{ALLOWED_ALGORITHMS, LEEWAY_SECS};
pub use jwks::JWKS_REFETCH_INTERVAL;
pub use protocol::OidcProtocol;
pub use provider::Oidc;
pub use remote_app::remote_app;

/// The provider id: apps with `provider = "oidc"` use [`Oidc`].
///
/// ```
/// use oauthclient_core::Registry;
/// use oauthclient_oidc as _;
/// assert!(Registry::from_inventory()?.provider(oauthclient_oidc::PROVIDER).is_some());
/// # Ok::<(), oauthclient_core::registry::RegistryError>(())
/// ```
pub const PROVIDER: &str = "oidc";

/// The name [`Oidc`] registers [`OidcUserInfo`] under, for an app to pick instead of
/// [`OidcAccountInfo`] (`signup_handler = { info = "oidc:userinfo" }`).
///
/// ```
/// use oauthclient_core::{Registry, registry::HandlerKind};
/// use oauthclient_oidc as _;
/// let registry = Registry::from_inventory()?;
/// assert!(registry.has_handler(HandlerKind::AccountInfo, oauthclient_oidc::USERINFO));
/// # Ok::<(), oauthclient_core::registry::RegistryError>(())
/// ```
pub const USERINFO: &str = "oidc:userinfo";

inventory::submit! {
    ProviderEntry::new(&Oidc).with_origin(module_path!())
}
