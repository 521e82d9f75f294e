//! [`CallbackMemo`]: one callback's view of the stores, reading each user and each remote
//! account once.
//!
//! A callback's steps each check what they need: the authorized handler reads the user to
//! see whether they may sign in, the engine reads them again to apply the site's rules
//! whatever handler decided, the groups are recorded on the remote account the token was just
//! saved to, and the sign-in announces the groups that account keeps. Without a memo each of
//! those is a store round trip (on PostgreSQL a blocking-pool hop, a pool check-out and a
//! query). The memo answers a repeated read from what this callback last read or wrote, and
//! forgets what any other write may have changed: a step still sees every earlier step's
//! writes, exactly as it would through the store. It lives for one callback, so what it holds
//! is no older than the callback itself (the steps of a callback were never one transaction).

use std::sync::{Mutex, MutexGuard, PoisonError};

use async_trait::async_trait;

use crate::account::{AccountInfo, NewUser, RemoteAccount, User, UserId, UserIdentity};
use crate::pending_signup::{PendingSignup, PendingSignupId};
use crate::secret::{AccessToken, RefreshToken};
use crate::store::{AccountStore, NewLink, StoreError, UserStore};
use crate::token::Token;

/// What one callback read or wrote, keyed as the reads ask for it.
#[derive(Default)]
struct Seen {
    /// `user_by_id` answers.
    users: Vec<(UserId, Option<User>)>,
    /// `remote_account(user, client)` answers.
    accounts: Vec<((UserId, String), Option<RemoteAccount>)>,
}

impl Seen {
    /// `account` as stored now: the only one of its (user, client).
    fn account(&mut self, account: &RemoteAccount) {
        let key = (account.user_id.clone(), account.client_id.clone());
        self.accounts.retain(|(seen, _)| *seen != key);
        self.accounts.push((key, Some(account.clone())));
    }
}

/// The stores of one callback, reading each user and remote account at most once (see the
/// module's documentation). Every call reaches the stores except a repeated `user_by_id` or
/// `remote_account`.
pub(crate) struct CallbackMemo<'a> {
    accounts: &'a dyn AccountStore,
    users: &'a dyn UserStore,
    seen: Mutex<Seen>,
}

impl<'a> CallbackMemo<'a> {
    pub(crate) fn new(accounts: &'a dyn AccountStore, users: &'a dyn UserStore) -> Self {
        Self {
            accounts,
            users,
            seen: Mutex::default(),
        }
    }

    /// The memo; never held across an `await`. A panic while it was held cannot leave it
    /// half updated in a way that matters (at worst an entry is missing: a read goes to the
    /// store), so a poisoned lock is used as is.
    fn seen(&self) -> MutexGuard<'_, Seen> {
        self.seen.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A write that may change remote accounts in ways this memo does not follow.
    fn forget_accounts(&self) {
        self.seen().accounts.clear();
    }

    /// A write that may change users in ways this memo does not follow.
    fn forget_users(&self) {
        self.seen().users.clear();
    }

    /// Keeps the account a write returned, or forgets every account when the write failed
    /// (it may have been partly done, as far as the memo can tell).
    fn after_account_write(
        &self,
        written: Result<RemoteAccount, StoreError>,
    ) -> Result<RemoteAccount, StoreError> {
        let mut seen = self.seen();
        match &written {
            Ok(account) => seen.account(account),
            Err(_) => seen.accounts.clear(),
        }
        written
    }
}

#[async_trait]
impl AccountStore for CallbackMemo<'_> {
    async fn remote_account(
        &self,
        user_id: &UserId,
        client_id: &str,
    ) -> Result<Option<RemoteAccount>, StoreError> {
        let memo = self
            .seen()
            .accounts
            .iter()
            .find(|((user, client), _)| user == user_id && client == client_id)
            .map(|(_, account)| account.clone());
        if let Some(account) = memo {
            return Ok(account);
        }
        let account = self.accounts.remote_account(user_id, client_id).await?;
        let key = (user_id.clone(), client_id.to_owned());
        self.seen().accounts.push((key, account.clone()));
        Ok(account)
    }

    async fn remote_accounts_of(&self, user_id: &UserId) -> Result<Vec<RemoteAccount>, StoreError> {
        self.accounts.remote_accounts_of(user_id).await
    }

    async fn create_remote_account(
        &self,
        user_id: &UserId,
        client_id: &str,
        extra_data: serde_json::Value,
    ) -> Result<RemoteAccount, StoreError> {
        let created = (self.accounts)
            .create_remote_account(user_id, client_id, extra_data)
            .await;
        self.after_account_write(created)
    }

    async fn update_extra_data(
        &self,
        account_id: i64,
        extra_data: serde_json::Value,
    ) -> Result<(), StoreError> {
        let updated = (self.accounts)
            .update_extra_data(account_id, extra_data.clone())
            .await;
        let mut seen = self.seen();
        match &updated {
            Ok(()) => {
                for (_, account) in &mut seen.accounts {
                    if let Some(account) = account.as_mut().filter(|a| a.id == account_id) {
                        account.extra_data = extra_data.clone();
                    }
                }
            }
            Err(_) => seen.accounts.clear(),
        }
        updated
    }

    async fn delete_remote_account(&self, account_id: i64) -> Result<(), StoreError> {
        self.forget_accounts();
        self.accounts.delete_remote_account(account_id).await
    }

    async fn save_token(
        &self,
        user_id: &UserId,
        client_id: &str,
        token: &Token,
    ) -> Result<RemoteAccount, StoreError> {
        let saved = self.accounts.save_token(user_id, client_id, token).await;
        self.after_account_write(saved)
    }

    async fn token(
        &self,
        user_id: &UserId,
        client_id: &str,
        token_type: &str,
    ) -> Result<Option<Token>, StoreError> {
        self.accounts.token(user_id, client_id, token_type).await
    }

    async fn replace_refreshed_token(
        &self,
        user_id: &UserId,
        client_id: &str,
        expected: &RefreshToken,
        fresh: &Token,
    ) -> Result<bool, StoreError> {
        (self.accounts)
            .replace_refreshed_token(user_id, client_id, expected, fresh)
            .await
    }

    async fn delete_token(
        &self,
        user_id: &UserId,
        client_id: &str,
        token_type: &str,
    ) -> Result<(), StoreError> {
        (self.accounts)
            .delete_token(user_id, client_id, token_type)
            .await
    }

    async fn account_by_token(
        &self,
        client_id: &str,
        access_token: &AccessToken,
        token_type: &str,
    ) -> Result<Option<RemoteAccount>, StoreError> {
        (self.accounts)
            .account_by_token(client_id, access_token, token_type)
            .await
    }

    async fn link_identity(&self, user_id: &UserId, info: &AccountInfo) -> Result<(), StoreError> {
        self.accounts.link_identity(user_id, info).await
    }

    async fn unlink_identity(&self, method: &str, external_id: &str) -> Result<(), StoreError> {
        self.accounts.unlink_identity(method, external_id).await
    }

    async fn identity(
        &self,
        method: &str,
        external_id: &str,
    ) -> Result<Option<UserIdentity>, StoreError> {
        self.accounts.identity(method, external_id).await
    }

    async fn identities_of(&self, user_id: &UserId) -> Result<Vec<UserIdentity>, StoreError> {
        self.accounts.identities_of(user_id).await
    }

    async fn owner_of(
        &self,
        client_id: &str,
        token: &Token,
        method: &str,
        external_id: &str,
    ) -> Result<Option<UserId>, StoreError> {
        (self.accounts)
            .owner_of(client_id, token, method, external_id)
            .await
    }

    async fn link(&self, user_id: &UserId, link: &NewLink) -> Result<RemoteAccount, StoreError> {
        let linked = self.accounts.link(user_id, link).await;
        self.after_account_write(linked)
    }

    async fn save_pending_signup(
        &self,
        id: &PendingSignupId,
        signup: &PendingSignup,
        expires_at: u64,
    ) -> Result<(), StoreError> {
        (self.accounts)
            .save_pending_signup(id, signup, expires_at)
            .await
    }

    async fn pending_signup(
        &self,
        id: &PendingSignupId,
        now: u64,
    ) -> Result<Option<PendingSignup>, StoreError> {
        self.accounts.pending_signup(id, now).await
    }

    async fn delete_pending_signup(&self, id: &PendingSignupId) -> Result<(), StoreError> {
        self.accounts.delete_pending_signup(id).await
    }

    async fn unlink_unless_last(
        &self,
        user_id: &UserId,
        client_id: &str,
        method: &str,
        has_password: bool,
    ) -> Result<bool, StoreError> {
        self.forget_accounts();
        (self.accounts)
            .unlink_unless_last(user_id, client_id, method, has_password)
            .await
    }
}

#[async_trait]
impl UserStore for CallbackMemo<'_> {
    async fn user_by_id(&self, user_id: &UserId) -> Result<Option<User>, StoreError> {
        let memo = self
            .seen()
            .users
            .iter()
            .find(|(id, _)| id == user_id)
            .map(|(_, user)| user.clone());
        if let Some(user) = memo {
            return Ok(user);
        }
        let user = self.users.user_by_id(user_id).await?;
        self.seen().users.push((user_id.clone(), user.clone()));
        Ok(user)
    }

    async fn user_holding_email(&self, email: &str) -> Result<Option<User>, StoreError> {
        self.users.user_holding_email(email).await
    }

    async fn unconfirmed_claims(
        &self,
        email: &str,
        claimed_since: u64,
    ) -> Result<Vec<User>, StoreError> {
        self.users.unconfirmed_claims(email, claimed_since).await
    }

    async fn create_user(&self, user: &NewUser) -> Result<User, StoreError> {
        // Users a write returns are not kept: a host's directory may describe a user it
        // just created otherwise than when asked for them. A confirmed address also ends
        // other accounts' claims on it: they changed too.
        self.forget_users();
        self.users.create_user(user).await
    }

    async fn register_and_link(&self, user: &NewUser, link: &NewLink) -> Result<User, StoreError> {
        self.forget_users();
        self.forget_accounts();
        self.users.register_and_link(user, link).await
    }

    async fn delete_user(&self, user_id: &UserId) -> Result<(), StoreError> {
        self.forget_users();
        self.forget_accounts();
        self.users.delete_user(user_id).await
    }

    async fn confirm_email(
        &self,
        user_id: &UserId,
        email: &str,
        issued_at: u64,
    ) -> Result<bool, StoreError> {
        self.forget_users();
        self.users.confirm_email(user_id, email, issued_at).await
    }

    async fn change_email(&self, user_id: &UserId, email: &str) -> Result<User, StoreError> {
        self.forget_users();
        self.users.change_email(user_id, email).await
    }

    async fn note_confirmation_sent(
        &self,
        user_id: &UserId,
        cooldown_secs: u64,
    ) -> Result<bool, StoreError> {
        self.forget_users();
        (self.users)
            .note_confirmation_sent(user_id, cooldown_secs)
            .await
    }

    async fn end_sessions(&self, user_id: &UserId) -> Result<User, StoreError> {
        self.forget_users();
        self.users.end_sessions(user_id).await
    }
}
