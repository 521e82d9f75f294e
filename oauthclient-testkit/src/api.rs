//! `GET /api/user`: the resource server, GitHub style.

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE, HeaderMap, WWW_AUTHENTICATE};
use axum::response::{IntoResponse, Response};

use crate::protocol::JSON;
use crate::state::Shared;

/// Handles `GET /api/user`: the user the bearer token was issued for.
pub(crate) async fn user(State(shared): State<Arc<Shared>>, headers: HeaderMap) -> Response {
    let (user, groups) = {
        let state = shared.lock();
        let user = bearer_token(&headers).and_then(|token| state.user_for_access_token(token));
        (user, state.groups.clone())
    };
    match user {
        Some(user) => {
            let mut json = user.to_json();
            if !groups.is_empty() {
                json["groups"] = serde_json::json!(groups);
            }
            ([(CONTENT_TYPE, JSON)], json.to_string()).into_response()
        }
        None => (
            StatusCode::UNAUTHORIZED,
            [
                (CONTENT_TYPE, JSON),
                (WWW_AUTHENTICATE, r#"Bearer error="invalid_token""#),
            ],
            serde_json::json!({ "message": "Bad credentials" }).to_string(),
        )
            .into_response(),
    }
}

/// Answers unknown paths (and known paths asked with another method) like GitHub does.
pub(crate) async fn not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        [(CONTENT_TYPE, JSON)],
        serde_json::json!({ "message": "Not Found" }).to_string(),
    )
        .into_response()
}

/// The token of an `Authorization: Bearer <token>` header (scheme case-insensitive).
fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    let header = headers.get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = header.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}
