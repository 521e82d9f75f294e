//! Embedded migrations for both backends and the schema version check.

use diesel::migration::MigrationSource;
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};
use oauthclient_core::store::StoreError;

use crate::connection::{AnyConnection, MultiBackend};
use crate::email_keys;
use crate::users_table::UsersTable;

/// The first migration (`…_initial`): creates the tables.
const INITIAL_VERSION: &str = "20261128000001";

#[cfg(feature = "sqlite")]
const SQLITE: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
#[cfg(feature = "postgres")]
const POSTGRES: EmbeddedMigrations = embed_migrations!("migrations/postgres");
// With the host's own users table: only the library's other tables, user ids as text, no
// foreign key to any users table. A separate history, so neither layout ever runs the
// other's steps.
#[cfg(feature = "sqlite")]
const SQLITE_HOST_USERS: EmbeddedMigrations = embed_migrations!("migrations-host-users/sqlite");
#[cfg(feature = "postgres")]
const POSTGRES_HOST_USERS: EmbeddedMigrations = embed_migrations!("migrations-host-users/postgres");

fn migrations_for(conn: &AnyConnection, users_table: UsersTable) -> EmbeddedMigrations {
    let host = users_table == UsersTable::Host;
    match conn {
        #[cfg(feature = "sqlite")]
        AnyConnection::Sqlite(_) if host => SQLITE_HOST_USERS,
        #[cfg(feature = "sqlite")]
        AnyConnection::Sqlite(_) => SQLITE,
        #[cfg(feature = "postgres")]
        AnyConnection::Postgresql(_) if host => POSTGRES_HOST_USERS,
        #[cfg(feature = "postgres")]
        AnyConnection::Postgresql(_) => POSTGRES,
    }
}

/// Applies every pending migration, oldest first, each in its own transaction (as diesel's
/// `run_pending_migrations` does), calling `applied(name, done, total)` after each; returns
/// how many ran. A failure leaves the ones before it applied: running again continues.
///
/// Before the `email_keys` migration changes a database that has users, their addresses are
/// checked: if two would share a mailbox key (or one has none), nothing is migrated and the
/// error names the rows.
pub(crate) fn run_pending(
    conn: &mut AnyConnection,
    users_table: UsersTable,
    applied: &mut dyn FnMut(&str, usize, usize),
) -> Result<usize, StoreError> {
    let migrations = conn
        .pending_migrations(migrations_for(conn, users_table))
        .map_err(|err| StoreError::unavailable(format!("cannot read the schema version: {err}")))?;
    // Oldest first: diesel returns them sorted by version.
    let pending: Vec<String> = migrations
        .iter()
        .map(|migration| migration.name().version().to_string())
        .collect();
    let is_pending = |version: &str| pending.iter().any(|pending| pending == version);
    if users_table == UsersTable::Library
        && is_pending(email_keys::MIGRATION_VERSION)
        && !is_pending(INITIAL_VERSION)
    {
        email_keys::check_before_migration(conn)?;
    }
    let total = migrations.len();
    let mut ran = Ok(0);
    for (done, migration) in migrations.iter().enumerate() {
        if let Err(err) = conn.run_migration(migration.as_ref()) {
            ran = Err(StoreError::unavailable(format!("migration failed: {err}")));
            break;
        }
        applied(&migration.name().to_string(), done + 1, total);
        ran = Ok(done + 1);
    }
    restore_sqlite_session(conn, ran.is_err())?;
    ran
}

/// SQLite migrations that rebuild a table run outside diesel's transaction, with foreign keys
/// off (`…_email_keys/up.sql`). One that failed half-way leaves its transaction open and
/// foreign keys off on this pooled connection: roll back, switch them on again, and make
/// sure they are on, since the cascades depend on them.
#[cfg_attr(
    not(feature = "sqlite"),
    allow(clippy::unnecessary_wraps, reason = "fails only with SQLite")
)]
fn restore_sqlite_session(conn: &mut AnyConnection, failed: bool) -> Result<(), StoreError> {
    #[cfg(feature = "sqlite")]
    #[allow(
        irrefutable_let_patterns,
        reason = "irrefutable when SQLite is the only backend"
    )]
    if let AnyConnection::Sqlite(sqlite) = conn {
        use diesel::RunQueryDsl;
        use diesel::connection::SimpleConnection;

        #[derive(diesel::QueryableByName)]
        struct ForeignKeys {
            #[diesel(sql_type = diesel::sql_types::Integer)]
            foreign_keys: i32,
        }

        if failed {
            // No transaction left open is fine too: the error then only says so.
            let _ = sqlite.batch_execute("ROLLBACK");
        }
        let on = sqlite
            .batch_execute("PRAGMA foreign_keys = ON")
            .and_then(|()| {
                diesel::sql_query("PRAGMA foreign_keys").get_result::<ForeignKeys>(sqlite)
            })
            .is_ok_and(|pragma| pragma.foreign_keys == 1);
        if !on {
            return Err(StoreError::unavailable(
                "after migrating, foreign keys could not be switched back on: restart the program",
            ));
        }
    }
    #[cfg(not(feature = "sqlite"))]
    let _ = (conn, failed);
    Ok(())
}

/// Where the database schema stands against this build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemaStatus {
    /// Every migration of this build is applied, and no other.
    UpToDate,
    /// These migrations of this build are not applied yet (run `migrate`).
    Behind(Vec<String>),
    /// The database has migrations this build does not know: it was migrated by a newer
    /// version. Refuse to run rather than write rows an older schema shape.
    Ahead(Vec<String>),
}

/// Compares applied and embedded migrations.
pub(crate) fn status(
    conn: &mut AnyConnection,
    users_table: UsersTable,
) -> Result<SchemaStatus, StoreError> {
    let migrations = migrations_for(conn, users_table);
    let broken = |err: Box<dyn std::error::Error + Send + Sync>| {
        StoreError::unavailable(format!("cannot read the schema version: {err}"))
    };
    let pending: Vec<String> = conn
        .pending_migrations(migrations_for(conn, users_table))
        .map_err(broken)?
        .iter()
        .map(|migration| migration.name().version().to_string())
        .collect();
    if !pending.is_empty() {
        return Ok(SchemaStatus::Behind(pending));
    }
    let known: Vec<String> = MigrationSource::<MultiBackend>::migrations(&migrations)
        .map_err(broken)?
        .iter()
        .map(|migration| migration.name().version().to_string())
        .collect();
    let applied: Vec<String> = conn
        .applied_migrations()
        .map_err(broken)?
        .iter()
        .map(ToString::to_string)
        .collect();
    let unknown: Vec<String> = applied
        .into_iter()
        .filter(|version| !known.contains(version))
        .collect();
    Ok(if unknown.is_empty() {
        SchemaStatus::UpToDate
    } else {
        SchemaStatus::Ahead(unknown)
    })
}
