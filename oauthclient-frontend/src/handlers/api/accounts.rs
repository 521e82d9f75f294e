//! `GET /api/oauth/accounts` and `POST /api/oauth/disconnect/{app}`: the signed-in user's
//! linked accounts, and unlinking one.

use http::StatusCode;
use serde_json::json;

use super::{unauthorized, verify_write};
use crate::app_text::{app_description, app_title};
use crate::errors::codes;
use crate::handlers::{Call, disconnect, visible_app};
use crate::reply::Reply;

/// `GET /api/oauth/accounts`: every visible app: name, title, description, icon, whether it
/// is linked, and the external id.
pub(crate) async fn accounts(call: &mut Call<'_>) -> Reply {
    let user_id = match call.signed_in_id().await {
        Ok(Some(user_id)) => user_id,
        Ok(None) => return unauthorized(call),
        Err(err) => return call.json_error(&err),
    };
    match call
        .parts
        .engine()
        .linked_apps(&call.parts.apps, &user_id)
        .await
    {
        Ok(apps) => {
            let apps: Vec<_> = apps
                .into_iter()
                .map(|app| {
                    json!({
                        "app": app.name,
                        "title": app_title(call.parts, &call.locale, &app.name),
                        "description": app_description(call.parts, &call.locale, &app.name),
                        "icon": app.icon,
                        "linked": app.linked,
                        "external_id": app.external_id,
                    })
                })
                .collect();
            Reply::json(StatusCode::OK, &json!({ "accounts": apps }))
        }
        Err(err) => call.json_error(&err),
    }
}

/// `POST /api/oauth/disconnect/{app}`.
pub(crate) async fn disconnect(call: &mut Call<'_>, app: &str) -> Reply {
    let user_id = match call.signed_in_id().await {
        Ok(Some(user_id)) => user_id,
        Ok(None) => return unauthorized(call),
        Err(err) => return call.json_error(&err),
    };
    let result = match verify_write(call).and_then(|()| visible_app(call.parts, app)) {
        Ok(runtime) => disconnect::disconnect(call, runtime, user_id).await,
        Err(err) => Err(err),
    };
    match result {
        Ok(_) => call.json_message(200, codes::DISCONNECTED, "api-disconnected"),
        Err(err) => call.json_error(&err),
    }
}
