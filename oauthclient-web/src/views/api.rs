//! The JSON API under `/api/oauth/` for single-page apps: linked accounts, the CSRF token,
//! disconnect and the sign-up step. Writes are accepted when the request's `Origin` is this
//! site, or (no `Origin`) when `X-CSRF-Token` matches the session's token.

use actix_session::SessionExt;
use actix_web::http::header::ORIGIN;
use actix_web::{HttpRequest, HttpResponse, web};
use oauthclient_core::OAuthError;
use oauthclient_core::handlers::SignupForm;
use oauthclient_core::pending_signup::PendingSignup;
use oauthclient_core::state::StateError;
use serde::Deserialize;
use serde_json::json;

use super::signup::Registration;
use super::{disconnect, linked_accounts, signed_in_id, signup, visible_app};
use crate::client::{AppRuntime, Inner};
use crate::{csrf, respond};

/// Header carrying the CSRF token on JSON writes.
pub(crate) const CSRF_HEADER: &str = "X-CSRF-Token";

pub(crate) fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/api/oauth/accounts", web::get().to(accounts))
        .route("/api/oauth/csrf", web::get().to(csrf_token))
        .route("/api/oauth/disconnect/{app}", web::post().to(disconnect))
        .route("/api/oauth/signup/{app}", web::post().to(signup))
        .route(
            "/api/oauth/signup/{app}/continue",
            web::post().to(continue_as_new),
        );
}

fn error(err: &OAuthError) -> HttpResponse {
    let (code, message) = respond::api_error(err);
    respond::json_message(code, &message)
}

fn unauthorized() -> HttpResponse {
    respond::json_message(401, "Sign in required.")
}

/// Same-origin check for writes: a browser always sends `Origin` on a cross-site POST, so a
/// matching one proves the page is ours; without it, the session's CSRF token must be sent.
fn verify_write(inner: &Inner, req: &HttpRequest) -> Result<(), OAuthError> {
    if let Some(origin) = req.headers().get(ORIGIN) {
        let ours = inner.config.site_url.origin().ascii_serialization();
        return if origin.as_bytes() == ours.as_bytes() {
            Ok(())
        } else {
            Err(OAuthError::InvalidState(StateError::Missing))
        };
    }
    let token = req
        .headers()
        .get(CSRF_HEADER)
        .and_then(|value| value.to_str().ok());
    csrf::verify(&req.get_session(), token)
}

/// `GET /api/oauth/accounts`: every visible app: name, title, description, icon, whether it
/// is linked, and the external id.
async fn accounts(req: HttpRequest, inner: web::Data<Inner>) -> HttpResponse {
    let user_id = match signed_in_id(&inner, &req).await {
        Ok(Some(user_id)) => user_id,
        Ok(None) => return unauthorized(),
        Err(err) => return error(&err),
    };
    match linked_accounts::apps(&inner, user_id).await {
        Ok(apps) => {
            let apps: Vec<_> = apps
                .into_iter()
                .map(|app| {
                    json!({
                        "app": app["name"],
                        "title": app["title"],
                        "description": app["description"],
                        "icon": app["icon"],
                        "linked": app["connected"],
                        "external_id": app["external_id"],
                    })
                })
                .collect();
            HttpResponse::Ok().json(json!({ "accounts": apps }))
        }
        Err(err) => error(&err),
    }
}

/// `GET /api/oauth/csrf`: the session's CSRF token, for `X-CSRF-Token`.
async fn csrf_token(req: HttpRequest) -> HttpResponse {
    match csrf::token(&req.get_session()) {
        Ok(token) => HttpResponse::Ok().json(json!({ "csrf_token": token })),
        Err(err) => error(&err),
    }
}

/// `POST /api/oauth/disconnect/{app}`.
async fn disconnect(
    req: HttpRequest,
    app: web::Path<String>,
    inner: web::Data<Inner>,
) -> HttpResponse {
    let user_id = match signed_in_id(&inner, &req).await {
        Ok(Some(user_id)) => user_id,
        Ok(None) => return unauthorized(),
        Err(err) => return error(&err),
    };
    let result = match verify_write(&inner, &req).and_then(|()| visible_app(&inner, &app)) {
        Ok(runtime) => disconnect::disconnect(&inner, &req, runtime, user_id).await,
        Err(err) => Err(err),
    };
    match result {
        Ok(_) => respond::json_message(200, "Successfully disconnected."),
        Err(err) => error(&err),
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
async fn signup(
    req: HttpRequest,
    app: web::Path<String>,
    body: web::Json<SignupBody>,
    inner: web::Data<Inner>,
) -> HttpResponse {
    let (runtime, pending) = match open_signup_for_write(&inner, &req, &app).await {
        Ok(found) => found,
        Err(err) => return error(&err),
    };
    let body = body.into_inner();
    let form = SignupForm {
        email: body.email,
        username: body.username,
        full_name: body.full_name,
    };
    match signup::register(&inner, &req, runtime, &pending, &form).await {
        Ok(Registration::SignedIn { mail_sent, .. }) => HttpResponse::Ok().json(json!({
            "message": "Successfully signed up.",
            "code": 200,
            "signed_in": true,
            "confirmation_sent": mail_sent,
        })),
        Ok(Registration::ConfirmFirst { mail_failed, .. }) => HttpResponse::Accepted().json(json!({
            "message": "Account created. Confirm the e-mail address through the link we sent, then sign in.",
            "code": 202,
            "signed_in": false,
            "confirmation_sent": !mail_failed,
        })),
        Ok(Registration::Invalid(errors)) => HttpResponse::BadRequest()
            .json(json!({"message": "Please correct the form.", "code": 400, "errors": errors})),
        Err(err) => error(&err),
    }
}

/// A write's checks, then the app (open for sign-up) and the sign-up this session waits on.
async fn open_signup_for_write<'a>(
    inner: &'a Inner,
    req: &HttpRequest,
    app: &str,
) -> Result<(&'a AppRuntime, PendingSignup), OAuthError> {
    verify_write(inner, req)?;
    signup::open_signup(inner, req, app).await
}

/// `POST /api/oauth/signup/{app}/continue`: "none of the accounts claiming this address is
/// mine" — the JSON form of the choice a REST app's flow was sent to with code 409.
async fn continue_as_new(
    req: HttpRequest,
    app: web::Path<String>,
    inner: web::Data<Inner>,
) -> HttpResponse {
    let (runtime, pending) = match open_signup_for_write(&inner, &req, &app).await {
        Ok(found) => found,
        Err(err) => return error(&err),
    };
    let registered = match inner.engine().continue_sign_up(runtime, &pending).await {
        Ok(registration) => signup::carry_out(&inner, &req, runtime, registration).await,
        Err(err) => Err(err),
    };
    match registered {
        Ok(_) => HttpResponse::Ok().json(json!({
            "message": "Successfully signed up.",
            "code": 200,
            "signed_in": true,
            "confirmation_sent": false,
        })),
        Err(err) => error(&err),
    }
}
