//! The limiter as a whole: keying, proxies, refill, and the memory bound.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::time::{Duration, Instant};

use super::{ClientKey, RateLimiter};
use crate::config::RateLimit;

fn ip(text: &str) -> IpAddr {
    text.parse().expect("an address")
}

/// 6 per minute (one every 10 s), 3 at once, proxies in 10.0.0.0/8 trusted.
fn limiter() -> RateLimiter {
    RateLimiter::new(RateLimit {
        per_minute: 6,
        burst: 3,
        trusted_proxies: vec!["10.0.0.0/8".parse().expect("a block")],
    })
}

/// Uses up `peer`'s burst; the next request is refused.
fn exhaust(limiter: &RateLimiter, peer: IpAddr, forwarded_for: &[&str]) {
    for n in 0..3 {
        let allowed = limiter.check(peer, forwarded_for.iter().copied());
        assert!(allowed.is_ok(), "request {n} of the burst");
    }
}

fn refused(limiter: &RateLimiter, peer: IpAddr, forwarded_for: &[&str]) -> bool {
    limiter.check(peer, forwarded_for.iter().copied()).is_err()
}

#[test]
fn addresses_of_one_slash64_share_a_bucket() {
    let limiter = limiter();
    exhaust(&limiter, ip("2001:db8:1:2::1"), &[]);
    assert!(refused(&limiter, ip("2001:db8:1:2:dead:beef:0:1"), &[]));
}

#[test]
fn different_slash64s_have_their_own_buckets() {
    let limiter = limiter();
    exhaust(&limiter, ip("2001:db8:1:2::1"), &[]);
    assert!(!refused(&limiter, ip("2001:db8:1:3::1"), &[]));
}

#[test]
fn an_ipv4_mapped_peer_matches_trusted_ipv4_proxies_and_is_keyed_as_ipv4() {
    let limiter = limiter();
    // Trusted: its X-Forwarded-For is believed, so clients behind it count apart.
    exhaust(&limiter, ip("::ffff:10.0.0.1"), &["198.51.100.1"]);
    assert!(!refused(&limiter, ip("::ffff:10.0.0.1"), &["198.51.100.2"]));
    // Keyed as 10.0.0.1: the same peer over IPv4 shares the bucket.
    exhaust(&limiter, ip("::ffff:10.0.0.1"), &[]);
    assert!(refused(&limiter, ip("10.0.0.1"), &[]));
    assert_eq!(ClientKey::of(ip("::ffff:10.0.0.1")).to_string(), "10.0.0.1");
}

#[test]
fn a_port_in_a_forwarded_hop_does_not_let_the_client_choose() {
    let limiter = limiter();
    let proxy = ip("10.0.0.2");
    exhaust(&limiter, proxy, &["203.0.113.1, 1.2.3.4:5678"]);
    // A different leftmost entry is not a different client: the walk stopped at the
    // unparseable hop, and the proxy's own bucket is empty.
    assert!(refused(&limiter, proxy, &["203.0.113.9, 1.2.3.4:5678"]));
}

#[test]
fn an_untrusted_hop_stops_the_walk() {
    let limiter = limiter();
    let proxy = ip("10.0.0.2");
    exhaust(&limiter, proxy, &["203.0.113.1, 198.51.100.7"]);
    // What 198.51.100.7 claims to forward is not believed: still 198.51.100.7's bucket.
    assert!(refused(&limiter, proxy, &["203.0.113.2, 198.51.100.7"]));
    assert!(refused(&limiter, ip("198.51.100.7"), &[]));
}

#[test]
fn tokens_come_back_at_the_configured_rate() {
    let limiter = limiter();
    let key = ClientKey::of(ip("192.0.2.1"));
    let start = Instant::now();
    for _ in 0..3 {
        assert!(limiter.check_key_at(key, start).is_ok());
    }
    let refusal = limiter.check_key_at(key, start).expect_err("empty");
    assert_eq!(refusal.retry_after, Duration::from_secs(10));
    assert!(
        limiter
            .check_key_at(key, start + Duration::from_secs(5))
            .is_err()
    );
    assert!(
        limiter
            .check_key_at(key, start + Duration::from_secs(15))
            .is_ok()
    );
}

/// 200,000 clients, half IPv4 and half IPv6 /64s: the table never tracks more than its
/// capacity (the old limiter kept every bucket that was not full again).
#[test]
fn memory_stays_bounded_under_200k_distinct_clients() {
    let limiter = limiter();
    let bound = limiter.capacity();
    assert_eq!(bound, super::DEFAULT_CAPACITY);
    for n in 0..100_000_u32 {
        let v4 = IpAddr::V4(Ipv4Addr::from(0x0b00_0000 + n));
        let v6 = IpAddr::V6(Ipv6Addr::from_bits(
            (0x2001_0db8_u128 << 96) | (u128::from(n) << 64) | 1,
        ));
        for client in [v4, v6] {
            // Exhausted buckets too: those are what the old `retain` could never drop.
            for _ in 0..4 {
                let _ = limiter.check(client, []);
            }
        }
        let tracked = limiter.tracked();
        assert!(tracked <= bound, "{tracked} > {bound} after {n}");
    }
    assert!(limiter.tracked() <= bound);
    assert!(limiter.tracked() >= bound / 2, "the table is used");
}

#[test]
fn a_persistent_client_stays_limited_while_others_churn() {
    let limiter = RateLimiter::with_capacity(limiter().limit().clone(), 320);
    // One instant throughout: no refill, whatever the machine's speed.
    let now = Instant::now();
    let hammering = ClientKey::of(ip("198.51.100.66"));
    for _ in 0..3 {
        assert!(limiter.check_key_at(hammering, now).is_ok());
    }
    for n in 0..50_000_u32 {
        let other = ClientKey::of(IpAddr::V4(Ipv4Addr::from(0x0b00_0000 + n)));
        let _ = limiter.check_key_at(other, now);
        assert!(
            limiter.check_key_at(hammering, now).is_err(),
            "after {n} others"
        );
    }
    assert!(limiter.tracked() <= 320);
}
