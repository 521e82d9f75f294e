//! `GET, POST /oauth/disconnect/{app}/`: unlink a remote account (the seed's `disconnect`
//! view). GET asks for confirmation; POST (CSRF token required) does it, unless it would
//! leave the user with no way to sign in.

use actix_session::SessionExt;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use oauthclient_core::OAuthError;
use oauthclient_core::account::UserId;
use serde::Deserialize;
use serde_json::json;

use super::{signed_in_id, visible_app};
use crate::client::{AppRuntime, Inner};
use crate::session::OAuthSession;
use crate::views::linked_accounts::login_required;
use crate::{csrf, flash, respond};

#[derive(Debug, Deserialize)]
pub(crate) struct DisconnectForm {
    csrf_token: Option<String>,
}

pub(crate) async fn confirm(
    req: HttpRequest,
    app: web::Path<String>,
    inner: web::Data<Inner>,
) -> HttpResponse {
    let _user = match signed_in_id(&inner, &req).await {
        Ok(Some(user_id)) => user_id,
        Ok(None) => return login_required(&inner, &req),
        Err(err) => return respond::error(&inner, &req, &err, None),
    };
    let runtime = match visible_app(&inner, &app) {
        Ok(runtime) => runtime,
        Err(err) => return respond::error(&inner, &req, &err, None),
    };
    match csrf::token(&req.get_session()) {
        Ok(csrf_token) => respond::page(
            &inner,
            &req,
            StatusCode::OK,
            "oauthclient/disconnect.html",
            json!({
                "app_title": runtime.remote.title,
                "action": format!("/oauth/disconnect/{}/", runtime.remote.name),
                "csrf_token": csrf_token,
            }),
        ),
        Err(err) => respond::error(&inner, &req, &err, None),
    }
}

pub(crate) async fn submit(
    req: HttpRequest,
    app: web::Path<String>,
    form: web::Form<DisconnectForm>,
    inner: web::Data<Inner>,
) -> HttpResponse {
    let user_id = match signed_in_id(&inner, &req).await {
        Ok(Some(user_id)) => user_id,
        Ok(None) => return login_required(&inner, &req),
        Err(err) => return respond::error(&inner, &req, &err, None),
    };
    if let Err(err) = csrf::verify(&req.get_session(), form.csrf_token.as_deref()) {
        return respond::error(&inner, &req, &err, None);
    }
    let result = match visible_app(&inner, &app) {
        Ok(runtime) => disconnect(&inner, &req, runtime, user_id).await,
        Err(err) => Err(err),
    };
    match result {
        Ok(title) => {
            flash::push(
                &req.get_session(),
                "success",
                format!("Your {title} account was disconnected."),
            );
            respond::redirect(&inner.paths.settings)
        }
        Err(err) => respond::error(&inner, &req, &err, None),
    }
}

/// The engine unlinks (never the last way to sign in); this forgets the session's copy of the
/// token.
pub(crate) async fn disconnect(
    inner: &Inner,
    req: &HttpRequest,
    runtime: &AppRuntime,
    user_id: UserId,
) -> Result<String, OAuthError> {
    inner.engine().disconnect(runtime, &user_id).await?;
    let session = req.get_session();
    OAuthSession {
        session: &session,
        prefix: &inner.config.session_key_prefix,
    }
    .remove_token(&runtime.remote.name);
    Ok(runtime.remote.title.clone())
}
