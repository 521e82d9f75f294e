//! What the app writes to adopt oauthclient-rs: its users table as a [`UserDirectory`].

use async_trait::async_trait;
use oauthclient_core::account::{NewUser, UserId};
use oauthclient_core::store::StoreError;
use oauthclient_core::user_directory::{DirectoryUser, UserDirectory};

use crate::users::{AppUsers, UserRow};

impl From<UserRow> for DirectoryUser {
    fn from(row: UserRow) -> Self {
        DirectoryUser::new(UserId::new(row.id))
            .with_email(row.email, row.email_confirmed)
            .with_active(row.active)
            .with_own_login(row.has_password)
            .with_names(row.full_name, None)
    }
}

#[async_trait]
impl UserDirectory for AppUsers {
    async fn user_by_id(&self, id: &UserId) -> Result<Option<DirectoryUser>, StoreError> {
        let id = id.as_str().to_owned();
        let row = self.run(move |conn| Self::by_id(conn, &id)).await?;
        Ok(row.map(DirectoryUser::from))
    }

    async fn user_by_confirmed_email(
        &self,
        email: &str,
    ) -> Result<Option<DirectoryUser>, StoreError> {
        let email = email.to_owned();
        let row = self.run(move |conn| Self::by_email(conn, &email)).await?;
        Ok(row
            .filter(|row| row.email_confirmed)
            .map(DirectoryUser::from))
    }

    async fn create_user(&self, user: &NewUser) -> Result<DirectoryUser, StoreError> {
        let user = user.clone();
        let row = self
            .run(move |conn| {
                Self::insert(
                    conn,
                    &user.email,
                    user.confirmed,
                    user.full_name.as_deref(),
                    None,
                )
            })
            .await?;
        Ok(row.into())
    }

    async fn remove_unlinked_user(&self, id: &UserId) -> Result<(), StoreError> {
        let id = id.as_str().to_owned();
        self.run(move |conn| Self::delete(conn, &id)).await
    }
}
