//! [`AccountStore`] for [`MemoryStore`]: remote accounts, tokens, identities, pending sign-ups.

use async_trait::async_trait;
use oauthclient_core::account::{RemoteAccount, UserId, UserIdentity};
use oauthclient_core::pending_signup::{PendingSignup, PendingSignupId};
use oauthclient_core::secret::{AccessToken, RefreshToken};
use oauthclient_core::store::{NewLink, leaves_no_login_method};
use oauthclient_core::{AccountInfo, AccountStore, StoreError, Token};

use super::{MemoryStore, now_secs};

#[async_trait]
impl AccountStore for MemoryStore {
    async fn remote_account(
        &self,
        user_id: &UserId,
        client_id: &str,
    ) -> Result<Option<RemoteAccount>, StoreError> {
        Ok(self
            .lock()
            .accounts
            .iter()
            .find(|account| account.user_id == *user_id && account.client_id == client_id)
            .cloned())
    }

    async fn remote_accounts_of(&self, user_id: &UserId) -> Result<Vec<RemoteAccount>, StoreError> {
        let memory = self.lock();
        let mine = memory.accounts.iter().filter(|a| a.user_id == *user_id);
        Ok(mine.cloned().collect())
    }

    async fn create_remote_account(
        &self,
        user_id: &UserId,
        client_id: &str,
        extra_data: serde_json::Value,
    ) -> Result<RemoteAccount, StoreError> {
        let mut memory = self.lock();
        if memory
            .accounts
            .iter()
            .any(|account| account.user_id == *user_id && account.client_id == client_id)
        {
            return Err(StoreError::already_linked(client_id.to_owned()));
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
    ) -> Result<(), StoreError> {
        if let Some(account) = self.lock().accounts.iter_mut().find(|a| a.id == account_id) {
            account.extra_data = extra_data;
        }
        Ok(())
    }

    async fn delete_remote_account(&self, account_id: i64) -> Result<(), StoreError> {
        let mut memory = self.lock();
        memory.accounts.retain(|account| account.id != account_id);
        memory.tokens.retain(|(id, _)| *id != account_id);
        Ok(())
    }

    async fn save_token(
        &self,
        user_id: &UserId,
        client_id: &str,
        token: &Token,
    ) -> Result<RemoteAccount, StoreError> {
        let mut memory = self.lock();
        let account = memory.account_or_create(user_id, client_id);
        memory.put_token(account.id, token);
        Ok(account)
    }

    async fn token(
        &self,
        user_id: &UserId,
        client_id: &str,
        token_type: &str,
    ) -> Result<Option<Token>, StoreError> {
        let memory = self.lock();
        let Some(account) = memory
            .accounts
            .iter()
            .find(|account| account.user_id == *user_id && account.client_id == client_id)
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
        user_id: &UserId,
        client_id: &str,
        expected: &RefreshToken,
        fresh: &Token,
    ) -> Result<bool, StoreError> {
        let mut memory = self.lock();
        let Some(account) = memory
            .accounts
            .iter()
            .find(|account| account.user_id == *user_id && account.client_id == client_id)
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
        user_id: &UserId,
        client_id: &str,
        token_type: &str,
    ) -> Result<(), StoreError> {
        let mut memory = self.lock();
        let account = memory
            .accounts
            .iter()
            .find(|account| account.user_id == *user_id && account.client_id == client_id)
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
    ) -> Result<Option<RemoteAccount>, StoreError> {
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

    async fn link_identity(&self, user_id: &UserId, info: &AccountInfo) -> Result<(), StoreError> {
        self.lock().add_identity(user_id, info)
    }

    async fn unlink_identity(&self, method: &str, external_id: &str) -> Result<(), StoreError> {
        self.lock()
            .identities
            .retain(|identity| !(identity.method == method && identity.id.as_str() == external_id));
        Ok(())
    }

    async fn identity(
        &self,
        method: &str,
        external_id: &str,
    ) -> Result<Option<UserIdentity>, StoreError> {
        Ok(self
            .lock()
            .identities
            .iter()
            .find(|identity| identity.method == method && identity.id.as_str() == external_id)
            .cloned())
    }

    async fn identities_of(&self, user_id: &UserId) -> Result<Vec<UserIdentity>, StoreError> {
        let memory = self.lock();
        let mine = memory.identities.iter().filter(|i| i.user_id == *user_id);
        Ok(mine.cloned().collect())
    }

    async fn link(&self, user_id: &UserId, link: &NewLink) -> Result<RemoteAccount, StoreError> {
        if self.links_fail.load(std::sync::atomic::Ordering::SeqCst) {
            return Err(StoreError::unavailable("injected: links fail"));
        }
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
    ) -> Result<(), StoreError> {
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
    ) -> Result<Option<PendingSignup>, StoreError> {
        Ok(self
            .lock()
            .pending_signups
            .get(&id.storage_key())
            .filter(|(_, expires)| *expires >= now)
            .map(|(signup, _)| signup.clone()))
    }

    async fn delete_pending_signup(&self, id: &PendingSignupId) -> Result<(), StoreError> {
        self.lock().pending_signups.remove(&id.storage_key());
        Ok(())
    }

    async fn unlink_unless_last(
        &self,
        user_id: &UserId,
        client_id: &str,
        method: &str,
        has_password: bool,
    ) -> Result<bool, StoreError> {
        // One lock for the check and the deletes: that is the atomicity the contract asks.
        let mut memory = self.lock();
        let has_password =
            has_password || memory.record(user_id).is_some_and(|r| r.user.has_password);
        let linked: Vec<UserIdentity> = memory
            .identities
            .iter()
            .filter(|identity| identity.user_id == *user_id)
            .cloned()
            .collect();
        if leaves_no_login_method(has_password, &linked, method) {
            return Ok(false);
        }
        let gone: Vec<i64> = memory
            .accounts
            .iter()
            .filter(|a| a.user_id == *user_id && a.client_id == client_id)
            .map(|a| a.id)
            .collect();
        memory
            .accounts
            .retain(|account| !gone.contains(&account.id));
        memory.tokens.retain(|(id, _)| !gone.contains(id));
        memory
            .identities
            .retain(|identity| !(identity.user_id == *user_id && identity.method == method));
        Ok(true)
    }
}
