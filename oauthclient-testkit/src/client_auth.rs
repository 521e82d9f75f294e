//! Client authentication at the token and revocation endpoints (RFC 6749 §2.3.1): the
//! credentials checked against those the provider was started with ([`Shared`]), which is
//! why this sits above both [`crate::protocol`] and [`crate::state`].

use axum::http::header::{AUTHORIZATION, HeaderMap};
use base64ct::{Base64, Encoding};
use subtle::ConstantTimeEq;

use crate::protocol::{Params, Refusal};
use crate::state::Shared;

/// Authenticates the client by HTTP Basic or by `client_id` + `client_secret` in the form
/// (exactly one of the two), returning its id.
pub(crate) fn authenticate_client(
    shared: &Shared,
    headers: &HeaderMap,
    params: &Params,
) -> Result<String, Refusal> {
    let (client_id, client_secret) = if let Some(header) = headers.get(AUTHORIZATION) {
        let (id, secret) =
            header.to_str().ok().and_then(parse_basic).ok_or_else(|| {
                Refusal::invalid_client("malformed HTTP Basic client authentication")
            })?;
        if params.get("client_secret").is_some() {
            return Err(Refusal::invalid_request(
                "use one client authentication method, not HTTP Basic and client_secret",
            ));
        }
        if params.get("client_id").is_some_and(|form_id| form_id != id) {
            return Err(Refusal::invalid_client(
                "client_id differs from the HTTP Basic user name",
            ));
        }
        (id, secret)
    } else {
        let id = params
            .get("client_id")
            .ok_or_else(|| Refusal::invalid_client("no client authentication"))?;
        let secret = params
            .get("client_secret")
            .ok_or_else(|| Refusal::invalid_client("no client_secret"))?;
        (id.to_owned(), secret.to_owned())
    };
    let id_ok = client_id == shared.client_id;
    let secret_ok: bool = client_secret
        .as_bytes()
        .ct_eq(shared.client_secret.as_bytes())
        .into();
    if id_ok && secret_ok {
        Ok(client_id)
    } else {
        Err(Refusal::invalid_client(
            "unknown client or wrong client secret",
        ))
    }
}

/// `Basic base64(urlencode(id):urlencode(secret))` → `(id, secret)` (RFC 6749 §2.3.1).
fn parse_basic(header: &str) -> Option<(String, String)> {
    let (scheme, encoded) = header.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = Base64::decode_vec(encoded.trim()).ok()?;
    let decoded = String::from_utf8(decoded).ok()?;
    let (id, secret) = decoded.split_once(':')?;
    Some((form_decode(id)?, form_decode(secret)?))
}

/// Undoes `application/x-www-form-urlencoded` encoding of one value.
fn form_decode(value: &str) -> Option<String> {
    percent_encoding::percent_decode_str(&value.replace('+', " "))
        .decode_utf8()
        .ok()
        .map(std::borrow::Cow::into_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_credentials_are_form_decoded() {
        let header = format!("Basic {}", Base64::encode_string(b"my+client:s%3Acret"));
        assert_eq!(
            parse_basic(&header),
            Some(("my client".to_owned(), "s:cret".to_owned()))
        );
        assert_eq!(parse_basic("Bearer abc"), None);
        assert_eq!(parse_basic("Basic !!!"), None);
    }
}
