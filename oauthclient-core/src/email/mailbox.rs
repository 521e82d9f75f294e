//! One mailbox, one key: how an e-mail address is compared.
//!
//! An address is stored as the user gave it; lookups use its **mailbox key**, which folds only
//! what names the same mailbox: the ASCII case of the local part and of the domain, and the
//! domain's IDNA2008 A-label form (`ada@bücher.example` and `ada@xn--bcher-kva.example` are one
//! mailbox). Nothing else is folded — no NFKC, no Unicode case folding — because those map
//! distinct mailboxes onto one (`straße` / `strasse`, `ﬁ` / `fi`, full-width `ａ` / `a`,
//! `ς` / `σ`, dotless `ı` / `i`), and a provider that verified the look-alike would then sign
//! its holder in to someone else's account. A domain that IDNA2008 does not allow as written
//! (full-width letters, ligatures, upper-case non-ASCII letters) is refused rather than mapped.

/// Why an address has no mailbox key.
///
/// ```
/// use oauthclient_core::email::{mailbox_key, AddressError};
/// assert_eq!(mailbox_key("no-at-sign"), Err(AddressError::Malformed));
/// assert_eq!(mailbox_key("ada@ｅｘａｍｐｌｅ.org"), Err(AddressError::DomainNotIdna2008));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AddressError {
    /// Not `local@domain` with a non-empty local part and a dotted domain, or over 254 bytes,
    /// or with spaces or control characters.
    #[error("not a valid e-mail address")]
    Malformed,
    /// The domain is not a valid IDNA2008 domain name as written.
    #[error("the domain of this e-mail address is not a valid internationalised domain name")]
    DomainNotIdna2008,
}

/// The longest address SMTP carries (RFC 5321 §4.5.3.1.3: a 256-octet path minus `<>`).
const MAX_ADDRESS_BYTES: usize = 254;

/// The key an address is looked up by: `local@domain` with ASCII letters lower-cased and the
/// domain in IDNA2008 A-label (punycode) form; surrounding whitespace ignored.
///
/// ```
/// use oauthclient_core::email::mailbox_key;
/// assert_eq!(mailbox_key(" Ada@EXAMPLE.org ").as_deref(), Ok("ada@example.org"));
/// assert_eq!(mailbox_key("ada@straße.de").as_deref(), Ok("ada@xn--strae-oqa.de"));
/// assert_ne!(mailbox_key("ada@straße.de"), mailbox_key("ada@strasse.de"));
/// assert_ne!(mailbox_key("ＡＤＡ@example.org"), mailbox_key("ada@example.org"));
/// ```
pub fn mailbox_key(address: &str) -> Result<String, AddressError> {
    let address = address.trim();
    if address.len() > MAX_ADDRESS_BYTES
        || address.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        return Err(AddressError::Malformed);
    }
    let (local, domain) = address.rsplit_once('@').ok_or(AddressError::Malformed)?;
    if local.is_empty()
        || local.contains('@')
        || domain.is_empty()
        || !domain.contains('.')
        || domain.starts_with('.')
        || domain.ends_with('.')
    {
        return Err(AddressError::Malformed);
    }
    Ok(format!(
        "{}@{}",
        local.to_ascii_lowercase(),
        domain_a_label(domain)?
    ))
}

/// Whether two addresses name the same mailbox (equal keys; an invalid address matches
/// nothing).
///
/// ```
/// use oauthclient_core::email::same_mailbox;
/// assert!(same_mailbox("ada@example.org", " Ada@EXAMPLE.org"));
/// assert!(!same_mailbox("ada@example.org", "аda@example.org")); // Cyrillic а
/// assert!(!same_mailbox("strasse@example.org", "straße@example.org"));
/// assert!(!same_mailbox("kate@example.org", "\u{212A}ate@example.org")); // Kelvin sign
/// ```
pub fn same_mailbox(a: &str, b: &str) -> bool {
    matches!((mailbox_key(a), mailbox_key(b)), (Ok(a), Ok(b)) if a == b)
}

/// The domain's A-label form, if the domain is valid IDNA2008 as written (up to ASCII case).
///
/// UTS #46 processing (what `idna` implements) also *maps* its input — NFKC, case folding —
/// before producing the A-label. A domain the mapping changes (beyond ASCII case) is not what
/// IDNA2008 allows in a U-label, so it is refused instead of silently merged with another.
fn domain_a_label(domain: &str) -> Result<String, AddressError> {
    let lowered = domain.to_ascii_lowercase();
    let a_label =
        idna::domain_to_ascii_strict(&lowered).map_err(|_| AddressError::DomainNotIdna2008)?;
    if lowered.is_ascii() {
        // Punycode labels as given must round-trip too (`xn--` garbage is refused above).
        return Ok(a_label);
    }
    let (u_label, result) = idna::domain_to_unicode(&a_label);
    if result.is_err() || u_label != lowered {
        return Err(AddressError::DomainNotIdna2008);
    }
    Ok(a_label)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pairs that look alike but are different mailboxes: never one key, in either order.
    const LOOK_ALIKES: &[(&str, &str)] = &[
        ("strasse@example.org", "straße@example.org"),
        ("ada@strasse.de", "ada@straße.de"),
        ("σοφια@example.org", "ςοφια@example.org"),
        ("ada@σοφια.gr", "ada@ςοφια.gr"),
        ("fi@example.org", "ﬁ@example.org"),
        ("ada@example.org", "ａｄａ@example.org"),
        ("ada@example.org", "ADA@example.org\u{FF0E}"),
        ("linus@example.org", "lınus@example.org"),
        ("ada@linux.org", "ada@lınux.org"),
        ("ada@example.org", "аda@example.org"),
        ("ada@apple.com", "ada@аpple.com"),
        ("kate@example.org", "\u{212A}ate@example.org"),
    ];

    #[test]
    fn look_alikes_never_share_a_key_in_either_direction() {
        for (a, b) in LOOK_ALIKES {
            let (ka, kb) = (mailbox_key(a), mailbox_key(b));
            assert!(ka.is_err() || kb.is_err() || ka != kb, "{a} vs {b}: {ka:?}");
            assert!(!same_mailbox(a, b), "{a} ~ {b}");
            assert!(!same_mailbox(b, a), "{b} ~ {a}");
        }
    }

    #[test]
    fn the_same_mailbox_shares_a_key() {
        for (a, b) in [
            ("Ada@Example.ORG", "ada@example.org"),
            ("ada@bücher.example", "ada@XN--BCHER-KVA.example"),
            (" ada@example.org\t", "ada@example.org"),
        ] {
            assert!(same_mailbox(a, b), "{a} vs {b}");
            assert!(same_mailbox(b, a), "{b} vs {a}");
        }
    }

    #[test]
    fn non_ascii_local_parts_keep_their_case() {
        assert_eq!(
            mailbox_key("Émile@example.org").as_deref(),
            Ok("Émile@example.org")
        );
        assert_ne!(
            mailbox_key("Émile@example.org"),
            mailbox_key("émile@example.org")
        );
    }

    #[test]
    fn domains_idna2008_does_not_allow_as_written_are_refused() {
        for address in [
            "ada@ｅｘａｍｐｌｅ.org",
            "ada@ﬁ.example",
            "ada@BÜCHER.example",
            "ada@ΣΟΦΙΑ.gr",
            "ada@xn--zz.example",
        ] {
            assert_eq!(
                mailbox_key(address),
                Err(AddressError::DomainNotIdna2008),
                "{address}"
            );
        }
    }

    #[test]
    fn malformed_addresses_are_refused() {
        let long = format!("{}@example.org", "a".repeat(250));
        for address in [
            "",
            "ada",
            "@example.org",
            "ada@",
            "ada@localhost",
            "ada@.org",
            "ada@example.",
            "a da@example.org",
            "ada@exa\u{7}mple.org",
            long.as_str(),
        ] {
            assert_eq!(
                mailbox_key(address),
                Err(AddressError::Malformed),
                "{address:?}"
            );
        }
    }
}
