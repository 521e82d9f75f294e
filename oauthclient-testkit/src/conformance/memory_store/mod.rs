//! In-memory [`oauthclient_core::AccountStore`] and [`oauthclient_core::UserStore`] for the
//! conformance checks: enough of the seed's model to link, look up and unlink one user, with
//! the store contract's e-mail semantics (addresses as given, looked up by their
//! [`mailbox_key`]).

use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{SystemTime, UNIX_EPOCH};

use oauthclient_core::account::{RemoteAccount, User, UserId, UserIdentity};
use oauthclient_core::email::mailbox_key;
use oauthclient_core::pending_signup::PendingSignup;
use oauthclient_core::store::StoreError;
use oauthclient_core::{AccountInfo, Token};

mod accounts;
mod users;

/// What a taken mailbox is told as (the Diesel store's words).
const EMAIL_TAKEN: &str = "this e-mail address is already registered";

/// A user and what the store keeps beside them.
#[derive(Debug)]
struct UserRecord {
    user: User,
    /// The mailbox key of the user's address (confirmed or not); `None` without one. The
    /// user holds it when the address is confirmed, else only claims it.
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
fn key_to_store(email: &str) -> Result<String, StoreError> {
    mailbox_key(email).map_err(|err| StoreError::conflict(err.to_string()))
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

    fn account_or_create(&mut self, user_id: &UserId, client_id: &str) -> RemoteAccount {
        if let Some(account) = self
            .accounts
            .iter()
            .find(|account| account.user_id == *user_id && account.client_id == client_id)
        {
            return account.clone();
        }
        let account = RemoteAccount {
            id: self.next_id(),
            user_id: user_id.clone(),
            client_id: client_id.to_owned(),
            extra_data: serde_json::json!({}),
        };
        self.accounts.push(account.clone());
        account
    }

    fn record(&mut self, user_id: &UserId) -> Option<&mut UserRecord> {
        self.users
            .iter_mut()
            .find(|record| record.user.id == *user_id)
    }

    /// Whether a user other than `except` holds `key` (claims it confirmed).
    fn key_held(&self, key: &str, except: Option<&UserId>) -> bool {
        self.users.iter().any(|record| {
            record.key.as_deref() == Some(key)
                && record.user.email_confirmed
                && Some(&record.user.id) != except
        })
    }

    /// Ends every unconfirmed claim on `key` but `except`'s: the address empties and is kept
    /// as the user's ended claim.
    fn end_claims(&mut self, key: &str, except: Option<&UserId>) {
        for record in &mut self.users {
            if record.key.as_deref() == Some(key)
                && !record.user.email_confirmed
                && Some(&record.user.id) != except
            {
                record.key = None;
                record.user.ended_claim = Some(std::mem::take(&mut record.user.email));
            }
        }
    }

    fn put_token(&mut self, account_id: i64, token: &Token) {
        self.tokens
            .retain(|(id, stored)| !(*id == account_id && stored.token_type == token.token_type));
        self.tokens.push((account_id, token.clone()));
    }

    fn add_identity(&mut self, user_id: &UserId, info: &AccountInfo) -> Result<(), StoreError> {
        let taken = self.identities.iter().any(|identity| {
            identity.method == info.external_method
                && (identity.id == info.external_id || identity.user_id == *user_id)
        });
        if taken {
            return Err(StoreError::already_linked(info.external_method.clone()));
        }
        self.identities.push(UserIdentity {
            id: info.external_id.clone(),
            method: info.external_method.clone(),
            user_id: user_id.clone(),
        });
        Ok(())
    }
}

/// One process's worth of users, accounts, tokens and identities.
///
/// Also a complete, small example of both store traits for hosts that bring their own users.
#[derive(Debug, Default)]
pub struct MemoryStore {
    memory: Mutex<Memory>,
    /// A fault switch: [`AccountStore::link`] fails as a database that went away would.
    links_fail: std::sync::atomic::AtomicBool,
}

impl MemoryStore {
    fn lock(&self) -> MutexGuard<'_, Memory> {
        self.memory.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// From now on [`oauthclient_core::AccountStore::link`] fails (`StoreError::unavailable`)
    /// and writes nothing, or works again: the failure between "create user" and "link" that
    /// [`oauthclient_core::user_directory`] guards against.
    pub fn set_links_fail(&self, fail: bool) {
        self.links_fail
            .store(fail, std::sync::atomic::Ordering::SeqCst);
    }

    /// Enables or disables the user (an administrator's act).
    pub fn set_active(&self, user_id: &UserId, active: bool) -> Result<(), StoreError> {
        match self.lock().record(user_id) {
            Some(record) => {
                record.user.active = active;
                Ok(())
            }
            None => Err(StoreError::new(
                oauthclient_core::store::StoreErrorKind::Other,
                format!("there is no user {user_id}"),
            )),
        }
    }

    /// Gives the user a password of the host's (or takes it away): what
    /// [`User::has_password`] reports. The store never sees the password itself.
    pub fn set_password(&self, user_id: &UserId, has_password: bool) -> Result<(), StoreError> {
        match self.lock().record(user_id) {
            Some(record) => {
                record.user.has_password = has_password;
                Ok(())
            }
            None => Err(StoreError::new(
                oauthclient_core::store::StoreErrorKind::Other,
                format!("there is no user {user_id}"),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use oauthclient_core::UserStore;
    use oauthclient_core::account::NewUser;

    use super::*;

    fn new_user(email: &str, confirmed: bool) -> NewUser {
        NewUser {
            email: email.to_owned(),
            username: None,
            full_name: None,
            confirmed,
        }
    }

    fn conflict(result: Result<User, StoreError>) -> String {
        match result {
            Err(err) if err.is_conflict() => err.message().to_owned(),
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
        let found = store
            .unconfirmed_claims("ADA@example.ORG", 0)
            .await
            .expect("find");
        assert_eq!(found.first().map(|user| &user.id), Some(&ada.id));
        for look_alike in ["ａｄａ@example.org", "аda@example.org"] {
            assert!(
                store
                    .unconfirmed_claims(look_alike, 0)
                    .await
                    .expect("find")
                    .is_empty()
            );
            store
                .create_user(&new_user(look_alike, true))
                .await
                .expect("a look-alike is another mailbox");
        }
        let holder = store
            .create_user(&new_user("ada@EXAMPLE.org", true))
            .await
            .expect("an unconfirmed claim blocks no one");
        let taken = store.create_user(&new_user("ADA@example.org", false)).await;
        assert_eq!(conflict(taken), EMAIL_TAKEN, "a holder blocks");
        let ended = store
            .user_by_id(&ada.id)
            .await
            .expect("find")
            .expect("kept");
        assert_eq!(
            (ended.email.as_str(), ended.ended_claim.as_deref()),
            ("", Some("Ada@Example.org"))
        );
        assert_eq!(
            store
                .user_holding_email("ada@example.org")
                .await
                .expect("find")
                .map(|user| user.id),
            Some(holder.id)
        );
        let invalid = store.create_user(&new_user("not-an-address", true)).await;
        assert_eq!(conflict(invalid), "not a valid e-mail address");
    }

    #[tokio::test]
    async fn claims_confirm_change_and_cooldown_follow_the_store_contract() {
        let store = MemoryStore::default();
        let squatter = store
            .create_user(&new_user("victim@example.org", false))
            .await
            .expect("create");
        let owner = store
            .create_user(&new_user("Victim@example.org", false))
            .await
            .expect("a second unconfirmed claim");
        assert!(
            store
                .confirm_email(&owner.id, "victim@example.org", owner.email_changed_at)
                .await
                .expect("the first to confirm holds it")
        );
        let ended = store.user_by_id(&squatter.id).await.expect("find");
        assert_eq!(
            ended.expect("kept").ended_claim.as_deref(),
            Some("victim@example.org")
        );

        let ada = store
            .create_user(&new_user("ada@example.org", false))
            .await
            .expect("create");
        let set_at = ada.email_changed_at;
        assert!(
            !store
                .confirm_email(&ada.id, "ada@example.org", set_at - 1)
                .await
                .expect("old")
        );
        assert!(
            !store
                .confirm_email(&ada.id, "ａｄａ@example.org", set_at)
                .await
                .expect("look-alike")
        );
        assert!(
            store
                .confirm_email(&ada.id, "ADA@example.org", set_at)
                .await
                .expect("confirm")
        );
        assert!(
            !store
                .confirm_email(&ada.id, "ada@example.org", set_at)
                .await
                .expect("twice")
        );

        let taken = store.change_email(&ada.id, "VICTIM@example.org").await;
        assert_eq!(conflict(taken), EMAIL_TAKEN);
        let changed = store
            .change_email(&ada.id, "Ada@Lovelace.org")
            .await
            .expect("change");
        assert!(!changed.email_confirmed);
        assert_eq!(
            store
                .user_holding_email("ada@example.org")
                .await
                .expect("find"),
            None
        );

        assert!(
            store
                .note_confirmation_sent(&ada.id, 3600)
                .await
                .expect("note")
        );
        assert!(
            !store
                .note_confirmation_sent(&ada.id, 3600)
                .await
                .expect("cooldown")
        );
        assert!(
            store
                .note_confirmation_sent(&ada.id, 0)
                .await
                .expect("no cooldown")
        );
        assert!(
            !store
                .note_confirmation_sent(&UserId::from(9999), 0)
                .await
                .expect("missing")
        );
    }
}
