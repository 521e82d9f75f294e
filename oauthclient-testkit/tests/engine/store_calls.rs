//! How many store calls a callback makes. Each is, on the Diesel store, a blocking-pool hop,
//! a pool check-out and one or more queries: a step that starts reading the user (or the
//! remote account) again, or splits one lookup in two, shows here.

use std::sync::{Arc, Mutex, PoisonError};

use async_trait::async_trait;
use oauthclient_core::account::{AccountInfo, NewUser, RemoteAccount, User, UserId, UserIdentity};
use oauthclient_core::engine::{CallbackCheck, CallbackEffect, Engine};
use oauthclient_core::host_policy::DefaultPolicy;
use oauthclient_core::pending_signup::{PendingSignup, PendingSignupId};
use oauthclient_core::secret::{AccessToken, RefreshToken};
use oauthclient_core::state::PendingFlows;
use oauthclient_core::store::{NewLink, StoreError};
use oauthclient_core::{AccountStore, Token, UserStore};
use oauthclient_testkit::MemoryStore;

use super::{Parts, ada, provider_for};

/// The memory store, noting the name of every call made to it.
struct Counting {
    inner: Arc<MemoryStore>,
    calls: Mutex<Vec<&'static str>>,
}

impl Counting {
    fn new(inner: Arc<MemoryStore>) -> Self {
        Self {
            inner,
            calls: Mutex::default(),
        }
    }

    fn note(&self, call: &'static str) {
        self.calls
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(call);
    }

    /// The calls made since the last `take`.
    fn take(&self) -> Vec<&'static str> {
        std::mem::take(&mut *self.calls.lock().unwrap_or_else(PoisonError::into_inner))
    }
}

#[async_trait]
impl AccountStore for Counting {
    async fn remote_account(
        &self,
        user_id: &UserId,
        client_id: &str,
    ) -> Result<Option<RemoteAccount>, StoreError> {
        self.note("remote_account");
        self.inner.remote_account(user_id, client_id).await
    }
    async fn remote_accounts_of(&self, user_id: &UserId) -> Result<Vec<RemoteAccount>, StoreError> {
        self.note("remote_accounts_of");
        self.inner.remote_accounts_of(user_id).await
    }
    async fn create_remote_account(
        &self,
        user_id: &UserId,
        client_id: &str,
        extra_data: serde_json::Value,
    ) -> Result<RemoteAccount, StoreError> {
        self.note("create_remote_account");
        (self.inner)
            .create_remote_account(user_id, client_id, extra_data)
            .await
    }
    async fn update_extra_data(
        &self,
        account_id: i64,
        extra_data: serde_json::Value,
    ) -> Result<(), StoreError> {
        self.note("update_extra_data");
        self.inner.update_extra_data(account_id, extra_data).await
    }
    async fn delete_remote_account(&self, account_id: i64) -> Result<(), StoreError> {
        self.note("delete_remote_account");
        self.inner.delete_remote_account(account_id).await
    }
    async fn save_token(
        &self,
        user_id: &UserId,
        client_id: &str,
        token: &Token,
    ) -> Result<RemoteAccount, StoreError> {
        self.note("save_token");
        self.inner.save_token(user_id, client_id, token).await
    }
    async fn token(
        &self,
        user_id: &UserId,
        client_id: &str,
        token_type: &str,
    ) -> Result<Option<Token>, StoreError> {
        self.note("token");
        self.inner.token(user_id, client_id, token_type).await
    }
    async fn replace_refreshed_token(
        &self,
        user_id: &UserId,
        client_id: &str,
        expected: &RefreshToken,
        fresh: &Token,
    ) -> Result<bool, StoreError> {
        self.note("replace_refreshed_token");
        (self.inner)
            .replace_refreshed_token(user_id, client_id, expected, fresh)
            .await
    }
    async fn delete_token(
        &self,
        user_id: &UserId,
        client_id: &str,
        token_type: &str,
    ) -> Result<(), StoreError> {
        self.note("delete_token");
        self.inner
            .delete_token(user_id, client_id, token_type)
            .await
    }
    async fn account_by_token(
        &self,
        client_id: &str,
        access_token: &AccessToken,
        token_type: &str,
    ) -> Result<Option<RemoteAccount>, StoreError> {
        self.note("account_by_token");
        (self.inner)
            .account_by_token(client_id, access_token, token_type)
            .await
    }
    async fn link_identity(&self, user_id: &UserId, info: &AccountInfo) -> Result<(), StoreError> {
        self.note("link_identity");
        self.inner.link_identity(user_id, info).await
    }
    async fn unlink_identity(&self, method: &str, external_id: &str) -> Result<(), StoreError> {
        self.note("unlink_identity");
        self.inner.unlink_identity(method, external_id).await
    }
    async fn identity(
        &self,
        method: &str,
        external_id: &str,
    ) -> Result<Option<UserIdentity>, StoreError> {
        self.note("identity");
        self.inner.identity(method, external_id).await
    }
    async fn identities_of(&self, user_id: &UserId) -> Result<Vec<UserIdentity>, StoreError> {
        self.note("identities_of");
        self.inner.identities_of(user_id).await
    }
    /// One call, as a store answering it in one round trip makes it.
    async fn owner_of(
        &self,
        client_id: &str,
        token: &Token,
        method: &str,
        external_id: &str,
    ) -> Result<Option<UserId>, StoreError> {
        self.note("owner_of");
        (self.inner)
            .owner_of(client_id, token, method, external_id)
            .await
    }
    async fn link(&self, user_id: &UserId, link: &NewLink) -> Result<RemoteAccount, StoreError> {
        self.note("link");
        self.inner.link(user_id, link).await
    }
    async fn save_pending_signup(
        &self,
        id: &PendingSignupId,
        signup: &PendingSignup,
        expires_at: u64,
    ) -> Result<(), StoreError> {
        self.note("save_pending_signup");
        self.inner.save_pending_signup(id, signup, expires_at).await
    }
    async fn pending_signup(
        &self,
        id: &PendingSignupId,
        now: u64,
    ) -> Result<Option<PendingSignup>, StoreError> {
        self.note("pending_signup");
        self.inner.pending_signup(id, now).await
    }
    async fn delete_pending_signup(&self, id: &PendingSignupId) -> Result<(), StoreError> {
        self.note("delete_pending_signup");
        self.inner.delete_pending_signup(id).await
    }
    async fn unlink_unless_last(
        &self,
        user_id: &UserId,
        client_id: &str,
        method: &str,
        has_password: bool,
    ) -> Result<bool, StoreError> {
        self.note("unlink_unless_last");
        (self.inner)
            .unlink_unless_last(user_id, client_id, method, has_password)
            .await
    }
}

#[async_trait]
impl UserStore for Counting {
    async fn user_by_id(&self, user_id: &UserId) -> Result<Option<User>, StoreError> {
        self.note("user_by_id");
        self.inner.user_by_id(user_id).await
    }
    async fn user_holding_email(&self, email: &str) -> Result<Option<User>, StoreError> {
        self.note("user_holding_email");
        self.inner.user_holding_email(email).await
    }
    async fn unconfirmed_claims(
        &self,
        email: &str,
        claimed_since: u64,
    ) -> Result<Vec<User>, StoreError> {
        self.note("unconfirmed_claims");
        self.inner.unconfirmed_claims(email, claimed_since).await
    }
    async fn create_user(&self, user: &NewUser) -> Result<User, StoreError> {
        self.note("create_user");
        self.inner.create_user(user).await
    }
    async fn register_and_link(&self, user: &NewUser, link: &NewLink) -> Result<User, StoreError> {
        self.note("register_and_link");
        self.inner.register_and_link(user, link).await
    }
    async fn delete_user(&self, user_id: &UserId) -> Result<(), StoreError> {
        self.note("delete_user");
        self.inner.delete_user(user_id).await
    }
    async fn confirm_email(
        &self,
        user_id: &UserId,
        email: &str,
        issued_at: u64,
    ) -> Result<bool, StoreError> {
        self.note("confirm_email");
        self.inner.confirm_email(user_id, email, issued_at).await
    }
    async fn change_email(&self, user_id: &UserId, email: &str) -> Result<User, StoreError> {
        self.note("change_email");
        self.inner.change_email(user_id, email).await
    }
    async fn note_confirmation_sent(
        &self,
        user_id: &UserId,
        cooldown_secs: u64,
    ) -> Result<bool, StoreError> {
        self.note("note_confirmation_sent");
        (self.inner)
            .note_confirmation_sent(user_id, cooldown_secs)
            .await
    }
    async fn end_sessions(&self, user_id: &UserId) -> Result<User, StoreError> {
        self.note("end_sessions");
        self.inner.end_sessions(user_id).await
    }
}

/// One anonymous callback through to its effect, with the stores counted.
async fn counted_callback(parts: &Parts, counting: &Counting) -> CallbackEffect {
    let mut flows = PendingFlows::default();
    let query = parts.authorize(&mut flows, None).await;
    let engine = Engine::new(
        &parts.config,
        &parts.codec,
        &parts.http,
        counting,
        counting,
        &DefaultPolicy,
        &parts.events,
        &parts.confirmations,
    );
    let CallbackCheck::Granted { grant, next } =
        engine.verify_callback("fake", &query, &mut flows, None)
    else {
        panic!("the state is this session's");
    };
    counting.take();
    engine
        .finish_callback(&parts.app, grant, None, next)
        .await
        .expect("callback")
}

#[tokio::test]
async fn a_returning_sign_in_reads_the_user_once() {
    let provider = provider_for(ada()).await;
    let parts = Parts::new(&provider);
    let counting = Counting::new(parts.store.clone());

    let first = counted_callback(&parts, &counting).await;
    assert!(
        matches!(first, CallbackEffect::SignedIn { .. }),
        "{first:?}"
    );
    assert_eq!(
        counting.take(),
        [
            "owner_of",
            "user_holding_email",
            "unconfirmed_claims",
            "register_and_link",
            "remote_account",
            "user_by_id",
        ],
        "a sign-up (address vouched for by the provider)"
    );

    let again = counted_callback(&parts, &counting).await;
    assert!(
        matches!(again, CallbackEffect::SignedIn { .. }),
        "{again:?}"
    );
    assert_eq!(
        counting.take(),
        ["owner_of", "user_by_id", "save_token"],
        "a returning sign-in: who, may they, keep the fresh token"
    );
}
