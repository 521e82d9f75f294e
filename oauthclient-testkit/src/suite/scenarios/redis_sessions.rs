//! Redis sessions: a flow started on one instance completes on another.
//! Runs when `OAUTHCLIENT_TEST_REDIS_URL` is set (CI sets it); then Redis must be reachable.

use std::time::Duration;

use crate::site::{Sessions, current};
use crate::suite::{APP, Scenario, browser, location, scenario_list, site_with_sessions};

/// The Redis URL, when the suite is to use Redis. An unreachable Redis then fails the
/// scenario loudly: the adapter cannot connect, and the site does not start.
fn redis_url() -> Option<String> {
    crate::services::service_url(
        "OAUTHCLIENT_TEST_REDIS_URL",
        &format!("{}: Redis sessions", current().name()),
    )
}

async fn a_flow_started_on_one_instance_completes_on_another() {
    let Some(url) = redis_url() else {
        return;
    };
    let sessions = Sessions::Redis(url);
    let first = site_with_sessions(|toml| toml, sessions.clone()).await;

    // A second instance behind the same (imaginary) load balancer: same configuration and
    // site URL, same database, same Redis; another port.
    let second = first.another_instance(&sessions).await;

    let browser = browser();
    let authorize_url = first.start_login(&browser, Some("/done")).await;
    let callback = first.authorize(&browser, &authorize_url).await;
    let on_second = callback.replacen(&first.base, &second.base, 1);
    assert_ne!(on_second, callback);
    let response = browser.get(&on_second).send().await.expect("callback");
    assert_eq!(
        response.status(),
        302,
        "{}",
        response.text().await.unwrap_or_default()
    );
    assert_eq!(location(&response), "/done");
    let who_first = first.whoami(&browser).await;
    assert_ne!(
        who_first, "anonymous",
        "the session lives in Redis, visible to both"
    );
    assert_eq!(first.count("accounts_user"), 1);
}

async fn the_session_cookie_holds_only_a_key() {
    let Some(url) = redis_url() else {
        return;
    };
    let site = site_with_sessions(|toml| toml, Sessions::Redis(url)).await;
    let response = browser()
        .get(site.url(&format!("/oauth/login/{APP}/")))
        .send()
        .await
        .expect("login");
    let cookie = response
        .headers()
        .get(reqwest::header::SET_COOKIE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let value = cookie
        .split(';')
        .next()
        .and_then(|pair| pair.split_once('='))
        .map(|(_, v)| v.len());
    assert!(
        value.is_some_and(|len| len < 200),
        "a short session key, not the flows: {cookie}"
    );
}

/// Redis going down under a running server: 503 (not a 500) in the reader's language, and
/// back to normal when it returns, with the session intact.
async fn redis_down_is_a_503_and_recovers() {
    let Some(url) = redis_url() else {
        return;
    };
    let parsed = url::Url::parse(&url).expect("OAUTHCLIENT_TEST_REDIS_URL is a URL");
    let target = format!(
        "{}:{}",
        parsed.host_str().unwrap_or("127.0.0.1"),
        parsed.port().unwrap_or(6379)
    )
    .parse()
    .expect("a numeric Redis host (127.0.0.1)");
    let proxy = crate::site::proxy::CutProxy::start(target).await;
    let mut through_proxy = parsed.clone();
    through_proxy.set_port(Some(proxy.port)).expect("port");
    let site = site_with_sessions(|toml| toml, Sessions::Redis(through_proxy.to_string())).await;
    let browser = browser();
    assert_eq!(site.login(&browser, None).await.status(), 302);
    let signed_in = site.whoami(&browser).await;
    assert_ne!(signed_in, "anonymous");

    proxy.down();
    let response = browser
        .get(site.url("/test/whoami"))
        .send()
        .await
        .expect("the server answers");
    assert_eq!(response.status(), 503);
    assert!(response.headers().contains_key("retry-after"));
    // In the reader's language, though the session (and so the host's hook) is out of reach.
    let german = browser
        .get(site.url("/test/whoami"))
        .header("accept-language", "de")
        .send()
        .await
        .expect("the server answers");
    assert_eq!(german.status(), 503);
    let text = german.text().await.expect("body");
    assert!(
        text.contains("Der Dienst ist vorübergehend nicht verfügbar"),
        "{text}"
    );

    proxy.up();
    // The Redis client reconnects on its next command; a few tries at most.
    let mut who = String::new();
    for _ in 0..20 {
        let response = browser
            .get(site.url("/test/whoami"))
            .send()
            .await
            .expect("the server answers");
        if response.status() == 200 {
            who = response.text().await.expect("body");
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert_eq!(who, signed_in, "recovered, with the session intact");
}

/// The scenarios of this module.
pub(super) fn scenarios() -> Vec<Scenario> {
    scenario_list![
        a_flow_started_on_one_instance_completes_on_another,
        the_session_cookie_holds_only_a_key,
        redis_down_is_a_503_and_recovers
    ]
}
