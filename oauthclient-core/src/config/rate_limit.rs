//! `[rate_limit]`: how many logins and callbacks one client IP may start per minute, and which
//! proxies may say who the client is (`X-Forwarded-For`). Off unless configured.

use std::net::IpAddr;

use toml::{Table, Value};

use super::ConfigError;

/// Per-client limits on `/oauth/login/*` and `/oauth/authorized/*` (a token bucket:
/// `burst` at once, refilled at `per_minute`), applied by
/// [`RateLimiter`](crate::rate_limit::RateLimiter): a client is an IPv4 address or an IPv6
/// /64.
///
/// ```
/// use oauthclient_core::{OAuthClientConfig, Registry, config::NoEnv};
/// let config = OAuthClientConfig::from_toml_str(r#"
///     secret_key = "a-very-long-random-secret-of-at-least-32-bytes"
///     site_url = "https://example.org"
///     [rate_limit]
///     per_minute = 30
///     trusted_proxies = ["10.0.0.0/8", "127.0.0.1"]
/// "#, &NoEnv, &Registry::default())?;
/// let limit = config.rate_limit.expect("configured");
/// assert_eq!((limit.per_minute, limit.burst), (30, 30));
/// assert!(limit.is_trusted_proxy("10.1.2.3".parse()?));
/// assert!(!limit.is_trusted_proxy("192.0.2.1".parse()?));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateLimit {
    /// Requests per minute and client IP, sustained.
    pub per_minute: u32,
    /// Requests allowed at once (default: `per_minute`).
    pub burst: u32,
    /// Proxies (addresses or CIDR blocks) whose `X-Forwarded-For` is believed. Empty (the
    /// default): the TCP peer is the client, and the header is ignored, since anyone can
    /// send one.
    pub trusted_proxies: Vec<ipnet::IpNet>,
}

impl RateLimit {
    /// Whether `peer` is one of the trusted proxies. An IPv4 address and its IPv4-mapped IPv6
    /// form (`::ffff:10.0.0.1`, what a dual-stack socket reports) are the same proxy, however
    /// either side is written.
    ///
    /// ```
    /// # use oauthclient_core::config::RateLimit;
    /// let limit = RateLimit { per_minute: 1, burst: 1, trusted_proxies: vec!["::1/128".parse()?, "10.0.0.0/8".parse()?] };
    /// assert!(limit.is_trusted_proxy("::1".parse()?));
    /// assert!(limit.is_trusted_proxy("::ffff:10.0.0.1".parse()?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_trusted_proxy(&self, peer: IpAddr) -> bool {
        let canonical = peer.to_canonical();
        let mapped = match canonical {
            IpAddr::V4(v4) => Some(IpAddr::V6(v4.to_ipv6_mapped())),
            IpAddr::V6(_) => None,
        };
        self.trusted_proxies.iter().any(|net| {
            net.contains(&canonical) || mapped.is_some_and(|mapped| net.contains(&mapped))
        })
    }
}

pub(super) fn rate_limit(doc: &Table) -> Result<Option<RateLimit>, ConfigError> {
    let Some(value) = doc.get("rate_limit") else {
        return Ok(None);
    };
    let table = value
        .as_table()
        .ok_or_else(|| ConfigError::new("rate_limit", "must be a table"))?;
    if let Some(unknown) = table
        .keys()
        .find(|key| !["per_minute", "burst", "trusted_proxies"].contains(&key.as_str()))
    {
        return Err(ConfigError::new(
            format!("rate_limit.{unknown}"),
            "unknown key (per_minute, burst, trusted_proxies)",
        ));
    }
    let count = |key: &str| -> Result<Option<u32>, ConfigError> {
        match table.get(key) {
            None => Ok(None),
            Some(Value::Integer(n)) if *n > 0 => u32::try_from(*n)
                .map(Some)
                .map_err(|_| ConfigError::new(format!("rate_limit.{key}"), "is too large")),
            Some(_) => Err(ConfigError::new(
                format!("rate_limit.{key}"),
                "must be a whole number greater than zero",
            )),
        }
    };
    let per_minute =
        count("per_minute")?.ok_or_else(|| ConfigError::new("rate_limit.per_minute", "missing"))?;
    let burst = count("burst")?.unwrap_or(per_minute);
    let trusted_proxies = match table.get("trusted_proxies") {
        None => Vec::new(),
        Some(Value::Array(entries)) => entries
            .iter()
            .map(|entry| {
                let text = entry.as_str().unwrap_or_default();
                text.parse::<ipnet::IpNet>()
                    .or_else(|_| text.parse::<IpAddr>().map(ipnet::IpNet::from))
                    .map_err(|_| {
                        ConfigError::new(
                            "rate_limit.trusted_proxies",
                            format!("`{text}` is not an IP address or CIDR block"),
                        )
                    })
            })
            .collect::<Result<_, _>>()?,
        Some(_) => {
            return Err(ConfigError::new(
                "rate_limit.trusted_proxies",
                "must be a list of addresses or CIDR blocks",
            ));
        }
    };
    Ok(Some(RateLimit {
        per_minute,
        burst,
        trusted_proxies,
    }))
}

#[cfg(test)]
mod tests {
    use super::RateLimit;

    fn trusting(blocks: &[&str]) -> RateLimit {
        RateLimit {
            per_minute: 1,
            burst: 1,
            trusted_proxies: blocks
                .iter()
                .map(|block| block.parse().expect("a block"))
                .collect(),
        }
    }

    #[test]
    fn an_ipv4_mapped_peer_matches_an_ipv4_trusted_block() {
        let limit = trusting(&["10.0.0.0/8"]);
        assert!(limit.is_trusted_proxy("::ffff:10.0.0.1".parse().expect("an address")));
        assert!(!limit.is_trusted_proxy("::ffff:11.0.0.1".parse().expect("an address")));
    }

    #[test]
    fn an_ipv4_peer_matches_a_mapped_trusted_block() {
        let limit = trusting(&["::ffff:10.0.0.0/104"]);
        assert!(limit.is_trusted_proxy("10.0.0.1".parse().expect("an address")));
        assert!(!limit.is_trusted_proxy("11.0.0.1".parse().expect("an address")));
    }
}
