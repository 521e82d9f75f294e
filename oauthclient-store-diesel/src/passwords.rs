//! Local passwords: the store keeps a hash the host app computed (argon2, say); it never sees
//! a password.

use diesel::prelude::*;
use oauthclient_core::account::{User, UserId};
use oauthclient_core::store::StoreError;

use crate::error::query_error;
use crate::schema::accounts_user as users;
use crate::store::DieselStore;
use crate::tokens::now;
use crate::users::row_by_email;

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

    /// The user claiming the mailbox of this e-mail (same
    /// [`oauthclient_core::email::mailbox_key`]) and their password hash, for the host app to
    /// verify.
    pub async fn password_hash_by_email(
        &self,
        email: &str,
    ) -> Result<Option<(User, Option<String>)>, StoreError> {
        let email = email.to_owned();
        self.run(move |conn, _| {
            Ok(row_by_email(conn, &email)?.map(|row| {
                let hash = row.password_hash.clone();
                (User::from(row), hash)
            }))
        })
        .await
    }
}
