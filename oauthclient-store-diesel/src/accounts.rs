//! Remote accounts and their tokens: synchronous queries, run by the store inside
//! `spawn_blocking` (and composed into transactions).

use diesel::prelude::*;
use oauthclient_core::Token;
use oauthclient_core::account::{RemoteAccount, UserId};
use oauthclient_core::secret::{AccessToken, RefreshToken, constant_time_eq};
use oauthclient_core::store::StoreError;

use crate::connection::AnyConnection;
use crate::crypto::TokenKeys;
use crate::error::{is_unique_violation, query_error};
use crate::json::JsonDocument;
use crate::models::{NewRemoteAccountRow, RemoteAccountRow, TokenRow};
use crate::schema::{oauthclient_remoteaccount as accounts, oauthclient_remotetoken as tokens};
use crate::tokens::{self as token_rows, now};

impl From<RemoteAccountRow> for RemoteAccount {
    fn from(row: RemoteAccountRow) -> Self {
        Self {
            id: row.id,
            user_id: UserId::new(row.user_id),
            client_id: row.client_id,
            extra_data: row.extra_data.0,
        }
    }
}

pub(crate) fn find(
    conn: &mut AnyConnection,
    user_id: &UserId,
    client_id: &str,
) -> Result<Option<RemoteAccount>, StoreError> {
    accounts::table
        .filter(accounts::user_id.eq(user_id.as_str()))
        .filter(accounts::client_id.eq(client_id))
        .select(RemoteAccountRow::as_select())
        .first(conn)
        .optional()
        .map(|row| row.map(Into::into))
        .map_err(query_error)
}

pub(crate) fn of_user(
    conn: &mut AnyConnection,
    user_id: &UserId,
) -> Result<Vec<RemoteAccount>, StoreError> {
    accounts::table
        .filter(accounts::user_id.eq(user_id.as_str()))
        .order(accounts::client_id)
        .select(RemoteAccountRow::as_select())
        .load(conn)
        .map(|rows| rows.into_iter().map(Into::into).collect())
        .map_err(query_error)
}

/// Inserts the account; [`StoreError::already_linked`] when (user, client) exists.
pub(crate) fn create(
    conn: &mut AnyConnection,
    user_id: &UserId,
    client_id: &str,
    extra_data: serde_json::Value,
) -> Result<RemoteAccount, StoreError> {
    let time = now();
    let inserted = diesel::insert_into(accounts::table)
        .values(NewRemoteAccountRow {
            user_id: user_id.as_str().to_owned(),
            client_id,
            extra_data: JsonDocument(extra_data),
            created: time,
            updated: time,
        })
        .execute(conn);
    match inserted {
        Ok(_) => find(conn, user_id, client_id)?
            .ok_or_else(|| query_error(diesel::result::Error::NotFound)),
        Err(err) if is_unique_violation(&err) => {
            Err(StoreError::already_linked(client_id.to_owned()))
        }
        Err(err) => Err(query_error(err)),
    }
}

/// The account of (user, client), created with `extra_data` when missing.
pub(crate) fn find_or_create(
    conn: &mut AnyConnection,
    user_id: &UserId,
    client_id: &str,
    extra_data: &serde_json::Value,
) -> Result<RemoteAccount, StoreError> {
    if let Some(account) = find(conn, user_id, client_id)? {
        return Ok(account);
    }
    create(conn, user_id, client_id, extra_data.clone())
}

pub(crate) fn update_extra_data(
    conn: &mut AnyConnection,
    account_id: i64,
    extra_data: serde_json::Value,
) -> Result<(), StoreError> {
    let updated = diesel::update(accounts::table.find(account_id))
        .set((
            accounts::extra_data.eq(JsonDocument(extra_data)),
            accounts::updated.eq(now()),
        ))
        .execute(conn)
        .map_err(query_error)?;
    if updated == 0 {
        return Err(StoreError::new(
            oauthclient_core::store::StoreErrorKind::Other,
            format!("no remote account {account_id}"),
        ));
    }
    Ok(())
}

pub(crate) fn delete(conn: &mut AnyConnection, account_id: i64) -> Result<(), StoreError> {
    // Tokens go by ON DELETE CASCADE; deleting them first keeps that true even on a database
    // whose foreign keys were switched off by hand.
    diesel::delete(tokens::table.filter(tokens::id_remote_account.eq(account_id)))
        .execute(conn)
        .map_err(query_error)?;
    diesel::delete(accounts::table.find(account_id))
        .execute(conn)
        .map_err(query_error)?;
    Ok(())
}

/// Deletes every remote account of `user_id`, with their tokens.
pub(crate) fn delete_all_of(conn: &mut AnyConnection, user_id: &UserId) -> Result<(), StoreError> {
    for account in of_user(conn, user_id)? {
        delete(conn, account.id)?;
    }
    Ok(())
}

/// Stores `token` in its `token_type` slot of `account`, replacing what was there.
pub(crate) fn put_token(
    conn: &mut AnyConnection,
    keys: &TokenKeys,
    account: i64,
    token: &Token,
) -> Result<(), StoreError> {
    let values = token_rows::seal(keys, account, token)?;
    let slot = tokens::table.find((account, token.token_type.as_str()));
    if diesel::update(slot)
        .set(&values)
        .execute(conn)
        .map_err(query_error)?
        > 0
    {
        return Ok(());
    }
    diesel::insert_into(tokens::table)
        .values((
            tokens::id_remote_account.eq(account),
            tokens::token_type.eq(token.token_type.as_str()),
            tokens::created.eq(values.updated),
            &values,
        ))
        .execute(conn)
        .map(drop)
        .map_err(query_error)
}

pub(crate) fn get_token(
    conn: &mut AnyConnection,
    keys: &TokenKeys,
    user_id: &UserId,
    client_id: &str,
    token_type: &str,
) -> Result<Option<Token>, StoreError> {
    let row: Option<TokenRow> = tokens::table
        .inner_join(accounts::table)
        .filter(accounts::user_id.eq(user_id.as_str()))
        .filter(accounts::client_id.eq(client_id))
        .filter(tokens::token_type.eq(token_type))
        .select(TokenRow::as_select())
        .first(conn)
        .optional()
        .map_err(query_error)?;
    row.map(|row| token_rows::open(keys, &row)).transpose()
}

/// Replaces the token only while its stored refresh token is still `expected`: the UPDATE
/// matches the very ciphertext read, so a concurrent replacement (in this process or another)
/// makes it match nothing. Works the same on SQLite and PostgreSQL, without row locks.
pub(crate) fn replace_refreshed(
    conn: &mut AnyConnection,
    keys: &TokenKeys,
    user_id: &UserId,
    client_id: &str,
    expected: &RefreshToken,
    fresh: &Token,
) -> Result<bool, StoreError> {
    let row: Option<TokenRow> = tokens::table
        .inner_join(accounts::table)
        .filter(accounts::user_id.eq(user_id.as_str()))
        .filter(accounts::client_id.eq(client_id))
        .filter(tokens::token_type.eq(fresh.token_type.as_str()))
        .select(TokenRow::as_select())
        .first(conn)
        .optional()
        .map_err(query_error)?;
    let Some(row) = row else {
        return Ok(false);
    };
    let stored = token_rows::open(keys, &row)?;
    let still_expected = stored.refresh_token.as_ref().is_some_and(|current| {
        constant_time_eq(
            current.expose_secret().as_bytes(),
            expected.expose_secret().as_bytes(),
        )
    });
    let (Some(ciphertext), true) = (row.refresh_token.as_deref(), still_expected) else {
        return Ok(false);
    };
    let values = token_rows::seal(keys, row.id_remote_account, fresh)?;
    let updated = diesel::update(
        tokens::table
            .find((row.id_remote_account, row.token_type.as_str()))
            .filter(tokens::refresh_token.eq(ciphertext)),
    )
    .set(&values)
    .execute(conn)
    .map_err(query_error)?;
    Ok(updated == 1)
}

pub(crate) fn delete_token(
    conn: &mut AnyConnection,
    user_id: &UserId,
    client_id: &str,
    token_type: &str,
) -> Result<(), StoreError> {
    let Some(account) = find(conn, user_id, client_id)? else {
        return Ok(());
    };
    diesel::delete(tokens::table.find((account.id, token_type)))
        .execute(conn)
        .map(drop)
        .map_err(query_error)
}

/// The seed's `get_by_token`: the lookup hash finds candidate rows (under every known key, for
/// rows not yet rotated); the decrypted value is then compared in constant time.
pub(crate) fn by_token(
    conn: &mut AnyConnection,
    keys: &TokenKeys,
    client_id: &str,
    access_token: &AccessToken,
    token_type: &str,
) -> Result<Option<RemoteAccount>, StoreError> {
    let hashes = keys.lookup_hashes(access_token.expose_secret());
    let candidates: Vec<(TokenRow, RemoteAccountRow)> = tokens::table
        .inner_join(accounts::table)
        .filter(accounts::client_id.eq(client_id))
        .filter(tokens::token_type.eq(token_type))
        .filter(tokens::access_token_hash.eq_any(hashes))
        .select((TokenRow::as_select(), RemoteAccountRow::as_select()))
        .load(conn)
        .map_err(query_error)?;
    for (row, account) in candidates {
        let stored = token_rows::open(keys, &row)?;
        if constant_time_eq(
            stored.access_token.expose_secret().as_bytes(),
            access_token.expose_secret().as_bytes(),
        ) {
            return Ok(Some(account.into()));
        }
    }
    Ok(None)
}
