//! [`MemoryDirectory`]: a host's own users table in memory, keyed by UUID-like text, for tests
//! of hosts that bring their own users ([`oauthclient_core::UserDirectory`]).

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};

use async_trait::async_trait;
use oauthclient_core::account::{NewUser, UserId};
use oauthclient_core::store::StoreError;
use oauthclient_core::user_directory::{DirectoryUser, UserDirectory};

/// A host's users in memory. Ids look like the host's own (`host-user-1`, ...), never like
/// the library's numbers, so a test notices an id that was parsed or invented.
#[derive(Debug, Default)]
pub struct MemoryDirectory {
    users: Mutex<Vec<DirectoryUser>>,
    next_id: AtomicU64,
    removals_fail: AtomicBool,
}

impl MemoryDirectory {
    fn lock(&self) -> MutexGuard<'_, Vec<DirectoryUser>> {
        self.users.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Every user, in creation order.
    pub fn users(&self) -> Vec<DirectoryUser> {
        self.lock().clone()
    }

    /// Adds a user of the host's own login (a password), address confirmed.
    pub fn add_with_own_login(&self, email: &str) -> UserId {
        let id = self.fresh_id();
        self.lock().push(
            DirectoryUser::new(id.clone())
                .with_email(email, true)
                .with_own_login(true),
        );
        id
    }

    /// From now on [`UserDirectory::remove_unlinked_user`] fails, or works again.
    pub fn set_removals_fail(&self, fail: bool) {
        self.removals_fail.store(fail, Ordering::SeqCst);
    }

    fn fresh_id(&self) -> UserId {
        UserId::new(format!(
            "host-user-{}",
            self.next_id.fetch_add(1, Ordering::SeqCst) + 1
        ))
    }
}

#[async_trait]
impl UserDirectory for MemoryDirectory {
    async fn user_by_id(&self, id: &UserId) -> Result<Option<DirectoryUser>, StoreError> {
        Ok(self.lock().iter().find(|user| user.id == *id).cloned())
    }

    async fn user_by_confirmed_email(
        &self,
        email: &str,
    ) -> Result<Option<DirectoryUser>, StoreError> {
        Ok(self
            .lock()
            .iter()
            .find(|user| {
                user.email_confirmed
                    && user
                        .email
                        .as_deref()
                        .is_some_and(|own| own.eq_ignore_ascii_case(email.trim()))
            })
            .cloned())
    }

    async fn create_user(&self, user: &NewUser) -> Result<DirectoryUser, StoreError> {
        let email = user.email.trim();
        let mut users = self.lock();
        let taken = users.iter().any(|existing| {
            existing
                .email
                .as_deref()
                .is_some_and(|own| own.eq_ignore_ascii_case(email))
        });
        if taken {
            return Err(StoreError::conflict(
                "this e-mail address is already registered",
            ));
        }
        // The id comes from an atomic counter: no second lock while this one is held.
        let created = DirectoryUser::new(self.fresh_id())
            .with_email(email, user.confirmed)
            .with_names(user.full_name.clone(), user.username.clone());
        users.push(created.clone());
        Ok(created)
    }

    async fn remove_unlinked_user(&self, id: &UserId) -> Result<(), StoreError> {
        if self.removals_fail.load(Ordering::SeqCst) {
            return Err(StoreError::unavailable("injected: removals fail"));
        }
        self.lock().retain(|user| user.id != *id);
        Ok(())
    }
}
