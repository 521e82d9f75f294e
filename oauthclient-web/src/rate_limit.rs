//! Per-client-IP rate limiting of logins and callbacks (`[rate_limit]` in the configuration):
//! a token bucket per IP, in memory, bounded. Each instance counts alone: behind a load
//! balancer, divide the limit by the number of instances.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use actix_web::HttpRequest;
use actix_web::http::header;
use oauthclient_core::config::RateLimit;

/// Beyond this many tracked IPs, buckets that are full again are forgotten.
const MAX_TRACKED: usize = 10_000;

struct Bucket {
    tokens: f64,
    updated: Instant,
}

pub(crate) struct RateLimiter {
    limit: RateLimit,
    buckets: Mutex<HashMap<IpAddr, Bucket>>,
}

impl RateLimiter {
    pub(crate) fn new(limit: RateLimit) -> Self {
        Self {
            limit,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one request from the client's bucket; `Err(wait)` when it is empty.
    pub(crate) fn check(&self, req: &HttpRequest) -> Result<(), Duration> {
        let Some(client) = self.client_ip(req) else {
            return Ok(());
        };
        let rate = f64::from(self.limit.per_minute) / 60.0;
        let burst = f64::from(self.limit.burst);
        let now = Instant::now();
        let mut buckets = self.buckets.lock().unwrap_or_else(PoisonError::into_inner);
        if buckets.len() >= MAX_TRACKED {
            buckets.retain(|_, bucket| {
                bucket.tokens + now.duration_since(bucket.updated).as_secs_f64() * rate < burst
            });
        }
        let bucket = buckets.entry(client).or_insert(Bucket {
            tokens: burst,
            updated: now,
        });
        let refilled = bucket.tokens + now.duration_since(bucket.updated).as_secs_f64() * rate;
        bucket.tokens = refilled.min(burst);
        bucket.updated = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64((1.0 - bucket.tokens) / rate))
        }
    }

    /// The client: the TCP peer, unless the peer is a trusted proxy, in which case the
    /// rightmost `X-Forwarded-For` entry that is not a trusted proxy (the leftmost ones are
    /// whatever the client chose to send).
    fn client_ip(&self, req: &HttpRequest) -> Option<IpAddr> {
        let peer = req.peer_addr()?.ip();
        if !self.limit.is_trusted_proxy(peer) {
            return Some(peer);
        }
        let forwarded: Vec<IpAddr> = req
            .headers()
            .get_all(header::X_FORWARDED_FOR)
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .filter_map(|entry| entry.trim().parse().ok())
            .collect();
        Some(
            forwarded
                .into_iter()
                .rev()
                .find(|ip| !self.limit.is_trusted_proxy(*ip))
                .unwrap_or(peer),
        )
    }
}
