//! Key rotation, in process: ID tokens signed with test Ed25519 keys (`src/testdata/`, test
//! only), a fake key-set download that counts its calls.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use chrono::{TimeDelta, Utc};
use oauthclient_core::OAuthError;
use openidconnect::core::{CoreEdDsaPrivateSigningKey, CoreJsonWebKeySet, CoreJwsSigningAlgorithm};
use openidconnect::{
    AccessToken, Audience, ClientId, IssuerUrl, JsonWebKeyId, Nonce, PrivateSigningKey,
    StandardClaims, SubjectIdentifier,
};

use super::Jwks;
use crate::id_token::{self, FullIdToken, FullIdTokenClaims, OtherClaims};

const ISSUER: &str = "https://idp.example";
const CLIENT: &str = "client";
const URI: &str = "https://idp.example/jwks";
const NONCE: &str = "the-flow-nonce";

fn key(name: &str, kid: Option<&str>) -> CoreEdDsaPrivateSigningKey {
    let pem = match name {
        "a" => include_str!("../testdata/ed25519-a.pem"),
        "b" => include_str!("../testdata/ed25519-b.pem"),
        _ => include_str!("../testdata/ed25519-c.pem"),
    };
    CoreEdDsaPrivateSigningKey::from_ed25519_pem(pem, kid.map(|kid| JsonWebKeyId::new(kid.into())))
        .expect("test key")
}

/// The published key set of these keys (kid = the key's name).
fn published(names: &[&str]) -> CoreJsonWebKeySet {
    CoreJsonWebKeySet::new(
        names
            .iter()
            .map(|name| key(name, Some(name)).as_verification_key())
            .collect(),
    )
}

fn token(signer: &CoreEdDsaPrivateSigningKey, nonce: &str) -> FullIdToken {
    let now = Utc::now();
    let claims = FullIdTokenClaims::new(
        IssuerUrl::new(ISSUER.into()).expect("issuer"),
        vec![Audience::new(CLIENT.into())],
        now + TimeDelta::minutes(5),
        now,
        StandardClaims::new(SubjectIdentifier::new("alice".into())),
        OtherClaims::default(),
    )
    .set_nonce(Some(Nonce::new(nonce.into())));
    FullIdToken::new(claims, signer, CoreJwsSigningAlgorithm::EdDsa, None, None).expect("signed")
}

/// What `OidcProtocol::finish` does with the keys: the real verifier and checks.
fn check(
    id_token: &FullIdToken,
) -> impl Fn(&CoreJsonWebKeySet) -> Result<String, id_token::Refusal> {
    move |keys| {
        let verifier = id_token::verifier(
            ClientId::new(CLIENT.into()),
            IssuerUrl::new(ISSUER.into()).expect("issuer"),
            keys.clone(),
            None,
            true,
        );
        id_token::validate(
            "idp",
            id_token,
            &verifier,
            &Nonce::new(NONCE.into()),
            &AccessToken::new("at".into()),
        )
        .map(|claims| claims.subject().to_string())
    }
}

/// A provider's key endpoint: answers with `now`, counting the downloads.
#[derive(Default)]
struct Provider {
    now: Mutex<Option<CoreJsonWebKeySet>>,
    fetches: AtomicUsize,
}

impl Provider {
    fn publishing(names: &[&str]) -> Self {
        let provider = Self::default();
        provider.rotate(names);
        provider
    }

    fn rotate(&self, names: &[&str]) {
        *self.now.lock().expect("lock") = Some(published(names));
    }

    fn fetches(&self) -> usize {
        self.fetches.load(Ordering::SeqCst)
    }

    async fn fetch(&self) -> Result<CoreJsonWebKeySet, OAuthError> {
        self.fetches.fetch_add(1, Ordering::SeqCst);
        // Let concurrent callers run while the download is "on the wire".
        for _ in 0..4 {
            tokio::task::yield_now().await;
        }
        Ok(self.now.lock().expect("lock").clone().unwrap_or_default())
    }
}

async fn verify(
    jwks: &Jwks,
    provider: &Provider,
    id_token: &FullIdToken,
) -> Result<String, OAuthError> {
    jwks.verify("idp", URI, || provider.fetch(), check(id_token))
        .await
}

fn refused_for_unknown_key(result: Result<String, OAuthError>) -> String {
    match result {
        Err(OAuthError::InvalidResponse { reason, .. }) => {
            assert!(reason.contains("does not publish"), "{reason}");
            reason
        }
        other => panic!("expected an unknown-key refusal, got {other:?}"),
    }
}

#[tokio::test]
async fn a_known_key_is_served_from_the_cache() {
    let (jwks, provider) = (Jwks::default(), Provider::publishing(&["a"]));
    for _ in 0..3 {
        let sub = verify(&jwks, &provider, &token(&key("a", Some("a")), NONCE)).await;
        assert_eq!(sub.expect("valid"), "alice");
    }
    assert_eq!(provider.fetches(), 1);
}

#[tokio::test]
async fn an_unknown_kid_refetches_once_then_succeeds() {
    let (jwks, provider) = (Jwks::default(), Provider::publishing(&["a"]));
    verify(&jwks, &provider, &token(&key("a", Some("a")), NONCE))
        .await
        .expect("valid");
    provider.rotate(&["a", "b"]);
    let sub = verify(&jwks, &provider, &token(&key("b", Some("b")), NONCE)).await;
    assert_eq!(sub.expect("valid after one re-fetch"), "alice");
    assert_eq!(provider.fetches(), 2, "the first fetch and one re-fetch");
    // The new key is cached now.
    verify(&jwks, &provider, &token(&key("b", Some("b")), NONCE))
        .await
        .expect("valid");
    assert_eq!(provider.fetches(), 2);
}

#[tokio::test]
async fn a_second_unknown_kid_within_the_interval_is_refused_without_a_fetch() {
    let (jwks, provider) = (Jwks::default(), Provider::publishing(&["a"]));
    verify(&jwks, &provider, &token(&key("a", Some("a")), NONCE))
        .await
        .expect("valid");
    provider.rotate(&["a", "b"]);
    verify(&jwks, &provider, &token(&key("b", Some("b")), NONCE))
        .await
        .expect("valid after a re-fetch");
    let fetches = provider.fetches();
    assert_eq!(fetches, 2);
    provider.rotate(&["a", "b", "c"]);
    let reason = refused_for_unknown_key(
        verify(&jwks, &provider, &token(&key("c", Some("c")), NONCE)).await,
    );
    assert!(reason.contains("moments ago"), "{reason}");
    assert_eq!(provider.fetches(), fetches, "rate-limited: no new fetch");
}

#[tokio::test]
async fn after_the_interval_an_unknown_kid_refetches_again() {
    let jwks = Jwks::with_refetch_interval(Duration::ZERO);
    let provider = Provider::publishing(&["a"]);
    verify(&jwks, &provider, &token(&key("a", Some("a")), NONCE))
        .await
        .expect("valid");
    for (name, published) in [("b", ["a", "b"]), ("c", ["b", "c"])] {
        provider.rotate(&published);
        verify(&jwks, &provider, &token(&key(name, Some(name)), NONCE))
            .await
            .expect("valid after a re-fetch");
    }
    assert_eq!(provider.fetches(), 3);
}

#[tokio::test]
async fn a_kid_the_provider_does_not_publish_is_refused_after_one_refetch() {
    let (jwks, provider) = (Jwks::default(), Provider::publishing(&["a"]));
    let reason = refused_for_unknown_key(
        verify(&jwks, &provider, &token(&key("c", Some("c")), NONCE)).await,
    );
    assert!(reason.contains("even after"), "{reason}");
    assert_eq!(provider.fetches(), 2);
}

#[tokio::test]
async fn without_a_kid_no_matching_key_also_refetches() {
    let (jwks, provider) = (Jwks::default(), Provider::default());
    jwks.keys(URI, &|| provider.fetch())
        .await
        .expect("an empty key set cached");
    provider.rotate(&["b"]);
    let sub = verify(&jwks, &provider, &token(&key("b", None), NONCE)).await;
    assert_eq!(sub.expect("valid after one re-fetch"), "alice");
    assert_eq!(provider.fetches(), 2);
}

#[tokio::test]
async fn concurrent_unknown_kids_share_one_fetch() {
    let (jwks, provider) = (Jwks::default(), Provider::publishing(&["a"]));
    verify(&jwks, &provider, &token(&key("a", Some("a")), NONCE))
        .await
        .expect("valid");
    provider.rotate(&["a", "b"]);
    let (one, two) = (
        token(&key("b", Some("b")), NONCE),
        token(&key("b", Some("b")), NONCE),
    );
    let (first, second) = tokio::join!(
        verify(&jwks, &provider, &one),
        verify(&jwks, &provider, &two)
    );
    first.expect("valid");
    second.expect("valid");
    assert_eq!(provider.fetches(), 2, "one re-fetch for both");
}

#[tokio::test]
async fn other_refusals_do_not_refetch() {
    let (jwks, provider) = (Jwks::default(), Provider::publishing(&["a"]));
    let foreign = verify(
        &jwks,
        &provider,
        &token(&key("a", Some("a")), "another-flow"),
    )
    .await;
    assert!(
        matches!(foreign, Err(OAuthError::InvalidState(_))),
        "{foreign:?}"
    );
    // Signed by b but claiming to be a: a bad signature, not a rotation.
    let forged = verify(&jwks, &provider, &token(&key("b", Some("a")), NONCE)).await;
    assert!(
        matches!(forged, Err(OAuthError::InvalidResponse { .. })),
        "{forged:?}"
    );
    assert_eq!(provider.fetches(), 1);
}
