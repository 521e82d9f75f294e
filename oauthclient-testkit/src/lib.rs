//! # oauthclient-testkit
//!
//! A fake OAuth 2.0 provider for tests: a real HTTP server on `127.0.0.1` with a random
//! (or [fixed](FakeProviderBuilder::port)) port, started in-process by [`FakeProvider::start`]. It checks what a real provider checks
//! (client credentials, single-use codes bound to the `redirect_uri`, PKCE S256, refresh
//! token rotation, revocation) and has knobs for what real providers do wrong
//! ([`Consent::Deny`], [`FakeProvider::set_authorize_error`], every [`Fault`]).
//!
//! | endpoint | does |
//! |---|---|
//! | `GET /authorize` | checks the request, redirects back with `code` + `state` (or `error`); a [`SIGNED_IN_COOKIE`] picks the user |
//! | `POST /token` | `authorization_code` and `refresh_token` grants; client auth by form or HTTP Basic |
//! | `GET /api/user` | `{"id", "login", "email", "email_verified", "name"}` (and `"groups"`, see [`FakeProvider::set_groups`]) for a bearer token |
//! | `POST /revoke` | RFC 7009 revocation |
//! | `POST /login`, `POST /consent` | the sandbox pages' forms, in [sandbox mode](#sandbox-mode) only |
//!
//! Refusals are RFC 6749 JSON errors (`{"error": ..., "error_description": ...}`): `400`
//! (`invalid_request`, `invalid_grant`, `unsupported_grant_type`, `invalid_scope`) or `401`
//! (`invalid_client`). `/authorize` shows errors about `client_id` and `redirect_uri` as a
//! `400` and redirects every other error to the client. `/api/user` answers an unknown,
//! revoked or missing token with `401 {"message": "Bad credentials"}`.
//!
//! Not modelled: token expiry (tokens announce `expires_in: 3600` but never expire), a
//! registered `redirect_uri` (any absolute URL is accepted, then must match at `/token`),
//! public clients (the client secret is always required), OAuth 1.0a and OpenID Connect.
//!
//! ## A whole code flow
//!
//! ```
//! use oauthclient_testkit::FakeProvider;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let provider = FakeProvider::start().await?;
//! let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build()?;
//!
//! // The browser goes to /authorize and comes back with a code.
//! let callback = "http://127.0.0.1:9/callback";
//! let authorize = url::Url::parse_with_params(&provider.authorize_url(), [
//!     ("response_type", "code"), ("client_id", provider.client_id()),
//!     ("redirect_uri", callback), ("state", "xyz"),
//! ])?;
//! let response = http.get(authorize).send().await?;
//! let location = url::Url::parse(response.headers()["location"].to_str()?)?;
//! let code = location.query_pairs().find(|(k, _)| k == "code").expect("a code").1.into_owned();
//!
//! // The client exchanges it and calls the API.
//! let token: serde_json::Value = http.post(provider.token_url())
//!     .basic_auth(provider.client_id(), Some(provider.client_secret()))
//!     .form(&[("grant_type", "authorization_code"), ("code", &code), ("redirect_uri", callback)])
//!     .send().await?.json().await?;
//! let user: serde_json::Value = http.get(format!("{}user", provider.api_base_url()))
//!     .bearer_auth(token["access_token"].as_str().expect("a token"))
//!     .send().await?.json().await?;
//! assert_eq!(user["login"], "octo");
//! # Ok(())
//! # }
//! ```
//!
//! ## Sandbox mode
//!
//! [`FakeProviderBuilder::interactive`] (or [`FakeProvider::start_sandbox`]) turns the
//! provider into a stand-in a person can click through offline in a real browser:
//! `/authorize` shows a login page (any username, any password) and a consent page (Approve
//! / Deny) before redirecting back. Each username is its own account
//! ([`FakeUser::sandbox`]). [`FakeProviderBuilder::port`] gives it a fixed port:
//!
//! ```no_run
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> std::io::Result<()> {
//! let provider = oauthclient_testkit::FakeProvider::builder()
//!     .interactive(true)
//!     .port(5001)
//!     .client_name("oauthclient demo")
//!     .start()
//!     .await?;
//! println!("sandbox provider on {}", provider.base_url()); // http://127.0.0.1:5001
//! # Ok(())
//! # }
//! ```
//!
//! ## With oauthclient-core
//!
//! [`FakeProvider::remote_app_toml`] writes the `[remote_apps.<name>]` configuration for the
//! provider with `provider = "testkit"`: the linked provider [`Testkit`] brings
//! [`FakeAccountInfo`], so an application's tests need no provider code of their own.
//!
//! ## Mail
//!
//! With the `smtp` feature, `smtp::SmtpSink` is a real SMTP server on `127.0.0.1`
//! (Python's aiosmtpd in a child process) that keeps what it receives, to test
//! `oauthclient_core::email::SmtpMailer` end to end. It needs a Python with aiosmtpd, named by
//! `OAUTHCLIENT_TEST_SMTP_PYTHON` (`cargo xtask integration` makes one).

mod account_info;
mod api;
mod authorize;
#[cfg(feature = "browser")]
pub mod browser_actions;
mod builder;
mod client_auth;
mod config_snippet;
pub mod conformance;
mod faults;
pub mod html;
mod memory_directory;
mod protocol;
mod provider;
mod random_token;
mod revoke;
mod sandbox;
mod sandbox_pages;
mod sandbox_state;
mod server;
pub mod services;
#[cfg(feature = "site")]
pub mod site;
#[cfg(feature = "smtp")]
pub mod smtp;
mod stand_in;
mod state;
#[cfg(feature = "http-suite")]
pub mod suite;
mod token;
mod user;

pub use account_info::{FakeAccountInfo, PROVIDER, Testkit};
pub use authorize::SIGNED_IN_COOKIE;
pub use builder::{DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, FakeProviderBuilder};
pub use conformance::memory_store::MemoryStore;
pub use faults::{Fault, HUGE_BODY_BYTES};
pub use memory_directory::MemoryDirectory;
pub use provider::FakeProvider;
pub use stand_in::{ApiCall, GitHubEmail, ProviderShape, StandIn, StandInBuilder};
pub use user::{Consent, FakeUser};
