//! A Redis URL's password never reaches an error message (which ends up in logs).

#![cfg(feature = "redis")]

use std::time::Duration;

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
