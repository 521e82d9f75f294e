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

fn linked() -> FlowState {
    FlowState::Linked {
        app: APP.to_owned(),
        user_id: 7,
        next: next(),
    }
}

fn logged_in() -> FlowState {
    FlowState::LoggedIn {
        app: APP.to_owned(),
        user_id: 7,
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
        FlowEvent::Resolved(Resolution::Linked { user_id: 1 }),
        FlowEvent::Resolved(Resolution::LoggedIn { user_id: 1 }),
        FlowEvent::Resolved(Resolution::SignupRequired {
            account_info: account_info(),
        }),
        FlowEvent::SignupCompleted { user_id: 1 },
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

// ---------------------------------------------------------------------------------------------
// Idle

#[test]
fn idle_login_started_awaits_callback() {
    let state = FlowState::Idle.on(FlowEvent::LoginStarted {
        app: APP.to_owned(),
        next: next(),
    });
    assert_eq!(
        state,
        FlowState::AwaitingCallback {
            app: APP.to_owned(),
            next: next()
        }
    );
    assert!(!state.is_terminal());
}

#[test]
fn transition_function_and_method_agree() {
    for state in all_states() {
        for event in all_events() {
            assert_eq!(
                transition(state.clone(), event.clone()),
                state.clone().on(event)
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// AwaitingCallback: success

#[test]
fn code_callback_receives_code_with_pkce_verifier() {
    let (claims, mut pending) = claims_and_pending(APP);
    pending.pkce_verifier = Some(PkceVerifier::new("pkce"));
    let state = from_awaiting(callback(code_response("abc"), Ok((claims, pending))));
    assert_eq!(
        state,
        FlowState::CodeReceived {
            app: APP.to_owned(),
            grant: Grant::AuthorizationCode {
                code: AuthorizationCode::new("abc"),
                pkce_verifier: Some(PkceVerifier::new("pkce")),
                iss: None,
            },
            next: next(),
        }
    );
}

#[test]
fn code_callback_without_pkce_and_with_iss() {
    let response = CallbackResponse::Code {
        code: AuthorizationCode::new("abc"),
        iss: Some("https://issuer.example".to_owned()),
    };
    let state = from_awaiting(callback(response, verified()));
    let FlowState::CodeReceived {
        grant: Grant::AuthorizationCode {
            pkce_verifier, iss, ..
        },
        ..
    } = state
    else {
        panic!("expected CodeReceived, got {state:?}");
    };
    assert_eq!(pkce_verifier, None);
    assert_eq!(iss.as_deref(), Some("https://issuer.example"));
}

#[test]
fn next_comes_from_the_verified_claims_not_the_awaiting_state() {
    // A fresh instance knows only the app; the one that saw the login had a stale `next`.
    for start in [FlowState::awaiting_callback(APP), awaiting()] {
        let state = start.on(callback(code_response("abc"), verified()));
        assert_eq!(state.next(), Some(NEXT));
    }
    let (mut claims, pending) = claims_and_pending(APP);
    claims.next = None;
    let state = awaiting().on(callback(code_response("abc"), Ok((claims, pending))));
    assert_eq!(state.next(), None);
}

#[test]
fn oauth1_callback_receives_verifier() {
    let state = from_awaiting(callback(
        oauth1_response("rt", Some("v")),
        oauth1_verified(Some("rt"), Some("rts")),
    ));
    assert_eq!(
        state,
        FlowState::CodeReceived {
            app: APP.to_owned(),
            grant: Grant::OAuth1Verifier {
                request_token: "rt".to_owned(),
                request_token_secret: TokenSecret::new("rts"),
                verifier: OAuthVerifier::new("v"),
            },
            next: next(),
        }
    );
}

// ---------------------------------------------------------------------------------------------
// AwaitingCallback: state failures

#[test]
fn every_state_error_fails_with_invalid_state_and_no_next() {
    let errors = [
        StateError::Missing,
        StateError::Malformed,
        StateError::DisallowedAlgorithm,
        StateError::UnknownKey,
        StateError::BadSignature,
        StateError::Expired,
        StateError::WrongApp,
        StateError::UnknownNonce,
        StateError::Replayed,
        StateError::RequestTokenMismatch,
        StateError::MissingVerifier,
    ];
    for error in errors {
        let state = from_awaiting(callback(code_response("abc"), Err(error.clone())));
        assert_eq!(state, invalid_state(error));
        assert_eq!(
            state.error().map(OAuthError::outcome),
            Some(crate::error::Outcome::Forbidden)
        );
    }
}

#[test]
fn state_is_checked_before_a_provider_error() {
    let state = from_awaiting(callback(
        error_response("access_denied", None),
        Err(StateError::BadSignature),
    ));
    assert_eq!(state, invalid_state(StateError::BadSignature));
    let state = from_awaiting(callback(
        error_response("server_error", None),
        Err(StateError::Missing),
    ));
    assert_eq!(state, invalid_state(StateError::Missing));
}

#[test]
fn claims_for_another_app_fail_with_wrong_app() {
    let state = from_awaiting(callback(
        code_response("abc"),
        Ok(claims_and_pending("orcid")),
    ));
    assert_eq!(state, invalid_state(StateError::WrongApp));
}

#[test]
fn pending_flow_for_another_app_fails_with_wrong_app() {
    let (claims, mut pending) = claims_and_pending(APP);
    pending.app = "orcid".to_owned();
    let state = from_awaiting(callback(code_response("abc"), Ok((claims, pending))));
    assert_eq!(state, invalid_state(StateError::WrongApp));
}

#[test]
fn pending_flow_with_another_nonce_fails_with_unknown_nonce() {
    let (claims, mut pending) = claims_and_pending(APP);
    pending.nonce = FlowNonce::new("another");
    let state = from_awaiting(callback(code_response("abc"), Ok((claims, pending))));
    assert_eq!(state, invalid_state(StateError::UnknownNonce));
}

#[test]
fn oauth1_token_mismatch_fails() {
    let state = from_awaiting(callback(
        oauth1_response("forged", Some("v")),
        oauth1_verified(Some("rt"), Some("rts")),
    ));
    assert_eq!(
        state,
        invalid_state_with_next(StateError::RequestTokenMismatch)
    );
}

#[test]
fn oauth1_without_pending_request_token_fails() {
    let state = from_awaiting(callback(
        oauth1_response("rt", Some("v")),
        oauth1_verified(None, Some("rts")),
    ));
    assert_eq!(
        state,
        invalid_state_with_next(StateError::RequestTokenMismatch)
    );
}

#[test]
fn oauth1_without_request_token_secret_fails() {
    let state = from_awaiting(callback(
        oauth1_response("rt", Some("v")),
        oauth1_verified(Some("rt"), None),
    ));
    assert_eq!(
        state,
        invalid_state_with_next(StateError::RequestTokenMismatch)
    );
}

#[test]
fn oauth1_missing_verifier_fails() {
    let state = from_awaiting(callback(
        oauth1_response("rt", None),
        oauth1_verified(Some("rt"), Some("rts")),
    ));
    assert_eq!(state, invalid_state_with_next(StateError::MissingVerifier));
}

/// A failure found after the state verified keeps the verified `next`.
fn invalid_state_with_next(error: StateError) -> FlowState {
    failed_with(OAuthError::InvalidState(error))
}

// ---------------------------------------------------------------------------------------------
// AwaitingCallback: provider answers

#[test]
fn access_denied_is_rejected() {
    let state = from_awaiting(callback(
        error_response("access_denied", Some("The user said no")),
        verified(),
    ));
    assert_eq!(
        state,
        failed_with(OAuthError::Rejected {
            remote: APP.to_owned()
        })
    );
    assert_eq!(
        state.error().map(OAuthError::outcome),
        Some(crate::error::Outcome::FlashAndRedirect)
    );
}

#[test]
fn other_error_is_a_provider_error() {
    let state = from_awaiting(callback(
        error_response("temporarily_unavailable", Some("maintenance")),
        verified(),
    ));
    assert_eq!(
        state,
        failed_with(OAuthError::ProviderError {
            remote: APP.to_owned(),
            code: "temporarily_unavailable".to_owned(),
            description: Some("maintenance".to_owned()),
        })
    );
}

#[test]
fn oauth1_denied_is_rejected() {
    let state = from_awaiting(callback(CallbackResponse::OAuth1Denied, verified()));
    assert_eq!(
        state,
        failed_with(OAuthError::Rejected {
            remote: APP.to_owned()
        })
    );
}

#[test]
fn empty_callback_is_an_invalid_response() {
    let state = from_awaiting(callback(CallbackResponse::Empty, verified()));
    assert_eq!(
        state,
        failed_with(OAuthError::InvalidResponse {
            remote: APP.to_owned(),
            reason: "the callback carried neither a code nor an error".to_owned(),
        })
    );
}

#[test]
fn duplicate_parameter_is_an_invalid_response() {
    let response = CallbackResponse::Duplicate {
        parameter: "code".to_owned(),
    };
    let state = from_awaiting(callback(response, verified()));
    assert_eq!(
        state,
        failed_with(OAuthError::InvalidResponse {
            remote: APP.to_owned(),
            reason: "the callback repeated the `code` parameter".to_owned(),
        })
    );
}

// ---------------------------------------------------------------------------------------------
// CodeReceived, TokenIssued, SignupRequired

#[test]
fn code_received_token_exchanged_issues_token() {
    let state = code_received().on(FlowEvent::TokenExchanged { token: token() });
    assert_eq!(state, token_issued());
}

#[test]
fn code_received_exchange_failed_fails_with_that_error() {
    let error = OAuthError::InvalidResponse {
        remote: APP.to_owned(),
        reason: "HTTP 401".to_owned(),
    };
    let state = code_received().on(FlowEvent::ExchangeFailed {
        error: error.clone(),
    });
    assert_eq!(state, failed_with(error));
}

#[test]
fn token_issued_resolved_linked() {
    let state = token_issued().on(FlowEvent::Resolved(Resolution::Linked { user_id: 7 }));
    assert_eq!(state, linked());
    assert!(state.is_terminal());
}

#[test]
fn token_issued_resolved_logged_in() {
    let state = token_issued().on(FlowEvent::Resolved(Resolution::LoggedIn { user_id: 7 }));
    assert_eq!(state, logged_in());
    assert!(state.is_terminal());
}

#[test]
fn token_issued_resolved_signup_required_keeps_the_token() {
    let state = token_issued().on(FlowEvent::Resolved(Resolution::SignupRequired {
        account_info: account_info(),
    }));
    assert_eq!(state, signup_required());
    assert!(!state.is_terminal());
}

#[test]
fn signup_completed_logs_in() {
    let state = signup_required().on(FlowEvent::SignupCompleted { user_id: 7 });
    assert_eq!(state, logged_in());
}

// ---------------------------------------------------------------------------------------------
// Fail from every non-terminal state

fn assert_fail_from(state: &FlowState) {
    assert!(!state.is_terminal());
    let failed = state.clone().on(FlowEvent::Fail {
        error: store_error(),
    });
    assert_eq!(
        failed,
        FlowState::Failed {
            app: state.app().map(str::to_owned),
            error: store_error(),
            next: state.next().map(str::to_owned),
        }
    );
}

#[test]
fn fail_from_idle() {
    assert_fail_from(&FlowState::Idle);
}

#[test]
fn fail_from_awaiting_callback() {
    assert_fail_from(&awaiting());
}

#[test]
fn fail_from_code_received() {
    assert_fail_from(&code_received());
}

#[test]
fn fail_from_token_issued() {
    assert_fail_from(&token_issued());
}

#[test]
fn fail_from_signup_required() {
    assert_fail_from(&signup_required());
}

// ---------------------------------------------------------------------------------------------
// Events that do not fit

#[test]
fn token_exchanged_while_idle_is_unexpected() {
    let state = FlowState::Idle.on(FlowEvent::TokenExchanged { token: token() });
    assert_eq!(
        state,
        FlowState::Failed {
            app: None,
            error: OAuthError::ClientError {
                remote: String::new(),
                message: "unexpected token_exchanged in state idle".to_owned(),
            },
            next: None,
        }
    );
}

#[test]
fn second_callback_after_code_received_is_unexpected() {
    let state = code_received().on(callback(code_response("again"), verified()));
    assert_eq!(
        state,
        failed_with(OAuthError::ClientError {
            remote: APP.to_owned(),
            message: "unexpected callback_received in state code_received".to_owned(),
        })
    );
}

#[test]
fn events_on_terminal_success_states_are_unexpected() {
    for state in [linked(), logged_in()] {
        for event in all_events() {
            assert_eq!(state.clone().on(event.clone()), unexpected(&state, &event));
        }
    }
}

#[test]
fn failed_keeps_its_first_error() {
    for event in all_events() {
        assert_eq!(failed().on(event), failed());
    }
}

#[test]
fn every_event_that_does_not_fit_fails_with_a_client_error() {
    let mut checked = 0;
    for state in all_states() {
        for event in all_events() {
            let fits = matches!(
                (state.name(), event.name()),
                ("failed", _)
                    | ("idle", "login_started")
                    | ("awaiting_callback", "callback_received")
                    | ("code_received", "token_exchanged" | "exchange_failed")
                    | ("token_issued", "resolved")
                    | ("signup_required", "signup_completed")
            ) || (event.name() == "fail" && !state.is_terminal());
            if fits {
                continue;
            }
            let result = state.clone().on(event.clone());
            assert_eq!(result, unexpected(&state, &event), "{event:?} in {state:?}");
            assert_eq!(
                result.error().map(OAuthError::outcome),
                Some(crate::error::Outcome::ServerMisconfigured)
            );
            checked += 1;
        }
    }
    assert!(checked > 50, "{checked}");
}

// ---------------------------------------------------------------------------------------------
// Accessors

#[test]
fn terminal_states_are_linked_logged_in_and_failed() {
    for state in all_states() {
        let terminal = matches!(state.name(), "linked" | "logged_in" | "failed");
        assert_eq!(state.is_terminal(), terminal, "{state:?}");
    }
}

#[test]
fn app_next_and_error_accessors() {
    assert_eq!(FlowState::default(), FlowState::Idle);
    assert_eq!(
        (FlowState::Idle.app(), FlowState::Idle.next()),
        (None, None)
    );
    assert_eq!(awaiting().app(), Some(APP));
    assert_eq!(awaiting().next(), Some(STALE_NEXT));
    assert_eq!(signup_required().app(), Some(APP));
    assert_eq!(failed().app(), Some(APP));
    assert_eq!(
        failed().error(),
        Some(&OAuthError::Rejected {
            remote: APP.to_owned()
        })
    );
    assert_eq!(token_issued().error(), None);
}

#[test]
fn debug_never_shows_secrets() {
    let debug = format!(
        "{:?}",
        [code_received(), oauth1_code_received(), signup_required()]
    );
    for secret in [
        "\"code\"",
        "\"verifier\"",
        "gho_token",
        "\"refresh\"",
        "\"rts\"",
        "\"v\"",
    ] {
        assert!(!debug.contains(secret), "{secret} in {debug}");
    }
}

// ---------------------------------------------------------------------------------------------
// Serde

#[test]
fn every_state_round_trips_through_serde() {
    let states = all_states();
    let mut names: Vec<_> = states.iter().map(FlowState::name).collect();
    names.dedup();
    assert_eq!(names.len(), 8, "every variant is covered: {names:?}");
    for state in states {
        let json = serde_json::to_value(&state).expect("serialises");
        assert_eq!(json["state"], state.name(), "{json}");
        let back: FlowState = serde_json::from_value(json).expect("deserialises");
        assert_eq!(back, state);
    }
}

#[test]
fn events_and_responses_round_trip_through_serde() {
    let mut events = all_events();
    events.push(callback(
        error_response("x", Some("y")),
        Err(StateError::Replayed),
    ));
    events.push(callback(
        oauth1_response("rt", Some("v")),
        oauth1_verified(Some("rt"), Some("s")),
    ));
    for response in [
        CallbackResponse::OAuth1Denied,
        CallbackResponse::Empty,
        CallbackResponse::Duplicate {
            parameter: "state".to_owned(),
        },
    ] {
        events.push(callback(response, verified()));
    }
    for event in events {
        let json = serde_json::to_string(&event).expect("serialises");
        let back: FlowEvent = serde_json::from_str(&json).expect("deserialises");
        assert_eq!(back, event, "{json}");
    }
}

#[test]
fn grant_serialises_with_readable_tags() {
    let json = serde_json::to_value(oauth1_code_received()).expect("serialises");
    assert_eq!(json["grant"]["type"], "oauth1_verifier");
    let json = serde_json::to_value(code_received()).expect("serialises");
    assert_eq!(json["grant"]["type"], "authorization_code");
}

// ---------------------------------------------------------------------------------------------
// CallbackResponse::from_query

#[test]
fn query_with_code_state_and_iss() {
    let (response, state) = CallbackResponse::from_query([
        ("code", "abc"),
        ("state", "s"),
        ("iss", "https://issuer.example"),
    ]);
    assert_eq!(
        response,
        CallbackResponse::Code {
            code: AuthorizationCode::new("abc"),
            iss: Some("https://issuer.example".to_owned()),
        }
    );
    assert_eq!(state.as_deref(), Some("s"));
}

#[test]
fn query_with_error_and_description() {
    let (response, state) = CallbackResponse::from_query([
        ("error", "access_denied"),
        ("error_description", "no"),
        ("error_uri", "https://x"),
        ("state", "s"),
    ]);
    assert_eq!(response, error_response("access_denied", Some("no")));
    assert_eq!(state.as_deref(), Some("s"));
}

#[test]
fn query_error_wins_over_code() {
    let (response, _) = CallbackResponse::from_query([("code", "abc"), ("error", "server_error")]);
    assert_eq!(response, error_response("server_error", None));
}

#[test]
fn query_error_texts_lose_control_characters_and_are_bounded() {
    let long = "x".repeat(1_000);
    let (response, _) = CallbackResponse::from_query([
        ("error", "bad\r\nSet-Cookie: a=b"),
        ("error_description", long.as_str()),
    ]);
    let CallbackResponse::Error { error, description } = response else {
        panic!("expected an error, got {response:?}");
    };
    assert_eq!(error, "badSet-Cookie: a=b");
    assert_eq!(description.map(|d| d.len()), Some(256));

    let (response, _) = CallbackResponse::from_query([("error", "e"), ("error_description", "\n")]);
    assert_eq!(response, error_response("e", None));
}

#[test]
fn query_oauth1_token_and_verifier() {
    let (response, state) = CallbackResponse::from_query([
        ("oauth_token", "rt"),
        ("oauth_verifier", "v"),
        ("state", "s"),
    ]);
    assert_eq!(response, oauth1_response("rt", Some("v")));
    assert_eq!(state.as_deref(), Some("s"));
    let (response, _) = CallbackResponse::from_query([("oauth_token", "rt")]);
    assert_eq!(response, oauth1_response("rt", None));
    let (response, _) =
        CallbackResponse::from_query([("oauth_token", "rt"), ("oauth_verifier", "")]);
    assert_eq!(response, oauth1_response("rt", None));
}

#[test]
fn query_oauth1_denied() {
    let (response, _) = CallbackResponse::from_query([("denied", "rt"), ("state", "s")]);
    assert_eq!(response, CallbackResponse::OAuth1Denied);
}

#[test]
fn query_empty_and_empty_values() {
    let (response, state) = CallbackResponse::from_query([]);
    assert_eq!((response, state), (CallbackResponse::Empty, None));
    let (response, state) = CallbackResponse::from_query([
        ("code", ""),
        ("error", ""),
        ("oauth_token", ""),
        ("state", ""),
    ]);
    assert_eq!((response, state), (CallbackResponse::Empty, None));
    let (response, state) = CallbackResponse::from_query([("state", "s")]);
    assert_eq!(
        (response, state.as_deref()),
        (CallbackResponse::Empty, Some("s"))
    );
}

#[test]
fn query_unknown_parameters_are_ignored() {
    let (response, state) = CallbackResponse::from_query([
        ("utm_source", "a"),
        ("utm_source", "b"),
        ("scope", "read"),
        ("Code", "upper-case names are not ours"),
        ("code", "abc"),
        ("state", "s"),
        ("session_state", "x"),
    ]);
    assert_eq!(response, code_response("abc"));
    assert_eq!(state.as_deref(), Some("s"));
}

#[test]
fn query_duplicate_code_is_refused_but_keeps_the_state() {
    let (response, state) =
        CallbackResponse::from_query([("code", "a"), ("state", "s"), ("code", "b")]);
    assert_eq!(
        response,
        CallbackResponse::Duplicate {
            parameter: "code".to_owned()
        }
    );
    assert_eq!(state.as_deref(), Some("s"));
}

#[test]
fn query_duplicate_state_is_refused_and_dropped() {
    let (response, state) =
        CallbackResponse::from_query([("code", "a"), ("state", "s"), ("state", "t")]);
    assert_eq!(
        response,
        CallbackResponse::Duplicate {
            parameter: "state".to_owned()
        }
    );
    assert_eq!(state, None);
}

#[test]
fn query_duplicates_count_even_when_empty() {
    let (response, _) = CallbackResponse::from_query([("error", ""), ("error", "server_error")]);
    assert_eq!(
        response,
        CallbackResponse::Duplicate {
            parameter: "error".to_owned()
        }
    );
    let (response, _) = CallbackResponse::from_query([
        ("oauth_verifier", "a"),
        ("oauth_token", "t"),
        ("oauth_verifier", "a"),
    ]);
    assert_eq!(
        response,
        CallbackResponse::Duplicate {
            parameter: "oauth_verifier".to_owned()
        }
    );
}

#[test]
fn response_kinds() {
    let kinds: Vec<_> = [
        code_response("c"),
        error_response("e", None),
        oauth1_response("t", None),
        CallbackResponse::OAuth1Denied,
        CallbackResponse::Duplicate {
            parameter: "code".to_owned(),
        },
        CallbackResponse::Empty,
    ]
    .iter()
    .map(CallbackResponse::kind)
    .collect();
    assert_eq!(
        kinds,
        [
            "code",
            "error",
            "oauth1",
            "oauth1_denied",
            "duplicate",
            "empty"
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// A whole flow with real state tokens

#[test]
fn whole_flow_with_signup_using_real_state_tokens() {
    use crate::secret::SecretKey;
    use crate::state::{PendingFlows, StateCodec};

    let codec = StateCodec::from_secret(
        &SecretKey::new("test-secret-test-secret-test-secret-0001"),
        300,
    );
    let mut session = PendingFlows::default();
    let flow = FlowState::Idle.on(FlowEvent::LoginStarted {
        app: APP.to_owned(),
        next: next(),
    });
    let (state, mut pending) = codec.issue(APP, next()).expect("issue");
    pending.pkce_verifier = Some(PkceVerifier::new("pkce"));
    session.insert(pending);

    let (response, state) =
        CallbackResponse::from_query([("state", state.as_str()), ("code", "abc")]);
    let verified = codec.verify(state.as_deref().unwrap_or_default(), APP, &mut session);
    assert_eq!(flow.app(), Some(APP));
    // Another instance, which never saw the login, picks the callback up.
    let flow = FlowState::awaiting_callback(APP).on(callback(response, verified));
    let restored: FlowState =
        serde_json::from_str(&serde_json::to_string(&flow).expect("serialises")).expect("parses");
    assert_eq!(restored, flow);
    let flow = restored
        .on(FlowEvent::TokenExchanged { token: token() })
        .on(FlowEvent::Resolved(Resolution::SignupRequired {
            account_info: account_info(),
        }))
        .on(FlowEvent::SignupCompleted { user_id: 7 });
    assert_eq!(flow, logged_in());

    // Replaying the same callback is refused.
    let (response, state) = CallbackResponse::from_query([
        ("state", state.as_deref().unwrap_or_default()),
        ("code", "abc"),
    ]);
    let verified = codec.verify(state.as_deref().unwrap_or_default(), APP, &mut session);
    let flow = FlowState::awaiting_callback(APP).on(callback(response, verified));
    assert_eq!(flow, invalid_state(StateError::Replayed));
}
