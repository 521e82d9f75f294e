//! `/spa/`: the single-page app of `examples/spa/` (plain HTML and JavaScript on the JSON
//! API; this crate's `spa/` links to it, so the crate's package carries the files), served
//! from the app's own origin. `config.json` tells it the API is under
//! [`PREFIX`](crate::PREFIX), where the library is mounted.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE, REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS,
};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use oauthclient_axum::{OAuthRouter, Session};

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

/// The routes `/spa` (to `/spa/`), `/spa/`, `/spa/config.json` and `/spa/{file}`; `oauth`
/// says "Not found." in the reader's language.
pub(crate) fn routes(oauth: &OAuthRouter) -> Router {
    Router::new()
        .route("/spa", get(|| async { Redirect::permanent("/spa/") }))
        .route("/spa/", get(file))
        .route("/spa/config.json", get(config_json))
        .route("/spa/{file}", get(file))
        .with_state(oauth.clone())
}

/// One of the app's files (`/spa/` is `index.html`), or a plain-text 404.
async fn file(
    State(oauth): State<OAuthRouter>,
    name: Option<Path<String>>,
    parts: Parts,
    session: Session,
) -> Response {
    let name = name.map_or_else(|| "index.html".to_owned(), |Path(name)| name);
    if let Some((_, content_type, body)) = FILES.iter().find(|(file, _, _)| *file == name) {
        return reply(content_type, (*body).to_owned());
    }
    let locale = oauth.locale(&parts, &session).await;
    let text = oauth
        .runtime()
        .localizer()
        .text(&locale, "axum-app-not-found");
    (StatusCode::NOT_FOUND, text).into_response()
}

async fn config_json() -> Response {
    let body = format!(r#"{{"api": "{PREFIX}"}}"#);
    reply("application/json", body)
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
