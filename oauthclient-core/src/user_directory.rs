//! Bring your own users: the host's own users table behind a four-method trait.
//!
//! A host that already has users (their own table, keyed by a UUID or anything else, with
//! their own login) implements [`UserDirectory`] and keeps the library's tables for remote
//! accounts, tokens and identities only ([`AccountStore`]). [`HostUsers`] turns the two into
//! the [`UserStore`] the flows use.
//!
//! ## Consistency of "create user + link"
//!
//! A sign-up writes to two stores that share no transaction: the host's table
//! ([`UserDirectory::create_user`]) and ours ([`AccountStore::link`], one transaction for the
//! identity, the remote account and the token). The guarantee:
//!
//! 1. The link is all or nothing: no identity without its account and token, ever.
//! 2. The user is created first. When the link then fails, the user is removed again
//!    ([`UserDirectory::remove_unlinked_user`]) before the error is returned, so a failed
//!    sign-up leaves no user behind, and the sign-up can simply be tried again.
//! 3. Should that removal fail too, the user stays without any remote account or identity:
//!    nobody can sign in as them through this library. The failure is logged (`tracing`,
//!    target `oauthclient::audit`, with the user id) for the host to clean up. A retried
//!    sign-up with a provider-verified address finds that user by confirmed e-mail and follows
//!    the linking rules for an existing account; otherwise it creates a new user.
//!
//! ## E-mail addresses
//!
//! The directory answers for **confirmed** addresses only
//! ([`UserDirectory::user_by_confirmed_email`]): an unconfirmed address never attracts a
//! link. Confirming typed addresses is the host's business (its own mail), so a host
//! directory does not run the library's confirmation mail: `email_verification = "mandatory"`
//! or a mailer together with a directory is refused when the client is built.
//!
//! **An unconfirmed claim blocks no one** (docs/security.md): [`UserDirectory::create_user`]
//! must refuse an address only when another user holds it *confirmed*, never because an
//! account typed it without confirming. When `user.confirmed` is true (a trusted provider
//! verified the address), the new user is its proven owner: the directory should end other
//! users' unconfirmed claims on it in the same transaction (or leave them, if unconfirmed
//! addresses never count for anything in the host's app).
//!
//! ## Sessions
//!
//! A directory keeps no session epoch ([`User::session_epoch`] is always 0 for its users), so
//! [`HostUsers`] cannot end a user's sessions: [`UserStore::end_sessions`] ("sign out
//! everywhere") is refused with an error rather than pretending it worked. Ending sessions
//! is the host's business there.

use async_trait::async_trait;

use std::sync::Arc;

use crate::account::{NewUser, User, UserId};
use crate::store::{AccountStore, NewLink, StoreError, StoreErrorKind, UserStore};

/// A user of the host's own table, as much as the flows need.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct DirectoryUser {
    /// The host's key for the user.
    pub id: UserId,
    /// The user's address, if the host knows one.
    pub email: Option<String>,
    /// Whether the host confirmed that address.
    pub email_confirmed: bool,
    /// Whether the user may sign in at all (a disabled user is refused).
    pub active: bool,
    /// Whether the user can sign in without a remote account (the host's own login, e.g. a
    /// password): then disconnecting their last remote account does not lock them out.
    pub has_own_login: bool,
    /// Display name, if any.
    pub full_name: Option<String>,
    /// Username, if any.
    pub username: Option<String>,
}

impl DirectoryUser {
    /// An active user with no address, no own login and no names yet.
    pub fn new(id: UserId) -> Self {
        Self {
            id,
            email: None,
            email_confirmed: false,
            active: true,
            has_own_login: false,
            full_name: None,
            username: None,
        }
    }

    /// Sets the address and whether the host confirmed it.
    #[must_use]
    pub fn with_email(mut self, email: impl Into<String>, confirmed: bool) -> Self {
        self.email = Some(email.into());
        self.email_confirmed = confirmed;
        self
    }

    /// Sets whether the user may sign in.
    #[must_use]
    pub fn with_active(mut self, active: bool) -> Self {
        self.active = active;
        self
    }

    /// Sets whether the user has a login of the host's own (a password, ...).
    #[must_use]
    pub fn with_own_login(mut self, has_own_login: bool) -> Self {
        self.has_own_login = has_own_login;
        self
    }

    /// Sets the display name and username.
    #[must_use]
    pub fn with_names(mut self, full_name: Option<String>, username: Option<String>) -> Self {
        self.full_name = full_name;
        self.username = username;
        self
    }

    fn into_user(self) -> User {
        User {
            id: self.id,
            email_confirmed: self.email_confirmed && self.email.is_some(),
            email: self.email.unwrap_or_default(),
            // The host confirms and changes addresses itself: links of ours are never issued.
            email_changed_at: 0,
            // Sessions are the host's too; nothing of ours ends them.
            session_epoch: 0,
            username: self.username,
            full_name: self.full_name,
            active: self.active,
            has_password: self.has_own_login,
            created_at: 0,
            ended_claim: None,
        }
    }
}

/// The host's users table, as the sign-in and sign-up flows use it.
///
/// Errors are [`StoreError`]s: `unavailable` for a database that is down (the user sees a
/// 503 and can retry), `conflict` when [`UserDirectory::create_user`] meets a taken unique
/// value (the sign-up form asks again).
#[async_trait]
pub trait UserDirectory: Send + Sync {
    /// The user with this key, if any.
    async fn user_by_id(&self, id: &UserId) -> Result<Option<DirectoryUser>, StoreError>;

    /// The user whose **confirmed** address is `email` (compared as the host compares
    /// addresses; a case-insensitive match is usual). Unconfirmed addresses never match.
    async fn user_by_confirmed_email(
        &self,
        email: &str,
    ) -> Result<Option<DirectoryUser>, StoreError>;

    /// Creates a user for a sign-up. `user.confirmed` says whether a trusted provider
    /// verified `user.email`. A [`StoreError::conflict_on`] `"email"` only when another user
    /// holds the address confirmed: an unconfirmed claim blocks no one (module docs).
    async fn create_user(&self, user: &NewUser) -> Result<DirectoryUser, StoreError>;

    /// Removes a user this directory just created whose link could not be written (see the
    /// module's consistency guarantee). Only ever called for such a user; absent is fine.
    async fn remove_unlinked_user(&self, id: &UserId) -> Result<(), StoreError>;
}

/// A [`UserStore`] over the host's [`UserDirectory`] and our [`AccountStore`].
pub struct HostUsers {
    directory: Arc<dyn UserDirectory>,
    accounts: Arc<dyn AccountStore>,
}

impl HostUsers {
    /// Users from `directory`; their links in `accounts`.
    pub fn new(directory: Arc<dyn UserDirectory>, accounts: Arc<dyn AccountStore>) -> Self {
        Self {
            directory,
            accounts,
        }
    }
}

impl std::fmt::Debug for HostUsers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HostUsers").finish_non_exhaustive()
    }
}

fn host_confirms_addresses() -> StoreError {
    StoreError::new(
        StoreErrorKind::Other,
        "the host's user directory confirms and changes addresses itself",
    )
}

#[async_trait]
impl UserStore for HostUsers {
    async fn user_by_id(&self, user_id: &UserId) -> Result<Option<User>, StoreError> {
        Ok(self
            .directory
            .user_by_id(user_id)
            .await?
            .map(DirectoryUser::into_user))
    }

    async fn user_holding_email(&self, email: &str) -> Result<Option<User>, StoreError> {
        Ok(self
            .directory
            .user_by_confirmed_email(email)
            .await?
            .map(DirectoryUser::into_user))
    }

    /// The directory shows only confirmed addresses: unconfirmed ones are the host's business
    /// and never stand in anyone's way here.
    async fn unconfirmed_claims(
        &self,
        _email: &str,
        _claimed_since: u64,
    ) -> Result<Vec<User>, StoreError> {
        Ok(Vec::new())
    }

    async fn create_user(&self, user: &NewUser) -> Result<User, StoreError> {
        Ok(self.directory.create_user(user).await?.into_user())
    }

    async fn register_and_link(&self, user: &NewUser, link: &NewLink) -> Result<User, StoreError> {
        let created = self.directory.create_user(user).await?;
        match self.accounts.link(&created.id, link).await {
            Ok(_) => Ok(created.into_user()),
            Err(link_failed) => {
                if let Err(removal_failed) = self.directory.remove_unlinked_user(&created.id).await
                {
                    tracing::error!(
                        target: "oauthclient::audit",
                        user_id = %created.id,
                        error = %removal_failed,
                        "sign-up: the link failed and the new user could not be removed; \
                         they have no remote account and cannot sign in through OAuth"
                    );
                }
                Err(link_failed)
            }
        }
    }

    /// Forgets the user's remote accounts, tokens and identities; the user's row is the
    /// host's, deleted by the host.
    async fn delete_user(&self, user_id: &UserId) -> Result<(), StoreError> {
        for identity in self.accounts.identities_of(user_id).await? {
            self.accounts
                .unlink_identity(&identity.method, identity.id.as_str())
                .await?;
        }
        for account in self.accounts.remote_accounts_of(user_id).await? {
            self.accounts.delete_remote_account(account.id).await?;
        }
        Ok(())
    }

    /// The host confirms addresses itself: a provider that vouches for one confirms
    /// nothing here.
    async fn confirm_email(
        &self,
        _user_id: &UserId,
        _email: &str,
        _issued_at: u64,
    ) -> Result<bool, StoreError> {
        Ok(false)
    }

    async fn change_email(&self, _user_id: &UserId, _email: &str) -> Result<User, StoreError> {
        Err(host_confirms_addresses())
    }

    async fn note_confirmation_sent(
        &self,
        _user_id: &UserId,
        _cooldown_secs: u64,
    ) -> Result<bool, StoreError> {
        Err(host_confirms_addresses())
    }
}
