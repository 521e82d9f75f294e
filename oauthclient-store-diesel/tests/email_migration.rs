//! Migrating a database of the first schema (one UNIQUE, NFKC + case-folded address per user)
//! to mailbox keys: the rows keep their ids, addresses and children; keys are filled; rows that
//! cannot get a key of their own stop the migration before it changes anything.

// The suite always runs on SQLite; PostgreSQL joins it when configured.
#![cfg(feature = "sqlite")]

mod common;

use oauthclient_core::account::NewUser;
use oauthclient_core::account::UserId;
use oauthclient_core::store::StoreErrorKind;
use oauthclient_core::{AccountStore, StoreError, UserStore};
use oauthclient_store_diesel::{DieselStore, SchemaStatus, StoreOptions};

use common::{databases, default_keys, user};

const EMAIL_TAKEN: &str = "this e-mail address is already registered";

/// Seconds since the epoch of a UTC time.
fn unix(text: &str) -> u64 {
    let time = chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").expect("a time");
    u64::try_from(time.and_utc().timestamp()).expect("after 1970")
}

fn error_message(err: &StoreError) -> &str {
    assert_eq!(err.kind(), StoreErrorKind::Conflict, "{err}");
    err.message()
}

/// What an ended claim leaves of a user's address (as the store writes it): nothing.
const END_CLAIM: &str = "UPDATE accounts_user SET email = '', email_key = NULL, claim_key = NULL, \
                         confirmed_at = NULL";

#[tokio::test]
#[allow(
    clippy::too_many_lines,
    reason = "one migrated database, checked step by step"
)]
async fn old_rows_get_their_keys_and_keep_their_children() {
    for db in databases() {
        db.migrate_first_only();
        db.insert_old_users(&[
            ("ada@example.org", true),
            ("bob@bücher.example", false),
            ("carol@example.org", false),
            ("gone@example.org", false),
        ]);
        db.execute(
            "DELETE FROM accounts_user WHERE id = 4;
             INSERT INTO oauthclient_remoteaccount (user_id, client_id, extra_data, created, updated)
             VALUES (1, 'gh', '{\"login\": \"ada\"}', '2026-01-01 10:00:00', '2026-01-01 10:00:00'),
                    (2, 'gh', '{}', '2026-01-01 10:00:00', '2026-01-01 10:00:00'),
                    (3, 'orcid', '{}', '2026-01-01 10:00:00', '2026-01-01 10:00:00');
             INSERT INTO oauthclient_remotetoken
                 (id_remote_account, token_type, access_token, access_token_hash, key_id, created, updated)
             VALUES (1, '', 'sealed-1', 'hash-1', 'k1', '2026-01-01 10:00:00', '2026-01-01 10:00:00'),
                    (1, 'extra', 'sealed-2', 'hash-2', 'k1', '2026-01-01 10:00:00', '2026-01-01 10:00:00'),
                    (2, '', 'sealed-3', 'hash-3', 'k1', '2026-01-01 10:00:00', '2026-01-01 10:00:00');
             INSERT INTO oauthclient_useridentity (id, method, id_user, created)
             VALUES ('583231', 'github', 1, '2026-01-01 10:00:00'),
                    ('0000-0002-1825-0097', 'orcid', 3, '2026-01-01 10:00:00');",
        );

        let store = db.store().await;
        assert_eq!(
            store.schema_status().await.expect("status"),
            SchemaStatus::UpToDate,
            "{}",
            db.name
        );
        let children = [
            ("oauthclient_remoteaccount", 3),
            ("oauthclient_remotetoken", 3),
            ("oauthclient_useridentity", 2),
        ];
        for (table, rows) in children {
            assert_eq!(db.count(table), rows, "{}: {table}", db.name);
        }

        let ada = store
            .user_by_email("ADA@Example.org")
            .await
            .expect("find")
            .expect("keyed");
        assert_eq!(ada.id, UserId::from(1), "{}", db.name);
        assert_eq!(ada.email, "ada@example.org", "{}: kept as stored", db.name);
        assert!(ada.email_confirmed, "{}", db.name);
        assert_eq!(ada.session_epoch, 0, "{}", db.name);
        assert_eq!(
            ada.email_changed_at,
            unix("2026-01-01 10:00:00"),
            "{}: set when created, in whole seconds",
            db.name
        );
        let bob = store
            .user_by_email("bob@XN--BCHER-KVA.example")
            .await
            .expect("find")
            .expect("keyed");
        assert_eq!(
            (bob.id.clone(), bob.email.as_str()),
            (UserId::from(2), "bob@bücher.example"),
            "{}",
            db.name
        );
        assert!(!bob.email_confirmed, "{}", db.name);
        assert!(
            db.dump("accounts_user")
                .contains("bob@xn--bcher-kva.example"),
            "{}: the key",
            db.name
        );
        // A link issued when the row was created still confirms it.
        assert!(
            store
                .confirm_email(&bob.id, &bob.email, bob.email_changed_at)
                .await
                .expect("confirm"),
            "{}",
            db.name
        );

        let account = store
            .remote_account(&UserId::from(1), "gh")
            .await
            .expect("find")
            .expect("kept");
        assert_eq!(account.extra_data["login"], "ada", "{}", db.name);
        let identities = store
            .identities_of(&UserId::from(3))
            .await
            .expect("identities");
        assert_eq!(identities.len(), 1, "{}", db.name);

        // Ids are never reused, not even a deleted user's; keys are unique.
        let dave = user(&store, "dave@example.org").await;
        assert_eq!(dave.id, UserId::from(5), "{}", db.name);

        let taken = store
            .create_user(&NewUser {
                email: "Ada@example.org".into(),
                username: None,
                full_name: None,
                confirmed: true,
            })
            .await
            .expect_err("taken");
        assert_eq!(error_message(&taken), EMAIL_TAKEN, "{}", db.name);
        // The cascades still work on the new table.
        store.delete_user(&ada.id).await.expect("delete");
        for (table, rows) in [
            ("oauthclient_remoteaccount", 2),
            ("oauthclient_remotetoken", 1),
            ("oauthclient_useridentity", 1),
        ] {
            assert_eq!(db.count(table), rows, "{}: {table} after delete", db.name);
        }
        // And users whose claim ended (no address, no key) coexist.
        let eve = user(&store, "eve@example.org").await;
        for id in [UserId::from(3), eve.id.clone()] {
            db.execute(&format!("{END_CLAIM} WHERE id = {id}"));
        }
        let found = store.user_by_id(&eve.id).await.expect("find").expect("eve");
        assert_eq!(found.email, "", "{}", db.name);
    }
}

#[tokio::test]
async fn colliding_or_keyless_rows_stop_the_migration_before_it_changes_anything() {
    for db in databases() {
        db.migrate_first_only();
        // The old store never wrote these (it folded case), but a hand-edited database can
        // hold them.
        // Two confirmed rows on one mailbox collide (unconfirmed ones would be claims).
        db.insert_old_users(&[
            ("Ada@x.org", true),
            ("ada@x.org", true),
            ("fine@x.org", false),
            ("broken", false),
        ]);
        db.execute(
            "INSERT INTO oauthclient_remoteaccount (user_id, client_id, extra_data, created, updated)
             VALUES (2, 'gh', '{}', '2026-01-01 10:00:00', '2026-01-01 10:00:00')",
        );
        let users_before = db.dump("accounts_user");
        let versions_before = db.dump("__diesel_schema_migrations");

        let err = DieselStore::connect(&db.url, default_keys(), StoreOptions::default())
            .await
            .expect_err("collision");
        let message = error_message(&err);
        assert_eq!(
            message,
            "cannot give users 1 (Ada@x.org) and 2 (ada@x.org) one mailbox key ada@x.org: \
             merge or change one address, then run migrate again; cannot give user 4 (broken) \
             a mailbox key (not a valid e-mail address): change the address, then run migrate \
             again",
            "{}",
            db.name
        );
        assert_eq!(db.dump("accounts_user"), users_before, "{}: rows", db.name);
        assert_eq!(
            db.dump("__diesel_schema_migrations"),
            versions_before,
            "{}: schema",
            db.name
        );
        assert_eq!(db.count("oauthclient_remoteaccount"), 1, "{}", db.name);

        // The operator changes one address and fixes the other, then migrates again.
        db.execute(
            "UPDATE accounts_user SET email = 'ada.two@x.org' WHERE id = 2;
             UPDATE accounts_user SET email = 'broken@x.org' WHERE id = 4;",
        );
        let store = db.store().await;
        for (address, id) in [("ada@X.org", 1), ("ADA.two@x.org", 2), ("broken@x.org", 4)] {
            let found = store.user_by_email(address).await.expect("find");
            assert_eq!(
                found.map(|user| user.id),
                Some(UserId::from(id)),
                "{}: {address}",
                db.name
            );
        }
        assert_eq!(db.count("oauthclient_remoteaccount"), 1, "{}", db.name);
    }
}

#[tokio::test]
async fn rows_copied_in_without_a_key_get_one_from_migrate() {
    for db in databases() {
        let store = db.store().await;
        let ada = user(&store, "ada@x.org").await;
        drop(store);
        // Copied in by hand (from Invenio, say): addresses only, `email_key` left NULL.
        db.execute(
            "INSERT INTO accounts_user (email, email_changed_at, confirmed_at, created, updated)
             VALUES ('Bob@X.org', '2026-01-01 10:00:00', NULL, '2026-01-01 10:00:00', '2026-01-01 10:00:00'),
                    ('ADA@x.org', '2026-01-01 10:00:00', '2026-01-01 10:00:00', '2026-01-01 10:00:00', '2026-01-01 10:00:00');",
        );
        let no_migrations = StoreOptions {
            run_migrations: false,
            ..StoreOptions::default()
        };
        let refused = DieselStore::connect(&db.url, default_keys(), no_migrations.clone())
            .await
            .expect_err("keys missing");
        assert!(
            refused.to_string().contains(
                "2 user(s) have an e-mail address without its mailbox key: run the migrate command"
            ),
            "{}: {refused}",
            db.name
        );

        let unchecked = StoreOptions {
            check_schema: false,
            ..no_migrations.clone()
        };
        let store = DieselStore::connect(&db.url, default_keys(), unchecked)
            .await
            .expect("open for migrate");
        let err = store.migrate().await.expect_err("collision");
        assert_eq!(
            error_message(&err),
            format!(
                "cannot give users {} (ada@x.org) and 3 (ADA@x.org) one mailbox key ada@x.org: \
                 merge or change one address, then run migrate again",
                ada.id
            ),
            "{}",
            db.name
        );
        assert_eq!(
            store.user_by_email("bob@x.org").await.expect("find"),
            None,
            "{}: nothing filled",
            db.name
        );

        db.execute("DELETE FROM accounts_user WHERE id = 3");
        assert_eq!(
            store.fill_email_keys().await.expect("fill"),
            1,
            "{}",
            db.name
        );
        let bob = store
            .user_by_email("bob@x.org")
            .await
            .expect("find")
            .expect("keyed");
        assert_eq!(bob.email, "Bob@X.org", "{}", db.name);
        assert_eq!(
            store.fill_email_keys().await.expect("fill"),
            0,
            "{}",
            db.name
        );
        DieselStore::connect(&db.url, default_keys(), no_migrations)
            .await
            .unwrap_or_else(|err| panic!("{}: keys filled: {err}", db.name));
    }
}

#[tokio::test]
async fn the_migration_reverts_while_no_two_users_share_an_address() {
    for db in databases() {
        let store = db.store().await;
        let ada = user(&store, "Ada@example.org").await;
        let released = user(&store, "squatter@example.org").await;
        db.execute(&format!("{END_CLAIM} WHERE id = {}", released.id));
        store
            .save_token(
                &ada.id,
                "gh",
                &oauthclient_core::Token::bearer(oauthclient_core::secret::AccessToken::new("t")),
            )
            .await
            .expect("token");
        drop(store);

        // The migrations after it go first: on PostgreSQL the text user ids (its down.sql
        // restores the BIGINT columns and their foreign keys, rows intact).
        let postgres = db.name == "postgres";
        assert_eq!(
            db.revert_last_migration().expect("revert"),
            "20261207000001",
            "{}",
            db.name
        );
        if postgres {
            assert_eq!(
                db.revert_last_migration().expect("revert"),
                "20261206000001"
            );
        }
        assert_eq!(
            db.revert_last_migration().expect("revert"),
            "20261205000002",
            "{}",
            db.name
        );
        assert_eq!(
            db.revert_last_migration().expect("revert"),
            "20261205000001",
            "{}",
            db.name
        );
        let no_migrations = StoreOptions {
            run_migrations: false,
            check_schema: false,
            ..StoreOptions::default()
        };
        let behind = DieselStore::connect(&db.url, default_keys(), no_migrations)
            .await
            .expect("open");
        let mut pending = vec!["20261205000001".to_owned(), "20261205000002".to_owned()];
        if postgres {
            pending.push("20261206000001".to_owned());
        }
        pending.push("20261207000001".to_owned());
        assert_eq!(
            behind.schema_status().await.expect("status"),
            SchemaStatus::Behind(pending),
            "{}",
            db.name
        );
        drop(behind);
        assert_eq!(db.count("oauthclient_remotetoken"), 1, "{}", db.name);
        assert_eq!(db.count("accounts_user"), 2, "{}", db.name);

        // Forward again: the keys come back.
        let store = db.store().await;
        let found = store
            .user_by_email("ada@example.org")
            .await
            .expect("find")
            .expect("keyed");
        assert_eq!(found.id, ada.id, "{}", db.name);
        assert_eq!(
            store
                .token(&ada.id, "gh", "")
                .await
                .expect("token")
                .map(|t| t.access_token.expose_secret().to_owned()),
            Some("t".to_owned()),
            "{}",
            db.name
        );
    }
}

/// The SQLite rebuild runs outside diesel's transaction; one that fails half-way must leave
/// the database as it was (and retrying must work), not half rebuilt.
#[tokio::test]
async fn a_failed_sqlite_rebuild_rolls_back_and_can_be_retried() {
    let db = databases().remove(0);
    assert_eq!(db.name, "sqlite");
    db.migrate_first_only();
    db.insert_old_users(&[("ada@example.org", true)]);
    // An identity whose user is gone: written by a tool that had foreign keys off (SQLite's
    // default). The rebuild's foreign key check refuses to commit.
    db.execute(
        "PRAGMA foreign_keys = OFF;
         INSERT INTO oauthclient_useridentity (id, method, id_user, created)
         VALUES ('583231', 'github', 1, '2026-01-01 10:00:00'),
                ('orphan', 'github', 99, '2026-01-01 10:00:00');",
    );
    let users_before = db.dump("accounts_user");
    let err = DieselStore::connect(&db.url, default_keys(), StoreOptions::default())
        .await
        .expect_err("orphan");
    assert!(
        err.to_string()
            .contains("every_remote_account_and_identity_keeps_its_user"),
        "{err}"
    );
    assert_eq!(db.dump("accounts_user"), users_before);
    assert_eq!(db.count("oauthclient_useridentity"), 2);

    db.execute("DELETE FROM oauthclient_useridentity WHERE id = 'orphan'");
    let store = db.store().await;
    let ada = store
        .user_by_email("ada@example.org")
        .await
        .expect("find")
        .expect("keyed");
    assert_eq!(
        store
            .identities_of(&ada.id)
            .await
            .expect("identities")
            .len(),
        1
    );
    // The connection that ran the migration is back in the pool with foreign keys on again:
    // the cascade works.
    store.delete_user(&ada.id).await.expect("delete");
    assert_eq!(db.count("oauthclient_useridentity"), 0);
}

/// The first schema stored addresses NFKC + Unicode case-folded, so a confirmed row holds the
/// folded form of the address that was confirmed. The mailbox key folds only ASCII case (and
/// the domain's IDNA form): where the folding may have rewritten other characters, the key
/// can name another mailbox than the one confirmed, and the row must be confirmed again.
#[tokio::test]
async fn confirmed_rows_the_old_folding_may_have_rewritten_must_confirm_again() {
    for db in databases() {
        db.migrate_first_only();
        db.insert_old_users(&[
            ("ada@example.org", true),    // ASCII: folded ASCII case only
            ("jürgen@example.org", true), // from `JÜRGEN@…` or a decomposed `ü`, maybe
            ("straße@x.org", true),       // not the old store's output: copied in as written
            ("σοφια@example.org", true),  // from `ςοφια@…` (final sigma), maybe
            ("zoë@example.org", false),   // unconfirmed stays so
        ]);
        let store = db.store().await;
        for (address, confirmed) in [
            ("ADA@example.org", true),
            ("jürgen@example.org", false),
            ("straße@x.org", false),
            ("σοφια@example.org", false),
            ("zoë@example.org", false),
        ] {
            let user = store
                .user_by_email(address)
                .await
                .expect("find")
                .unwrap_or_else(|| panic!("{}: {address} keyed", db.name));
            assert_eq!(user.email_confirmed, confirmed, "{}: {address}", db.name);
        }
        assert_eq!(
            store.fill_email_keys().await.expect("fill"),
            0,
            "{}: nothing left",
            db.name
        );
    }
}
