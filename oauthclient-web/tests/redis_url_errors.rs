//! `connect_redis_store`'s errors: quick, of the right kind, and a Redis URL's password never
//! reaches the message (which ends up in logs). The actix-web API itself: the shared HTTP suite
//! only sees a site that does not start.

#![cfg(feature = "redis")]

use std::time::Duration;

use oauthclient_core::OAuthError;
use oauthclient_core::store::StoreErrorKind;

#[tokio::test]
async fn an_unreachable_redis_is_reported_without_its_password() {
    // Nothing listens on port 1.
    let url = "redis://:s3cret@127.0.0.1:1/";
    let Err(err) = oauthclient_web::connect_redis_store(url, Duration::from_secs(2)).await else {
        panic!("nothing listens on port 1");
    };
    let text = format!("{err} {err:?}");
    assert!(!text.contains("s3cret"), "{text}");
    assert!(text.contains("127.0.0.1:1"), "names the server: {text}");
}

#[tokio::test]
async fn an_unreachable_redis_is_unavailable_quickly() {
    let started = std::time::Instant::now();
    let Err(err) =
        oauthclient_web::connect_redis_store("redis://127.0.0.1:1/", Duration::from_secs(2)).await
    else {
        panic!("nothing listens on port 1");
    };
    assert!(
        matches!(&err, OAuthError::Store(store) if store.kind() == StoreErrorKind::Unavailable),
        "{err:?}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
}
