//! Taking the fake provider's token answer apart and putting a reshaped one together.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, HeaderMap, HeaderValue, PRAGMA};
use axum::response::{IntoResponse, Response};

use crate::protocol::JSON;
use crate::state::Shared;

/// A token endpoint answer, read back.
pub(crate) struct Answer {
    pub status: StatusCode,
    content_type: Option<HeaderValue>,
    pub body: Bytes,
}

impl Answer {
    /// Runs the fake provider's `/token` (refusals included) and reads its answer.
    pub async fn from_token_endpoint(shared: Arc<Shared>, headers: HeaderMap, body: Bytes) -> Self {
        let response = crate::token::token(State(shared), headers, body)
            .await
            .into_response();
        let status = response.status();
        let content_type = response.headers().get(CONTENT_TYPE).cloned();
        // The body is one in-memory buffer (at most a `Fault::HugeBody`): no limit to guard.
        match axum::body::to_bytes(response.into_body(), usize::MAX).await {
            Ok(body) => Self {
                status,
                content_type,
                body,
            },
            Err(_) => Self {
                status: StatusCode::INTERNAL_SERVER_ERROR,
                content_type: None,
                body: Bytes::new(),
            },
        }
    }

    /// The body as a JSON object, if it is one.
    pub fn json_object(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        match serde_json::from_slice(&self.body) {
            Ok(serde_json::Value::Object(fields)) => Some(fields),
            _ => None,
        }
    }

    /// The answer unchanged.
    pub fn unchanged(self) -> Response {
        let mut response = (
            self.status,
            [(CACHE_CONTROL, HeaderValue::from_static("no-store"))],
            self.body,
        )
            .into_response();
        // `Bytes` answers `application/octet-stream`: put back the original type, or none.
        match self.content_type {
            Some(content_type) => response.headers_mut().insert(CONTENT_TYPE, content_type),
            None => response.headers_mut().remove(CONTENT_TYPE),
        };
        response
    }
}

/// A JSON token endpoint answer.
pub(crate) fn token_json(
    status: StatusCode,
    fields: serde_json::Map<String, serde_json::Value>,
) -> Response {
    (
        status,
        [
            (CONTENT_TYPE, JSON),
            (CACHE_CONTROL, "no-store"),
            (PRAGMA, "no-cache"),
        ],
        serde_json::Value::Object(fields).to_string(),
    )
        .into_response()
}

/// A JSON API answer.
pub(crate) fn api_json(status: StatusCode, body: &serde_json::Value) -> Response {
    (status, [(CONTENT_TYPE, JSON)], body.to_string()).into_response()
}
