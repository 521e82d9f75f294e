//! The one outbound HTTP client: timeouts, no redirect following, capped bodies.

use std::time::Duration;

use crate::error::{BuildError, OAuthError};

/// Limits every outbound call obeys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HttpLimits {
    /// Time to establish the TCP (and TLS) connection.
    pub connect_timeout: Duration,
    /// Time for the whole request, body included.
    pub timeout: Duration,
    /// Largest response body accepted, in bytes; more is an invalid response.
    pub max_body_bytes: usize,
}

impl Default for HttpLimits {
    /// 5 s to connect, 10 s per request, 1 MiB bodies.
    fn default() -> Self {
        Self {
            connect_timeout: Duration::from_secs(5),
            timeout: Duration::from_secs(10),
            max_body_bytes: 1024 * 1024,
        }
    }
}

/// How long an idle pooled connection is kept: shorter than the 5 s keep-alive of common
/// servers (Node.js, actix-web), so we never reuse one the server is closing.
const POOL_IDLE_TIMEOUT: Duration = Duration::from_secs(4);

/// A shared connection pool with [`HttpLimits`]. Cheap to clone.
#[derive(Debug, Clone)]
pub struct HttpClient {
    inner: reqwest::Client,
    limits: HttpLimits,
}

/// Why an outbound call failed; becomes an [`OAuthError::InvalidResponse`].
#[derive(Debug, thiserror::Error)]
pub enum HttpError {
    /// Connect or read timed out.
    #[error("timed out")]
    Timeout,
    /// The connection failed.
    #[error("could not connect: {0}")]
    Connect(String),
    /// The body was larger than the limit.
    #[error("response larger than {0} bytes")]
    TooLarge(usize),
    /// Anything else on the wire.
    #[error("transport error: {0}")]
    Transport(String),
}

impl HttpError {
    /// This failure as the error of a call to `remote`.
    pub fn for_remote(&self, remote: &str) -> OAuthError {
        OAuthError::InvalidResponse {
            remote: remote.to_owned(),
            reason: self.to_string(),
        }
    }
}

impl From<reqwest::Error> for HttpError {
    fn from(err: reqwest::Error) -> Self {
        // The URL (which may carry a code in its query) stays out of the message.
        let err = err.without_url();
        if err.is_timeout() {
            HttpError::Timeout
        } else if err.is_connect() {
            HttpError::Connect(err.to_string())
        } else {
            HttpError::Transport(err.to_string())
        }
    }
}

impl HttpClient {
    /// A client with these limits. Redirects are never followed (a token endpoint that
    /// redirects is misconfigured or hostile, RFC 9700 §4.11).
    pub fn new(limits: HttpLimits) -> Result<Self, BuildError> {
        let inner = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            // Node.js and actix-web close idle connections after 5 s: a pooled connection
            // reused just as the server closes it fails the request ("error sending
            // request": a 502 on a token exchange). Dropping ours first avoids the race.
            .pool_idle_timeout(POOL_IDLE_TIMEOUT)
            .connect_timeout(limits.connect_timeout)
            .timeout(limits.timeout)
            .user_agent(concat!("oauthclient-rs/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|err| BuildError::part("the HTTP client", err))?;
        Ok(Self { inner, limits })
    }

    /// The limits in force.
    pub fn limits(&self) -> HttpLimits {
        self.limits
    }

    pub(crate) fn reqwest(&self) -> &reqwest::Client {
        &self.inner
    }

    /// Sends a request and reads the body up to the size cap.
    pub(crate) async fn send(
        &self,
        request: reqwest::RequestBuilder,
    ) -> Result<(u16, reqwest::header::HeaderMap, Vec<u8>), HttpError> {
        let mut response = request.send().await?;
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let limit = self.limits.max_body_bytes;
        if response
            .content_length()
            .is_some_and(|length| length > u64::try_from(limit).unwrap_or(u64::MAX))
        {
            return Err(HttpError::TooLarge(limit));
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await? {
            if body.len() + chunk.len() > limit {
                return Err(HttpError::TooLarge(limit));
            }
            body.extend_from_slice(&chunk);
        }
        Ok((status, headers, body))
    }

    /// Sends an `oauth2`-crate request (also what `openidconnect` sends) through this client,
    /// with its limits. Provider crates pass it to those crates as their HTTP client:
    ///
    /// ```
    /// use oauthclient_core::client::{HttpClient, HttpLimits};
    /// let http = HttpClient::new(HttpLimits::default())?;
    /// let call = move |request| {
    ///     let http = http.clone();
    ///     async move { http.oauth2_call(request).await }
    /// };
    /// # let _ = call;
    /// # Ok::<(), oauthclient_core::error::BuildError>(())
    /// ```
    ///
    /// An RFC 6749 error body in a `200` (GitHub does this) is reported as the `400` it means.
    pub async fn oauth2_call(
        &self,
        request: oauth2::HttpRequest,
    ) -> Result<oauth2::HttpResponse, HttpError> {
        let (parts, body) = request.into_parts();
        let method = reqwest::Method::from_bytes(parts.method.as_str().as_bytes())
            .map_err(|err| HttpError::Transport(err.to_string()))?;
        let mut builder = self.inner.request(method, parts.uri.to_string()).body(body);
        for (name, value) in &parts.headers {
            builder = builder.header(name.as_str(), value.as_bytes());
        }
        let (status, headers, body) = self.send(builder).await?;
        let status = error_in_success(status, &body);
        let mut response = oauth2::http::Response::builder().status(status);
        for (name, value) in &headers {
            response = response.header(name.as_str(), value.as_bytes());
        }
        response
            .body(body)
            .map_err(|err| HttpError::Transport(err.to_string()))
    }
}

/// Some providers (GitHub) answer a failed token request with `200 OK` and an RFC 6749 error
/// body. Reported as the 400 it means, so the error response is parsed as one (its `error` code
/// reaches the user) instead of failing as "not a token response".
fn error_in_success(status: u16, body: &[u8]) -> u16 {
    if status != 200 {
        return status;
    }
    let Ok(serde_json::Value::Object(fields)) = serde_json::from_slice::<serde_json::Value>(body)
    else {
        return status;
    };
    if fields.contains_key("error") && !fields.contains_key("access_token") {
        400
    } else {
        status
    }
}

#[cfg(test)]
mod tests {
    use super::error_in_success;

    #[test]
    fn an_error_body_in_a_200_is_a_400() {
        assert_eq!(
            error_in_success(200, br#"{"error":"bad_verification_code"}"#),
            400
        );
        assert_eq!(
            error_in_success(200, br#"{"access_token":"a","token_type":"bearer"}"#),
            200
        );
        assert_eq!(error_in_success(200, b"<html>"), 200);
        assert_eq!(error_in_success(500, br#"{"error":"x"}"#), 500);
    }
}
