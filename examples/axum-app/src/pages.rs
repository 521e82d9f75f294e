//! The host's own pages: `/` (who is signed in, sign-in buttons, links into the library's
//! pages) and `/whoami` (the user id as plain text, for scripts and tests).

use std::sync::Arc;

use axum::Router;
use axum::extract::State;
use axum::http::header::CONTENT_LANGUAGE;
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use minijinja::{Environment, Value, context};
use oauthclient_axum::frontend::{Locale, Localizer, register_template_functions};
use oauthclient_axum::{OAuthRouter, Session};
use oauthclient_core::OAuthError;
use oauthclient_core::account::User;

use crate::PREFIX;

/// What the pages share.
struct Pages {
    oauth: OAuthRouter,
    /// The library's localizer, with the app's catalogs.
    localizer: Arc<Localizer>,
    /// Templates named `*.html` escape every value they print (minijinja's auto-escape);
    /// `t()` / `tm()` format the catalogs' messages in the page's `locale`.
    templates: Environment<'static>,
    /// The "Sign in with ..." buttons: every visible app (name, configured title), sorted by
    /// title.
    apps: Vec<(String, String)>,
}

/// The routes of `/` and `/whoami`.
pub(crate) fn routes(oauth: &OAuthRouter) -> Result<Router, minijinja::Error> {
    let localizer = Arc::clone(oauth.runtime().localizer());
    let mut templates = Environment::new();
    register_template_functions(&mut templates, Arc::clone(&localizer));
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
        .map(|app| (app.name.clone(), app.title.clone()))
        .collect();
    let pages = Arc::new(Pages {
        oauth: oauth.clone(),
        localizer,
        templates,
        apps,
    });
    Ok(Router::new()
        .route("/", get(home))
        .route("/whoami", get(whoami))
        .with_state(pages))
}

async fn home(State(pages): State<Arc<Pages>>, parts: Parts, session: Session) -> Response {
    let locale = pages.oauth.locale(&parts, &session).await;
    let user = match signed_in(&pages, &locale, &parts, &session).await {
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
    let apps: Vec<Value> = pages
        .apps
        .iter()
        .map(|(name, title)| {
            let title = pages.localizer.app_title(&locale, name, title);
            context! { name, title }
        })
        .collect();
    let page = pages.templates.get_template("home.html").and_then(|page| {
        // The prefix is ours, not user input: printed as is (escaping would write `&#x2f;`).
        let prefix = Value::from_safe_string(PREFIX.to_owned());
        let locale_value = Value::from_serialize(&locale);
        page.render(context! { user, apps, flashes, prefix, locale => locale_value })
    });
    match page {
        Ok(page) => {
            let language = HeaderValue::from_str(locale.tag()).ok();
            let mut response = Html(page).into_response();
            if let Some(language) = language {
                response.headers_mut().insert(CONTENT_LANGUAGE, language);
            }
            response
        }
        Err(err) => {
            tracing::error!("home page: {err:#}");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

async fn whoami(State(pages): State<Arc<Pages>>, parts: Parts, session: Session) -> Response {
    let locale = pages.oauth.locale(&parts, &session).await;
    match signed_in(&pages, &locale, &parts, &session).await {
        Ok(Some(user)) => user.id.to_string().into_response(),
        Ok(None) => "anonymous".into_response(),
        Err(response) => response,
    }
}

/// The signed-in user, checked against the store (a deleted or deactivated user is signed
/// out); a session or database outage is a 503 page rather than "anonymous".
async fn signed_in(
    pages: &Pages,
    locale: &Locale,
    parts: &Parts,
    session: &Session,
) -> Result<Option<User>, Response> {
    pages
        .oauth
        .signed_in_user(parts, session)
        .await
        .map_err(|err: OAuthError| {
            tracing::warn!("who is signed in: {err}");
            let retry = pages.localizer.text(locale, "error-unavailable");
            (StatusCode::SERVICE_UNAVAILABLE, retry).into_response()
        })
}
