use std::net::TcpListener;
use std::sync::Arc;

use actix_web::{App, HttpServer};
use oauthclient_github as _; // the provider line: link every provider crate you configure, once
use oauthclient_store_diesel::DieselStore;
use oauthclient_web::OAuthClient;

/// "Sign in with GitHub" (and every other app in `config_file`) on `listener`.
pub async fn serve(
    config_file: &str,
    database_url: &str,
    listener: TcpListener,
) -> Result<(), Box<dyn std::error::Error>> {
    let oauth = OAuthClient::from_file(config_file)?; // linked providers + environment overrides
    let store = DieselStore::open(oauth.config(), database_url).await?; // keys from the config
    let oauth = oauth.store(Arc::new(store)).build()?;
    HttpServer::new(move || {
        App::new()
            .wrap(oauth.session_middleware())
            .configure(oauth.configure())
    })
    .listen(listener)?
    .run()
    .await?;
    Ok(())
}
