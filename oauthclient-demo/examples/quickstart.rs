//! docs/quickstart.md, step 3, "Your own app": the same code, compiled and run by
//! `cargo xtask integration` (which checks that the page and this file agree).

use std::sync::Arc;

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use oauthclient_github as _; // provider crates register themselves; name them once
use oauthclient_store_diesel::DieselStore;
use oauthclient_web::{OAuthClient, csrf_token};
use tracing_subscriber::EnvFilter;

#[actix_web::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Log to stderr (RUST_LOG overrides `info`): a refused sign-in logs its reason here.
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    tracing_subscriber::fmt().with_env_filter(filter).init();
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
            .app_data(web::Data::new(oauth.clone()))
            .route("/", web::get().to(home))
    })
    .bind(("127.0.0.1", port))?;
    println!("listening on http://127.0.0.1:{port}");
    server.run().await?;
    Ok(())
}

/// Your page: who is signed in, and the sign-out form (a POST with the session's CSRF token).
async fn home(req: HttpRequest, oauth: web::Data<OAuthClient>) -> HttpResponse {
    let body = match (oauth.signed_in_user(&req).await, csrf_token(&req)) {
        (Ok(Some(user)), Ok(token)) => format!(
            "<p>Signed in as {}.</p><a href=\"/account/settings/linkedaccounts/\">Linked accounts</a>\
             <form method=\"post\" action=\"/oauth/logout\">\
             <input type=\"hidden\" name=\"csrf_token\" value=\"{token}\"><button>Sign out</button></form>",
            user.email.replace('&', "&amp;").replace('<', "&lt;"),
        ),
        (Ok(None), _) => "<a href=\"/oauth/login/github/\">Sign in with GitHub</a>".to_owned(),
        // The session or the store is down: say so rather than show a half page.
        (Err(err), _) | (_, Err(err)) => {
            return HttpResponse::ServiceUnavailable().body(err.to_string());
        }
    };
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(body)
}
