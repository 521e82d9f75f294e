//! Minimal local accounts (e-mail + argon2 password), so linking and the lock-out guard can be
//! shown: register, sign in, sign out.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use oauthclient_core::account::NewUser;
use oauthclient_core::handlers::defaults::SignupDefault;
use oauthclient_core::next_url::safe_next_url;
use oauthclient_core::{OAuthError, UserStore};
use oauthclient_web::{CurrentUser, SessionCurrentUser, push_flash, verify_csrf};
use serde::Deserialize;
use serde_json::json;

use crate::pages::render;
use crate::server::DemoState;

/// The shortest password accepted.
const MIN_PASSWORD_CHARS: usize = 8;

#[derive(Debug, Deserialize)]
pub struct Credentials {
    csrf_token: Option<String>,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    next: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

fn redirect(location: &str) -> HttpResponse {
    HttpResponse::Found()
        .insert_header(("Location", location))
        .finish()
}

async fn form_page(
    state: &DemoState,
    req: &HttpRequest,
    template: &str,
    status: StatusCode,
    context: serde_json::Value,
) -> HttpResponse {
    let mut response = render(state, req, template, context).await;
    *response.status_mut() = status;
    response
}

pub async fn login_form(
    req: HttpRequest,
    query: web::Query<NextQuery>,
    state: web::Data<DemoState>,
) -> HttpResponse {
    let next = query.next.clone().unwrap_or_default();
    render(
        &state,
        &req,
        "login.html",
        json!({"next": next, "email": ""}),
    )
    .await
}

pub async fn login(
    req: HttpRequest,
    form: web::Form<Credentials>,
    state: web::Data<DemoState>,
) -> HttpResponse {
    if verify_csrf(&req, form.csrf_token.as_deref()).is_err() {
        return HttpResponse::Forbidden().body("The form expired; please reload the page.");
    }
    let refused = || {
        form_page(
            &state,
            &req,
            "login.html",
            StatusCode::UNAUTHORIZED,
            json!({"email": form.email, "next": form.next, "error": "Wrong e-mail address or password."}),
        )
    };
    let found = match state.store.password_hash_by_email(&form.email).await {
        Ok(found) => found,
        Err(err) => return unavailable(&err),
    };
    let Some((user, Some(hash))) = found else {
        return refused().await;
    };
    let verified = PasswordHash::new(&hash).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(form.password.as_bytes(), &parsed)
            .is_ok()
    });
    if !verified || !user.active {
        return refused().await;
    }
    if let Err(err) = SessionCurrentUser::default().sign_in(&req, user.id, false) {
        return unavailable(&err);
    }
    let next = form
        .next
        .as_deref()
        .filter(|next| !next.is_empty())
        .and_then(|next| safe_next_url(next, &state.trusted_hosts).ok())
        .unwrap_or_else(|| "/".to_owned());
    redirect(&next)
}

pub async fn register_form(req: HttpRequest, state: web::Data<DemoState>) -> HttpResponse {
    render(&state, &req, "register.html", json!({"email": ""})).await
}

pub async fn register(
    req: HttpRequest,
    form: web::Form<Credentials>,
    state: web::Data<DemoState>,
) -> HttpResponse {
    if verify_csrf(&req, form.csrf_token.as_deref()).is_err() {
        return HttpResponse::Forbidden().body("The form expired; please reload the page.");
    }
    let invalid = |error: &str| {
        form_page(
            &state,
            &req,
            "register.html",
            StatusCode::BAD_REQUEST,
            json!({"email": form.email, "error": error}),
        )
    };
    if let Some(problem) = SignupDefault::email_problem(&form.email) {
        return invalid(problem).await;
    }
    if form.password.chars().count() < MIN_PASSWORD_CHARS {
        return invalid("Please choose a password of at least 8 characters.").await;
    }
    let salt = SaltString::generate(&mut rand::rngs::OsRng);
    let Ok(hash) = Argon2::default().hash_password(form.password.as_bytes(), &salt) else {
        return invalid("This password cannot be used.").await;
    };
    let user = NewUser {
        email: form.email.trim().to_owned(),
        username: None,
        full_name: None,
        confirmed: false,
    };
    let created = match state.store.create_user(&user).await {
        Ok(created) => created,
        Err(OAuthError::Store(err)) if err.is_conflict() => return invalid(err.message()).await,
        Err(err) => return unavailable(&err),
    };
    if let Err(err) = state
        .store
        .set_password_hash(created.id, Some(hash.to_string()))
        .await
    {
        return unavailable(&err);
    }
    if let Err(err) = SessionCurrentUser::default().sign_in(&req, created.id, false) {
        return unavailable(&err);
    }
    push_flash(&req, "success", "Your account was created.");
    redirect("/")
}

#[derive(Debug, Deserialize)]
pub struct LogoutForm {
    csrf_token: Option<String>,
}

pub async fn logout(req: HttpRequest, form: web::Form<LogoutForm>) -> HttpResponse {
    if verify_csrf(&req, form.csrf_token.as_deref()).is_err() {
        return HttpResponse::Forbidden().body("The form expired; please reload the page.");
    }
    // Forget the session's OAuth state too (the seed's oauth_logout_handler).
    redirect("/oauth/logout")
}

fn unavailable(err: &OAuthError) -> HttpResponse {
    tracing::error!(error = %err, "demo request failed");
    HttpResponse::ServiceUnavailable().body("The service is temporarily unavailable.")
}
