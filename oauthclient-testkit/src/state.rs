//! The provider's memory: settings, request logs, codes and tokens, behind one mutex.
//!
//! Endpoints lock it briefly and never across an `.await`.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, MutexGuard, PoisonError};

use crate::faults::Fault;
use crate::random_token::random_token;
use crate::sandbox_state::PendingRequests;
use crate::user::{Consent, FakeUser};

/// What every endpoint shares: the client credentials the provider accepts and its state.
#[derive(Debug)]
pub(crate) struct Shared {
    /// The only client id the provider knows.
    pub client_id: String,
    /// That client's secret.
    pub client_secret: String,
    /// The client's name on the sandbox pages.
    pub client_name: String,
    /// Whether `/authorize` shows the sandbox login and consent pages.
    pub interactive: bool,
    state: Mutex<State>,
}

impl Shared {
    pub fn new(client_id: String, client_secret: String, user: FakeUser) -> Self {
        Self {
            client_name: client_id.clone(),
            interactive: false,
            client_id,
            client_secret,
            state: Mutex::new(State {
                user,
                ..State::default()
            }),
        }
    }

    /// Locks the state. A panic while locked cannot leave it half-updated in a way that
    /// matters to a fake, so a poisoned lock is simply taken over.
    pub fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// An authorization code and what it is bound to.
#[derive(Debug, Clone)]
pub(crate) struct CodeGrant {
    /// The client the code was issued to.
    pub client_id: String,
    /// The `redirect_uri` of the authorization request, verbatim.
    pub redirect_uri: String,
    /// The PKCE S256 challenge, if one was sent.
    pub code_challenge: Option<String>,
    /// Who signed in.
    pub user: FakeUser,
    /// The requested scope, verbatim.
    pub scope: Option<String>,
    grant: u64,
    used: bool,
}

/// A refresh token's grant.
#[derive(Debug, Clone)]
struct RefreshGrant {
    user: FakeUser,
    scope: Option<String>,
    grant: u64,
}

/// A live access token.
#[derive(Debug, Clone)]
struct AccessGrant {
    user: FakeUser,
    grant: u64,
}

/// A freshly issued token pair.
#[derive(Debug, Clone)]
pub(crate) struct Issued {
    pub access_token: String,
    pub refresh_token: String,
    pub scope: Option<String>,
}

/// Why a refresh token was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RefreshError {
    /// Unknown, rotated away or revoked.
    Invalid,
    /// A scope beyond the original grant was asked for.
    ScopeTooWide,
}

/// Everything the provider remembers.
#[derive(Debug, Default)]
pub(crate) struct State {
    pub user: FakeUser,
    pub consent: Consent,
    pub authorize_error: Option<String>,
    /// Extra parameters every successful authorization response carries (Apple's `user`).
    pub callback_extra: Vec<(String, String)>,
    pub token_fault: Option<Fault>,
    /// Tokens are padded to at least this many characters (large-token providers).
    pub token_size: usize,
    /// `"groups"` of every `/api/user` answer (none: left out).
    pub groups: Vec<String>,
    pub authorize_log: Vec<BTreeMap<String, String>>,
    pub token_log: Vec<BTreeMap<String, String>>,
    pub issued_access: Vec<String>,
    pub revoked: Vec<String>,
    /// Sandbox sign-ins waiting for the login or consent page.
    pub pending: PendingRequests,
    codes: HashMap<String, CodeGrant>,
    access: HashMap<String, AccessGrant>,
    refresh: HashMap<String, RefreshGrant>,
    next_grant: u64,
}

impl State {
    /// Issues a single-use code for `user`.
    pub fn issue_code_for(
        &mut self,
        user: FakeUser,
        client_id: &str,
        redirect_uri: &str,
        code_challenge: Option<&str>,
        scope: Option<&str>,
    ) -> String {
        let code = random_token("testkit_code_");
        self.next_grant += 1;
        let grant = CodeGrant {
            client_id: client_id.to_owned(),
            redirect_uri: redirect_uri.to_owned(),
            code_challenge: code_challenge.map(str::to_owned),
            user,
            scope: scope.map(str::to_owned),
            grant: self.next_grant,
            used: false,
        };
        self.codes.insert(code.clone(), grant);
        code
    }

    /// Spends a code. The first redemption attempt spends it, whether or not the rest of the
    /// request is valid; a second attempt also revokes every token issued from it
    /// (RFC 6749 §4.1.2).
    pub fn redeem_code(&mut self, code: &str) -> Option<CodeGrant> {
        let grant = self.codes.get_mut(code)?;
        if grant.used {
            let id = grant.grant;
            self.revoke_grant(id);
            return None;
        }
        grant.used = true;
        Some(grant.clone())
    }

    /// Issues an access and a refresh token for a redeemed code.
    pub fn issue_tokens(&mut self, code: &CodeGrant) -> Issued {
        self.issue_pair(code.user.clone(), code.scope.clone(), code.grant)
    }

    /// Trades a refresh token for a new pair; the old refresh token stops working.
    pub fn refresh(
        &mut self,
        refresh_token: &str,
        scope: Option<&str>,
    ) -> Result<Issued, RefreshError> {
        let grant = self
            .refresh
            .get(refresh_token)
            .ok_or(RefreshError::Invalid)?;
        if let Some(asked) = scope {
            let granted: Vec<&str> = grant
                .scope
                .as_deref()
                .unwrap_or_default()
                .split_whitespace()
                .collect();
            if !asked.split_whitespace().all(|one| granted.contains(&one)) {
                return Err(RefreshError::ScopeTooWide);
            }
        }
        let grant = self
            .refresh
            .remove(refresh_token)
            .ok_or(RefreshError::Invalid)?;
        let scope = scope.map(str::to_owned).or(grant.scope);
        Ok(self.issue_pair(grant.user, scope, grant.grant))
    }

    /// The user an access token was issued for, if it is live.
    pub fn user_for_access_token(&self, access_token: &str) -> Option<FakeUser> {
        self.access
            .get(access_token)
            .map(|access| access.user.clone())
    }

    /// RFC 7009: revoking an access token ends it; revoking a refresh token ends it and every
    /// access token of its grant. Unknown tokens are ignored.
    pub fn revoke(&mut self, token: &str) {
        self.revoked.push(token.to_owned());
        if self.access.remove(token).is_some() {
            return;
        }
        if let Some(refresh) = self.refresh.remove(token) {
            self.revoke_grant(refresh.grant);
        }
    }

    fn revoke_grant(&mut self, grant: u64) {
        self.access.retain(|_, access| access.grant != grant);
        self.refresh.retain(|_, refresh| refresh.grant != grant);
    }

    fn issue_pair(&mut self, user: FakeUser, scope: Option<String>, grant: u64) -> Issued {
        let access_token = pad(random_token("testkit_at_"), self.token_size);
        let refresh_token = pad(random_token("testkit_rt_"), self.token_size);
        self.access.insert(
            access_token.clone(),
            AccessGrant {
                user: user.clone(),
                grant,
            },
        );
        self.refresh.insert(
            refresh_token.clone(),
            RefreshGrant {
                user,
                scope: scope.clone(),
                grant,
            },
        );
        self.issued_access.push(access_token.clone());
        Issued {
            access_token,
            refresh_token,
            scope,
        }
    }
}

/// `token` lengthened to `size` characters (still unique: the random part stays in front).
fn pad(mut token: String, size: usize) -> String {
    while token.len() < size {
        token.push('x');
    }
    token
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state_with_code() -> (State, String) {
        let mut state = State::default();
        let code = state.issue_code_for(
            FakeUser::default(),
            "c",
            "http://127.0.0.1/cb",
            None,
            Some("read:user"),
        );
        (state, code)
    }

    #[test]
    fn codes_are_single_use_and_replay_revokes() {
        let (mut state, code) = state_with_code();
        let grant = state.redeem_code(&code).expect("first use");
        let issued = state.issue_tokens(&grant);
        assert!(state.user_for_access_token(&issued.access_token).is_some());
        assert!(state.redeem_code(&code).is_none());
        assert!(state.user_for_access_token(&issued.access_token).is_none());
        assert_eq!(
            state.refresh(&issued.refresh_token, None).err(),
            Some(RefreshError::Invalid)
        );
    }

    #[test]
    fn refresh_rotates_and_checks_scope() {
        let (mut state, code) = state_with_code();
        let grant = state.redeem_code(&code).expect("first use");
        let first = state.issue_tokens(&grant);
        assert_eq!(
            state.refresh(&first.refresh_token, Some("repo")).err(),
            Some(RefreshError::ScopeTooWide)
        );
        let second = state.refresh(&first.refresh_token, None).expect("rotates");
        assert_eq!(second.scope.as_deref(), Some("read:user"));
        assert!(state.refresh(&first.refresh_token, None).is_err());
        assert!(
            state
                .refresh(&second.refresh_token, Some("read:user"))
                .is_ok()
        );
    }

    #[test]
    fn revoking_a_refresh_token_ends_its_access_tokens() {
        let (mut state, code) = state_with_code();
        let grant = state.redeem_code(&code).expect("first use");
        let issued = state.issue_tokens(&grant);
        state.revoke(&issued.refresh_token);
        assert!(state.user_for_access_token(&issued.access_token).is_none());
        assert_eq!(state.revoked, [issued.refresh_token]);
    }
}
