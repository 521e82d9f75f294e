//! `GET /oauth/login/{app}/?next=`: start a flow (the seed's `login` view); `POST` does the
//! same from a form (the linked accounts page's Connect button), CSRF-checked.
//!
//! A flow started while signed in ends by linking the remote account to the signed-in user,
//! so for a signed-in user the GET only shows a confirmation page whose form POSTs: a
//! cross-site link must not be able to link an attacker's remote account to the victim's
//! local one. Anonymous GETs start the flow (sign-in links); login CSRF is stopped by the
//! state being bound to this browser's session.

use actix_session::SessionExt;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use oauthclient_core::OAuthError;
use serde::Deserialize;
use serde_json::json;

use super::visible_app;
use crate::client::Inner;
use crate::session::OAuthSession;
use crate::{csrf, respond};

#[derive(Debug, Deserialize)]
pub(crate) struct LoginQuery {
    next: Option<String>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct LoginForm {
    csrf_token: Option<String>,
    next: Option<String>,
}

pub(crate) async fn start(
    req: HttpRequest,
    app: web::Path<String>,
    query: web::Query<LoginQuery>,
    inner: web::Data<Inner>,
) -> HttpResponse {
    match super::signed_in_id(&inner, &req).await {
        Ok(Some(_)) => return confirm_connect(&inner, &req, &app, query.next.as_deref()),
        Ok(None) => {}
        Err(err) => return respond::error(&inner, &req, &err, None),
    }
    if let Some(limited) = respond::rate_limited(&inner, &req) {
        return limited;
    }
    // Signed-in visitors got the confirmation page above: this one is anonymous.
    begin(&inner, &req, &app, query.next.as_deref(), false)
        .await
        .unwrap_or_else(|err| respond::error(&inner, &req, &err, None))
}

/// The page a signed-in user sees on a GET: its button POSTs the same request with the CSRF
/// token (every page carries it).
fn confirm_connect(
    inner: &Inner,
    req: &HttpRequest,
    app: &str,
    next: Option<&str>,
) -> HttpResponse {
    match visible_app(inner, app) {
        Ok(runtime) => respond::page(
            inner,
            req,
            StatusCode::OK,
            "oauthclient/connect.html",
            json!({
                "app_title": runtime.remote.title,
                "action": format!("/oauth/login/{}/", runtime.remote.name),
                "next": next.and_then(|raw| inner.engine().safe_next(app, raw)),
            }),
        ),
        Err(err) => respond::error(inner, req, &err, None),
    }
}

pub(crate) async fn start_from_form(
    req: HttpRequest,
    app: web::Path<String>,
    form: web::Form<LoginForm>,
    inner: web::Data<Inner>,
) -> HttpResponse {
    if let Some(limited) = respond::rate_limited(&inner, &req) {
        return limited;
    }
    let started = match csrf::verify(&req.get_session(), form.csrf_token.as_deref()) {
        Ok(()) => match super::signed_in_id(&inner, &req).await {
            Ok(user) => begin(&inner, &req, &app, form.next.as_deref(), user.is_some()).await,
            Err(err) => Err(err),
        },
        Err(err) => Err(err),
    };
    started.unwrap_or_else(|err| respond::error(&inner, &req, &err, None))
}

/// Starts the flow (the engine decides), keeps its secrets in the session, and redirects to
/// the provider.
async fn begin(
    inner: &Inner,
    req: &HttpRequest,
    app_name: &str,
    next: Option<&str>,
    signed_in: bool,
) -> Result<HttpResponse, OAuthError> {
    let app = visible_app(inner, app_name)?;
    let session = req.get_session();
    let oauth_session = OAuthSession {
        session: &session,
        prefix: &inner.config.session_key_prefix,
    };
    let mut flows = oauth_session.flows();
    let provider_url = inner
        .engine()
        .start_login(app, next, signed_in, &mut flows)
        .await?;
    oauth_session.set_flows(&flows)?;
    Ok(respond::redirect(provider_url.as_str()))
}
