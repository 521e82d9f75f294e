//! Misbehaviours the token endpoint can be told to show.

use std::time::Duration;

use axum::http::StatusCode;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};

use crate::protocol::{HTML, JSON};

/// Size of the [`Fault::HugeBody`] answer: 5 MiB.
pub const HUGE_BODY_BYTES: usize = 5 * 1024 * 1024;

/// A fault the token endpoint (`POST /token`) shows instead of its normal answer, for every
/// grant type, until cleared with `set_token_fault(None)`.
///
/// A fault other than [`Fault::Slow`] answers before the request is checked: the
/// authorization code (or refresh token) is not spent, so the same flow can be retried once
/// the fault is cleared. Every request is still recorded in `token_requests()`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Fault {
    /// HTTP 500 with a JSON body `{"error": "server_error", ...}`.
    ServerError,
    /// HTTP 200 with a `text/html` page (a provider's login or maintenance page).
    Html,
    /// HTTP 200, `application/json`, body `{not json`.
    GarbageJson,
    /// HTTP 200 with a well-formed token response lacking `access_token`.
    MissingAccessToken,
    /// Waits this long, then answers normally (for client timeouts).
    Slow(Duration),
    /// HTTP 400 `{"error": <code>}` (RFC 6749 §5.2), e.g. `invalid_grant`.
    OAuthError(String),
    /// HTTP 200 with a valid JSON token response padded to 5 MiB (for body-size caps).
    HugeBody,
}

/// The answer that replaces the token endpoint's; `None` for [`Fault::Slow`], which answers
/// normally after its delay.
pub(crate) fn response(fault: &Fault) -> Option<Response> {
    let json = |status: StatusCode, body: String| {
        (
            status,
            [(CONTENT_TYPE, JSON), (CACHE_CONTROL, "no-store")],
            body,
        )
            .into_response()
    };
    Some(match fault {
        Fault::Slow(_) => return None,
        Fault::ServerError => json(
            StatusCode::INTERNAL_SERVER_ERROR,
            serde_json::json!({
                "error": "server_error",
                "error_description": "The fake provider was told to fail.",
            })
            .to_string(),
        ),
        Fault::Html => (
            [(CONTENT_TYPE, HTML)],
            "<!DOCTYPE html><html><head><title>Sign in</title></head>\
             <body><h1>We are down for maintenance</h1></body></html>",
        )
            .into_response(),
        Fault::GarbageJson => json(StatusCode::OK, "{not json".to_owned()),
        Fault::MissingAccessToken => json(
            StatusCode::OK,
            serde_json::json!({"token_type": "bearer", "expires_in": 3600}).to_string(),
        ),
        Fault::OAuthError(code) => json(
            StatusCode::BAD_REQUEST,
            serde_json::json!({ "error": code }).to_string(),
        ),
        Fault::HugeBody => json(StatusCode::OK, huge_body()),
    })
}

/// A valid token response of exactly [`HUGE_BODY_BYTES`] bytes.
fn huge_body() -> String {
    let head = r#"{"access_token":"testkit_huge","token_type":"bearer","padding":""#;
    let tail = r#""}"#;
    let padding = HUGE_BODY_BYTES - head.len() - tail.len();
    let mut body = String::with_capacity(HUGE_BODY_BYTES);
    body.push_str(head);
    body.extend(std::iter::repeat_n('x', padding));
    body.push_str(tail);
    body
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn huge_body_is_valid_json_of_the_announced_size() {
        let body = huge_body();
        assert_eq!(body.len(), HUGE_BODY_BYTES);
        let json: serde_json::Value = serde_json::from_str(&body).expect("valid JSON");
        assert_eq!(json["access_token"], "testkit_huge");
    }

    #[test]
    fn slow_answers_normally() {
        assert!(response(&Fault::Slow(Duration::from_millis(1))).is_none());
        assert!(response(&Fault::Html).is_some());
    }
}
