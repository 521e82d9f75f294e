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
    /// An RFC 6749 error body in a `200` (GitHub does this) is reported as the `400` it means,
    /// and a token response whose `scope` is a JSON array of strings (Twitch) gets it as the
    /// space-delimited string RFC 6749 §5.1 defines.
    pub async fn oauth2_call(
        &self,
        request: oauth2::HttpRequest,
    ) -> Result<oauth2::HttpResponse, HttpError> {
        self.oauth2_call_as(request, None).await
    }

    /// [`HttpClient::oauth2_call`] with `user_agent` (an app's `params.user_agent`) instead of
    /// the library's `User-Agent`, when given.
    ///
    /// ```
    /// use oauthclient_core::client::{HttpClient, HttpLimits};
    /// let http = HttpClient::new(HttpLimits::default())?;
    /// let agent = Some("web:org.example.app:1.0 (by /u/example)".to_owned());
    /// let call = move |request| {
    ///     let (http, agent) = (http.clone(), agent.clone());
    ///     async move { http.oauth2_call_as(request, agent.as_deref()).await }
    /// };
    /// # let _ = call;
    /// # Ok::<(), oauthclient_core::error::BuildError>(())
    /// ```
    pub async fn oauth2_call_as(
        &self,
        mut request: oauth2::HttpRequest,
        user_agent: Option<&str>,
    ) -> Result<oauth2::HttpResponse, HttpError> {
        if let Some(agent) = user_agent {
            let value = oauth2::http::HeaderValue::from_str(agent)
                .map_err(|err| HttpError::Transport(format!("bad User-Agent: {err}")))?;
            request
                .headers_mut()
                .insert(oauth2::http::header::USER_AGENT, value);
        }
        let (parts, body) = request.into_parts();
        let method = reqwest::Method::from_bytes(parts.method.as_str().as_bytes())
            .map_err(|err| HttpError::Transport(err.to_string()))?;
        let mut builder = self.inner.request(method, parts.uri.to_string()).body(body);
        for (name, value) in &parts.headers {
            builder = builder.header(name.as_str(), value.as_bytes());
        }
        let (status, headers, body) = self.send(builder).await?;
        let status = error_in_success(status, &body);
        let (body, rewritten) = match scope_array_joined(status, &body) {
            Some(joined) => (joined, true),
            None => (body, false),
        };
        let mut response = oauth2::http::Response::builder().status(status);
        for (name, value) in &headers {
            // The body was rewritten in memory: its original length no longer applies.
            if rewritten && name == reqwest::header::CONTENT_LENGTH {
                continue;
            }
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

/// Twitch answers `"scope": ["a", "b"]` where RFC 6749 §5.1 has a space-delimited string; the
/// `oauth2` crate then refuses the whole token response. A successful JSON token response
/// whose `scope` is an array of strings is returned with `"scope": "a b"`; `None` leaves the
/// body as it is.
fn scope_array_joined(status: u16, body: &[u8]) -> Option<Vec<u8>> {
    if status != 200 {
        return None;
    }
    let Ok(serde_json::Value::Object(mut fields)) =
        serde_json::from_slice::<serde_json::Value>(body)
    else {
        return None;
    };
    let serde_json::Value::Array(scopes) = fields.get("scope")? else {
        return None;
    };
    let scopes = scopes
        .iter()
        .map(serde_json::Value::as_str)
        .collect::<Option<Vec<&str>>>()?;
    let joined = scopes.join(" ");
    fields.insert("scope".into(), joined.into());
    serde_json::to_vec(&fields).ok()
}

#[cfg(test)]
mod tests {
    use super::{error_in_success, scope_array_joined};

    #[test]
    fn a_scope_array_in_a_token_response_becomes_a_space_delimited_string() {
        let twitch = br#"{"access_token":"a","token_type":"bearer","scope":["user:read:email","chat:read"]}"#;
        let body = scope_array_joined(200, twitch).expect("rewritten");
        // What the oauth2 crate refused before now parses, with both scopes.
        let parsed: oauth2::basic::BasicTokenResponse =
            serde_json::from_slice(&body).expect("a token response");
        let scopes = oauth2::TokenResponse::scopes(&parsed).expect("scopes");
        let scopes: Vec<&str> = scopes.iter().map(|scope| scope.as_str()).collect();
        assert_eq!(scopes, ["user:read:email", "chat:read"]);
        assert!(
            serde_json::from_slice::<oauth2::basic::BasicTokenResponse>(twitch).is_err(),
            "the reason for the rewrite"
        );

        let empty =
            scope_array_joined(200, br#"{"access_token":"a","scope":[]}"#).expect("rewritten");
        assert_eq!(
            serde_json::from_slice::<serde_json::Value>(&empty).expect("json")["scope"],
            ""
        );
        // Left alone: a string scope, a mixed array, no scope, errors, and non-JSON.
        for body in [
            &br#"{"access_token":"a","scope":"a b"}"#[..],
            br#"{"access_token":"a","scope":["a",1]}"#,
            br#"{"access_token":"a"}"#,
            b"<html>",
        ] {
            assert_eq!(scope_array_joined(200, body), None);
        }
        assert_eq!(scope_array_joined(400, twitch), None);
    }

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
