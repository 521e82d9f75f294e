//! Which addresses count as one client: what a bucket is keyed by.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// The unit one token bucket is kept for: an IPv4 address, or an IPv6 /64 prefix.
///
/// An IPv6 subscriber (a home line, a cloud VM) is routinely handed a whole /64 and can pick a
/// new address inside it for every request, so keying by the full IPv6 address would give an
/// attacker an unlimited supply of fresh buckets. A /64 is the smallest block normally
/// assigned to one site (RFC 6177), so it is keyed as one client.
///
/// IPv4-mapped IPv6 addresses (`::ffff:a.b.c.d`, what a dual-stack socket reports for an IPv4
/// peer) are the IPv4 client they carry. The deprecated IPv4-*compatible* form (`::a.b.c.d`)
/// is not converted: it would turn `::1` into `0.0.0.1`, and no current stack produces it.
///
/// ```
/// use oauthclient_core::rate_limit::ClientKey;
/// let key = |text: &str| ClientKey::of(text.parse().expect("an address"));
/// assert_eq!(key("2001:db8:1:2::1"), key("2001:db8:1:2:ffff::9"));
/// assert_ne!(key("2001:db8:1:2::1"), key("2001:db8:1:3::1"));
/// assert_eq!(key("::ffff:10.0.0.1"), key("10.0.0.1"));
/// assert_eq!(key("2001:db8:1:2::1").to_string(), "2001:db8:1:2::/64");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ClientKey(Key);

/// Kept private so the keying rule can change (say, a /56 option) without breaking callers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Key {
    V4(Ipv4Addr),
    /// The upper 64 bits of the address.
    V6Prefix(u64),
}

impl ClientKey {
    /// The key of a client seen at `ip`.
    pub fn of(ip: IpAddr) -> Self {
        match ip.to_canonical() {
            IpAddr::V4(v4) => ClientKey(Key::V4(v4)),
            IpAddr::V6(v6) => {
                // Truncation is the point: the low 64 bits (the interface identifier) are
                // the subscriber's to choose.
                #[allow(clippy::cast_possible_truncation, reason = "keeps the upper 64 bits")]
                let prefix = (v6.to_bits() >> 64) as u64;
                ClientKey(Key::V6Prefix(prefix))
            }
        }
    }
}

impl From<IpAddr> for ClientKey {
    fn from(ip: IpAddr) -> Self {
        ClientKey::of(ip)
    }
}

/// `203.0.113.9` or `2001:db8:1:2::/64` (for logs).
impl fmt::Display for ClientKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Key::V4(v4) => v4.fmt(f),
            Key::V6Prefix(prefix) => {
                write!(f, "{}/64", Ipv6Addr::from_bits(u128::from(prefix) << 64))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(text: &str) -> ClientKey {
        ClientKey::of(text.parse().expect("an address"))
    }

    #[test]
    fn addresses_of_one_slash64_share_a_key() {
        assert_eq!(
            key("2001:db8:aa:bb::1"),
            key("2001:db8:aa:bb:1234:5678:9abc:def0")
        );
        assert_eq!(
            key("2001:db8:aa:bb::1"),
            key("2001:db8:aa:bb:ffff:ffff:ffff:ffff")
        );
    }

    #[test]
    fn different_slash64s_have_different_keys() {
        assert_ne!(key("2001:db8:aa:bb::1"), key("2001:db8:aa:bc::1"));
        assert_ne!(key("2001:db8:aa:bb::1"), key("2001:db9:aa:bb::1"));
    }

    #[test]
    fn an_ipv4_mapped_address_is_its_ipv4_client() {
        assert_eq!(key("::ffff:10.0.0.1"), key("10.0.0.1"));
        assert_eq!(key("::ffff:10.0.0.1").to_string(), "10.0.0.1");
        // Each IPv4 address is its own client (no prefix grouping for IPv4).
        assert_ne!(key("10.0.0.1"), key("10.0.0.2"));
    }

    #[test]
    fn the_ipv6_loopback_is_not_mistaken_for_ipv4() {
        assert_eq!(key("::1").to_string(), "::/64");
        assert_ne!(key("::1"), key("0.0.0.1"));
    }
}
