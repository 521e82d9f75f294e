//! One connection type for every enabled backend, which backend a URL names, and bulk-pass
//! settings for a connection ([`with_bulk_cache`]). The pool's manager is
//! [`crate::connection_manager`].

use diesel::connection::SimpleConnection;
use oauthclient_core::store::StoreError;

/// A connection to whichever backend the URL named.
#[cfg(all(feature = "sqlite", feature = "postgres"))]
#[derive(diesel::MultiConnection)]
pub enum AnyConnection {
    /// PostgreSQL.
    Postgresql(diesel::PgConnection),
    /// SQLite.
    Sqlite(diesel::SqliteConnection),
}

/// A connection to whichever backend the URL named.
#[cfg(all(feature = "sqlite", not(feature = "postgres")))]
#[derive(diesel::MultiConnection)]
pub enum AnyConnection {
    /// SQLite.
    Sqlite(diesel::SqliteConnection),
}

/// A connection to whichever backend the URL named.
#[cfg(all(feature = "postgres", not(feature = "sqlite")))]
#[derive(diesel::MultiConnection)]
pub enum AnyConnection {
    /// PostgreSQL.
    Postgresql(diesel::PgConnection),
}

#[cfg(not(any(feature = "sqlite", feature = "postgres")))]
compile_error!("enable at least one of the features `sqlite` (default) and `postgres`");

/// Which database a URL points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// `sqlite://path`, `sqlite::memory:`, or a plain file path.
    Sqlite,
    /// `postgres://...` or `postgresql://...`.
    Postgres,
}

impl Backend {
    /// The backend a database URL names.
    ///
    /// ```
    /// use oauthclient_store_diesel::Backend;
    /// assert_eq!(Backend::of_url("postgres://localhost/db"), Backend::Postgres);
    /// assert_eq!(Backend::of_url("sqlite://oauth.sqlite"), Backend::Sqlite);
    /// assert_eq!(Backend::of_url("oauth.sqlite"), Backend::Sqlite);
    /// ```
    pub fn of_url(url: &str) -> Self {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else {
            Backend::Sqlite
        }
    }
}

/// SQLite's page cache per pooled connection, in KiB (8 MiB; SQLite's default is 2 MiB).
#[cfg(feature = "sqlite")]
pub(crate) const SQLITE_CACHE_KIB: u32 = 8 * 1024;

/// SQLite's page cache for a bulk pass over the tokens ([`with_bulk_cache`]), in KiB.
#[cfg(feature = "sqlite")]
const BULK_CACHE_KIB: u32 = 64 * 1024;

/// WAL pages between checkpoints during a bulk pass (SQLite's default is 1,000).
#[cfg(feature = "sqlite")]
const BULK_CHECKPOINT_PAGES: u32 = 16_384;

/// Runs `work` with a 64 MiB SQLite page cache instead of the pool's 8 MiB, and a checkpoint
/// every 64 MiB of WAL instead of every 4 MiB, then restores the pool's settings (the connection
/// goes back to the pool). A key rotation or a purge rewrites the lookup-hash index at random
/// places: with the defaults, every batch reads most of its index pages back from the file and
/// copies them into it again at the next checkpoint. Both bounds are fixed, whatever the
/// table's size. PostgreSQL caches on the server: nothing to do there.
pub(crate) fn with_bulk_cache<T>(
    conn: &mut AnyConnection,
    work: impl FnOnce(&mut AnyConnection) -> Result<T, StoreError>,
) -> Result<T, StoreError> {
    #[cfg(feature = "sqlite")]
    #[allow(
        irrefutable_let_patterns,
        reason = "refutable when the postgres feature is on"
    )]
    if let AnyConnection::Sqlite(sqlite) = conn {
        sqlite
            .batch_execute(&format!(
                "PRAGMA cache_size = -{BULK_CACHE_KIB}; PRAGMA wal_autocheckpoint = {BULK_CHECKPOINT_PAGES}"
            ))
            .map_err(crate::error::query_error)?;
        let result = work(conn);
        // The pool's settings again; a failure here leaves only a larger cache and WAL behind.
        let _ = conn.batch_execute(&format!(
            "PRAGMA cache_size = -{SQLITE_CACHE_KIB}; PRAGMA wal_autocheckpoint = 1000"
        ));
        return result;
    }
    work(conn)
}
