//! `GET, POST /oauth/signup/{app}/`: the extra sign-up step (the seed's `signup` view) for a
//! remote account that gave no usable e-mail address.

use actix_session::SessionExt;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use oauthclient_core::OAuthError;
use oauthclient_core::engine;
use oauthclient_core::handlers::{FieldError, SignupForm};
use oauthclient_core::pending_signup::PendingSignup;
use serde::Deserialize;
use serde_json::json;

use super::any_app;
use super::confirm_email::sent_page;
use crate::client::{AppRuntime, Inner};
use crate::session::{OAuthSession, start_signed_in};
use crate::{csrf, respond};

#[derive(Debug, Deserialize)]
pub(crate) struct SignupSubmission {
    csrf_token: Option<String>,
    #[serde(default)]
    email: String,
    full_name: Option<String>,
    username: Option<String>,
}

/// The sign-up this session is waiting on for `app` (kept in the store).
pub(crate) async fn pending(
    inner: &Inner,
    req: &HttpRequest,
    app: &str,
) -> Result<PendingSignup, OAuthError> {
    let session = req.get_session();
    OAuthSession {
        session: &session,
        prefix: &inner.config.session_key_prefix,
    }
    .held_signup(inner.accounts.as_ref())
    .await?
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

/// The app, if it may create accounts, and the sign-up waiting for it.
pub(crate) async fn open_signup<'a>(
    inner: &'a Inner,
    req: &HttpRequest,
    app: &str,
) -> Result<(&'a AppRuntime, PendingSignup), OAuthError> {
    let runtime = any_app(inner, app)?;
    let pending = pending(inner, req, app).await?;
    inner.engine().ensure_signup_open(runtime, &pending).await?;
    Ok((runtime, pending))
}

pub(crate) async fn form(
    req: HttpRequest,
    app: web::Path<String>,
    inner: web::Data<Inner>,
) -> HttpResponse {
    let result = open_signup(&inner, &req, &app).await;
    match result {
        Ok((runtime, pending)) if pending.unconfirmed_claim => {
            choice(&inner, &req, runtime, &pending)
        }
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
    let (runtime, pending) = match open_signup(&inner, &req, &app).await {
        // The choice comes first: no form creates an account past it.
        Ok((_, pending)) if pending.unconfirmed_claim => {
            return respond::redirect(&format!("/oauth/signup/{app}/"));
        }
        Ok(found) => found,
        Err(err) => return respond::error(&inner, &req, &err, None),
    };
    let form = SignupForm {
        email: submission.email,
        username: submission.username,
        full_name: submission.full_name,
    };
    match register(&inner, &req, runtime, &pending, &form).await {
        Ok(Registration::Invalid(errors)) => render(
            &inner,
            &req,
            runtime,
            StatusCode::BAD_REQUEST,
            &form,
            &errors,
        ),
        Ok(Registration::SignedIn { mail_failed, .. }) => {
            if mail_failed {
                crate::flash::push(
                    &req.get_session(),
                    "danger",
                    "Your account was created, but the confirmation e-mail could not be sent. \
                     Ask for a new link from your e-mail settings.",
                );
            }
            respond::redirect(pending.next.as_deref().unwrap_or(&inner.paths.home))
        }
        Ok(Registration::ConfirmFirst { email, mail_failed }) => sent_page(
            &inner,
            &req,
            &email,
            if mail_failed {
                "Your account was created, but the confirmation e-mail could not be sent right \
                 now. Ask for a new link below in a moment."
            } else {
                "Your account was created. Follow the link we sent to your e-mail address to \
                 confirm it, then sign in."
            },
        ),
        Err(err) => respond::error(&inner, &req, &err, pending.next.as_deref()),
    }
}

/// How a sign-up form submission ended.
pub(crate) enum Registration {
    /// Re-render the form with these errors.
    Invalid(Vec<FieldError>),
    /// Created and signed in.
    SignedIn {
        /// A confirmation link went out now (not under `email_verification = "none"`, not for
        /// a provider-verified address, not during the resend cooldown).
        mail_sent: bool,
        /// The confirmation mail could not be sent.
        mail_failed: bool,
    },
    /// Created, but verification is mandatory: not signed in until confirmed.
    ConfirmFirst {
        /// The address the link went to.
        email: String,
        /// The confirmation mail could not be sent.
        mail_failed: bool,
    },
}

/// The engine validates the form and creates + links the user; this sends the confirmation
/// link it asks for, forgets the pending sign-up, and signs the user in when it says so.
pub(crate) async fn register(
    inner: &Inner,
    req: &HttpRequest,
    runtime: &AppRuntime,
    pending: &PendingSignup,
    form: &SignupForm,
) -> Result<Registration, OAuthError> {
    let registration = inner.engine().sign_up(runtime, pending, form).await?;
    carry_out(inner, req, runtime, registration).await
}

/// Carries out what the engine decided about a registration: forgets the pending sign-up,
/// sends the confirmation link it asks for, and signs the user in when it says so.
pub(crate) async fn carry_out(
    inner: &Inner,
    req: &HttpRequest,
    runtime: &AppRuntime,
    registration: engine::Registration,
) -> Result<Registration, OAuthError> {
    let (created, send_confirmation, sign_in) = match registration {
        engine::Registration::Invalid(errors) => return Ok(Registration::Invalid(errors)),
        engine::Registration::Created {
            user,
            send_confirmation,
            sign_in,
        } => (user, send_confirmation, sign_in),
    };
    let session = req.get_session();
    let oauth_session = OAuthSession {
        session: &session,
        prefix: &inner.config.session_key_prefix,
    };
    oauth_session
        .release_signup(inner.accounts.as_ref())
        .await?;
    let (mail_sent, mail_failed) = if send_confirmation {
        match crate::confirmation::send(inner, &created).await {
            Ok(sent) => (sent, false),
            Err(OAuthError::MailUnavailable { .. }) => (false, true),
            Err(err) => return Err(err),
        }
    } else {
        (false, false)
    };
    if !sign_in {
        return Ok(Registration::ConfirmFirst {
            email: created.email,
            mail_failed,
        });
    }
    start_signed_in(inner, req, &created, runtime.remote.remember)?;
    oauth_session.set_signed_in_with(&runtime.remote.name)?;
    Ok(Registration::SignedIn {
        mail_sent,
        mail_failed,
    })
}

/// "An account with this address exists but was never confirmed": if one is the visitor's,
/// they sign in to it and connect the provider from there; if not, they continue.
fn choice(
    inner: &Inner,
    req: &HttpRequest,
    runtime: &AppRuntime,
    pending: &PendingSignup,
) -> HttpResponse {
    let csrf_token = match csrf::token(&req.get_session()) {
        Ok(token) => token,
        Err(err) => return respond::error(inner, req, &err, None),
    };
    let connect = format!("/oauth/login/{}/", runtime.remote.name);
    let next: String = url::form_urlencoded::byte_serialize(connect.as_bytes()).collect();
    respond::page(
        inner,
        req,
        StatusCode::OK,
        "oauthclient/unconfirmed_claim.html",
        json!({
            "app_title": runtime.remote.title,
            "email": pending.account_info.email,
            "login_url": inner.current_user.login_url().map(|login| format!("{login}?next={next}")),
            "continue_action": format!("/oauth/signup/{}/continue", runtime.remote.name),
            "csrf_token": csrf_token,
        }),
    )
}

/// `POST /oauth/signup/{app}/continue`: "none of these accounts is mine".
pub(crate) async fn continue_as_new(
    req: HttpRequest,
    app: web::Path<String>,
    form: web::Form<ContinueForm>,
    inner: web::Data<Inner>,
) -> HttpResponse {
    if let Err(err) = csrf::verify(&req.get_session(), form.csrf_token.as_deref()) {
        return respond::error(&inner, &req, &err, None);
    }
    let (runtime, pending) = match open_signup(&inner, &req, &app).await {
        Ok(found) => found,
        Err(err) => return respond::error(&inner, &req, &err, None),
    };
    let registered = match inner.engine().continue_sign_up(runtime, &pending).await {
        Ok(registration) => carry_out(&inner, &req, runtime, registration).await,
        Err(err) => Err(err),
    };
    match registered {
        Ok(_) => respond::redirect(pending.next.as_deref().unwrap_or(&inner.paths.home)),
        Err(err) => respond::error(&inner, &req, &err, pending.next.as_deref()),
    }
}

/// The "continue" form: its CSRF token only.
#[derive(Debug, Deserialize)]
pub(crate) struct ContinueForm {
    csrf_token: Option<String>,
}
