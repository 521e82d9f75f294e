//! A database URL's password never reaches an error message, while the server is named.

#![cfg(feature = "sqlite")]

mod common;

use oauthclient_store_diesel::{DieselStore, StoreOptions};

use common::default_keys;

#[tokio::test]
async fn an_unreachable_database_is_reported_without_its_password() {
    // Nothing listens on port 1. Without the `postgres` feature the URL is refused as an
    // unsupported backend: the message must not carry the password either.
    let url = "postgres://u:s3cret@127.0.0.1:1/x";
    let options = StoreOptions {
        connection_timeout: std::time::Duration::from_secs(2),
        ..StoreOptions::default()
    };
    let err = DieselStore::connect(url, default_keys(), options)
        .await
        .expect_err("nothing listens on port 1");
    let text = format!("{err} {err:?}");
    assert!(!text.contains("s3cret"), "{text}");
    assert!(text.contains("127.0.0.1:1"), "names the server: {text}");
}
