//! Helpers shared by the integration tests: a client that plays browser and OAuth client.
#![allow(dead_code, reason = "each test file uses a different subset")]

pub mod sandbox;

use std::collections::BTreeMap;

use base64ct::{Base64UrlUnpadded, Encoding};
use oauthclient_testkit::FakeProvider;
use reqwest::StatusCode;
use sha2::{Digest, Sha256};
use url::Url;

/// A redirect URI with a query of its own, to check the provider appends to it.
pub const CALLBACK: &str = "http://127.0.0.1:9/oauth/authorized/fake/?next=%2Fhome";
/// A `state` needing encoding, to check it comes back verbatim.
pub const STATE: &str = "st@te 1/2+&=";
/// A valid PKCE verifier (RFC 7636 appendix B).
pub const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

/// BASE64URL-NOPAD(SHA256(verifier)).
pub fn challenge(verifier: &str) -> String {
    Base64UrlUnpadded::encode_string(&Sha256::digest(verifier.as_bytes()))
}

/// A provider and an HTTP client that does not follow redirects.
pub struct Harness {
    pub provider: FakeProvider,
    pub http: reqwest::Client,
}

impl Harness {
    pub async fn start() -> Self {
        let provider = FakeProvider::start().await.expect("the provider starts");
        Self::with(provider)
    }

    pub fn with(provider: FakeProvider) -> Self {
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("a client");
        Self { provider, http }
    }

    /// `GET /authorize` with the usual parameters, changed by `overrides` (`None` removes).
    pub async fn authorize(&self, overrides: &[(&str, Option<&str>)]) -> reqwest::Response {
        let mut params: BTreeMap<&str, &str> = BTreeMap::from([
            ("response_type", "code"),
            ("client_id", self.provider.client_id()),
            ("redirect_uri", CALLBACK),
            ("state", STATE),
            ("scope", "read:user"),
        ]);
        for (name, value) in overrides {
            match value {
                Some(value) => params.insert(name, value),
                None => params.remove(name),
            };
        }
        let url = Url::parse_with_params(&self.provider.authorize_url(), params).expect("url");
        self.http.get(url).send().await.expect("authorize answers")
    }

    /// `/authorize` that must redirect back; the query of the redirect.
    pub async fn authorize_redirect(
        &self,
        overrides: &[(&str, Option<&str>)],
    ) -> BTreeMap<String, String> {
        let response = self.authorize(overrides).await;
        assert_eq!(response.status(), StatusCode::FOUND);
        let location = location(&response);
        assert!(
            location.as_str().starts_with(CALLBACK),
            "redirected to {location}"
        );
        query(&location)
    }

    /// A code for a PKCE flow with [`VERIFIER`].
    pub async fn pkce_code(&self) -> String {
        let challenge = challenge(VERIFIER);
        let back = self
            .authorize_redirect(&[
                ("code_challenge", Some(&challenge)),
                ("code_challenge_method", Some("S256")),
            ])
            .await;
        back["code"].clone()
    }

    /// `POST /token` with client credentials in the form plus `form`.
    pub async fn token(&self, form: &[(&str, &str)]) -> (StatusCode, serde_json::Value) {
        let mut body = vec![
            ("client_id", self.provider.client_id()),
            ("client_secret", self.provider.client_secret()),
        ];
        body.extend_from_slice(form);
        let response = self
            .http
            .post(self.provider.token_url())
            .form(&body)
            .send()
            .await
            .expect("token answers");
        json_of(response).await
    }

    /// Exchanges a code from [`Harness::pkce_code`].
    pub async fn exchange(&self, code: &str) -> (StatusCode, serde_json::Value) {
        self.token(&[
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", CALLBACK),
            ("code_verifier", VERIFIER),
        ])
        .await
    }

    /// A fresh token response of a whole PKCE flow.
    pub async fn tokens(&self) -> serde_json::Value {
        let code = self.pkce_code().await;
        let (status, body) = self.exchange(&code).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body
    }

    /// `GET /api/user` with `token` (none when `None`).
    pub async fn userinfo(&self, token: Option<&str>) -> (StatusCode, serde_json::Value) {
        let mut request = self
            .http
            .get(format!("{}user", self.provider.api_base_url()));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        json_of(request.send().await.expect("api answers")).await
    }

    /// `POST /revoke` with client credentials in the form.
    pub async fn revoke(&self, token: &str) -> StatusCode {
        self.http
            .post(self.provider.revoke_url())
            .form(&[
                ("token", token),
                ("client_id", self.provider.client_id()),
                ("client_secret", self.provider.client_secret()),
            ])
            .send()
            .await
            .expect("revoke answers")
            .status()
    }
}

/// The `Location` of a redirect.
pub fn location(response: &reqwest::Response) -> Url {
    let location = response
        .headers()
        .get(reqwest::header::LOCATION)
        .expect("a Location header")
        .to_str()
        .expect("ASCII");
    Url::parse(location).expect("an absolute URL")
}

/// A URL's query as a map.
pub fn query(url: &Url) -> BTreeMap<String, String> {
    url.query_pairs().into_owned().collect()
}

/// Status and JSON body (`null` when the body is not JSON).
pub async fn json_of(response: reqwest::Response) -> (StatusCode, serde_json::Value) {
    let status = response.status();
    let bytes = response.bytes().await.expect("a body");
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null),
    )
}

/// Asserts an RFC 6749 error answer.
pub fn assert_oauth_error(
    answer: &(StatusCode, serde_json::Value),
    status: StatusCode,
    error: &str,
) {
    assert_eq!(answer.0, status, "{}", answer.1);
    assert_eq!(answer.1["error"], error, "{}", answer.1);
    assert!(answer.1["error_description"].is_string(), "{}", answer.1);
}
