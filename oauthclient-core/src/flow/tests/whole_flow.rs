//! A whole flow with real state tokens.

use super::*;

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
        .on(FlowEvent::Resolved(AuthorizedOutcome::SignupRequired {
            account_info: account_info(),
        }))
        .on(FlowEvent::SignupCompleted {
            user_id: UserId::from(7),
        });
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
