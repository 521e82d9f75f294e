//! `GET, POST /oauth/signup/{app}/`: the extra sign-up step (the seed's `signup` view) for a
//! remote account that gave no usable e-mail address.

use actix_session::SessionExt;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use oauthclient_core::OAuthError;
use oauthclient_core::audit::{self, AuditEvent};
use oauthclient_core::handlers::defaults::run_account_setup;
use oauthclient_core::handlers::{FieldError, SignupDecision, SignupForm};
use oauthclient_core::store::NewLink;
use serde::Deserialize;
use serde_json::json;

use super::{any_app, handler_context};
use crate::client::{AppRuntime, Inner};
use crate::session::{OAuthSession, PendingSignup};
use crate::{csrf, respond};

#[derive(Debug, Deserialize)]
pub(crate) struct SignupSubmission {
    csrf_token: Option<String>,
    #[serde(default)]
    email: String,
    full_name: Option<String>,
    username: Option<String>,
}

/// The sign-up waiting in this session for `app`.
pub(crate) fn pending(
    inner: &Inner,
    req: &HttpRequest,
    app: &str,
) -> Result<PendingSignup, OAuthError> {
    let session = req.get_session();
    OAuthSession {
        session: &session,
        prefix: &inner.config.session_key_prefix,
    }
    .signup()
    .filter(|pending| pending.app == app)
    .ok_or_else(|| OAuthError::NoSignupInProgress {
        remote: app.to_owned(),
    })
}

fn render(
    inner: &Inner,
    req: &HttpRequest,
    runtime: &AppRuntime,
    status: StatusCode,
    form: &SignupForm,
    errors: &[FieldError],
) -> HttpResponse {
    let csrf_token = match csrf::token(&req.get_session()) {
        Ok(token) => token,
        Err(err) => return respond::error(inner, req, &err, None),
    };
    respond::page(
        inner,
        req,
        status,
        "oauthclient/signup.html",
        json!({
            "app_title": runtime.remote.title,
            "action": format!("/oauth/signup/{}/", runtime.remote.name),
            "csrf_token": csrf_token,
            "email": form.email,
            "full_name": form.full_name.clone().unwrap_or_default(),
            "errors": errors,
        }),
    )
}

pub(crate) async fn form(
    req: HttpRequest,
    app: web::Path<String>,
    inner: web::Data<Inner>,
) -> HttpResponse {
    let result =
        any_app(&inner, &app).and_then(|runtime| Ok((runtime, pending(&inner, &req, &app)?)));
    match result {
        Ok((runtime, pending)) => {
            let form = SignupForm {
                email: pending.account_info.email.clone().unwrap_or_default(),
                username: pending.account_info.username.clone(),
                full_name: pending.account_info.full_name.clone(),
            };
            render(&inner, &req, runtime, StatusCode::OK, &form, &[])
        }
        Err(err) => respond::error(&inner, &req, &err, None),
    }
}

pub(crate) async fn submit(
    req: HttpRequest,
    app: web::Path<String>,
    submission: web::Form<SignupSubmission>,
    inner: web::Data<Inner>,
) -> HttpResponse {
    let submission = submission.into_inner();
    if let Err(err) = csrf::verify(&req.get_session(), submission.csrf_token.as_deref()) {
        return respond::error(&inner, &req, &err, None);
    }
    let (runtime, pending) = match any_app(&inner, &app)
        .and_then(|runtime| Ok((runtime, pending(&inner, &req, &app)?)))
    {
        Ok(found) => found,
        Err(err) => return respond::error(&inner, &req, &err, None),
    };
    let form = SignupForm {
        email: submission.email,
        username: submission.username,
        full_name: submission.full_name,
    };
    match register(&inner, &req, runtime, &pending, &form).await {
        Ok(Some(errors)) => render(
            &inner,
            &req,
            runtime,
            StatusCode::BAD_REQUEST,
            &form,
            &errors,
        ),
        Ok(None) => respond::redirect(pending.next.as_deref().unwrap_or(&inner.paths.home)),
        Err(err) => respond::error(&inner, &req, &err, pending.next.as_deref()),
    }
}

/// Validates the form and creates + links + signs in the user. `Some(errors)` re-renders.
pub(crate) async fn register(
    inner: &Inner,
    req: &HttpRequest,
    runtime: &AppRuntime,
    pending: &PendingSignup,
    form: &SignupForm,
) -> Result<Option<Vec<FieldError>>, OAuthError> {
    let ctx = handler_context(inner, runtime, None);
    let user = match runtime
        .handlers
        .signup_view
        .signup(&ctx, &pending.account_info, form)
        .await?
    {
        SignupDecision::Invalid { errors } => return Ok(Some(errors)),
        SignupDecision::Register { user } => user,
    };
    let link = NewLink {
        client_id: runtime.remote.credentials.consumer_key.clone(),
        account_info: pending.account_info.clone(),
        token: pending.token.clone(),
        extra_data: json!({}),
    };
    let created = match inner.users.register_and_link(&user, &link).await {
        Ok(created) => created,
        // Taken between the check and the insert: show it like the check would have.
        Err(OAuthError::Store(err)) if err.is_conflict() => {
            return Ok(Some(vec![FieldError {
                field: "email".into(),
                message: err.message().to_owned(),
            }]));
        }
        Err(err) => return Err(err),
    };
    if let Some(account) = inner
        .accounts
        .remote_account(created.id, &link.client_id)
        .await?
    {
        let ctx = handler_context(inner, runtime, Some(created.id));
        run_account_setup(&ctx, created.id, &link, &account).await?;
    }
    let session = req.get_session();
    let oauth_session = OAuthSession {
        session: &session,
        prefix: &inner.config.session_key_prefix,
    };
    oauth_session.clear_signup();
    inner
        .current_user
        .sign_in(req, created.id, runtime.remote.remember)?;
    oauth_session.set_signed_in_with(&runtime.remote.name)?;
    audit::record(
        AuditEvent::SignUp,
        &runtime.remote.name,
        Some(created.id),
        "sign-up form",
    );
    Ok(None)
}
