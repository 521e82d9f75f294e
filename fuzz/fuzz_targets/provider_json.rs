//! `provider_json`: what the library reads from provider JSON, on arbitrary bytes.
//!
//! - `serde_json::Value` → `oauthclient_oidc::ClaimMapping::account_info` (the standard claims,
//!   and a GitHub-shaped custom mapping): `Ok` exactly when the subject claim is a non-empty
//!   string, which becomes the external id; the e-mail is verified only on a JSON `true`;
//!   the other fields are copied from non-empty string claims.
//! - The ORCID iD check `oauthclient_orcid::is_orcid_id` on the `orcid` field, checked against
//!   an independent ISO 7064 MOD 11-2 implementation.
//! - `serde_json::from_slice::<oauthclient_core::Token>`: `Debug` never depends on the secret
//!   values (access token, OAuth1 secret, refresh token), expiry checks never panic, and the
//!   token survives serialise-then-parse (tokens are stored as JSON).
//! - `serde_json::from_slice::<oauthclient_core::AccountInfo>`: the same round trip, and
//!   `trusted_email` is only ever a verified e-mail.
//!
//! GitHub's mapping (`oauthclient-github`: `from_api`, `email::primary_verified`) and ORCID's
//! `from_token` are private, reachable only through the async handlers with a
//! `ProviderContext` (remote settings, API client), so they are not fuzzed here.

#![no_main]

use libfuzzer_sys::fuzz_target;
use oauthclient_core::secret::{AccessToken, RefreshToken, TokenSecret};
use oauthclient_core::{AccountInfo, OAuthError, Token};
use oauthclient_fuzz::has_float;
use oauthclient_oidc::ClaimMapping;
use oauthclient_orcid::is_orcid_id;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    if let Ok(value) = serde_json::from_slice::<Value>(data) {
        check_claims(&ClaimMapping::default(), &value);
        let github_shaped = ClaimMapping {
            external_id: "login".into(),
            email: "email".into(),
            email_verified: "verified".into(),
            username: "login".into(),
            full_name: "name".into(),
        };
        check_claims(&github_shaped, &value);
        if let Some(orcid) = value.get("orcid").and_then(Value::as_str) {
            check_orcid(orcid);
        }
    }
    if let Ok(text) = std::str::from_utf8(data) {
        check_orcid(text.trim());
    }
    if let Ok(token) = serde_json::from_slice::<Token>(data) {
        check_token(&token);
    }
    if let Ok(info) = serde_json::from_slice::<AccountInfo>(data) {
        check_account_info(&info);
    }
});

fn check_claims(mapping: &ClaimMapping, claims: &Value) {
    let text = |claim: &str| {
        claims
            .get(claim)
            .and_then(Value::as_str)
            .filter(|value| !value.is_empty())
    };
    match mapping.account_info("app", claims) {
        Ok(info) => {
            assert_eq!(Some(info.external_id.as_str()), text(&mapping.external_id));
            assert_eq!(info.external_method, "app");
            assert_eq!(info.email.as_deref(), text(&mapping.email));
            let verified_claim = claims.get(&mapping.email_verified) == Some(&Value::Bool(true));
            assert_eq!(info.email_verified, info.email.is_some() && verified_claim);
            if let Some(email) = info.trusted_email() {
                assert!(
                    verified_claim,
                    "{email:?} trusted without `{}: true`",
                    mapping.email_verified
                );
            }
            assert_eq!(info.username.as_deref(), text(&mapping.username));
            assert_eq!(info.full_name.as_deref(), text(&mapping.full_name));
            check_account_info(&info);
        }
        Err(error) => {
            assert!(
                text(&mapping.external_id).is_none(),
                "refused claims that have a subject: {error:?}"
            );
            assert!(
                matches!(&error, OAuthError::InvalidResponse { remote, .. } if remote == "app"),
                "{error:?}"
            );
        }
    }
}

/// ORCID iD: `dddd-dddd-dddd-dddC`, C the ISO 7064 MOD 11-2 check character (`0`-`9`, `X`).
fn check_orcid(candidate: &str) {
    let accepted = is_orcid_id(candidate);
    let bytes = candidate.as_bytes();
    let shape = bytes.len() == 19
        && bytes.iter().enumerate().all(|(i, &b)| match i {
            4 | 9 | 14 => b == b'-',
            18 => b.is_ascii_digit() || b == b'X',
            _ => b.is_ascii_digit(),
        });
    let expected = shape && {
        let digits: Vec<u32> = bytes
            .iter()
            .filter(|b| b.is_ascii_digit())
            .take(15)
            .map(|&b| u32::from(b - b'0'))
            .collect();
        let total = digits.iter().fold(0, |total, digit| (total + digit) * 2);
        let check = (12 - total % 11) % 11;
        let check_char = if check == 10 {
            b'X'
        } else {
            b'0' + check as u8
        };
        bytes[18] == check_char
    };
    assert_eq!(accepted, expected, "is_orcid_id({candidate:?})");
}

fn check_token(token: &Token) {
    // Debug must not depend on the secrets (they print as `[redacted]`).
    let swapped = Token {
        access_token: AccessToken::new("swapped-access"),
        secret: token
            .secret
            .as_ref()
            .map(|_| TokenSecret::new("swapped-secret")),
        refresh_token: token
            .refresh_token
            .as_ref()
            .map(|_| RefreshToken::new("swapped-refresh")),
        ..token.clone()
    };
    assert_eq!(
        format!("{token:?}"),
        format!("{swapped:?}"),
        "Debug shows a secret"
    );

    for now in [0, token.expires_at.unwrap_or(0), u64::MAX] {
        let _ = token.is_expired(now, u64::MAX);
        let _ = token.is_expired(now, 60);
    }
    if let Some(orcid) = token.extra.get("orcid").and_then(Value::as_str) {
        check_orcid(orcid);
    }

    let json = serde_json::to_string(token).expect("a token serialises");
    let back: Token = serde_json::from_str(&json).expect("a serialised token parses");
    if !has_float(&token.extra) {
        assert_eq!(&back, token, "token changed in a serde round trip");
    }
}

fn check_account_info(info: &AccountInfo) {
    if let Some(email) = info.trusted_email() {
        assert!(info.email_verified);
        assert_eq!(info.email.as_deref(), Some(email));
    }
    let json = serde_json::to_string(info).expect("account info serialises");
    let back: AccountInfo = serde_json::from_str(&json).expect("serialised account info parses");
    if !has_float(&info.extra) {
        assert_eq!(&back, info, "account info changed in a serde round trip");
    }
}
