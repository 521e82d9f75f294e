//! The login flow as an explicit state machine with pure transitions.
//!
//! [`transition`] (or [`FlowState::on`]) maps a [`FlowState`] and a [`FlowEvent`] to the next
//! state. It does no I/O, reads no clock and draws no random numbers: the web layer performs
//! the work a state asks for (redirect to the provider, verify the `state`, exchange the code,
//! look up accounts) and feeds the outcome back as an event. Every state serialises with serde,
//! so a flow can be kept in a session and continue on another server instance.
//!
//! ```text
//! Idle --LoginStarted--> AwaitingCallback --CallbackReceived--> CodeReceived
//! CodeReceived --TokenExchanged--> TokenIssued --Resolved--> StoredInSession | Linked | LoggedIn | SignupRequired
//! SignupRequired --SignupCompleted--> LoggedIn
//! any non-terminal --Fail--> Failed;  an event that does not fit --> Failed(ClientError)
//! ```
//!
//! Transitions never panic. `StoredInSession`, `Linked`, `LoggedIn` and `Failed` are terminal; `Failed` keeps its
//! first error whatever comes after it.
//!
//! A whole successful login:
//!
//! ```
//! use oauthclient_core::flow::{AuthorizedOutcome, CallbackResponse, FlowEvent, FlowState, Grant};
//! use oauthclient_core::secret::{AccessToken, SecretKey};
//! use oauthclient_core::state::{PendingFlows, StateCodec};
//! use oauthclient_core::Token;
//!
//! let codec = StateCodec::from_secret(&SecretKey::new("a-very-long-random-secret-of-32+bytes"), 300);
//! let mut session = PendingFlows::default();
//!
//! // GET /oauth/login/github/?next=/deposit
//! let flow = FlowState::Idle.on(FlowEvent::LoginStarted {
//!     app: "github".into(),
//!     next: Some("/deposit".into()),
//! });
//! let (state, pending) = codec.issue("github", Some("/deposit".into()))?;
//! session.insert(pending);
//! // ... 302 to the provider's authorize URL with `state` ...
//!
//! // GET /oauth/authorized/github/?code=abc&state=...
//! let (response, state) = CallbackResponse::from_query([("code", "abc"), ("state", state.as_str())]);
//! let verified = codec.verify(state.as_deref().unwrap_or_default(), "github", &mut session);
//! let flow = flow.on(FlowEvent::CallbackReceived { response, verified });
//! let FlowState::CodeReceived { grant: Grant::AuthorizationCode { code, .. }, .. } = &flow else {
//!     panic!("expected a code, got {flow:?}");
//! };
//! assert_eq!(code.expose_secret(), "abc");
//!
//! // ... POST the code to the token endpoint ...
//! let flow = flow.on(FlowEvent::TokenExchanged { token: Token::bearer(AccessToken::new("gho_1")) });
//! // ... fetch the account info, find the local user ...
//! let flow = flow.on(FlowEvent::Resolved(AuthorizedOutcome::LoggedIn { user_id: "42".into() }));
//!
//! assert_eq!(flow, FlowState::LoggedIn { app: "github".into(), user_id: "42".into(), next: Some("/deposit".into()) });
//! assert!(flow.is_terminal());
//! # Ok::<(), oauthclient_core::state::StateError>(())
//! ```

mod callback;
mod outcome;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use callback::{CallbackResponse, MAX_CALLBACK_PARAM_BYTES, attach_callback_params};
pub use outcome::AuthorizedOutcome;

use crate::account::{AccountInfo, UserId};
use crate::error::OAuthError;
use crate::login_options::LoginOptions;
use crate::secret::{AuthorizationCode, FlowNonce, OAuthVerifier, PkceVerifier, TokenSecret};
use crate::state::{PendingFlow, StateClaims, StateError};
use crate::token::Token;

/// Where a login flow is. Serialised with a `state` tag (`{"state": "awaiting_callback", ...}`).
///
/// `next` is always a URL already checked by [`crate::next_url`]; after the callback it is the
/// one carried by the verified state token.
///
/// ```
/// use oauthclient_core::flow::FlowState;
///
/// let state = FlowState::awaiting_callback("orcid");
/// let json = serde_json::to_string(&state)?;
/// assert_eq!(json, r#"{"state":"awaiting_callback","app":"orcid"}"#);
/// assert_eq!(serde_json::from_str::<FlowState>(&json)?, state);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum FlowState {
    /// Nothing started yet.
    #[default]
    Idle,
    /// The user was sent to the provider; waiting for `/oauth/authorized/{app}/`.
    AwaitingCallback {
        /// Remote app name.
        app: String,
        /// Where to go afterwards (informational: the callback uses the state token's).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        next: Option<String>,
    },
    /// The callback was verified; the grant must now be exchanged for a token.
    CodeReceived {
        /// Remote app name.
        app: String,
        /// What the token request needs.
        grant: Grant,
        /// Where to go afterwards, from the verified state.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        next: Option<String>,
    },
    /// The provider issued a token; the remote account must now be resolved to a local user.
    TokenIssued {
        /// Remote app name.
        app: String,
        /// The token.
        token: Token,
        /// Where to go afterwards.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        next: Option<String>,
    },
    /// The token was kept in the session only (anonymous user, `authorized_default`). Terminal.
    StoredInSession {
        /// Remote app name.
        app: String,
        /// Where to go afterwards.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        next: Option<String>,
    },
    /// The remote account was linked to the already signed-in user. Terminal.
    Linked {
        /// Remote app name.
        app: String,
        /// The signed-in user.
        user_id: UserId,
        /// Where to go afterwards.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        next: Option<String>,
    },
    /// The user is signed in through the remote account. Terminal.
    LoggedIn {
        /// Remote app name.
        app: String,
        /// The signed-in user.
        user_id: UserId,
        /// Where to go afterwards.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        next: Option<String>,
    },
    /// No local user matches; the sign-up form must be completed. Keeps the token so the
    /// account can be set up once the user exists.
    SignupRequired {
        /// Remote app name.
        app: String,
        /// What the provider told us about the user (pre-fills the form).
        account_info: AccountInfo,
        /// The token, to store once the user exists.
        token: Token,
        /// Where to go afterwards.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        next: Option<String>,
    },
    /// The flow failed. Terminal; further events leave it unchanged (the first error wins).
    Failed {
        /// Remote app name, when the flow got far enough to know it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        app: Option<String>,
        /// What went wrong; [`OAuthError::outcome`] says how to answer.
        error: OAuthError,
        /// Where a flash-and-redirect outcome may go: a `next` the flow already trusted
        /// (never one from a callback whose state failed verification).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        next: Option<String>,
    },
}

/// What the token exchange needs, taken from the verified callback and the session.
///
/// ```
/// use oauthclient_core::flow::Grant;
/// use oauthclient_core::secret::AuthorizationCode;
///
/// let grant = Grant::AuthorizationCode {
///     code: AuthorizationCode::new("c"),
///     pkce_verifier: None,
///     iss: None,
///     oidc_nonce: None,
///     login_options: Default::default(),
///     callback_params: Default::default(),
/// };
/// assert!(!format!("{grant:?}").contains("\"c\""));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Grant {
    /// OAuth2 authorization code grant (RFC 6749 §4.1), with PKCE when the flow used it.
    AuthorizationCode {
        /// The code from the callback.
        code: AuthorizationCode,
        /// The PKCE verifier kept in the session.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pkce_verifier: Option<PkceVerifier>,
        /// The callback's RFC 9207 `iss`, to compare with the provider's issuer.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        iss: Option<String>,
        /// The OpenID Connect `nonce` the authorization request carried, which the ID token
        /// must repeat.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        oidc_nonce: Option<FlowNonce>,
        /// The per-login options the flow asked for, from the verified state: a protocol
        /// checks the answer against them (OpenID Connect: `auth_time` within `max_age`).
        #[serde(default, skip_serializing_if = "LoginOptions::is_empty")]
        login_options: LoginOptions,
        /// The callback's extra parameters the app keeps (`params.callback_params`), for
        /// the protocol to put into `token.extra.callback` ([`attach_callback_params`]).
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        callback_params: BTreeMap<String, String>,
    },
    /// OAuth1 access token request (RFC 5849 §2.3).
    #[serde(rename = "oauth1_verifier")]
    OAuth1Verifier {
        /// The authorised request token.
        request_token: String,
        /// The request token secret kept in the session, to sign the request.
        request_token_secret: TokenSecret,
        /// The callback's `oauth_verifier`.
        verifier: OAuthVerifier,
    },
}

impl Grant {
    /// The per-login options of the flow (none for OAuth 1.0a, which cannot carry any).
    pub fn login_options(&self) -> Option<&LoginOptions> {
        match self {
            Grant::AuthorizationCode { login_options, .. } => Some(login_options),
            Grant::OAuth1Verifier { .. } => None,
        }
    }
}

/// Something that happened, fed to [`transition`]. Serialised with an `event` tag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum FlowEvent {
    /// `/oauth/login/{app}/` was requested; `next` is already checked.
    LoginStarted {
        /// Remote app name.
        app: String,
        /// Where to go afterwards.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        next: Option<String>,
    },
    /// `/oauth/authorized/{app}/` was requested.
    CallbackReceived {
        /// The parsed query.
        response: CallbackResponse,
        /// The result of [`crate::state::StateCodec::verify`] on the query's `state` (use
        /// `StateError::Missing` when there was none). Checked before anything else.
        verified: Result<(StateClaims, PendingFlow), StateError>,
    },
    /// The token endpoint issued a token for the grant.
    TokenExchanged {
        /// The token.
        token: Token,
    },
    /// The token exchange failed.
    ExchangeFailed {
        /// Why.
        error: OAuthError,
    },
    /// The remote account was resolved to a local user (or to none).
    Resolved(AuthorizedOutcome),
    /// The sign-up form created the local user.
    SignupCompleted {
        /// The new user.
        user_id: UserId,
    },
    /// Anything else went wrong (a store error, an `account_info` handler failure...).
    Fail {
        /// Why.
        error: OAuthError,
    },
}

impl FlowEvent {
    /// The event's snake_case name, as used in messages.
    pub fn name(&self) -> &'static str {
        match self {
            Self::LoginStarted { .. } => "login_started",
            Self::CallbackReceived { .. } => "callback_received",
            Self::TokenExchanged { .. } => "token_exchanged",
            Self::ExchangeFailed { .. } => "exchange_failed",
            Self::Resolved(_) => "resolved",
            Self::SignupCompleted { .. } => "signup_completed",
            Self::Fail { .. } => "fail",
        }
    }
}

/// The next state after `event` in `state`. Pure and total: an event that does not fit the
/// state yields [`FlowState::Failed`] with [`OAuthError::ClientError`]
/// (`unexpected <event> in state <state>`), never a panic.
///
/// `CallbackReceived` in `AwaitingCallback` checks, in this order:
/// 1. `verified` is `Ok`, else `InvalidState(e)`: a forged `error=` redirect gets a 403, not a
///    flash message;
/// 2. the claims, the pending flow and the state are all for the same app, else
///    `InvalidState(WrongApp)`, and the pending flow's nonce is the claims' one, else
///    `InvalidState(UnknownNonce)`;
/// 3. the response: `error=access_denied` and OAuth1 `denied` give `Rejected`, any other
///    `error` gives `ProviderError`, a code gives `CodeReceived` (with the session's PKCE
///    verifier), an OAuth1 `oauth_token` must equal the session's request token (constant
///    time) and come with a verifier, a `Duplicate` or `Empty` response gives
///    `InvalidResponse`.
///
/// `next` after the callback is the one in the verified claims, not the `AwaitingCallback`
/// one: the callback may be handled by another server instance whose in-memory state is a
/// fresh [`FlowState::awaiting_callback`] that knows only the app.
///
/// ```
/// use oauthclient_core::flow::{transition, CallbackResponse, FlowEvent, FlowState};
/// use oauthclient_core::state::StateError;
/// use oauthclient_core::OAuthError;
///
/// let forged = FlowEvent::CallbackReceived {
///     response: CallbackResponse::Error { error: "access_denied".into(), description: None },
///     verified: Err(StateError::BadSignature),
/// };
/// let failed = transition(FlowState::awaiting_callback("github"), forged);
/// assert_eq!(failed.error(), Some(&OAuthError::InvalidState(StateError::BadSignature)));
/// ```
pub fn transition(state: FlowState, event: FlowEvent) -> FlowState {
    use FlowEvent as E;
    use FlowState as S;
    match (state, event) {
        (failed @ S::Failed { .. }, _) => failed,
        (state, E::Fail { error }) if !state.is_terminal() => state.fail(error),
        (S::Idle, E::LoginStarted { app, next }) => S::AwaitingCallback { app, next },
        (S::AwaitingCallback { app, .. }, E::CallbackReceived { response, verified }) => {
            callback::on_callback(app, response, verified)
        }
        (S::CodeReceived { app, next, .. }, E::TokenExchanged { token }) => {
            S::TokenIssued { app, token, next }
        }
        (S::CodeReceived { app, next, .. }, E::ExchangeFailed { error }) => S::Failed {
            app: Some(app),
            error,
            next,
        },
        (S::TokenIssued { app, token, next }, E::Resolved(resolution)) => match resolution {
            AuthorizedOutcome::StoredInSession => S::StoredInSession { app, next },
            AuthorizedOutcome::Linked { user_id } => S::Linked { app, user_id, next },
            AuthorizedOutcome::LoggedIn { user_id } => S::LoggedIn { app, user_id, next },
            AuthorizedOutcome::ConfirmationPending { .. } => {
                let remote = app.clone();
                S::TokenIssued { app, token, next }.fail(OAuthError::EmailUnconfirmed { remote })
            }
            // Both wait for the person's next step (the form, or the choice) before creating.
            AuthorizedOutcome::SignupRequired { account_info }
            | AuthorizedOutcome::UnconfirmedClaim { account_info } => S::SignupRequired {
                app,
                account_info,
                token,
                next,
            },
        },
        (S::SignupRequired { app, next, .. }, E::SignupCompleted { user_id }) => {
            S::LoggedIn { app, user_id, next }
        }
        (state, event) => {
            let message = format!("unexpected {} in state {}", event.name(), state.name());
            let remote = state.app().unwrap_or_default().to_owned();
            state.fail(OAuthError::ClientError { remote, message })
        }
    }
}

impl FlowState {
    /// A flow waiting for the callback of `app`, as rebuilt by a server instance that did not
    /// see the login (the verified state token supplies `next`).
    pub fn awaiting_callback(app: impl Into<String>) -> Self {
        Self::AwaitingCallback {
            app: app.into(),
            next: None,
        }
    }

    /// [`transition`] as a method.
    #[must_use]
    pub fn on(self, event: FlowEvent) -> Self {
        transition(self, event)
    }

    /// Whether no event can move the flow on: `StoredInSession`, `Linked`, `LoggedIn`, `Failed`.
    pub fn is_terminal(&self) -> bool {
        matches!(
            self,
            Self::StoredInSession { .. }
                | Self::Linked { .. }
                | Self::LoggedIn { .. }
                | Self::Failed { .. }
        )
    }

    /// The remote app name, once known.
    pub fn app(&self) -> Option<&str> {
        match self {
            Self::Idle => None,
            Self::AwaitingCallback { app, .. }
            | Self::CodeReceived { app, .. }
            | Self::TokenIssued { app, .. }
            | Self::StoredInSession { app, .. }
            | Self::Linked { app, .. }
            | Self::LoggedIn { app, .. }
            | Self::SignupRequired { app, .. } => Some(app),
            Self::Failed { app, .. } => app.as_deref(),
        }
    }

    /// Where to go once the flow is over, if somewhere was asked for.
    pub fn next(&self) -> Option<&str> {
        match self {
            Self::Idle => None,
            Self::AwaitingCallback { next, .. }
            | Self::CodeReceived { next, .. }
            | Self::TokenIssued { next, .. }
            | Self::StoredInSession { next, .. }
            | Self::Linked { next, .. }
            | Self::LoggedIn { next, .. }
            | Self::SignupRequired { next, .. }
            | Self::Failed { next, .. } => next.as_deref(),
        }
    }

    /// The error of a failed flow.
    pub fn error(&self) -> Option<&OAuthError> {
        match self {
            Self::Failed { error, .. } => Some(error),
            _ => None,
        }
    }

    /// The state's snake_case name (its serde tag), as used in messages.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Idle => "idle",
            Self::AwaitingCallback { .. } => "awaiting_callback",
            Self::CodeReceived { .. } => "code_received",
            Self::TokenIssued { .. } => "token_issued",
            Self::StoredInSession { .. } => "stored_in_session",
            Self::Linked { .. } => "linked",
            Self::LoggedIn { .. } => "logged_in",
            Self::SignupRequired { .. } => "signup_required",
            Self::Failed { .. } => "failed",
        }
    }

    /// `Failed` with `error`, keeping the app and `next` this state knew.
    fn fail(&self, error: OAuthError) -> Self {
        Self::Failed {
            app: self.app().map(str::to_owned),
            error,
            next: self.next().map(str::to_owned),
        }
    }
}
