//! `GET /api/oauth/session`: who is signed in, and their linked accounts — what a single-page
//! app needs to choose between its sign-in page and its signed-in views.

use http::StatusCode;
use serde_json::json;

use crate::app_text::{app_description, app_title};
use crate::handlers::Call;
use crate::reply::Reply;

/// `{"signed_in": false}` for anonymous visitors (and for a stale session, which the same
/// store check as the pages signs out); otherwise the user and every visible app as
/// `Engine::linked_apps` reports it.
pub(crate) async fn session(call: &mut Call<'_>) -> Reply {
    let user = match call.signed_in_user().await {
        Ok(Some(user)) => user,
        Ok(None) => return Reply::json(StatusCode::OK, &json!({ "signed_in": false })),
        Err(err) => return call.json_error(&err),
    };
    let apps = match call
        .parts
        .engine()
        .linked_apps(&call.parts.apps, &user.id)
        .await
    {
        Ok(apps) => apps,
        Err(err) => return call.json_error(&err),
    };
    let accounts: Vec<_> = apps
        .into_iter()
        .map(|app| {
            json!({
                "name": app.name,
                "title": app_title(call.parts, &call.locale, &app.name),
                "description": app_description(call.parts, &call.locale, &app.name),
                "icon": app.icon,
                "linked": app.linked,
                "reconnect": app.reconnect,
                "external_id": app.external_id,
            })
        })
        .collect();
    Reply::json(
        StatusCode::OK,
        &json!({
            "signed_in": true,
            "user": {
                "id": user.id.as_str(),
                "email": user.email,
                "email_confirmed": user.email_confirmed,
                "username": user.username,
                "full_name": user.full_name,
            },
            "accounts": accounts,
        }),
    )
}
