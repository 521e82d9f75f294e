//! The JSON endpoints a single-page app builds its own sign-in page with: the providers, the
//! session, and beginning a login (`POST /api/oauth/login/{app}`), whose authorization URL
//! completes through the ordinary callback.

use serde_json::{Value, json};

use crate::site::SiteOptions;
use crate::suite::{
    APP, Scenario, TestSite, browser, launch, location, query, scenario_list, site, site_with,
};

/// `GET path` on `site` as JSON, asserting its status.
async fn get_json(site: &TestSite, browser: &reqwest::Client, path: &str) -> Value {
    let response = browser.get(site.url(path)).send().await.expect("get");
    assert_eq!(response.status(), 200, "{path}");
    response.json().await.expect("json")
}

/// `POST /api/oauth/login/{app}` with this browser's CSRF token and `body` as JSON.
async fn begin(
    site: &TestSite,
    browser: &reqwest::Client,
    app: &str,
    body: &Value,
) -> reqwest::Response {
    let token = site.csrf(browser).await;
    browser
        .post(site.url(&format!("/api/oauth/login/{app}")))
        .header("X-CSRF-Token", token)
        .json(body)
        .send()
        .await
        .expect("post")
}

/// Follows an authorization URL through the provider and the callback; the callback's answer.
async fn complete(site: &TestSite, browser: &reqwest::Client, begun: reqwest::Response) -> String {
    assert_eq!(begun.status(), 200);
    let body: Value = begun.json().await.expect("json");
    let url = body["authorization_url"]
        .as_str()
        .expect("authorization_url");
    assert!(url.starts_with(&site.provider.authorize_url()), "{url}");
    assert_eq!(query(url)["state"].split('.').count(), 3, "a signed state");
    let callback = site.authorize(browser, url).await;
    let response = browser.get(callback).send().await.expect("callback");
    assert_eq!(response.status(), 302);
    location(&response)
}

async fn providers_lists_visible_apps_to_anyone() {
    let site = site().await;
    let body = get_json(&site, &browser(), "/api/oauth/providers").await;
    let providers = body["providers"].as_array().expect("providers");
    assert_eq!(providers.len(), 1, "{body}");
    let fake = &providers[0];
    assert_eq!(fake["name"], APP);
    assert_eq!(fake["login_url"], format!("/api/oauth/login/{APP}"));
    assert_eq!(fake["link_only"], false);
    assert_eq!(fake["signup"], "open");
    assert!(fake["title"].is_string() && fake["description"].is_string());
    assert!(fake["icon"].is_string());
    assert_eq!(
        fake["login_options"],
        json!([]),
        "nothing allowed by default"
    );
    assert_eq!(fake["extra_scopes"], json!([]));

    let with_options = site_with(|toml| {
        toml.replace(
            "[remote_apps.fake]",
            "[remote_apps.fake]\nlogin_options = { allow = [\"remember\", \"prompt\"], extra_scopes = [\"repo\"] }",
        )
    })
    .await;
    let body = get_json(&with_options, &browser(), "/api/oauth/providers").await;
    assert_eq!(
        (
            &body["providers"][0]["login_options"],
            &body["providers"][0]["extra_scopes"]
        ),
        (&json!(["prompt", "scope", "remember"]), &json!(["repo"])),
        "what a login may ask for, in the documented order: {body}"
    );

    let hidden =
        site_with(|toml| toml.replace("[remote_apps.fake]", "[remote_apps.fake]\nhide = true"))
            .await;
    let body = get_json(&hidden, &browser(), "/api/oauth/providers").await;
    assert_eq!(body, json!({"providers": []}), "a hidden app is not listed");
}

async fn providers_login_urls_carry_the_sites_prefix() {
    let site = launch(SiteOptions::new().prefix("/auth")).await;
    let body = get_json(&site, &browser(), "/api/oauth/providers").await;
    assert_eq!(
        body["providers"][0]["login_url"],
        format!("/auth/api/oauth/login/{APP}")
    );
    // And it works there.
    let browser = browser();
    let landed = complete(
        &site,
        &browser,
        begin(&site, &browser, APP, &json!({})).await,
    )
    .await;
    assert_eq!(landed, "/");
    assert_ne!(site.whoami(&browser).await, "anonymous");
}

async fn session_says_who_is_signed_in_and_their_accounts() {
    let site = site().await;
    let browser = browser();
    let anonymous = get_json(&site, &browser, "/api/oauth/session").await;
    assert_eq!(anonymous, json!({"signed_in": false}));

    site.login(&browser, None).await;
    let me = site.whoami(&browser).await;
    let body = get_json(&site, &browser, "/api/oauth/session").await;
    assert_eq!(body["signed_in"], true, "{body}");
    let user = &body["user"];
    assert_eq!(user["id"], me);
    assert_eq!(user["email"], "octo@example.org");
    assert_eq!(user["email_confirmed"], true);
    assert_eq!(user["full_name"], "Octo Cat");
    assert!(user.get("username").is_some(), "{user}");
    let account = &body["accounts"][0];
    assert_eq!(account["name"], APP);
    assert_eq!(account["linked"], true);
    assert_eq!(account["reconnect"], false);
    assert_eq!(account["external_id"], "1001");

    site.logout(&browser).await;
    let after = get_json(&site, &browser, "/api/oauth/session").await;
    assert_eq!(after, json!({"signed_in": false}));
}

async fn begin_login_refuses_foreign_and_tokenless_writes() {
    let site = site().await;
    let browser = browser();
    let url = site.url(&format!("/api/oauth/login/{APP}"));
    let foreign = browser
        .post(&url)
        .header("Origin", "https://evil.example")
        .json(&json!({}))
        .send()
        .await
        .expect("post");
    assert_eq!(foreign.status(), 403);
    let body: Value = foreign.json().await.expect("json");
    assert_eq!(
        body,
        json!({"code": "origin_not_allowed", "message": "Requests from this origin are not allowed.", "status": 403})
    );
    let tokenless = browser.post(&url).send().await.expect("post");
    assert_eq!(tokenless.status(), 403);
    let body: Value = tokenless.json().await.expect("json");
    assert_eq!(
        body,
        json!({"code": "csrf_failed", "message": "The X-CSRF-Token header is missing or wrong.", "status": 403})
    );

    // The site's own origin needs no token.
    let same_origin = browser
        .post(&url)
        .header("Origin", site.base.clone())
        .send()
        .await
        .expect("post");
    assert_eq!(complete(&site, &browser, same_origin).await, "/");
}

async fn begin_login_with_the_csrf_token_signs_in_at_next() {
    let site = site().await;
    let browser = browser();
    let begun = begin(&site, &browser, APP, &json!({"next": "/deposit?draft=1"})).await;
    assert_eq!(begun.headers()["content-type"], "application/json");
    assert_eq!(complete(&site, &browser, begun).await, "/deposit?draft=1");
    assert_ne!(site.whoami(&browser).await, "anonymous");
    assert_eq!(site.count("oauthclient_useridentity"), 1);
}

async fn begin_login_drops_an_unsafe_next() {
    let site = site().await;
    let browser = browser();
    let begun = begin(
        &site,
        &browser,
        APP,
        &json!({"next": "https://evil.example/"}),
    )
    .await;
    assert_eq!(complete(&site, &browser, begun).await, "/");
}

async fn begin_login_answers_errors_as_json() {
    let site = site().await;
    let browser = browser();
    let unknown = begin(&site, &browser, "nope", &json!({})).await;
    assert_eq!(unknown.status(), 404);
    let body: Value = unknown.json().await.expect("json");
    assert_eq!(
        (body["code"].as_str(), body["status"].as_u64()),
        (Some("unknown_app"), Some(404))
    );

    let token = site.csrf(&browser).await;
    let not_json = browser
        .post(site.url(&format!("/api/oauth/login/{APP}")))
        .header("X-CSRF-Token", token)
        .header("Content-Type", "text/plain")
        .body(r#"{"next": "/deposit"}"#)
        .send()
        .await
        .expect("post");
    assert_eq!(not_json.status(), 400);
    let body: Value = not_json.json().await.expect("json");
    assert_eq!(
        (body["code"].as_str(), body["status"].as_u64()),
        (Some("malformed_request"), Some(400))
    );
}

async fn a_link_only_app_links_for_signed_in_users_only() {
    let site = site_with(|toml| {
        toml.replace("[remote_apps.fake]", "[remote_apps.fake]\nlink_only = true")
    })
    .await;
    let browser = browser();
    let body = get_json(&site, &browser, "/api/oauth/providers").await;
    assert_eq!(body["providers"][0]["link_only"], true);
    let anonymous = begin(&site, &browser, APP, &json!({})).await;
    assert_eq!(anonymous.status(), 400);

    let ada = site.local_user("ada@local.example", true).await;
    site.sign_in_as(&browser, &ada).await;
    let begun = begin(&site, &browser, APP, &json!({})).await;
    complete(&site, &browser, begun).await;
    assert_eq!(site.whoami(&browser).await, ada.to_string());
    assert_eq!(site.count("oauthclient_useridentity"), 1, "linked to ada");
}

async fn begin_login_is_rate_limited_like_the_page_login() {
    let site = site_with(|toml| format!("{toml}\n[rate_limit]\nper_minute = 6\nburst = 2\n")).await;
    let browser = browser();
    for _ in 0..2 {
        assert_eq!(begin(&site, &browser, APP, &json!({})).await.status(), 200);
    }
    let refused = begin(&site, &browser, APP, &json!({})).await;
    assert_eq!(refused.status(), 429);
    assert!(refused.headers().contains_key("retry-after"));
    let body: Value = refused.json().await.expect("json");
    assert_eq!(
        (body["code"].as_str(), body["status"].as_u64()),
        (Some("rate_limited"), Some(429))
    );
}

/// The scenarios of this module.
pub(super) fn scenarios() -> Vec<Scenario> {
    scenario_list![
        providers_lists_visible_apps_to_anyone,
        providers_login_urls_carry_the_sites_prefix,
        session_says_who_is_signed_in_and_their_accounts,
        begin_login_refuses_foreign_and_tokenless_writes,
        begin_login_with_the_csrf_token_signs_in_at_next,
        begin_login_drops_an_unsafe_next,
        begin_login_answers_errors_as_json,
        a_link_only_app_links_for_signed_in_users_only,
        begin_login_is_rate_limited_like_the_page_login,
    ]
}
