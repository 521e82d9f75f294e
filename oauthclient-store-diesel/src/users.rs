//! Local users (`accounts_user`): addresses stored as given, looked up by their mailbox key.
//!
//! Every write that depends on the row's state is one conditional `UPDATE`, so two requests (or
//! two instances) racing on the same user cannot both win on either backend.

use chrono::{DateTime, NaiveDateTime, Timelike};
use diesel::prelude::*;
use oauthclient_core::OAuthError;
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
            id: row.id,
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

/// The mailbox key of an address about to be stored; an address without one is a conflict
/// saying why (the user is told, as for a taken address).
fn key_to_store(email: &str) -> Result<String, OAuthError> {
    mailbox_key(email).map_err(|err| OAuthError::Store(StoreError::conflict(err.to_string())))
}

pub(crate) fn by_id(conn: &mut AnyConnection, user_id: UserId) -> Result<Option<User>, OAuthError> {
    users::table
        .find(user_id)
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
) -> Result<Option<UserRow>, OAuthError> {
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

pub(crate) fn by_email(conn: &mut AnyConnection, email: &str) -> Result<Option<User>, OAuthError> {
    Ok(row_by_email(conn, email)?.map(Into::into))
}

/// Inserts a user with the address as given (trimmed) and its mailbox key; a taken key or
/// username is a conflict naming which.
pub(crate) fn create(conn: &mut AnyConnection, user: &NewUser) -> Result<User, OAuthError> {
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
            let taken = if violated_column(&err).is_some_and(|column| column.contains("username")) {
                "this username is already taken"
            } else {
                EMAIL_TAKEN
            };
            Err(OAuthError::Store(StoreError::conflict(taken)))
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

pub(crate) fn delete(conn: &mut AnyConnection, user_id: UserId) -> Result<(), OAuthError> {
    diesel::delete(users::table.find(user_id))
        .execute(conn)
        .map(drop)
        .map_err(query_error)
}

/// An unconfirmed user loses their address to its proven owner: the address empties, the key
/// goes (NULL claims nothing), every session ends. One statement: `false` when the user is
/// missing or confirmed.
pub(crate) fn release_email(conn: &mut AnyConnection, user_id: UserId) -> Result<bool, OAuthError> {
    diesel::update(
        users::table
            .filter(users::id.eq(user_id))
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
    user_id: UserId,
    email: &str,
    issued_at: u64,
) -> Result<bool, OAuthError> {
    let Ok(key) = mailbox_key(email) else {
        return Ok(false);
    };
    let time = now();
    diesel::update(
        users::table
            .filter(users::id.eq(user_id))
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
    user_id: UserId,
    email: &str,
) -> Result<User, OAuthError> {
    let email = email.trim();
    let key = key_to_store(email)?;
    let time = now();
    let changed = diesel::update(users::table.find(user_id))
        .set((
            users::email.eq(email),
            users::email_key.eq(Some(key)),
            users::confirmed_at.eq(None::<NaiveDateTime>),
            users::email_changed_at.eq(whole_seconds(time)),
            users::updated.eq(time),
        ))
        .execute(conn);
    match changed {
        Ok(0) => Err(OAuthError::Store(StoreError::new(
            StoreErrorKind::Other,
            format!("there is no user {user_id}"),
        ))),
        Ok(_) => by_id(conn, user_id)?.ok_or_else(|| query_error(diesel::result::Error::NotFound)),
        Err(err) if is_unique_violation(&err) => {
            Err(OAuthError::Store(StoreError::conflict(EMAIL_TAKEN)))
        }
        Err(err) => Err(query_error(err)),
    }
}

/// Notes a confirmation mail sent now unless one went less than `cooldown_secs` ago. One
/// statement, so instances sharing the database cannot both send.
pub(crate) fn note_confirmation_sent(
    conn: &mut AnyConnection,
    user_id: UserId,
    cooldown_secs: u64,
) -> Result<bool, OAuthError> {
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
        users::table.filter(users::id.eq(user_id)).filter(
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
