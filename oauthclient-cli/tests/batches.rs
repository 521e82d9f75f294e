//! The long commands off a terminal and after an interruption: `tokens rotate-key`, `tokens
//! purge-expired` and `migrate` print one summary line when their output is piped (no
//! progress lines), and continue where a stopped run left off. SQLite always, PostgreSQL when
//! `OAUTHCLIENT_TEST_POSTGRES_URL` is set.

mod common;

use std::ops::ControlFlow;
use std::process::Output;
use std::sync::{Arc, Mutex};

use oauthclient_core::account::UserId;
use oauthclient_core::secret::{AccessToken, RefreshToken};
use oauthclient_core::{AccountStore, Token};
use oauthclient_store_diesel::{DieselStore, StoreOptions};

use common::{
    GITHUB_CLIENT_ID, KEY_ONE, KEY_TWO, config, databases, linked_user, oauthclient, path, sqlite,
    store, text,
};

/// The one line a piped run prints: stdout holds exactly it, stderr nothing.
fn summary_line(output: &Output) -> String {
    assert!(output.status.success(), "{}", text(output));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 1, "one summary line: {stdout}");
    assert!(
        output.stderr.is_empty(),
        "nothing on stderr off a terminal: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    lines[0].to_owned()
}

async fn users_with_tokens(store: &DieselStore, count: usize, prefix: &str) -> Vec<UserId> {
    let mut users = Vec::new();
    for n in 0..count {
        let token = Token::bearer(AccessToken::new(format!("gho_{prefix}_{n}")))
            .with_refresh_token(RefreshToken::new(format!("ghr_{prefix}_{n}")));
        users.push(linked_user(store, &format!("{prefix}{n}@example.org"), token).await);
    }
    users
}

#[tokio::test]
async fn rotate_key_stopped_after_one_batch_continues_on_the_next_run() {
    for db in databases("rotate_resume") {
        let users = {
            let old = store(&db, &[("k1", KEY_ONE)]).await;
            users_with_tokens(&old, 7, "resume").await
        };
        let both = store(&db, &[("k2", KEY_TWO), ("k1", KEY_ONE)]).await;
        // An interruption after the first committed batch of 2.
        let seen = Arc::new(Mutex::new(Vec::new()));
        let record = Arc::clone(&seen);
        let first = both
            .rotate_token_keys_in_batches(2, move |done, total| {
                record.lock().expect("lock").push((done, total));
                if done == 0 {
                    ControlFlow::Continue(())
                } else {
                    ControlFlow::Break(())
                }
            })
            .await
            .expect("rotate");
        assert_eq!((first.rotated, first.already_current), (2, 0));
        assert_eq!(*seen.lock().expect("lock"), [(0, 7), (2, 7)]);

        // The command continues with the 5 left, in batches of 2, and says so on one line.
        let file = config(&db, "both.toml", &[("k2", KEY_TWO), ("k1", KEY_ONE)]);
        let rest = oauthclient(&[
            "--config",
            path(&file),
            "tokens",
            "rotate-key",
            "--batch-size",
            "2",
        ]);
        let line = summary_line(&rest);
        assert!(
            line.starts_with("rotated 5 token row(s); 2 already under `k2` ("),
            "{line}"
        );
        assert!(line.contains(" rows/s)"), "rate shown: {line}");

        // Every token reads under the new key alone, unchanged.
        let new_only = store(&db, &[("k2", KEY_TWO)]).await;
        for (n, user) in users.iter().enumerate() {
            let token = new_only
                .token(user, GITHUB_CLIENT_ID, "")
                .await
                .expect("readable under k2")
                .expect("token");
            assert_eq!(
                token.access_token.expose_secret(),
                format!("gho_resume_{n}")
            );
        }
        // Idempotent: nothing left.
        let again = oauthclient(&["--config", path(&file), "tokens", "rotate-key"]);
        assert!(
            summary_line(&again).starts_with("rotated 0 token row(s); 7 already"),
            "{}",
            text(&again)
        );
    }
}

#[tokio::test]
async fn purge_expired_works_in_batches_and_continues_after_a_stop() {
    for db in databases("purge_batches") {
        let keys = [("k1", KEY_ONE)];
        let store = store(&db, &keys).await;
        let long_ago = 1_000_000;
        let mut expired = Vec::new();
        for n in 0..5 {
            let token =
                Token::bearer(AccessToken::new(format!("gho_old_{n}"))).with_expires_at(long_ago);
            expired.push(linked_user(&store, &format!("old{n}@example.org"), token).await);
        }
        // A second purgeable slot of the first account: a batch takes all of an account's.
        let mut second_slot =
            Token::bearer(AccessToken::new("gho_old_slot")).with_expires_at(long_ago);
        second_slot.token_type = "extra".to_owned();
        store
            .save_token(&expired[0], GITHUB_CLIENT_ID, &second_slot)
            .await
            .expect("save");
        let refreshable = linked_user(
            &store,
            "refresh@example.org",
            Token::bearer(AccessToken::new("gho_refreshable"))
                .with_expires_at(long_ago)
                .with_refresh_token(RefreshToken::new("ghr_keep")),
        )
        .await;

        // Stopped after the first batch (one account, both its slots).
        let first = store
            .purge_expired_tokens_in_batches(0, 1, |done, total| {
                assert_eq!(total, 6);
                if done == 0 {
                    ControlFlow::Continue(())
                } else {
                    assert_eq!(done, 2, "the first batch: both slots of one account");
                    ControlFlow::Break(())
                }
            })
            .await
            .expect("purge");
        assert_eq!(first, 2);
        for slot in ["", "extra"] {
            let gone = store.token(&expired[0], GITHUB_CLIENT_ID, slot).await;
            assert!(gone.expect("store").is_none(), "slot {slot:?}");
        }

        // The command deletes the other 4, two accounts a batch, and prints one line.
        let file = config(&db, "c.toml", &keys);
        let rest = oauthclient(&[
            "--config",
            path(&file),
            "tokens",
            "purge-expired",
            "--batch-size",
            "2",
        ]);
        let line = summary_line(&rest);
        assert!(
            line.starts_with("purged 4 expired token(s) without a refresh token ("),
            "{line}"
        );
        for user in &expired {
            let gone = store.token(user, GITHUB_CLIENT_ID, "").await;
            assert!(gone.expect("store").is_none(), "user {user}");
        }
        let kept = store.token(&refreshable, GITHUB_CLIENT_ID, "").await;
        assert!(kept.expect("store").is_some());
        let again = oauthclient(&["--config", path(&file), "tokens", "purge-expired"]);
        assert!(
            summary_line(&again).starts_with("purged 0 expired token(s)"),
            "{}",
            text(&again)
        );
    }
}

#[tokio::test]
async fn migrate_reports_each_migration_and_prints_one_line_when_piped() {
    for db in databases("migrate_progress") {
        let options = StoreOptions {
            run_migrations: false,
            check_schema: false,
            ..StoreOptions::default()
        };
        let keys = oauthclient_store_diesel::TokenKeys::new(vec![
            oauthclient_store_diesel::TokenKey::derive(
                "k1",
                &oauthclient_core::secret::SecretKey::new(KEY_ONE),
            ),
        ])
        .expect("a key");
        let store = DieselStore::connect(&db.url, keys, options)
            .await
            .expect("open");
        let seen = Arc::new(Mutex::new(Vec::new()));
        let record = Arc::clone(&seen);
        let applied = store
            .migrate_with_progress(move |name, done, total| {
                record
                    .lock()
                    .expect("lock")
                    .push((name.to_owned(), done, total));
            })
            .await
            .expect("migrate");
        let seen = seen.lock().expect("lock").clone();
        assert_eq!(seen.len(), applied);
        assert!(seen[0].0.ends_with("_initial"), "{seen:?}");
        for (index, (_, done, total)) in seen.iter().enumerate() {
            assert_eq!((*done, *total), (index + 1, applied), "{seen:?}");
        }
        let again = oauthclient(&["migrate", "--database-url", &db.url]);
        assert_eq!(
            summary_line(&again),
            "the schema is up to date: nothing to migrate"
        );
    }
    let fresh = sqlite();
    let first = oauthclient(&["migrate", "--database-url", &fresh.url]);
    let line = summary_line(&first);
    assert!(
        line.starts_with("applied 4 migration(s) (20261128000001, ")
            && line.ends_with("; the schema is up to date"),
        "{line}"
    );
}

#[test]
fn a_batch_size_must_be_from_1_to_10000() {
    for size in ["0", "10001", "many"] {
        let refused = oauthclient(&[
            "--database-url",
            "sqlite://unused.sqlite",
            "tokens",
            "purge-expired",
            "--batch-size",
            size,
        ]);
        assert_eq!(refused.status.code(), Some(2), "{}", text(&refused));
        assert!(text(&refused).contains("batch size"), "{}", text(&refused));
    }
}
