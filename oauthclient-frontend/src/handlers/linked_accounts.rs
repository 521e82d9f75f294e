//! `GET /account/settings/linkedaccounts/`: every visible app, connected or not (the seed's
//! settings `index` view).

use http::StatusCode;
use oauthclient_core::engine::LinkedApp;
use serde_json::json;

use super::Call;
use crate::reply::Reply;

pub(crate) async fn index(call: &mut Call<'_>) -> Reply {
    let user_id = match call.signed_in_id().await {
        Ok(Some(user_id)) => user_id,
        Ok(None) => return login_required(call),
        Err(err) => return call.error(&err),
    };
    match call
        .parts
        .engine()
        .linked_apps(&call.parts.apps, &user_id)
        .await
    {
        Ok(apps) => {
            let apps: Vec<_> = apps.iter().map(|app| app_context(call, app)).collect();
            call.page(
                StatusCode::OK,
                "oauthclient/linkedaccounts.html",
                json!({
                    "apps": apps,
                    "logout_everywhere_url": call.parts.paths.logout_everywhere(),
                }),
            )
        }
        Err(err) => call.error(&err),
    }
}

/// One app's row on the page.
fn app_context(call: &Call<'_>, app: &LinkedApp) -> serde_json::Value {
    json!({
        "name": app.name,
        "title": crate::app_text::app_title(call.parts, &call.locale, &app.name),
        "description": crate::app_text::app_description(call.parts, &call.locale, &app.name),
        "icon": app.icon,
        "connected": app.linked,
        "reconnect": app.reconnect,
        "external_id": app.external_id,
        "connect_url": call.parts.paths.login(&app.name),
        "disconnect_url": call.parts.paths.disconnect(&app.name),
    })
}

/// Anonymous visitors: to the host's login page with `next` (the page they asked for), or a
/// 401 page.
pub(crate) fn login_required(call: &mut Call<'_>) -> Reply {
    if let Some(login) = call.parts.current_user.login_url() {
        let here = call.request.path.as_str();
        let next: String = url::form_urlencoded::byte_serialize(here.as_bytes()).collect();
        let separator = if login.contains('?') { '&' } else { '?' };
        return Reply::redirect(&format!("{login}{separator}next={next}"));
    }
    let context = json!({
        "heading": call.t("error-sign-in-required-heading", &[]),
        "message": call.t("error-sign-in-required", &[]),
        "status": 401,
    });
    call.page(StatusCode::UNAUTHORIZED, "oauthclient/error.html", context)
}
