//! `GET, POST /oauth/logout`: the seed's `oauth_logout_handler`. GET asks for confirmation
//! (a cross-site link or image must not sign anyone out); POST, CSRF-checked, forgets this
//! session's OAuth tokens and flows, signs the user out and purges the session (OWASP: a
//! fresh, empty session after sign-out). When the user signed in through an app whose
//! protocol can end the provider's session too (OpenID Connect RP-initiated logout), the
//! browser goes there next and comes back to the home page.

use actix_session::SessionExt;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use oauthclient_core::account::UserId;
use oauthclient_core::handlers::ProtocolContext;
use serde::Deserialize;
use serde_json::json;
use url::Url;

use crate::client::Inner;
use crate::session::OAuthSession;
use crate::{csrf, respond};

#[derive(Debug, Deserialize)]
pub(crate) struct LogoutForm {
    csrf_token: Option<String>,
}

/// The confirmation page (also for anonymous sessions: they may hold a token of an
/// `authorized_default` app to forget).
pub(crate) async fn confirm(req: HttpRequest, inner: web::Data<Inner>) -> HttpResponse {
    // Every page carries the CSRF token its form needs.
    respond::page(
        &inner,
        &req,
        StatusCode::OK,
        "oauthclient/logout.html",
        json!({"action": "/oauth/logout"}),
    )
}

pub(crate) async fn submit(
    req: HttpRequest,
    form: web::Form<LogoutForm>,
    inner: web::Data<Inner>,
) -> HttpResponse {
    let session = req.get_session();
    if let Err(err) = csrf::verify(&session, form.csrf_token.as_deref()) {
        return respond::error(&inner, &req, &err, None);
    }
    let oauth_session = OAuthSession {
        session: &session,
        prefix: &inner.config.session_key_prefix,
    };
    let signed_in_with = oauth_session.signed_in_with();
    let user_id = inner.current_user.user_id(&req);
    oauth_session.clear_all(inner.apps.keys());
    inner.current_user.sign_out(&req);
    // Whatever else the session held (the host's keys, flashes, the CSRF token) goes too.
    session.purge();
    let provider_logout = match (signed_in_with, user_id) {
        (Some(app), Some(user_id)) => provider_logout_url(&inner, &app, &user_id).await,
        _ => None,
    };
    respond::redirect(
        provider_logout
            .as_ref()
            .map_or(inner.paths.home.as_str(), Url::as_str),
    )
}

/// Where the app's protocol ends the provider's session, if it does. A failure (discovery
/// unreachable, say) is logged and the local logout stands: the user is signed out here.
async fn provider_logout_url(inner: &Inner, app: &str, user_id: &UserId) -> Option<Url> {
    let runtime = inner.apps.get(app)?;
    let return_to = inner.config.site_url.join(&inner.paths.home).ok()?;
    let token = inner
        .accounts
        .token(user_id, &runtime.remote.credentials.consumer_key, "")
        .await
        .ok()
        .flatten();
    let redirect_uri = inner.config.redirect_uri(app);
    let ctx = ProtocolContext {
        app: &runtime.remote,
        http: &inner.http,
        redirect_uri: &redirect_uri,
    };
    match runtime
        .handlers
        .protocol
        .logout_url(&ctx, token.as_ref(), &return_to)
        .await
    {
        Ok(url) => url,
        Err(err) => {
            tracing::warn!(app, error = %err, "could not end the provider's session");
            None
        }
    }
}
