//! Rows as Diesel reads and writes them.
//!
//! The user row (password hash) and the token rows (sealed tokens and their lookup hash) have
//! no `Debug`: nothing should print them, even by accident in a log line or a panic.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::json::JsonDocument;
use crate::schema::{
    accounts_user, oauthclient_remoteaccount, oauthclient_remotetoken, oauthclient_useridentity,
};

#[derive(Queryable, Selectable)]
#[diesel(table_name = accounts_user)]
pub(crate) struct UserRow {
    pub id: i64,
    pub email: String,
    pub username: Option<String>,
    pub full_name: Option<String>,
    pub password_hash: Option<String>,
    pub active: bool,
    pub confirmed_at: Option<NaiveDateTime>,
    pub email_changed_at: NaiveDateTime,
    pub session_epoch: i64,
    pub ended_claim: Option<String>,
    pub created: NaiveDateTime,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = accounts_user)]
pub(crate) struct NewUserRow<'a> {
    pub email: &'a str,
    pub email_key: Option<&'a str>,
    pub claim_key: &'a str,
    pub username: Option<&'a str>,
    pub full_name: Option<&'a str>,
    pub active: bool,
    pub confirmed_at: Option<NaiveDateTime>,
    pub email_changed_at: NaiveDateTime,
    pub created: NaiveDateTime,
    pub updated: NaiveDateTime,
}

#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = oauthclient_remoteaccount)]
pub(crate) struct RemoteAccountRow {
    pub id: i64,
    pub user_id: String,
    pub client_id: String,
    pub extra_data: JsonDocument,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = oauthclient_remoteaccount)]
pub(crate) struct NewRemoteAccountRow<'a> {
    pub user_id: String,
    pub client_id: &'a str,
    pub extra_data: JsonDocument,
    pub created: NaiveDateTime,
    pub updated: NaiveDateTime,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = oauthclient_remotetoken)]
pub(crate) struct TokenRow {
    pub id_remote_account: i64,
    pub token_type: String,
    pub access_token: String,
    pub secret: Option<String>,
    pub refresh_token: Option<String>,
    pub key_id: String,
    pub scopes: String,
    pub expires: Option<NaiveDateTime>,
}

#[derive(Insertable, AsChangeset)]
#[diesel(table_name = oauthclient_remotetoken)]
#[diesel(treat_none_as_null = true)]
pub(crate) struct TokenValues {
    pub access_token: String,
    pub access_token_hash: String,
    pub secret: Option<String>,
    pub refresh_token: Option<String>,
    pub key_id: String,
    pub scopes: String,
    pub expires: Option<NaiveDateTime>,
    pub updated: NaiveDateTime,
}

#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = oauthclient_useridentity)]
pub(crate) struct IdentityRow {
    pub id: String,
    pub method: String,
    pub id_user: String,
}
