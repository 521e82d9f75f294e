//! `POST /revoke`: token revocation (RFC 7009).

use actix_web::{HttpRequest, HttpResponse, web};

use crate::protocol::{Params, Refusal, authenticate_client, require_form};
use crate::state::Shared;

/// Handles `POST /revoke`: `token=...` (and an optional `token_type_hint`) with client
/// authentication. Unknown tokens are answered `200` too (RFC 7009 §2.2).
pub(crate) async fn revoke(
    req: HttpRequest,
    body: web::Bytes,
    shared: web::Data<Shared>,
) -> Result<HttpResponse, Refusal> {
    require_form(&req)?;
    let params = Params::parse(&body);
    if let Some(name) = &params.repeated {
        return Err(Refusal::invalid_request(&format!(
            "parameter `{name}` is repeated"
        )));
    }
    authenticate_client(&shared, &req, &params)?;
    let token = params
        .get("token")
        .ok_or_else(|| Refusal::invalid_request("token is required"))?;
    shared.lock().revoke(token);
    Ok(HttpResponse::Ok().finish())
}
