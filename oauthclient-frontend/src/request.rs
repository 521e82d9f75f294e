//! [`Request`]: the parts of an HTTP request the front end reads, copied out of whatever
//! framework received it.

use std::net::SocketAddr;

use http::{HeaderMap, Method};
use serde::de::DeserializeOwned;

/// A request as the front end sees it: no framework type, so the same handlers serve actix-web
/// and axum. The adapter fills it in; the front end never reads the network itself.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// `GET`, `POST`, ...
    pub method: Method,
    /// The path as the client addressed it, mount prefix included (`/auth/oauth/...`): where
    /// to come back to after signing in.
    pub path: String,
    /// The raw query string, without `?` (empty when there is none).
    pub query: String,
    /// The request's headers (`Origin`, `X-CSRF-Token`, `X-Forwarded-For`, ...).
    pub headers: HeaderMap,
    /// The TCP peer, for rate limiting; `None` for an in-process test request.
    pub peer: Option<SocketAddr>,
    /// The body (forms and JSON, already bounded by the adapter).
    pub body: Vec<u8>,
}

/// A body or query that could not be read as the endpoint expects.
#[derive(Debug, thiserror::Error)]
#[error("the request could not be read: {0}")]
pub(crate) struct MalformedRequest(String);

impl MalformedRequest {
    /// What the parser said (English, for a developer: the JSON answer's `detail`).
    pub(crate) fn detail(&self) -> &str {
        &self.0
    }
}

impl Request {
    /// A request holding only what picks its language: the query (`?lang=`), the
    /// `Accept-Language` and `Cookie` (the language cookie) headers. An adapter keeps one from
    /// the start of a request for an answer it may have to give after the request is gone (a
    /// session store failing when the session is saved).
    pub fn language_only(query: &str, headers: &HeaderMap) -> Self {
        let mut kept = HeaderMap::with_capacity(2);
        for name in [http::header::ACCEPT_LANGUAGE, http::header::COOKIE] {
            for value in headers.get_all(&name) {
                kept.append(name.clone(), value.clone());
            }
        }
        Self {
            query: query.to_owned(),
            headers: kept,
            ..Self::default()
        }
    }

    /// A header's value as text; a value that is not text counts as absent.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }

    /// The query parsed into `T`.
    pub(crate) fn query_as<T: DeserializeOwned>(&self) -> Result<T, MalformedRequest> {
        serde_urlencoded::from_str(&self.query).map_err(|err| MalformedRequest(err.to_string()))
    }

    /// The body as an `application/x-www-form-urlencoded` form.
    pub(crate) fn form<T: DeserializeOwned>(&self) -> Result<T, MalformedRequest> {
        serde_urlencoded::from_bytes(&self.body).map_err(|err| MalformedRequest(err.to_string()))
    }

    /// The body as JSON (`Content-Type: application/json` required, as a CSRF defence: a
    /// cross-site form cannot send it without a preflight).
    pub(crate) fn json<T: DeserializeOwned>(&self) -> Result<T, MalformedRequest> {
        let is_json = self
            .header(http::header::CONTENT_TYPE.as_str())
            .and_then(|value| value.split(';').next())
            .is_some_and(|mime| mime.trim().eq_ignore_ascii_case("application/json"));
        if !is_json {
            return Err(MalformedRequest(
                "expected Content-Type: application/json".to_owned(),
            ));
        }
        serde_json::from_slice(&self.body).map_err(|err| MalformedRequest(err.to_string()))
    }
}
