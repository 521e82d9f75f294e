//! Disconnecting a remote account without locking the user out: the "another way to sign in
//! remains" check and the deletes in one transaction, so two concurrent disconnects of a
//! user's last two identities cannot both pass the check.

use oauthclient_core::account::UserId;
use oauthclient_core::store::StoreError;
use oauthclient_core::store::leaves_no_login_method;

use crate::connection::AnyConnection;
use crate::{accounts, identities, users};

/// The body of [`oauthclient_core::AccountStore::unlink_unless_last`]; runs inside
/// [`crate::transaction::write_transaction`].
pub(crate) fn unlink_unless_last(
    conn: &mut AnyConnection,
    user_id: &UserId,
    client_id: &str,
    method: &str,
    has_password: bool,
) -> Result<bool, StoreError> {
    lock_user(conn, user_id)?;
    // Our own users table may know a password the caller's user store did not report.
    let has_password =
        has_password || users::by_id(conn, user_id)?.is_some_and(|user| user.has_password);
    let linked = identities::of_user(conn, user_id)?;
    if leaves_no_login_method(has_password, &linked, method) {
        return Ok(false);
    }
    if let Some(account) = accounts::find(conn, user_id, client_id)? {
        accounts::delete(conn, account.id)?;
    }
    for identity in linked.iter().filter(|identity| identity.method == method) {
        identities::unlink(conn, method, identity.id.as_str())?;
    }
    Ok(true)
}

/// Serialises unlinks of one user. SQLite needs nothing more: the write transaction holds
/// the database's write lock from `BEGIN IMMEDIATE`. PostgreSQL's default READ COMMITTED lets
/// two transactions read the same identities, so a transaction-scoped advisory lock on the
/// user id is taken first: the second waits, then reads what the first committed. (Not a
/// lock on a users row: with a host's own users table there is no row of ours to lock.)
#[cfg_attr(
    not(feature = "postgres"),
    allow(
        unused_variables,
        clippy::unnecessary_wraps,
        reason = "only PostgreSQL locks a row, and that can fail"
    )
)]
fn lock_user(conn: &mut AnyConnection, user_id: &UserId) -> Result<(), StoreError> {
    match conn {
        #[cfg(feature = "postgres")]
        AnyConnection::Postgresql(pg) => {
            use diesel::RunQueryDsl;
            diesel::sql_query(
                "SELECT pg_advisory_xact_lock(hashtextextended('oauthclient-user:' || $1, 0))",
            )
            .bind::<diesel::sql_types::Text, _>(user_id.as_str())
            .execute(pg)
            .map(drop)
            .map_err(crate::error::query_error)
        }
        #[cfg(feature = "sqlite")]
        AnyConnection::Sqlite(_) => Ok(()),
    }
}
