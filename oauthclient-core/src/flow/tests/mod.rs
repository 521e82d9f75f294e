//! Tests for the flow state machine; shared helpers live here.

mod callback;
mod serde;
mod transitions;
mod whole_flow;

use super::*;
use crate::account::ExternalId;
use crate::secret::{AccessToken, FlowNonce, RefreshToken};
use crate::state::random_nonce;
use crate::store::StoreError;

const APP: &str = "github";
const NEXT: &str = "/deposit";
/// The `next` an `AwaitingCallback` may hold; the callback must not use it.
const STALE_NEXT: &str = "/stale";

// ---------------------------------------------------------------------------------------------
// Helpers

fn claims_and_pending(app: &str) -> (StateClaims, PendingFlow) {
    let nonce = random_nonce();
    let claims = StateClaims {
        app: app.to_owned(),
        nonce: nonce.clone(),
        next: Some(NEXT.to_owned()),
        login_options: Box::default(),
        iat: 1_000,
        exp: 1_300,
    };
    (claims, PendingFlow::new(app, nonce, 1_000))
}

#[expect(
    clippy::unnecessary_wraps,
    reason = "shaped like the event field it fills"
)]
fn verified() -> Result<(StateClaims, PendingFlow), StateError> {
    Ok(claims_and_pending(APP))
}

#[expect(
    clippy::unnecessary_wraps,
    reason = "shaped like the event field it fills"
)]
fn oauth1_verified(
    request_token: Option<&str>,
    secret: Option<&str>,
) -> Result<(StateClaims, PendingFlow), StateError> {
    let (claims, mut pending) = claims_and_pending(APP);
    pending.request_token = request_token.map(str::to_owned);
    pending.request_token_secret = secret.map(TokenSecret::new);
    Ok((claims, pending))
}

fn callback(
    response: CallbackResponse,
    verified: Result<(StateClaims, PendingFlow), StateError>,
) -> FlowEvent {
    FlowEvent::CallbackReceived { response, verified }
}

fn code_response(code: &str) -> CallbackResponse {
    CallbackResponse::Code {
        code: AuthorizationCode::new(code),
        iss: None,
        extra: BTreeMap::new(),
    }
}

fn oauth1_response(token: &str, verifier: Option<&str>) -> CallbackResponse {
    CallbackResponse::OAuth1 {
        oauth_token: token.to_owned(),
        oauth_verifier: verifier.map(OAuthVerifier::new),
    }
}

fn error_response(error: &str, description: Option<&str>) -> CallbackResponse {
    CallbackResponse::Error {
        error: error.to_owned(),
        description: description.map(str::to_owned),
    }
}

fn token() -> Token {
    Token::bearer(AccessToken::new("gho_token")).with_refresh_token(RefreshToken::new("refresh"))
}

fn account_info() -> AccountInfo {
    AccountInfo::new(ExternalId::new("12345"), APP).with_email("ada@example.org", true)
}

#[expect(
    clippy::unnecessary_wraps,
    reason = "shaped like the `next` fields it fills"
)]
fn next() -> Option<String> {
    Some(NEXT.to_owned())
}

fn awaiting() -> FlowState {
    FlowState::AwaitingCallback {
        app: APP.to_owned(),
        next: Some(STALE_NEXT.to_owned()),
    }
}

fn code_received() -> FlowState {
    FlowState::CodeReceived {
        app: APP.to_owned(),
        grant: Grant::AuthorizationCode {
            code: AuthorizationCode::new("code"),
            pkce_verifier: Some(PkceVerifier::new("verifier")),
            iss: Some("https://github.com".to_owned()),
            oidc_nonce: None,
            login_options: LoginOptions::default(),
            callback_params: BTreeMap::new(),
        },
        next: next(),
    }
}

fn oauth1_code_received() -> FlowState {
    FlowState::CodeReceived {
        app: "twitter".to_owned(),
        grant: Grant::OAuth1Verifier {
            request_token: "rt".to_owned(),
            request_token_secret: TokenSecret::new("rts"),
            verifier: OAuthVerifier::new("v"),
        },
        next: None,
    }
}

fn token_issued() -> FlowState {
    FlowState::TokenIssued {
        app: APP.to_owned(),
        token: token(),
        next: next(),
    }
}

fn signup_required() -> FlowState {
    FlowState::SignupRequired {
        app: APP.to_owned(),
        account_info: account_info(),
        token: token(),
        next: next(),
    }
}

fn stored_in_session() -> FlowState {
    FlowState::StoredInSession {
        app: APP.to_owned(),
        next: next(),
    }
}

fn linked() -> FlowState {
    FlowState::Linked {
        app: APP.to_owned(),
        user_id: UserId::from(7),
        next: next(),
    }
}

fn logged_in() -> FlowState {
    FlowState::LoggedIn {
        app: APP.to_owned(),
        user_id: UserId::from(7),
        next: next(),
    }
}

fn failed_with(error: OAuthError) -> FlowState {
    FlowState::Failed {
        app: Some(APP.to_owned()),
        error,
        next: next(),
    }
}

fn failed() -> FlowState {
    failed_with(OAuthError::Rejected {
        remote: APP.to_owned(),
    })
}

fn all_states() -> Vec<FlowState> {
    vec![
        FlowState::Idle,
        awaiting(),
        FlowState::awaiting_callback(APP),
        code_received(),
        oauth1_code_received(),
        token_issued(),
        stored_in_session(),
        linked(),
        logged_in(),
        signup_required(),
        failed(),
        FlowState::Failed {
            app: None,
            error: OAuthError::InvalidState(StateError::Expired),
            next: None,
        },
        failed_with(OAuthError::Store(StoreError::unavailable("down"))),
    ]
}

fn store_error() -> OAuthError {
    OAuthError::Store(StoreError::unavailable("connection refused"))
}

fn all_events() -> Vec<FlowEvent> {
    vec![
        FlowEvent::LoginStarted {
            app: APP.to_owned(),
            next: next(),
        },
        callback(code_response("c"), verified()),
        FlowEvent::TokenExchanged { token: token() },
        FlowEvent::ExchangeFailed {
            error: OAuthError::InvalidResponse {
                remote: APP.to_owned(),
                reason: "HTTP 500".to_owned(),
            },
        },
        FlowEvent::Resolved(AuthorizedOutcome::Linked {
            user_id: UserId::from(1),
        }),
        FlowEvent::Resolved(AuthorizedOutcome::LoggedIn {
            user_id: UserId::from(1),
        }),
        FlowEvent::Resolved(AuthorizedOutcome::SignupRequired {
            account_info: account_info(),
        }),
        FlowEvent::SignupCompleted {
            user_id: UserId::from(1),
        },
        FlowEvent::Fail {
            error: store_error(),
        },
    ]
}

/// What an event that does not fit `state` must produce.
fn unexpected(state: &FlowState, event: &FlowEvent) -> FlowState {
    FlowState::Failed {
        app: state.app().map(str::to_owned),
        error: OAuthError::ClientError {
            remote: state.app().unwrap_or_default().to_owned(),
            message: format!("unexpected {} in state {}", event.name(), state.name()),
        },
        next: state.next().map(str::to_owned),
    }
}

fn from_awaiting(event: FlowEvent) -> FlowState {
    awaiting().on(event)
}

fn invalid_state(error: StateError) -> FlowState {
    FlowState::Failed {
        app: Some(APP.to_owned()),
        error: OAuthError::InvalidState(error),
        next: None,
    }
}
