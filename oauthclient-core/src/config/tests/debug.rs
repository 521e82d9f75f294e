//! `Debug` of the raw settings never shows a secret: a configuration dumped into a log or a
//! panic message must not leak client secrets or state keys.

use crate::config::settings::{CredentialSettings, SecretKeySettings};

#[test]
fn raw_credentials_and_keys_are_redacted() {
    let credentials = CredentialSettings {
        consumer_key: Some("client-1".into()),
        consumer_secret: Some("s3cret-client".into()),
        private_key: Some("-----BEGIN PRIVATE KEY-----s3cret-key".into()),
        key_id: Some("kid-1".into()),
        ..CredentialSettings::default()
    };
    let shown = format!("{credentials:?}");
    assert!(shown.contains("client-1"), "{shown}");
    assert!(shown.contains("kid-1"), "{shown}");
    assert!(!shown.contains("s3cret"), "{shown}");

    let key = SecretKeySettings {
        id: "2026-11".into(),
        secret: Some("s3cret-state-key-s3cret-state-key".into()),
        secret_env: Some("STATE_KEY_2026_11".into()),
        algorithm: crate::state::StateAlgorithm::default(),
    };
    let shown = format!("{key:?}");
    assert!(shown.contains("2026-11"), "{shown}");
    // The variable's name is not a secret and helps find a wrong one.
    assert!(shown.contains("STATE_KEY_2026_11"), "{shown}");
    assert!(!shown.contains("s3cret"), "{shown}");
}
