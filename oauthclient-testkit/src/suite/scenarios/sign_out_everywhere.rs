//! "Sign out everywhere": `POST /oauth/logout/everywhere` (the linked accounts page's form)
//! and `POST /api/oauth/logout/everywhere` end every session of the user, this one and every
//! other browser's, on cookie sessions and (when `OAUTHCLIENT_TEST_REDIS_URL` is set) on
//! Redis sessions. The user's session epoch moves on: a session signed in before is signed
//! out at its next request to a library page.

use serde_json::Value;

use crate::site::{Sessions, SiteOptions, current};
use crate::suite::{Scenario, TestSite, browser, launch, location, scenario_list, site};

const SETTINGS: &str = "/account/settings/linkedaccounts/";
const EVERYWHERE: &str = "/oauth/logout/everywhere";
const API_EVERYWHERE: &str = "/api/oauth/logout/everywhere";

/// The Redis URL, when the suite is to use Redis.
fn redis_url() -> Option<String> {
    crate::services::service_url(
        "OAUTHCLIENT_TEST_REDIS_URL",
        &format!(
            "{}: sign out everywhere on Redis sessions",
            current().name()
        ),
    )
}

/// Two browsers, each signed in through the fake provider as the same user.
async fn two_browsers(site: &TestSite) -> (reqwest::Client, reqwest::Client) {
    let (a, b) = (browser(), browser());
    assert_eq!(site.login(&a, None).await.status(), 302);
    assert_eq!(site.login(&b, None).await.status(), 302);
    let user = site.user_id(&a).await;
    assert_eq!(site.user_id(&b).await, user, "one user, two sessions");
    (a, b)
}

/// `browser`'s next visit to a library page finds it signed out, and a new sign-in holds.
async fn signed_out(site: &TestSite, browser: &reqwest::Client) {
    // `/test/whoami` reads the raw session: a library page checks the epoch first.
    let session: Value = browser
        .get(site.url("/api/oauth/session"))
        .send()
        .await
        .expect("session")
        .json()
        .await
        .expect("json");
    assert_eq!(session["signed_in"], false, "{session}");
    assert_eq!(site.whoami(browser).await, "anonymous");
    assert_eq!(
        browser
            .get(site.url(SETTINGS))
            .send()
            .await
            .expect("page")
            .status(),
        401,
        "signed out"
    );
}

/// A fresh sign-in after the epoch moved on stays signed in.
async fn signs_in_again(site: &TestSite, browser: &reqwest::Client) {
    assert_eq!(site.login(browser, None).await.status(), 302);
    let page = browser.get(site.url(SETTINGS)).send().await.expect("page");
    assert_eq!(page.status(), 200, "the new session is current");
    assert_ne!(site.whoami(browser).await, "anonymous");
}

/// The page form on `site`: both browsers end up signed out, `a` sees the flash.
async fn form_signs_out_every_browser(site: &TestSite) {
    let (a, b) = two_browsers(site).await;
    let (status, body, _) = site.page_with_csrf(&a, SETTINGS).await;
    assert_eq!(status, 200);
    let unescaped = body.replace("&#x2f;", "/");
    assert!(
        unescaped.contains(&format!("action=\"{EVERYWHERE}\"")),
        "{body}"
    );
    assert!(body.contains("Sign out everywhere"), "{body}");
    let response = site.submit(&a, SETTINGS, EVERYWHERE, &[]).await;
    assert_eq!(response.status(), 302);
    assert_eq!(location(&response), "/");
    let next_page = site.page(&a, "/oauth/logout").await;
    assert!(
        next_page.contains("You were signed out on every device."),
        "{next_page}"
    );
    assert_eq!(site.whoami(&a).await, "anonymous", "this session purged");
    signed_out(site, &b).await;
    signs_in_again(site, &b).await;
}

/// The JSON endpoint on `site`: 200 JSON, both browsers signed out.
async fn json_signs_out_every_browser(site: &TestSite) {
    let (a, b) = two_browsers(site).await;
    let token = site.csrf(&a).await;
    let response = a
        .post(site.url(API_EVERYWHERE))
        .header("X-CSRF-Token", token)
        .send()
        .await
        .expect("post");
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["message"], "You were signed out on every device.");
    assert_eq!(site.whoami(&a).await, "anonymous", "this session purged");
    signed_out(site, &b).await;
    signs_in_again(site, &a).await;
}

async fn the_form_signs_out_every_browser() {
    form_signs_out_every_browser(&site().await).await;
}

async fn the_json_endpoint_signs_out_every_browser() {
    json_signs_out_every_browser(&site().await).await;
}

async fn the_form_signs_out_every_browser_on_redis_sessions() {
    let Some(url) = redis_url() else {
        return;
    };
    let site = launch(SiteOptions::new().sessions(Sessions::Redis(url))).await;
    form_signs_out_every_browser(&site).await;
}

async fn the_json_endpoint_signs_out_every_browser_on_redis_sessions() {
    let Some(url) = redis_url() else {
        return;
    };
    let site = launch(SiteOptions::new().sessions(Sessions::Redis(url))).await;
    json_signs_out_every_browser(&site).await;
}

async fn anonymous_is_refused() {
    let site = site().await;
    let browser = browser();
    let token = site.csrf(&browser).await;
    let json = browser
        .post(site.url(API_EVERYWHERE))
        .header("X-CSRF-Token", &token)
        .send()
        .await
        .expect("post");
    assert_eq!(json.status(), 401);
    let body: Value = json.json().await.expect("json");
    assert_eq!(body["message"], "Sign in required.");
    let page = browser
        .post(site.url(EVERYWHERE))
        .form(&[("csrf_token", token.as_str())])
        .send()
        .await
        .expect("post");
    // The test site's host has no login page: the library's 401 (else a login redirect).
    assert_eq!(page.status(), 401);
}

async fn a_missing_csrf_token_is_refused_and_signs_no_one_out() {
    let site = site().await;
    let (a, b) = two_browsers(&site).await;
    let form = a
        .post(site.url(EVERYWHERE))
        .form(&[("csrf_token", "")])
        .send()
        .await
        .expect("post");
    assert_eq!(form.status(), 403);
    let json = a.post(site.url(API_EVERYWHERE)).send().await.expect("post");
    assert_eq!(json.status(), 403);
    let foreign = a
        .post(site.url(API_EVERYWHERE))
        .header("Origin", "https://evil.example")
        .send()
        .await
        .expect("post");
    assert_eq!(foreign.status(), 403);
    for browser in [&a, &b] {
        let page = browser.get(site.url(SETTINGS)).send().await.expect("page");
        assert_eq!(page.status(), 200, "still signed in");
        assert_ne!(site.whoami(browser).await, "anonymous");
    }
}

pub(super) fn scenarios() -> Vec<Scenario> {
    scenario_list![
        the_form_signs_out_every_browser,
        the_json_endpoint_signs_out_every_browser,
        the_form_signs_out_every_browser_on_redis_sessions,
        the_json_endpoint_signs_out_every_browser_on_redis_sessions,
        anonymous_is_refused,
        a_missing_csrf_token_is_refused_and_signs_no_one_out,
    ]
}
