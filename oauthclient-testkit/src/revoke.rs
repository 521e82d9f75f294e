//! `POST /revoke`: token revocation (RFC 7009).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::http::header::HeaderMap;

use crate::client_auth::authenticate_client;
use crate::protocol::{Params, Refusal, require_form};
use crate::state::Shared;

/// Handles `POST /revoke`: `token=...` (and an optional `token_type_hint`) with client
/// authentication. Unknown tokens are answered `200` too (RFC 7009 §2.2).
pub(crate) async fn revoke(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<StatusCode, Refusal> {
    require_form(&headers)?;
    let params = Params::parse(&body);
    if let Some(name) = &params.repeated {
        return Err(Refusal::invalid_request(&format!(
            "parameter `{name}` is repeated"
        )));
    }
    authenticate_client(&shared, &headers, &params)?;
    let token = params
        .get("token")
        .ok_or_else(|| Refusal::invalid_request("token is required"))?;
    shared.lock().revoke(token);
    Ok(StatusCode::OK)
}
