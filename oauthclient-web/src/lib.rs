//! # oauthclient-web
//!
//! "Sign in with GitHub / ORCID / any OAuth provider" for actix-web: the endpoints of
//! Invenio's oauthclient (login, authorized, sign-up, disconnect, logout, linked accounts),
//! sessions through `actix-session`, overridable minijinja templates.
//!
//! ```no_run
//! use std::sync::Arc;
//! use actix_web::{App, HttpServer};
//! use oauthclient_core::{OAuthClientConfig, Registry, config::ProcessEnv};
//! use oauthclient_store_diesel::{DieselStore, StoreOptions, TokenKeys};
//! use oauthclient_web::OAuthClient;
//!
//! #[actix_web::main]
//! async fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     let registry = Registry::from_inventory()?;
//!     let config = OAuthClientConfig::from_file("oauthclient.toml", &ProcessEnv, &registry)?;
//!     let keys = TokenKeys::from_config(&config.secret_keys).ok_or("no secret key")?;
//!     let store = Arc::new(DieselStore::connect("sqlite://oauth.sqlite", keys, StoreOptions::default()).await?);
//!     let oauth = OAuthClient::builder(config, registry)
//!         .accounts(store.clone())
//!         .users(store)
//!         .build()?;
//!     HttpServer::new(move || {
//!         App::new()
//!             .wrap(oauth.session_middleware())
//!             .configure(oauth.configure())
//!     })
//!     .bind(("127.0.0.1", 5000))?
//!     .run()
//!     .await?;
//!     Ok(())
//! }
//! ```

mod client;
mod csrf;
mod current_user;
mod flash;
mod respond;
mod session;
mod templates;
mod views;

pub use client::{OAuthClient, OAuthClientBuilder};
pub use current_user::{CurrentUser, PERMANENT_KEY, SessionCurrentUser, USER_ID_KEY};
pub use flash::Flash;
pub use templates::DEFAULT_TEMPLATES;
