//! `GET, POST /oauth/disconnect/{app}/`: unlink a remote account (the seed's `disconnect`
//! view). GET asks for confirmation; POST (CSRF token required) does it, unless it would
//! leave the user with no way to sign in.

use http::StatusCode;
use oauthclient_core::OAuthError;
use oauthclient_core::account::UserId;
use serde::Deserialize;
use serde_json::json;

use super::linked_accounts::login_required;
use super::{Call, visible_app};
use crate::parts::AppRuntime;
use crate::reply::Reply;

#[derive(Debug, Deserialize)]
struct DisconnectForm {
    csrf_token: Option<String>,
}

pub(crate) async fn confirm(call: &mut Call<'_>, app: &str) -> Reply {
    match call.signed_in_id().await {
        Ok(Some(_)) => {}
        Ok(None) => return login_required(call),
        Err(err) => return call.error(&err),
    }
    match visible_app(call.parts, app) {
        Ok(runtime) => {
            let context = json!({
                "app_title": crate::app_text::app_title(call.parts, &call.locale, &runtime.remote.name),
                "action": call.parts.paths.disconnect(&runtime.remote.name),
            });
            call.page(StatusCode::OK, "oauthclient/disconnect.html", context)
        }
        Err(err) => call.error(&err),
    }
}

pub(crate) async fn submit(call: &mut Call<'_>, app: &str) -> Reply {
    let user_id = match call.signed_in_id().await {
        Ok(Some(user_id)) => user_id,
        Ok(None) => return login_required(call),
        Err(err) => return call.error(&err),
    };
    let form: DisconnectForm = match call.form() {
        Ok(form) => form,
        Err(reply) => return *reply,
    };
    if let Err(err) = call.verify_csrf(form.csrf_token.as_deref()) {
        return call.error(&err);
    }
    let result = match visible_app(call.parts, app) {
        Ok(runtime) => disconnect(call, runtime, user_id).await,
        Err(err) => Err(err),
    };
    match result {
        Ok(title) => {
            call.flash(
                "success",
                "flash-disconnected",
                &[("provider", title.into())],
            );
            Reply::redirect(&call.parts.paths.settings())
        }
        Err(err) => call.error(&err),
    }
}

/// The engine unlinks (never the last way to sign in); this forgets the session's copy of the
/// token.
pub(crate) async fn disconnect(
    call: &mut Call<'_>,
    runtime: &AppRuntime,
    user_id: UserId,
) -> Result<String, OAuthError> {
    call.parts.engine().disconnect(runtime, &user_id).await?;
    call.oauth_session().remove_token(&runtime.remote.name);
    Ok(crate::app_text::app_title(
        call.parts,
        &call.locale,
        &runtime.remote.name,
    ))
}
