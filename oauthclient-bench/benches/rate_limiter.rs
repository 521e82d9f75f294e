//! Cost of one rate-limit check (`oauthclient_core::rate_limit::RateLimiter::check`): one hot
//! client, 1,000 distinct clients, and 200,000 distinct clients (twice the default capacity,
//! so nearly every check is a new client and the table keeps rotating generations).

#![allow(
    missing_docs,
    reason = "criterion_group! generates undocumented functions"
)]

use std::hint::black_box;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use criterion::{Criterion, criterion_group, criterion_main};
use oauthclient_core::config::RateLimit;
use oauthclient_core::rate_limit::RateLimiter;

/// `count` clients, alternately IPv4 addresses and IPv6 /64s.
fn clients(count: u32) -> Vec<IpAddr> {
    (0..count)
        .map(|n| {
            if n % 2 == 0 {
                IpAddr::V4(Ipv4Addr::from(0x0b00_0000 + n))
            } else {
                IpAddr::V6(Ipv6Addr::from_bits(
                    (0x2001_0db8_u128 << 96) | (u128::from(n) << 64) | 1,
                ))
            }
        })
        .collect()
}

fn limiter() -> RateLimiter {
    RateLimiter::new(RateLimit {
        per_minute: 30,
        burst: 10,
        trusted_proxies: vec!["10.0.0.0/8".parse().expect("a block")],
    })
}

fn rate_limiter(c: &mut Criterion) {
    let hot = limiter();
    let peer: IpAddr = "198.51.100.7".parse().expect("an address");
    c.bench_function("rate_limiter/hot", |b| {
        b.iter(|| hot.check(black_box(peer), []));
    });
    let proxy: IpAddr = "10.0.0.2".parse().expect("an address");
    c.bench_function("rate_limiter/hot-behind-proxy", |b| {
        b.iter(|| hot.check(black_box(proxy), [black_box("203.0.113.9, 198.51.100.7")]));
    });
    for count in [1_000, 200_000] {
        let limiter = limiter();
        let clients = clients(count);
        let mut next = clients.iter().cycle();
        c.bench_function(&format!("rate_limiter/distinct-{count}"), |b| {
            b.iter(|| {
                let client = next.next().copied().unwrap_or(peer);
                limiter.check(black_box(client), [])
            });
        });
    }
}

criterion_group!(benches, rate_limiter);
criterion_main!(benches);
