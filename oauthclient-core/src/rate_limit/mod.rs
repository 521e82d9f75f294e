//! Per-client rate limiting, independent of any web framework: a token bucket per client
//! ([`ClientKey`]: an IPv4 address or an IPv6 /64), in memory, bounded.
//!
//! Web adapters pass the TCP peer and the `X-Forwarded-For` header values; the rules for
//! believing that header are [`client_ip`]'s. Each instance counts alone: behind a load
//! balancer with N instances, divide the limit by N.
//!
//! ```
//! use std::net::IpAddr;
//! use oauthclient_core::config::RateLimit;
//! use oauthclient_core::rate_limit::RateLimiter;
//!
//! let limiter = RateLimiter::new(RateLimit { per_minute: 6, burst: 2, trusted_proxies: vec![] });
//! let peer: IpAddr = "2001:db8:1:2::1".parse()?;
//! let neighbour: IpAddr = "2001:db8:1:2::99".parse()?;
//! assert!(limiter.check(peer, []).is_ok());
//! assert!(limiter.check(neighbour, []).is_ok());
//! // Same /64, same bucket: the third request within the burst is refused.
//! let limited = limiter.check(peer, []).expect_err("over the burst");
//! assert!(limited.retry_after.as_secs_f64() <= 10.0);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod client_ip;
mod client_key;
mod table;

use std::net::IpAddr;
use std::time::{Duration, Instant};

pub use client_ip::client_ip;
pub use client_key::ClientKey;

use crate::config::RateLimit;
use table::Table;

/// How many clients are tracked at most by default (about 4 MB with the map's overhead).
pub const DEFAULT_CAPACITY: usize = 100_000;

/// A request over the limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limited {
    /// How long until the client's bucket holds a token again (for `Retry-After`).
    pub retry_after: Duration,
}

/// One client's token bucket.
#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    updated: Instant,
}

/// Token buckets per client, bounded to a number of clients (by default
/// [`DEFAULT_CAPACITY`]).
///
/// Memory is bounded by forgetting the clients not seen for longest (two generations; O(1)
/// amortised per check, never a scan). The trade-off: a client forgotten early comes back to a
/// **full** bucket. Forgetting one needs about `capacity / 2` other clients to arrive between
/// two of its requests, each of which gets only its own burst, so an attacker with that many
/// addresses gains nothing the addresses did not already give it. Raise the capacity
/// ([`RateLimiter::with_capacity`]) if many more legitimate clients than that are active
/// within one refill period.
pub struct RateLimiter {
    limit: RateLimit,
    /// Tokens per second.
    rate: f64,
    burst: f64,
    buckets: Table<Bucket>,
}

impl std::fmt::Debug for RateLimiter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RateLimiter")
            .field("limit", &self.limit)
            .field("capacity", &self.buckets.capacity())
            .finish_non_exhaustive()
    }
}

impl RateLimiter {
    /// A limiter tracking up to [`DEFAULT_CAPACITY`] clients.
    pub fn new(limit: RateLimit) -> Self {
        Self::with_capacity(limit, DEFAULT_CAPACITY)
    }

    /// A limiter tracking up to `capacity` clients (rounded down to a multiple of 32, at
    /// least 32).
    pub fn with_capacity(limit: RateLimit, capacity: usize) -> Self {
        Self {
            rate: f64::from(limit.per_minute) / 60.0,
            burst: f64::from(limit.burst),
            limit,
            buckets: Table::new(capacity),
        }
    }

    /// The limits this limiter applies.
    pub fn limit(&self) -> &RateLimit {
        &self.limit
    }

    /// The most clients tracked at once.
    pub fn capacity(&self) -> usize {
        self.buckets.capacity()
    }

    /// Takes one token from the bucket of the client behind `peer` (see [`client_ip`] for how
    /// `forwarded_for`, the `X-Forwarded-For` values in arrival order, is read). A header
    /// value that is not text should be passed as `""`, which ends the walk (dropping it
    /// would let the walk go on into what the client wrote).
    pub fn check<'a>(
        &self,
        peer: IpAddr,
        forwarded_for: impl IntoIterator<Item = &'a str>,
    ) -> Result<(), Limited> {
        let client = client_ip(peer, forwarded_for, |ip| self.limit.is_trusted_proxy(ip));
        self.check_key(ClientKey::of(client))
    }

    /// Takes one token from `key`'s bucket (when the adapter found the client by itself).
    pub fn check_key(&self, key: ClientKey) -> Result<(), Limited> {
        self.check_key_at(key, Instant::now())
    }

    fn check_key_at(&self, key: ClientKey, now: Instant) -> Result<(), Limited> {
        let full = Bucket {
            tokens: self.burst,
            updated: now,
        };
        self.buckets.update(key, full, |bucket| {
            let elapsed = now.saturating_duration_since(bucket.updated).as_secs_f64();
            bucket.tokens = (bucket.tokens + elapsed * self.rate).min(self.burst);
            // Requests racing on other threads may carry a slightly older `now`.
            bucket.updated = bucket.updated.max(now);
            if bucket.tokens >= 1.0 {
                bucket.tokens -= 1.0;
                Ok(())
            } else {
                // A zero rate (only possible when built in code) never refills.
                let wait = Duration::try_from_secs_f64((1.0 - bucket.tokens) / self.rate)
                    .unwrap_or(Duration::MAX);
                Err(Limited { retry_after: wait })
            }
        })
    }

    /// How many clients are tracked now.
    #[cfg(test)]
    pub(crate) fn tracked(&self) -> usize {
        self.buckets.tracked()
    }
}

#[cfg(test)]
mod tests;
