//! Fixtures shared by the fuzz targets in `fuzz_targets/` (see `docs/fuzzing.md`).
//!
//! Everything here is deterministic: a fixed secret, a stopped clock and fixed nonces, so a
//! crash reproduces from its input alone and the seed tokens in `corpus/state_token/` stay
//! valid. `cargo test --manifest-path fuzz/Cargo.toml` checks that they do (and rewrites them
//! with `OAUTHCLIENT_FUZZ_WRITE_SEEDS=1`).

use std::sync::{Arc, LazyLock};

use oauthclient_core::clock::ManualClock;
use oauthclient_core::secret::{FlowNonce, PkceVerifier, SecretKey, TokenSecret};
use oauthclient_core::state::{
    PendingFlow, PendingFlows, StateAlgorithm, StateClaims, StateCodec, StateKey, StateKeys,
};

/// The remote app every flow is for.
pub const APP: &str = "github";
/// Another app, for the wrong-app paths.
pub const OTHER_APP: &str = "orcid";
/// The fixed application secret (the same as `oauthclient-core/src/state/tests.rs`).
pub const SECRET: &str = "test-secret-test-secret-test-secret-0001";
/// A second secret, for the rotated-out HS512 key `k0`.
pub const OLD_SECRET: &str = "a-brand-new-secret-a-brand-new-secret!!";
/// The stopped clock's time: 2027-01-15.
pub const T0: u64 = 1_800_000_000;
/// State lifetime, the default.
pub const LIFETIME: u64 = 300;
/// The nonce of the flow the session has outstanding for [`APP`].
pub const NONCE: &str = "fuzz-nonce-github-000000000000000000000000";
/// The nonce of the flow the session has outstanding for [`OTHER_APP`].
pub const OTHER_NONCE: &str = "fuzz-nonce-orcid-0000000000000000000000000";
/// The `next` the seed tokens carry.
pub const NEXT: &str = "/deposit";
/// The OAuth1 request token the pending flow of the callback target holds.
pub const REQUEST_TOKEN: &str = "rt-fuzz";
/// Its secret.
pub const REQUEST_TOKEN_SECRET: &str = "rts-fuzz";
/// The PKCE verifier the pending flow of the callback target holds.
pub const PKCE_VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
/// The OIDC nonce the pending flow of the callback target holds.
pub const OIDC_NONCE: &str = "oidc-nonce-fuzz";

/// The trusted hosts the `next_url` target checks against (the table of
/// `oauthclient-core/src/next_url/tests.rs`, plus an IPv6 literal).
pub const TRUSTED_HOSTS: &[&str] = &[
    "trusted.org",
    "ports.example:8443",
    "xn--bcher-kva.example",
    "[::1]",
];

/// The codec under test: `k1` (HS256, signs) and the older `k0` (HS512, verifies only), on a
/// clock stopped at [`T0`].
pub fn codec() -> &'static StateCodec {
    static CODEC: LazyLock<StateCodec> = LazyLock::new(|| {
        codec_with(vec![
            key("k1", SECRET, StateAlgorithm::Hs256),
            key("k0", OLD_SECRET, StateAlgorithm::Hs512),
        ])
    });
    &CODEC
}

/// A codec that signs with the older key `k0` only (to make seeds for the second key).
pub fn old_key_codec() -> StateCodec {
    codec_with(vec![key("k0", OLD_SECRET, StateAlgorithm::Hs512)])
}

fn key(id: &str, secret: &str, algorithm: StateAlgorithm) -> StateKey {
    StateKey::new(id, &SecretKey::new(secret), algorithm)
}

fn codec_with(keys: Vec<StateKey>) -> StateCodec {
    StateCodec::new(StateKeys::new(keys).expect("at least one key"), LIFETIME)
        .with_clock(Arc::new(ManualClock::new(T0)))
}

/// The claims of a flow for `app` with `nonce`, issued at [`T0`].
pub fn claims(app: &str, nonce: &str) -> StateClaims {
    StateClaims {
        app: app.to_owned(),
        nonce: FlowNonce::new(nonce),
        next: Some(NEXT.to_owned()),
        login_options: Box::default(),
        iat: T0,
        exp: T0 + LIFETIME,
    }
}

/// The pending flow of `app` with `nonce`, with every protocol secret set (PKCE, OAuth1
/// request token, OIDC nonce), so every callback shape can complete.
pub fn pending(app: &str, nonce: &str) -> PendingFlow {
    PendingFlow {
        pkce_verifier: Some(PkceVerifier::new(PKCE_VERIFIER)),
        request_token: Some(REQUEST_TOKEN.to_owned()),
        request_token_secret: Some(TokenSecret::new(REQUEST_TOKEN_SECRET)),
        oidc_nonce: Some(FlowNonce::new(OIDC_NONCE)),
        ..PendingFlow::new(app, FlowNonce::new(nonce), T0)
    }
}

/// A fresh session with two outstanding flows: [`NONCE`] for [`APP`], [`OTHER_NONCE`] for
/// [`OTHER_APP`].
pub fn session() -> PendingFlows {
    let mut flows = PendingFlows::default();
    flows.insert(pending(APP, NONCE));
    flows.insert(pending(OTHER_APP, OTHER_NONCE));
    flows
}

/// The state tokens the fixture codec accepts: `(seed file name, token)`. Signing is
/// deterministic (HMAC), so these never change while the fixture does not.
pub fn seed_tokens() -> Vec<(&'static str, String)> {
    let sign = |codec: &StateCodec, claims: &StateClaims| codec.sign(claims).expect("signs");
    let without_next = StateClaims {
        next: None,
        ..claims(APP, NONCE)
    };
    vec![
        ("seed-valid-hs256", sign(codec(), &claims(APP, NONCE))),
        ("seed-valid-no-next", sign(codec(), &without_next)),
        (
            "seed-valid-hs512-old-key",
            sign(&old_key_codec(), &claims(APP, NONCE)),
        ),
        (
            "seed-other-app",
            sign(codec(), &claims(OTHER_APP, OTHER_NONCE)),
        ),
        (
            "seed-expired",
            sign(
                codec(),
                &StateClaims {
                    iat: T0 - LIFETIME,
                    exp: T0,
                    ..claims(APP, NONCE)
                },
            ),
        ),
        (
            "seed-unknown-nonce",
            sign(codec(), &claims(APP, "a-nonce-this-session-never-issued")),
        ),
    ]
}

/// The signing inputs (`header.payload`) of every token in [`seed_tokens`]: the only ones a
/// fuzzer can get accepted, since it cannot compute a MAC.
pub fn signed_inputs() -> &'static [String] {
    static INPUTS: LazyLock<Vec<String>> = LazyLock::new(|| {
        seed_tokens()
            .into_iter()
            .filter_map(|(_, token)| token.rsplit_once('.').map(|(input, _)| input.to_owned()))
            .collect()
    });
    &INPUTS
}

/// The trusted hosts as the `Vec<String>` `safe_next_url` takes.
pub fn trusted_hosts() -> &'static [String] {
    static HOSTS: LazyLock<Vec<String>> =
        LazyLock::new(|| TRUSTED_HOSTS.iter().map(|&host| host.to_owned()).collect());
    &HOSTS
}

/// Whether `value` holds a JSON float anywhere. serde_json parses floats with "best-effort"
/// precision unless its `float_roundtrip` feature is on, so a float may not survive
/// serialise-then-parse bit for bit; round-trip assertions skip such values.
pub fn has_float(value: &serde_json::Value) -> bool {
    match value {
        serde_json::Value::Number(number) => number.is_f64(),
        serde_json::Value::Array(items) => items.iter().any(has_float),
        serde_json::Value::Object(map) => map.values().any(has_float),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use oauthclient_core::state::StateError;

    fn corpus(target: &str) -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("corpus")
            .join(target)
    }

    /// The state token seeds are the fixture's tokens (rewritten with
    /// `OAUTHCLIENT_FUZZ_WRITE_SEEDS=1`), and each gets the expected answer.
    #[test]
    fn state_token_seeds_are_current() {
        let write = std::env::var_os("OAUTHCLIENT_FUZZ_WRITE_SEEDS").is_some();
        for (name, token) in seed_tokens() {
            let path = corpus("state_token").join(name);
            if write {
                std::fs::create_dir_all(path.parent().expect("dir")).expect("mkdir");
                std::fs::write(&path, &token).expect("write seed");
            }
            let stored = std::fs::read_to_string(&path).expect("seed file");
            assert_eq!(
                stored, token,
                "{name} is stale: rerun with OAUTHCLIENT_FUZZ_WRITE_SEEDS=1"
            );
            let result = codec().verify(&token, APP, &mut session());
            match name {
                "seed-valid-hs256" | "seed-valid-no-next" | "seed-valid-hs512-old-key" => {
                    assert!(result.is_ok(), "{name}: {result:?}");
                }
                "seed-other-app" => assert_eq!(result.err(), Some(StateError::WrongApp)),
                "seed-expired" => assert_eq!(result.err(), Some(StateError::Expired)),
                "seed-unknown-nonce" => assert_eq!(result.err(), Some(StateError::UnknownNonce)),
                other => panic!("no expectation for {other}"),
            }
        }
    }

    /// The callback seeds that carry `STATE_TOKEN` get the first valid seed token.
    #[test]
    fn callback_seeds_with_a_state_verify() {
        let valid = &seed_tokens()[0].1;
        for entry in std::fs::read_dir(corpus("callback_query")).expect("corpus dir") {
            let path = entry.expect("entry").path();
            let query = std::fs::read(&path).expect("seed");
            let state = url::form_urlencoded::parse(&query)
                .find(|(name, _)| name == "state")
                .map(|(_, value)| value.into_owned());
            if let Some(state) = state.filter(|state| state.starts_with("eyJ")) {
                assert_eq!(
                    &state,
                    valid,
                    "{} carries a stale state token",
                    path.display()
                );
            }
        }
    }
}
