//! `next_url`: `oauthclient_core::next_url::safe_next_url` on arbitrary input (lossily decoded
//! as UTF-8) against a fixed trusted-host list.
//!
//! Besides never panicking, every accepted value must have one of the two shapes the module
//! documents:
//! - a relative reference, returned exactly as given: it starts with one `/` (not `//`),
//!   contains no backslash and no control character, raw or percent-decoded (so neither `/\`
//!   nor `/%5C`), is at most 2048 bytes without surrounding whitespace, and its path (before
//!   `?`/`#`) is ASCII;
//! - an absolute `http`/`https` URL, returned as `url::Url` serialises it (so it parses back
//!   to itself), without user information, whose host is a trusted entry (case-insensitive,
//!   after IDNA) and whose port matches the entry's port when the entry has one.
//!
//! And the property the module exists for (no open redirect): a browser on a trusted page
//! that follows the value (`Url::join`, the WHATWG algorithm) stays on a trusted host.

#![no_main]

use libfuzzer_sys::fuzz_target;
use oauthclient_core::next_url::safe_next_url;
use oauthclient_fuzz::{TRUSTED_HOSTS, trusted_hosts};
use url::{Host, Url};

/// The page a browser is on when it follows `Location: next`.
const BASE: &str = "https://trusted.org/oauth/authorized/github/";

fuzz_target!(|data: &[u8]| {
    let raw = String::from_utf8_lossy(data);
    let Ok(accepted) = safe_next_url(&raw, trusted_hosts()) else {
        return;
    };
    assert!(!accepted.is_empty());

    if raw.starts_with('/') {
        check_relative(&raw, &accepted);
    } else {
        check_absolute(&raw, &accepted);
    }

    // No open redirect: following the value from a trusted page lands on a trusted host.
    let base = Url::parse(BASE).expect("base URL");
    let target = base
        .join(&accepted)
        .unwrap_or_else(|e| panic!("{raw:?} -> {accepted:?} does not resolve: {e}"));
    assert!(
        matches!(target.scheme(), "http" | "https"),
        "{raw:?} -> {accepted:?} leaves http(s)"
    );
    assert!(
        target.username().is_empty() && target.password().is_none(),
        "{raw:?} -> {accepted:?} carries user information"
    );
    assert!(
        is_trusted(&target),
        "{raw:?} -> {accepted:?} leads to {target} (host {:?})",
        target.host_str()
    );
});

fn check_relative(raw: &str, accepted: &str) {
    assert_eq!(
        accepted, raw,
        "a relative reference must be returned unchanged"
    );
    assert!(accepted.len() <= 2048, "{accepted:?} is too long");
    assert!(accepted.starts_with('/'), "{accepted:?}");
    assert!(
        !accepted.starts_with("//"),
        "{accepted:?} is protocol-relative"
    );
    assert!(!accepted.starts_with("/\\"), "{accepted:?} starts with /\\");
    assert!(!accepted.contains('\\'), "{accepted:?} has a backslash");
    assert!(
        !accepted.chars().any(char::is_control),
        "{accepted:?} has a control character"
    );
    assert!(
        !accepted.starts_with(char::is_whitespace) && !accepted.ends_with(char::is_whitespace),
        "{accepted:?} has surrounding whitespace"
    );
    let path = accepted
        .find(['?', '#'])
        .map_or(accepted, |end| &accepted[..end]);
    assert!(path.is_ascii(), "{accepted:?} has a non-ASCII path");
    // Each percent-decoded form (the module inspects up to three rounds) keeps the shape.
    let mut form = accepted.to_owned();
    for _ in 0..3 {
        let decoded = percent_encoding::percent_decode_str(&form)
            .decode_utf8_lossy()
            .into_owned();
        if decoded == form {
            break;
        }
        assert!(
            !decoded.contains('\\'),
            "{accepted:?} decodes to a backslash: {decoded:?}"
        );
        assert!(
            !decoded.chars().any(char::is_control),
            "{accepted:?} decodes to a control character: {decoded:?}"
        );
        assert!(
            !decoded.starts_with("//"),
            "{accepted:?} decodes to {decoded:?}"
        );
        form = decoded;
    }
}

fn check_absolute(raw: &str, accepted: &str) {
    let url = Url::parse(accepted)
        .unwrap_or_else(|e| panic!("{raw:?} -> {accepted:?} is not a URL: {e}"));
    assert_eq!(url.as_str(), accepted, "not in url::Url's serialisation");
    assert!(accepted.is_ascii(), "{accepted:?} is not ASCII");
    assert!(
        matches!(url.scheme(), "http" | "https"),
        "{raw:?} -> {accepted:?} has scheme {}",
        url.scheme()
    );
    assert!(
        url.username().is_empty() && url.password().is_none(),
        "{raw:?} -> {accepted:?} has user information"
    );
    assert!(
        is_trusted(&url),
        "{raw:?} -> {accepted:?} has an untrusted host"
    );
}

/// Whether `url`'s host (and port, for an entry with one) is in [`TRUSTED_HOSTS`], checked
/// independently of the library: each entry is parsed with `url::Host::parse`, which applies
/// the same IDNA and IPv6 normalisation as `Url`.
fn is_trusted(url: &Url) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    let port = url.port_or_known_default();
    TRUSTED_HOSTS.iter().any(|entry| {
        let (entry_host, entry_port) = match entry.rsplit_once(':') {
            Some((h, p)) if !entry.ends_with(']') => (h, Some(p.parse::<u16>().expect("port"))),
            _ => (*entry, None),
        };
        let entry_host = Host::parse(entry_host)
            .expect("valid trusted entry")
            .to_string();
        entry_host.eq_ignore_ascii_case(host) && entry_port.is_none_or(|p| Some(p) == port)
    })
}
