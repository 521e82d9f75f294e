//! Operator queries behind the `oauthclient` CLI: every linked account at a glance, and
//! ending expired unconfirmed e-mail claims. Purging expired tokens: `purge`.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use oauthclient_core::account::{User, UserId};
use oauthclient_core::store::StoreError;

use crate::connection::AnyConnection;
use crate::error::query_error;
use crate::schema::{
    accounts_user as users, oauthclient_remoteaccount as accounts,
    oauthclient_remotetoken as tokens,
};
use crate::store::DieselStore;
use crate::users::{claim_rows, holder_row};
use crate::users_table::UsersTable;

/// One linked remote account as an operator sees it: never a token, only whether there is one
/// and when it expires.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountSummary {
    /// The remote account's id.
    pub account_id: i64,
    /// The local user.
    pub user_id: UserId,
    /// The local user's e-mail; `None` when the users are the host's (or the user is gone).
    pub email: Option<String>,
    /// The remote app's client id (`consumer_key`).
    pub client_id: String,
    /// Token slots stored for the account (`token_type`, `''` by default).
    pub tokens: usize,
    /// The earliest expiry among them (UTC), when any says.
    pub token_expires: Option<NaiveDateTime>,
    /// When the account was linked (UTC).
    pub created: NaiveDateTime,
}

impl DieselStore {
    /// The account holding the mailbox of `email`, else the earliest account claiming it
    /// unconfirmed (of any age): for operators and tests. Sign-in decisions use
    /// [`oauthclient_core::UserStore::user_holding_email`] and
    /// [`oauthclient_core::UserStore::unconfirmed_claims`].
    pub async fn user_by_email(&self, email: &str) -> Result<Option<User>, StoreError> {
        let email = email.to_owned();
        self.run(move |conn, _| {
            if let Some(holder) = holder_row(conn, &email)? {
                return Ok(Some(holder.into()));
            }
            Ok(claim_rows(conn, &email, 0)?
                .into_iter()
                .next()
                .map(Into::into))
        })
        .await
    }

    /// Ends every unconfirmed claim older than `max_age_secs`: the address leaves the account
    /// (kept in [`User::ended_claim`] to tell the user). Returns how many ended. The
    /// `oauthclient accounts purge-unconfirmed` command runs it.
    pub async fn end_expired_claims(&self, max_age_secs: u64) -> Result<usize, StoreError> {
        let cutoff = oauthclient_core::clock::Clock::now(&oauthclient_core::clock::SystemClock)
            .saturating_sub(max_age_secs);
        self.write(move |conn, _| crate::users::end_expired_claims(conn, cutoff))
            .await
    }

    /// Every linked account (of `user` only, when given), by user then client id.
    ///
    /// ```
    /// # tokio::runtime::Runtime::new().expect("runtime").block_on(async {
    /// use oauthclient_core::secret::SecretKey;
    /// use oauthclient_store_diesel::{DieselStore, StoreOptions, TokenKey, TokenKeys};
    /// let dir = tempfile::tempdir().expect("temp dir");
    /// let url = format!("sqlite://{}", dir.path().join("oauth.sqlite").display());
    /// let keys = TokenKeys::new(vec![TokenKey::derive("k1", &SecretKey::new("a-very-long-random-secret-of-32+bytes"))]).expect("a key");
    /// let store = DieselStore::connect(&url, keys, StoreOptions::default()).await?;
    /// assert!(store.list_accounts(None).await?.is_empty());
    /// # Ok::<(), oauthclient_core::StoreError>(())
    /// # }).expect("example");
    /// ```
    pub async fn list_accounts(
        &self,
        user: Option<UserId>,
    ) -> Result<Vec<AccountSummary>, StoreError> {
        let users_table = self.users_table();
        self.run(move |conn, _keys| {
            let mut query = accounts::table
                .select((
                    accounts::id,
                    accounts::user_id,
                    accounts::client_id,
                    accounts::created,
                ))
                .order((accounts::user_id, accounts::client_id))
                .into_boxed();
            if let Some(user) = &user {
                query = query.filter(accounts::user_id.eq(user.as_str().to_owned()));
            }
            let rows: Vec<(i64, String, String, NaiveDateTime)> =
                query.load(conn).map_err(query_error)?;
            let ids: Vec<i64> = rows.iter().map(|row| row.0).collect();
            let token_info = token_info(conn, &ids)?;
            let emails = match users_table {
                UsersTable::Library => emails_of(conn, rows.iter().map(|row| row.1.as_str()))?,
                UsersTable::Host => BTreeMap::new(),
            };
            Ok(rows
                .into_iter()
                .map(|(account_id, user_id, client_id, created)| {
                    let (tokens, token_expires) =
                        token_info.get(&account_id).copied().unwrap_or((0, None));
                    AccountSummary {
                        account_id,
                        email: emails.get(&user_id).cloned(),
                        user_id: UserId::new(user_id),
                        client_id,
                        tokens,
                        token_expires,
                        created,
                    }
                })
                .collect())
        })
        .await
    }
}

/// Per account: how many token slots it has and their earliest expiry. Bounded chunks:
/// SQLite caps the number of bound parameters per statement.
fn token_info(
    conn: &mut AnyConnection,
    accounts: &[i64],
) -> Result<BTreeMap<i64, (usize, Option<NaiveDateTime>)>, StoreError> {
    let mut info: BTreeMap<i64, (usize, Option<NaiveDateTime>)> = BTreeMap::new();
    for chunk in accounts.chunks(500) {
        let found: Vec<(i64, Option<NaiveDateTime>)> = tokens::table
            .filter(tokens::id_remote_account.eq_any(chunk))
            .select((tokens::id_remote_account, tokens::expires))
            .load(conn)
            .map_err(query_error)?;
        for (account, expires) in found {
            let entry = info.entry(account).or_insert((0, None));
            entry.0 += 1;
            entry.1 = match (entry.1, expires) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
        }
    }
    Ok(info)
}

/// The addresses of the library's own users among `user_ids` (keyed by the id as text).
fn emails_of<'a>(
    conn: &mut AnyConnection,
    user_ids: impl Iterator<Item = &'a str>,
) -> Result<BTreeMap<String, String>, StoreError> {
    let ids: Vec<i64> = user_ids.filter_map(|id| id.parse().ok()).collect();
    let mut emails = BTreeMap::new();
    for chunk in ids.chunks(500) {
        let found: Vec<(i64, String)> = users::table
            .filter(users::id.eq_any(chunk))
            .select((users::id, users::email))
            .load(conn)
            .map_err(query_error)?;
        emails.extend(found.into_iter().map(|(id, email)| (id.to_string(), email)));
    }
    Ok(emails)
}
