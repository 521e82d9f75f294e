//! Minimal local accounts (e-mail + argon2 password), so linking and the lock-out guard can be
//! shown: register, sign in, sign out.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use std::sync::Arc;

use async_trait::async_trait;
use oauthclient_core::account::{NewUser, User};
use oauthclient_core::clock::{Clock, SystemClock};
use oauthclient_core::email::{EmailVerification, SignupPolicy};
use oauthclient_core::handlers::defaults::SignupDefault;
use oauthclient_core::host_policy::HostPolicy;
use oauthclient_core::next_url::safe_next_url;
use oauthclient_core::{Message, OAuthError, UserStore};
use oauthclient_store_diesel::DieselStore;
use oauthclient_web::frontend::Arg;
use oauthclient_web::{check_rate_limit, push_flash_message, verify_csrf};
use serde::Deserialize;
use serde_json::json;

use crate::i18n::Texts;
use crate::pages::{render, render_in};
use crate::server::DemoState;

/// The shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 8;

/// The sign-in and registration form. No `Debug`: it holds the password (and the CSRF token).
#[derive(Deserialize)]
pub struct Credentials {
    csrf_token: Option<String>,
    /// Sign-in: an e-mail address or a username. Registration: the e-mail address.
    #[serde(default)]
    email: String,
    /// Registration only: an optional username, a second way to sign in (an account whose
    /// unconfirmed address another account confirms keeps it).
    #[serde(default)]
    username: String,
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
    texts: &Texts,
    template: &str,
    status: StatusCode,
    context: serde_json::Value,
) -> HttpResponse {
    let mut response = render_in(state, req, texts, template, context).await;
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
    let texts = Texts::of(&state.localizer, &req).await;
    // First, before any argon2 work: a flood of attempts must not cost the CPU either.
    if let Err(limited) = check_rate_limit(&state.login_limiter, &req) {
        return too_many_attempts(&state, &req, &texts, &form, limited.retry_after).await;
    }
    if verify_csrf(&req, form.csrf_token.as_deref()).is_err() {
        return form_expired(&texts);
    }
    let refused = || {
        form_page(
            &state,
            &req,
            &texts,
            "login.html",
            StatusCode::UNAUTHORIZED,
            json!({"email": form.email, "next": form.next, "error": texts.get("demo-login-wrong-credentials")}),
        )
    };
    // Several accounts may claim one address until one of them confirms it: the password
    // tells them apart (the username's account first, then the address's holder, then the
    // unconfirmed claims, oldest first; at most a handful, so the work stays bounded).
    let claimed_since = SystemClock
        .now()
        .saturating_sub(state.oauth.config().accounts.unconfirmed_expires);
    let candidates = match state
        .store
        .sign_in_candidates(&form.email, claimed_since)
        .await
    {
        Ok(candidates) => candidates,
        Err(err) => return unavailable(&texts, &err),
    };
    let Some(user) = first_with_password(candidates, &form.password).filter(|user| user.active)
    else {
        return refused().await;
    };
    match state.oauth.sign_in(&req, &user) {
        Ok(()) => {}
        Err(OAuthError::EmailUnconfirmed { .. }) => {
            return form_page(
                &state,
                &req,
                &texts,
                "check_inbox.html",
                StatusCode::FORBIDDEN,
                json!({"email": user.email, "message": texts.get("demo-login-email-unconfirmed")}),
            )
            .await;
        }
        Err(err) => return unavailable(&texts, &err),
    }
    let next = form
        .next
        .as_deref()
        .filter(|next| !next.is_empty())
        .and_then(|next| safe_next_url(next, &state.trusted_hosts).ok())
        .unwrap_or_else(|| "/".to_owned());
    redirect(&next)
}

/// 429 with `Retry-After` and the form again, saying how long to wait.
async fn too_many_attempts(
    state: &DemoState,
    req: &HttpRequest,
    texts: &Texts,
    form: &Credentials,
    wait: std::time::Duration,
) -> HttpResponse {
    let seconds = wait.as_secs().max(1);
    tracing::info!(retry_after = seconds, "password sign-in rate limited");
    let count = i64::try_from(seconds).unwrap_or(i64::MAX);
    let error = texts.format("demo-login-rate-limited", &[("seconds", Arg::from(count))]);
    let mut response = form_page(
        state,
        req,
        texts,
        "login.html",
        StatusCode::TOO_MANY_REQUESTS,
        json!({"email": form.email, "next": form.next, "error": error}),
    )
    .await;
    response.headers_mut().insert(
        actix_web::http::header::RETRY_AFTER,
        actix_web::http::header::HeaderValue::from(seconds),
    );
    response
}

pub async fn register_form(req: HttpRequest, state: web::Data<DemoState>) -> HttpResponse {
    render(&state, &req, "register.html", json!({"email": ""})).await
}

pub async fn register(
    req: HttpRequest,
    form: web::Form<Credentials>,
    state: web::Data<DemoState>,
) -> HttpResponse {
    let texts = Texts::of(&state.localizer, &req).await;
    if verify_csrf(&req, form.csrf_token.as_deref()).is_err() {
        return form_expired(&texts);
    }
    let invalid = |error: String| {
        form_page(
            &state,
            &req,
            &texts,
            "register.html",
            StatusCode::BAD_REQUEST,
            json!({"email": form.email, "username": form.username, "error": error}),
        )
    };
    if state.oauth.config().accounts.signup == SignupPolicy::Closed {
        return form_page(
            &state,
            &req,
            &texts,
            "register.html",
            StatusCode::FORBIDDEN,
            json!({"email": form.email, "error": texts.get("error-signup-closed")}),
        )
        .await;
    }
    if let Some(problem) = registration_problem(&texts, &form) {
        return invalid(problem).await;
    }
    let salt = SaltString::generate(&mut rand::rngs::OsRng);
    let Ok(hash) = Argon2::default().hash_password(form.password.as_bytes(), &salt) else {
        return invalid(texts.get("demo-register-password-unusable")).await;
    };
    let username = form.username.trim();
    let user = NewUser {
        email: form.email.trim().to_owned(),
        username: (!username.is_empty()).then(|| username.to_owned()),
        full_name: None,
        confirmed: false,
    };
    let created = match state.store.create_user(&user).await {
        Ok(created) => created,
        Err(err) if err.is_conflict() => {
            let id = match err.field() {
                Some("username") => "signup-error-username-taken",
                _ => "signup-error-email-taken",
            };
            return invalid(texts.get(id)).await;
        }
        Err(err) => return unavailable(&texts, &err),
    };
    if let Err(err) = state
        .store
        .set_password_hash(&created.id, Some(hash.to_string()))
        .await
    {
        return unavailable(&texts, &err);
    }
    // A typed address proves nothing until its link is followed.
    let verification = state.oauth.config().accounts.email_verification;
    let mail_failed = if verification.sends_mail() {
        match state.oauth.send_confirmation(&created).await {
            Ok(_) => false,
            Err(OAuthError::MailUnavailable { .. }) => true,
            Err(err) => return unavailable(&texts, &err),
        }
    } else {
        false
    };
    if verification == EmailVerification::Mandatory {
        let message = texts.get(if mail_failed {
            "confirmation-sent-created-mail-failed"
        } else {
            "confirmation-sent-created"
        });
        return form_page(
            &state,
            &req,
            &texts,
            "check_inbox.html",
            StatusCode::OK,
            json!({"email": created.email, "message": message}),
        )
        .await;
    }
    if let Err(err) = state.oauth.sign_in(&req, &created) {
        return unavailable(&texts, &err);
    }
    let created = match (verification.sends_mail(), mail_failed) {
        (true, false) => "demo-flash-created-link-sent",
        (true, true) => "demo-flash-created-mail-failed",
        (false, _) => "demo-flash-created",
    };
    push_flash_message(&req, "success", &Message::new(created));
    redirect("/")
}

/// The first candidate whose password is `password`. Unknown logins pay for one argon2
/// verification too: the answer's timing must not tell which logins have accounts.
fn first_with_password(candidates: Vec<(User, Option<String>)>, password: &str) -> Option<User> {
    if candidates.is_empty() {
        verifies(dummy_hash(), password);
        return None;
    }
    candidates
        .into_iter()
        .find(|(_, hash)| verifies(hash.as_deref().unwrap_or(dummy_hash()), password))
        .map(|(user, _)| user)
}

/// Whether `password` matches the argon2 `hash`.
fn verifies(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// The demo's host policy: it keeps the passwords (argon2 hashes in the store), so a
/// confirmation page can ask the account's holder for theirs.
pub struct DemoPolicy {
    /// Where the hashes are.
    pub store: Arc<DieselStore>,
}

#[async_trait]
impl HostPolicy for DemoPolicy {
    fn verifies_passwords(&self) -> bool {
        true
    }

    async fn verify_password(&self, user: &User, password: &str) -> bool {
        match self.store.password_hash(&user.id).await {
            Ok(Some(hash)) => verifies(&hash, password),
            Ok(None) => {
                verifies(dummy_hash(), password);
                false
            }
            Err(err) => {
                tracing::error!(error = %err, "cannot read a password hash");
                false
            }
        }
    }
}

/// A valid argon2 hash of a random password, computed once: verified against when the
/// address is unknown, so both answers take as long.
fn dummy_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| {
        let salt = SaltString::generate(&mut rand::rngs::OsRng);
        let mut password = [0_u8; 16];
        rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut password);
        Argon2::default()
            .hash_password(&password, &salt)
            .map(|hash| hash.to_string())
            .unwrap_or_default()
    })
}

/// What is wrong with a registration form, checked before any work: the address, the
/// password's length, an `@` in the username.
fn registration_problem(texts: &Texts, form: &Credentials) -> Option<String> {
    // The library's sign-up form says the same about an address.
    if let Some(problem) = SignupDefault::email_problem(&form.email) {
        return Some(texts.message(&problem.message()));
    }
    if form.password.chars().count() < MIN_PASSWORD_CHARS {
        let min = Arg::from(i64::try_from(MIN_PASSWORD_CHARS).unwrap_or(i64::MAX));
        return Some(texts.format("demo-register-password-too-short", &[("min", min)]));
    }
    if form.username.trim().contains('@') {
        return Some(texts.get("demo-register-username-at"));
    }
    None
}

/// 403, plain text: the form's CSRF token did not match the session's.
fn form_expired(texts: &Texts) -> HttpResponse {
    HttpResponse::Forbidden()
        .content_type("text/plain; charset=utf-8")
        .body(texts.get("demo-error-form-expired"))
}

fn unavailable(texts: &Texts, err: &dyn std::fmt::Display) -> HttpResponse {
    tracing::error!(error = %err, "demo request failed");
    HttpResponse::ServiceUnavailable()
        .content_type("text/plain; charset=utf-8")
        .body(texts.get("api-error-unavailable"))
}
