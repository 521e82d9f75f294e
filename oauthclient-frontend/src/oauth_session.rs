//! What oauthclient keeps in the session, under keys derived from
//! `session_key_prefix` (the seed's `OAUTHCLIENT_SESSION_KEY_PREFIX`).
//!
//! Keys are namespaced so that no app name can collide with the library's own: the library's
//! keys are `{prefix}:flows`, `{prefix}:signup`, `{prefix}:signed_in_with`, and per-app keys
//! live under `{prefix}:app:{name}`; a fixed key never starts with `app:`, whatever the name.

use oauthclient_core::account::UserId;
use oauthclient_core::clock::{Clock, SystemClock};
use oauthclient_core::pending_signup::{
    PENDING_SIGNUP_LIFETIME_SECS, PendingSignup, PendingSignupId,
};
use oauthclient_core::state::PendingFlows;
use oauthclient_core::{AccountStore, OAuthError, Token};

use crate::session::SessionData;

/// How long a provider sign-in counts as proof of holding an account whose address is not
/// confirmed yet: long enough to press "Confirm" on the link's page.
pub(crate) const PROOF_LIFETIME_SECS: u64 = 10 * 60;

const FLOWS: &str = "flows";
const SIGNUP: &str = "signup";
const SIGNED_IN_WITH: &str = "signed_in_with";
const PROVEN_HOLDER: &str = "proven_holder";
const CONFIRMING: &str = "confirming";

/// Every key the library reads: its own under `prefix`, the per-app token keys, the CSRF
/// token and the flashes.
pub(crate) fn library_keys<'a>(
    prefix: &str,
    apps: impl Iterator<Item = &'a String>,
) -> Vec<String> {
    let mut keys: Vec<String> = [FLOWS, SIGNUP, SIGNED_IN_WITH, PROVEN_HOLDER, CONFIRMING]
        .iter()
        .map(|key| format!("{prefix}:{key}"))
        .collect();
    keys.extend(apps.map(|app| token_key(prefix, app)));
    keys.push(crate::csrf::CSRF_KEY.to_owned());
    keys.push(crate::flash::FLASH_KEY.to_owned());
    keys
}

/// The seed's `token_session_key(remote_app)`, namespaced (see the module docs).
fn token_key(prefix: &str, app: &str) -> String {
    format!("{prefix}:app:{app}")
}

/// Typed access to oauthclient's session keys.
pub(crate) struct OAuthSession<'a> {
    pub session: &'a mut SessionData,
    pub prefix: &'a str,
}

impl OAuthSession<'_> {
    fn key(&self, name: &str) -> String {
        format!("{}:{name}", self.prefix)
    }

    /// The flows this session started; an unreadable entry (older format) starts over.
    pub fn flows(&self) -> PendingFlows {
        self.session.get(&self.key(FLOWS)).unwrap_or_default()
    }

    pub fn set_flows(&mut self, flows: &PendingFlows) {
        let key = self.key(FLOWS);
        self.session.insert(&key, flows);
    }

    pub fn set_token(&mut self, app: &str, token: &Token) {
        let key = token_key(self.prefix, app);
        self.session.insert(&key, token);
    }

    pub fn remove_token(&mut self, app: &str) {
        let key = token_key(self.prefix, app);
        self.session.remove(&key);
    }

    /// The id of the sign-up this session is waiting on; the sign-up itself is in the store.
    fn signup_id(&self) -> Option<PendingSignupId> {
        self.session
            .get::<String>(&self.key(SIGNUP))
            .and_then(|raw| PendingSignupId::parse(&raw))
    }

    /// Files `pending` in the store (sealed, expiring) and keeps only its id in the session,
    /// replacing any sign-up the session was waiting on.
    pub async fn hold_signup(
        &mut self,
        store: &dyn AccountStore,
        pending: &PendingSignup,
    ) -> Result<(), OAuthError> {
        if let Some(earlier) = self.signup_id() {
            store.delete_pending_signup(&earlier).await?;
        }
        let id = PendingSignupId::generate();
        let expires_at = SystemClock.now() + PENDING_SIGNUP_LIFETIME_SECS;
        store.save_pending_signup(&id, pending, expires_at).await?;
        let key = self.key(SIGNUP);
        self.session.insert(&key, id.as_str());
        Ok(())
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
    pub async fn release_signup(&mut self, store: &dyn AccountStore) -> Result<(), OAuthError> {
        if let Some(id) = self.signup_id() {
            self.clear_signup();
            store.delete_pending_signup(&id).await?;
        }
        Ok(())
    }

    /// Remembers, for [`PROOF_LIFETIME_SECS`], that this visitor just proved they hold
    /// `user_id` (a sign-in through one of its linked providers, refused only because the
    /// address is unconfirmed): a confirmation link for that account then confirms for them.
    pub fn set_proven_holder(&mut self, user_id: &UserId) {
        let key = self.key(PROVEN_HOLDER);
        self.session.insert(&key, &(user_id, SystemClock.now()));
    }

    /// The account this visitor proved they hold, if the proof is still fresh.
    pub fn proven_holder(&self) -> Option<UserId> {
        let (user_id, at) = self
            .session
            .get::<(UserId, u64)>(&self.key(PROVEN_HOLDER))?;
        (SystemClock.now().saturating_sub(at) < PROOF_LIFETIME_SECS).then_some(user_id)
    }

    /// Remembers the confirmation link this visitor is following, so a sign-in started on its
    /// page comes back to it without the token travelling in a URL.
    pub fn set_confirming(&mut self, token: &str) {
        let key = self.key(CONFIRMING);
        self.session.insert(&key, token);
    }

    /// The confirmation link this visitor is following, if any.
    pub fn confirming(&self) -> Option<String> {
        self.session.get(&self.key(CONFIRMING))
    }

    /// Forgets the proof (used, or the visitor signed in).
    pub fn clear_proven_holder(&mut self) {
        let key = self.key(PROVEN_HOLDER);
        self.session.remove(&key);
    }

    /// Remembers the app the user signed in through, so logout can end the provider's
    /// session too (OpenID Connect RP-initiated logout).
    pub fn set_signed_in_with(&mut self, app: &str) {
        let key = self.key(SIGNED_IN_WITH);
        self.session.insert(&key, app);
    }

    pub fn signed_in_with(&self) -> Option<String> {
        self.session.get(&self.key(SIGNED_IN_WITH))
    }

    /// Forgets the session's reference; the stored sign-up expires and is purged on its own.
    pub fn clear_signup(&mut self) {
        let key = self.key(SIGNUP);
        self.session.remove(&key);
    }

    /// Forgets the flows in progress.
    pub fn clear_flows(&mut self) {
        let key = self.key(FLOWS);
        self.session.remove(&key);
    }

    /// The seed's `oauth_logout_handler`: every OAuth value of this session goes.
    pub fn clear_all(&mut self, apps: impl Iterator<Item = impl AsRef<str>>) {
        for app in apps {
            self.remove_token(app.as_ref());
        }
        for name in [FLOWS, SIGNED_IN_WITH, SIGNUP, PROVEN_HOLDER, CONFIRMING] {
            let key = self.key(name);
            self.session.remove(&key);
        }
    }
}
