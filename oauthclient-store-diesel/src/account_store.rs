//! `AccountStore` and `UserStore` for [`DieselStore`]: each method runs its queries off the
//! executor; the composite ones in one write transaction.

use async_trait::async_trait;
use oauthclient_core::Token;
use oauthclient_core::account::{AccountInfo, NewUser, RemoteAccount, User, UserId, UserIdentity};
use oauthclient_core::pending_signup::{PendingSignup, PendingSignupId};
use oauthclient_core::secret::{AccessToken, RefreshToken};
use oauthclient_core::store::StoreError;
use oauthclient_core::store::{AccountStore, NewLink, StoreErrorKind, UserStore};

use crate::connection::AnyConnection;
use crate::crypto::TokenKeys;
use crate::store::DieselStore;
use crate::{accounts, identities, pending_signups, unlink, users};

/// The body of [`AccountStore::link`], shared with [`UserStore::register_and_link`].
fn link_in_transaction(
    conn: &mut AnyConnection,
    keys: &TokenKeys,
    user_id: &UserId,
    link: &NewLink,
) -> Result<RemoteAccount, StoreError> {
    identities::link(conn, user_id, &link.account_info)?;
    let account = accounts::find_or_create(conn, user_id, &link.client_id, &link.extra_data)?;
    accounts::put_token(conn, keys, account.id, &link.token)?;
    Ok(account)
}

impl DieselStore {
    /// Runs a linking transaction; a lost race on the identity is retried once, so that the
    /// loser sees the winner's committed row and answers as if it had come second.
    async fn link_retrying<T, F>(&self, work: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: Fn(&mut AnyConnection, &TokenKeys) -> Result<T, StoreError>
            + Send
            + Sync
            + Clone
            + 'static,
    {
        match self.write(work.clone()).await {
            Err(err) if err.kind() == StoreErrorKind::AlreadyLinked => self.write(work).await,
            other => other,
        }
    }
}

#[async_trait]
impl AccountStore for DieselStore {
    async fn remote_account(
        &self,
        user_id: &UserId,
        client_id: &str,
    ) -> Result<Option<RemoteAccount>, StoreError> {
        let user_id = user_id.clone();
        let client_id = client_id.to_owned();
        self.run(move |conn, _| accounts::find(conn, &user_id, &client_id))
            .await
    }

    async fn remote_accounts_of(&self, user_id: &UserId) -> Result<Vec<RemoteAccount>, StoreError> {
        let user_id = user_id.clone();
        self.run(move |conn, _| accounts::of_user(conn, &user_id))
            .await
    }

    async fn create_remote_account(
        &self,
        user_id: &UserId,
        client_id: &str,
        extra_data: serde_json::Value,
    ) -> Result<RemoteAccount, StoreError> {
        let user_id = user_id.clone();
        let client_id = client_id.to_owned();
        self.run(move |conn, _| accounts::create(conn, &user_id, &client_id, extra_data))
            .await
    }

    async fn update_extra_data(
        &self,
        account_id: i64,
        extra_data: serde_json::Value,
    ) -> Result<(), StoreError> {
        self.run(move |conn, _| accounts::update_extra_data(conn, account_id, extra_data))
            .await
    }

    async fn delete_remote_account(&self, account_id: i64) -> Result<(), StoreError> {
        self.write(move |conn, _| accounts::delete(conn, account_id))
            .await
    }

    async fn save_token(
        &self,
        user_id: &UserId,
        client_id: &str,
        token: &Token,
    ) -> Result<RemoteAccount, StoreError> {
        let user_id = user_id.clone();
        let client_id = client_id.to_owned();
        let token = token.clone();
        self.write(move |conn, keys| {
            let account =
                accounts::find_or_create(conn, &user_id, &client_id, &serde_json::json!({}))?;
            accounts::put_token(conn, keys, account.id, &token)?;
            Ok(account)
        })
        .await
    }

    async fn token(
        &self,
        user_id: &UserId,
        client_id: &str,
        token_type: &str,
    ) -> Result<Option<Token>, StoreError> {
        let user_id = user_id.clone();
        let (client_id, token_type) = (client_id.to_owned(), token_type.to_owned());
        self.run(move |conn, keys| {
            accounts::get_token(conn, keys, &user_id, &client_id, &token_type)
        })
        .await
    }

    async fn replace_refreshed_token(
        &self,
        user_id: &UserId,
        client_id: &str,
        expected: &RefreshToken,
        fresh: &Token,
    ) -> Result<bool, StoreError> {
        let user_id = user_id.clone();
        let client_id = client_id.to_owned();
        let (expected, fresh) = (expected.clone(), fresh.clone());
        self.write(move |conn, keys| {
            accounts::replace_refreshed(conn, keys, &user_id, &client_id, &expected, &fresh)
        })
        .await
    }

    async fn delete_token(
        &self,
        user_id: &UserId,
        client_id: &str,
        token_type: &str,
    ) -> Result<(), StoreError> {
        let user_id = user_id.clone();
        let (client_id, token_type) = (client_id.to_owned(), token_type.to_owned());
        self.write(move |conn, _keys| {
            accounts::delete_token(conn, &user_id, &client_id, &token_type)
        })
        .await
    }

    async fn account_by_token(
        &self,
        client_id: &str,
        access_token: &AccessToken,
        token_type: &str,
    ) -> Result<Option<RemoteAccount>, StoreError> {
        let (client_id, token_type) = (client_id.to_owned(), token_type.to_owned());
        let access_token = access_token.clone();
        self.run(move |conn, keys| {
            accounts::by_token(conn, keys, &client_id, &access_token, &token_type)
        })
        .await
    }

    async fn link_identity(&self, user_id: &UserId, info: &AccountInfo) -> Result<(), StoreError> {
        let user_id = user_id.clone();
        let info = info.clone();
        self.link_retrying(move |conn, _| identities::link(conn, &user_id, &info))
            .await
    }

    async fn unlink_identity(&self, method: &str, external_id: &str) -> Result<(), StoreError> {
        let (method, external_id) = (method.to_owned(), external_id.to_owned());
        self.run(move |conn, _| identities::unlink(conn, &method, &external_id))
            .await
    }

    async fn identity(
        &self,
        method: &str,
        external_id: &str,
    ) -> Result<Option<UserIdentity>, StoreError> {
        let (method, external_id) = (method.to_owned(), external_id.to_owned());
        self.run(move |conn, _| identities::find(conn, &method, &external_id))
            .await
    }

    async fn identities_of(&self, user_id: &UserId) -> Result<Vec<UserIdentity>, StoreError> {
        let user_id = user_id.clone();
        self.run(move |conn, _| identities::of_user(conn, &user_id))
            .await
    }

    /// Both lookups on one connection: one blocking-pool hop and one check-out per callback
    /// instead of two.
    async fn owner_of(
        &self,
        client_id: &str,
        token: &Token,
        method: &str,
        external_id: &str,
    ) -> Result<Option<UserId>, StoreError> {
        let (client_id, method, external_id) = (
            client_id.to_owned(),
            method.to_owned(),
            external_id.to_owned(),
        );
        let (access_token, token_type) = (token.access_token.clone(), token.token_type.clone());
        self.run(move |conn, keys| {
            if let Some(account) =
                accounts::by_token(conn, keys, &client_id, &access_token, &token_type)?
            {
                return Ok(Some(account.user_id));
            }
            Ok(identities::find(conn, &method, &external_id)?.map(|identity| identity.user_id))
        })
        .await
    }

    async fn link(&self, user_id: &UserId, link: &NewLink) -> Result<RemoteAccount, StoreError> {
        let user_id = user_id.clone();
        let link = link.clone();
        self.link_retrying(move |conn, keys| link_in_transaction(conn, keys, &user_id, &link))
            .await
    }

    async fn save_pending_signup(
        &self,
        id: &PendingSignupId,
        signup: &PendingSignup,
        expires_at: u64,
    ) -> Result<(), StoreError> {
        let (id, signup) = (id.clone(), signup.clone());
        let now = oauthclient_core::clock::Clock::now(&oauthclient_core::clock::SystemClock);
        self.write(move |conn, keys| {
            pending_signups::save(conn, keys, &id, &signup, expires_at, now)
        })
        .await
    }

    async fn pending_signup(
        &self,
        id: &PendingSignupId,
        now: u64,
    ) -> Result<Option<PendingSignup>, StoreError> {
        let id = id.clone();
        self.run(move |conn, keys| pending_signups::find(conn, keys, &id, now))
            .await
    }

    async fn delete_pending_signup(&self, id: &PendingSignupId) -> Result<(), StoreError> {
        let id = id.clone();
        self.run(move |conn, _| pending_signups::delete(conn, &id))
            .await
    }

    async fn unlink_unless_last(
        &self,
        user_id: &UserId,
        client_id: &str,
        method: &str,
        has_password: bool,
    ) -> Result<bool, StoreError> {
        let user_id = user_id.clone();
        let (client_id, method) = (client_id.to_owned(), method.to_owned());
        self.write(move |conn, _| {
            unlink::unlink_unless_last(conn, &user_id, &client_id, &method, has_password)
        })
        .await
    }
}

#[async_trait]
impl UserStore for DieselStore {
    async fn user_by_id(&self, user_id: &UserId) -> Result<Option<User>, StoreError> {
        let user_id = user_id.clone();
        self.run(move |conn, _| users::by_id(conn, &user_id)).await
    }

    async fn user_holding_email(&self, email: &str) -> Result<Option<User>, StoreError> {
        let email = email.to_owned();
        self.run(move |conn, _| users::holder(conn, &email)).await
    }

    async fn unconfirmed_claims(
        &self,
        email: &str,
        claimed_since: u64,
    ) -> Result<Vec<User>, StoreError> {
        let email = email.to_owned();
        self.run(move |conn, _| {
            Ok(users::claim_rows(conn, &email, claimed_since)?
                .into_iter()
                .map(Into::into)
                .collect())
        })
        .await
    }

    async fn create_user(&self, user: &NewUser) -> Result<User, StoreError> {
        let user = user.clone();
        // A write transaction: the holder check, the claims a confirmed user ends and the
        // insert are one.
        self.write(move |conn, _| users::create(conn, &user)).await
    }

    async fn register_and_link(&self, user: &NewUser, link: &NewLink) -> Result<User, StoreError> {
        let (user, link) = (user.clone(), link.clone());
        self.write(move |conn, keys| {
            let created = users::create(conn, &user)?;
            link_in_transaction(conn, keys, &created.id, &link)?;
            Ok(created)
        })
        .await
    }

    async fn delete_user(&self, user_id: &UserId) -> Result<(), StoreError> {
        let user_id = user_id.clone();
        self.write(move |conn, _| users::delete(conn, &user_id))
            .await
    }

    async fn confirm_email(
        &self,
        user_id: &UserId,
        email: &str,
        issued_at: u64,
    ) -> Result<bool, StoreError> {
        let user_id = user_id.clone();
        let email = email.to_owned();
        self.write(move |conn, _| users::confirm_email(conn, &user_id, &email, issued_at))
            .await
    }

    async fn change_email(&self, user_id: &UserId, email: &str) -> Result<User, StoreError> {
        let user_id = user_id.clone();
        let email = email.to_owned();
        // In a transaction, so the user read back is the one this call wrote.
        self.write(move |conn, _| users::change_email(conn, &user_id, &email))
            .await
    }

    async fn note_confirmation_sent(
        &self,
        user_id: &UserId,
        cooldown_secs: u64,
    ) -> Result<bool, StoreError> {
        let user_id = user_id.clone();
        self.run(move |conn, _| users::note_confirmation_sent(conn, &user_id, cooldown_secs))
            .await
    }

    async fn end_sessions(&self, user_id: &UserId) -> Result<User, StoreError> {
        let user_id = user_id.clone();
        // In a transaction, so the user read back carries the epoch this call wrote.
        self.write(move |conn, _| users::end_sessions(conn, &user_id))
            .await
    }
}
