//! Taking the fake provider's token answer apart and putting a reshaped one together.

use actix_web::http::StatusCode;
use actix_web::http::header::{CACHE_CONTROL, CONTENT_TYPE, ContentType, HeaderValue, PRAGMA};
use actix_web::{HttpRequest, HttpResponse, ResponseError, web};

use crate::state::Shared;

/// A token endpoint answer, read back.
pub(crate) struct Answer {
    pub status: StatusCode,
    content_type: Option<HeaderValue>,
    pub body: web::Bytes,
}

impl Answer {
    /// Runs the fake provider's `/token` (refusals included) and reads its answer.
    pub async fn from_token_endpoint(
        req: HttpRequest,
        body: web::Bytes,
        shared: web::Data<Shared>,
    ) -> Self {
        let response = match crate::token::token(req, body, shared).await {
            Ok(response) => response,
            Err(refusal) => refusal.error_response(),
        };
        let status = response.status();
        let content_type = response.headers().get(CONTENT_TYPE).cloned();
        match actix_web::body::to_bytes(response.into_body()).await {
            Ok(body) => Self {
                status,
                content_type,
                body,
            },
            Err(_) => Self {
                status: StatusCode::INTERNAL_SERVER_ERROR,
                content_type: None,
                body: web::Bytes::new(),
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
    pub fn unchanged(self) -> HttpResponse {
        let mut response = HttpResponse::build(self.status);
        if let Some(content_type) = self.content_type {
            response.insert_header((CONTENT_TYPE, content_type));
        }
        response.insert_header((CACHE_CONTROL, "no-store"));
        response.body(self.body)
    }
}

/// A JSON token endpoint answer.
pub(crate) fn token_json(
    status: StatusCode,
    fields: serde_json::Map<String, serde_json::Value>,
) -> HttpResponse {
    HttpResponse::build(status)
        .content_type(ContentType::json())
        .insert_header((CACHE_CONTROL, "no-store"))
        .insert_header((PRAGMA, "no-cache"))
        .body(serde_json::Value::Object(fields).to_string())
}

/// A JSON API answer.
pub(crate) fn api_json(status: StatusCode, body: &serde_json::Value) -> HttpResponse {
    HttpResponse::build(status)
        .content_type(ContentType::json())
        .body(body.to_string())
}
