//! Who the client is: the TCP peer, or — behind trusted proxies — the address they vouch for
//! in `X-Forwarded-For`.

use std::net::IpAddr;

/// The client's address, given the TCP `peer` and the `X-Forwarded-For` header values in the
/// order they arrived (each a comma-separated list of hops, oldest first).
///
/// Each proxy appends the address it received the request from, so the header is read from
/// the right, one hop per trusted proxy:
///
/// 1. an untrusted peer is the client; the header is ignored (anyone can send one);
/// 2. otherwise the rightmost hop was written by the trusted peer and is believed; if it is
///    another trusted proxy, the hop to its left is believed too, and so on;
/// 3. the walk stops at the first hop that is **not** a trusted proxy: that is the client.
///    Everything left of it was written by the client or its own proxies and is never used;
/// 4. the walk also stops at the first hop that is **not a plain IP address** (`1.2.3.4:5678`,
///    `[2001:db8::1]`, `unknown`, garbage, an empty entry): the client is then the last
///    address the walk reached (the trusted hop right of it, or the peer). Skipping such a
///    hop instead would let the walk continue into the part of the header the client wrote,
///    so a proxy appending `ip:port` would let every client pick its own bucket. Stopping
///    errs the safe way: clients behind that proxy share its bucket until it is fixed;
/// 5. when every hop is a trusted proxy, the leftmost one is the client.
///
/// Addresses are canonicalised (`::ffff:10.0.0.1` is `10.0.0.1`) before `is_trusted` sees
/// them, so IPv4 proxies listed in `trusted_proxies` match on dual-stack sockets.
///
/// ```
/// use std::net::IpAddr;
/// use oauthclient_core::rate_limit::client_ip;
/// let proxy: IpAddr = "10.0.0.2".parse()?;
/// let trusted = |ip: IpAddr| ip == proxy;
/// // The client prepended a lie; the proxy appended the truth.
/// assert_eq!(client_ip(proxy, ["6.6.6.6, 198.51.100.7"], trusted), "198.51.100.7".parse::<IpAddr>()?);
/// // Nobody vouches for an untrusted peer's header.
/// let peer: IpAddr = "192.0.2.1".parse()?;
/// assert_eq!(client_ip(peer, ["198.51.100.7"], trusted), peer);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn client_ip<'a>(
    peer: IpAddr,
    forwarded_for: impl IntoIterator<Item = &'a str>,
    is_trusted: impl Fn(IpAddr) -> bool,
) -> IpAddr {
    let mut client = peer.to_canonical();
    if !is_trusted(client) {
        return client;
    }
    // Header values are few (usually one); hops are split lazily, right to left, so a long
    // client-written prefix is never even parsed.
    let values: Vec<&str> = forwarded_for.into_iter().collect();
    let hops = values.iter().rev().flat_map(|value| value.rsplit(','));
    for hop in hops {
        let Ok(ip) = hop.trim().parse::<IpAddr>() else {
            return client;
        };
        client = ip.to_canonical();
        if !is_trusted(client) {
            return client;
        }
    }
    client
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().expect("an address")
    }

    /// Proxies in 10.0.0.0/8 are trusted.
    fn trusted(ip: IpAddr) -> bool {
        matches!(ip, IpAddr::V4(v4) if v4.octets()[0] == 10)
    }

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_the_header_says() {
        let peer = ip("192.0.2.1");
        assert_eq!(client_ip(peer, ["198.51.100.7"], trusted), peer);
    }

    #[test]
    fn a_trusted_peer_vouches_for_the_rightmost_hop() {
        let got = client_ip(ip("10.0.0.2"), ["203.0.113.9, 198.51.100.7"], trusted);
        assert_eq!(got, ip("198.51.100.7"));
    }

    #[test]
    fn an_untrusted_hop_stops_the_walk() {
        // 198.51.100.7 is not a proxy of ours: what it forwarded (203.0.113.9) is not believed.
        let got = client_ip(
            ip("10.0.0.2"),
            ["203.0.113.9, 198.51.100.7, 10.0.0.3"],
            trusted,
        );
        assert_eq!(got, ip("198.51.100.7"));
    }

    #[test]
    fn an_unparseable_hop_stops_the_walk_at_the_last_trusted_address() {
        // A proxy that appends `ip:port`: the client must not get to choose via 203.0.113.9.
        let peer = ip("10.0.0.2");
        assert_eq!(
            client_ip(peer, ["203.0.113.9, 1.2.3.4:5678"], trusted),
            peer
        );
        assert_eq!(
            client_ip(peer, ["203.0.113.9, garbage, 10.0.0.3"], trusted),
            ip("10.0.0.3")
        );
        assert_eq!(client_ip(peer, ["203.0.113.9, "], trusted), peer);
        assert_eq!(client_ip(peer, [""], trusted), peer);
    }

    #[test]
    fn several_header_values_are_one_list_in_arrival_order() {
        let got = client_ip(
            ip("10.0.0.2"),
            ["203.0.113.9", "198.51.100.7, 10.0.0.3"],
            trusted,
        );
        assert_eq!(got, ip("198.51.100.7"));
    }

    #[test]
    fn an_ipv4_mapped_peer_matches_ipv4_trusted_proxies() {
        let got = client_ip(ip("::ffff:10.0.0.1"), ["198.51.100.7"], trusted);
        assert_eq!(got, ip("198.51.100.7"));
        // And is reported as plain IPv4 when it is the client.
        assert_eq!(
            client_ip(ip("::ffff:192.0.2.1"), [], trusted),
            ip("192.0.2.1")
        );
    }

    #[test]
    fn when_every_hop_is_trusted_the_leftmost_is_the_client() {
        let got = client_ip(ip("10.0.0.2"), ["10.9.9.9, 10.0.0.3"], trusted);
        assert_eq!(got, ip("10.9.9.9"));
        assert_eq!(client_ip(ip("10.0.0.2"), [], trusted), ip("10.0.0.2"));
    }
}
