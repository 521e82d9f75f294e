//! Redis sessions: the same behaviour as cookie sessions when `OAUTHCLIENT_TEST_REDIS_URL`
//! names a server, and a Redis outage (the server cut off behind a proxy) answered `503` +
//! `Retry-After`.

#![cfg(feature = "redis")]

mod common;

use std::time::Duration;

use common::{browser, csrf, set_cookies, site};
use oauthclient_axum::{RedisSessionStore, connect_redis_store};
use oauthclient_testkit::site::proxy::CutProxy;

fn redis_url() -> Option<String> {
    let url = std::env::var("OAUTHCLIENT_TEST_REDIS_URL").ok();
    if url.is_none() {
        eprintln!("OAUTHCLIENT_TEST_REDIS_URL is not set: this Redis test did not run");
    }
    url
}

/// A store whose server went away: connected through a proxy that is then cut (and refuses
/// new connections), so every operation fails. The proxy lives as long as the store is used.
async fn dead_store(url: &str) -> (RedisSessionStore, CutProxy) {
    let parsed = url::Url::parse(url).expect("OAUTHCLIENT_TEST_REDIS_URL is a URL");
    let target = format!(
        "{}:{}",
        parsed.host_str().unwrap_or("127.0.0.1"),
        parsed.port().unwrap_or(6379)
    )
    .parse()
    .expect("a numeric Redis host (127.0.0.1)");
    let proxy = CutProxy::start(target).await;
    let mut through_proxy = parsed;
    through_proxy.set_port(Some(proxy.port)).expect("port");
    let store = connect_redis_store(through_proxy.as_str(), Duration::from_secs(3))
        .await
        .expect("redis through the proxy");
    proxy.down();
    (store, proxy)
}

#[tokio::test]
async fn sessions_live_in_redis_and_sign_out_deletes_them() {
    let Some(url) = redis_url() else { return };
    let store = connect_redis_store(&url, Duration::from_secs(3))
        .await
        .expect("redis");
    let site = site(move |oauth| oauth.session_layer_with(store)).await;
    let client = browser();
    let token = csrf(&client, &site).await;
    assert_eq!(csrf(&client, &site).await, token, "the same session");
    let response = client
        .post(site.url("/auth/oauth/logout"))
        .form(&[("csrf_token", token.as_str())])
        .send()
        .await
        .expect("logout");
    assert_eq!(response.status(), 302);
    assert!(
        set_cookies(&response)
            .iter()
            .any(|c| c.contains("Max-Age=0"))
    );
    assert_ne!(csrf(&client, &site).await, token, "a new session");
}

#[tokio::test]
async fn signing_in_replaces_the_session_id_and_forgets_the_old_one() {
    let Some(url) = redis_url() else { return };
    let store = connect_redis_store(&url, Duration::from_secs(3))
        .await
        .expect("redis");
    let site = site(move |oauth| oauth.session_layer_with(store)).await;
    let client = browser();
    let first = client
        .get(site.url("/auth/api/oauth/csrf"))
        .send()
        .await
        .expect("csrf");
    let old = set_cookies(&first)[0]
        .split(';')
        .next()
        .expect("pair")
        .to_owned();
    let response = client
        .get(site.url("/host/sign-in"))
        .send()
        .await
        .expect("sign in");
    let new = set_cookies(&response)[0]
        .split(';')
        .next()
        .expect("pair")
        .to_owned();
    assert_ne!(old, new);
    let whoami = client
        .get(site.url("/host/whoami"))
        .send()
        .await
        .expect("whoami");
    assert_eq!(whoami.text().await.expect("body"), "ada@example.org");
    // The old id is gone from Redis: a copy of the old cookie is no session.
    let replay = browser()
        .get(site.url("/host/whoami"))
        .header("cookie", old)
        .send()
        .await
        .expect("whoami");
    assert_eq!(replay.text().await.expect("body"), "");
}

#[tokio::test]
async fn a_redis_outage_while_saving_is_503_with_retry_after() {
    let Some(url) = redis_url() else { return };
    let (store, _proxy) = dead_store(&url).await;
    let site = site(move |oauth| oauth.session_layer_with(store)).await;
    let started = std::time::Instant::now();
    let response = browser()
        .get(site.url("/auth/api/oauth/csrf"))
        .send()
        .await
        .expect("csrf");
    assert_eq!(response.status(), 503);
    assert_eq!(response.headers()["retry-after"], "5");
    assert!(set_cookies(&response).is_empty());
    assert!(started.elapsed() < Duration::from_secs(10), "bounded");
}

#[tokio::test]
async fn a_redis_outage_while_loading_is_503_with_retry_after() {
    let Some(url) = redis_url() else { return };
    let store = connect_redis_store(&url, Duration::from_secs(3))
        .await
        .expect("redis");
    let (dead, _proxy) = dead_store(&url).await;
    let live = site(move |oauth| oauth.session_layer_with(store)).await;
    let response = browser()
        .get(live.url("/auth/api/oauth/csrf"))
        .send()
        .await
        .expect("csrf");
    let cookie = set_cookies(&response)[0]
        .split(';')
        .next()
        .expect("pair")
        .to_owned();
    // Same secret, so the same cookie opens; its store is down.
    let down = site(move |oauth| oauth.session_layer_with(dead)).await;
    let response = browser()
        .get(down.url("/auth/api/oauth/csrf"))
        .header("cookie", cookie)
        .send()
        .await
        .expect("csrf");
    assert_eq!(response.status(), 503);
    assert_eq!(response.headers()["retry-after"], "5");
}

#[tokio::test]
async fn a_wrong_url_fails_at_start_without_showing_the_password() {
    let err = connect_redis_store(
        "redis://:hunter2secret@127.0.0.1:1/",
        Duration::from_secs(2),
    )
    .await
    .expect_err("nothing listens there");
    let message = err.to_string();
    assert!(!message.contains("hunter2secret"), "{message}");
}
