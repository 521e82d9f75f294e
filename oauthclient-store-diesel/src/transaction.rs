//! [`write_transaction`]: the one way this crate opens a transaction that writes. It sits
//! below [`crate::store`] so that the pieces [`crate::store::DieselStore`] builds on
//! (the email-key backfill run by the migrations) can write with it too.

#[cfg(feature = "postgres")]
use diesel::Connection;
#[cfg(feature = "sqlite")]
use diesel::connection::SimpleConnection;
use oauthclient_core::store::StoreError;

use crate::connection::AnyConnection;
use crate::error::query_error;

/// A transaction that takes the write lock up front on SQLite (`BEGIN IMMEDIATE`): a deferred
/// transaction that reads and then writes can fail at once with "database is locked" when
/// another writer got in between, instead of waiting on the busy timeout.
///
/// A failed `COMMIT` (a deferred constraint, `SQLITE_BUSY`) leaves SQLite's transaction open;
/// it is rolled back here, or else the pooled connection would keep the write lock and block
/// every writer. When even the rollback fails, the connection is marked broken so that the
/// pool discards it instead of handing out a connection stuck in a transaction.
pub(crate) fn write_transaction<T>(
    conn: &mut AnyConnection,
    work: impl FnOnce(&mut AnyConnection) -> Result<T, StoreError>,
) -> Result<T, StoreError> {
    match conn {
        #[cfg(feature = "sqlite")]
        AnyConnection::Sqlite(_) => {
            conn.batch_execute("BEGIN IMMEDIATE").map_err(query_error)?;
            let outcome = work(conn).and_then(|value| {
                conn.batch_execute("COMMIT")
                    .map(|()| value)
                    .map_err(query_error)
            });
            if outcome.is_err() {
                // The original error is what the caller needs; the rollback's only decides
                // the connection's fate. SQLite rolls back by itself after some failures (I/O
                // errors, a full disk): "no transaction is active" then means the connection
                // is fine, and dropping it would be harmful — a replacement opened while the
                // file is unwritable stays read-only for good.
                if let Err(err) = conn.batch_execute("ROLLBACK")
                    && !err.to_string().contains("no transaction is active")
                {
                    mark_broken(conn);
                }
            }
            outcome
        }
        #[cfg(feature = "postgres")]
        AnyConnection::Postgresql(_) => conn
            .transaction::<T, TransactionError, _>(|conn| work(conn).map_err(TransactionError))
            .map_err(|TransactionError(err)| err),
    }
}

/// Makes the pool drop `conn` when it comes back ([`crate::connection_manager::ConnectionManager`]'s
/// `has_broken` asks Diesel's transaction manager, which now reports an error state).
#[cfg(feature = "sqlite")]
fn mark_broken(conn: &mut AnyConnection) {
    use diesel::connection::{AnsiTransactionManager, TransactionManager};
    #[allow(
        irrefutable_let_patterns,
        reason = "refutable when the postgres feature is on"
    )]
    if let AnyConnection::Sqlite(inner) = conn {
        tracing::error!("ROLLBACK failed after a failed write; dropping the connection");
        AnsiTransactionManager::transaction_manager_status_mut(inner).set_in_error();
    }
}

#[cfg(feature = "postgres")]
impl From<diesel::result::Error> for TransactionError {
    fn from(err: diesel::result::Error) -> Self {
        Self(query_error(err))
    }
}

/// Lets `Connection::transaction` carry our error type.
#[cfg(feature = "postgres")]
pub(crate) struct TransactionError(pub StoreError);
