//! Local users (`accounts_user`): addresses stored as given, looked up by their mailbox key.
//!
//! Every write that depends on the row's state is one conditional `UPDATE`, so two requests (or
//! two instances) racing on the same user cannot both win on either backend.

use chrono::{DateTime, NaiveDateTime, Timelike};
use diesel::prelude::*;
use oauthclient_core::account::{NewUser, User, UserId};
use oauthclient_core::email::mailbox_key;
use oauthclient_core::store::{StoreError, StoreErrorKind};

use crate::connection::AnyConnection;
use crate::error::{is_unique_violation, query_error};
use crate::models::{NewUserRow, UserRow};
use crate::schema::accounts_user as users;
use crate::tokens::now;

/// What a taken mailbox key is told as.
pub(crate) const EMAIL_TAKEN: &str = "this e-mail address is already registered";

/// The latest time stored or compared (9999-12-31 23:59:59 UTC): SQLite compares timestamps as
/// text, which orders five-digit years wrongly, and PostgreSQL's range ends before chrono's.
const LATEST_UNIX_SECS: i64 = 253_402_300_799;

impl From<UserRow> for User {
    fn from(row: UserRow) -> Self {
        Self {
            id: UserId::from(row.id),
            email: row.email,
            email_confirmed: row.confirmed_at.is_some(),
            email_changed_at: unix_secs(row.email_changed_at),
            session_epoch: row.session_epoch,
            username: row.username,
            full_name: row.full_name,
            active: row.active,
            has_password: row.password_hash.is_some(),
        }
    }
}

/// Seconds since the epoch; 0 for anything before it.
fn unix_secs(time: NaiveDateTime) -> u64 {
    u64::try_from(time.and_utc().timestamp()).unwrap_or(0)
}

/// `secs` since the epoch as a timestamp, capped at [`LATEST_UNIX_SECS`].
pub(crate) fn from_unix_secs(secs: u64) -> NaiveDateTime {
    let secs = i64::try_from(secs).map_or(LATEST_UNIX_SECS, |secs| secs.min(LATEST_UNIX_SECS));
    DateTime::from_timestamp(secs, 0)
        .map(|time| time.naive_utc())
        .unwrap_or_default()
}

/// `time` without its fraction of a second: `email_changed_at` counts whole seconds, like the
/// `issued_at` of a confirmation link, so a link issued in the second the address changed
/// still works.
pub(crate) fn whole_seconds(time: NaiveDateTime) -> NaiveDateTime {
    time.with_nanosecond(0).unwrap_or(time)
}

/// The `accounts_user` key behind a user id: the table's own ids are numbers, so any other
/// id (a host's key) names no row here.
pub(crate) fn row_id(user_id: &UserId) -> Option<i64> {
    user_id.as_str().parse().ok()
}

/// The mailbox key of an address about to be stored; an address without one is a conflict
/// saying why (the user is told, as for a taken address).
fn key_to_store(email: &str) -> Result<String, StoreError> {
    mailbox_key(email).map_err(|err| StoreError::conflict(err.to_string()))
}

pub(crate) fn by_id(
    conn: &mut AnyConnection,
    user_id: &UserId,
) -> Result<Option<User>, StoreError> {
    let Some(id) = row_id(user_id) else {
        return Ok(None);
    };
    users::table
        .find(id)
        .select(UserRow::as_select())
        .first(conn)
        .optional()
        .map(|row| row.map(Into::into))
        .map_err(query_error)
}

/// The row claiming the mailbox of `email`; `None` for an address without a key.
pub(crate) fn row_by_email(
    conn: &mut AnyConnection,
    email: &str,
) -> Result<Option<UserRow>, StoreError> {
    let Ok(key) = mailbox_key(email) else {
        return Ok(None);
    };
    users::table
        .filter(users::email_key.eq(key))
        .select(UserRow::as_select())
        .first(conn)
        .optional()
        .map_err(query_error)
}

pub(crate) fn by_email(conn: &mut AnyConnection, email: &str) -> Result<Option<User>, StoreError> {
    Ok(row_by_email(conn, email)?.map(Into::into))
}

/// Inserts a user with the address as given (trimmed) and its mailbox key; a taken key or
/// username is a conflict naming which.
pub(crate) fn create(conn: &mut AnyConnection, user: &NewUser) -> Result<User, StoreError> {
    let email = user.email.trim();
    let key = key_to_store(email)?;
    let time = now();
    let inserted = diesel::insert_into(users::table)
        .values(NewUserRow {
            email,
            email_key: &key,
            username: user.username.as_deref(),
            full_name: user.full_name.as_deref(),
            active: true,
            confirmed_at: user.confirmed.then_some(time),
            email_changed_at: whole_seconds(time),
            created: time,
            updated: time,
        })
        .execute(conn);
    match inserted {
        Ok(_) => by_email(conn, email)?.ok_or_else(|| query_error(diesel::result::Error::NotFound)),
        Err(err) if is_unique_violation(&err) => {
            if violated_column(&err).is_some_and(|column| column.contains("username")) {
                Err(StoreError::conflict_on(
                    "username",
                    "this username is already taken",
                ))
            } else {
                Err(StoreError::conflict_on("email", EMAIL_TAKEN))
            }
        }
        Err(err) => Err(query_error(err)),
    }
}

/// The constraint (PostgreSQL: `accounts_user_username_key`) or column (SQLite: "UNIQUE
/// constraint failed: accounts_user.username") a unique violation names. Read from the error,
/// because a PostgreSQL transaction cannot run another query after one.
fn violated_column(err: &diesel::result::Error) -> Option<String> {
    match err {
        diesel::result::Error::DatabaseError(_, info) => Some(
            info.constraint_name()
                .map_or_else(|| info.message().to_owned(), str::to_owned),
        ),
        _ => None,
    }
}

/// Deletes the user and what links to them. Remote accounts and identities name users by
/// text (no foreign key, see the `opaque_user_ids` migration), so they are deleted here, in
/// the caller's transaction; tokens go with their accounts (that foreign key stays).
pub(crate) fn delete(conn: &mut AnyConnection, user_id: &UserId) -> Result<(), StoreError> {
    crate::accounts::delete_all_of(conn, user_id)?;
    crate::identities::unlink_all_of(conn, user_id)?;
    let Some(id) = row_id(user_id) else {
        return Ok(());
    };
    diesel::delete(users::table.find(id))
        .execute(conn)
        .map(drop)
        .map_err(query_error)
}

/// An unconfirmed user loses their address to its proven owner: the address empties, the key
/// goes (NULL claims nothing), every session ends. One statement: `false` when the user is
/// missing or confirmed.
pub(crate) fn release_email(
    conn: &mut AnyConnection,
    user_id: &UserId,
) -> Result<bool, StoreError> {
    let Some(id) = row_id(user_id) else {
        return Ok(false);
    };
    diesel::update(
        users::table
            .filter(users::id.eq(id))
            .filter(users::confirmed_at.is_null()),
    )
    .set((
        users::email.eq(""),
        users::email_key.eq(None::<String>),
        users::session_epoch.eq(users::session_epoch + 1),
        users::updated.eq(now()),
    ))
    .execute(conn)
    .map(|changed| changed > 0)
    .map_err(query_error)
}

/// Confirms the address if it is still `email`'s mailbox, unconfirmed, and was set no later
/// than `issued_at`. One statement: `false` when any of that does not hold.
pub(crate) fn confirm_email(
    conn: &mut AnyConnection,
    user_id: &UserId,
    email: &str,
    issued_at: u64,
) -> Result<bool, StoreError> {
    let (Ok(key), Some(id)) = (mailbox_key(email), row_id(user_id)) else {
        return Ok(false);
    };
    let time = now();
    diesel::update(
        users::table
            .filter(users::id.eq(id))
            .filter(users::email_key.eq(key))
            .filter(users::confirmed_at.is_null())
            .filter(users::email_changed_at.le(from_unix_secs(issued_at))),
    )
    .set((users::confirmed_at.eq(Some(time)), users::updated.eq(time)))
    .execute(conn)
    .map(|changed| changed > 0)
    .map_err(query_error)
}

/// Sets a new address (as given, trimmed), unconfirmed, changed now; a mailbox key another
/// user claims is a conflict.
pub(crate) fn change_email(
    conn: &mut AnyConnection,
    user_id: &UserId,
    email: &str,
) -> Result<User, StoreError> {
    let email = email.trim();
    let key = key_to_store(email)?;
    let time = now();
    let no_such_user =
        || StoreError::new(StoreErrorKind::Other, format!("there is no user {user_id}"));
    let id = row_id(user_id).ok_or_else(no_such_user)?;
    let changed = diesel::update(users::table.find(id))
        .set((
            users::email.eq(email),
            users::email_key.eq(Some(key)),
            users::confirmed_at.eq(None::<NaiveDateTime>),
            users::email_changed_at.eq(whole_seconds(time)),
            users::updated.eq(time),
        ))
        .execute(conn);
    match changed {
        Ok(0) => Err(no_such_user()),
        Ok(_) => by_id(conn, user_id)?.ok_or_else(|| query_error(diesel::result::Error::NotFound)),
        Err(err) if is_unique_violation(&err) => Err(StoreError::conflict(EMAIL_TAKEN)),
        Err(err) => Err(query_error(err)),
    }
}

/// Notes a confirmation mail sent now unless one went less than `cooldown_secs` ago. One
/// statement, so instances sharing the database cannot both send.
pub(crate) fn note_confirmation_sent(
    conn: &mut AnyConnection,
    user_id: &UserId,
    cooldown_secs: u64,
) -> Result<bool, StoreError> {
    let Some(id) = row_id(user_id) else {
        return Ok(false);
    };
    let time = now();
    let cooldown = chrono::TimeDelta::seconds(
        i64::try_from(cooldown_secs).map_or(LATEST_UNIX_SECS, |secs| secs.min(LATEST_UNIX_SECS)),
    );
    // Before year 1 nothing was sent: a cooldown reaching back that far never ends, and the
    // cutoff stays a timestamp both backends store and compare correctly.
    let earliest = chrono::NaiveDate::from_ymd_opt(1, 1, 1)
        .and_then(|day| day.and_hms_opt(0, 0, 0))
        .unwrap_or_default();
    let cutoff = time
        .checked_sub_signed(cooldown)
        .map_or(earliest, |cutoff| cutoff.max(earliest));
    diesel::update(
        users::table.filter(users::id.eq(id)).filter(
            users::confirmation_sent_at
                .is_null()
                .or(users::confirmation_sent_at.le(cutoff)),
        ),
    )
    .set(users::confirmation_sent_at.eq(Some(time)))
    .execute(conn)
    .map(|changed| changed > 0)
    .map_err(query_error)
}
