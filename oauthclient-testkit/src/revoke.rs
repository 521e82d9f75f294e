//! `POST /revoke`: token revocation (RFC 7009).

use actix_web::{HttpRequest, HttpResponse, web};

use crate::protocol::{Params, authenticate_client, invalid_request, require_form};
use crate::state::Shared;

/// Handles `POST /revoke`: `token=...` (and an optional `token_type_hint`) with client
/// authentication. Unknown tokens are answered `200` too (RFC 7009 §2.2).
pub(crate) async fn revoke(
    req: HttpRequest,
    body: web::Bytes,
    shared: web::Data<Shared>,
) -> HttpResponse {
    if let Err(response) = require_form(&req) {
        return response;
    }
    let params = Params::parse(&body);
    if let Some(name) = &params.repeated {
        return invalid_request(&format!("parameter `{name}` is repeated"));
    }
    if let Err(response) = authenticate_client(&shared, &req, &params) {
        return response;
    }
    let Some(token) = params.get("token") else {
        return invalid_request("token is required");
    };
    shared.lock().revoke(token);
    HttpResponse::Ok().finish()
}
