//! User identities: (external id, method) → local user.

use diesel::prelude::*;
use oauthclient_core::account::{AccountInfo, ExternalId, UserId, UserIdentity};
use oauthclient_core::store::StoreError;

use crate::connection::AnyConnection;
use crate::error::{is_unique_violation, query_error};
use crate::models::IdentityRow;
use crate::schema::oauthclient_useridentity as identities;
use crate::tokens::now;

impl From<IdentityRow> for UserIdentity {
    fn from(row: IdentityRow) -> Self {
        Self {
            id: ExternalId::new(row.id),
            method: row.method,
            user_id: UserId::new(row.id_user),
        }
    }
}

pub(crate) fn find(
    conn: &mut AnyConnection,
    method: &str,
    external_id: &str,
) -> Result<Option<UserIdentity>, StoreError> {
    identities::table
        .find((external_id, method))
        .select(IdentityRow::as_select())
        .first(conn)
        .optional()
        .map(|row| row.map(Into::into))
        .map_err(query_error)
}

pub(crate) fn of_user(
    conn: &mut AnyConnection,
    user_id: &UserId,
) -> Result<Vec<UserIdentity>, StoreError> {
    identities::table
        .filter(identities::id_user.eq(user_id.as_str()))
        .order(identities::method)
        .select(IdentityRow::as_select())
        .load(conn)
        .map(|rows| rows.into_iter().map(Into::into).collect())
        .map_err(query_error)
}

/// Links the identity to `user_id`. Idempotent for the same user; [`StoreError::already_linked`]
/// when the identity belongs to someone else, or the user already has another identity of
/// this method. A concurrent insert of the same identity loses cleanly with the same answers.
pub(crate) fn link(
    conn: &mut AnyConnection,
    user_id: &UserId,
    info: &AccountInfo,
) -> Result<(), StoreError> {
    let method = info.external_method.as_str();
    let external_id = info.external_id.as_str();
    let already_linked = || StoreError::already_linked(method.to_owned());
    match find(conn, method, external_id)? {
        Some(existing) if existing.user_id == *user_id => return Ok(()),
        Some(_) => return Err(already_linked()),
        None => {}
    }
    let inserted = diesel::insert_into(identities::table)
        .values((
            identities::id.eq(external_id),
            identities::method.eq(method),
            identities::id_user.eq(user_id.as_str()),
            identities::created.eq(now()),
        ))
        .execute(conn);
    match inserted {
        Ok(_) => Ok(()),
        Err(err) if is_unique_violation(&err) => Err(already_linked()),
        Err(err) => Err(query_error(err)),
    }
}

pub(crate) fn unlink(
    conn: &mut AnyConnection,
    method: &str,
    external_id: &str,
) -> Result<(), StoreError> {
    diesel::delete(identities::table.find((external_id, method)))
        .execute(conn)
        .map(drop)
        .map_err(query_error)
}

/// Removes every identity of `user_id` (the user is being deleted).
pub(crate) fn unlink_all_of(conn: &mut AnyConnection, user_id: &UserId) -> Result<(), StoreError> {
    diesel::delete(identities::table.filter(identities::id_user.eq(user_id.as_str())))
        .execute(conn)
        .map(drop)
        .map_err(query_error)
}
