//! What a browser does on a test site: start and finish flows, read pages, submit forms.

use oauthclient_core::account::UserId;

use super::{Site, location};
use crate::html::input_value;

impl<P> Site<P> {
    /// An absolute URL on the site (`path` under its prefix).
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// `GET /oauth/login/{app}/` (confirming the connection when signed in); the provider's
    /// authorize URL it redirects to.
    pub async fn start_login(&self, browser: &reqwest::Client, next: Option<&str>) -> String {
        let next: Vec<(&str, &str)> = next.map(|next| ("next", next)).into_iter().collect();
        self.start_login_with(browser, &next).await
    }

    /// [`Site::start_login`] with `query` on the login URL (`next`, per-login options).
    pub async fn start_login_with(
        &self,
        browser: &reqwest::Client,
        query: &[(&str, &str)],
    ) -> String {
        let mut url =
            url::Url::parse(&self.url(&format!("/oauth/login/{}/", self.app))).expect("url");
        if !query.is_empty() {
            url.query_pairs_mut().extend_pairs(query);
        }
        let response = crate::browser_actions::start_flow(browser, url.as_str()).await;
        if response.status() != 302 {
            let status = response.status();
            let body = response.text().await.unwrap_or_default();
            panic!("login redirects, but answered {status}: {body}");
        }
        location(&response)
    }

    /// Visits the provider's authorize URL; the callback URL it redirects to.
    pub async fn authorize(&self, browser: &reqwest::Client, authorize_url: &str) -> String {
        let response = browser.get(authorize_url).send().await.expect("authorize");
        assert_eq!(response.status(), 302, "the provider redirects back");
        location(&response)
    }

    /// The whole round trip; the callback's response.
    pub async fn login(&self, browser: &reqwest::Client, next: Option<&str>) -> reqwest::Response {
        let authorize_url = self.start_login(browser, next).await;
        let callback = self.authorize(browser, &authorize_url).await;
        browser.get(callback).send().await.expect("callback")
    }

    /// [`Site::login`] with `query` on the login URL (`next`, per-login options).
    pub async fn login_with(
        &self,
        browser: &reqwest::Client,
        query: &[(&str, &str)],
    ) -> reqwest::Response {
        let authorize_url = self.start_login_with(browser, query).await;
        let callback = self.authorize(browser, &authorize_url).await;
        browser.get(callback).send().await.expect("callback")
    }

    /// Signs out as a browser would: the confirmation page, then its CSRF-checked form.
    pub async fn logout(&self, browser: &reqwest::Client) -> reqwest::Response {
        crate::browser_actions::sign_out(browser, &self.base).await
    }

    /// The signed-in user's id as text, or `anonymous`.
    pub async fn whoami(&self, browser: &reqwest::Client) -> String {
        self.page(browser, "/test/whoami").await
    }

    /// The signed-in user's id.
    pub async fn user_id(&self, browser: &reqwest::Client) -> UserId {
        let who = self.whoami(browser).await;
        assert!(
            who != "anonymous" && !who.is_empty(),
            "signed in, but whoami says {who:?}"
        );
        UserId::new(who)
    }

    /// `present` when the session holds a token of the app `fake`, else `absent`.
    pub async fn session_token(&self, browser: &reqwest::Client) -> String {
        self.page(browser, "/test/session-token").await
    }

    /// The body of a page.
    pub async fn page(&self, browser: &reqwest::Client, path: &str) -> String {
        browser
            .get(self.url(path))
            .send()
            .await
            .unwrap_or_else(|err| panic!("GET {path}: {err}"))
            .text()
            .await
            .unwrap_or_else(|err| panic!("GET {path} body: {err}"))
    }

    /// Signs `user_id` in as the host app's own login would.
    pub async fn sign_in_as(&self, browser: &reqwest::Client, user_id: &UserId) {
        let response = browser
            .get(self.url(&format!("/test/login/{user_id}")))
            .send()
            .await
            .expect("test login");
        assert_eq!(response.status(), 200);
    }

    /// The status and body of a page, and the CSRF token in its first form (empty if none).
    pub async fn page_with_csrf(
        &self,
        browser: &reqwest::Client,
        path: &str,
    ) -> (u16, String, String) {
        let response = browser.get(self.url(path)).send().await.expect("page");
        let status = response.status().as_u16();
        let body = response.text().await.expect("body");
        let token = input_value(&body, "csrf_token").unwrap_or_default();
        (status, body, token)
    }

    /// Loads `form_page` for its CSRF token, then posts `fields` (plus the token) to `action`,
    /// as a browser submitting that page's form would.
    pub async fn submit(
        &self,
        browser: &reqwest::Client,
        form_page: &str,
        action: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        let (_, _, csrf) = self.page_with_csrf(browser, form_page).await;
        let mut form = vec![("csrf_token", csrf.as_str())];
        form.extend_from_slice(fields);
        browser
            .post(self.url(action))
            .form(&form)
            .send()
            .await
            .unwrap_or_else(|err| panic!("POST {action}: {err}"))
    }

    /// This browser's CSRF token, as a single-page app gets it (works signed out too).
    pub async fn csrf(&self, browser: &reqwest::Client) -> String {
        let body: serde_json::Value = browser
            .get(self.url("/api/oauth/csrf"))
            .send()
            .await
            .expect("csrf")
            .json()
            .await
            .expect("json");
        body["csrf_token"].as_str().expect("token").to_owned()
    }

    /// A vouched sign-in that meets an unconfirmed claim stops at the choice "is this your
    /// account?"; returns that page.
    pub async fn login_asks(&self, browser: &reqwest::Client) -> String {
        let response = self.login(browser, None).await;
        let signup = format!("/oauth/signup/{}/", self.app);
        assert!(location(&response).ends_with(&signup), "asks first");
        let (status, body, _) = self.page_with_csrf(browser, &signup).await;
        assert_eq!(status, 200, "{body}");
        assert!(body.contains("data-unconfirmed-claim"), "{body}");
        body
    }

    /// In a fresh browser, a vouched sign-in meets the unconfirmed claim and answers "it is not
    /// mine": the browser, signed in to its new account, and that account's id.
    pub async fn sign_in_past_a_claim(&self) -> (reqwest::Client, UserId) {
        let browser = super::browser();
        self.login_asks(&browser).await;
        assert_eq!(self.continue_as_new(&browser).await.status(), 302);
        let id = UserId::new(self.whoami(&browser).await);
        (browser, id)
    }

    /// "It is not mine": continues with an account of one's own.
    pub async fn continue_as_new(&self, browser: &reqwest::Client) -> reqwest::Response {
        let app = &self.app;
        self.submit(
            browser,
            &format!("/oauth/signup/{app}/"),
            &format!("/oauth/signup/{app}/continue"),
            &[],
        )
        .await
    }
}
