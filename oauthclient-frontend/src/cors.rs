//! CORS for the JSON API: pages of the origins on `cors_origins` may read its replies with
//! credentials. Never `*`: the replies are personal. With no origin configured nothing here
//! adds a header, and the API is same-origin only.

use http::StatusCode;
use http::header::{
    ACCESS_CONTROL_ALLOW_CREDENTIALS, ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_METHODS,
    ACCESS_CONTROL_ALLOW_ORIGIN, ACCESS_CONTROL_MAX_AGE, HeaderValue, ORIGIN, VARY,
};
use oauthclient_core::OAuthClientConfig;

use crate::errors::json_message;
use crate::reply::Reply;
use crate::request::Request;

/// The routes CORS applies to.
pub(crate) const API_PREFIX: &str = "/api/oauth/";

/// How long a browser may cache a preflight's answer, in seconds.
const PREFLIGHT_MAX_AGE: u32 = 600;

/// The request's `Origin`, when it is on `cors_origins`.
pub(crate) fn allowed_origin<'r>(
    config: &OAuthClientConfig,
    request: &'r Request,
) -> Option<&'r HeaderValue> {
    let origin = request.headers.get(ORIGIN)?;
    config
        .cors_origins
        .iter()
        .any(|allowed| allowed.as_bytes() == origin.as_bytes())
        .then_some(origin)
}

/// Adds the CORS headers to an API reply: `Vary: Origin` whenever CORS is configured, and
/// the allow headers for an allowed origin only.
pub(crate) fn apply(config: &OAuthClientConfig, request: &Request, reply: &mut Reply) {
    if config.cors_origins.is_empty() {
        return;
    }
    reply
        .headers
        .append(VARY, HeaderValue::from_static("Origin"));
    if let Some(origin) = allowed_origin(config, request) {
        reply
            .headers
            .insert(ACCESS_CONTROL_ALLOW_ORIGIN, origin.clone());
        reply.headers.insert(
            ACCESS_CONTROL_ALLOW_CREDENTIALS,
            HeaderValue::from_static("true"),
        );
    }
}

/// `OPTIONS` on an API route: 204 with what may be sent for an allowed origin, else 403.
pub(crate) fn preflight(
    config: &OAuthClientConfig,
    localizer: &crate::i18n::Localizer,
    request: &Request,
) -> Reply {
    if allowed_origin(config, request).is_none() {
        return json_message(
            localizer,
            &crate::i18n::choice::of_request(localizer, request).locale,
            403,
            crate::errors::codes::ORIGIN_NOT_ALLOWED,
            "error-origin-not-allowed",
        );
    }
    let mut reply = Reply::empty(StatusCode::NO_CONTENT);
    reply.headers.insert(
        ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static("GET, POST"),
    );
    reply.headers.insert(
        ACCESS_CONTROL_ALLOW_HEADERS,
        HeaderValue::from_static("Content-Type, X-CSRF-Token"),
    );
    reply
        .headers
        .insert(ACCESS_CONTROL_MAX_AGE, HeaderValue::from(PREFLIGHT_MAX_AGE));
    reply
}
