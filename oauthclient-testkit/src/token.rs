//! `POST /token`: the token endpoint (RFC 6749 §4.1.3 and §6, RFC 7636 §4.6).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::http::header::{AUTHORIZATION, CACHE_CONTROL, CONTENT_TYPE, HeaderMap, PRAGMA};
use axum::response::{IntoResponse, Response};
use base64ct::{Base64UrlUnpadded, Encoding};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::authorize::is_pkce_string;
use crate::client_auth::authenticate_client;
use crate::faults::{self, Fault};
use crate::protocol::{JSON, Params, Refusal, require_form};
use crate::state::{Issued, RefreshError, Shared};

/// Lifetime announced in `expires_in`.
const EXPIRES_IN: u64 = 3600;

/// Handles `POST /token`.
pub(crate) async fn token(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, Refusal> {
    let params = Params::parse(&body);
    let mut record = params.map.clone();
    if let Some(header) = headers.get(AUTHORIZATION) {
        let value = String::from_utf8_lossy(header.as_bytes()).into_owned();
        record.insert("authorization".to_owned(), value);
    }
    let fault = {
        let mut state = shared.lock();
        state.token_log.push(record);
        state.token_fault.clone()
    };
    match fault {
        Some(Fault::Slow(delay)) => tokio::time::sleep(delay).await,
        Some(fault) => {
            if let Some(response) = faults::response(&fault) {
                return Ok(response);
            }
        }
        None => {}
    }

    require_form(&headers)?;
    if let Some(name) = &params.repeated {
        return Err(Refusal::invalid_request(&format!(
            "parameter `{name}` is repeated"
        )));
    }
    let client_id = authenticate_client(&shared, &headers, &params)?;
    let issued = match params.get("grant_type") {
        Some("authorization_code") => authorization_code(&shared, &client_id, &params)?,
        Some("refresh_token") => refresh_token(&shared, &params)?,
        Some(_) => {
            return Err(Refusal::new(
                StatusCode::BAD_REQUEST,
                "unsupported_grant_type",
                "only authorization_code and refresh_token",
            ));
        }
        None => return Err(Refusal::invalid_request("grant_type is required")),
    };
    Ok(token_response(&issued))
}

/// `grant_type=authorization_code`.
fn authorization_code(
    shared: &Shared,
    client_id: &str,
    params: &Params,
) -> Result<Issued, Refusal> {
    let code = params
        .get("code")
        .ok_or_else(|| Refusal::invalid_request("code is required"))?;
    let mut state = shared.lock();
    let grant = state
        .redeem_code(code)
        .ok_or_else(|| Refusal::invalid_grant("unknown or already used authorization code"))?;
    if grant.client_id != client_id {
        return Err(Refusal::invalid_grant(
            "the code was issued to another client",
        ));
    }
    if params.get("redirect_uri") != Some(grant.redirect_uri.as_str()) {
        return Err(Refusal::invalid_grant(
            "redirect_uri does not match the authorization request",
        ));
    }
    match (grant.code_challenge.as_deref(), params.get("code_verifier")) {
        (None, None) => {}
        (Some(challenge), Some(verifier)) => {
            if !pkce_matches(verifier, challenge) {
                return Err(Refusal::invalid_grant(
                    "code_verifier does not match code_challenge",
                ));
            }
        }
        (Some(_), None) => return Err(Refusal::invalid_grant("code_verifier is required")),
        (None, Some(_)) => {
            return Err(Refusal::invalid_grant(
                "code_verifier sent, but the authorization request had no code_challenge",
            ));
        }
    }
    Ok(state.issue_tokens(&grant))
}

/// `grant_type=refresh_token`: rotates the refresh token.
fn refresh_token(shared: &Shared, params: &Params) -> Result<Issued, Refusal> {
    let refresh_token = params
        .get("refresh_token")
        .ok_or_else(|| Refusal::invalid_request("refresh_token is required"))?;
    shared
        .lock()
        .refresh(refresh_token, params.get("scope"))
        .map_err(|err| match err {
            RefreshError::Invalid => {
                Refusal::invalid_grant("unknown, rotated or revoked refresh token")
            }
            RefreshError::ScopeTooWide => Refusal::new(
                StatusCode::BAD_REQUEST,
                "invalid_scope",
                "the scope exceeds the original grant",
            ),
        })
}

/// `BASE64URL-NOPAD(SHA256(verifier)) == challenge`, compared in constant time.
fn pkce_matches(verifier: &str, challenge: &str) -> bool {
    if !is_pkce_string(verifier) {
        return false;
    }
    let computed = Base64UrlUnpadded::encode_string(&Sha256::digest(verifier.as_bytes()));
    computed.as_bytes().ct_eq(challenge.as_bytes()).into()
}

/// The RFC 6749 §5.1 success answer.
fn token_response(issued: &Issued) -> Response {
    let mut body = serde_json::json!({
        "access_token": issued.access_token,
        "token_type": "bearer",
        "expires_in": EXPIRES_IN,
        "refresh_token": issued.refresh_token,
    });
    if let Some(scope) = &issued.scope {
        body["scope"] = serde_json::Value::String(scope.clone());
    }
    (
        [
            (CONTENT_TYPE, JSON),
            (CACHE_CONTROL, "no-store"),
            (PRAGMA, "no-cache"),
        ],
        body.to_string(),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc7636_appendix_b() {
        let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        let challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
        assert!(pkce_matches(verifier, challenge));
        assert!(!pkce_matches(&verifier.replace('d', "e"), challenge));
        assert!(!pkce_matches("short", challenge));
    }
}
