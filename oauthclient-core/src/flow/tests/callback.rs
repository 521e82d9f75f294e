//! Callback edges (state failures, provider answers) and `CallbackResponse::from_query`.

use super::*;

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
            extra: BTreeMap::new(),
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

#[test]
fn a_repeated_state_is_dropped_even_after_another_repeated_parameter() {
    let (response, state) = CallbackResponse::from_query([
        ("code", "a"),
        ("code", "b"),
        ("state", "s"),
        ("state", "t"),
    ]);
    assert_eq!(
        response,
        CallbackResponse::Duplicate {
            parameter: "code".into()
        }
    );
    assert_eq!(state, None);
}

#[test]
fn kept_callback_params_reach_the_grant_and_others_are_ignored() {
    let keep = ["user".to_owned()];
    let long = "x".repeat(MAX_CALLBACK_PARAM_BYTES + 1);
    let (response, _) = CallbackResponse::from_query_keeping(
        [("code", "c"), ("user", "{\"a\":1}"), ("other", "o")],
        &keep,
    );
    let CallbackResponse::Code { extra, .. } = &response else {
        panic!("a code: {response:?}");
    };
    assert_eq!(extra.len(), 1);
    assert_eq!(extra["user"], "{\"a\":1}");
    let (response, _) =
        CallbackResponse::from_query_keeping([("code", "c"), ("user", long.as_str())], &keep);
    assert!(
        matches!(&response, CallbackResponse::Code { extra, .. } if extra.is_empty()),
        "an oversized value is dropped"
    );
    let (response, state) = CallbackResponse::from_query_keeping(
        [("code", "c"), ("state", "s"), ("user", "a"), ("user", "b")],
        &keep,
    );
    assert!(
        matches!(response, CallbackResponse::Duplicate { .. }),
        "{response:?}"
    );
    assert_eq!(state.as_deref(), Some("s"));
    // Without the allow-list nothing is kept.
    let (response, _) = CallbackResponse::from_query([("code", "c"), ("user", "a")]);
    assert!(matches!(&response, CallbackResponse::Code { extra, .. } if extra.is_empty()));
}

#[test]
fn callback_params_become_token_extra_callback() {
    use std::collections::BTreeMap;
    let mut token = Token::bearer(AccessToken::new("t"));
    token.extra = serde_json::json!({"orcid": "0000"});
    let params = BTreeMap::from([
        ("user".to_owned(), r#"{"email":"a@b.example"}"#.to_owned()),
        ("plain".to_owned(), "\"quoted\"".to_owned()),
    ]);
    attach_callback_params(&mut token, &params);
    assert_eq!(token.extra["orcid"], "0000", "other extras kept");
    assert_eq!(token.extra["callback"]["user"]["email"], "a@b.example");
    assert_eq!(
        token.extra["callback"]["plain"], "\"quoted\"",
        "only objects are decoded"
    );
    let mut untouched = Token::bearer(AccessToken::new("t"));
    attach_callback_params(&mut untouched, &BTreeMap::new());
    assert!(untouched.extra.is_null());
}
