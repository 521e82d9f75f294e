//! Sign-ups waiting for their form: sealed rows filed under the hash of the session's id.

use diesel::prelude::*;
use oauthclient_core::pending_signup::{PendingSignup, PendingSignupId};
use oauthclient_core::store::StoreError;

use crate::connection::AnyConnection;
use crate::crypto::{Column, TokenKeys};
use crate::error::query_error;
use crate::schema::oauthclient_pendingsignup as pending;

/// The row a sealed value is bound to: no account, the id's hash as the slot.
const NO_ACCOUNT: i64 = 0;

fn seconds(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

/// Files `signup` under `id` until `expires_at`, replacing any earlier one with that id, and
/// purges the expired rows (the index on `expires` keeps that cheap).
pub(crate) fn save(
    conn: &mut AnyConnection,
    keys: &TokenKeys,
    id: &PendingSignupId,
    signup: &PendingSignup,
    expires_at: u64,
    now: u64,
) -> Result<(), StoreError> {
    let id_hash = id.storage_key();
    let json = zeroize::Zeroizing::new(serde_json::to_string(signup).map_err(|err| {
        StoreError::corrupt(format!("a pending sign-up could not be serialised: {err}"))
    })?);
    let payload = keys.seal(Column::PendingSignup, NO_ACCOUNT, &id_hash, &json)?;
    diesel::delete(pending::table.filter(pending::expires.lt(seconds(now))))
        .execute(conn)
        .map_err(query_error)?;
    diesel::delete(pending::table.find(&id_hash))
        .execute(conn)
        .map_err(query_error)?;
    diesel::insert_into(pending::table)
        .values((
            pending::id_hash.eq(&id_hash),
            pending::payload.eq(&payload),
            pending::key_id.eq(keys.current().id()),
            pending::expires.eq(seconds(expires_at)),
        ))
        .execute(conn)
        .map_err(query_error)?;
    Ok(())
}

/// The sign-up filed under `id`, unless it expired before `now`.
pub(crate) fn find(
    conn: &mut AnyConnection,
    keys: &TokenKeys,
    id: &PendingSignupId,
    now: u64,
) -> Result<Option<PendingSignup>, StoreError> {
    let id_hash = id.storage_key();
    let row: Option<(String, String)> = pending::table
        .find(&id_hash)
        .filter(pending::expires.ge(seconds(now)))
        .select((pending::payload, pending::key_id))
        .first(conn)
        .optional()
        .map_err(query_error)?;
    let Some((payload, key_id)) = row else {
        return Ok(None);
    };
    let json = keys.open(
        &key_id,
        Column::PendingSignup,
        NO_ACCOUNT,
        &id_hash,
        &payload,
    )?;
    serde_json::from_str(&json).map(Some).map_err(|err| {
        StoreError::corrupt(format!("a stored pending sign-up is unreadable: {err}"))
    })
}

/// Forgets the sign-up filed under `id`.
pub(crate) fn delete(conn: &mut AnyConnection, id: &PendingSignupId) -> Result<(), StoreError> {
    diesel::delete(pending::table.find(id.storage_key()))
        .execute(conn)
        .map_err(query_error)?;
    Ok(())
}
