//! Opening a store: migrations, the schema version check, and an unreachable server.

// The suite always runs on SQLite; PostgreSQL joins it when configured.
#![cfg(feature = "sqlite")]

mod common;

use std::time::{Duration, Instant};

use oauthclient_core::store::StoreErrorKind;
use oauthclient_store_diesel::{DieselStore, SchemaStatus, StoreOptions};

use common::{databases, default_keys};

fn no_migrations() -> StoreOptions {
    StoreOptions {
        run_migrations: false,
        ..StoreOptions::default()
    }
}

#[tokio::test]
async fn a_fresh_database_without_migrations_is_refused_then_migrated() {
    for db in databases() {
        let err = DieselStore::connect(&db.url, default_keys(), no_migrations())
            .await
            .expect_err("schema is behind");
        assert!(
            err.to_string().contains("run the migrate command"),
            "{}: {err}",
            db.name
        );

        let store = db.store().await;
        assert_eq!(
            store.schema_status().await.expect("status"),
            SchemaStatus::UpToDate
        );
        assert_eq!(
            store.migrate().await.expect("migrate"),
            0,
            "{}: nothing left",
            db.name
        );
        drop(store);
        DieselStore::connect(&db.url, default_keys(), no_migrations())
            .await
            .unwrap_or_else(|err| panic!("{}: current schema opens: {err}", db.name));
    }
}

#[tokio::test]
async fn a_database_migrated_by_a_newer_version_is_refused() {
    for db in databases() {
        drop(db.store().await);
        db.execute("INSERT INTO __diesel_schema_migrations (version) VALUES ('29991231000000')");
        let err = DieselStore::connect(&db.url, default_keys(), StoreOptions::default())
            .await
            .expect_err("newer schema");
        assert!(
            err.to_string().contains("29991231000000"),
            "{}: {err}",
            db.name
        );
        assert!(
            err.to_string().contains("newer version"),
            "{}: {err}",
            db.name
        );
    }
}

#[tokio::test]
async fn an_unreachable_postgres_is_unavailable_quickly() {
    let started = Instant::now();
    let options = StoreOptions {
        connection_timeout: Duration::from_secs(1),
        ..StoreOptions::default()
    };
    // Port 1 on loopback: nothing listens there.
    let result = DieselStore::connect(
        "postgres://postgres@127.0.0.1:1/none",
        default_keys(),
        options,
    )
    .await;
    let err = result.expect_err("nothing listens on port 1");
    let store_err = &err;
    assert_eq!(store_err.kind(), StoreErrorKind::Unavailable, "{err}");
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "took {:?}",
        started.elapsed()
    );
}

#[derive(diesel::QueryableByName)]
struct JournalMode {
    #[diesel(sql_type = diesel::sql_types::Text)]
    journal_mode: String,
}

/// WAL is a property of the file, so a plain connection sees what the store set. (Foreign
/// keys are per connection; the cascade tests in accounts.rs prove the store turns them on.)
#[tokio::test]
async fn sqlite_files_are_in_wal_mode() {
    use diesel::{Connection, RunQueryDsl};
    let db = databases().remove(0);
    assert_eq!(db.name, "sqlite");
    drop(db.store().await);
    let mut conn =
        diesel::SqliteConnection::establish(db.url.trim_start_matches("sqlite://")).expect("open");
    let mode: Vec<JournalMode> = diesel::sql_query("PRAGMA journal_mode")
        .load(&mut conn)
        .expect("pragma");
    assert_eq!(mode.first().map(|m| m.journal_mode.as_str()), Some("wal"));
}
