//! `[rate_limit]`: logins and callbacks per client IP; `X-Forwarded-For` believed only from
//! trusted proxies.

use crate::suite::{APP, Scenario, TestSite, browser, scenario_list, site, site_with};

async fn login(site: &TestSite, forwarded_for: Option<&str>) -> reqwest::Response {
    let mut request = browser().get(site.url(&format!("/oauth/login/{APP}/")));
    if let Some(client) = forwarded_for {
        request = request.header("X-Forwarded-For", client);
    }
    request.send().await.expect("login")
}

fn limited(trusted_proxies: &str) -> impl FnOnce(String) -> String {
    let table = format!(
        "\n[rate_limit]\nper_minute = 6\nburst = 3\ntrusted_proxies = [{trusted_proxies}]\n"
    );
    move |toml| format!("{toml}{table}")
}

async fn without_a_limit_nothing_is_refused() {
    let site = site().await;
    for _ in 0..10 {
        assert_eq!(login(&site, None).await.status(), 302);
    }
}

async fn logins_beyond_the_burst_get_429_with_retry_after() {
    let site = site_with(limited("")).await;
    for _ in 0..3 {
        assert_eq!(login(&site, None).await.status(), 302);
    }
    let refused = login(&site, None).await;
    assert_eq!(refused.status(), 429);
    let retry_after: u64 = refused
        .headers()
        .get("retry-after")
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse().ok())
        .expect("Retry-After in seconds");
    assert!((1..=10).contains(&retry_after), "{retry_after}");
    // Callbacks count too: nothing is processed.
    let callback = browser()
        .get(site.url(&format!("/oauth/authorized/{APP}/?code=c&state=s")))
        .send()
        .await
        .expect("callback");
    assert_eq!(callback.status(), 429);
}

async fn a_forged_forwarded_for_does_not_escape_the_limit() {
    let site = site_with(limited("")).await;
    for n in 0..3 {
        let status = login(&site, Some(&format!("198.51.100.{n}")))
            .await
            .status();
        assert_eq!(status, 302);
    }
    assert_eq!(login(&site, Some("198.51.100.99")).await.status(), 429);
}

async fn behind_a_trusted_proxy_each_client_has_its_own_bucket() {
    let site = site_with(limited("\"127.0.0.1\"")).await;
    for _ in 0..3 {
        let status = login(&site, Some("198.51.100.1")).await.status();
        assert_eq!(status, 302);
    }
    assert_eq!(login(&site, Some("198.51.100.1")).await.status(), 429);
    // Another client behind the same proxy is not affected, and the client cannot hide
    // behind an entry it prepends itself: the rightmost untrusted address counts.
    assert_eq!(login(&site, Some("198.51.100.2")).await.status(), 302);
    assert_eq!(
        login(&site, Some("203.0.113.7, 198.51.100.1"))
            .await
            .status(),
        429
    );
}

async fn addresses_of_one_ipv6_slash64_share_a_bucket() {
    // One subscriber gets a whole /64: a fresh address per request must not mean a fresh
    // bucket. (Through a trusted proxy, since the test server listens on IPv4 loopback.)
    let site = site_with(limited("\"127.0.0.1\"")).await;
    for n in 1..=3 {
        let status = login(&site, Some(&format!("2001:db8:1:2::{n:x}")))
            .await
            .status();
        assert_eq!(status, 302);
    }
    assert_eq!(
        login(&site, Some("2001:db8:1:2:ffff:ffff:ffff:ffff"))
            .await
            .status(),
        429
    );
    // The neighbouring /64 is somebody else.
    assert_eq!(login(&site, Some("2001:db8:1:3::1")).await.status(), 302);
}

async fn an_unparseable_forwarded_hop_ends_the_walk() {
    // A proxy that appends `ip:port` writes hops this parser does not read. Skipping them
    // would let the client's own leftmost entry decide the bucket; instead the walk stops and
    // the last trusted hop (here the peer, the proxy itself) is the client.
    let site = site_with(limited("\"127.0.0.1\"")).await;
    for n in 0..3 {
        let forwarded = format!("198.51.100.{n}, 1.2.3.4:5678");
        assert_eq!(login(&site, Some(&forwarded)).await.status(), 302);
    }
    assert_eq!(
        login(&site, Some("198.51.100.77, 1.2.3.4:5678"))
            .await
            .status(),
        429
    );
}

/// The scenarios of this module.
pub(super) fn scenarios() -> Vec<Scenario> {
    scenario_list![
        without_a_limit_nothing_is_refused,
        logins_beyond_the_burst_get_429_with_retry_after,
        a_forged_forwarded_for_does_not_escape_the_limit,
        behind_a_trusted_proxy_each_client_has_its_own_bucket,
        addresses_of_one_ipv6_slash64_share_a_bucket,
        an_unparseable_forwarded_hop_ends_the_walk
    ]
}
