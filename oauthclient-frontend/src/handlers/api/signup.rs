//! `POST /api/oauth/signup/{app}` and `.../continue`: the sign-up step of a REST app's flow,
//! as JSON.

use http::StatusCode;
use oauthclient_core::OAuthError;
use oauthclient_core::handlers::SignupForm;
use oauthclient_core::pending_signup::PendingSignup;
use serde::Deserialize;
use serde_json::json;

use super::verify_write;
use crate::errors::{codes, json_malformed};
use crate::handlers::Call;
use crate::handlers::signup::{Registration, continue_registration, open_signup, register};
use crate::parts::AppRuntime;
use crate::reply::Reply;

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
        Err(err) => return json_malformed(call.parts, &call.locale, &err),
    };
    let (runtime, pending) = match open_signup_for_write(call, app).await {
        Ok(found) => found,
        Err(err) => return call.json_error(&err),
    };
    let form = SignupForm {
        email: body.email,
        username: body.username,
        full_name: body.full_name,
    };
    let result = register(call, runtime, &pending, &form).await;
    registered(call, result)
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
        Err(err) => return call.json_error(&err),
    };
    let result = continue_registration(call, runtime, &pending).await;
    registered(call, result)
}

/// A registration's result as JSON: one answer for the form and for "continue".
fn registered(call: &Call<'_>, result: Result<Registration, OAuthError>) -> Reply {
    match result {
        Ok(Registration::SignedIn { mail_sent, .. }) => Reply::json(
            StatusCode::OK,
            &json!({
                "code": codes::SIGNED_UP,
                "message": call.t("api-signed-up", &[]),
                "status": 200,
                "signed_in": true,
                "confirmation_sent": mail_sent,
            }),
        ),
        Ok(Registration::ConfirmFirst { mail_failed, .. }) => Reply::json(
            StatusCode::ACCEPTED,
            &json!({
                "message": call.t("api-confirmation-required", &[]),
                "code": codes::CONFIRMATION_REQUIRED,
                "status": 202,
                "signed_in": false,
                "confirmation_sent": !mail_failed,
            }),
        ),
        Ok(Registration::Invalid(errors)) => Reply::json(
            StatusCode::BAD_REQUEST,
            &json!({"code": codes::INVALID_FORM, "message": call.t("api-invalid-form", &[]), "status": 400, "errors": crate::messages::field_errors_json(call.parts, &call.locale, &errors)}),
        ),
        Err(err) => call.json_error(&err),
    }
}
