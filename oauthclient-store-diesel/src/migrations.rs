//! Embedded migrations for both backends and the schema version check.

use diesel::migration::MigrationSource;
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};
use oauthclient_core::store::StoreError;

use crate::connection::{AnyConnection, MultiBackend};

#[cfg(feature = "sqlite")]
const SQLITE: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
#[cfg(feature = "postgres")]
const POSTGRES: EmbeddedMigrations = embed_migrations!("migrations/postgres");

fn migrations_for(conn: &AnyConnection) -> EmbeddedMigrations {
    match conn {
        #[cfg(feature = "sqlite")]
        AnyConnection::Sqlite(_) => SQLITE,
        #[cfg(feature = "postgres")]
        AnyConnection::Postgresql(_) => POSTGRES,
    }
}

/// Applies every pending migration; returns how many ran.
pub(crate) fn run_pending(conn: &mut AnyConnection) -> Result<usize, StoreError> {
    let migrations = migrations_for(conn);
    conn.run_pending_migrations(migrations)
        .map(|applied| applied.len())
        .map_err(|err| StoreError::unavailable(format!("migration failed: {err}")))
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
pub(crate) fn status(conn: &mut AnyConnection) -> Result<SchemaStatus, StoreError> {
    let migrations = migrations_for(conn);
    let broken = |err: Box<dyn std::error::Error + Send + Sync>| {
        StoreError::unavailable(format!("cannot read the schema version: {err}"))
    };
    let pending: Vec<String> = conn
        .pending_migrations(migrations_for(conn))
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
