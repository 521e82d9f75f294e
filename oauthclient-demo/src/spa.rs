//! `/spa/`: the single-page app of `examples/spa/` (plain HTML and JavaScript on the JSON
//! API; this crate's `spa/` links to it, so the crate's package carries the files), served
//! from the demo's own origin. `config.json` tells it where the API is: the path of
//! `site_url`, on this origin.

use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, web};

use crate::i18n::Texts;
use crate::server::DemoState;

/// The app's files: name, content type, content.
const FILES: [(&str, &str, &str); 3] = [
    (
        "index.html",
        "text/html; charset=utf-8",
        include_str!("../spa/index.html"),
    ),
    (
        "app.js",
        "text/javascript; charset=utf-8",
        include_str!("../spa/app.js"),
    ),
    (
        "app.css",
        "text/css; charset=utf-8",
        include_str!("../spa/app.css"),
    ),
];

/// Scripts and styles from this origin only (the app has no inline script), API calls to
/// this origin, no framing, no forms posted anywhere.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; \
                   img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// The routes `/spa` (to `/spa/`), `/spa/`, `/spa/{file}`; `api` is the library's path
/// prefix ("" at the root).
pub fn configure(cfg: &mut web::ServiceConfig, api: &str) {
    let config = web::Data::new(SpaConfig(serde_json::json!({ "api": api }).to_string()));
    cfg.app_data(config)
        .route("/spa", web::get().to(to_slash))
        .route("/spa/", web::get().to(index))
        .route("/spa/config.json", web::get().to(config_json))
        .route("/spa/{file}", web::get().to(file));
}

/// `config.json`'s body.
struct SpaConfig(String);

async fn to_slash() -> HttpResponse {
    HttpResponse::MovedPermanently()
        .insert_header((header::LOCATION, "/spa/"))
        .finish()
}

async fn index() -> HttpResponse {
    serve("index.html").unwrap_or_else(|| HttpResponse::NotFound().finish())
}

async fn file(
    req: HttpRequest,
    name: web::Path<String>,
    state: web::Data<DemoState>,
) -> HttpResponse {
    match serve(&name) {
        Some(response) => response,
        None => HttpResponse::NotFound()
            .content_type("text/plain; charset=utf-8")
            .body(
                Texts::of(&state.localizer, &req)
                    .await
                    .get("demo-not-found"),
            ),
    }
}

async fn config_json(config: web::Data<SpaConfig>) -> HttpResponse {
    reply("application/json", config.0.clone())
}

/// One of the app's files, if `name` is one.
fn serve(name: &str) -> Option<HttpResponse> {
    FILES
        .iter()
        .find(|(file, _, _)| *file == name)
        .map(|(_, content_type, body)| reply(content_type, (*body).to_owned()))
}

fn reply(content_type: &str, body: String) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        ))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .insert_header((header::REFERRER_POLICY, "no-referrer"))
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .body(body)
}
