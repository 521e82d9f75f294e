//! Which of the user's GitHub e-mail addresses to use.

use serde::Deserialize;

/// One entry of `GET /user/emails`:
/// `{"email": "octocat@github.com", "primary": true, "verified": true, "visibility": "public"}`.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct EmailEntry {
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub primary: bool,
    #[serde(default)]
    pub verified: bool,
}

/// The address GitHub vouches for: the primary address, if GitHub verified it. Nothing else is
/// used: an unverified primary address could belong to anyone, and secondary addresses are not
/// the identity the user chose. Without one, the sign-up form asks the user for an address.
pub(crate) fn primary_verified(emails: &[EmailEntry]) -> Option<String> {
    emails
        .iter()
        .find(|entry| entry.primary)
        .filter(|entry| entry.verified)
        .and_then(|entry| entry.email.clone())
        .filter(|email| !email.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(json: serde_json::Value) -> Vec<EmailEntry> {
        serde_json::from_value(json).expect("entries")
    }

    #[test]
    fn the_primary_verified_address() {
        let emails = entries(serde_json::json!([
            {"email": "other@example.org", "primary": false, "verified": true, "visibility": null},
            {"email": "octo@example.org", "primary": true, "verified": true, "visibility": "public"},
        ]));
        assert_eq!(
            primary_verified(&emails).as_deref(),
            Some("octo@example.org")
        );
    }

    #[test]
    fn an_unverified_primary_is_not_used_nor_replaced_by_a_verified_secondary() {
        let emails = entries(serde_json::json!([
            {"email": "verified-secondary@example.org", "primary": false, "verified": true},
            {"email": "octo@example.org", "primary": true, "verified": false},
        ]));
        assert_eq!(primary_verified(&emails), None);
    }

    #[test]
    fn no_primary_no_address() {
        let emails = entries(serde_json::json!([
            {"email": "verified-secondary@example.org", "primary": false, "verified": true},
        ]));
        assert_eq!(primary_verified(&emails), None);
        let blank = entries(serde_json::json!([{"email": " ", "primary": true, "verified": true}]));
        assert_eq!(primary_verified(&blank), None);
        assert_eq!(primary_verified(&[]), None);
    }
}
