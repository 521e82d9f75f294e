//! When a pooled connection must prove it is alive before use.
//!
//! A PostgreSQL connection can die with its server (or a proxy, or `pg_terminate_backend`),
//! and only a round trip tells. Testing every check-out with `SELECT 1` costs one round trip
//! per store call, a large share of a short query's time. Like HikariCP's "alive bypass
//! window", the pool skips the test for a connection that worked less than [`TRUST_WINDOW`]
//! ago, and tests the others:
//! - a connection idle for longer (its server may have gone meanwhile);
//! - a connection whose last work found the server unavailable ([`PooledConnection::note`]);
//! - every connection last known good before such a failure anywhere in the pool: one dead
//!   connection hints that its siblings died with it (the server restarted, a proxy cut all).
//!
//! What remains is the window itself: a connection killed less than [`TRUST_WINDOW`] after it
//! last worked, with no failure seen since, fails the one call it is handed to (503, nothing
//! written: the statement never reached a server). That call marks it, so it is tested, and
//! dropped, at its next check-out: it is never handed out twice.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use oauthclient_core::store::{StoreError, StoreErrorKind};

use crate::connection::AnyConnection;

/// How long after it last worked a connection is handed out untested.
pub(crate) const TRUST_WINDOW: Duration = Duration::from_secs(1);

/// A connection in the pool, with what the pool knows of its health.
pub struct PooledConnection {
    /// The connection itself.
    pub(crate) conn: AnyConnection,
    /// When it last worked: opened, tested, or returned after work that reached the server.
    known_good: Instant,
    /// Its last work found the server unavailable: test it before handing it out again.
    suspect: bool,
}

impl PooledConnection {
    pub(crate) fn new(conn: AnyConnection) -> Self {
        Self {
            conn,
            known_good: Instant::now(),
            suspect: false,
        }
    }

    /// Notes how the work done on this connection ended: an [`StoreErrorKind::Unavailable`]
    /// failure (a closed connection, a timeout, a busy database) makes it suspect.
    pub(crate) fn note<T>(&mut self, outcome: &Result<T, StoreError>) {
        if matches!(outcome, Err(err) if err.kind() == StoreErrorKind::Unavailable) {
            self.suspect = true;
        }
    }

    /// It just answered a test.
    pub(crate) fn mark_good(&mut self) {
        self.known_good = Instant::now();
        self.suspect = false;
    }
}

/// What the pool as a whole knows: when a connection last came back suspect.
#[derive(Debug)]
pub(crate) struct PoolHealth {
    /// The origin of [`PoolHealth::last_failure`].
    origin: Instant,
    /// Nanoseconds after `origin` of the last suspect return, plus one; 0: none yet.
    last_failure: AtomicU64,
}

impl PoolHealth {
    pub(crate) fn new() -> Self {
        Self {
            origin: Instant::now(),
            last_failure: AtomicU64::new(0),
        }
    }

    /// Whether `conn` may be handed out untested: it worked less than [`TRUST_WINDOW`] ago,
    /// is not suspect, and no connection of the pool came back suspect since.
    pub(crate) fn trusts(&self, conn: &PooledConnection) -> bool {
        !conn.suspect
            && conn.known_good.elapsed() < TRUST_WINDOW
            && !self.failed_since(conn.known_good)
    }

    /// A connection comes back to the pool: a suspect one marks the pool's last failure (and
    /// stays suspect); any other just worked.
    pub(crate) fn returned(&self, conn: &mut PooledConnection) {
        if conn.suspect {
            let nanos = self.nanos(Instant::now()).saturating_add(1);
            self.last_failure.fetch_max(nanos, Ordering::AcqRel);
        } else {
            conn.known_good = Instant::now();
        }
    }

    /// Whether a connection came back suspect at or after `time`.
    fn failed_since(&self, time: Instant) -> bool {
        let last = self.last_failure.load(Ordering::Acquire);
        last != 0 && last > self.nanos(time)
    }

    fn nanos(&self, time: Instant) -> u64 {
        u64::try_from(time.saturating_duration_since(self.origin).as_nanos()).unwrap_or(u64::MAX)
    }
}

// The tests open in-memory SQLite connections.
#[cfg(all(test, feature = "sqlite"))]
mod tests {
    use super::*;

    fn connection() -> PooledConnection {
        use diesel::Connection;
        let sqlite = diesel::SqliteConnection::establish(":memory:").expect("in-memory SQLite");
        PooledConnection::new(AnyConnection::Sqlite(sqlite))
    }

    #[test]
    fn a_connection_that_just_worked_is_trusted() {
        let health = PoolHealth::new();
        let mut conn = connection();
        assert!(health.trusts(&conn), "just opened");
        health.returned(&mut conn);
        assert!(health.trusts(&conn), "just returned after work");
    }

    #[test]
    fn an_idle_connection_is_tested() {
        let health = PoolHealth::new();
        let mut conn = connection();
        conn.known_good = Instant::now()
            .checked_sub(TRUST_WINDOW)
            .expect("a monotonic clock past one second");
        assert!(!health.trusts(&conn));
        conn.mark_good();
        assert!(health.trusts(&conn));
    }

    #[test]
    fn an_unavailable_server_makes_every_connection_suspect() {
        let health = PoolHealth::new();
        let mut failed = connection();
        let sibling = connection();
        let outcome: Result<(), StoreError> = Err(StoreError::unavailable("closed"));
        failed.note(&outcome);
        assert!(!health.trusts(&failed), "its own work failed");
        assert!(health.trusts(&sibling), "nothing came back suspect yet");
        health.returned(&mut failed);
        assert!(!health.trusts(&failed), "still suspect once returned");
        assert!(!health.trusts(&sibling), "last good before the failure");
        failed.mark_good();
        assert!(health.trusts(&failed), "tested since");
    }

    #[test]
    fn other_failures_leave_the_connection_trusted() {
        let health = PoolHealth::new();
        let mut conn = connection();
        let outcome: Result<(), StoreError> = Err(StoreError::conflict("duplicate"));
        conn.note(&outcome);
        health.returned(&mut conn);
        assert!(health.trusts(&conn));
    }
}
