//! A write whose `COMMIT` fails must not leave its transaction open on the pooled connection:
//! with one connection in the pool, every later write would then fail ("cannot start a
//! transaction within a transaction") or wait on the lock forever.

#![cfg(feature = "sqlite")]

mod common;

use oauthclient_core::secret::AccessToken;
use oauthclient_core::{AccountStore, Token};
use oauthclient_store_diesel::{DieselStore, StoreOptions};

use common::{TestDb, databases, default_keys, user};

/// Makes `COMMIT` fail for real: a test-only table whose deferred foreign key is violated by
/// a trigger on remote accounts of client `poisoned`. SQLite checks deferred keys at `COMMIT`,
/// refuses it with SQLITE_CONSTRAINT, and leaves the transaction open.
fn poison_commits(db: &TestDb) {
    db.execute(
        "CREATE TABLE test_commit_guard (
             user_id BIGINT REFERENCES accounts_user (id) DEFERRABLE INITIALLY DEFERRED
         );
         CREATE TRIGGER test_poison_commit AFTER INSERT ON oauthclient_remoteaccount
         WHEN NEW.client_id = 'poisoned'
         BEGIN
             INSERT INTO test_commit_guard (user_id) VALUES (-1);
         END;",
    );
}

#[tokio::test]
async fn a_failed_commit_is_rolled_back_and_the_connection_stays_usable() {
    let Some(db) = databases().into_iter().find(|db| db.name == "sqlite") else {
        unreachable!("SQLite is always tested");
    };
    let options = StoreOptions {
        pool_size: Some(1),
        ..StoreOptions::default()
    };
    let store = DieselStore::connect(&db.url, default_keys(), options)
        .await
        .expect("store");
    let ada = user(&store, "commit@example.org").await;
    poison_commits(&db);
    let token = Token::bearer(AccessToken::new("access"));

    let failed = store.save_token(&ada.id, "poisoned", &token).await;
    assert!(
        failed.is_err(),
        "the deferred key fails the COMMIT: {failed:?}"
    );

    // The one pooled connection is free again: the next write goes through.
    let saved = tokio::time::timeout(
        std::time::Duration::from_secs(20),
        store.save_token(&ada.id, "healthy", &token),
    )
    .await
    .expect("the next write does not hang on a lock");
    saved.expect("the next write succeeds on the same pool");

    // Nothing of the failed write is left.
    assert!(
        store
            .remote_account(&ada.id, "poisoned")
            .await
            .expect("read")
            .is_none()
    );
    assert_eq!(db.count("test_commit_guard"), 0);
    assert_eq!(db.count("oauthclient_remoteaccount"), 1);
}
