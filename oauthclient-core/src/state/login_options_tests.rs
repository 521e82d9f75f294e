//! Per-login options inside the state: signed in, read back, and absent from states without
//! them (so states issued before options existed still verify).

use jose_b64::base64ct::{Base64UrlUnpadded, Encoding};
use serde_json::json;

use super::{PendingFlows, StateCodec};
use crate::login_options::{LoginOption, LoginOptions, LoginOptionsPolicy};
use crate::secret::SecretKey;

fn codec() -> StateCodec {
    StateCodec::from_secret(
        &SecretKey::new("a-very-long-random-secret-of-32+bytes"),
        300,
    )
}

fn payload(token: &str) -> serde_json::Value {
    let payload = token.split('.').nth(1).expect("payload");
    serde_json::from_slice(&Base64UrlUnpadded::decode_vec(payload).expect("base64")).expect("json")
}

#[test]
fn options_are_signed_into_the_state_and_come_back_at_the_callback() {
    let policy = LoginOptionsPolicy::new(LoginOption::ALL, ["repo"]);
    let options = LoginOptions::parse(
        [
            ("prompt", "login"),
            ("login_hint", "octo@example.org"),
            ("max_age", "0"),
            ("acr_values", "mfa"),
            ("scope", "repo"),
        ],
        &policy,
    )
    .expect("valid");
    let codec = codec();
    let (state, flow) = codec
        .issue_with_options("github", Some("/next".into()), options.clone())
        .expect("issue");
    let mut session = PendingFlows::default();
    session.insert(flow);
    let (claims, _) = codec
        .verify(&state, "github", &mut session)
        .expect("verifies");
    assert_eq!(*claims.login_options, options);
    assert_eq!(claims.next.as_deref(), Some("/next"));
}

#[test]
fn a_state_without_options_carries_no_options_key() {
    let (state, _) = codec().issue("github", None).expect("issue");
    let claims = payload(&state);
    assert!(claims.get("login_options").is_none(), "{claims}");
}

#[test]
fn a_state_issued_before_options_existed_still_verifies() {
    // Exactly the claims an older release signed: no `login_options` key at all.
    let codec = codec();
    let (fresh, flow) = codec.issue("github", Some("/n".into())).expect("issue");
    let mut old = payload(&fresh);
    assert_eq!(
        old.as_object().map(serde_json::Map::len),
        Some(5),
        "app, nonce, next, iat, exp: {old}"
    );
    old["next"] = json!("/old");
    let token = codec.sign_json(&old).expect("signs");
    let mut session = PendingFlows::default();
    session.insert(flow);
    let (claims, _) = codec
        .verify(&token, "github", &mut session)
        .expect("verifies");
    assert!(claims.login_options.is_empty());
    assert_eq!(claims.next.as_deref(), Some("/old"));
}

#[test]
fn options_cannot_be_changed_without_breaking_the_signature() {
    let policy = LoginOptionsPolicy::new([LoginOption::Prompt], Vec::<String>::new());
    let options = LoginOptions::parse([("prompt", "login")], &policy).expect("valid");
    let codec = codec();
    let (state, _) = codec
        .issue_with_options("github", None, options)
        .expect("issue");
    let mut claims = payload(&state);
    claims["login_options"]["prompt"] = json!(["none"]);
    let parts: Vec<&str> = state.split('.').collect();
    let forged = format!(
        "{}.{}.{}",
        parts[0],
        Base64UrlUnpadded::encode_string(&serde_json::to_vec(&claims).expect("json")),
        parts[2]
    );
    assert!(codec.decode(&forged, "github").is_err());
}
