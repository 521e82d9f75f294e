//! The r2d2 manager: opens a connection for the backend the URL's scheme names (so a
//! PostgreSQL error reaches the operator instead of diesel's "Invalid connection url for
//! multiconnection"), and decides at check-out whether a connection must prove it is alive
//! ([`crate::checkout`]).

use diesel::Connection;
use diesel::connection::SimpleConnection;
use oauthclient_core::redact::redact_url_userinfo;

use crate::checkout::{PoolHealth, PooledConnection};
#[cfg(feature = "sqlite")]
use crate::connection::SQLITE_CACHE_KIB;
use crate::connection::{AnyConnection, Backend};

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
                // SQLite and the cascades depend on them. The page cache: SQLite's 2 MiB
                // default cannot hold the upper levels of the indexes a callback walks once the
                // tables pass a few hundred thousand rows, and every lookup then reads them back
                // from the file (a returning callback cost 31 % more CPU at a million users than
                // at a thousand). It fills only as far as the database is large.
                conn.batch_execute(&format!(
                    "PRAGMA busy_timeout = {}; PRAGMA journal_mode = WAL; \
                     PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; \
                     PRAGMA cache_size = -{SQLITE_CACHE_KIB};",
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
