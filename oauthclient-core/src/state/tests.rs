use std::sync::Arc;

use jose_b64::base64ct::{Base64UrlUnpadded, Encoding};

use super::*;
use crate::clock::ManualClock;

const SECRET: &str = "test-secret-test-secret-test-secret-0001";
const T0: u64 = 1_800_000_000;

fn key(id: &str, secret: &str, algorithm: StateAlgorithm) -> StateKey {
    StateKey::new(id, &SecretKey::new(secret), algorithm)
}

fn codec_with(keys: Vec<StateKey>, clock: &Arc<ManualClock>) -> StateCodec {
    StateCodec::new(StateKeys::new(keys).expect("non-empty"), 300).with_clock(clock.clone())
}

fn codec(clock: &Arc<ManualClock>) -> StateCodec {
    codec_with(vec![key("k1", SECRET, StateAlgorithm::Hs256)], clock)
}

fn clock() -> Arc<ManualClock> {
    Arc::new(ManualClock::new(T0))
}

/// Issues a state for `app` and records its flow in a fresh session.
fn started(codec: &StateCodec, app: &str) -> (String, PendingFlows) {
    let (state, flow) = codec.issue(app, Some("/next".into())).expect("issue");
    let mut session = PendingFlows::default();
    session.insert(flow);
    (state, session)
}

fn segments(token: &str) -> Vec<String> {
    token.split('.').map(str::to_owned).collect()
}

fn b64_json(value: &serde_json::Value) -> String {
    Base64UrlUnpadded::encode_string(value.to_string().as_bytes())
}

#[test]
fn valid_state_verifies_once() {
    let clock = clock();
    let codec = codec(&clock);
    let (state, mut session) = started(&codec, "github");
    let (claims, flow) = codec.verify(&state, "github", &mut session).expect("valid");
    assert_eq!(claims.app, "github");
    assert_eq!(claims.next.as_deref(), Some("/next"));
    assert_eq!((claims.iat, claims.exp), (T0, T0 + 300));
    assert_eq!(flow.nonce, claims.nonce);
    assert!(session.is_empty());
}

#[test]
fn nonce_has_at_least_128_bits_and_differs_per_flow() {
    let codec = codec(&clock());
    let (_, a) = codec.issue("x", None).expect("issue");
    let (_, b) = codec.issue("x", None).expect("issue");
    assert_ne!(a.nonce, b.nonce);
    let decoded = Base64UrlUnpadded::decode_vec(a.nonce.expose_secret()).expect("base64url");
    assert!(decoded.len() * 8 >= 128);
}

#[test]
fn tampered_payload_is_refused() {
    let clock = clock();
    let codec = codec(&clock);
    let (state, mut session) = started(&codec, "github");
    let parts = segments(&state);
    let payload = Base64UrlUnpadded::decode_vec(&parts[1]).expect("b64");
    let mut claims: serde_json::Value = serde_json::from_slice(&payload).expect("json");
    claims["next"] = "https://evil.example/".into();
    let forged = format!("{}.{}.{}", parts[0], b64_json(&claims), parts[2]);
    assert_eq!(
        codec.verify(&forged, "github", &mut session).unwrap_err(),
        StateError::BadSignature
    );
    // The genuine state still works afterwards: a forgery does not burn the flow.
    assert!(codec.verify(&state, "github", &mut session).is_ok());
}

#[test]
fn tampered_signature_is_refused() {
    let clock = clock();
    let codec = codec(&clock);
    let (state, mut session) = started(&codec, "github");
    let parts = segments(&state);
    let mut signature = Base64UrlUnpadded::decode_vec(&parts[2]).expect("b64");
    signature[0] ^= 0x01;
    let forged = format!(
        "{}.{}.{}",
        parts[0],
        parts[1],
        Base64UrlUnpadded::encode_string(&signature)
    );
    assert_eq!(
        codec.verify(&forged, "github", &mut session).unwrap_err(),
        StateError::BadSignature
    );
    let truncated = format!("{}.{}.{}", parts[0], parts[1], &parts[2][..12]);
    assert_eq!(
        codec
            .verify(&truncated, "github", &mut session)
            .unwrap_err(),
        StateError::BadSignature
    );
}

#[test]
fn alg_none_is_refused() {
    let clock = clock();
    let codec = codec(&clock);
    let (state, mut session) = started(&codec, "github");
    let parts = segments(&state);
    let header = serde_json::json!({"alg": "none", "kid": "k1"});
    for signature in ["", &parts[2]] {
        let forged = format!("{}.{}.{signature}", b64_json(&header), parts[1]);
        assert_eq!(
            codec.verify(&forged, "github", &mut session).unwrap_err(),
            StateError::DisallowedAlgorithm,
            "signature {signature:?}"
        );
    }
}

#[test]
fn wrong_algorithm_is_refused() {
    let clock = clock();
    let codec = codec(&clock);
    // Same key id and secret, but HS512: a verifier must not follow the header's choice.
    let hs512 = codec_with(vec![key("k1", SECRET, StateAlgorithm::Hs512)], &clock);
    let (state, flow) = hs512.issue("github", None).expect("issue");
    let mut session = PendingFlows::default();
    session.insert(flow);
    assert_eq!(
        codec.verify(&state, "github", &mut session).unwrap_err(),
        StateError::DisallowedAlgorithm
    );
    let parts = segments(&state);
    for alg in ["RS256", "ES256", "HS384", "PS256"] {
        let header = serde_json::json!({"alg": alg, "kid": "k1"});
        let forged = format!("{}.{}.{}", b64_json(&header), parts[1], parts[2]);
        assert_eq!(
            codec.verify(&forged, "github", &mut session).unwrap_err(),
            StateError::DisallowedAlgorithm,
            "{alg}"
        );
    }
}

#[test]
fn expired_state_is_refused() {
    let clock = clock();
    let codec = codec(&clock);
    let (state, mut session) = started(&codec, "github");
    clock.advance(299);
    assert!(codec.decode(&state, "github").is_ok());
    clock.advance(1);
    assert_eq!(
        codec.verify(&state, "github", &mut session).unwrap_err(),
        StateError::Expired
    );
}

#[test]
fn state_for_another_app_is_refused() {
    let clock = clock();
    let codec = codec(&clock);
    let (state, mut session) = started(&codec, "github");
    assert_eq!(
        codec.verify(&state, "orcid", &mut session).unwrap_err(),
        StateError::WrongApp
    );
}

#[test]
fn nonce_from_another_session_is_refused() {
    let clock = clock();
    let codec = codec(&clock);
    let (state, _victim_session) = started(&codec, "github");
    let (_, mut attacker_session) = started(&codec, "github");
    assert_eq!(
        codec
            .verify(&state, "github", &mut attacker_session)
            .unwrap_err(),
        StateError::UnknownNonce
    );
    assert_eq!(
        attacker_session.len(),
        1,
        "the attacker's own flow is untouched"
    );
}

#[test]
fn replayed_state_is_refused() {
    let clock = clock();
    let codec = codec(&clock);
    let (state, mut session) = started(&codec, "github");
    assert!(codec.verify(&state, "github", &mut session).is_ok());
    assert_eq!(
        codec.verify(&state, "github", &mut session).unwrap_err(),
        StateError::Replayed
    );
}

#[test]
fn rotated_key_still_verifies_flows_in_flight() {
    let clock = clock();
    let old = codec(&clock);
    let (state, mut session) = started(&old, "github");
    let rotated = codec_with(
        vec![
            key(
                "k2",
                "a-brand-new-secret-a-brand-new-secret!!",
                StateAlgorithm::Hs512,
            ),
            key("k1", SECRET, StateAlgorithm::Hs256),
        ],
        &clock,
    );
    assert!(rotated.verify(&state, "github", &mut session).is_ok());
    // New tokens use the new key.
    let (fresh, _) = rotated.issue("github", None).expect("issue");
    let header = Base64UrlUnpadded::decode_vec(&segments(&fresh)[0]).expect("b64");
    let header: serde_json::Value = serde_json::from_slice(&header).expect("json");
    assert_eq!(header["kid"], "k2");
    assert_eq!(header["alg"], "HS512");
}

#[test]
fn removed_key_refuses() {
    let clock = clock();
    let old = codec(&clock);
    let (state, mut session) = started(&old, "github");
    let rotated = codec_with(
        vec![key(
            "k2",
            "a-brand-new-secret-a-brand-new-secret!!",
            StateAlgorithm::Hs256,
        )],
        &clock,
    );
    assert_eq!(
        rotated.verify(&state, "github", &mut session).unwrap_err(),
        StateError::UnknownKey
    );
}

#[test]
fn same_kid_different_secret_refuses() {
    let clock = clock();
    let (state, mut session) = started(&codec(&clock), "github");
    let other = codec_with(
        vec![key(
            "k1",
            "another-secret-another-secret-another!",
            StateAlgorithm::Hs256,
        )],
        &clock,
    );
    assert_eq!(
        other.verify(&state, "github", &mut session).unwrap_err(),
        StateError::BadSignature
    );
}

#[test]
fn garbage_is_malformed_not_a_panic() {
    let clock = clock();
    let codec = codec(&clock);
    let mut session = PendingFlows::default();
    assert_eq!(
        codec.verify("", "github", &mut session).unwrap_err(),
        StateError::Missing
    );
    for garbage in [
        "x",
        "a.b",
        "a.b.c.d",
        "!!!.???.***",
        "eyJhbGciOiJIUzI1NiJ9..",
        "e30.e30.e30",
        "\u{0}\u{1}.\u{2}.\u{3}",
    ] {
        let err = codec.verify(garbage, "github", &mut session).unwrap_err();
        assert!(
            matches!(err, StateError::Malformed | StateError::UnknownKey),
            "{garbage:?} gave {err:?}"
        );
    }
}

#[test]
fn critical_header_extensions_are_refused() {
    let clock = clock();
    let codec = codec(&clock);
    let (state, mut session) = started(&codec, "github");
    let parts = segments(&state);
    let header = serde_json::json!({"alg": "HS256", "kid": "k1", "crit": ["exp"]});
    let forged = format!("{}.{}.{}", b64_json(&header), parts[1], parts[2]);
    assert_eq!(
        codec.verify(&forged, "github", &mut session).unwrap_err(),
        StateError::Malformed
    );
}

#[test]
fn two_tabs_complete_in_any_order() {
    let clock = clock();
    let codec = codec(&clock);
    let mut session = PendingFlows::default();
    let (first, flow) = codec.issue("github", None).expect("issue");
    session.insert(flow);
    let (second, flow) = codec.issue("orcid", None).expect("issue");
    session.insert(flow);
    assert!(codec.verify(&second, "orcid", &mut session).is_ok());
    assert!(codec.verify(&first, "github", &mut session).is_ok());
}

#[test]
fn oldest_flow_is_evicted_beyond_the_bound() {
    let clock = clock();
    let codec = codec(&clock);
    let mut session = PendingFlows::default();
    let mut states = Vec::new();
    for _ in 0..=PendingFlows::MAX_FLOWS {
        let (state, flow) = codec.issue("github", None).expect("issue");
        session.insert(flow);
        states.push(state);
    }
    assert_eq!(session.len(), PendingFlows::MAX_FLOWS);
    assert_eq!(
        codec
            .verify(&states[0], "github", &mut session)
            .unwrap_err(),
        StateError::UnknownNonce
    );
    assert!(codec.verify(&states[1], "github", &mut session).is_ok());
}

#[test]
fn pending_flows_survive_serialisation() {
    let clock = clock();
    let codec = codec(&clock);
    let (state, session) = started(&codec, "github");
    let stored = serde_json::to_string(&session).expect("serialises");
    let mut restored: PendingFlows = serde_json::from_str(&stored).expect("parses");
    assert!(codec.verify(&state, "github", &mut restored).is_ok());
}

#[test]
fn tokens_are_the_compact_jws_jose_jws_writes_and_reads() {
    use jose_jws::Flattened;

    let codec = StateCodec::from_secret(
        &SecretKey::new("a-very-long-random-secret-of-32+bytes"),
        300,
    );
    let (token, _) = codec.issue("github", Some("/next".into())).expect("issue");
    let parsed: Flattened = token.parse().expect("jose-jws parses it");
    assert_eq!(
        parsed.to_string(),
        token,
        "byte for byte what jose-jws writes"
    );
    let header = parsed.signature.protected.expect("a protected header");
    assert_eq!(header.oth.typ.as_deref(), Some("oauthclient-state+jwt"));
    assert!(header.oth.kid.is_some() && header.crit.is_none() && header.b64);
}

#[test]
fn the_own_header_fast_path_refuses_what_the_general_path_refuses() {
    let codec = StateCodec::from_secret(
        &SecretKey::new("a-very-long-random-secret-of-32+bytes"),
        300,
    );
    let (token, _) = codec.issue("github", None).expect("issue");
    let mut parts: Vec<&str> = token.split('.').collect();
    assert_eq!(parts.len(), 3);
    let (header, payload, signature) = (parts[0], parts[1], parts[2]);
    let cases = [
        (format!("{header}.{payload}"), StateError::Malformed),
        (
            format!("{header}.{payload}.{signature}.x"),
            StateError::Malformed,
        ),
        (
            format!("{header}.{payload}!.{signature}"),
            StateError::Malformed,
        ),
        (
            format!("{header}.{payload}.{signature}!"),
            StateError::Malformed,
        ),
        (
            format!("{header}.e30.{signature}"),
            StateError::BadSignature,
        ),
        (format!("{header}..{signature}"), StateError::BadSignature),
    ];
    for (tampered, expected) in cases {
        assert_eq!(
            codec.decode(&tampered, "github"),
            Err(expected),
            "{tampered}"
        );
    }
    // A signature one character short is 31 bytes, or not base64 at all when its last
    // character's spare bits are not zero (1 time in 16): refused either way.
    let truncated = format!("{header}.{payload}.{}", &signature[1..]);
    assert!(matches!(
        codec.decode(&truncated, "github"),
        Err(StateError::Malformed | StateError::BadSignature)
    ));
    parts[1] = "e30";
    assert!(codec.decode(&parts.join("."), "github").is_err());
    assert!(codec.decode(&token, "github").is_ok());
}

// ---------------------------------------------------------------------------------------------
// Details that were once item examples

#[test]
fn nonces_are_fresh_32_byte_base64url() {
    let nonce = random_nonce();
    assert_eq!(nonce.expose_secret().len(), 43);
    assert_ne!(random_nonce(), random_nonce());
}

#[test]
fn algorithm_defaults_to_hs256_and_serialises_by_its_jws_name() {
    assert_eq!(StateAlgorithm::default(), StateAlgorithm::Hs256);
    assert_eq!(
        serde_json::to_string(&StateAlgorithm::Hs512).expect("serialises"),
        r#""HS512""#
    );
}

#[test]
fn signed_claims_are_a_compact_jws() {
    let codec = codec(&clock());
    let claims = StateClaims {
        app: "x".into(),
        nonce: random_nonce(),
        next: None,
        login_options: Box::default(),
        iat: 0,
        exp: u64::MAX,
    };
    let token = codec.sign(&claims).expect("signs");
    assert!(token.starts_with("eyJ"), "{token}");
    assert_eq!(token.split('.').count(), 3);
}

#[test]
fn pruning_keeps_flows_issued_at_the_cut_off() {
    let mut flows = PendingFlows::default();
    flows.insert(PendingFlow::new("x", random_nonce(), 10));
    flows.prune_older_than(10);
    assert_eq!(flows.len(), 1);
    flows.prune_older_than(11);
    assert!(flows.is_empty());
}
