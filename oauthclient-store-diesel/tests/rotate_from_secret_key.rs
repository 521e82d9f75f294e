//! The first key rotation of a database that started on a single `secret_key` (key id
//! `default`), with every secret in the environment, step by step as docs/key-rotation.md
//! says: every token reads at every step, and after the rotation under the new key alone.

// The suite always runs on SQLite; PostgreSQL joins it when configured.
#![cfg(feature = "sqlite")]

mod common;

use std::collections::BTreeMap;

use oauthclient_core::secret::{AccessToken, RefreshToken, TokenSecret};
use oauthclient_core::{AccountStore, OAuthClientConfig, Registry, Token};
use oauthclient_store_diesel::TokenKeys;

use common::{SECRET_1, SECRET_2, databases, user};

const NEW_KEY_VAR: &str = "OAUTHCLIENT_SECRET_KEY_2026_12";
/// Step 1: the new key added second; `default` (the old `secret_key`) still seals.
const STEP_ADD: &str = r#"secret_keys = [
  { id = "default" },
  { id = "2026-12", secret_env = "OAUTHCLIENT_SECRET_KEY_2026_12" },
]"#;
/// Step 2 on: the new key first; `secret_key` stays the older key `default` until unset.
const STEP_PROMOTE: &str =
    r#"secret_keys = [{ id = "2026-12", secret_env = "OAUTHCLIENT_SECRET_KEY_2026_12" }]"#;

/// The token keys of a configuration with `keys` in the file and `env` as the environment.
fn keys_from(keys: &str, env: &[(&str, &str)]) -> TokenKeys {
    let toml = format!("site_url = \"https://example.org\"\n{keys}\n");
    let env: BTreeMap<String, String> = env
        .iter()
        .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
        .collect();
    let config = OAuthClientConfig::from_toml_str(&toml, &env, &Registry::default())
        .unwrap_or_else(|err| panic!("{toml}: {err}"));
    TokenKeys::from_config(&config.secret_keys).expect("keys")
}

fn tokens() -> [(&'static str, Token); 3] {
    [
        (
            "ada@example.org",
            Token::bearer(AccessToken::new("gho_ada"))
                .with_refresh_token(RefreshToken::new("ghr_ada")),
        ),
        (
            "bob@example.org",
            Token::oauth1(
                AccessToken::new("oauth1_bob"),
                TokenSecret::new("bob_secret"),
            ),
        ),
        (
            "carol@example.org",
            Token::bearer(AccessToken::new("gho_carol")),
        ),
    ]
}

#[tokio::test]
async fn a_database_sealed_under_secret_key_rotates_with_secrets_in_the_environment() {
    let old_only = [("OAUTHCLIENT_SECRET_KEY", SECRET_1)];
    let both = [
        ("OAUTHCLIENT_SECRET_KEY", SECRET_1),
        (NEW_KEY_VAR, SECRET_2),
    ];
    let new_only = [(NEW_KEY_VAR, SECRET_2)];
    for db in databases() {
        let [ada, bob, carol] = tokens();
        // Day one: a single secret_key from the environment.
        let store = db.store_with(keys_from("", &old_only)).await;
        let mut users = Vec::new();
        for (email, token) in [&ada, &bob] {
            let user = user(&store, email).await;
            store
                .save_token(&user.id, "client-1", token)
                .await
                .expect("save");
            users.push((user.id, token.clone()));
        }
        drop(store);
        assert!(
            db.dump("oauthclient_remotetoken").contains("default"),
            "{}: sealed under `default`",
            db.name
        );

        // Step 1: the new key is known everywhere; `default` still seals new tokens.
        let store = db.store_with(keys_from(STEP_ADD, &both)).await;
        let user_c = user(&store, carol.0).await;
        store
            .save_token(&user_c.id, "client-1", &carol.1)
            .await
            .expect("save");
        users.push((user_c.id, carol.1.clone()));
        drop(store);

        // Step 2 and 3: promoted, then every row re-sealed under the new key.
        let store = db.store_with(keys_from(STEP_PROMOTE, &both)).await;
        for (user, token) in &users {
            let stored = store.token(user, "client-1", "").await;
            assert_eq!(
                stored.expect("readable"),
                Some(token.clone()),
                "{}",
                db.name
            );
        }
        let report = store.rotate_token_keys(|_, _| {}).await.expect("rotate");
        assert_eq!(
            (report.rotated, report.already_current),
            (3, 0),
            "{}",
            db.name
        );
        drop(store);

        // Step 4: OAUTHCLIENT_SECRET_KEY unset; every token reads under the new key alone.
        let store = db.store_with(keys_from(STEP_PROMOTE, &new_only)).await;
        for (user, token) in &users {
            let stored = store.token(user, "client-1", "").await;
            assert_eq!(
                stored.expect("readable under the new key alone"),
                Some(token.clone()),
                "{}",
                db.name
            );
            let found = store
                .account_by_token("client-1", &token.access_token, "")
                .await
                .expect("lookup");
            assert!(found.is_some(), "{}: found by its access token", db.name);
        }
    }
}

#[tokio::test]
async fn the_old_secret_under_another_id_is_an_error_that_names_secret_key() {
    for db in databases() {
        let store = db
            .store_with(keys_from("", &[("OAUTHCLIENT_SECRET_KEY", SECRET_1)]))
            .await;
        let ada = user(&store, "ada@example.org").await;
        let [(_, token), ..] = tokens();
        store
            .save_token(&ada.id, "client-1", &token)
            .await
            .expect("save");
        drop(store);

        // What the guides used to say: the old secret listed under a dated id.
        let renamed = format!(
            "secret_keys = [{{ id = \"2026-12\", secret = \"{SECRET_2}\" }}, \
             {{ id = \"2026-05\", secret = \"{SECRET_1}\" }}]"
        );
        let store = db.store_with(keys_from(&renamed, &[])).await;
        let err = store
            .token(&ada.id, "client-1", "")
            .await
            .expect_err("`default` is not configured");
        assert!(
            err.message().contains("`default`") && err.message().contains("secret_key"),
            "{}: {err}",
            db.name
        );
    }
}
