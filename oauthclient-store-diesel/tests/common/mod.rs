//! Test databases: SQLite always; PostgreSQL too when `OAUTHCLIENT_TEST_POSTGRES_URL` is set
//! (CI sets it). When it is set the server must be reachable: the tests fail, never skip.

#![allow(
    dead_code,
    reason = "each test binary uses a different part of this module"
)]

use diesel::Connection;
use diesel::connection::SimpleConnection;

// The testkit's record of suites that did not run, compiled in by path: oauthclient-testkit
// depends on this crate, and a dev-dependency back on it is a cycle `cargo package` refuses.
#[path = "../../../oauthclient-testkit/src/services.rs"]
#[allow(dead_code)]
mod services;
use oauthclient_core::account::{AccountInfo, NewUser, User};
use oauthclient_core::secret::SecretKey;
use oauthclient_core::{ExternalId, UserStore};
use oauthclient_store_diesel::{DieselStore, StoreOptions, TokenKey, TokenKeys};

pub const SECRET_1: &str = "test-secret-number-one-test-secret-number-one";
pub const SECRET_2: &str = "test-secret-number-two-test-secret-number-two";

pub fn keys(ids: &[(&str, &str)]) -> TokenKeys {
    TokenKeys::new(
        ids.iter()
            .map(|(id, secret)| TokenKey::derive(*id, &SecretKey::new(*secret)))
            .collect(),
    )
    .expect("at least one key")
}

pub fn default_keys() -> TokenKeys {
    keys(&[("k1", SECRET_1)])
}

/// One throwaway database; removed on drop.
pub struct TestDb {
    pub name: &'static str,
    pub url: String,
    _sqlite_dir: Option<tempfile::TempDir>,
    postgres_admin: Option<(String, String)>,
}

impl TestDb {
    pub async fn store(&self) -> DieselStore {
        self.store_with(default_keys()).await
    }

    pub async fn store_with(&self, keys: TokenKeys) -> DieselStore {
        DieselStore::connect(&self.url, keys, StoreOptions::default())
            .await
            .unwrap_or_else(|err| panic!("{}: cannot open the store: {err}", self.name))
    }

    /// Every row of `table`, each column cast to text, for "no plaintext" checks.
    pub fn dump(&self, table: &str) -> String {
        match self.postgres_admin {
            #[cfg(feature = "postgres")]
            Some(_) => {
                let mut conn = diesel::PgConnection::establish(&self.url).expect("connect");
                dump_with(
                    &mut conn,
                    &format!("SELECT row_to_json(t)::text AS row FROM {table} t"),
                )
            }
            _ => {
                let path = self.url.trim_start_matches("sqlite://");
                let mut conn = diesel::SqliteConnection::establish(path).expect("connect");
                let columns = sqlite_columns(&mut conn, table);
                let concat = columns
                    .iter()
                    .map(|column| format!("COALESCE(CAST({column} AS TEXT), '')"))
                    .collect::<Vec<_>>()
                    .join(" || '|' || ");
                dump_with(&mut conn, &format!("SELECT {concat} AS row FROM {table}"))
            }
        }
    }

    /// The raw bytes of the SQLite file (and its WAL), if this is SQLite.
    pub fn sqlite_file_bytes(&self) -> Option<Vec<u8>> {
        let path = std::path::PathBuf::from(self.url.trim_start_matches("sqlite://"));
        self.postgres_admin.is_none().then(|| {
            let mut bytes = std::fs::read(&path).unwrap_or_default();
            let wal = path.with_extension("sqlite-wal");
            bytes.extend(std::fs::read(wal).unwrap_or_default());
            bytes
        })
    }

    /// Users as the first schema holds them, added in this order (ids 1, 2, ... on a new
    /// database), each `(address, confirmed)`. Timestamps carry fractions of a second, as the
    /// store writes them.
    pub fn insert_old_users(&self, rows: &[(&str, bool)]) {
        for (email, confirmed) in rows {
            let confirmed_at = if *confirmed {
                "'2026-01-01 10:00:00.5'"
            } else {
                "NULL"
            };
            self.execute(&format!(
                "INSERT INTO accounts_user (email, confirmed_at, created, updated) \
                 VALUES ('{email}', {confirmed_at}, '2026-01-01 10:00:00.5', '2026-01-01 10:00:00.5')"
            ));
        }
    }

    /// Applies only the first migration (`…_initial`): the schema as the first release left
    /// it, to test what migrating an existing database does.
    pub fn migrate_first_only(&self) {
        let version = self.migration_step(false).expect("first migration");
        assert_eq!(version, "20261128000001", "{}", self.name);
    }

    /// Reverts the last migration applied (runs its `down.sql`); returns its version.
    pub fn revert_last_migration(&self) -> Result<String, String> {
        self.migration_step(true)
    }

    /// Runs the next migration, or reverts the last one, on a plain connection.
    fn migration_step(&self, revert: bool) -> Result<String, String> {
        use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};
        const SQLITE: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
        #[cfg(feature = "postgres")]
        const POSTGRES: EmbeddedMigrations = embed_migrations!("migrations/postgres");
        let step = match self.postgres_admin {
            #[cfg(feature = "postgres")]
            Some(_) => {
                let mut conn = diesel::PgConnection::establish(&self.url).expect("connect");
                if revert {
                    conn.revert_last_migration(POSTGRES)
                } else {
                    conn.run_next_migration(POSTGRES).map(|v| v.as_owned())
                }
            }
            _ => {
                let mut conn =
                    diesel::SqliteConnection::establish(self.url.trim_start_matches("sqlite://"))
                        .expect("connect");
                // As the store's connections: the cascades are on.
                conn.batch_execute("PRAGMA foreign_keys = ON")
                    .expect("foreign keys");
                if revert {
                    conn.revert_last_migration(SQLITE)
                } else {
                    conn.run_next_migration(SQLITE).map(|v| v.as_owned())
                }
            }
        };
        step.map(|version| version.to_string())
            .map_err(|err| err.to_string())
    }

    /// How many rows `table` has.
    pub fn count(&self, table: &str) -> usize {
        let dump = self.dump(table);
        if dump.is_empty() {
            0
        } else {
            dump.lines().count()
        }
    }

    pub fn execute(&self, sql: &str) {
        match self.postgres_admin {
            #[cfg(feature = "postgres")]
            Some(_) => diesel::PgConnection::establish(&self.url)
                .expect("connect")
                .batch_execute(sql)
                .expect("execute"),
            _ => diesel::SqliteConnection::establish(self.url.trim_start_matches("sqlite://"))
                .expect("connect")
                .batch_execute(sql)
                .expect("execute"),
        }
    }
}

#[derive(diesel::QueryableByName)]
struct Row {
    #[diesel(sql_type = diesel::sql_types::Text)]
    row: String,
}

#[derive(diesel::QueryableByName)]
struct ColumnName {
    #[diesel(sql_type = diesel::sql_types::Text)]
    name: String,
}

fn sqlite_columns(conn: &mut diesel::SqliteConnection, table: &str) -> Vec<String> {
    use diesel::RunQueryDsl;
    diesel::sql_query(format!("SELECT name FROM pragma_table_info('{table}')"))
        .load::<ColumnName>(conn)
        .expect("columns")
        .into_iter()
        .map(|column| column.name)
        .collect()
}

fn dump_with<C>(conn: &mut C, sql: &str) -> String
where
    C: Connection,
    diesel::query_builder::SqlQuery: diesel::query_dsl::LoadQuery<'static, C, Row>,
{
    use diesel::RunQueryDsl;
    diesel::sql_query(sql)
        .load::<Row>(conn)
        .expect("dump")
        .into_iter()
        .map(|row| row.row)
        .collect::<Vec<_>>()
        .join("\n")
}

impl Drop for TestDb {
    #[cfg(not(feature = "postgres"))]
    fn drop(&mut self) {}

    #[cfg(feature = "postgres")]
    fn drop(&mut self) {
        if let Some((admin_url, database)) = &self.postgres_admin
            && let Ok(mut conn) = diesel::PgConnection::establish(admin_url)
        {
            let _ = conn.batch_execute(&format!("DROP DATABASE IF EXISTS {database} WITH (FORCE)"));
        }
    }
}

fn sqlite() -> TestDb {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("oauth.sqlite").display());
    TestDb {
        name: "sqlite",
        url,
        _sqlite_dir: Some(dir),
        postgres_admin: None,
    }
}

#[cfg(feature = "postgres")]
fn postgres(admin_url: &str) -> TestDb {
    let mut admin = diesel::PgConnection::establish(admin_url).unwrap_or_else(|err| {
        panic!("OAUTHCLIENT_TEST_POSTGRES_URL is set but PostgreSQL is unreachable: {err}")
    });
    let database = format!(
        "oauthclient_test_{}_{}",
        std::process::id(),
        rand::random::<u32>()
    );
    admin
        .batch_execute(&format!("CREATE DATABASE {database}"))
        .expect("create test database");
    let (base, _) = admin_url
        .rsplit_once('/')
        .expect("a postgres URL ends with /database");
    TestDb {
        name: "postgres",
        url: format!("{base}/{database}"),
        _sqlite_dir: None,
        postgres_admin: Some((admin_url.to_owned(), database)),
    }
}

/// The databases to run a test against.
pub fn databases() -> Vec<TestDb> {
    let mut databases = vec![sqlite()];
    databases.extend(requested_postgres());
    databases
}

/// PostgreSQL when `OAUTHCLIENT_TEST_POSTGRES_URL` asks for it.
fn requested_postgres() -> Option<TestDb> {
    let url = services::service_url(
        "OAUTHCLIENT_TEST_POSTGRES_URL",
        "store-diesel on PostgreSQL (SQLite ran)",
    )?;
    #[cfg(feature = "postgres")]
    return Some(postgres(&url));
    #[cfg(not(feature = "postgres"))]
    panic!(
        "OAUTHCLIENT_TEST_POSTGRES_URL is set ({url}) but this test build lacks the \
         `postgres` feature: run with --all-features"
    );
}

pub async fn user(store: &DieselStore, email: &str) -> User {
    store
        .create_user(&NewUser {
            email: email.to_owned(),
            username: None,
            full_name: None,
            confirmed: true,
        })
        .await
        .expect("create user")
}

pub fn identity(method: &str, id: &str) -> AccountInfo {
    AccountInfo::new(ExternalId::new(id), method)
}
