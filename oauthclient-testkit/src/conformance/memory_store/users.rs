//! [`UserStore`] for [`MemoryStore`]: users and their e-mail semantics.

use async_trait::async_trait;
use oauthclient_core::account::{NewUser, User, UserId};
use oauthclient_core::email::mailbox_key;
use oauthclient_core::store::{MAX_UNCONFIRMED_CLAIMS, NewLink, StoreError, StoreErrorKind};
use oauthclient_core::{AccountStore, UserStore};

use super::{EMAIL_TAKEN, MemoryStore, UserRecord, key_to_store, now_secs};

#[async_trait]
impl UserStore for MemoryStore {
    async fn user_by_id(&self, user_id: &UserId) -> Result<Option<User>, StoreError> {
        Ok(self
            .lock()
            .record(user_id)
            .map(|record| record.user.clone()))
    }

    async fn user_holding_email(&self, email: &str) -> Result<Option<User>, StoreError> {
        let Ok(key) = mailbox_key(email) else {
            return Ok(None);
        };
        let memory = self.lock();
        let found = memory.users.iter().find(|record| {
            record.key.as_deref() == Some(key.as_str()) && record.user.email_confirmed
        });
        Ok(found.map(|record| record.user.clone()))
    }

    async fn unconfirmed_claims(
        &self,
        email: &str,
        claimed_since: u64,
    ) -> Result<Vec<User>, StoreError> {
        let Ok(key) = mailbox_key(email) else {
            return Ok(Vec::new());
        };
        let memory = self.lock();
        // Records are kept in creation order: oldest first.
        Ok(memory
            .users
            .iter()
            .filter(|record| {
                record.key.as_deref() == Some(key.as_str())
                    && !record.user.email_confirmed
                    && record.user.email_changed_at >= claimed_since
            })
            .take(MAX_UNCONFIRMED_CLAIMS)
            .map(|record| record.user.clone())
            .collect())
    }

    async fn create_user(&self, user: &NewUser) -> Result<User, StoreError> {
        let email = user.email.trim();
        let key = key_to_store(email)?;
        let mut memory = self.lock();
        if memory.key_held(&key, None) {
            return Err(StoreError::conflict_on("email", EMAIL_TAKEN));
        }
        if user.username.is_some()
            && memory
                .users
                .iter()
                .any(|record| record.user.username == user.username)
        {
            return Err(StoreError::conflict_on(
                "username",
                "this username is already taken",
            ));
        }
        let created = User {
            id: UserId::from(memory.next_id()),
            email: email.to_owned(),
            email_confirmed: user.confirmed,
            email_changed_at: now_secs(),
            session_epoch: 0,
            username: user.username.clone(),
            full_name: user.full_name.clone(),
            active: true,
            has_password: false,
            created_at: now_secs(),
            ended_claim: None,
        };
        if user.confirmed {
            memory.end_claims(&key, None);
        }
        memory.users.push(UserRecord {
            user: created.clone(),
            key: Some(key),
            confirmation_sent_at: None,
        });
        Ok(created)
    }

    async fn register_and_link(&self, user: &NewUser, link: &NewLink) -> Result<User, StoreError> {
        let created = self.create_user(user).await?;
        if let Err(err) = self.link(&created.id, link).await {
            self.delete_user(&created.id).await?;
            return Err(err);
        }
        Ok(created)
    }

    async fn delete_user(&self, user_id: &UserId) -> Result<(), StoreError> {
        let mut memory = self.lock();
        let accounts: Vec<i64> = memory
            .accounts
            .iter()
            .filter(|account| account.user_id == *user_id)
            .map(|account| account.id)
            .collect();
        memory.tokens.retain(|(id, _)| !accounts.contains(id));
        memory
            .accounts
            .retain(|account| account.user_id != *user_id);
        memory
            .identities
            .retain(|identity| identity.user_id != *user_id);
        memory.users.retain(|record| record.user.id != *user_id);
        Ok(())
    }

    async fn confirm_email(
        &self,
        user_id: &UserId,
        email: &str,
        issued_at: u64,
    ) -> Result<bool, StoreError> {
        let Ok(key) = mailbox_key(email) else {
            return Ok(false);
        };
        let mut memory = self.lock();
        if memory.key_held(&key, Some(user_id)) {
            return Err(StoreError::conflict_on(
                "email",
                "another account confirmed this address first",
            ));
        }
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
        memory.end_claims(&key, Some(user_id));
        Ok(true)
    }

    async fn change_email(&self, user_id: &UserId, email: &str) -> Result<User, StoreError> {
        let email = email.trim();
        let key = key_to_store(email)?;
        let mut memory = self.lock();
        if memory.key_held(&key, Some(user_id)) {
            return Err(StoreError::conflict(EMAIL_TAKEN));
        }
        let Some(record) = memory.record(user_id) else {
            return Err(StoreError::new(
                StoreErrorKind::Other,
                format!("there is no user {user_id}"),
            ));
        };
        email.clone_into(&mut record.user.email);
        record.user.email_confirmed = false;
        record.user.email_changed_at = now_secs();
        record.user.ended_claim = None;
        record.key = Some(key);
        Ok(record.user.clone())
    }

    async fn note_confirmation_sent(
        &self,
        user_id: &UserId,
        cooldown_secs: u64,
    ) -> Result<bool, StoreError> {
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

    async fn end_sessions(&self, user_id: &UserId) -> Result<User, StoreError> {
        let mut memory = self.lock();
        let Some(record) = memory.record(user_id) else {
            return Err(StoreError::new(
                StoreErrorKind::Other,
                format!("there is no user {user_id}"),
            ));
        };
        record.user.session_epoch += 1;
        Ok(record.user.clone())
    }
}
