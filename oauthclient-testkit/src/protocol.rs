//! RFC 6749 plumbing shared by the endpoints: request parameters, JSON error answers and
//! client authentication (§2.3.1).

use std::collections::BTreeMap;

use axum::http::header::{
    AUTHORIZATION, CACHE_CONTROL, CONTENT_TYPE, HeaderMap, PRAGMA, WWW_AUTHENTICATE,
};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use base64ct::{Base64, Encoding};
use subtle::ConstantTimeEq;

use crate::state::Shared;

/// The parameters of a query string or form body.
#[derive(Debug, Clone, Default)]
pub(crate) struct Params {
    /// Every parameter (the last value wins when one is repeated), as recorded.
    pub map: BTreeMap<String, String>,
    /// A parameter that appeared more than once (RFC 6749 §3.1 forbids it).
    pub repeated: Option<String>,
}

impl Params {
    /// Parses `application/x-www-form-urlencoded` bytes (a query string or a form body).
    pub fn parse(raw: &[u8]) -> Self {
        let mut params = Self::default();
        for (name, value) in url::form_urlencoded::parse(raw) {
            if params
                .map
                .insert(name.clone().into_owned(), value.into_owned())
                .is_some()
            {
                params.repeated.get_or_insert_with(|| name.into_owned());
            }
        }
        params
    }

    /// A parameter's value; empty values count as absent (RFC 6749 §3.1).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.map
            .get(name)
            .map(String::as_str)
            .filter(|value| !value.is_empty())
    }
}

/// A refusal: an RFC 6749 §5.2 JSON error answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Refusal {
    status: StatusCode,
    error: String,
    description: String,
}

impl Refusal {
    /// A refusal with any status and error code.
    pub fn new(status: StatusCode, error: &str, description: &str) -> Self {
        Self {
            status,
            error: error.to_owned(),
            description: description.to_owned(),
        }
    }

    /// `400 invalid_request`.
    pub fn invalid_request(description: &str) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "invalid_request", description)
    }

    /// `400 invalid_grant`.
    pub fn invalid_grant(description: &str) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "invalid_grant", description)
    }

    /// `401 invalid_client`.
    pub fn invalid_client(description: &str) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "invalid_client", description)
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.error, self.description)
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        let body =
            serde_json::json!({ "error": self.error, "error_description": self.description });
        let mut response = (
            self.status,
            [
                (CONTENT_TYPE, JSON),
                (CACHE_CONTROL, "no-store"),
                (PRAGMA, "no-cache"),
            ],
            body.to_string(),
        )
            .into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                WWW_AUTHENTICATE,
                HeaderValue::from_static(r#"Basic realm="oauthclient-testkit""#),
            );
        }
        response
    }
}

/// The `Content-Type` of JSON answers.
pub(crate) const JSON: &str = "application/json";
/// The `Content-Type` of HTML answers.
pub(crate) const HTML: &str = "text/html; charset=utf-8";

/// The media type of a request's `Content-Type` without its parameters (`charset=...`);
/// empty when there is none or it is not text.
fn media_type(headers: &HeaderMap) -> &str {
    headers
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .map_or("", str::trim)
}

/// Checks the request body is a form; a JSON or missing body is `invalid_request`.
pub(crate) fn require_form(headers: &HeaderMap) -> Result<(), Refusal> {
    if media_type(headers).eq_ignore_ascii_case("application/x-www-form-urlencoded") {
        Ok(())
    } else {
        Err(Refusal::invalid_request(
            "the body must be application/x-www-form-urlencoded",
        ))
    }
}

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
    fn repeated_parameters_are_noticed() {
        let params = Params::parse(b"a=1&b=2&a=3");
        assert_eq!(params.map["a"], "3");
        assert_eq!(params.repeated.as_deref(), Some("a"));
        assert!(Params::parse(b"a=1&b=").repeated.is_none());
    }

    #[test]
    fn empty_values_count_as_absent() {
        let params = Params::parse(b"a=&b=x");
        assert_eq!(params.get("a"), None);
        assert_eq!(params.get("b"), Some("x"));
        assert_eq!(params.map["a"], "");
    }

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

    #[test]
    fn form_content_type_may_carry_parameters() {
        let mut headers = HeaderMap::new();
        assert!(require_form(&headers).is_err());
        headers.insert(
            CONTENT_TYPE,
            HeaderValue::from_static("Application/X-WWW-Form-Urlencoded ; charset=UTF-8"),
        );
        assert!(require_form(&headers).is_ok());
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        assert!(require_form(&headers).is_err());
    }
}
