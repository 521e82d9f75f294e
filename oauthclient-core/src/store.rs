//! Storage traits the handlers need, implemented by store crates
//! (`oauthclient-store-diesel`) or by a host app with its own user table.
//!
//! The method set follows the seed's model API (`RemoteAccount`, `RemoteToken`,
//! `UserIdentity`), plus two atomic operations ([`AccountStore::link`] and
//! [`UserStore::register_and_link`]) so a callback writes everything or nothing.
//!
//! ```
//! use oauthclient_core::store::{StoreError, StoreErrorKind};
//! let err = StoreError::unavailable("connection refused");
//! assert_eq!(err.kind(), StoreErrorKind::Unavailable);
//! ```

use async_trait::async_trait;

use crate::account::{AccountInfo, NewUser, RemoteAccount, User, UserId, UserIdentity};
use crate::pending_signup::{PendingSignup, PendingSignupId};
use crate::secret::{AccessToken, RefreshToken};
use crate::token::Token;

/// What kind of storage failure happened; decides retry and user-facing outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum StoreErrorKind {
    /// The backend cannot be reached or timed out; try again later (503).
    Unavailable,
    /// A uniqueness constraint refused the write (e.g. e-mail already taken).
    Conflict,
    /// A stored value cannot be read back (undecryptable, unknown key id, bad JSON).
    Corrupt,
    /// The identity or remote account is linked already (to this or another user).
    AlreadyLinked,
    /// Anything else.
    Other,
}

/// A storage failure. The message is for operators and never contains token values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize, serde::Deserialize)]
#[error("{kind:?}: {message}")]
pub struct StoreError {
    kind: StoreErrorKind,
    message: String,
    /// For a conflict on a form field: which one (`email`, `username`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    field: Option<String>,
}

impl StoreError {
    /// A uniqueness conflict on the user-facing `field` (`email`, `username`): a sign-up form
    /// shows `message` beside that field.
    pub fn conflict_on(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: Some(field.into()),
            ..Self::conflict(message)
        }
    }

    /// The form field a conflict is about, when the store knows it.
    pub fn field(&self) -> Option<&str> {
        self.field.as_deref()
    }

    /// `(method, external id)` or `(user, remote app)` is linked already; `remote` names the
    /// remote app (its method or consumer key), shown to the user.
    pub fn already_linked(remote: impl Into<String>) -> Self {
        Self::new(StoreErrorKind::AlreadyLinked, remote)
    }
}

impl StoreError {
    /// A new error of `kind`.
    pub fn new(kind: StoreErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
            field: None,
        }
    }

    /// The backend is down or timed out.
    pub fn unavailable(message: impl Into<String>) -> Self {
        Self::new(StoreErrorKind::Unavailable, message)
    }

    /// A uniqueness constraint refused the write.
    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(StoreErrorKind::Conflict, message)
    }

    /// A stored value cannot be read back.
    pub fn corrupt(message: impl Into<String>) -> Self {
        Self::new(StoreErrorKind::Corrupt, message)
    }

    /// The kind of failure.
    pub fn kind(&self) -> StoreErrorKind {
        self.kind
    }

    /// Whether a uniqueness constraint refused the write.
    pub fn is_conflict(&self) -> bool {
        self.kind == StoreErrorKind::Conflict
    }

    /// The operator-facing message.
    pub fn message(&self) -> &str {
        &self.message
    }
}

/// Everything to write when a remote account is linked to a user: one transaction.
#[derive(Debug, Clone)]
pub struct NewLink {
    /// The remote app's consumer key (the seed's `client_id`).
    pub client_id: String,
    /// Who the user is at the remote; becomes a `UserIdentity`.
    pub account_info: AccountInfo,
    /// The token to store.
    pub token: Token,
    /// Initial `extra_data` of the remote account.
    pub extra_data: serde_json::Value,
}

/// Remote accounts, their tokens and the identities linking them to users.
///
/// Implementations must be safe to call concurrently: creating the same identity twice at once
/// yields one row and a [`StoreError::already_linked`] (or the existing row), never two rows.
#[async_trait]
pub trait AccountStore: Send + Sync {
    /// The seed's `RemoteAccount.get(user_id, client_id)`.
    async fn remote_account(
        &self,
        user_id: &UserId,
        client_id: &str,
    ) -> Result<Option<RemoteAccount>, StoreError>;

    /// All remote accounts of a user (for the linked-accounts page).
    async fn remote_accounts_of(&self, user_id: &UserId) -> Result<Vec<RemoteAccount>, StoreError>;

    /// The seed's `RemoteAccount.create`; [`StoreError::already_linked`] if it exists.
    async fn create_remote_account(
        &self,
        user_id: &UserId,
        client_id: &str,
        extra_data: serde_json::Value,
    ) -> Result<RemoteAccount, StoreError>;

    /// Replaces a remote account's `extra_data`.
    async fn update_extra_data(
        &self,
        account_id: i64,
        extra_data: serde_json::Value,
    ) -> Result<(), StoreError>;

    /// The seed's `RemoteAccount.delete`: removes the account and all its tokens.
    async fn delete_remote_account(&self, account_id: i64) -> Result<(), StoreError>;

    /// The seed's `RemoteToken.create` / `token_setter`: stores `token` under its
    /// `token_type` slot, creating the remote account when missing, replacing an existing token
    /// of the same type.
    async fn save_token(
        &self,
        user_id: &UserId,
        client_id: &str,
        token: &Token,
    ) -> Result<RemoteAccount, StoreError>;

    /// The seed's `RemoteToken.get(user_id, client_id, token_type)`.
    async fn token(
        &self,
        user_id: &UserId,
        client_id: &str,
        token_type: &str,
    ) -> Result<Option<Token>, StoreError>;

    /// Compare-and-swap for a refresh: stores `fresh` in its `token_type` slot of
    /// (user, client) **only if** the stored token's refresh token is still `expected`.
    /// `Ok(false)` when another request (or process) replaced it first, or it is gone: the
    /// caller then uses what is stored instead of overwriting a newer token.
    async fn replace_refreshed_token(
        &self,
        user_id: &UserId,
        client_id: &str,
        expected: &RefreshToken,
        fresh: &Token,
    ) -> Result<bool, StoreError>;

    /// Deletes the `token_type` token of (user, client); the account stays linked. Used when
    /// the provider refuses the refresh token: the user must reconnect.
    async fn delete_token(
        &self,
        user_id: &UserId,
        client_id: &str,
        token_type: &str,
    ) -> Result<(), StoreError>;

    /// The seed's `RemoteToken.get_by_token(client_id, access_token)`: which account holds
    /// this access token.
    async fn account_by_token(
        &self,
        client_id: &str,
        access_token: &AccessToken,
        token_type: &str,
    ) -> Result<Option<RemoteAccount>, StoreError>;

    /// Links `(method, external_id)` to a user; [`StoreError::already_linked`] if that
    /// identity belongs to anyone, or the user already has an identity for this method.
    async fn link_identity(&self, user_id: &UserId, info: &AccountInfo) -> Result<(), StoreError>;

    /// Removes an identity link. Missing links are not an error.
    async fn unlink_identity(&self, method: &str, external_id: &str) -> Result<(), StoreError>;

    /// Finds the identity for `(method, external_id)`.
    async fn identity(
        &self,
        method: &str,
        external_id: &str,
    ) -> Result<Option<UserIdentity>, StoreError>;

    /// All identities of a user (to decide whether unlinking leaves a way to sign in).
    async fn identities_of(&self, user_id: &UserId) -> Result<Vec<UserIdentity>, StoreError>;

    /// Whose remote account is signing in: the user holding `token`'s access token for
    /// `client_id` ([`AccountStore::account_by_token`]), else the user the identity
    /// `(method, external_id)` belongs to ([`AccountStore::identity`]). A callback asks this
    /// once; the default asks those two in turn, and a store may answer both in one round
    /// trip (the Diesel store does).
    async fn owner_of(
        &self,
        client_id: &str,
        token: &Token,
        method: &str,
        external_id: &str,
    ) -> Result<Option<UserId>, StoreError> {
        if let Some(account) = self
            .account_by_token(client_id, &token.access_token, &token.token_type)
            .await?
        {
            return Ok(Some(account.user_id));
        }
        Ok(self
            .identity(method, external_id)
            .await?
            .map(|identity| identity.user_id))
    }

    /// Atomically links an identity, creates (or updates) the remote account and stores the
    /// token: all or nothing.
    async fn link(&self, user_id: &UserId, link: &NewLink) -> Result<RemoteAccount, StoreError>;

    /// Keeps a sign-up waiting for its form until `expires_at` (Unix seconds), sealed like
    /// tokens, filed under [`PendingSignupId::storage_key`]. Also purges expired ones, so
    /// abandoned sign-ups (and their tokens) do not accumulate.
    async fn save_pending_signup(
        &self,
        id: &PendingSignupId,
        signup: &PendingSignup,
        expires_at: u64,
    ) -> Result<(), StoreError>;

    /// The sign-up filed under `id`, unless it expired before `now` (Unix seconds).
    async fn pending_signup(
        &self,
        id: &PendingSignupId,
        now: u64,
    ) -> Result<Option<PendingSignup>, StoreError>;

    /// Forgets the sign-up filed under `id` (completed or abandoned); absent is fine.
    async fn delete_pending_signup(&self, id: &PendingSignupId) -> Result<(), StoreError>;

    /// Disconnects `method` from a user in one transaction: deletes their remote account of
    /// `client_id` (with its tokens) and their identities of `method`, **only if** a way to
    /// sign in remains ([`leaves_no_login_method`] is false: a password, or an identity of
    /// another method). `Ok(false)`, and nothing changes, when it would lock the user out.
    ///
    /// The check and the deletes must be atomic: of two concurrent calls removing a user's two
    /// last identities, one must see the other's delete and refuse. A check followed by
    /// separate deletes lets both pass. The Diesel store takes SQLite's write lock
    /// (`BEGIN IMMEDIATE`) or PostgreSQL's lock on the user row (`SELECT … FOR UPDATE`).
    ///
    /// `has_password` is what the user store knows (a host's own login counts as a
    /// password); a store that keeps users itself may also read its own record.
    async fn unlink_unless_last(
        &self,
        user_id: &UserId,
        client_id: &str,
        method: &str,
        has_password: bool,
    ) -> Result<bool, StoreError>;
}

/// Whether removing the user's identities of `method` would leave them no way to sign in: no
/// password, an identity of `method`, and none of any other method. The rule the unlink guard
/// and every [`AccountStore::unlink_unless_last`] share.
///
/// ```
/// use oauthclient_core::account::{ExternalId, UserId, UserIdentity};
/// use oauthclient_core::store::leaves_no_login_method;
///
/// let github = UserIdentity { id: ExternalId::new("1"), method: "github".into(), user_id: UserId::from(7) };
/// let orcid = UserIdentity { id: ExternalId::new("2"), method: "orcid".into(), user_id: UserId::from(7) };
/// assert!(leaves_no_login_method(false, &[github.clone()], "github"));
/// assert!(!leaves_no_login_method(true, &[github.clone()], "github"));
/// assert!(!leaves_no_login_method(false, &[github, orcid], "github"));
/// ```
pub fn leaves_no_login_method(
    has_password: bool,
    identities: &[UserIdentity],
    method: &str,
) -> bool {
    let signs_in_here = identities.iter().any(|identity| identity.method == method);
    let other_ways = identities.iter().any(|identity| identity.method != method);
    !has_password && signs_in_here && !other_ways
}

/// At most this many unconfirmed claims on one mailbox are returned by
/// [`UserStore::unconfirmed_claims`]: the callers' work (mails, password checks) stays bounded.
pub const MAX_UNCONFIRMED_CLAIMS: usize = 5;

/// Local users. Host apps with their own user table implement this.
///
/// E-mail addresses are stored as given and compared by their [`crate::email::mailbox_key`].
/// Two kinds of relation to a mailbox (docs/security.md, "unconfirmed claims"):
/// - **holding** it: the account's address there is confirmed. At most one account holds a
///   mailbox; a holder blocks every other account from registering with, signing up with or
///   changing to that address ([`StoreError::conflict`]).
/// - **claiming** it without confirming: any number of accounts may. An unconfirmed claim
///   blocks no one. Whoever confirms first holds the mailbox, and every other unconfirmed
///   claim on it ends in the same transaction: that account's address empties and
///   [`User::ended_claim`] keeps it, so the user can be told.
#[async_trait]
pub trait UserStore: Send + Sync {
    /// Finds a user by primary key.
    async fn user_by_id(&self, user_id: &UserId) -> Result<Option<User>, StoreError>;

    /// The account holding the mailbox of `email` (its address there is confirmed); `None`
    /// for an address without a key.
    async fn user_holding_email(&self, email: &str) -> Result<Option<User>, StoreError>;

    /// Accounts claiming the mailbox of `email` without having confirmed it, whose address
    /// was set at or after `claimed_since` (seconds since the epoch; older claims have
    /// expired), oldest first, at most [`MAX_UNCONFIRMED_CLAIMS`]. A store that only keeps
    /// confirmed addresses returns none.
    async fn unconfirmed_claims(
        &self,
        email: &str,
        claimed_since: u64,
    ) -> Result<Vec<User>, StoreError>;

    /// Creates a user; an address another account holds, or a taken username, is a
    /// [`StoreError::conflict_on`] that field. `confirmed` makes the new user the address's
    /// holder and ends every unconfirmed claim on it, in one transaction.
    async fn create_user(&self, user: &NewUser) -> Result<User, StoreError>;

    /// Atomically creates a user (as [`UserStore::create_user`], ending unconfirmed claims
    /// when `confirmed`) and links the remote account to them: all or nothing.
    async fn register_and_link(&self, user: &NewUser, link: &NewLink) -> Result<User, StoreError>;

    /// Deletes a user with everything linked to them (remote accounts, tokens, identities).
    /// Deleting a missing user is not an error.
    async fn delete_user(&self, user_id: &UserId) -> Result<(), StoreError>;

    /// Marks the user's address confirmed, if it is still `email`'s mailbox, unconfirmed,
    /// and was not changed after `issued_at` (seconds since the epoch): the user then holds
    /// the mailbox and every other unconfirmed claim on it ends, in one transaction.
    /// `Ok(false)` and no change when any of that does not hold; a [`StoreError::conflict`]
    /// when another account confirmed the mailbox first.
    async fn confirm_email(
        &self,
        user_id: &UserId,
        email: &str,
        issued_at: u64,
    ) -> Result<bool, StoreError>;

    /// Sets a new address (as given), unconfirmed, noting when it changed: links sent to
    /// earlier addresses stop working, and [`User::ended_claim`] is forgotten. A mailbox
    /// another account holds is a [`StoreError::conflict`]; unconfirmed claims are not.
    async fn change_email(&self, user_id: &UserId, email: &str) -> Result<User, StoreError>;

    /// Notes that a confirmation mail goes to the user now, unless one went less than
    /// `cooldown_secs` ago: then `Ok(false)` and nothing is noted (resend cooldown, shared by
    /// every instance through the store).
    async fn note_confirmation_sent(
        &self,
        user_id: &UserId,
        cooldown_secs: u64,
    ) -> Result<bool, StoreError>;

    /// Ends every session of the user ("sign out everywhere"): increments
    /// [`User::session_epoch`] in one atomic step and returns the user as changed. Sessions
    /// remember the epoch they signed in under and are signed out at their next request once
    /// it moved on, whatever holds them (cookie or server-side store). A missing user is a
    /// [`StoreErrorKind::Other`] error.
    ///
    /// The default refuses ([`StoreErrorKind::Other`]): a store that keeps no epoch (a host's
    /// [`crate::user_directory::UserDirectory`]) cannot end sessions it does not track, and
    /// must not pretend it did.
    async fn end_sessions(&self, user_id: &UserId) -> Result<User, StoreError> {
        Err(StoreError::new(
            StoreErrorKind::Other,
            format!("this user store cannot end the sessions of user {user_id}"),
        ))
    }
}
