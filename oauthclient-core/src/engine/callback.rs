//! The provider's redirect back: the state checked against this session's flows, the grant
//! exchanged for a token, and the app's authorized handler's decision turned into an effect.

use super::{AppRuntime, Engine, memo};
use crate::account::{User, UserId};
use crate::audit::{self, AuditEvent};
use crate::client::ProtocolContext;
use crate::error::OAuthError;
use crate::flow::{CallbackResponse, FlowEvent, FlowState, Grant};
use crate::handlers::AuthorizedOutcome;
use crate::handlers::defaults::ensure_may_use;
use crate::host_policy::HostEvent;
use crate::pending_signup::PendingSignup;
use crate::state::{PendingFlows, StateError};
use crate::store::{StoreError, StoreErrorKind};
use crate::token::Token;

/// The provider's redirect back, once its state is checked: what the front end does next.
#[derive(Debug)]
// Not `#[non_exhaustive]`: a new variant must be a compile error in every front end.
pub enum CallbackCheck {
    /// The state is this session's: exchange the grant ([`Engine::finish_callback`]).
    Granted {
        /// The code (or OAuth 1.0a verifier) to exchange.
        grant: Grant,
        /// Where the flow asked to end (already checked safe when it started).
        next: Option<String>,
    },
    /// Refused: a bad, expired or replayed state, the user's "deny", or the provider's error.
    Refused {
        /// Why.
        error: OAuthError,
        /// Where the flow asked to end, when the state was valid (a "deny" goes back there).
        next: Option<String>,
    },
}

/// What a completed callback means; the front end carries it out.
#[derive(Debug)]
// Not `#[non_exhaustive]`: a new variant must be a compile error in every front end.
pub enum CallbackEffect {
    /// Keep the token in the session only (an anonymous `authorized_default` flow).
    StoredInSession {
        /// The token.
        token: Token,
    },
    /// The remote account is now linked to the signed-in user.
    Linked {
        /// That user.
        user_id: UserId,
    },
    /// Sign this user in (renewing the session).
    SignedIn {
        /// The user, as stored.
        user: User,
        /// Whether the session is a remembered one: the app's `remember`, or the user's
        /// "remember me" (the `remember` login option).
        remember: bool,
    },
    /// The sign-up form is needed: hold this (server-side) until it is submitted.
    SignupRequired {
        /// Who the user is at the provider, and the token (boxed: it is the large one).
        pending: Box<PendingSignup>,
    },
    /// The provider vouches for an address that accounts here claim without having confirmed
    /// it: hold this (server-side) and ask the person "if one is yours, sign in to it to
    /// connect the provider; if not, continue" ([`Engine::continue_sign_up`]).
    UnconfirmedClaim {
        /// Who the user is at the provider, and the token.
        pending: Box<PendingSignup>,
    },
    /// The sign-in proved this user, who may not sign in before confirming their address:
    /// remember the proof briefly (a confirmation link then confirms for them), send them back
    /// to `next` when there is one (the link's page), else refuse
    /// ([`OAuthError::EmailUnconfirmed`]). Nothing was written.
    ConfirmationPending {
        /// The user the sign-in proved.
        user_id: UserId,
    },
}

impl Engine<'_> {
    /// Parses the callback's query (keeping the app's `callback_params`; a `form_post`
    /// response arrives here re-encoded as a query) and checks its state against `flows`, removing the flow's
    /// nonce (single use, even when the rest of the callback fails): the front end must store
    /// `flows` again whatever comes next. A refused state is audited (`callback_refused`), and
    /// so is a valid one whose per-login options the app's allow-list no longer allows
    /// ([`OAuthError::LoginOption`]; the code is then never exchanged).
    pub fn verify_callback(
        &self,
        app: &str,
        query: &str,
        flows: &mut PendingFlows,
        current_user: Option<&UserId>,
    ) -> CallbackCheck {
        let pairs: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes())
            .into_owned()
            .collect();
        let keep = match self.config.remote_app(app).map(|remote| &remote.protocol) {
            Some(crate::config::Protocol::OAuth2(params)) => params.callback_params.as_slice(),
            _ => &[],
        };
        let (response, state) = CallbackResponse::from_query_keeping(
            pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
            keep,
        );
        let verified = match state.as_deref() {
            Some(state) => self.codec.verify(state, app, flows),
            None => Err(StateError::Missing),
        };
        if let Err(reason) = &verified {
            audit::record(
                AuditEvent::CallbackRefused,
                app,
                current_user,
                &reason.to_string(),
            );
        }
        match FlowState::awaiting_callback(app)
            .on(FlowEvent::CallbackReceived { response, verified })
        {
            FlowState::CodeReceived { grant, next, .. } => {
                match self.check_login_options(app, &grant) {
                    Ok(()) => CallbackCheck::Granted { grant, next },
                    Err(error) => {
                        let reason = error.to_string();
                        audit::record(AuditEvent::CallbackRefused, app, current_user, &reason);
                        CallbackCheck::Refused { error, next }
                    }
                }
            }
            FlowState::Failed { error, next, .. } => CallbackCheck::Refused { error, next },
            // The state machine leaves a callback in one of the two states above; anything
            // else is a bug of ours, refused rather than acted on.
            other => CallbackCheck::Refused {
                error: OAuthError::ClientError {
                    remote: app.to_owned(),
                    message: format!("unexpected flow state {}", other.name()),
                },
                next: None,
            },
        }
    }

    /// The per-login options of a verified callback, against `app`'s allow-list of now: the
    /// configuration may have changed since the flow started. Refused before the code is
    /// exchanged.
    fn check_login_options(&self, app: &str, grant: &Grant) -> Result<(), OAuthError> {
        let (Some(options), Some(remote)) = (grant.login_options(), self.config.remote_app(app))
        else {
            return Ok(());
        };
        options
            .check(&remote.login_options)
            .map_err(|source| super::login::login_option_error(app, source))
    }

    /// Exchanges `grant` for a token and runs the app's authorized handler for
    /// `current_user`; the effect to carry out, with `next` kept for a sign-up.
    ///
    /// The handler and the engine's own checks read the stores through a memo of this
    /// callback: a user or remote account read twice (the handler's
    /// check and the site's rules; the groups recorded and then announced) costs one store
    /// call.
    pub async fn finish_callback(
        &self,
        app: &AppRuntime,
        grant: Grant,
        current_user: Option<&UserId>,
        next: Option<String>,
    ) -> Result<CallbackEffect, OAuthError> {
        let memo = memo::CallbackMemo::new(self.accounts, self.users);
        let engine = Engine {
            accounts: &memo,
            users: &memo,
            ..*self
        };
        engine
            .finish_callback_once(app, grant, current_user, next)
            .await
    }

    /// [`Engine::finish_callback`] on this engine's stores as they are.
    async fn finish_callback_once(
        &self,
        app: &AppRuntime,
        grant: Grant,
        current_user: Option<&UserId>,
        next: Option<String>,
    ) -> Result<CallbackEffect, OAuthError> {
        let name = app.remote.name.as_str();
        let remember = app.remote.remember
            || grant
                .login_options()
                .is_some_and(|options| options.remember);
        let redirect_uri = self.config.redirect_uri(name);
        let protocol = ProtocolContext {
            app: &app.remote,
            http: self.http,
            redirect_uri: &redirect_uri,
        };
        let token = app.handlers.protocol.finish(&protocol, grant).await?;
        let ctx = self.handler_context(app, current_user);
        let outcome = app
            .handlers
            .authorized
            .authorized(&ctx, token.clone())
            .await?;
        Ok(match outcome {
            AuthorizedOutcome::StoredInSession => CallbackEffect::StoredInSession { token },
            AuthorizedOutcome::Linked { user_id } => {
                audit::record(AuditEvent::Link, name, Some(&user_id), "");
                CallbackEffect::Linked { user_id }
            }
            AuthorizedOutcome::LoggedIn { user_id } => {
                let user = self.users.user_by_id(&user_id).await?.ok_or_else(|| {
                    OAuthError::Store(StoreError::new(
                        StoreErrorKind::Other,
                        format!("user {user_id} vanished while signing in"),
                    ))
                })?;
                // Whatever handler decided it (a custom one too), the site's rules hold.
                ensure_may_use(name, &app.remote, &user, user.email_confirmed)?;
                self.signed_in(name, &user_id).await;
                CallbackEffect::SignedIn { user, remember }
            }
            AuthorizedOutcome::SignupRequired { account_info } => {
                let mut pending = PendingSignup::new(name.to_owned(), account_info, token, next);
                pending.remember = remember;
                CallbackEffect::SignupRequired {
                    pending: Box::new(pending),
                }
            }
            // Audited where it was refused (`sign_in_refused`).
            AuthorizedOutcome::ConfirmationPending { user_id } => {
                CallbackEffect::ConfirmationPending { user_id }
            }
            AuthorizedOutcome::UnconfirmedClaim { account_info } => {
                let mut pending = PendingSignup::new(name.to_owned(), account_info, token, next);
                pending.unconfirmed_claim = true;
                pending.remember = remember;
                CallbackEffect::UnconfirmedClaim {
                    pending: Box::new(pending),
                }
            }
        })
    }

    /// Records and announces a sign-in through `app`, with the groups and roles the sign-in
    /// just stored on the user's remote account (whichever handler decided it).
    pub(crate) async fn signed_in(&self, app: &str, user_id: &UserId) {
        audit::record(AuditEvent::SignIn, app, Some(user_id), "");
        let (groups, roles) = self.stored_groups_and_roles(app, user_id).await;
        self.policy
            .on_event(&HostEvent::SignedIn {
                app: app.to_owned(),
                user_id: user_id.clone(),
                groups,
                roles,
            })
            .await;
    }

    /// What `user_id`'s account for `app` keeps of the provider's groups; empty when it keeps
    /// none or cannot be read (the sign-in itself already succeeded).
    async fn stored_groups_and_roles(
        &self,
        app: &str,
        user_id: &UserId,
    ) -> (Vec<String>, std::collections::BTreeSet<String>) {
        let Some(remote) = self.config.remote_app(app) else {
            return Default::default();
        };
        match self
            .accounts
            .remote_account(user_id, &remote.credentials.consumer_key)
            .await
        {
            Ok(Some(account)) => {
                crate::handlers::defaults::stored_groups_and_roles(&account.extra_data)
            }
            Ok(None) => Default::default(),
            Err(err) => {
                tracing::warn!(app, error = %err, "cannot read the groups of a sign-in");
                Default::default()
            }
        }
    }
}
