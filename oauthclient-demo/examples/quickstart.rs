//! docs/quickstart.md, step 3, "Your own app": the same code, compiled and run by
//! `cargo xtask integration` (which checks that the page and this file agree).

use std::sync::Arc;

use actix_web::{App, HttpServer};
use oauthclient_github as _; // provider crates register themselves; name them once
use oauthclient_store_diesel::DieselStore;
use oauthclient_web::OAuthClient;

#[actix_web::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The file, every linked provider crate's defaults, the environment's overrides.
    let oauth = OAuthClient::from_file("oauthclient.toml")?;
    // Tokens are sealed under the configuration's secret keys.
    let store = DieselStore::open(oauth.config(), "sqlite://oauth.sqlite").await?;
    let oauth = oauth.store(Arc::new(store)).build()?;
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
