//! What a stand-in keeps beside the [`crate::FakeProvider`] state: its shape, the GitHub
//! e-mail list, the API request log and the revoked grants.

use std::collections::BTreeMap;
use std::sync::{Mutex, MutexGuard, PoisonError};

use axum::http::request::Parts;
use serde::{Deserialize, Serialize};

use super::ProviderShape;

/// One entry of GitHub's `GET /user/emails`.
///
/// ```
/// use oauthclient_testkit::GitHubEmail;
/// let entry = GitHubEmail::new("octocat@github.example", true, true);
/// assert_eq!(
///     serde_json::to_value(&entry)?,
///     serde_json::json!({"email": "octocat@github.example", "primary": true, "verified": true, "visibility": "public"}),
/// );
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GitHubEmail {
    /// The address.
    pub email: String,
    /// Whether it is the account's primary address.
    pub primary: bool,
    /// Whether GitHub verified it.
    pub verified: bool,
    /// `"public"`, `"private"` or `null`.
    pub visibility: Option<String>,
}

impl GitHubEmail {
    /// An address; the primary one is `public`, others have no visibility (as GitHub answers).
    pub fn new(email: impl Into<String>, primary: bool, verified: bool) -> Self {
        Self {
            email: email.into(),
            primary,
            verified,
            visibility: primary.then(|| "public".to_owned()),
        }
    }
}

/// One request a stand-in's API received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiCall {
    /// `GET`, `DELETE`, ...
    pub method: String,
    /// The path, e.g. `/api/user/emails`.
    pub path: String,
    /// `accept`, `content-type`, `x-github-api-version` (each value joined with `, ` when
    /// repeated) and `authorization`, of which only the scheme (`Bearer`, `Basic`) is kept.
    pub headers: BTreeMap<String, String>,
    /// The JSON body, if there was one.
    pub json: Option<serde_json::Value>,
}

/// Headers [`ApiCall::headers`] keeps.
const RECORDED_HEADERS: &[&str] = &["accept", "content-type", "x-github-api-version"];

#[derive(Debug, Default)]
struct Data {
    emails: Option<Vec<GitHubEmail>>,
    api_log: Vec<ApiCall>,
    revoked_grants: Vec<String>,
}

/// The stand-in's own state.
#[derive(Debug)]
pub(crate) struct ShapeState {
    pub shape: ProviderShape,
    data: Mutex<Data>,
}

impl ShapeState {
    pub fn new(shape: ProviderShape, emails: Option<Vec<GitHubEmail>>) -> Self {
        Self {
            shape,
            data: Mutex::new(Data {
                emails,
                ..Data::default()
            }),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Data> {
        self.data.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub fn set_emails(&self, emails: Option<Vec<GitHubEmail>>) {
        self.lock().emails = emails;
    }

    pub fn emails(&self) -> Option<Vec<GitHubEmail>> {
        self.lock().emails.clone()
    }

    pub fn revoked_grants(&self) -> Vec<String> {
        self.lock().revoked_grants.clone()
    }

    pub fn grant_revoked(&self, access_token: &str) {
        self.lock().revoked_grants.push(access_token.to_owned());
    }

    pub fn api_requests(&self) -> Vec<ApiCall> {
        self.lock().api_log.clone()
    }

    /// Records a request to the API.
    pub fn record(&self, req: &Parts, json: Option<serde_json::Value>) {
        let mut headers = BTreeMap::new();
        for name in RECORDED_HEADERS {
            let values: Vec<String> = req
                .headers
                .get_all(*name)
                .iter()
                .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned())
                .collect();
            if !values.is_empty() {
                headers.insert((*name).to_owned(), values.join(", "));
            }
        }
        if let Some(value) = req.headers.get("authorization") {
            let value = String::from_utf8_lossy(value.as_bytes());
            let scheme = value.split(' ').next().unwrap_or_default().to_owned();
            headers.insert("authorization".to_owned(), scheme);
        }
        self.lock().api_log.push(ApiCall {
            method: req.method.as_str().to_owned(),
            path: req.uri.path().to_owned(),
            headers,
            json,
        });
    }
}

/// A bare TOML key when `key` may be one, a quoted key otherwise.
pub(crate) fn toml_key(key: &str) -> String {
    let bare = !key.is_empty()
        && key
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'-');
    if bare {
        key.to_owned()
    } else {
        toml_string(key)
    }
}

/// A TOML basic string (JSON string escapes are valid TOML basic-string escapes).
pub(crate) fn toml_string(value: &str) -> String {
    serde_json::Value::String(value.to_owned()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_quoting() {
        assert_eq!(toml_key("orcid_sandbox"), "orcid_sandbox");
        assert_eq!(toml_key("a.b"), "\"a.b\"");
        assert_eq!(toml_string("a\"b\\c\n"), r#""a\"b\\c\n""#);
        assert_eq!(toml_string("x\u{1}"), r#""x\u0001""#);
    }
}
