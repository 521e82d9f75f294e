//! Every way a callback's `state` can be wrong is a 403, and nothing is written.

use crate::suite::{Scenario, TestSite, browser, query, scenario_list, site, site_with};

/// Runs the provider step, then lets `tamper` rewrite the callback URL before visiting it.
async fn callback_with(
    site: &TestSite,
    browser: &reqwest::Client,
    tamper: impl FnOnce(url::Url) -> url::Url,
) -> reqwest::Response {
    let authorize_url = site.start_login(browser, None).await;
    let callback = url::Url::parse(&site.authorize(browser, &authorize_url).await).expect("url");
    browser
        .get(tamper(callback))
        .send()
        .await
        .expect("callback")
}

fn with_param(mut url: url::Url, name: &str, value: Option<&str>) -> url::Url {
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .into_owned()
        .filter(|(key, _)| key != name)
        .collect();
    {
        let mut query = url.query_pairs_mut();
        query.clear();
        for (key, existing) in &pairs {
            query.append_pair(key, existing);
        }
        if let Some(value) = value {
            query.append_pair(name, value);
        }
    }
    url
}

async fn assert_refused(site: &TestSite, response: reqwest::Response, case: &str) {
    assert_eq!(response.status(), 403, "{case}");
    let body = response.text().await.expect("body");
    assert!(body.contains("could not be verified"), "{case}: {body}");
    assert!(
        !body.contains("Signature") && !body.contains("nonce"),
        "{case}: reason not shown"
    );
    assert_eq!(site.count("accounts_user"), 0, "{case}");
    assert_eq!(site.count("oauthclient_remotetoken"), 0, "{case}");
}

async fn a_missing_state_is_refused() {
    let site = site().await;
    let browser = browser();
    let response = callback_with(&site, &browser, |url| with_param(url, "state", None)).await;
    assert_refused(&site, response, "missing").await;
}

async fn a_tampered_state_is_refused() {
    let site = site().await;
    let browser = browser();
    let response = callback_with(&site, &browser, |url| {
        let state = query(url.as_str())["state"].clone();
        let mut parts: Vec<String> = state.split('.').map(str::to_owned).collect();
        parts[2] = parts[2].chars().rev().collect();
        with_param(url, "state", Some(&parts.join(".")))
    })
    .await;
    assert_refused(&site, response, "tampered").await;
}

async fn garbage_state_is_refused() {
    let site = site().await;
    let browser = browser();
    for garbage in ["x", "a.b.c", "eyJhbGciOiJub25lIn0.e30."] {
        let response = callback_with(&site, &browser, |url| {
            with_param(url, "state", Some(garbage))
        })
        .await;
        assert_refused(&site, response, garbage).await;
    }
}

async fn a_state_from_another_session_is_refused() {
    let site = site().await;
    let victim = browser();
    let authorize_url = site.start_login(&victim, None).await;
    let callback = site.authorize(&victim, &authorize_url).await;
    // The attacker's browser never started this flow (login CSRF).
    let attacker = browser();
    let response = attacker.get(callback).send().await.expect("callback");
    assert_refused(&site, response, "other session").await;
}

async fn a_state_for_another_app_is_refused() {
    let site = site_with(|toml| {
        let second = toml
            .split("[remote_apps.fake]")
            .nth(1)
            .map(|rest| format!("[remote_apps.other]{rest}"))
            .unwrap_or_default()
            .replace("[remote_apps.fake.params]", "[remote_apps.other.params]");
        let second = second
            .split("[FAKE_APP_CREDENTIALS]")
            .next()
            .unwrap_or_default()
            .to_owned();
        format!("{toml}\n{second}")
    })
    .await;
    let browser = browser();
    let response = callback_with(&site, &browser, |mut url| {
        url.set_path("/oauth/authorized/other/");
        url
    })
    .await;
    assert_refused(&site, response, "other app").await;
}

async fn a_replayed_callback_is_refused() {
    let site = site().await;
    let browser = browser();
    let authorize_url = site.start_login(&browser, None).await;
    let callback = site.authorize(&browser, &authorize_url).await;
    let first = browser.get(&callback).send().await.expect("callback");
    assert_eq!(first.status(), 302);
    let users = site.count("accounts_user");
    let replay = browser.get(&callback).send().await.expect("replay");
    assert_eq!(replay.status(), 403);
    assert_eq!(site.count("accounts_user"), users);
}

async fn an_expired_state_is_refused() {
    let site = site_with(|toml| toml.replace("site_url", "state_expires = 1\nsite_url")).await;
    let browser = browser();
    let authorize_url = site.start_login(&browser, None).await;
    let callback = site.authorize(&browser, &authorize_url).await;
    // State lifetimes are whole seconds; 2.1 s is past any rounding.
    tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
    let response = browser.get(callback).send().await.expect("callback");
    assert_refused(&site, response, "expired").await;
}

/// The scenarios of this module.
pub(super) fn scenarios() -> Vec<Scenario> {
    scenario_list![
        a_missing_state_is_refused,
        a_tampered_state_is_refused,
        garbage_state_is_refused,
        a_state_from_another_session_is_refused,
        a_state_for_another_app_is_refused,
        a_replayed_callback_is_refused,
        an_expired_state_is_refused
    ]
}
