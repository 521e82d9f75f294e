//! `message()` is given exactly for what is shown, and names only what the English catalog has.

use std::collections::{BTreeMap, BTreeSet};

use super::super::code::tests::one_of_each;
use crate::OAuthError;
use crate::login_options::{InvalidReason, LoginOption, LoginOptionError};
use crate::message::Message;
use crate::store::StoreError;

/// The front end's English catalog: the reference every id and variable is checked against.
/// (Only tests read it; the packaged library does not need it.)
const ENGLISH: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../oauthclient-frontend/locales/en/oauthclient.ftl"
));

/// Each message id of a Fluent file with the variables (`$name`) of its value and attributes.
fn catalog(source: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut messages: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in source.lines() {
        let starts_message = line.starts_with(|c: char| c.is_ascii_lowercase());
        if starts_message {
            let id = line
                .split(" =")
                .next()
                .unwrap_or_default()
                .trim()
                .to_owned();
            messages.entry(id.clone()).or_default();
            current = Some(id);
        } else if !line.starts_with(' ') {
            // A comment, a blank line or a term ends the message.
            current = None;
            continue;
        }
        if let Some(id) = &current {
            let variables = messages.entry(id.clone()).or_default();
            for piece in line.split('$').skip(1) {
                let name: String = piece
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                    .collect();
                variables.insert(name);
            }
        }
    }
    messages
}

/// Every kind of [`one_of_each`], and the variants that differ by message only.
fn every_kind() -> Vec<OAuthError> {
    let mut errors = one_of_each();
    errors.extend([
        OAuthError::Store(StoreError::conflict_on("email", "taken")),
        OAuthError::Store(StoreError::conflict_on("username", "taken")),
        OAuthError::RefusedByHost {
            remote: "github".into(),
            message: "host-waiting-list".into(),
            message_id: Some(Message::new("host-waiting-list")),
        },
        OAuthError::ProviderError {
            remote: "github".into(),
            code: "temporarily_unavailable".into(),
            description: Some("free text".into()),
        },
        OAuthError::LoginOption {
            remote: "github".into(),
            source: LoginOptionError::ScopeNotAllowed {
                scope: "admin".into(),
            },
        },
        OAuthError::LoginOption {
            remote: "github".into(),
            source: LoginOptionError::Invalid {
                option: LoginOption::MaxAge,
                reason: InvalidReason::MaxAge { max: 10 },
            },
        },
    ]);
    errors
}

/// What the library's catalog must hold: every message of every kind, nested reasons too
/// (a host's own refusal id is the host's catalog's business).
fn library_messages() -> Vec<Message> {
    let mut messages: Vec<Message> = every_kind()
        .iter()
        .filter(|err| !matches!(err, OAuthError::RefusedByHost { .. }))
        .filter_map(OAuthError::message)
        .collect();
    let reasons = [
        InvalidReason::PromptValues,
        InvalidReason::PromptRepeated,
        InvalidReason::PromptNoneAlone,
        InvalidReason::LoginHint { max: 1 },
        InvalidReason::MaxAge { max: 1 },
        InvalidReason::AcrValues { max: 1 },
        InvalidReason::ScopeEmpty,
        InvalidReason::Remember,
    ];
    messages.extend(reasons.iter().map(InvalidReason::message));
    messages
}

#[test]
fn a_message_is_given_exactly_for_what_is_shown() {
    for err in every_kind() {
        let conflict = matches!(&err, OAuthError::Store(store) if store.is_conflict());
        let host_text_only = matches!(
            &err,
            OAuthError::RefusedByHost {
                message_id: None,
                ..
            }
        );
        let shown = (err.is_user_facing() && !host_text_only) || conflict;
        assert_eq!(err.message().is_some(), shown, "{err:?}");
    }
}

#[test]
fn every_id_and_variable_is_in_the_english_catalog() {
    let english = catalog(ENGLISH);
    for message in library_messages() {
        let Some(variables) = english.get(message.id()) else {
            panic!("{} is not in the English catalog", message.id());
        };
        let given: BTreeSet<String> = message
            .args()
            .iter()
            .map(|(name, _)| name.to_string())
            .collect();
        let mut expected = variables.clone();
        if message.id() == "login-option-invalid" {
            // Formatted by the front end from `reason_message()`: a text, not an argument here.
            expected.remove("reason");
        }
        assert_eq!(given, expected, "the variables of {}", message.id());
    }
}

#[test]
fn every_reason_and_confirmation_message_of_the_catalog_is_emitted() {
    let emitted: BTreeSet<String> = library_messages()
        .iter()
        .map(|m| m.id().to_owned())
        .collect();
    for id in catalog(ENGLISH).keys() {
        let ours = ["error-confirmation-", "login-option-"]
            .iter()
            .any(|prefix| id.starts_with(prefix));
        assert!(!ours || emitted.contains(id), "{id} is never emitted");
    }
}

#[test]
fn the_provider_is_the_apps_name_and_the_description_stays_out() {
    let err = OAuthError::ProviderError {
        remote: "github".into(),
        code: "server_error".into(),
        description: Some("Something broke".into()),
    };
    let message = err.message().expect("shown");
    assert_eq!(
        message,
        Message::new("error-provider")
            .arg("provider", "github")
            .arg("code", "server_error")
    );
    assert_eq!(
        OAuthError::Store(StoreError::conflict_on(
            "email",
            "this e-mail address is already registered"
        ))
        .message()
        .map(|m| m.id().to_owned())
        .as_deref(),
        Some("signup-error-email-taken")
    );
    assert_eq!(
        OAuthError::Store(StoreError::conflict("x")).message(),
        Some(Message::new("error-conflict"))
    );
    assert_eq!(
        OAuthError::Store(StoreError::unavailable("down")).message(),
        None
    );
}

#[test]
fn the_hosts_refusal_carries_its_own_message_and_keeps_its_words() {
    let refusal = crate::host_policy::PreSignIn::refuse_message(
        Message::new("host-waiting-list").arg("days", 3_i64),
    );
    let crate::host_policy::PreSignIn::Refuse {
        message,
        message_id,
    } = refusal
    else {
        panic!("a refusal");
    };
    let err = OAuthError::RefusedByHost {
        remote: "github".into(),
        message,
        message_id,
    };
    assert_eq!(err.to_string(), "host-waiting-list");
    assert_eq!(
        err.message().map(|m| m.id().to_owned()).as_deref(),
        Some("host-waiting-list")
    );
    let json = serde_json::to_value(&err).expect("json");
    assert_eq!(
        serde_json::from_value::<OAuthError>(json).expect("back"),
        err
    );
    let old = serde_json::json!({"kind": "refused_by_host", "detail": {"remote": "github", "message": "Not today."}});
    let read: OAuthError = serde_json::from_value(old).expect("written before message ids");
    assert_eq!(read.message(), None);
    assert_eq!(read.to_string(), "Not today.");
}
