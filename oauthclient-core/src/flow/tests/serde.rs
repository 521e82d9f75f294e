//! States, events and grants round-trip through serde.

use super::*;

// ---------------------------------------------------------------------------------------------
// Serde

#[test]
fn every_state_round_trips_through_serde() {
    let states = all_states();
    let mut names: Vec<_> = states.iter().map(FlowState::name).collect();
    names.dedup();
    assert_eq!(names.len(), 9, "every variant is covered: {names:?}");
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
