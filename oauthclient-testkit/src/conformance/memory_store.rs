//! In-memory [`AccountStore`] and [`UserStore`] for the conformance checks: enough of the
//! seed's model to link, look up and unlink one user.

use std::sync::{Mutex, MutexGuard, PoisonError};

use async_trait::async_trait;
use oauthclient_core::account::{NewUser, RemoteAccount, User, UserId, UserIdentity};
use oauthclient_core::secret::{AccessToken, RefreshToken};
use oauthclient_core::store::{NewLink, StoreError};
use oauthclient_core::{AccountInfo, AccountStore, OAuthError, Token, UserStore};

#[derive(Debug, Default)]
struct Memory {
    users: Vec<User>,
    accounts: Vec<RemoteAccount>,
    /// (account id, token)
    tokens: Vec<(i64, Token)>,
    identities: Vec<UserIdentity>,
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
}

#[async_trait]
impl UserStore for MemoryStore {
    async fn user_by_id(&self, user_id: UserId) -> Result<Option<User>, OAuthError> {
        Ok(self.lock().users.iter().find(|u| u.id == user_id).cloned())
    }

    async fn user_by_email(&self, email: &str) -> Result<Option<User>, OAuthError> {
        let memory = self.lock();
        let found = memory
            .users
            .iter()
            .find(|u| u.email.eq_ignore_ascii_case(email));
        Ok(found.cloned())
    }

    async fn create_user(&self, user: &NewUser) -> Result<User, OAuthError> {
        let mut memory = self.lock();
        if memory
            .users
            .iter()
            .any(|existing| existing.email.eq_ignore_ascii_case(&user.email))
        {
            return Err(StoreError::conflict("this e-mail address is already registered").into());
        }
        let created = User {
            id: memory.next_id(),
            email: user.email.clone(),
            username: user.username.clone(),
            full_name: user.full_name.clone(),
            active: true,
            has_password: false,
        };
        memory.users.push(created.clone());
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
        memory.users.retain(|user| user.id != user_id);
        Ok(())
    }
}
