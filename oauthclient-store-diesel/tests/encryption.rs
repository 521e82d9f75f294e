//! Tokens at rest: no plaintext anywhere in the database, and key rotation.

// The suite always runs on SQLite; PostgreSQL joins it when configured.
#![cfg(feature = "sqlite")]

mod common;

use oauthclient_core::secret::{AccessToken, RefreshToken, TokenSecret};
use oauthclient_core::store::StoreErrorKind;
use oauthclient_core::{AccountStore, Token};

use common::{SECRET_1, SECRET_2, databases, keys, user};

const ACCESS: &str = "gho_PLAINTEXT_ACCESS_TOKEN_0123456789";
const SECRET: &str = "PLAINTEXT_OAUTH1_SECRET_abcdef";
const REFRESH: &str = "PLAINTEXT_REFRESH_TOKEN_zyxwvu";

fn secret_token() -> Token {
    Token::oauth1(AccessToken::new(ACCESS), TokenSecret::new(SECRET))
        .with_refresh_token(RefreshToken::new(REFRESH))
}

#[tokio::test]
async fn no_plaintext_token_or_secret_is_stored() {
    for db in databases() {
        let store = db.store().await;
        let ada = user(&store, "ada@example.org").await;
        store
            .save_token(&ada.id, "client-1", &secret_token())
            .await
            .expect("save");
        let rows = db.dump("oauthclient_remotetoken");
        assert_eq!(rows.lines().count(), 1, "{}: {rows}", db.name);
        for plaintext in [ACCESS, SECRET, REFRESH] {
            assert!(
                !rows.contains(plaintext),
                "{}: {plaintext} in {rows}",
                db.name
            );
        }
        if let Some(bytes) = db.sqlite_file_bytes() {
            for plaintext in [ACCESS, SECRET, REFRESH] {
                let found = bytes
                    .windows(plaintext.len())
                    .any(|w| w == plaintext.as_bytes());
                assert!(!found, "{plaintext} appears in the SQLite file");
            }
        }
        // And it still reads back.
        let token = store.token(&ada.id, "client-1", "").await.expect("get");
        assert_eq!(token, Some(secret_token()), "{}", db.name);
    }
}

#[tokio::test]
async fn values_written_under_key_1_read_after_rotating_to_key_2() {
    for db in databases() {
        let old = db.store_with(keys(&[("k1", SECRET_1)])).await;
        let ada = user(&old, "ada@example.org").await;
        old.save_token(&ada.id, "client-1", &secret_token())
            .await
            .expect("save");
        let before = db.dump("oauthclient_remotetoken");
        drop(old);

        // Key 2 is current, key 1 still known: old rows read, get_by_token still finds them.
        let rotated = db
            .store_with(keys(&[("k2", SECRET_2), ("k1", SECRET_1)]))
            .await;
        assert_eq!(
            rotated.token(&ada.id, "client-1", "").await.expect("get"),
            Some(secret_token())
        );
        let found = rotated
            .account_by_token("client-1", &AccessToken::new(ACCESS), "")
            .await
            .expect("lookup");
        assert!(found.is_some(), "{}: lookup under the old key", db.name);

        let progress = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let seen = std::sync::Arc::clone(&progress);
        let report = rotated
            .rotate_token_keys(move |done, total| seen.lock().expect("lock").push((done, total)))
            .await
            .expect("rotate");
        assert_eq!(
            (report.rotated, report.already_current),
            (1, 0),
            "{}",
            db.name
        );
        assert_eq!(
            *progress.lock().expect("lock"),
            vec![(0, 1), (1, 1)],
            "{}",
            db.name
        );
        let after = db.dump("oauthclient_remotetoken");
        assert_ne!(before, after, "{}: re-encrypted", db.name);
        assert!(
            after.contains("k2") && !after.contains("|k1|"),
            "{}: {after}",
            db.name
        );
        let again = rotated
            .rotate_token_keys(|_, _| {})
            .await
            .expect("rotate again");
        assert_eq!(
            (again.rotated, again.already_current),
            (0, 1),
            "{}",
            db.name
        );
        drop(rotated);

        // Key 1 can now go.
        let only_new = db.store_with(keys(&[("k2", SECRET_2)])).await;
        assert_eq!(
            only_new.token(&ada.id, "client-1", "").await.expect("get"),
            Some(secret_token())
        );
        assert!(
            only_new
                .account_by_token("client-1", &AccessToken::new(ACCESS), "")
                .await
                .expect("lookup")
                .is_some(),
            "{}",
            db.name
        );
    }
}

#[tokio::test]
async fn a_removed_key_gives_a_clear_error_not_garbage() {
    for db in databases() {
        let old = db.store_with(keys(&[("k1", SECRET_1)])).await;
        let ada = user(&old, "ada@example.org").await;
        old.save_token(&ada.id, "client-1", &secret_token())
            .await
            .expect("save");
        drop(old);

        let without = db.store_with(keys(&[("k2", SECRET_2)])).await;
        let err = without
            .token(&ada.id, "client-1", "")
            .await
            .expect_err("key 1 is gone");
        let store_err = &err;
        assert_eq!(store_err.kind(), StoreErrorKind::Corrupt, "{}", db.name);
        assert!(
            store_err.message().contains("`k1`"),
            "{}: {store_err}",
            db.name
        );
        assert!(!err.to_string().contains(ACCESS), "{}", db.name);
        // Rotation refuses too, naming the key, and leaves the row as it was.
        let err = without
            .rotate_token_keys(|_, _| {})
            .await
            .expect_err("cannot rotate");
        assert!(err.to_string().contains("`k1`"), "{}: {err}", db.name);

        // Same id, different secret: refused, not decrypted into garbage.
        let wrong = db.store_with(keys(&[("k1", SECRET_2)])).await;
        let err = wrong
            .token(&ada.id, "client-1", "")
            .await
            .expect_err("wrong secret");
        assert!(
            matches!(&err, e if e.kind() == StoreErrorKind::Corrupt),
            "{err:?}"
        );
    }
}
