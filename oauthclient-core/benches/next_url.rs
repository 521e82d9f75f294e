//! Cost of the `next` URL check on the login hot path.

#![allow(
    missing_docs,
    reason = "criterion_group! generates undocumented functions"
)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use oauthclient_core::next_url::safe_next_url;

fn next_url(c: &mut Criterion) {
    let trusted = vec!["docs.example.org".to_owned(), "example.org:8443".to_owned()];
    for (label, input) in [
        ("relative", "/deposit/new?community=physics#files"),
        ("absolute-trusted", "https://docs.example.org/guide/install"),
        ("encoded-attack", "/%252F%252Fevil.example/%2e%2e/"),
    ] {
        c.bench_function(&format!("next_url/{label}"), |b| {
            b.iter(|| safe_next_url(black_box(input), &trusted));
        });
    }
}

criterion_group!(benches, next_url);
criterion_main!(benches);
