//! What oauthclient keeps in the session, under keys derived from
//! `session_key_prefix` (the seed's `OAUTHCLIENT_SESSION_KEY_PREFIX`).
//!
//! Keys are namespaced so that no app name can collide with the library's own: the library's
//! keys are `{prefix}:flows`, `{prefix}:signup`, `{prefix}:signed_in_with`, and per-app keys
//! live under `{prefix}:app:{name}`; a fixed key never starts with `app:`, whatever the name.

use actix_session::Session;
use oauthclient_core::account::UserId;
use oauthclient_core::clock::{Clock, SystemClock};
use oauthclient_core::pending_signup::{
    PENDING_SIGNUP_LIFETIME_SECS, PendingSignup, PendingSignupId,
};
use oauthclient_core::state::PendingFlows;
use oauthclient_core::store::StoreError;
use oauthclient_core::{AccountStore, OAuthError, Token};

/// How long a provider sign-in counts as proof of holding an account whose address is not
/// confirmed yet: long enough to press "Confirm" on the link's page.
pub(crate) const PROOF_LIFETIME_SECS: u64 = 10 * 60;

/// A failing session store (Redis down, cookie unreadable) is a 503, not a crash.
pub(crate) fn session_error(err: &dyn std::fmt::Display) -> OAuthError {
    OAuthError::Store(StoreError::unavailable(format!("session: {err}")))
}

/// Typed access to oauthclient's session keys.
pub(crate) struct OAuthSession<'a> {
    pub session: &'a Session,
    pub prefix: &'a str,
}

impl OAuthSession<'_> {
    fn flows_key(&self) -> String {
        format!("{}:flows", self.prefix)
    }

    fn signup_key(&self) -> String {
        format!("{}:signup", self.prefix)
    }

    /// The seed's `token_session_key(remote_app)`, namespaced (see the module docs).
    pub fn token_key(&self, app: &str) -> String {
        format!("{}:app:{app}", self.prefix)
    }

    pub fn flows(&self) -> PendingFlows {
        // An unreadable entry (older format) starts over rather than failing the login.
        self.session
            .get::<PendingFlows>(&self.flows_key())
            .ok()
            .flatten()
            .unwrap_or_default()
    }

    pub fn set_flows(&self, flows: &PendingFlows) -> Result<(), OAuthError> {
        self.session
            .insert(self.flows_key(), flows)
            .map_err(|err| session_error(&err))
    }

    pub fn set_token(&self, app: &str, token: &Token) -> Result<(), OAuthError> {
        self.session
            .insert(self.token_key(app), token)
            .map_err(|err| session_error(&err))
    }

    pub fn remove_token(&self, app: &str) {
        self.session.remove(&self.token_key(app));
    }

    /// The id of the sign-up this session is waiting on; the sign-up itself is in the store.
    fn signup_id(&self) -> Option<PendingSignupId> {
        self.session
            .get::<String>(&self.signup_key())
            .ok()
            .flatten()
            .and_then(|raw| PendingSignupId::parse(&raw))
    }

    /// Files `pending` in the store (sealed, expiring) and keeps only its id in the session,
    /// replacing any sign-up the session was waiting on.
    pub async fn hold_signup(
        &self,
        store: &dyn AccountStore,
        pending: &PendingSignup,
    ) -> Result<(), OAuthError> {
        if let Some(earlier) = self.signup_id() {
            store.delete_pending_signup(&earlier).await?;
        }
        let id = PendingSignupId::generate();
        let expires_at = SystemClock.now() + PENDING_SIGNUP_LIFETIME_SECS;
        store.save_pending_signup(&id, pending, expires_at).await?;
        self.session
            .insert(self.signup_key(), id.as_str())
            .map_err(|err| session_error(&err))
    }

    /// The sign-up this session is waiting on, unless it expired (or the store lost it).
    pub async fn held_signup(
        &self,
        store: &dyn AccountStore,
    ) -> Result<Option<PendingSignup>, OAuthError> {
        match self.signup_id() {
            Some(id) => Ok(store.pending_signup(&id, SystemClock.now()).await?),
            None => Ok(None),
        }
    }

    /// Ends the sign-up this session was waiting on: the store forgets it now rather than at
    /// its expiry.
    pub async fn release_signup(&self, store: &dyn AccountStore) -> Result<(), OAuthError> {
        if let Some(id) = self.signup_id() {
            self.clear_signup();
            store.delete_pending_signup(&id).await?;
        }
        Ok(())
    }

    /// Remembers, for [`PROOF_LIFETIME_SECS`], that this visitor just proved they hold
    /// `user_id` (a sign-in through one of its linked providers, refused only because the
    /// address is unconfirmed): a confirmation link for that account then confirms for them.
    pub fn set_proven_holder(&self, user_id: &UserId) -> Result<(), OAuthError> {
        self.session
            .insert(self.proven_holder_key(), (user_id, SystemClock.now()))
            .map_err(|err| session_error(&err))
    }

    /// The account this visitor proved they hold, if the proof is still fresh.
    pub fn proven_holder(&self) -> Option<UserId> {
        let (user_id, at) = self
            .session
            .get::<(UserId, u64)>(&self.proven_holder_key())
            .ok()
            .flatten()?;
        (SystemClock.now().saturating_sub(at) < PROOF_LIFETIME_SECS).then_some(user_id)
    }

    /// Remembers the confirmation link this visitor is following, so a sign-in started on its
    /// page comes back to it without the token travelling in a URL.
    pub fn set_confirming(&self, token: &str) -> Result<(), OAuthError> {
        self.session
            .insert(self.confirming_key(), token)
            .map_err(|err| session_error(&err))
    }

    /// The confirmation link this visitor is following, if any.
    pub fn confirming(&self) -> Option<String> {
        self.session.get(&self.confirming_key()).ok().flatten()
    }

    fn confirming_key(&self) -> String {
        format!("{}:confirming", self.prefix)
    }

    /// Forgets the proof (used, or the visitor signed in).
    pub fn clear_proven_holder(&self) {
        self.session.remove(&self.proven_holder_key());
    }

    fn proven_holder_key(&self) -> String {
        format!("{}:proven_holder", self.prefix)
    }

    /// Remembers the app the user signed in through, so logout can end the provider's
    /// session too (OpenID Connect RP-initiated logout).
    pub fn set_signed_in_with(&self, app: &str) -> Result<(), OAuthError> {
        self.session
            .insert(self.signed_in_with_key(), app)
            .map_err(|err| session_error(&err))
    }

    pub fn signed_in_with(&self) -> Option<String> {
        self.session.get(&self.signed_in_with_key()).ok().flatten()
    }

    fn signed_in_with_key(&self) -> String {
        format!("{}:signed_in_with", self.prefix)
    }

    /// Forgets the session's reference; the stored sign-up expires and is purged on its own.
    pub fn clear_signup(&self) {
        self.session.remove(&self.signup_key());
    }

    /// The seed's `oauth_logout_handler`: every OAuth value of this session goes.
    pub fn clear_all(&self, apps: impl Iterator<Item = impl AsRef<str>>) {
        for app in apps {
            self.remove_token(app.as_ref());
        }
        self.session.remove(&self.flows_key());
        self.session.remove(&self.signed_in_with_key());
        self.clear_signup();
        self.clear_proven_holder();
        self.session.remove(&self.confirming_key());
    }
}

/// Signs `user` in through the host's glue (which renews the session id), then drops what the
/// anonymous session held that must not survive into the signed-in one: the CSRF token
/// (rotated), pending flows and a pending sign-up (OWASP session management).
pub(crate) fn start_signed_in(
    inner: &crate::client::Inner,
    req: &actix_web::HttpRequest,
    user: &oauthclient_core::account::User,
    remember: bool,
) -> Result<(), OAuthError> {
    use actix_session::SessionExt;
    inner.current_user.sign_in(req, user, remember)?;
    let session = req.get_session();
    crate::csrf::rotate(&session);
    let oauth_session = OAuthSession {
        session: &session,
        prefix: &inner.config.session_key_prefix,
    };
    session.remove(&oauth_session.flows_key());
    oauth_session.clear_signup();
    oauth_session.clear_proven_holder();
    if let Some(address) = &user.ended_claim {
        crate::flash::push(
            &session,
            "warning",
            format!(
                "The address {address} is no longer on your account: it was never confirmed, \
                 and another account confirmed it (or the time to confirm it ran out). Set a new \
                 address in your e-mail settings."
            ),
        );
    }
    Ok(())
}
