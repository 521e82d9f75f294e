//! `callback_query`: the query of `/oauth/authorized/{app}/` — arbitrary bytes parsed with
//! `url::form_urlencoded::parse` (as a web framework would), then
//! `CallbackResponse::from_query`, then the `AwaitingCallback --CallbackReceived-->` transition.
//!
//! Besides never panicking, it asserts:
//! - `from_query` follows the rules its documentation lists (checked against a small model of
//!   them: duplicates, empty values, precedence, control characters and length limits);
//! - with a refused state (the query's own `state` through `StateCodec::verify`, which is
//!   `Missing` when there is none), the flow fails with `InvalidState` and no `next`, whatever
//!   the provider answered;
//! - with a verified state for a matching pending flow, the outcome is the one
//!   `flow::transition` documents for each response kind, `next` comes from the claims, a
//!   code is only received when the response carries no `error`, and an OAuth1 verifier only
//!   for the session's own request token;
//! - claims or a pending flow for another app, or another nonce, fail with `InvalidState`;
//! - the resulting `FlowState` and the `CallbackResponse` survive a serde round trip (flows are
//!   kept in the session).

#![no_main]

use std::borrow::Cow;

use libfuzzer_sys::fuzz_target;
use oauthclient_core::OAuthError;
use oauthclient_core::flow::{CallbackResponse, FlowEvent, FlowState, Grant};
use oauthclient_core::secret::FlowNonce;
use oauthclient_core::state::{PendingFlow, StateClaims, StateError};
use oauthclient_fuzz::{
    APP, NONCE, OIDC_NONCE, OTHER_APP, PKCE_VERIFIER, REQUEST_TOKEN, REQUEST_TOKEN_SECRET, claims,
    codec, pending, session,
};

const PROTOCOL: [&str; 9] = [
    "code",
    "state",
    "error",
    "error_description",
    "error_uri",
    "iss",
    "oauth_token",
    "oauth_verifier",
    "denied",
];

fuzz_target!(|data: &[u8]| {
    let pairs: Vec<(Cow<'_, str>, Cow<'_, str>)> = url::form_urlencoded::parse(data).collect();
    let pairs: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(k, v)| (k.as_ref(), v.as_ref()))
        .collect();

    let (response, state) = CallbackResponse::from_query(pairs.iter().copied());
    check_against_model(&pairs, &response, state.as_deref());
    round_trip_response(&response);

    // 1. The query's own state, verified for real (a valid seed token verifies).
    let mut flows = session();
    let verified = codec().verify(state.as_deref().unwrap_or_default(), APP, &mut flows);
    let flow = on_callback(response.clone(), verified.clone());
    match verified {
        Err(error) => assert_eq!(flow, invalid_state(error), "refused state, {response:?}"),
        Ok((claims, pending)) => check_verified(&response, &claims, &pending, &flow),
    }

    // 2. Always also a verified state for a matching pending flow.
    let (good_claims, good_pending) = (claims(APP, NONCE), pending(APP, NONCE));
    let flow = on_callback(
        response.clone(),
        Ok((good_claims.clone(), good_pending.clone())),
    );
    check_verified(&response, &good_claims, &good_pending, &flow);

    // 3. Every refused state, and mismatched claims or flows, fail the same way.
    for error in [
        StateError::Missing,
        StateError::BadSignature,
        StateError::Replayed,
    ] {
        let flow = on_callback(response.clone(), Err(error.clone()));
        assert_eq!(flow, invalid_state(error));
    }
    let mismatched = [
        (
            claims(OTHER_APP, NONCE),
            pending(APP, NONCE),
            StateError::WrongApp,
        ),
        (
            claims(APP, NONCE),
            pending(OTHER_APP, NONCE),
            StateError::WrongApp,
        ),
        (
            claims(APP, NONCE),
            PendingFlow {
                nonce: FlowNonce::new("another-nonce"),
                ..pending(APP, NONCE)
            },
            StateError::UnknownNonce,
        ),
    ];
    for (bad_claims, bad_pending, error) in mismatched {
        let flow = on_callback(response.clone(), Ok((bad_claims, bad_pending)));
        assert_eq!(flow, invalid_state(error));
    }
});

fn on_callback(
    response: CallbackResponse,
    verified: Result<(StateClaims, PendingFlow), StateError>,
) -> FlowState {
    let flow =
        FlowState::awaiting_callback(APP).on(FlowEvent::CallbackReceived { response, verified });
    let json = serde_json::to_string(&flow).expect("a flow state serialises");
    let back: FlowState = serde_json::from_str(&json).expect("a serialised flow state parses");
    assert_eq!(back, flow, "flow state changed in a serde round trip");
    flow
}

fn invalid_state(error: StateError) -> FlowState {
    FlowState::Failed {
        app: Some(APP.to_owned()),
        error: OAuthError::InvalidState(error),
        next: None,
    }
}

/// The documented outcome of a verified callback (`flow::transition`, step 3).
fn check_verified(
    response: &CallbackResponse,
    claims: &StateClaims,
    pending: &PendingFlow,
    flow: &FlowState,
) {
    let app = APP.to_owned();
    let failed = |error: OAuthError| FlowState::Failed {
        app: Some(app.clone()),
        error,
        next: claims.next.clone(),
    };
    let expected = match response.clone() {
        CallbackResponse::Code { code, iss, extra } => FlowState::CodeReceived {
            app: app.clone(),
            grant: Grant::AuthorizationCode {
                code,
                pkce_verifier: pending.pkce_verifier.clone(),
                iss,
                oidc_nonce: pending.oidc_nonce.clone(),
                login_options: (*claims.login_options).clone(),
                callback_params: extra,
            },
            next: claims.next.clone(),
        },
        CallbackResponse::Error { error, .. } if error == "access_denied" => {
            failed(OAuthError::Rejected {
                remote: app.clone(),
            })
        }
        CallbackResponse::Error { error, description } => failed(OAuthError::ProviderError {
            remote: app.clone(),
            code: error,
            description,
        }),
        CallbackResponse::OAuth1 {
            oauth_token,
            oauth_verifier: Some(verifier),
        } => {
            if pending.request_token.as_deref() == Some(oauth_token.as_str())
                && pending.request_token_secret.is_some()
            {
                FlowState::CodeReceived {
                    app: app.clone(),
                    grant: Grant::OAuth1Verifier {
                        request_token: oauth_token,
                        request_token_secret: pending
                            .request_token_secret
                            .clone()
                            .expect("checked"),
                        verifier,
                    },
                    next: claims.next.clone(),
                }
            } else {
                failed(StateError::RequestTokenMismatch.into())
            }
        }
        CallbackResponse::OAuth1 {
            oauth_verifier: None,
            ..
        } => failed(StateError::MissingVerifier.into()),
        CallbackResponse::OAuth1Denied => failed(OAuthError::Rejected {
            remote: app.clone(),
        }),
        CallbackResponse::Duplicate { .. } | CallbackResponse::Empty => {
            // The reason text is not part of the contract; the kind is.
            assert!(
                matches!(
                    flow,
                    FlowState::Failed { error: OAuthError::InvalidResponse { remote, .. }, next, app: Some(a) }
                        if remote == APP && a == APP && *next == claims.next
                ),
                "{response:?} gave {flow:?}"
            );
            return;
        }
    };
    assert_eq!(flow, &expected, "{response:?}");

    // The security-relevant consequences, stated on their own.
    if let FlowState::CodeReceived { grant, .. } = flow {
        assert!(
            !matches!(response, CallbackResponse::Error { .. }),
            "a code was received from an error response"
        );
        if let Grant::OAuth1Verifier {
            request_token,
            request_token_secret,
            ..
        } = grant
        {
            assert_eq!(request_token, REQUEST_TOKEN);
            assert_eq!(request_token_secret.expose_secret(), REQUEST_TOKEN_SECRET);
        }
        if let Grant::AuthorizationCode {
            pkce_verifier,
            oidc_nonce,
            ..
        } = grant
        {
            assert_eq!(
                pkce_verifier.as_ref().map(|v| v.expose_secret()),
                Some(PKCE_VERIFIER)
            );
            assert_eq!(
                oidc_nonce.as_ref().map(|n| n.expose_secret()),
                Some(OIDC_NONCE)
            );
        }
    }
}

/// A model of the rules in `CallbackResponse::from_query`'s documentation.
fn check_against_model(pairs: &[(&str, &str)], response: &CallbackResponse, state: Option<&str>) {
    let is_protocol = |name: &str| PROTOCOL.contains(&name);
    let count = |name: &str| pairs.iter().filter(|(n, _)| *n == name).count();
    let first = |name: &str| {
        pairs
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| *v)
            .filter(|v| !v.is_empty())
    };

    // The first protocol parameter seen a second time.
    let mut seen: Vec<&str> = Vec::new();
    let mut duplicate = None;
    for (name, _) in pairs {
        if is_protocol(name) {
            if seen.contains(name) {
                duplicate = Some(*name);
                break;
            }
            seen.push(name);
        }
    }

    if let Some(parameter) = duplicate {
        assert_eq!(
            response,
            &CallbackResponse::Duplicate {
                parameter: parameter.to_owned()
            }
        );
        // "A repeated `state` is also dropped (returned as `None`)"; otherwise the state is
        // kept so a genuine one is still checked first.
        if count("state") <= 1 {
            assert_eq!(state, first("state"));
        } else {
            assert_eq!(state, None, "a repeated state was kept");
        }
        return;
    }

    assert_eq!(state, first("state"), "the state parameter");
    match response {
        CallbackResponse::Error { error, description } => {
            assert!(first("error").is_some(), "Error without an error parameter");
            assert!(error.chars().count() <= 64 && !error.chars().any(char::is_control));
            assert_eq!(error, &clean(first("error").unwrap_or_default(), 64));
            let expected = first("error_description")
                .map(|d| clean(d, 256))
                .filter(|d| !d.is_empty());
            assert_eq!(description, &expected);
        }
        CallbackResponse::Code { code, iss, extra } => {
            assert!(extra.is_empty(), "from_query keeps no extra parameter");
            assert!(first("error").is_none(), "a code won over an error");
            assert_eq!(Some(code.expose_secret()), first("code"));
            assert_eq!(iss.as_deref(), first("iss"));
        }
        CallbackResponse::OAuth1Denied => {
            assert!(first("error").is_none() && first("code").is_none());
            assert!(first("denied").is_some());
        }
        CallbackResponse::OAuth1 {
            oauth_token,
            oauth_verifier,
        } => {
            assert!(
                first("error").is_none() && first("code").is_none() && first("denied").is_none()
            );
            assert_eq!(Some(oauth_token.as_str()), first("oauth_token"));
            assert_eq!(
                oauth_verifier.as_ref().map(|v| v.expose_secret()),
                first("oauth_verifier")
            );
        }
        CallbackResponse::Empty => {
            for name in ["error", "code", "denied", "oauth_token"] {
                assert!(first(name).is_none(), "Empty although `{name}` is present");
            }
        }
        CallbackResponse::Duplicate { .. } => panic!("Duplicate without a repeated parameter"),
    }
}

fn clean(value: &str, max_chars: usize) -> String {
    value
        .chars()
        .filter(|c| !c.is_control())
        .take(max_chars)
        .collect()
}

fn round_trip_response(response: &CallbackResponse) {
    let json = serde_json::to_string(response).expect("a callback response serialises");
    let back: CallbackResponse = serde_json::from_str(&json).expect("and parses back");
    assert_eq!(&back, response);
}
