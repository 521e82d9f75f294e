//! # oauthclient-core
//!
//! The framework-free heart of oauthclient-rs: everything an OAuth client needs that is not
//! HTTP serving or SQL. Web frameworks (`oauthclient-web`) and stores
//! (`oauthclient-store-diesel`) build on the types here; provider crates
//! (`oauthclient-github`, ...) depend on nothing else.
//!
//! | module | concept |
//! |---|---|
//! | [`client`] | the authorization request, code exchange and API calls over HTTP; the [`client::ProtocolHandler`] and [`client::RemoteApi`] traits |
//! | [`config`] | [`OAuthClientConfig`] and [`RemoteApp`], loaded from TOML + environment; the operator's e-mail and sign-up policy |
//! | [`state`] | the signed, single-use `state` token (compact JWS, HS256/HS512) |
//! | [`next_url`] | the one function deciding where a flow may redirect to |
//! | [`login_options`] | per-login options (`prompt`, `login_hint`, `max_age`, `acr_values`, extra scopes) and the per-app allow-list |
//! | [`pending_signup`] | a sign-up waiting for its form, kept server-side |
//! | [`rate_limit`] | per-client token buckets (IPv4 address / IPv6 /64), bounded, proxy-aware |
//! | [`engine`] | the flow engine: start a login, finish a callback, sign up, disconnect |
//! | [`flow`] | the login flow as a pure state machine |
//! | [`error`] | [`OAuthError`], the error taxonomy |
//! | [`message`] | [`Message`]: a user-facing text's catalog id and arguments, for a front end to localize |
//! | [`email`] | mailbox keys, confirmation links, the [`email::Mailer`] trait |
//! | [`secret`] | redacted, constant-time-compared secret newtypes |
//! | [`token`] / [`account`] | [`Token`] and [`AccountInfo`] |
//! | [`handlers`] | async handler traits (authorized, disconnect, sign-up), events, the built-in handlers |
//! | [`host_policy`] | the host's say: open for sign-up?, pre-sign-in veto or redirect, new-user fields, events |
//! | [`store`] | [`AccountStore`] / [`UserStore`], implemented by store crates |
//! | [`user_directory`] | bring your own users: [`user_directory::UserDirectory`] over the host's table |
//! | [`registry`] | typed providers (linked through `inventory` or added explicitly) and named handler instances |
//!
//! ## Layers
//!
//! Each module uses only modules in the layers below it (`cargo xtask deps` fails on an import
//! cycle), lowest first:
//!
//! 1. leaf types: [`message`], [`secret`], [`clock`], [`redact`], [`next_url`], [`login_options`],
//!    [`account`], [`token`], [`audit`], [`state`], [`pending_signup`];
//! 2. [`store`]: the store traits and their [`store::StoreError`];
//! 3. [`config`]: configuration as data, loaded without knowing the registry (it asks a
//!    [`config::RegisteredNames`]);
//! 4. [`email`], [`host_policy`], [`rate_limit`]: what works on the configuration;
//! 5. [`error`]: [`OAuthError`], wrapping the errors of the layers below with their causes;
//! 6. [`flow`]: the pure state machine;
//! 7. [`client`]: HTTP to the provider, the protocols and the remote API;
//! 8. [`handlers`]: what an app runs after the token exchange, and the built-ins;
//! 9. [`registry`]: the providers and handlers linked in, resolved per app;
//! 10. [`engine`]: every decision of a flow.
//!
//! ```
//! use oauthclient_core::{OAuthClientConfig, Registry};
//!
//! let toml = r#"
//!     secret_key = "a-very-long-random-secret-of-at-least-32-bytes"
//!     site_url = "https://example.org"
//!
//!     [remote_apps.example]
//!     title = "Example"
//!     [remote_apps.example.params]
//!     authorize_url = "https://provider.example/authorize"
//!     access_token_url = "https://provider.example/token"
//!     app_key = "EXAMPLE_APP_CREDENTIALS"
//!
//!     [EXAMPLE_APP_CREDENTIALS]
//!     consumer_key = "client-id"
//!     consumer_secret = "client-secret"
//! "#;
//! let config = OAuthClientConfig::from_toml_str(toml, &oauthclient_core::config::NoEnv, &Registry::default())?;
//! assert_eq!(config.remote_app("example").map(|app| app.title.as_str()), Some("Example"));
//! # Ok::<(), oauthclient_core::config::ConfigError>(())
//! ```

pub mod account;
pub mod audit;
pub mod client;
pub mod clock;
pub mod config;
pub mod email;
pub mod engine;
pub mod error;
pub mod flow;
pub mod handlers;
pub mod host_policy;
pub mod login_options;
pub mod message;
pub mod next_url;
pub mod pending_signup;
pub mod rate_limit;
pub mod redact;
pub mod registry;
pub mod secret;
pub mod state;
pub mod store;
pub mod token;
pub mod user_directory;

pub use account::{AccountInfo, ExternalId};
pub use config::{OAuthClientConfig, RemoteApp};
pub use error::OAuthError;
pub use message::{Message, MessageArg};
pub use registry::Registry;
pub use store::{AccountStore, StoreError, UserStore};
pub use token::Token;
pub use user_directory::UserDirectory;

/// Re-exported so provider crates can submit their [`registry::ProviderEntry`] without naming
/// `inventory` themselves.
pub use inventory;
