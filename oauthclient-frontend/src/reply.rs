//! [`Reply`]: what the front end answers — a redirect, a page or JSON, with its headers. The
//! adapter copies status, headers and body into its framework's response as they are.

use http::header::{CACHE_CONTROL, CONTENT_TYPE, LOCATION, REFERRER_POLICY, RETRY_AFTER};
use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};

/// A response, framework-neutral.
#[derive(Debug, Clone)]
pub struct Reply {
    /// The status code.
    pub status: StatusCode,
    /// The headers, `Content-Type` included.
    pub headers: HeaderMap,
    /// The body (HTML, JSON or nothing).
    pub body: String,
}

/// How long a client should wait before retrying when a dependency (database, session store)
/// is down: short, since outages of that kind are usually brief.
pub const RETRY_AFTER_UNAVAILABLE_SECS: u64 = 5;

impl Reply {
    /// A reply with no body. Every reply of the library is personal: `Cache-Control: no-store`.
    pub fn empty(status: StatusCode) -> Self {
        let mut headers = HeaderMap::new();
        headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
        Self {
            status,
            headers,
            body: String::new(),
        }
    }

    /// A 302 to `location`. A location that is not a valid header value (it never is after
    /// the library's checks) becomes `/`.
    pub fn redirect(location: &str) -> Self {
        let mut reply = Self::empty(StatusCode::FOUND);
        let value = HeaderValue::from_str(location).unwrap_or(HeaderValue::from_static("/"));
        reply.headers.insert(LOCATION, value);
        reply
    }

    /// An HTML page.
    pub fn html(status: StatusCode, body: String) -> Self {
        let mut reply = Self::empty(status);
        reply.headers.insert(
            CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        );
        reply.body = body;
        reply.retry_later()
    }

    /// A JSON body.
    pub fn json(status: StatusCode, value: &serde_json::Value) -> Self {
        let mut reply = Self::empty(status);
        reply
            .headers
            .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        reply.body = value.to_string();
        reply.retry_later()
    }

    /// The `Location` of a redirect.
    pub fn location(&self) -> Option<&str> {
        self.headers
            .get(LOCATION)
            .and_then(|value| value.to_str().ok())
    }

    /// Sets a header (replacing it).
    #[must_use]
    pub fn with_header(mut self, name: HeaderName, value: HeaderValue) -> Self {
        self.headers.insert(name, value);
        self
    }

    /// `Referrer-Policy: no-referrer`: the URL of this request carries a secret (a code, a
    /// confirmation token) that must not leak to what the page loads or links to.
    #[must_use]
    pub fn without_referrer(self) -> Self {
        self.with_header(REFERRER_POLICY, HeaderValue::from_static("no-referrer"))
    }

    /// `Retry-After` on a 503, so clients back off briefly.
    fn retry_later(mut self) -> Self {
        if self.status == StatusCode::SERVICE_UNAVAILABLE {
            self.headers
                .insert(RETRY_AFTER, HeaderValue::from(RETRY_AFTER_UNAVAILABLE_SECS));
        }
        self
    }

    /// `Retry-After: seconds`.
    #[must_use]
    pub(crate) fn retry_after(self, seconds: u64) -> Self {
        self.with_header(RETRY_AFTER, HeaderValue::from(seconds))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redirects_are_not_cached_and_outages_say_when_to_retry() {
        let redirect = Reply::redirect("/next");
        assert_eq!(redirect.status, StatusCode::FOUND);
        assert_eq!(redirect.location(), Some("/next"));
        assert_eq!(redirect.headers[CACHE_CONTROL], "no-store");
        let down = Reply::json(StatusCode::SERVICE_UNAVAILABLE, &serde_json::json!({}));
        assert_eq!(down.headers[RETRY_AFTER], "5");
        let fine = Reply::json(StatusCode::OK, &serde_json::json!({}));
        assert!(!fine.headers.contains_key(RETRY_AFTER));
    }

    #[test]
    fn a_location_with_a_line_break_is_refused() {
        assert_eq!(
            Reply::redirect("/a\r\nSet-Cookie: x=1").location(),
            Some("/")
        );
    }
}
