//! The host's own pages: `/` (who is signed in, sign-in buttons, links into the library's
//! pages) and `/whoami` (the user id as plain text, for scripts and tests).

use std::sync::Arc;

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use minijinja::{Environment, Value, context};
use oauthclient_axum::{OAuthRouter, Session};
use oauthclient_core::OAuthError;
use oauthclient_core::account::User;

use crate::PREFIX;

/// What the pages share.
struct Pages {
    oauth: OAuthRouter,
    /// Templates named `*.html` escape every value they print (minijinja's auto-escape).
    templates: Environment<'static>,
    /// The "Sign in with ..." buttons: every visible app, sorted by title.
    apps: Vec<Value>,
}

/// The routes of `/` and `/whoami`.
pub(crate) fn routes(oauth: &OAuthRouter) -> Result<Router, minijinja::Error> {
    let mut templates = Environment::new();
    templates.add_template("home.html", include_str!("../templates/home.html"))?;
    let mut apps: Vec<_> = oauth
        .config()
        .remote_apps
        .values()
        .filter(|app| !app.hide)
        .collect();
    apps.sort_by(|a, b| a.title.cmp(&b.title));
    let apps = apps
        .into_iter()
        .map(|app| context! { name => app.name, title => app.title })
        .collect();
    let pages = Arc::new(Pages {
        oauth: oauth.clone(),
        templates,
        apps,
    });
    Ok(Router::new()
        .route("/", get(home))
        .route("/whoami", get(whoami))
        .with_state(pages))
}

async fn home(State(pages): State<Arc<Pages>>, parts: Parts, session: Session) -> Response {
    let user = match signed_in(&pages, &parts, &session).await {
        Ok(user) => user,
        Err(response) => return response,
    };
    // Messages the library queued (e.g. after a refused sign-in) are shown once. Without
    // them the page is still right, so a store hiccup here only costs the messages.
    let flashes = pages
        .oauth
        .take_flashes_for(&parts, &session)
        .await
        .unwrap_or_default();
    let user = user.map(|user| context! { id => user.id.to_string(), email => user.email });
    let page = pages.templates.get_template("home.html").and_then(|page| {
        // The prefix is ours, not user input: printed as is (escaping would write `&#x2f;`).
        let prefix = Value::from_safe_string(PREFIX.to_owned());
        page.render(context! { user, apps => pages.apps, flashes, prefix })
    });
    match page {
        Ok(page) => Html(page).into_response(),
        Err(err) => {
            tracing::error!("home page: {err:#}");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

async fn whoami(State(pages): State<Arc<Pages>>, parts: Parts, session: Session) -> Response {
    match signed_in(&pages, &parts, &session).await {
        Ok(Some(user)) => user.id.to_string().into_response(),
        Ok(None) => "anonymous".into_response(),
        Err(response) => response,
    }
}

/// The signed-in user, checked against the store (a deleted or deactivated user is signed
/// out); a session or database outage is a 503 page rather than "anonymous".
async fn signed_in(
    pages: &Pages,
    parts: &Parts,
    session: &Session,
) -> Result<Option<User>, Response> {
    pages
        .oauth
        .signed_in_user(parts, session)
        .await
        .map_err(|err: OAuthError| {
            tracing::warn!("who is signed in: {err}");
            let retry = "The session store or the database is unavailable; try again shortly.";
            (StatusCode::SERVICE_UNAVAILABLE, retry).into_response()
        })
}
