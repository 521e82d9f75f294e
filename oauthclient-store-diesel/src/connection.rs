//! One connection type for every enabled backend, and an r2d2 manager that picks the backend
//! from the URL scheme (so a PostgreSQL error reaches the operator instead of diesel's
//! "Invalid connection url for multiconnection").

use diesel::Connection;
use diesel::connection::SimpleConnection;
use oauthclient_core::redact::redact_url_userinfo;
use oauthclient_core::store::StoreError;

use crate::checkout::{PoolHealth, PooledConnection};

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

#[cfg(feature = "sqlite")]
/// The path SQLite should open for a `sqlite://` URL.
fn sqlite_path(url: &str) -> &str {
    url.strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url)
}

/// How long SQLite waits for a lock before answering "database is locked".
#[cfg(feature = "sqlite")]
const SQLITE_BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// Opens connections for the pool, and decides when one must prove it is alive before use
/// ([`crate::checkout`]).
pub struct ConnectionManager {
    url: String,
    health: PoolHealth,
}

impl std::fmt::Debug for ConnectionManager {
    /// The URL without its password ([`redact_url_userinfo`]).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ConnectionManager")
            .field("url", &redact_url_userinfo(&self.url))
            .field("health", &self.health)
            .finish()
    }
}

impl ConnectionManager {
    pub(crate) fn new(url: impl Into<String>) -> Self {
        Self {
            url: url.into(),
            health: PoolHealth::new(),
        }
    }

    fn establish(&self) -> Result<AnyConnection, diesel::ConnectionError> {
        match Backend::of_url(&self.url) {
            #[cfg(feature = "postgres")]
            Backend::Postgres => {
                diesel::PgConnection::establish(&self.url).map(AnyConnection::Postgresql)
            }
            #[cfg(feature = "sqlite")]
            Backend::Sqlite => {
                let mut conn = diesel::SqliteConnection::establish(sqlite_path(&self.url))?;
                // WAL lets readers run beside the writer; foreign keys are off by default in
                // SQLite and the cascades depend on them.
                conn.batch_execute(&format!(
                    "PRAGMA busy_timeout = {}; PRAGMA journal_mode = WAL; \
                     PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;",
                    SQLITE_BUSY_TIMEOUT.as_millis()
                ))
                .map_err(diesel::ConnectionError::CouldntSetupConfiguration)?;
                Ok(AnyConnection::Sqlite(conn))
            }
            #[allow(
                unreachable_patterns,
                reason = "reachable when a backend feature is off"
            )]
            other => Err(diesel::ConnectionError::BadConnection(format!(
                "this build has no {other:?} support: enable the `{}` feature of oauthclient-store-diesel",
                match other {
                    Backend::Postgres => "postgres",
                    Backend::Sqlite => "sqlite",
                }
            ))),
        }
    }
}

/// SQLite's page cache for a bulk pass over the tokens ([`with_bulk_cache`]), in KiB.
#[cfg(feature = "sqlite")]
const BULK_CACHE_KIB: u32 = 64 * 1024;

/// WAL pages between checkpoints during a bulk pass (SQLite's default is 1,000).
#[cfg(feature = "sqlite")]
const BULK_CHECKPOINT_PAGES: u32 = 16_384;

/// Runs `work` with a 64 MiB SQLite page cache instead of the default 2 MiB, and a checkpoint
/// every 64 MiB of WAL instead of every 4 MiB, then restores the defaults (the connection
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
        // SQLite's defaults; a failure here leaves only a larger cache and WAL behind.
        let _ = conn.batch_execute("PRAGMA cache_size = -2000; PRAGMA wal_autocheckpoint = 1000");
        return result;
    }
    work(conn)
}

impl r2d2::ManageConnection for ConnectionManager {
    type Connection = PooledConnection;
    type Error = diesel::r2d2::Error;

    fn connect(&self) -> Result<PooledConnection, Self::Error> {
        self.establish()
            .map(PooledConnection::new)
            .map_err(diesel::r2d2::Error::ConnectionError)
    }

    /// Runs at check-out (PostgreSQL only, see [`crate::store`]): `SELECT 1` only for a
    /// connection the pool cannot vouch for ([`PoolHealth::trusts`]), so a busy pool skips the
    /// extra round trip while a connection left idle, or one that may have died with its
    /// server, is still tested and dropped when dead.
    fn is_valid(&self, conn: &mut PooledConnection) -> Result<(), Self::Error> {
        if self.health.trusts(conn) {
            return Ok(());
        }
        conn.conn
            .batch_execute("SELECT 1")
            .map_err(diesel::r2d2::Error::QueryError)?;
        conn.mark_good();
        Ok(())
    }

    /// A connection a panic unwound through, or whose transaction could not be closed
    /// ([`crate::transaction::write_transaction`] marks those), may still be inside a transaction:
    /// handing it out again would block every writer, so the pool drops it. A connection whose
    /// last work found the server unavailable is kept, but tested at its next check-out, and
    /// so is every other connection that was idle then ([`PoolHealth::returned`]).
    fn has_broken(&self, conn: &mut PooledConnection) -> bool {
        // First, so that a connection dropped here still makes its siblings suspect: a lost
        // server often leaves the transaction manager in its error state too.
        self.health.returned(conn);
        std::thread::panicking() || diesel::r2d2::R2D2Connection::is_broken(&mut conn.conn)
    }
}
