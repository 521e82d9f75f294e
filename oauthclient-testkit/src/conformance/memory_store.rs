//! In-memory [`AccountStore`] and [`UserStore`] for the conformance checks: enough of the
//! seed's model to link, look up and unlink one user, with the store contract's e-mail
//! semantics (addresses as given, looked up by their [`mailbox_key`]).

use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{SystemTime, UNIX_EPOCH};

use async_trait::async_trait;
use oauthclient_core::account::{NewUser, RemoteAccount, User, UserId, UserIdentity};
use oauthclient_core::email::mailbox_key;
use oauthclient_core::pending_signup::{PendingSignup, PendingSignupId};
use oauthclient_core::secret::{AccessToken, RefreshToken};
use oauthclient_core::store::{NewLink, StoreError, StoreErrorKind, leaves_no_login_method};
use oauthclient_core::{AccountInfo, AccountStore, OAuthError, Token, UserStore};

/// What a taken mailbox is told as (the Diesel store's words).
const EMAIL_TAKEN: &str = "this e-mail address is already registered";

/// A user and what the store keeps beside them.
#[derive(Debug)]
struct UserRecord {
    user: User,
    /// The mailbox key the user claims; `None` once released.
    key: Option<String>,
    /// When the last confirmation mail went, in seconds since the epoch.
    confirmation_sent_at: Option<u64>,
}

/// Seconds since the epoch.
fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs())
}

/// The key of an address about to be stored; none is a conflict saying why.
fn key_to_store(email: &str) -> Result<String, OAuthError> {
    mailbox_key(email).map_err(|err| StoreError::conflict(err.to_string()).into())
}

#[derive(Debug, Default)]
struct Memory {
    users: Vec<UserRecord>,
    accounts: Vec<RemoteAccount>,
    /// (account id, token)
    tokens: Vec<(i64, Token)>,
    identities: Vec<UserIdentity>,
    /// storage key → (sign-up, expires at)
    pending_signups: std::collections::HashMap<String, (PendingSignup, u64)>,
    next_id: i64,
}

impl Memory {
    fn next_id(&mut self) -> i64 {
        self.next_id += 1;
        self.next_id
    }

    fn account_or_create(&mut self, user_id: UserId, client_id: &str) -> RemoteAccount {
        if let Some(account) = self
            .accounts
            .iter()
            .find(|account| account.user_id == user_id && account.client_id == client_id)
        {
            return account.clone();
        }
        let account = RemoteAccount {
            id: self.next_id(),
            user_id,
            client_id: client_id.to_owned(),
            extra_data: serde_json::json!({}),
        };
        self.accounts.push(account.clone());
        account
    }

    fn record(&mut self, user_id: UserId) -> Option<&mut UserRecord> {
        self.users
            .iter_mut()
            .find(|record| record.user.id == user_id)
    }

    /// Whether a user other than `except` claims `key`.
    fn key_taken(&self, key: &str, except: Option<UserId>) -> bool {
        self.users
            .iter()
            .any(|record| record.key.as_deref() == Some(key) && Some(record.user.id) != except)
    }

    fn put_token(&mut self, account_id: i64, token: &Token) {
        self.tokens
            .retain(|(id, stored)| !(*id == account_id && stored.token_type == token.token_type));
        self.tokens.push((account_id, token.clone()));
    }

    fn add_identity(&mut self, user_id: UserId, info: &AccountInfo) -> Result<(), OAuthError> {
        let taken = self.identities.iter().any(|identity| {
            identity.method == info.external_method
                && (identity.id == info.external_id || identity.user_id == user_id)
        });
        if taken {
            return Err(OAuthError::AlreadyLinked {
                remote: info.external_method.clone(),
            });
        }
        self.identities.push(UserIdentity {
            id: info.external_id.clone(),
            method: info.external_method.clone(),
            user_id,
        });
        Ok(())
    }
}

/// One process's worth of users, accounts, tokens and identities.
#[derive(Debug, Default)]
pub(crate) struct MemoryStore {
    memory: Mutex<Memory>,
}

impl MemoryStore {
    fn lock(&self) -> MutexGuard<'_, Memory> {
        self.memory.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[async_trait]
impl AccountStore for MemoryStore {
    async fn remote_account(
        &self,
        user_id: UserId,
        client_id: &str,
    ) -> Result<Option<RemoteAccount>, OAuthError> {
        Ok(self
            .lock()
            .accounts
            .iter()
            .find(|account| account.user_id == user_id && account.client_id == client_id)
            .cloned())
    }

    async fn remote_accounts_of(&self, user_id: UserId) -> Result<Vec<RemoteAccount>, OAuthError> {
        let memory = self.lock();
        let mine = memory.accounts.iter().filter(|a| a.user_id == user_id);
        Ok(mine.cloned().collect())
    }

    async fn create_remote_account(
        &self,
        user_id: UserId,
        client_id: &str,
        extra_data: serde_json::Value,
    ) -> Result<RemoteAccount, OAuthError> {
        let mut memory = self.lock();
        if memory
            .accounts
            .iter()
            .any(|account| account.user_id == user_id && account.client_id == client_id)
        {
            return Err(OAuthError::AlreadyLinked {
                remote: client_id.to_owned(),
            });
        }
        let mut account = memory.account_or_create(user_id, client_id);
        account.extra_data = extra_data.clone();
        if let Some(stored) = memory.accounts.iter_mut().find(|a| a.id == account.id) {
            stored.extra_data = extra_data;
        }
        Ok(account)
    }

    async fn update_extra_data(
        &self,
        account_id: i64,
        extra_data: serde_json::Value,
    ) -> Result<(), OAuthError> {
        if let Some(account) = self.lock().accounts.iter_mut().find(|a| a.id == account_id) {
            account.extra_data = extra_data;
        }
        Ok(())
    }

    async fn delete_remote_account(&self, account_id: i64) -> Result<(), OAuthError> {
        let mut memory = self.lock();
        memory.accounts.retain(|account| account.id != account_id);
        memory.tokens.retain(|(id, _)| *id != account_id);
        Ok(())
    }

    async fn save_token(
        &self,
        user_id: UserId,
        client_id: &str,
        token: &Token,
    ) -> Result<RemoteAccount, OAuthError> {
        let mut memory = self.lock();
        let account = memory.account_or_create(user_id, client_id);
        memory.put_token(account.id, token);
        Ok(account)
    }

    async fn token(
        &self,
        user_id: UserId,
        client_id: &str,
        token_type: &str,
    ) -> Result<Option<Token>, OAuthError> {
        let memory = self.lock();
        let Some(account) = memory
            .accounts
            .iter()
            .find(|account| account.user_id == user_id && account.client_id == client_id)
        else {
            return Ok(None);
        };
        Ok(memory
            .tokens
            .iter()
            .find(|(id, token)| *id == account.id && token.token_type == token_type)
            .map(|(_, token)| token.clone()))
    }

    async fn replace_refreshed_token(
        &self,
        user_id: UserId,
        client_id: &str,
        expected: &RefreshToken,
        fresh: &Token,
    ) -> Result<bool, OAuthError> {
        let mut memory = self.lock();
        let Some(account) = memory
            .accounts
            .iter()
            .find(|account| account.user_id == user_id && account.client_id == client_id)
            .map(|account| account.id)
        else {
            return Ok(false);
        };
        let slot = memory
            .tokens
            .iter_mut()
            .find(|(id, token)| *id == account && token.token_type == fresh.token_type);
        match slot {
            Some((_, token)) if token.refresh_token.as_ref() == Some(expected) => {
                *token = fresh.clone();
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    async fn delete_token(
        &self,
        user_id: UserId,
        client_id: &str,
        token_type: &str,
    ) -> Result<(), OAuthError> {
        let mut memory = self.lock();
        let account = memory
            .accounts
            .iter()
            .find(|account| account.user_id == user_id && account.client_id == client_id)
            .map(|account| account.id);
        if let Some(account) = account {
            memory
                .tokens
                .retain(|(id, token)| !(*id == account && token.token_type == token_type));
        }
        Ok(())
    }

    async fn account_by_token(
        &self,
        client_id: &str,
        access_token: &AccessToken,
        token_type: &str,
    ) -> Result<Option<RemoteAccount>, OAuthError> {
        let memory = self.lock();
        let found = memory.tokens.iter().find(|(_, token)| {
            token.access_token == *access_token && token.token_type == token_type
        });
        Ok(found.and_then(|(id, _)| {
            memory
                .accounts
                .iter()
                .find(|account| account.id == *id && account.client_id == client_id)
                .cloned()
        }))
    }

    async fn link_identity(&self, user_id: UserId, info: &AccountInfo) -> Result<(), OAuthError> {
        self.lock().add_identity(user_id, info)
    }

    async fn unlink_identity(&self, method: &str, external_id: &str) -> Result<(), OAuthError> {
        self.lock()
            .identities
            .retain(|identity| !(identity.method == method && identity.id.as_str() == external_id));
        Ok(())
    }

    async fn identity(
        &self,
        method: &str,
        external_id: &str,
    ) -> Result<Option<UserIdentity>, OAuthError> {
        Ok(self
            .lock()
            .identities
            .iter()
            .find(|identity| identity.method == method && identity.id.as_str() == external_id)
            .cloned())
    }

    async fn identities_of(&self, user_id: UserId) -> Result<Vec<UserIdentity>, OAuthError> {
        let memory = self.lock();
        let mine = memory.identities.iter().filter(|i| i.user_id == user_id);
        Ok(mine.cloned().collect())
    }

    async fn link(&self, user_id: UserId, link: &NewLink) -> Result<RemoteAccount, OAuthError> {
        let mut memory = self.lock();
        memory.add_identity(user_id, &link.account_info)?;
        let account = memory.account_or_create(user_id, &link.client_id);
        memory.put_token(account.id, &link.token);
        Ok(account)
    }

    async fn save_pending_signup(
        &self,
        id: &PendingSignupId,
        signup: &PendingSignup,
        expires_at: u64,
    ) -> Result<(), OAuthError> {
        let mut memory = self.lock();
        let now = now_secs();
        memory
            .pending_signups
            .retain(|_, (_, expires)| *expires >= now);
        memory
            .pending_signups
            .insert(id.storage_key(), (signup.clone(), expires_at));
        Ok(())
    }

    async fn pending_signup(
        &self,
        id: &PendingSignupId,
        now: u64,
    ) -> Result<Option<PendingSignup>, OAuthError> {
        Ok(self
            .lock()
            .pending_signups
            .get(&id.storage_key())
            .filter(|(_, expires)| *expires >= now)
            .map(|(signup, _)| signup.clone()))
    }

    async fn delete_pending_signup(&self, id: &PendingSignupId) -> Result<(), OAuthError> {
        self.lock().pending_signups.remove(&id.storage_key());
        Ok(())
    }

    async fn unlink_unless_last(
        &self,
        user_id: UserId,
        client_id: &str,
        method: &str,
    ) -> Result<bool, OAuthError> {
        // One lock for the check and the deletes: that is the atomicity the contract asks.
        let mut memory = self.lock();
        let has_password = memory.record(user_id).is_some_and(|r| r.user.has_password);
        let linked: Vec<UserIdentity> = memory
            .identities
            .iter()
            .filter(|identity| identity.user_id == user_id)
            .cloned()
            .collect();
        if leaves_no_login_method(has_password, &linked, method) {
            return Ok(false);
        }
        let gone: Vec<i64> = memory
            .accounts
            .iter()
            .filter(|a| a.user_id == user_id && a.client_id == client_id)
            .map(|a| a.id)
            .collect();
        memory
            .accounts
            .retain(|account| !gone.contains(&account.id));
        memory.tokens.retain(|(id, _)| !gone.contains(id));
        memory
            .identities
            .retain(|identity| !(identity.user_id == user_id && identity.method == method));
        Ok(true)
    }
}

#[async_trait]
impl UserStore for MemoryStore {
    async fn user_by_id(&self, user_id: UserId) -> Result<Option<User>, OAuthError> {
        Ok(self
            .lock()
            .record(user_id)
            .map(|record| record.user.clone()))
    }

    async fn user_by_email(&self, email: &str) -> Result<Option<User>, OAuthError> {
        let Ok(key) = mailbox_key(email) else {
            return Ok(None);
        };
        let memory = self.lock();
        let found = memory
            .users
            .iter()
            .find(|record| record.key.as_deref() == Some(key.as_str()));
        Ok(found.map(|record| record.user.clone()))
    }

    async fn create_user(&self, user: &NewUser) -> Result<User, OAuthError> {
        let email = user.email.trim();
        let key = key_to_store(email)?;
        let mut memory = self.lock();
        if memory.key_taken(&key, None) {
            return Err(StoreError::conflict(EMAIL_TAKEN).into());
        }
        if user.username.is_some()
            && memory
                .users
                .iter()
                .any(|record| record.user.username == user.username)
        {
            return Err(StoreError::conflict("this username is already taken").into());
        }
        let created = User {
            id: memory.next_id(),
            email: email.to_owned(),
            email_confirmed: user.confirmed,
            email_changed_at: now_secs(),
            session_epoch: 0,
            username: user.username.clone(),
            full_name: user.full_name.clone(),
            active: true,
            has_password: false,
        };
        memory.users.push(UserRecord {
            user: created.clone(),
            key: Some(key),
            confirmation_sent_at: None,
        });
        Ok(created)
    }

    async fn register_and_link(&self, user: &NewUser, link: &NewLink) -> Result<User, OAuthError> {
        let created = self.create_user(user).await?;
        if let Err(err) = self.link(created.id, link).await {
            self.delete_user(created.id).await?;
            return Err(err);
        }
        Ok(created)
    }

    async fn delete_user(&self, user_id: UserId) -> Result<(), OAuthError> {
        let mut memory = self.lock();
        let accounts: Vec<i64> = memory
            .accounts
            .iter()
            .filter(|account| account.user_id == user_id)
            .map(|account| account.id)
            .collect();
        memory.tokens.retain(|(id, _)| !accounts.contains(id));
        memory.accounts.retain(|account| account.user_id != user_id);
        memory
            .identities
            .retain(|identity| identity.user_id != user_id);
        memory.users.retain(|record| record.user.id != user_id);
        Ok(())
    }

    async fn release_email(&self, user_id: UserId) -> Result<bool, OAuthError> {
        let mut memory = self.lock();
        let Some(record) = memory.record(user_id) else {
            return Ok(false);
        };
        if record.user.email_confirmed {
            return Ok(false);
        }
        record.user.email.clear();
        record.key = None;
        record.user.session_epoch += 1;
        Ok(true)
    }

    async fn confirm_email(
        &self,
        user_id: UserId,
        email: &str,
        issued_at: u64,
    ) -> Result<bool, OAuthError> {
        let Ok(key) = mailbox_key(email) else {
            return Ok(false);
        };
        let mut memory = self.lock();
        let Some(record) = memory.record(user_id) else {
            return Ok(false);
        };
        if record.key.as_deref() != Some(key.as_str())
            || record.user.email_confirmed
            || record.user.email_changed_at > issued_at
        {
            return Ok(false);
        }
        record.user.email_confirmed = true;
        Ok(true)
    }

    async fn change_email(&self, user_id: UserId, email: &str) -> Result<User, OAuthError> {
        let email = email.trim();
        let key = key_to_store(email)?;
        let mut memory = self.lock();
        if memory.key_taken(&key, Some(user_id)) {
            return Err(StoreError::conflict(EMAIL_TAKEN).into());
        }
        let Some(record) = memory.record(user_id) else {
            return Err(StoreError::new(
                StoreErrorKind::Other,
                format!("there is no user {user_id}"),
            )
            .into());
        };
        email.clone_into(&mut record.user.email);
        record.user.email_confirmed = false;
        record.user.email_changed_at = now_secs();
        record.key = Some(key);
        Ok(record.user.clone())
    }

    async fn note_confirmation_sent(
        &self,
        user_id: UserId,
        cooldown_secs: u64,
    ) -> Result<bool, OAuthError> {
        let now = now_secs();
        let mut memory = self.lock();
        let Some(record) = memory.record(user_id) else {
            return Ok(false);
        };
        let cooled_down = record
            .confirmation_sent_at
            .is_none_or(|sent| sent.saturating_add(cooldown_secs) <= now);
        if cooled_down {
            record.confirmation_sent_at = Some(now);
        }
        Ok(cooled_down)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new_user(email: &str, confirmed: bool) -> NewUser {
        NewUser {
            email: email.to_owned(),
            username: None,
            full_name: None,
            confirmed,
        }
    }

    fn conflict(result: Result<User, OAuthError>) -> String {
        match result {
            Err(OAuthError::Store(err)) if err.is_conflict() => err.message().to_owned(),
            other => panic!("expected a conflict, got {other:?}"),
        }
    }

    #[tokio::test]
    async fn addresses_are_kept_as_given_and_found_by_mailbox_key_only() {
        let store = MemoryStore::default();
        let ada = store
            .create_user(&new_user(" Ada@Example.org ", false))
            .await
            .expect("create");
        assert_eq!(ada.email, "Ada@Example.org");
        assert!(!ada.email_confirmed);
        let found = store.user_by_email("ADA@example.ORG").await.expect("find");
        assert_eq!(found.map(|user| user.id), Some(ada.id));
        for look_alike in ["ａｄａ@example.org", "аda@example.org"] {
            assert_eq!(store.user_by_email(look_alike).await.expect("find"), None);
            store
                .create_user(&new_user(look_alike, true))
                .await
                .expect("a look-alike is another mailbox");
        }
        let taken = store.create_user(&new_user("ada@EXAMPLE.org", true)).await;
        assert_eq!(conflict(taken), EMAIL_TAKEN);
        let invalid = store.create_user(&new_user("not-an-address", true)).await;
        assert_eq!(conflict(invalid), "not a valid e-mail address");
    }

    #[tokio::test]
    async fn release_confirm_change_and_cooldown_follow_the_store_contract() {
        let store = MemoryStore::default();
        let squatter = store
            .create_user(&new_user("victim@example.org", false))
            .await
            .expect("create");
        assert!(store.release_email(squatter.id).await.expect("release"));
        let released = store.user_by_id(squatter.id).await.expect("find");
        let released = released.expect("kept");
        assert_eq!((released.email.as_str(), released.session_epoch), ("", 1));
        let owner = store
            .create_user(&new_user("victim@example.org", true))
            .await
            .expect("the owner takes it");
        assert!(!store.release_email(owner.id).await.expect("release"));

        let ada = store
            .create_user(&new_user("ada@example.org", false))
            .await
            .expect("create");
        let set_at = ada.email_changed_at;
        assert!(
            !store
                .confirm_email(ada.id, "ada@example.org", set_at - 1)
                .await
                .expect("old")
        );
        assert!(
            !store
                .confirm_email(ada.id, "ａｄａ@example.org", set_at)
                .await
                .expect("look-alike")
        );
        assert!(
            store
                .confirm_email(ada.id, "ADA@example.org", set_at)
                .await
                .expect("confirm")
        );
        assert!(
            !store
                .confirm_email(ada.id, "ada@example.org", set_at)
                .await
                .expect("twice")
        );

        let taken = store.change_email(ada.id, "VICTIM@example.org").await;
        assert_eq!(conflict(taken), EMAIL_TAKEN);
        let changed = store
            .change_email(ada.id, "Ada@Lovelace.org")
            .await
            .expect("change");
        assert!(!changed.email_confirmed);
        assert_eq!(
            store.user_by_email("ada@example.org").await.expect("find"),
            None
        );

        assert!(
            store
                .note_confirmation_sent(ada.id, 3600)
                .await
                .expect("note")
        );
        assert!(
            !store
                .note_confirmation_sent(ada.id, 3600)
                .await
                .expect("cooldown")
        );
        assert!(
            store
                .note_confirmation_sent(ada.id, 0)
                .await
                .expect("no cooldown")
        );
        assert!(
            !store
                .note_confirmation_sent(9999, 0)
                .await
                .expect("missing")
        );
    }
}
