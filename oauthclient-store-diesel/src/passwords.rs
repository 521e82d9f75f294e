//! Local passwords: the store keeps a hash the host app computed (argon2, say); it never sees
//! a password.

use diesel::prelude::*;
use oauthclient_core::OAuthError;
use oauthclient_core::account::{User, UserId};

use crate::error::query_error;
use crate::models::UserRow;
use crate::schema::accounts_user as users;
use crate::store::DieselStore;
use crate::tokens::now;
use crate::users::normalize_email;

impl DieselStore {
    /// Sets (or, with `None`, clears) a user's password hash. A user without one can only
    /// sign in through a remote account, which is what the unlink guard checks.
    pub async fn set_password_hash(
        &self,
        user_id: UserId,
        hash: Option<String>,
    ) -> Result<(), OAuthError> {
        self.run(move |conn, _| {
            diesel::update(users::table.find(user_id))
                .set((users::password_hash.eq(hash), users::updated.eq(now())))
                .execute(conn)
                .map(drop)
                .map_err(query_error)
        })
        .await
    }

    /// The user with this e-mail and their password hash, for the host app to verify.
    pub async fn password_hash_by_email(
        &self,
        email: &str,
    ) -> Result<Option<(User, Option<String>)>, OAuthError> {
        let email = normalize_email(email);
        self.run(move |conn, _| {
            users::table
                .filter(users::email.eq(email))
                .select(UserRow::as_select())
                .first(conn)
                .optional()
                .map(|row| {
                    row.map(|row| {
                        let hash = row.password_hash.clone();
                        (User::from(row), hash)
                    })
                })
                .map_err(query_error)
        })
        .await
    }
}
