//! `GET /api/user`: the resource server, GitHub style.

use actix_web::http::header::{AUTHORIZATION, ContentType, WWW_AUTHENTICATE};
use actix_web::{HttpRequest, HttpResponse, web};

use crate::state::Shared;

/// Handles `GET /api/user`: the user the bearer token was issued for.
pub(crate) async fn user(req: HttpRequest, shared: web::Data<Shared>) -> HttpResponse {
    let user = bearer_token(&req).and_then(|token| shared.lock().user_for_access_token(token));
    match user {
        Some(user) => HttpResponse::Ok()
            .content_type(ContentType::json())
            .body(user.to_json().to_string()),
        None => HttpResponse::Unauthorized()
            .content_type(ContentType::json())
            .insert_header((WWW_AUTHENTICATE, r#"Bearer error="invalid_token""#))
            .body(serde_json::json!({ "message": "Bad credentials" }).to_string()),
    }
}

/// Answers unknown paths like GitHub does.
pub(crate) async fn not_found() -> HttpResponse {
    HttpResponse::NotFound()
        .content_type(ContentType::json())
        .body(serde_json::json!({ "message": "Not Found" }).to_string())
}

/// The token of an `Authorization: Bearer <token>` header (scheme case-insensitive).
fn bearer_token(req: &HttpRequest) -> Option<&str> {
    let header = req.headers().get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = header.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}
