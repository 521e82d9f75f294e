//! Helpers for the sandbox tests: a browser that reads the sandbox pages and posts their forms.

use std::collections::BTreeMap;

use oauthclient_testkit::FakeProvider;
use reqwest::StatusCode;

use super::{CALLBACK, Harness, VERIFIER, challenge, location, query};

pub async fn sandbox() -> Harness {
    Harness::with(
        FakeProvider::start_sandbox()
            .await
            .expect("the provider starts"),
    )
}

/// The `value` of the form field `name` (the pages write `name` before `value`).
pub fn field(html: &str, name: &str) -> String {
    let start = html
        .find(&format!("name=\"{name}\" value=\""))
        .unwrap_or_else(|| panic!("no field {name} in {html}"));
    let rest = &html[start..];
    let value = &rest[rest.find("value=\"").expect("a value") + 7..];
    value[..value.find('"').expect("a closing quote")].to_owned()
}

/// The tag carrying `data-testid="<testid>"`.
pub fn tag<'a>(html: &'a str, testid: &str) -> &'a str {
    let at = html
        .find(&format!("data-testid=\"{testid}\""))
        .unwrap_or_else(|| panic!("no {testid} in {html}"));
    let start = html[..at].rfind('<').expect("a tag start");
    &html[start..at + html[at..].find('>').expect("a tag end")]
}

/// A sign-in waiting at the login page.
pub struct Pending {
    pub id: String,
    pub csrf: String,
}

impl Harness {
    /// `GET /authorize` with PKCE; the login page must show.
    pub async fn login_page(&self) -> (Pending, String) {
        let challenge = challenge(VERIFIER);
        let response = self
            .authorize(&[
                ("code_challenge", Some(&challenge)),
                ("code_challenge_method", Some("S256")),
            ])
            .await;
        assert_eq!(response.status(), StatusCode::OK);
        assert!(response.headers().get("location").is_none());
        let html = response.text().await.expect("a page");
        let pending = Pending {
            id: field(&html, "pending"),
            csrf: field(&html, "csrf_token"),
        };
        (pending, html)
    }

    pub async fn post(&self, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.http
            .post(format!("{}{path}", self.provider.base_url()))
            .form(form)
            .send()
            .await
            .expect("the sandbox answers")
    }

    pub async fn login(
        &self,
        pending: &Pending,
        username: &str,
        share_email: bool,
    ) -> reqwest::Response {
        let mut form = vec![
            ("pending", pending.id.as_str()),
            ("csrf_token", pending.csrf.as_str()),
            ("username", username),
            ("password", "anything"),
        ];
        if share_email {
            form.push(("share_email", "yes"));
        }
        self.post("/login", &form).await
    }

    pub async fn decide(&self, pending: &Pending, decision: &str) -> reqwest::Response {
        self.post(
            "/consent",
            &[
                ("pending", &pending.id),
                ("csrf_token", &pending.csrf),
                ("decision", decision),
            ],
        )
        .await
    }

    /// A whole sandbox sign-in that approves; the query of the redirect back.
    pub async fn approve_as(&self, username: &str, share_email: bool) -> BTreeMap<String, String> {
        let (pending, _) = self.login_page().await;
        let consent = self.login(&pending, username, share_email).await;
        assert_eq!(consent.status(), StatusCode::OK);
        let response = self.decide(&pending, "approve").await;
        assert_eq!(response.status(), StatusCode::FOUND);
        let location = location(&response);
        assert!(location.as_str().starts_with(CALLBACK), "{location}");
        query(&location)
    }

    /// `/api/user` for the user a whole approved sandbox sign-in gives.
    pub async fn sandbox_user(&self, username: &str, share_email: bool) -> serde_json::Value {
        let back = self.approve_as(username, share_email).await;
        let (status, token) = self.exchange(&back["code"]).await;
        assert_eq!(status, StatusCode::OK, "{token}");
        let (status, user) = self
            .userinfo(Some(token["access_token"].as_str().expect("a token")))
            .await;
        assert_eq!(status, StatusCode::OK);
        user
    }
}

pub async fn assert_400_page(response: reqwest::Response) -> String {
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .expect("ascii")
            .starts_with("text/html")
    );
    let html = response.text().await.expect("a page");
    assert!(html.contains("data-testid=\"sandbox-error\""), "{html}");
    html
}
