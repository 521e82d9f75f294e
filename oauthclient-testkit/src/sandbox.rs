//! Sandbox mode ([`crate::FakeProviderBuilder::interactive`]): `/authorize` shows a login
//! page and a consent page instead of answering at once, so a person can click through a
//! whole flow in a browser.
//!
//! `GET /authorize` checks the request as usual, keeps it server-side under a random
//! pending id and shows the login page. `POST /login` signs in [`FakeUser::sandbox`] and
//! shows the consent page. `POST /consent` approves (a code, exactly as without the
//! sandbox) or denies (`error=access_denied`). The forms carry only the pending id and a
//! random per-request token, checked on every post, so the request cannot be altered.

use std::sync::Arc;
use std::time::Instant;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE, REFERRER_POLICY, X_FRAME_OPTIONS,
};
use axum::response::{IntoResponse, Response};

use crate::protocol::{HTML, Params, redirect};
use crate::sandbox_pages::{self as pages, ConsentPage, LoginPage};
use crate::sandbox_state::{Pending, Problem};
use crate::state::Shared;
use crate::user::FakeUser;

/// The username the login form starts with.
const DEFAULT_USERNAME: &str = "octo";
/// The longest username accepted (GitHub's limit).
const USERNAME_MAX: usize = 39;

/// `GET /authorize` in sandbox mode, once the request is checked: the login page.
pub(crate) fn begin(shared: &Shared, pending: Pending) -> Response {
    let csrf = pending.csrf.clone();
    let id = shared.lock().pending.insert(pending, Instant::now());
    page(
        StatusCode::OK,
        &pages::login(&LoginPage {
            client_name: &shared.client_name,
            pending: &id,
            csrf: &csrf,
            username: DEFAULT_USERNAME,
            share_email: true,
            error: None,
        }),
    )
}

/// Handles `POST /login`: signs the sandbox user in and shows the consent page.
pub(crate) async fn login(State(shared): State<Arc<Shared>>, body: Bytes) -> Response {
    let params = Params::parse(&body);
    if params.repeated.is_some() {
        return problem(Problem::Malformed);
    }
    let (id, token) = form_ids(&params);
    let username = params.get("username").unwrap_or_default().trim();
    let share_email = params.get("share_email").is_some();

    let mut state = shared.lock();
    let pending = match state.pending.checked(id, token, Instant::now()) {
        Ok(pending) => pending,
        Err(err) => return problem(err),
    };
    if !valid_username(username) {
        let csrf = pending.csrf.clone();
        drop(state);
        let message =
            format!("Choose a username of 1 to {USERNAME_MAX} letters, digits, '.', '-' or '_'.");
        return page(
            StatusCode::BAD_REQUEST,
            &pages::login(&LoginPage {
                client_name: &shared.client_name,
                pending: id,
                csrf: &csrf,
                username,
                share_email,
                error: Some(&message),
            }),
        );
    }
    let mut user = FakeUser::sandbox(username);
    if !share_email {
        user.email = None;
    }
    pending.user = Some(user.clone());
    let csrf = pending.csrf.clone();
    let scope = pending.scope.clone();
    let return_to = pending.redirect_uri.origin().ascii_serialization();
    drop(state);
    page(
        StatusCode::OK,
        &pages::consent(&ConsentPage {
            client_name: &shared.client_name,
            pending: id,
            csrf: &csrf,
            user: &user,
            scope: scope.as_deref(),
            return_to: &return_to,
        }),
    )
}

/// Handles `POST /consent`: approve → a code, deny → `access_denied`, both redirected back.
pub(crate) async fn consent(State(shared): State<Arc<Shared>>, body: Bytes) -> Response {
    let params = Params::parse(&body);
    if params.repeated.is_some() {
        return problem(Problem::Malformed);
    }
    let (id, token) = form_ids(&params);

    let mut state = shared.lock();
    let pending = match state.pending.checked(id, token, Instant::now()) {
        Ok(pending) => pending,
        Err(err) => return problem(err),
    };
    let approve = match params.get("decision") {
        Some("approve") => true,
        Some("deny") => false,
        _ => return problem(Problem::Malformed),
    };
    if pending.user.is_none() {
        return problem(Problem::NotSignedIn);
    }
    let Some(Pending {
        redirect_uri,
        raw_redirect,
        state: client_state,
        code_challenge,
        scope,
        user: Some(user),
        ..
    }) = state.pending.remove(id)
    else {
        return problem(Problem::Unknown);
    };
    if !approve {
        drop(state);
        return redirect(
            &redirect_uri,
            &[
                ("error", "access_denied"),
                ("error_description", "The user denied the request."),
            ],
            client_state.as_deref(),
        );
    }
    let code = state.issue_code_for(
        user,
        &shared.client_id,
        &raw_redirect,
        code_challenge.as_deref(),
        scope.as_deref(),
    );
    drop(state);
    redirect(&redirect_uri, &[("code", &code)], client_state.as_deref())
}

/// The pending id and form token of a posted form (empty when missing).
fn form_ids(params: &Params) -> (&str, &str) {
    (
        params.get("pending").unwrap_or_default(),
        params.get("csrf_token").unwrap_or_default(),
    )
}

/// 1 to [`USERNAME_MAX`] ASCII letters, digits, `.`, `-` or `_`.
fn valid_username(username: &str) -> bool {
    (1..=USERNAME_MAX).contains(&username.len())
        && username
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || b".-_".contains(&byte))
}

/// The `400` page for a refused form.
fn problem(problem: Problem) -> Response {
    let (title, message) = match problem {
        Problem::Unknown => (
            "Unknown sign-in request",
            "This sign-in request is unknown: it was answered already, or the sandbox \
             provider restarted. Start again from the application.",
        ),
        Problem::Expired => (
            "Sign-in request expired",
            "This sign-in request was not finished within 10 minutes. Start again from the \
             application.",
        ),
        Problem::BadToken => (
            "Form check failed",
            "The form's security token does not match this sign-in request. Start again \
             from the application.",
        ),
        Problem::Malformed => (
            "Malformed form",
            "The form was not one the sandbox provider sent. Start again from the \
             application.",
        ),
        Problem::NotSignedIn => (
            "Not signed in",
            "Sign in before answering the consent page. Start again from the application.",
        ),
    };
    page(StatusCode::BAD_REQUEST, &pages::problem(title, message))
}

/// An HTML page that is never cached, framed, or allowed to load anything.
fn page(status: StatusCode, html: &str) -> Response {
    (
        status,
        [
            (CONTENT_TYPE, HTML),
            (CACHE_CONTROL, "no-store"),
            (
                CONTENT_SECURITY_POLICY,
                "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; \
                 base-uri 'none'",
            ),
            (X_FRAME_OPTIONS, "DENY"),
            (REFERRER_POLICY, "no-referrer"),
        ],
        html.to_owned(),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames() {
        assert!(valid_username("octo"));
        assert!(valid_username("mary-jane.o_k"));
        assert!(valid_username(&"a".repeat(USERNAME_MAX)));
        assert!(!valid_username(""));
        assert!(!valid_username(&"a".repeat(USERNAME_MAX + 1)));
        assert!(!valid_username("a b"));
        assert!(!valid_username("<b>"));
        assert!(!valid_username("ada@example.org"));
    }
}
