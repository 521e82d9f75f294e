//! `/spa/`: the single-page app of `examples/spa/` (plain HTML and JavaScript on the JSON
//! API; this crate's `spa/` links to it, so the crate's package carries the files), served
//! from the app's own origin. `config.json` tells it the API is under
//! [`PREFIX`](crate::PREFIX), where the library is mounted.

use axum::Router;
use axum::extract::Path;
use axum::http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE, REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS,
};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;

use crate::PREFIX;

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

/// The routes `/spa` (to `/spa/`), `/spa/`, `/spa/config.json` and `/spa/{file}`.
pub(crate) fn routes() -> Router {
    Router::new()
        .route("/spa", get(|| async { Redirect::permanent("/spa/") }))
        .route("/spa/", get(|| async { serve("index.html") }))
        .route("/spa/config.json", get(config_json))
        .route(
            "/spa/{file}",
            get(|Path(name): Path<String>| async move { serve(&name) }),
        )
}

async fn config_json() -> Response {
    let body = format!(r#"{{"api": "{PREFIX}"}}"#);
    reply("application/json", body)
}

fn serve(name: &str) -> Response {
    match FILES.iter().find(|(file, _, _)| *file == name) {
        Some((_, content_type, body)) => reply(content_type, (*body).to_owned()),
        None => (StatusCode::NOT_FOUND, "Not found.").into_response(),
    }
}

fn reply(content_type: &'static str, body: String) -> Response {
    (
        [
            (CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP)),
            (X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
            (REFERRER_POLICY, HeaderValue::from_static("no-referrer")),
            (CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        ],
        body,
    )
        .into_response()
}
