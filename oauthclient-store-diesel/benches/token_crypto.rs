//! Cost of token encryption at rest: what every callback pays to store a token (seal +
//! lookup hash) and every API call pays to read one (open).

#![allow(
    missing_docs,
    reason = "criterion_group! generates undocumented functions"
)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use oauthclient_core::secret::SecretKey;
use oauthclient_store_diesel::__bench::{lookup_hash, open_access_token, seal_access_token};
use oauthclient_store_diesel::{TokenKey, TokenKeys};

fn token_crypto(c: &mut Criterion) {
    let keys = TokenKeys::new(vec![TokenKey::derive(
        "bench",
        &SecretKey::new("benchmark-secret-benchmark-secret-benchmark"),
    )])
    .expect("one key");
    // GitHub's access tokens are 40 characters; ORCID's 36; long JWTs ~1 KiB.
    for (label, token) in [
        ("40B", "gho_".to_owned() + &"x".repeat(36)),
        ("1KiB", "e".repeat(1024)),
    ] {
        c.bench_function(&format!("token/{label}/seal"), |b| {
            b.iter(|| seal_access_token(&keys, black_box(42), black_box(&token)));
        });
        let sealed = seal_access_token(&keys, 42, &token);
        assert!(open_access_token(&keys, 42, &sealed).is_some());
        c.bench_function(&format!("token/{label}/open"), |b| {
            b.iter(|| open_access_token(&keys, black_box(42), black_box(&sealed)));
        });
        c.bench_function(&format!("token/{label}/lookup-hash"), |b| {
            b.iter(|| lookup_hash(&keys, black_box(&token)));
        });
    }
}

criterion_group!(benches, token_crypto);
criterion_main!(benches);
