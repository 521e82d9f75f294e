//! OAuth 1.0a end to end against a real, independent OAuth1 provider: Python's `oauthlib`
//! RFC 5849 server endpoints (`xtask/oauth1-provider/server.py`), started by
//! `cargo xtask integration`, which sets `OAUTHCLIENT_TEST_OAUTH1_URL`. When the variable is
//! set the provider must answer; when it is not, these tests say so and do nothing.

use oauthclient_core::AccountStore;
use oauthclient_core::account::UserId;
use oauthclient_core::handlers::ApiRequest;
use oauthclient_testkit::suite::{TestSite, browser, location, query, site_with};

/// The consumer the xtask registers with the provider.
const CONSUMER_KEY: &str = "oauthclient-rs-consumer";
const CONSUMER_SECRET: &str = "oauthclient-rs-consumer-secret";

fn provider_url() -> Option<String> {
    oauthclient_testkit::services::service_url(
        "OAUTHCLIENT_TEST_OAUTH1_URL",
        "web: OAuth 1.0a against Python oauthlib",
    )
    .map(|url| url.trim_end_matches('/').to_owned())
}

/// An OAuth1 app `legacy` on the provider, and `broken`, whose request token endpoint
/// answers 500.
fn oauth1_apps(url: &str) -> String {
    format!(
        r#"
[remote_apps.legacy]
title = "oauthlib (OAuth 1.0a)"
provider = "testkit"

[remote_apps.legacy.params]
request_token_url = "{url}/oauth/request_token"
authorize_url = "{url}/oauth/authorize"
access_token_url = "{url}/oauth/access_token"
base_url = "{url}/api/"
app_key = "LEGACY_APP_CREDENTIALS"

[LEGACY_APP_CREDENTIALS]
consumer_key = "{CONSUMER_KEY}"
consumer_secret = "{CONSUMER_SECRET}"

[remote_apps.broken]
title = "oauthlib, failing"
provider = "testkit"

[remote_apps.broken.params]
request_token_url = "{url}/fail/request_token"
authorize_url = "{url}/oauth/authorize"
access_token_url = "{url}/oauth/access_token"
app_key = "LEGACY_APP_CREDENTIALS"
"#
    )
}

async fn oauth1_site() -> Option<(TestSite, String)> {
    let url = provider_url()?;
    let reachable = reqwest::get(format!("{url}/oauth/authorize")).await;
    assert!(
        reachable.is_ok(),
        "OAUTHCLIENT_TEST_OAUTH1_URL={url} is set but the OAuth1 provider is unreachable"
    );
    let apps = oauth1_apps(&url);
    let site = site_with(move |toml| format!("{toml}\n{apps}")).await;
    Some((site, url))
}

/// GET /oauth/login/legacy/: returns the provider authorize URL we were sent to.
async fn start(site: &TestSite, browser: &reqwest::Client, provider: &str) -> String {
    let response = browser
        .get(site.url("/oauth/login/legacy/"))
        .send()
        .await
        .expect("login");
    assert_eq!(response.status(), 302, "login redirects to the provider");
    let authorize = location(&response);
    assert!(
        authorize.starts_with(&format!("{provider}/oauth/authorize?")),
        "{authorize}"
    );
    assert!(query(&authorize).contains_key("oauth_token"), "{authorize}");
    authorize
}

/// The provider's answer at its authorize endpoint, as `user` (approving unless `deny`):
/// the callback URL it redirects the browser to.
async fn authorize(
    browser: &reqwest::Client,
    authorize_url: &str,
    user: &str,
    deny: bool,
) -> String {
    let mut url = url::Url::parse(authorize_url).expect("authorize URL");
    url.query_pairs_mut().append_pair("user", user);
    if deny {
        url.query_pairs_mut().append_pair("deny", "1");
    }
    let response = browser.get(url).send().await.expect("authorize");
    assert_eq!(response.status(), 302, "the provider redirects back");
    location(&response)
}

/// The callback URL with one parameter replaced (or removed with `None`).
fn with_param(callback: &str, name: &str, value: Option<&str>) -> String {
    let mut url = url::Url::parse(callback).expect("callback URL");
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .into_owned()
        .filter(|(key, _)| key != name)
        .collect();
    {
        let mut query = url.query_pairs_mut();
        query.clear().extend_pairs(&pairs);
        if let Some(value) = value {
            query.append_pair(name, value);
        }
    }
    url.to_string()
}

#[tokio::test]
async fn a_new_user_signs_in_and_the_stored_token_signs_api_calls() {
    let Some((site, provider)) = oauth1_site().await else {
        return;
    };
    let browser = browser();
    let authorize_url = start(&site, &browser, &provider).await;
    let callback = authorize(&browser, &authorize_url, "alice", false).await;
    let params = query(&callback);
    assert!(
        params.contains_key("oauth_verifier") && params.contains_key("state"),
        "{callback}"
    );

    let response = browser.get(&callback).send().await.expect("callback");
    assert_eq!(response.status(), 302, "{:?}", response.text().await);
    assert_eq!(location(&response), "/");
    let user_id = UserId::new(site.whoami(&browser).await);
    let user = site
        .store
        .user_by_email("alice@example.org")
        .await
        .expect("store")
        .expect("signed up with the provider's verified e-mail");
    assert_eq!(user.id, user_id);

    // The stored token is the access token *and* its secret (the seed's token getter) ...
    let token = site
        .store
        .token(&user_id, CONSUMER_KEY, "")
        .await
        .expect("store")
        .expect("token stored");
    assert!(token.secret.is_some(), "the OAuth1 token secret is stored");
    // ... and signs an API call the provider verifies.
    let response = site
        .runtime
        .remote_request("legacy", &user_id, ApiRequest::get("user"))
        .await
        .expect("signed API call");
    assert_eq!(response.status, 200);
    let me: serde_json::Value = serde_json::from_slice(&response.body).expect("JSON");
    assert_eq!(me["login"], "alice");

    // The callback is single use.
    let replay = browser.get(&callback).send().await.expect("replay");
    assert_eq!(replay.status(), 403);
}

#[tokio::test]
async fn a_returning_user_signs_in_to_the_same_account() {
    let Some((site, provider)) = oauth1_site().await else {
        return;
    };
    let mut users = Vec::new();
    for _ in 0..2 {
        let browser = browser();
        let authorize_url = start(&site, &browser, &provider).await;
        let callback = authorize(&browser, &authorize_url, "bob", false).await;
        let response = browser.get(&callback).send().await.expect("callback");
        assert_eq!(response.status(), 302);
        users.push(site.whoami(&browser).await);
    }
    assert_eq!(users[0], users[1]);
    assert_eq!(site.count("accounts_user"), 1);
    assert_eq!(site.count("oauthclient_remoteaccount"), 1);
}

#[tokio::test]
async fn a_callback_with_another_oauth_token_is_forbidden() {
    let Some((site, provider)) = oauth1_site().await else {
        return;
    };
    let browser = browser();
    let authorize_url = start(&site, &browser, &provider).await;
    let callback = authorize(&browser, &authorize_url, "carol", false).await;
    let tampered = with_param(&callback, "oauth_token", Some("a-token-we-never-asked-for"));
    let response = browser.get(&tampered).send().await.expect("callback");
    assert_eq!(response.status(), 403);
    assert_eq!(site.whoami(&browser).await, "anonymous");
    assert_eq!(site.count("accounts_user"), 0);
}

#[tokio::test]
async fn a_callback_without_verifier_is_forbidden() {
    let Some((site, provider)) = oauth1_site().await else {
        return;
    };
    let browser = browser();
    let authorize_url = start(&site, &browser, &provider).await;
    let callback = authorize(&browser, &authorize_url, "dave", false).await;
    let response = browser
        .get(with_param(&callback, "oauth_verifier", None))
        .send()
        .await
        .expect("callback");
    assert_eq!(response.status(), 403);
    assert_eq!(site.count("accounts_user"), 0);
}

#[tokio::test]
async fn a_denied_authorization_flashes_and_redirects() {
    let Some((site, provider)) = oauth1_site().await else {
        return;
    };
    let browser = browser();
    let authorize_url = start(&site, &browser, &provider).await;
    let callback = authorize(&browser, &authorize_url, "erin", true).await;
    assert!(query(&callback).contains_key("denied"), "{callback}");
    let response = browser.get(&callback).send().await.expect("callback");
    assert_eq!(response.status(), 302);
    assert_eq!(location(&response), "/");
    let page = browser
        .get(site.url("/account/settings/linkedaccounts/"))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("body");
    assert!(
        page.contains("You rejected the authentication request."),
        "{page}"
    );
    assert_eq!(site.count("accounts_user"), 0);
}

#[tokio::test]
async fn a_provider_failing_with_500_is_a_bad_gateway() {
    let Some((site, _provider)) = oauth1_site().await else {
        return;
    };
    let browser = browser();
    let response = browser
        .get(site.url("/oauth/login/broken/"))
        .send()
        .await
        .expect("login");
    assert_eq!(response.status(), 502);
    let body = response.text().await.expect("body");
    assert!(!body.contains("panicked") && !body.contains("oauthclient-rs-consumer-secret"));
}
