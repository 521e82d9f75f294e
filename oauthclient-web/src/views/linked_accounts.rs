//! `GET /account/settings/linkedaccounts/`: every visible app, connected or not (the seed's
//! settings `index` view).

use actix_session::SessionExt;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use oauthclient_core::OAuthError;
use oauthclient_core::account::UserId;
use serde_json::json;

use crate::client::Inner;
use crate::{csrf, respond};

pub(crate) async fn index(req: HttpRequest, inner: web::Data<Inner>) -> HttpResponse {
    let user_id = match super::signed_in_id(&inner, &req).await {
        Ok(Some(user_id)) => user_id,
        Ok(None) => return login_required(&inner, &req),
        Err(err) => return respond::error(&inner, &req, &err, None),
    };
    match apps(&inner, user_id)
        .await
        .and_then(|apps| Ok((apps, csrf::token(&req.get_session())?)))
    {
        Ok((apps, csrf_token)) => respond::page(
            &inner,
            &req,
            StatusCode::OK,
            "oauthclient/linkedaccounts.html",
            json!({"apps": apps, "csrf_token": csrf_token}),
        ),
        Err(err) => respond::error(&inner, &req, &err, None),
    }
}

pub(crate) async fn apps(
    inner: &Inner,
    user_id: UserId,
) -> Result<Vec<serde_json::Value>, OAuthError> {
    let linked: Vec<String> = inner
        .accounts
        .remote_accounts_of(&user_id)
        .await?
        .into_iter()
        .map(|account| account.client_id)
        .collect();
    let identities = inner.accounts.identities_of(&user_id).await?;
    // A linked account whose token is gone (the provider refused its refresh) needs a new
    // sign-in: offered as "Reconnect".
    let mut without_token = Vec::new();
    for app in inner.apps.values() {
        let client_id = &app.remote.credentials.consumer_key;
        if linked.contains(client_id)
            && inner
                .accounts
                .token(&user_id, client_id, "")
                .await?
                .is_none()
        {
            without_token.push(client_id.clone());
        }
    }
    let mut apps: Vec<_> = inner
        .apps
        .values()
        .filter(|app| !app.remote.hide)
        .map(|app| {
            let remote = &app.remote;
            json!({
                "name": remote.name,
                "title": remote.title,
                "description": remote.description,
                "icon": remote.icon,
                "connected": linked.contains(&remote.credentials.consumer_key),
                "reconnect": without_token.contains(&remote.credentials.consumer_key),
                "external_id": identities
                    .iter()
                    .find(|identity| identity.method == remote.name)
                    .map(|identity| identity.id.as_str()),
                "connect_url": format!("/oauth/login/{}/", remote.name),
                "disconnect_url": format!("/oauth/disconnect/{}/", remote.name),
            })
        })
        .collect();
    apps.sort_by(|a, b| a["title"].as_str().cmp(&b["title"].as_str()));
    Ok(apps)
}

/// Anonymous visitors: to the host's login page with `next`, or a 401 page.
pub(crate) fn login_required(inner: &Inner, req: &HttpRequest) -> HttpResponse {
    if let Some(login) = inner.current_user.login_url() {
        let next: String =
            url::form_urlencoded::byte_serialize(req.uri().path().as_bytes()).collect();
        let separator = if login.contains('?') { '&' } else { '?' };
        return respond::redirect(&format!("{login}{separator}next={next}"));
    }
    respond::page(
        inner,
        req,
        StatusCode::UNAUTHORIZED,
        "oauthclient/error.html",
        json!({"heading": "Sign in required", "message": "Please sign in to manage your linked accounts.", "status": 401}),
    )
}
