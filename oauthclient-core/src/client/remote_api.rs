//! The narrow HTTP interface handlers use to call a remote app's API on the user's behalf.
//!
//! This file is the shape; [`super::HttpApi`] is its HTTP implementation (connection pool,
//! timeouts, size caps, OAuth1 signing). Handlers only ever see a `&dyn RemoteApi`, so provider
//! crates never touch an HTTP library, and tests can answer from memory.

use async_trait::async_trait;
use serde::de::DeserializeOwned;

use crate::error::OAuthError;
use crate::token::{FieldNames, Token};

/// HTTP methods a provider API call may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiMethod {
    /// GET
    Get,
    /// POST
    Post,
    /// PUT
    Put,
    /// PATCH
    Patch,
    /// DELETE
    Delete,
}

/// How an API request authenticates.
///
/// ```
/// use oauthclient_core::client::{ApiAuth, ApiRequest};
/// use oauthclient_core::{Token, secret::AccessToken};
///
/// assert_eq!(ApiRequest::get("user").auth, ApiAuth::None); // unless asked for
/// let token = Token::bearer(AccessToken::new("gho_1"));
/// assert_eq!(ApiRequest::get("user").with_token(token.clone()).auth, ApiAuth::UserToken(token));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiAuth {
    /// With the user's token: `Bearer` for OAuth2, an OAuth1 signature for OAuth1.
    UserToken(Token),
    /// With the application's own credentials (HTTP Basic `client_id:client_secret`), e.g.
    /// GitHub's grant revocation endpoint.
    ClientCredentials,
    /// Unauthenticated.
    None,
}

/// One request to a remote API.
///
/// `Debug` shows the method, the URL without its query, header and body field names, and
/// the authentication with its secrets redacted: bodies carry tokens and client secrets
/// (revocation, GitHub's grant deletion), headers may carry credentials.
///
/// ```
/// use oauthclient_core::client::{ApiAuth, ApiRequest};
/// let request = ApiRequest::get("user").header("Accept", "application/json");
/// assert_eq!(request.url, "user");
/// assert_eq!(request.auth, ApiAuth::None);
/// ```
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ApiRequest {
    /// The method.
    pub method: ApiMethod,
    /// An absolute URL, or a path relative to the app's `base_url`.
    pub url: String,
    /// Extra request headers.
    pub headers: Vec<(String, String)>,
    /// A JSON body, if any.
    pub json: Option<serde_json::Value>,
    /// An `application/x-www-form-urlencoded` body, if any (OAuth1 signs its fields).
    pub form: Option<Vec<(String, String)>>,
    /// Authentication.
    pub auth: ApiAuth,
}

impl std::fmt::Debug for ApiRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // A query may carry a token (`?access_token=`): only the part before it is shown.
        let url = match self.url.split_once('?') {
            Some((path, _)) => format!("{path}?[redacted]"),
            None => self.url.clone(),
        };
        let names = |pairs: &[(String, String)]| {
            pairs
                .iter()
                .map(|(name, _)| name.clone())
                .collect::<Vec<_>>()
        };
        f.debug_struct("ApiRequest")
            .field("method", &self.method)
            .field("url", &url)
            .field("headers", &names(&self.headers))
            .field("json", &self.json.as_ref().map(FieldNames))
            .field("form", &self.form.as_deref().map(names))
            .field("auth", &self.auth)
            .finish()
    }
}

impl ApiRequest {
    /// A request with no headers, body or authentication.
    pub fn new(method: ApiMethod, url: impl Into<String>) -> Self {
        Self {
            method,
            url: url.into(),
            headers: Vec::new(),
            json: None,
            form: None,
            auth: ApiAuth::None,
        }
    }

    /// A GET request.
    pub fn get(url: impl Into<String>) -> Self {
        Self::new(ApiMethod::Get, url)
    }

    /// Adds a header.
    #[must_use]
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Authenticates with the user's token.
    #[must_use]
    pub fn with_token(mut self, token: Token) -> Self {
        self.auth = ApiAuth::UserToken(token);
        self
    }

    /// Authenticates with the application's client credentials.
    #[must_use]
    pub fn with_client_credentials(mut self) -> Self {
        self.auth = ApiAuth::ClientCredentials;
        self
    }

    /// Sets a form body (`application/x-www-form-urlencoded`).
    #[must_use]
    pub fn with_form<K, V>(mut self, fields: impl IntoIterator<Item = (K, V)>) -> Self
    where
        K: Into<String>,
        V: Into<String>,
    {
        self.form = Some(
            fields
                .into_iter()
                .map(|(name, value)| (name.into(), value.into()))
                .collect(),
        );
        self
    }

    /// Sets a JSON body.
    #[must_use]
    pub fn json(mut self, body: serde_json::Value) -> Self {
        self.json = Some(body);
        self
    }
}

/// A remote API's answer, already size-capped by the client.
///
/// `Debug` shows the status and the body's length: a body may carry tokens or personal data.
///
/// ```
/// use oauthclient_core::client::ApiResponse;
/// let not_found = ApiResponse::new(404, b"Not Found".to_vec());
/// assert!(!not_found.is_success());
/// ```
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ApiResponse {
    /// HTTP status code.
    pub status: u16,
    /// The body.
    pub body: Vec<u8>,
}

impl std::fmt::Debug for ApiResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ApiResponse")
            .field("status", &self.status)
            .field("body_bytes", &self.body.len())
            .finish()
    }
}

impl ApiResponse {
    /// An answer with `status` and `body` (for [`RemoteApi`] implementations and their tests).
    pub fn new(status: u16, body: Vec<u8>) -> Self {
        Self { status, body }
    }

    /// Whether the status is 2xx.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// Parses a 2xx JSON body; anything else is an [`OAuthError::InvalidResponse`] for `remote`.
    ///
    /// ```
    /// use oauthclient_core::client::ApiResponse;
    /// let response = ApiResponse::new(200, br#"{"id": 7}"#.to_vec());
    /// let value: serde_json::Value = response.json("github")?;
    /// assert_eq!(value["id"], 7);
    /// let failed = ApiResponse::new(500, vec![]);
    /// assert!(failed.json::<serde_json::Value>("github").is_err());
    /// # Ok::<(), oauthclient_core::OAuthError>(())
    /// ```
    pub fn json<T: DeserializeOwned>(&self, remote: &str) -> Result<T, OAuthError> {
        if !self.is_success() {
            return Err(OAuthError::InvalidResponse {
                remote: remote.to_owned(),
                reason: format!("the API answered HTTP {}", self.status),
            });
        }
        serde_json::from_slice(&self.body).map_err(|err| OAuthError::InvalidResponse {
            remote: remote.to_owned(),
            reason: format!("the API answered invalid JSON: {err}"),
        })
    }
}

/// Sends [`ApiRequest`]s to one remote app.
///
/// A canned fake, as a test would use instead of the HTTP client:
///
/// ```
/// use async_trait::async_trait;
/// use oauthclient_core::client::{ApiRequest, ApiResponse, RemoteApi};
/// use oauthclient_core::OAuthError;
///
/// struct Canned;
///
/// #[async_trait]
/// impl RemoteApi for Canned {
///     async fn send(&self, request: ApiRequest) -> Result<ApiResponse, OAuthError> {
///         Ok(match request.url.as_str() {
///             "user" => ApiResponse::new(200, br#"{"id": 583231}"#.to_vec()),
///             _ => ApiResponse::new(404, Vec::new()),
///         })
///     }
/// }
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), OAuthError> {
/// let api: &dyn RemoteApi = &Canned;
/// let user: serde_json::Value = api.send(ApiRequest::get("user")).await?.json("github")?;
/// assert_eq!(user["id"], 583231);
/// assert_eq!(api.send(ApiRequest::get("nope")).await?.status, 404);
/// # Ok(())
/// # }
/// ```
#[async_trait]
pub trait RemoteApi: Send + Sync {
    /// Sends the request; transport failures and timeouts are
    /// [`OAuthError::InvalidResponse`]. Non-2xx answers are returned, not errors, so a handler
    /// can react to them (e.g. 404 on revocation).
    async fn send(&self, request: ApiRequest) -> Result<ApiResponse, OAuthError>;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secret::AccessToken;

    #[test]
    fn only_2xx_is_success() {
        assert!(ApiResponse::new(200, vec![]).is_success());
        assert!(ApiResponse::new(204, vec![]).is_success());
        assert!(!ApiResponse::new(199, vec![]).is_success());
        assert!(!ApiResponse::new(300, vec![]).is_success());
        assert!(!ApiResponse::new(404, vec![]).is_success());
    }

    #[test]
    fn debug_of_a_request_shows_no_credential() {
        let requests = [
            ApiRequest::new(ApiMethod::Post, "https://provider.example/revoke")
                .with_client_credentials()
                .with_form([
                    ("token", "s3cret-refresh"),
                    ("client_secret", "s3cret-client"),
                ]),
            ApiRequest::new(ApiMethod::Delete, "applications/x/grant")
                .json(serde_json::json!({"access_token": "s3cret-access"})),
            ApiRequest::get("user?access_token=s3cret-query")
                .header("Authorization", "Bearer s3cret-header")
                .with_token(Token::bearer(AccessToken::new("s3cret-token"))),
        ];
        for request in requests {
            let shown = format!("{request:?}");
            assert!(!shown.contains("s3cret"), "{shown}");
            assert!(shown.contains("ApiRequest"), "{shown}");
        }
    }

    #[test]
    fn debug_of_a_response_shows_only_its_size() {
        let response = ApiResponse {
            status: 200,
            body: br#"{"access_token": "s3cret"}"#.to_vec(),
        };
        let shown = format!("{response:?}");
        assert!(!shown.contains("s3cret"), "{shown}");
        assert!(shown.contains("200"), "{shown}");
    }
}
