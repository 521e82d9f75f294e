//! Cost of the `state` token on the login and callback hot paths: issue (nonce + sign) at
//! login, decode + nonce check at callback, and the full round trip.

#![allow(
    missing_docs,
    reason = "criterion_group! generates undocumented functions"
)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use oauthclient_core::secret::SecretKey;
use oauthclient_core::state::{PendingFlows, StateAlgorithm, StateCodec, StateKey, StateKeys};

fn codec(algorithm: StateAlgorithm) -> StateCodec {
    let key = StateKey::new(
        "bench",
        &SecretKey::new("benchmark-secret-benchmark-secret-benchmark"),
        algorithm,
    );
    StateCodec::new(StateKeys::new(vec![key]).expect("one key"), 300)
}

fn state_token(c: &mut Criterion) {
    for (label, algorithm) in [
        ("HS256", StateAlgorithm::Hs256),
        ("HS512", StateAlgorithm::Hs512),
    ] {
        let codec = codec(algorithm);
        c.bench_function(&format!("state/{label}/issue"), |b| {
            b.iter(|| codec.issue(black_box("github"), Some("/deposit/new".into())));
        });
        let (state, _) = codec
            .issue("github", Some("/deposit/new".into()))
            .expect("issue");
        c.bench_function(&format!("state/{label}/decode"), |b| {
            b.iter(|| codec.decode(black_box(&state), "github"));
        });
        c.bench_function(&format!("state/{label}/sign+verify"), |b| {
            b.iter(|| {
                let mut session = PendingFlows::default();
                let (state, flow) = codec
                    .issue(black_box("github"), Some("/deposit/new".into()))
                    .expect("issue");
                session.insert(flow);
                codec
                    .verify(&state, "github", &mut session)
                    .expect("verifies")
            });
        });
    }
}

criterion_group!(benches, state_token);
criterion_main!(benches);
