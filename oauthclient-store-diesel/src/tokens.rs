//! Token ↔ row: sealing on the way in, opening on the way out.

use chrono::{DateTime, NaiveDateTime};
use oauthclient_core::Token;
use oauthclient_core::secret::{AccessToken, RefreshToken, TokenSecret};
use oauthclient_core::store::StoreError;

use crate::crypto::{Column, TokenKeys};
use crate::models::{TokenRow, TokenValues};

pub(crate) fn now() -> NaiveDateTime {
    chrono::Utc::now().naive_utc()
}

fn to_timestamp(secs: u64) -> Option<NaiveDateTime> {
    i64::try_from(secs)
        .ok()
        .and_then(|secs| DateTime::from_timestamp(secs, 0))
        .map(|time| time.naive_utc())
}

fn from_timestamp(time: NaiveDateTime) -> u64 {
    u64::try_from(time.and_utc().timestamp()).unwrap_or(0)
}

/// The column values for `token`, sealed for the row (`account`, `token.token_type`).
pub(crate) fn seal(
    keys: &TokenKeys,
    account: i64,
    token: &Token,
) -> Result<TokenValues, StoreError> {
    let slot = token.token_type.as_str();
    let seal = |column, value: &str| keys.seal(column, account, slot, value);
    Ok(TokenValues {
        access_token: seal(Column::AccessToken, token.access_token.expose_secret())?,
        access_token_hash: keys.current_lookup_hash(token.access_token.expose_secret()),
        secret: token
            .secret
            .as_ref()
            .map(|secret| seal(Column::Secret, secret.expose_secret()))
            .transpose()?,
        refresh_token: token
            .refresh_token
            .as_ref()
            .map(|refresh| seal(Column::RefreshToken, refresh.expose_secret()))
            .transpose()?,
        key_id: keys.current().id().to_owned(),
        scopes: token.scopes.join(" "),
        expires: token.expires_at.and_then(to_timestamp),
        updated: now(),
    })
}

/// The token stored in `row`.
pub(crate) fn open(keys: &TokenKeys, row: &TokenRow) -> Result<Token, StoreError> {
    let account = row.id_remote_account;
    let slot = row.token_type.as_str();
    let open = |column, value: &str| keys.open(&row.key_id, column, account, slot, value);
    Ok(Token {
        access_token: AccessToken::new(open(Column::AccessToken, &row.access_token)?.as_str()),
        secret: row
            .secret
            .as_deref()
            .map(|secret| open(Column::Secret, secret).map(|s| TokenSecret::new(s.as_str())))
            .transpose()?,
        refresh_token: row
            .refresh_token
            .as_deref()
            .map(|refresh| {
                open(Column::RefreshToken, refresh).map(|r| RefreshToken::new(r.as_str()))
            })
            .transpose()?,
        expires_at: row.expires.map(from_timestamp),
        token_type: row.token_type.clone(),
        scopes: row.scopes.split_whitespace().map(str::to_owned).collect(),
        extra: serde_json::Value::Null,
    })
}
