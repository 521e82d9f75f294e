//! RFC 6749 plumbing shared by the endpoints: request parameters, JSON error answers and
//! redirects back to the client. It knows nothing of the provider's state, so every layer
//! above (faults, the endpoints, the sandbox) can use it; client authentication, which checks
//! the provider's credentials, is [`crate::client_auth`].

use std::collections::BTreeMap;
use std::fmt::Write as _;

use axum::http::header::{
    CACHE_CONTROL, CONTENT_TYPE, HeaderMap, LOCATION, PRAGMA, WWW_AUTHENTICATE,
};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use url::Url;

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

/// How `/authorize` answers the client (`response_mode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ResponseMode {
    /// A `302` whose `Location` query carries the response (the default).
    Query,
    /// An auto-submitting HTML form POSTing the response (OAuth 2.0 Form Post Response Mode).
    FormPost,
}

impl ResponseMode {
    /// The mode an authorization request asks for (`query` for anything but `form_post`).
    pub fn of(params: &Params) -> Self {
        match params.get("response_mode") {
            Some("form_post") => Self::FormPost,
            _ => Self::Query,
        }
    }
}

/// The authorization response, as `mode` says: [`redirect`] or [`form_post`].
pub(crate) fn respond(
    mode: ResponseMode,
    redirect_uri: &Url,
    pairs: &[(&str, &str)],
    state: Option<&str>,
) -> Response {
    match mode {
        ResponseMode::Query => redirect(redirect_uri, pairs, state),
        ResponseMode::FormPost => form_post(redirect_uri, pairs, state),
    }
}

/// `200` with a page whose form POSTs `pairs` (and `state`) to `redirect_uri` as soon as it
/// loads, as providers answer `response_mode=form_post` (Form Post Response Mode §2).
pub(crate) fn form_post(
    redirect_uri: &Url,
    pairs: &[(&str, &str)],
    state: Option<&str>,
) -> Response {
    let mut inputs = String::new();
    for (name, value) in pairs
        .iter()
        .copied()
        .chain(state.map(|state| ("state", state)))
    {
        // Writing to a String cannot fail.
        let _ = writeln!(
            inputs,
            "<input type=\"hidden\" name=\"{}\" value=\"{}\">",
            escape(name),
            escape(value)
        );
    }
    let page = format!(
        "<!doctype html>\n<html><head><title>Submit This Form</title></head>\n\
         <body onload=\"document.forms[0].submit()\">\n\
         <form method=\"post\" action=\"{}\">\n{inputs}</form>\n</body></html>\n",
        escape(redirect_uri.as_str())
    );
    (
        StatusCode::OK,
        [
            (CONTENT_TYPE, "text/html; charset=utf-8"),
            (CACHE_CONTROL, "no-store"),
        ],
        page,
    )
        .into_response()
}

/// `value` safe inside a double-quoted HTML attribute.
fn escape(value: &str) -> String {
    value
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\'', "&#x27;")
}

/// `302` to `redirect_uri` with `pairs` (and `state`) appended to its existing query.
pub(crate) fn redirect(
    redirect_uri: &Url,
    pairs: &[(&str, &str)],
    state: Option<&str>,
) -> Response {
    let mut location = redirect_uri.clone();
    {
        let mut query = location.query_pairs_mut();
        for (name, value) in pairs {
            query.append_pair(name, value);
        }
        if let Some(state) = state {
            query.append_pair("state", state);
        }
    }
    (
        StatusCode::FOUND,
        [(LOCATION, location.as_str()), (CACHE_CONTROL, "no-store")],
    )
        .into_response()
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

    #[test]
    fn redirect_keeps_the_existing_query() {
        let uri = Url::parse("http://127.0.0.1:1/cb?next=%2Fhome").expect("url");
        let response = redirect(&uri, &[("code", "c 1")], Some("s&t"));
        let location = response.headers().get(LOCATION).expect("location");
        assert_eq!(
            location.to_str().expect("ascii"),
            "http://127.0.0.1:1/cb?next=%2Fhome&code=c+1&state=s%26t"
        );
    }
}
