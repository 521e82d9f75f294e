//! The transitions of a flow that goes as planned, `Fail`, events that do not fit, and the
//! accessors.

use super::*;

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
                oidc_nonce: None,
                login_options: LoginOptions::default(),
                callback_params: BTreeMap::new(),
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
        extra: BTreeMap::new(),
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
fn token_issued_resolved_stored_in_session() {
    let state = token_issued().on(FlowEvent::Resolved(AuthorizedOutcome::StoredInSession));
    assert_eq!(state, stored_in_session());
    assert_eq!(state.next(), next().as_deref());
    assert!(state.is_terminal());
}

#[test]
fn token_issued_resolved_linked() {
    let state = token_issued().on(FlowEvent::Resolved(AuthorizedOutcome::Linked {
        user_id: UserId::from(7),
    }));
    assert_eq!(state, linked());
    assert!(state.is_terminal());
}

#[test]
fn token_issued_resolved_logged_in() {
    let state = token_issued().on(FlowEvent::Resolved(AuthorizedOutcome::LoggedIn {
        user_id: UserId::from(7),
    }));
    assert_eq!(state, logged_in());
    assert!(state.is_terminal());
}

#[test]
fn token_issued_resolved_signup_required_keeps_the_token() {
    let state = token_issued().on(FlowEvent::Resolved(AuthorizedOutcome::SignupRequired {
        account_info: account_info(),
    }));
    assert_eq!(state, signup_required());
    assert!(!state.is_terminal());
}

#[test]
fn signup_completed_logs_in() {
    let state = signup_required().on(FlowEvent::SignupCompleted {
        user_id: UserId::from(7),
    });
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
        let terminal = matches!(
            state.name(),
            "stored_in_session" | "linked" | "logged_in" | "failed"
        );
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
