//! The JSON API under `/api/oauth/` for single-page apps: linked accounts, the CSRF token,
//! disconnect and the sign-up step. Writes are accepted when the request's `Origin` is this
//! site, or (no `Origin`) when `X-CSRF-Token` matches the session's token.

use http::StatusCode;
use oauthclient_core::OAuthError;
use oauthclient_core::handlers::SignupForm;
use oauthclient_core::pending_signup::PendingSignup;
use oauthclient_core::state::StateError;
use serde::Deserialize;
use serde_json::json;

use super::signup::{Registration, continue_registration, open_signup, register};
use super::{Call, disconnect, visible_app};
use crate::errors::{json_error, json_message};
use crate::parts::AppRuntime;
use crate::reply::Reply;

/// Header carrying the CSRF token on JSON writes.
pub(crate) const CSRF_HEADER: &str = "X-CSRF-Token";

fn unauthorized() -> Reply {
    json_message(401, "Sign in required.")
}

/// Same-origin check for writes: a browser always sends `Origin` on a cross-site POST, so a
/// matching one proves the page is ours; without it, the session's CSRF token must be sent.
fn verify_write(call: &Call<'_>) -> Result<(), OAuthError> {
    if let Some(origin) = call.request.headers.get(http::header::ORIGIN) {
        let ours = call.parts.config.site_url.origin().ascii_serialization();
        return if origin.as_bytes() == ours.as_bytes() {
            Ok(())
        } else {
            Err(OAuthError::InvalidState(StateError::Missing))
        };
    }
    call.verify_csrf(call.request.header(CSRF_HEADER))
}

/// `GET /api/oauth/accounts`: every visible app: name, title, description, icon, whether it
/// is linked, and the external id.
pub(crate) async fn accounts(call: &mut Call<'_>) -> Reply {
    let user_id = match call.signed_in_id().await {
        Ok(Some(user_id)) => user_id,
        Ok(None) => return unauthorized(),
        Err(err) => return json_error(&err),
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
                        "title": app.title,
                        "description": app.description,
                        "icon": app.icon,
                        "linked": app.linked,
                        "external_id": app.external_id,
                    })
                })
                .collect();
            Reply::json(StatusCode::OK, &json!({ "accounts": apps }))
        }
        Err(err) => json_error(&err),
    }
}

/// `GET /api/oauth/csrf`: the session's CSRF token, for `X-CSRF-Token`.
pub(crate) fn csrf_token(call: &mut Call<'_>) -> Reply {
    let token = call.csrf_token();
    Reply::json(StatusCode::OK, &json!({ "csrf_token": token }))
}

/// `POST /api/oauth/disconnect/{app}`.
pub(crate) async fn disconnect(call: &mut Call<'_>, app: &str) -> Reply {
    let user_id = match call.signed_in_id().await {
        Ok(Some(user_id)) => user_id,
        Ok(None) => return unauthorized(),
        Err(err) => return json_error(&err),
    };
    let result = match verify_write(call).and_then(|()| visible_app(call.parts, app)) {
        Ok(runtime) => disconnect::disconnect(call, runtime, user_id).await,
        Err(err) => Err(err),
    };
    match result {
        Ok(_) => json_message(200, "Successfully disconnected."),
        Err(err) => json_error(&err),
    }
}

#[derive(Debug, Deserialize)]
struct SignupBody {
    email: String,
    full_name: Option<String>,
    username: Option<String>,
}

/// `POST /api/oauth/signup/{app}` with `{"email": ..., "full_name": ...}`: the sign-up step of
/// a REST app's flow.
pub(crate) async fn signup(call: &mut Call<'_>, app: &str) -> Reply {
    let body: SignupBody = match call.request.json() {
        Ok(body) => body,
        Err(err) => return json_message(400, &err.to_string()),
    };
    let (runtime, pending) = match open_signup_for_write(call, app).await {
        Ok(found) => found,
        Err(err) => return json_error(&err),
    };
    let form = SignupForm {
        email: body.email,
        username: body.username,
        full_name: body.full_name,
    };
    registered(register(call, runtime, &pending, &form).await)
}

/// A write's checks, then the app (open for sign-up) and the sign-up this session waits on.
async fn open_signup_for_write<'p>(
    call: &mut Call<'p>,
    app: &str,
) -> Result<(&'p AppRuntime, PendingSignup), OAuthError> {
    verify_write(call)?;
    open_signup(call, app).await
}

/// `POST /api/oauth/signup/{app}/continue`: "none of the accounts claiming this address is
/// mine" — the JSON form of the choice a REST app's flow was sent to with code 409.
pub(crate) async fn continue_as_new(call: &mut Call<'_>, app: &str) -> Reply {
    let (runtime, pending) = match open_signup_for_write(call, app).await {
        Ok(found) => found,
        Err(err) => return json_error(&err),
    };
    registered(continue_registration(call, runtime, &pending).await)
}

/// A registration's result as JSON: one answer for the form and for "continue".
fn registered(result: Result<Registration, OAuthError>) -> Reply {
    match result {
        Ok(Registration::SignedIn { mail_sent, .. }) => Reply::json(
            StatusCode::OK,
            &json!({
                "message": "Successfully signed up.",
                "code": 200,
                "signed_in": true,
                "confirmation_sent": mail_sent,
            }),
        ),
        Ok(Registration::ConfirmFirst { mail_failed, .. }) => Reply::json(
            StatusCode::ACCEPTED,
            &json!({
                "message": "Account created. Confirm the e-mail address through the link we sent, then sign in.",
                "code": 202,
                "signed_in": false,
                "confirmation_sent": !mail_failed,
            }),
        ),
        Ok(Registration::Invalid(errors)) => Reply::json(
            StatusCode::BAD_REQUEST,
            &json!({"message": "Please correct the form.", "code": 400, "errors": errors}),
        ),
        Err(err) => json_error(&err),
    }
}
