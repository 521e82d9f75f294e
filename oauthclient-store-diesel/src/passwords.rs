//! Local passwords: the store keeps a hash the host app computed (argon2, say); it never sees
//! a password.

use diesel::prelude::*;
use oauthclient_core::account::{User, UserId};
use oauthclient_core::store::StoreError;

use crate::error::query_error;
use crate::models::UserRow;
use crate::schema::accounts_user as users;
use crate::store::DieselStore;
use crate::tokens::now;
use crate::users::{claim_rows, holder_row};

impl DieselStore {
    /// Sets (or, with `None`, clears) a user's password hash. A user without one can only
    /// sign in through a remote account, which is what the unlink guard checks.
    pub async fn set_password_hash(
        &self,
        user_id: &UserId,
        hash: Option<String>,
    ) -> Result<(), StoreError> {
        let user_id = user_id.clone();
        self.run(move |conn, _| {
            let id = crate::users::row_id(&user_id).ok_or_else(|| {
                StoreError::new(
                    oauthclient_core::store::StoreErrorKind::Other,
                    format!("there is no user {user_id} in this store's users table"),
                )
            })?;
            diesel::update(users::table.find(id))
                .set((users::password_hash.eq(hash), users::updated.eq(now())))
                .execute(conn)
                .map(drop)
                .map_err(query_error)
        })
        .await
    }

    /// The accounts a password sign-in with `login` may mean, each with its password hash,
    /// for the host app to verify in this order: the account with this username, the one
    /// holding the mailbox of `login` (confirmed), then the accounts claiming it unconfirmed
    /// since `claimed_since` (oldest first, at most
    /// [`oauthclient_core::store::MAX_UNCONFIRMED_CLAIMS`]). Several accounts may claim one
    /// address until one of them confirms it: the password tells them apart.
    pub async fn sign_in_candidates(
        &self,
        login: &str,
        claimed_since: u64,
    ) -> Result<Vec<(User, Option<String>)>, StoreError> {
        let login = login.trim().to_owned();
        self.run(move |conn, _| {
            let mut rows: Vec<UserRow> = users::table
                .filter(users::username.eq(&login))
                .select(UserRow::as_select())
                .load(conn)
                .map_err(query_error)?;
            rows.extend(holder_row(conn, &login)?);
            rows.extend(claim_rows(conn, &login, claimed_since)?);
            let mut seen = Vec::with_capacity(rows.len());
            Ok(rows
                .into_iter()
                .filter(|row| {
                    let first = !seen.contains(&row.id);
                    seen.push(row.id);
                    first
                })
                .map(|row| {
                    let hash = row.password_hash.clone();
                    (User::from(row), hash)
                })
                .collect())
        })
        .await
    }

    /// A user's password hash, for the host app to verify (a confirmation page asking the
    /// account's holder to prove it).
    pub async fn password_hash(&self, user_id: &UserId) -> Result<Option<String>, StoreError> {
        let Some(id) = crate::users::row_id(user_id) else {
            return Ok(None);
        };
        self.run(move |conn, _| {
            users::table
                .find(id)
                .select(users::password_hash)
                .first::<Option<String>>(conn)
                .optional()
                .map(Option::flatten)
                .map_err(query_error)
        })
        .await
    }
}
