//! PostgreSQL connections killed server-side (`pg_terminate_backend`, as a restart or an
//! administrator does): the pool skips its `SELECT 1` for a connection that worked less than a
//! second ago, so a connection killed within that second may fail the one call it is handed
//! to (unavailable: 503), never a second one, and a connection killed while idle longer is
//! tested and replaced without any call failing.

// The shared test helpers open SQLite too.
#![cfg(all(feature = "postgres", feature = "sqlite"))]

mod common;

use std::time::Duration;

use oauthclient_core::UserStore;
use oauthclient_core::store::StoreErrorKind;
use oauthclient_store_diesel::{DieselStore, StoreOptions};

use common::{TestDb, databases, default_keys, user};

/// The PostgreSQL test database, when the environment asks for one.
fn postgres() -> Option<TestDb> {
    databases().into_iter().find(|db| db.name == "postgres")
}

/// A store on `db` with one pooled connection, so every call gets the same one.
async fn one_connection(db: &TestDb) -> DieselStore {
    let options = StoreOptions {
        pool_size: Some(1),
        ..StoreOptions::default()
    };
    DieselStore::connect(&db.url, default_keys(), options)
        .await
        .expect("store")
}

/// Ends every other session on the test database, as a restart or an administrator does,
/// and waits until they are gone (`pg_terminate_backend` only signals them).
fn kill_connections(db: &TestDb) {
    use diesel::{Connection, RunQueryDsl};

    #[derive(diesel::QueryableByName)]
    struct Left {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        left: i64,
    }

    let mut admin = diesel::PgConnection::establish(&db.url).expect("connect");
    let others = "FROM pg_stat_activity \
                  WHERE datname = current_database() AND pid <> pg_backend_pid()";
    diesel::sql_query(format!("SELECT pg_terminate_backend(pid) {others}"))
        .execute(&mut admin)
        .expect("terminate");
    for _ in 0..200 {
        let left: Left = diesel::sql_query(format!("SELECT count(*) AS left {others}"))
            .get_result(&mut admin)
            .expect("count sessions");
        if left.left == 0 {
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("the terminated sessions did not end");
}

#[tokio::test]
async fn a_connection_killed_right_after_use_fails_one_call_at_most() {
    let Some(db) = postgres() else { return };
    let store = one_connection(&db).await;
    let ada = user(&store, "killed@example.org").await;
    for round in 0..3 {
        kill_connections(&db);
        let first = store.user_by_id(&ada.id).await;
        if let Err(err) = &first {
            assert_eq!(
                err.kind(),
                StoreErrorKind::Unavailable,
                "round {round}: a dead connection is a 503: {err}"
            );
        }
        let second = store.user_by_id(&ada.id).await;
        assert_eq!(
            second.expect("the dead connection is never handed out twice"),
            Some(ada.clone()),
            "round {round}"
        );
    }
}

#[tokio::test]
async fn a_connection_killed_while_idle_is_replaced_unseen() {
    let Some(db) = postgres() else { return };
    let store = one_connection(&db).await;
    let ada = user(&store, "idle@example.org").await;
    kill_connections(&db);
    // Past the window in which a connection that just worked is trusted untested.
    tokio::time::sleep(Duration::from_millis(1_200)).await;
    let found = store.user_by_id(&ada.id).await;
    assert_eq!(found.expect("tested at check-out and replaced"), Some(ada));
}

#[tokio::test]
async fn writes_after_a_killed_connection_are_whole() {
    let Some(db) = postgres() else { return };
    let store = one_connection(&db).await;
    let before = db.count("accounts_user");
    kill_connections(&db);
    let first = user_or_error(&store, "first@example.org").await;
    let second = user_or_error(&store, "second@example.org").await;
    assert!(second.is_ok(), "the next write goes through: {second:?}");
    let written = usize::from(first.is_ok()) + 1;
    assert_eq!(
        db.count("accounts_user"),
        before + written,
        "nothing half written"
    );
}

async fn user_or_error(
    store: &DieselStore,
    email: &str,
) -> Result<oauthclient_core::account::User, oauthclient_core::StoreError> {
    store
        .create_user(&oauthclient_core::account::NewUser {
            email: email.to_owned(),
            username: None,
            full_name: None,
            confirmed: true,
        })
        .await
}
