//! `conformance.json`: which fixture answers which request, and what the provider must make
//! of it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::Value;

/// The manifest's file name inside the fixtures directory.
pub(crate) const MANIFEST: &str = "conformance.json";

/// The whole manifest, as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Manifest {
    /// The token response fixture (a file name); default: a bare bearer token.
    #[serde(default)]
    pub token: Option<String>,
    /// `"GET user": "user.json"`: API answers, paths relative to the app's `base_url`.
    #[serde(default)]
    pub api: BTreeMap<String, Route>,
    /// What a host must add to the provider's defaults (an issuer, a signing key).
    #[serde(default)]
    pub host: Host,
    /// The login redirect built from the provider's defaults.
    pub login: Login,
    /// The provider links accounts but signs nobody in: it has no account info, and the
    /// account checks are skipped.
    #[serde(default)]
    pub link_only: bool,
    /// Fields of the `AccountInfo` the base fixtures must give.
    #[serde(default)]
    pub account_info: serde_json::Map<String, Value>,
    /// The `extra_data` `signup_handler.setup` must return.
    #[serde(default)]
    pub extra_data: Option<Value>,
    /// What disconnecting must send.
    #[serde(default)]
    pub disconnect: Disconnect,
    /// More account-info cases: other fixtures, other expectations.
    #[serde(default)]
    pub cases: Vec<Case>,
}

/// `"host": {"params": {...}, "credentials": {...}}`: keys a host's configuration adds to the
/// provider's defaults, e.g. the `issuer` of a Keycloak realm. In `credentials`,
/// `{test_p256_key}` stands for a P-256 test key (PKCS#8 PEM) for JWT client authentication.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Host {
    #[serde(default)]
    pub params: BTreeMap<String, String>,
    #[serde(default)]
    pub credentials: BTreeMap<String, String>,
}

/// An API answer: a fixture file (`200`), or a status with a file or an inline body.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub(crate) enum Route {
    File(String),
    Full {
        status: u16,
        #[serde(default)]
        file: Option<String>,
        #[serde(default)]
        body: Option<Value>,
    },
}

/// `"login": {"authorize_url": ..., "params": {...}, "pkce": true}`. An `authorize_url` of
/// `"discovered"` (OpenID Connect: the discovery document names it) checks the parameters only.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Login {
    pub authorize_url: String,
    #[serde(default)]
    pub params: BTreeMap<String, String>,
    #[serde(default = "yes")]
    pub pkce: bool,
}

fn yes() -> bool {
    true
}

/// `"disconnect": {"calls": [...]}`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Disconnect {
    #[serde(default)]
    pub calls: Vec<ExpectedCall>,
}

/// One API request disconnecting must make. `{client_id}` and `{access_token}` in `path` and
/// in `json` strings stand for the app's client id and the user's stored access token.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ExpectedCall {
    pub method: String,
    pub path: String,
    /// `"basic"` (client credentials), `"bearer"` (the user's token) or `"none"`.
    #[serde(default)]
    pub auth: Option<String>,
    #[serde(default)]
    pub json: Option<Value>,
}

/// One more account-info case.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Case {
    pub name: String,
    /// Another token response fixture.
    #[serde(default)]
    pub token: Option<String>,
    /// The token endpoint's status for it (default 200): an error shape of the provider's.
    #[serde(default)]
    pub token_status: Option<u16>,
    /// API answers replacing the base ones (same keys) or added.
    #[serde(default)]
    pub api: BTreeMap<String, Route>,
    /// Expected `AccountInfo` fields.
    #[serde(default)]
    pub account_info: Option<serde_json::Map<String, Value>>,
    /// Expected error kind instead (`invalid_response`, ...).
    #[serde(default)]
    pub error: Option<String>,
}

/// A fixture answer, read.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Served {
    pub status: u16,
    pub body: Value,
}

impl Served {
    /// `body` with `200 OK`.
    pub fn ok(body: Value) -> Self {
        Self { status: 200, body }
    }
}

/// The manifest with every fixture file read.
#[derive(Debug, Clone)]
pub(crate) struct Fixtures {
    pub dir: PathBuf,
    pub manifest: Manifest,
}

impl Fixtures {
    /// Reads `dir/conformance.json` and checks every file it names exists.
    pub fn load(dir: &Path) -> Result<Self, String> {
        let path = dir.join(MANIFEST);
        let text = std::fs::read_to_string(&path)
            .map_err(|err| format!("cannot read {}: {err}", path.display()))?;
        let manifest: Manifest = serde_json::from_str(&text)
            .map_err(|err| format!("{} is not a valid manifest: {err}", path.display()))?;
        let fixtures = Self {
            dir: dir.to_owned(),
            manifest,
        };
        fixtures.token(None)?;
        fixtures.routes(&BTreeMap::new())?;
        for case in &fixtures.manifest.cases {
            fixtures.token(case.token.as_deref())?;
            fixtures.routes(&case.api)?;
            if case.token_status.is_some_and(|status| status != 200) && case.error.is_none() {
                return Err(format!(
                    "case `{}`: a token error status needs an expected `error`",
                    case.name
                ));
            }
            if case.account_info.is_some() == case.error.is_some() {
                return Err(format!(
                    "case `{}`: give either `account_info` or `error`",
                    case.name
                ));
            }
        }
        Ok(fixtures)
    }

    /// A JSON fixture file.
    fn file(&self, name: &str) -> Result<Value, String> {
        let path = self.dir.join(name);
        let text = std::fs::read_to_string(&path)
            .map_err(|err| format!("cannot read fixture {}: {err}", path.display()))?;
        serde_json::from_str(&text)
            .map_err(|err| format!("fixture {} is not JSON: {err}", path.display()))
    }

    /// The token response: `file`, else the manifest's, else a bare bearer token.
    pub fn token(&self, file: Option<&str>) -> Result<Value, String> {
        match file.or(self.manifest.token.as_deref()) {
            Some(name) => self.file(name),
            None => Ok(serde_json::json!({
                "access_token": "conformance-access-token",
                "token_type": "bearer",
            })),
        }
    }

    /// The base API answers with `overrides` applied, keyed by (METHOD, path).
    pub fn routes(
        &self,
        overrides: &BTreeMap<String, Route>,
    ) -> Result<BTreeMap<(String, String), Served>, String> {
        let mut routes = BTreeMap::new();
        for (key, route) in self.manifest.api.iter().chain(overrides) {
            let (method, path) = key
                .split_once(' ')
                .ok_or_else(|| format!("API key `{key}` is not \"METHOD path\""))?;
            let served = match route {
                Route::File(name) => Served {
                    status: 200,
                    body: self.file(name)?,
                },
                Route::Full { status, file, body } => Served {
                    status: *status,
                    body: match (file, body) {
                        (Some(name), _) => self.file(name)?,
                        (None, Some(body)) => body.clone(),
                        (None, None) => Value::Null,
                    },
                },
            };
            routes.insert(
                (
                    method.to_ascii_uppercase(),
                    path.trim_start_matches('/').to_owned(),
                ),
                served,
            );
        }
        Ok(routes)
    }
}

/// Replaces `{client_id}` and `{access_token}` in `value`'s strings.
pub(crate) fn substitute(value: &Value, client_id: &str, access_token: &str) -> Value {
    match value {
        Value::String(text) => Value::String(
            text.replace("{client_id}", client_id)
                .replace("{access_token}", access_token),
        ),
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|item| substitute(item, client_id, access_token))
                .collect(),
        ),
        Value::Object(fields) => Value::Object(
            fields
                .iter()
                .map(|(key, item)| (key.clone(), substitute(item, client_id, access_token)))
                .collect(),
        ),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_accept_files_and_inline_answers() {
        let manifest: Manifest = serde_json::from_value(serde_json::json!({
            "api": {"GET user": {"status": 401, "body": {"message": "Bad credentials"}}},
            "login": {"authorize_url": "https://provider.example/authorize"},
            "account_info": {"external_id": "1"}
        }))
        .expect("parses");
        assert!(
            manifest.login.pkce,
            "PKCE is expected unless said otherwise"
        );
        let fixtures = Fixtures {
            dir: PathBuf::from("/nonexistent"),
            manifest,
        };
        let routes = fixtures.routes(&BTreeMap::new()).expect("inline");
        let served = &routes[&("GET".to_owned(), "user".to_owned())];
        assert_eq!(served.status, 401);
        assert!(fixtures.token(None).expect("default")["access_token"].is_string());
        let missing = BTreeMap::from([("GET x".to_owned(), Route::File("x.json".into()))]);
        assert!(fixtures.routes(&missing).is_err());
    }

    #[test]
    fn placeholders_are_substituted_everywhere() {
        let value = serde_json::json!({"a": ["{client_id}/{access_token}"], "n": 1});
        assert_eq!(
            substitute(&value, "c", "t"),
            serde_json::json!({"a": ["c/t"], "n": 1})
        );
    }
}
