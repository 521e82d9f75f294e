//! A small axum app with "Sign in with ...": the oauthclient endpoints mounted under
//! [`PREFIX`], its own pages at `/` and `/whoami`, one session layer over both.
//!
//! [`build`] puts it together from a configuration text, [`serve`] runs it; the binary
//! (`src/main.rs`) adds the command line, the offline [`sandbox`] and Ctrl-C. A library so
//! the integration test runs the very same app in-process.

mod i18n;
mod pages;
pub mod sandbox;
mod settings;
mod spa;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use oauthclient_axum::{OAuthRouter, REDIS_OPERATION_TIMEOUT, SessionCurrentUser};
use oauthclient_core::config::{ConfigError, ProcessEnv};
use oauthclient_core::{OAuthClientConfig, Registry};
use oauthclient_store_diesel::DieselStore;
// Provider crates register themselves with `inventory`; naming them keeps them linked, so the
// configuration may use `github`, `orcid` and `oidc` (the sandbox's `testkit` comes with it).
use oauthclient_github as _;
use oauthclient_oidc as _;
use oauthclient_orcid as _;

pub use settings::Settings;

/// Where the oauthclient endpoints live: `site_url` must end with it, since pages and
/// redirects are built from `site_url` while the router is nested here.
pub const PREFIX: &str = "/auth";

/// Why the app could not start (a bad key, an unreachable database or Redis).
pub type Error = Box<dyn std::error::Error + Send + Sync>;

/// The app, ready to serve.
pub struct App {
    /// Every route: the library's under [`PREFIX`], the host's pages, the session layer.
    pub router: Router,
    /// The app's own keys of the configuration (`listen`, `database_url`, `session_store`).
    pub settings: Settings,
    /// `site_url`, for the start-up banner.
    pub site_url: String,
}

/// Builds the app from a configuration text: the app's keys ([`Settings`]) beside the
/// library's (`site_url`, `secret_key`, `[remote_apps.*]`; `OAUTHCLIENT_*` variables
/// override them).
pub async fn build(config_text: &str) -> Result<App, Error> {
    let settings = Settings::from_toml(config_text)?;
    let registry = Registry::from_inventory()?;
    let mut config = OAuthClientConfig::from_toml_str(config_text, &ProcessEnv, &registry)?;
    i18n::serve_spa_texts(&mut config);
    if config.site_url.path().trim_end_matches('/') != PREFIX {
        let message = format!("must end with {PREFIX}, where this app mounts the library");
        return Err(ConfigError::new("site_url", message).into());
    }
    let site_url = config.site_url.to_string();
    // Tokens are sealed in the database under the configuration's secret keys.
    let store = DieselStore::open(&config, &settings.database_url)
        .await
        .map_err(|err| format!("database: {err}"))?;
    // The app's page, the sandbox app's title and description, and the single-page app's
    // texts, in every shipped language.
    let oauth: OAuthRouter = i18n::with_catalogs(OAuthRouter::builder(config, registry))
        .store(Arc::new(store))
        // Anonymous visitors of a page that needs a user (linked accounts) go to the home
        // page, which has the sign-in buttons.
        .current_user(Arc::new(SessionCurrentUser::default().with_login_url("/")))
        .build()?;
    let sessions = match &settings.session_store {
        None => oauth.session_layer(),
        Some(url) => {
            let store = oauthclient_axum::connect_redis_store(url, REDIS_OPERATION_TIMEOUT).await?;
            oauth.session_layer_with(store)
        }
    };
    let router = pages::routes(&oauth)?
        .merge(spa::routes(&oauth))
        .nest(PREFIX, oauth.router())
        // Outside every route: the library's and the host's pages share one session.
        .layer(sessions);
    Ok(App {
        router,
        settings,
        site_url,
    })
}

/// Serves `router` on `listener` until `shutdown` completes, then lets the requests in
/// flight finish.
pub async fn serve(
    listener: tokio::net::TcpListener,
    router: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    // The peer address feeds the library's rate limit (`[rate_limit]`).
    let service = router.into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, service)
        .with_graceful_shutdown(shutdown)
        .await
}
