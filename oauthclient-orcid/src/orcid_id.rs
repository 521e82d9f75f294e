//! The ORCID iD format: `0000-0002-1825-0097`.

/// Whether `id` is a well-formed ORCID iD: four groups of four characters separated by `-`,
/// all digits except that the last may be `X`, and the last character the ISO 7064 11,2 check
/// digit of the other fifteen (as ORCID documents). The iD is compared byte-exact as the
/// identity's external id, so anything else from a token response is refused rather than
/// stored.
///
/// ```
/// use oauthclient_orcid::is_orcid_id;
/// assert!(is_orcid_id("0000-0002-1825-0097"));
/// assert!(is_orcid_id("0000-0002-9079-593X"));
/// assert!(!is_orcid_id("0000-0002-1825-0098")); // wrong check digit
/// assert!(!is_orcid_id("https://orcid.org/0000-0002-1825-0097"));
/// ```
pub fn is_orcid_id(id: &str) -> bool {
    let bytes = id.as_bytes();
    if bytes.len() != 19 {
        return false;
    }
    let mut total: u32 = 0;
    let mut digits = 0;
    for (index, &byte) in bytes.iter().enumerate() {
        if index % 5 == 4 {
            if byte != b'-' {
                return false;
            }
            continue;
        }
        digits += 1;
        if digits == 16 {
            let expected = (12 - total % 11) % 11;
            return match byte {
                b'X' => expected == 10,
                b'0'..=b'9' => u32::from(byte - b'0') == expected,
                _ => false,
            };
        }
        if !byte.is_ascii_digit() {
            return false;
        }
        total = (total + u32::from(byte - b'0')) * 2;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_examples() {
        for id in [
            "0000-0002-1825-0097",
            "0000-0001-5109-3700",
            "0000-0002-1694-233X",
            "0000-0001-2345-6789",
        ] {
            assert!(is_orcid_id(id), "{id}");
        }
    }

    #[test]
    fn malformed_ids() {
        for id in [
            "",
            "0000000218250097",
            "0000-0002-1825-009",
            "0000-0002-1825-00977",
            "0000_0002_1825_0097",
            "0000-0002-1825-0X97",
            "0000-0002-1825-009x",
            " 0000-0002-1825-009",
            "0000-0002-1825-0096",
        ] {
            assert!(!is_orcid_id(id), "{id:?}");
        }
    }
}
