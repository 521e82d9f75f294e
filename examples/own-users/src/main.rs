//! Serves the own-users example on 127.0.0.1:8000.

use std::process::ExitCode;

use actix_web::{App, HttpServer};
use oauthclient_core::OAuthClientConfig;
use oauthclient_core::config::ProcessEnv;
use oauthclient_core::registry::Registry;
use oauthclient_example_own_users::app::OwnUsersApp;
// The provider line: links GitHub (its endpoints and handlers) into the registry.
use oauthclient_github as _;

const DEFAULT_DATABASE_URL: &str = "postgres://postgres@127.0.0.1:5432/test";

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt::init();
    let mut args = std::env::args().skip(1);
    let (Some("--config"), Some(config_path)) = (args.next().as_deref(), args.next()) else {
        eprintln!("usage: oauthclient-example-own-users --config oauthclient.toml");
        return ExitCode::from(2);
    };
    match serve(&config_path).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(config_path: &str) -> Result<(), String> {
    let toml =
        std::fs::read_to_string(config_path).map_err(|err| format!("{config_path}: {err}"))?;
    let registry = Registry::from_inventory().map_err(|err| err.to_string())?;
    let config = OAuthClientConfig::from_toml_str(&toml, &ProcessEnv, &registry)
        .map_err(|err| format!("{config_path}: {err}"))?;
    let database_url =
        std::env::var("DATABASE_URL").unwrap_or_else(|_| DEFAULT_DATABASE_URL.to_owned());
    let app = OwnUsersApp::start(config, registry, &database_url)
        .await
        .map_err(|err| err.to_string())?;
    let oauth = app.oauth.clone();
    HttpServer::new(move || {
        App::new()
            .configure(app.configure())
            .wrap(oauth.session_middleware())
    })
    .bind(("127.0.0.1", 8000))
    .map_err(|err| format!("127.0.0.1:8000: {err}"))?
    .run()
    .await
    .map_err(|err| err.to_string())
}
