//! The axum site: the library's endpoints on the axum adapter (`oauthclient-axum`), configured
//! by the same file as the demo and set up as the demo sets up what the flows use (the store,
//! sessions, mail to the log, the session's current user), so that the two adapters are
//! measured alike.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use oauthclient_axum::{OAuthRouter, SessionCurrentUser, connect_redis_store};
use oauthclient_core::email::LogMailer;
use oauthclient_core::redact::redact_url_in;
use oauthclient_store_diesel::DieselStore;

/// The demo's own keys of the configuration file (`oauthclient-demo/src/settings.rs`).
struct Settings {
    listen: String,
    database_url: String,
    /// `None`: cookie sessions; else a Redis URL.
    redis: Option<String>,
}

impl Settings {
    fn from_toml(text: &str) -> Result<Self, String> {
        let doc: toml::Table = text.parse().map_err(|err| format!("config: {err}"))?;
        let string = |key: &str| {
            doc.get(key)
                .and_then(toml::Value::as_str)
                .map(str::to_owned)
                .ok_or_else(|| format!("config: `{key}` (a string) is required"))
        };
        let session_store = string("session_store")?;
        Ok(Self {
            listen: string("listen")?,
            database_url: string("database_url")?,
            redis: (session_store != "cookie").then_some(session_store),
        })
    }
}

/// tokio with 2 worker threads: the CPU budget of the demo's 2 actix workers.
pub fn runtime() -> Result<tokio::runtime::Runtime, String> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|err| format!("runtime: {err}"))
}

/// Serves the axum site configured by `config` until killed, logging as the demo does
/// (`RUST_LOG`, else `info`, to standard output).
pub fn serve(config: &Path) -> Result<(), String> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_target(false)
        .with_ansi(false)
        .init();
    let text =
        std::fs::read_to_string(config).map_err(|err| format!("{}: {err}", config.display()))?;
    let settings = Settings::from_toml(&text)?;
    runtime()?.block_on(async move {
        let builder = OAuthRouter::from_file(config).map_err(|err| err.with_causes())?;
        let store = DieselStore::open(builder.config(), &settings.database_url)
            .await
            .map_err(|err| {
                // The URL may carry the database password.
                let url = &settings.database_url;
                redact_url_in(&format!("database {url}: {err}"), url)
            })?;
        let oauth: OAuthRouter = builder
            .store(Arc::new(store))
            // As the demo with a configuration file and no `[mail]`: mail goes to the log.
            .mailer(Arc::new(LogMailer))
            .current_user(Arc::new(
                SessionCurrentUser::default().with_login_url("/login"),
            ))
            .build()
            .map_err(|err| err.with_causes())?;
        let sessions = match &settings.redis {
            None => oauth.session_layer(),
            Some(url) => oauth.session_layer_with(
                connect_redis_store(url, Duration::from_secs(3))
                    .await
                    .map_err(|err| err.to_string())?,
            ),
        };
        let app = axum::Router::new().merge(oauth.router()).layer(sessions);
        let listener = tokio::net::TcpListener::bind(&settings.listen)
            .await
            .map_err(|err| format!("cannot listen on {}: {err}", settings.listen))?;
        println!(
            "oauthclient-bench axum site listening on http://{}",
            settings.listen
        );
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
        .map_err(|err| format!("axum site: {err}"))
    })
}
