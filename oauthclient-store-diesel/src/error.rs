//! Diesel and pool failures → core's error taxonomy.

use diesel::result::{DatabaseErrorKind, Error as DieselError};
use oauthclient_core::store::StoreError;

/// Maps a query failure. Unique violations become conflicts (callers turn identity conflicts
/// into `AlreadyLinked`); lost connections are `Unavailable` (503) rather than a crash.
#[allow(
    clippy::needless_pass_by_value,
    reason = "by value so it fits `map_err(query_error)`"
)]
pub(crate) fn query_error(err: DieselError) -> StoreError {
    store_error(&err)
}

pub(crate) fn store_error(err: &DieselError) -> StoreError {
    match err {
        DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, info) => {
            StoreError::conflict(format!(
                "duplicate value{}",
                info.constraint_name()
                    .map(|name| format!(" ({name})"))
                    .unwrap_or_default()
            ))
        }
        DieselError::DatabaseError(DatabaseErrorKind::ForeignKeyViolation, info) => {
            StoreError::conflict(format!("missing referenced row: {}", info.message()))
        }
        // `UnableToSendCommand`: libpq could not send the query, its connection is gone.
        DieselError::DatabaseError(
            DatabaseErrorKind::ClosedConnection
            | DatabaseErrorKind::UnableToSendCommand
            | DatabaseErrorKind::SerializationFailure,
            info,
        ) => StoreError::unavailable(info.message().to_owned()),
        DieselError::DatabaseError(_, info) if is_busy(info.message()) => {
            StoreError::unavailable(info.message().to_owned())
        }
        DieselError::DeserializationError(err) => {
            StoreError::corrupt(format!("unreadable row: {err}"))
        }
        other => StoreError::new(
            oauthclient_core::store::StoreErrorKind::Other,
            other.to_string(),
        ),
    }
}

fn is_busy(message: &str) -> bool {
    message.contains("database is locked") || message.contains("database is busy")
}

/// Whether the error is a unique-constraint violation.
pub(crate) fn is_unique_violation(err: &DieselError) -> bool {
    matches!(
        err,
        DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _)
    )
}

pub(crate) fn pool_error(err: &r2d2::Error) -> StoreError {
    StoreError::unavailable(format!("no database connection: {err}"))
}

pub(crate) fn task_error(err: &tokio::task::JoinError) -> StoreError {
    StoreError::unavailable(format!("database task failed: {err}"))
}
