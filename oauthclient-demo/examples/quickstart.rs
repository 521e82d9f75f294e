//! docs/quickstart.md, step 3, "Your own app": the same code, compiled and run by
//! `cargo xtask integration` (which checks that the page and this file agree).

use std::sync::Arc;

use actix_web::{App, HttpServer};
use oauthclient_core::{OAuthClientConfig, Registry, config::ProcessEnv};
use oauthclient_github as _; // provider crates register themselves; name them once
use oauthclient_store_diesel::{DieselStore, StoreOptions, TokenKeys};
use oauthclient_web::OAuthClient;

#[actix_web::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let registry = Registry::from_inventory()?; // built-ins + every linked provider crate
    let config = OAuthClientConfig::from_file("oauthclient.toml", &ProcessEnv, &registry)?;
    let keys = TokenKeys::from_config(&config.secret_keys).ok_or("no secret key")?;
    let store = DieselStore::connect("sqlite://oauth.sqlite", keys, StoreOptions::default());
    let store = Arc::new(store.await?);
    let oauth = OAuthClient::builder(config, registry)
        .store(store)
        .build()?;
    let port: u16 = std::env::var("PORT").map_or(Ok(5000), |port| port.parse())?;
    let server = HttpServer::new(move || {
        App::new()
            .wrap(oauth.session_middleware())
            .configure(oauth.configure())
    })
    .bind(("127.0.0.1", port))?;
    println!("listening on http://127.0.0.1:{port}");
    server.run().await?;
    Ok(())
}
