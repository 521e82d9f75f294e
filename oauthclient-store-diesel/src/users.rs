//! Local users (`accounts_user`): addresses stored as given, looked up by their mailbox key.
//!
//! Every write that depends on the row's state is one conditional `UPDATE`, so two requests (or
//! two instances) racing on the same user cannot both win on either backend.

use chrono::{DateTime, NaiveDateTime, Timelike};
use diesel::prelude::*;
use oauthclient_core::account::{NewUser, User, UserId};
use oauthclient_core::email::mailbox_key;
use oauthclient_core::store::{MAX_UNCONFIRMED_CLAIMS, StoreError, StoreErrorKind};

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
            created_at: unix_secs(row.created),
            ended_claim: row.ended_claim,
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

/// The row holding the mailbox of `email` (confirmed); `None` for an address without a key.
pub(crate) fn holder_row(
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

pub(crate) fn holder(conn: &mut AnyConnection, email: &str) -> Result<Option<User>, StoreError> {
    Ok(holder_row(conn, email)?.map(Into::into))
}

/// Rows claiming the mailbox of `email` unconfirmed since `claimed_since`, oldest first, at
/// most [`MAX_UNCONFIRMED_CLAIMS`].
pub(crate) fn claim_rows(
    conn: &mut AnyConnection,
    email: &str,
    claimed_since: u64,
) -> Result<Vec<UserRow>, StoreError> {
    let Ok(key) = mailbox_key(email) else {
        return Ok(Vec::new());
    };
    users::table
        .filter(users::claim_key.eq(key))
        .filter(users::confirmed_at.is_null())
        .filter(users::email_changed_at.ge(from_unix_secs(claimed_since)))
        .order(users::id)
        .limit(i64::try_from(MAX_UNCONFIRMED_CLAIMS).unwrap_or(i64::MAX))
        .select(UserRow::as_select())
        .load(conn)
        .map_err(query_error)
}

/// Serialises this transaction with every other write on the mailbox `key` (until it ends):
/// confirming, creating and changing to one address at once would otherwise lock the
/// claimants' rows in opposite orders (a deadlock) or both pass the holder check. PostgreSQL
/// takes a transaction-scoped advisory lock on the key's hash; SQLite's write transactions
/// (`BEGIN IMMEDIATE`) are serial already.
#[cfg_attr(
    not(feature = "postgres"),
    allow(
        clippy::unnecessary_wraps,
        reason = "fallible on PostgreSQL, the same signature for both"
    )
)]
fn lock_mailbox(conn: &mut AnyConnection, key: &str) -> Result<(), StoreError> {
    match conn {
        #[cfg(feature = "postgres")]
        AnyConnection::Postgresql(pg) => {
            diesel::sql_query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))")
                .bind::<diesel::sql_types::Text, _>(key)
                .execute(pg)
                .map(drop)
                .map_err(query_error)
        }
        #[cfg(feature = "sqlite")]
        AnyConnection::Sqlite(_) => {
            // Serialised by `BEGIN IMMEDIATE` already: nothing to lock, whatever the key.
            let _ = key;
            Ok(())
        }
    }
}

/// The one error a held address is told as, beside the e-mail field.
fn email_taken() -> StoreError {
    StoreError::conflict_on("email", EMAIL_TAKEN)
}

/// Whether an account other than `except` holds `key`.
fn held_by_another(
    conn: &mut AnyConnection,
    key: &str,
    except: Option<i64>,
) -> Result<bool, StoreError> {
    let mut query = users::table.filter(users::email_key.eq(key)).into_boxed();
    if let Some(id) = except {
        query = query.filter(users::id.ne(id));
    }
    query
        .count()
        .get_result::<i64>(conn)
        .map(|count| count > 0)
        .map_err(query_error)
}

/// Ends every unconfirmed claim on `key` but `except`'s: the address empties, claims nothing,
/// and is kept in `ended_claim` to tell the user. Returns how many ended.
pub(crate) fn end_claims(
    conn: &mut AnyConnection,
    key: &str,
    except: Option<i64>,
) -> Result<usize, StoreError> {
    let claims = users::table
        .filter(users::claim_key.eq(key))
        .filter(users::confirmed_at.is_null());
    let ended = match except {
        Some(id) => diesel::update(claims.filter(users::id.ne(id)))
            .set(claim_ended_values())
            .execute(conn),
        None => diesel::update(claims)
            .set(claim_ended_values())
            .execute(conn),
    };
    ended.map_err(query_error)
}

/// The columns an ended claim writes (the right-hand sides read the row as it was).
#[allow(clippy::type_complexity, reason = "Diesel's changeset tuple")]
fn claim_ended_values() -> (
    diesel::dsl::Eq<users::ended_claim, diesel::dsl::Nullable<users::email>>,
    diesel::dsl::Eq<users::email, &'static str>,
    diesel::dsl::Eq<users::claim_key, Option<String>>,
    diesel::dsl::Eq<users::updated, NaiveDateTime>,
) {
    (
        users::ended_claim.eq(users::email.nullable()),
        users::email.eq(""),
        users::claim_key.eq(None::<String>),
        users::updated.eq(now()),
    )
}

/// Inserts a user with the address as given (trimmed) and its mailbox key; an address another
/// account holds, or a taken username, is a conflict naming which. A confirmed user holds the
/// address and ends the unconfirmed claims on it. Call inside a write transaction.
pub(crate) fn create(conn: &mut AnyConnection, user: &NewUser) -> Result<User, StoreError> {
    let email = user.email.trim();
    let key = key_to_store(email)?;
    lock_mailbox(conn, &key)?;
    if held_by_another(conn, &key, None)? {
        return Err(email_taken());
    }
    if user.confirmed {
        end_claims(conn, &key, None)?;
    }
    let time = now();
    let inserted = diesel::insert_into(users::table)
        .values(NewUserRow {
            email,
            email_key: user.confirmed.then_some(key.as_str()),
            claim_key: &key,
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
        // The newest row with this claim written now: within the write transaction, ours.
        Ok(_) => users::table
            .filter(users::claim_key.eq(&key))
            .filter(users::created.eq(time))
            .order(users::id.desc())
            .select(UserRow::as_select())
            .first(conn)
            .map(Into::into)
            .map_err(query_error),
        Err(err) if is_unique_violation(&err) => {
            if violated_column(&err).is_some_and(|column| column.contains("username")) {
                Err(StoreError::conflict_on(
                    "username",
                    "this username is already taken",
                ))
            } else {
                Err(email_taken())
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

/// Confirms the address if it is still `email`'s mailbox, unconfirmed, and was set no later
/// than `issued_at`; the user then holds the mailbox and the other unconfirmed claims on it
/// end. `false` when any of that does not hold; a conflict when another account holds it.
/// Call inside a write transaction.
pub(crate) fn confirm_email(
    conn: &mut AnyConnection,
    user_id: &UserId,
    email: &str,
    issued_at: u64,
) -> Result<bool, StoreError> {
    let (Ok(key), Some(id)) = (mailbox_key(email), row_id(user_id)) else {
        return Ok(false);
    };
    lock_mailbox(conn, &key)?;
    if held_by_another(conn, &key, Some(id))? {
        return Err(StoreError::conflict_on(
            "email",
            "another account confirmed this address first",
        ));
    }
    let time = now();
    let confirmed = diesel::update(
        users::table
            .filter(users::id.eq(id))
            .filter(users::claim_key.eq(&key))
            .filter(users::confirmed_at.is_null())
            .filter(users::email_changed_at.le(from_unix_secs(issued_at))),
    )
    .set((
        users::confirmed_at.eq(Some(time)),
        users::email_key.eq(Some(&key)),
        users::updated.eq(time),
    ))
    .execute(conn);
    match confirmed {
        Ok(0) => Ok(false),
        Ok(_) => {
            end_claims(conn, &key, Some(id))?;
            Ok(true)
        }
        Err(err) if is_unique_violation(&err) => Err(StoreError::conflict_on(
            "email",
            "another account confirmed this address first",
        )),
        Err(err) => Err(query_error(err)),
    }
}

/// Ends the unconfirmed claims set before `cutoff` (seconds since the epoch): expired, they
/// are released like claims another account confirmed. Returns how many ended.
pub(crate) fn end_expired_claims(
    conn: &mut AnyConnection,
    cutoff: u64,
) -> Result<usize, StoreError> {
    diesel::update(
        users::table
            .filter(users::claim_key.is_not_null())
            .filter(users::confirmed_at.is_null())
            .filter(users::email_changed_at.lt(from_unix_secs(cutoff))),
    )
    .set(claim_ended_values())
    .execute(conn)
    .map_err(query_error)
}

/// Sets a new address (as given, trimmed), unconfirmed, changed now; a mailbox another account
/// holds is a conflict, unconfirmed claims are not. Call inside a write transaction.
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
    lock_mailbox(conn, &key)?;
    if held_by_another(conn, &key, Some(id))? {
        return Err(StoreError::conflict(EMAIL_TAKEN));
    }
    let changed = diesel::update(users::table.find(id))
        .set((
            users::email.eq(email),
            users::email_key.eq(None::<String>),
            users::claim_key.eq(Some(key)),
            users::ended_claim.eq(None::<String>),
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

/// Ends every session of the user: the session epoch goes up by one in one statement (two
/// calls at once both count), and the user is read back. Call inside a write transaction.
pub(crate) fn end_sessions(conn: &mut AnyConnection, user_id: &UserId) -> Result<User, StoreError> {
    let no_such_user =
        || StoreError::new(StoreErrorKind::Other, format!("there is no user {user_id}"));
    let id = row_id(user_id).ok_or_else(no_such_user)?;
    let changed = diesel::update(users::table.find(id))
        .set((
            users::session_epoch.eq(users::session_epoch + 1),
            users::updated.eq(now()),
        ))
        .execute(conn)
        .map_err(query_error)?;
    if changed == 0 {
        return Err(no_such_user());
    }
    by_id(conn, user_id)?.ok_or_else(no_such_user)
}
