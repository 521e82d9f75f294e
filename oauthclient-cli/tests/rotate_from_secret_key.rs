//! `oauthclient tokens rotate-key` on a database that started on a single `secret_key`
//! (key id `default`), with every secret in the environment, as docs/key-rotation.md says.
//! SQLite always; PostgreSQL too when `OAUTHCLIENT_TEST_POSTGRES_URL` is set.

mod common;

use oauthclient_core::AccountStore;
use oauthclient_core::Token;
use oauthclient_core::secret::{AccessToken, RefreshToken};

use common::{
    GITHUB_CLIENT_ID, KEY_ONE, KEY_TWO, config_with_keys, databases, linked_user,
    oauthclient_with_env, path, store, text,
};

const NEW_KEY_VAR: &str = "OAUTHCLIENT_SECRET_KEY_2026_12";
/// Step 1 of the guide: the new key added second, `default` (secret_key) still first.
const STEP_ADD: &str = "[[secret_keys]]\nid = \"default\"\n\
                        [[secret_keys]]\nid = \"2026-12\"\nsecret_env = \"OAUTHCLIENT_SECRET_KEY_2026_12\"\n";
/// Step 2 on: the new key first; secret_key stays the older key `default` while it is set.
const STEP_PROMOTE: &str =
    "[[secret_keys]]\nid = \"2026-12\"\nsecret_env = \"OAUTHCLIENT_SECRET_KEY_2026_12\"\n";

#[tokio::test]
async fn rotate_key_from_a_single_secret_key_in_the_environment() {
    let old_only = [("OAUTHCLIENT_SECRET_KEY", KEY_ONE)];
    let both = [("OAUTHCLIENT_SECRET_KEY", KEY_ONE), (NEW_KEY_VAR, KEY_TWO)];
    let new_only = [(NEW_KEY_VAR, KEY_TWO)];
    for db in databases("rotate_default") {
        // Day one: a configuration without keys, OAUTHCLIENT_SECRET_KEY in the environment;
        // what the server sealed is under `default`.
        let day_one = config_with_keys(&db, "day-one.toml", "");
        let checked = oauthclient_with_env(&["config", "check", path(&day_one)], &old_only);
        assert!(
            text(&checked).contains("secret_keys = default ("),
            "{}",
            text(&checked)
        );
        let tokens = [
            Token::bearer(AccessToken::new("gho_first"))
                .with_refresh_token(RefreshToken::new("ghr_first")),
            Token::bearer(AccessToken::new("gho_second")),
        ];
        let mut users = Vec::new();
        {
            let store = store(&db, &[("default", KEY_ONE)]).await;
            for (index, token) in tokens.iter().enumerate() {
                let email = format!("user{index}@example.org");
                users.push(linked_user(&store, &email, token.clone()).await);
            }
        }

        // Step 1 resolves to `default` first, the new key second.
        let add = config_with_keys(&db, "add.toml", STEP_ADD);
        let checked = oauthclient_with_env(&["config", "check", path(&add)], &both);
        assert!(checked.status.success(), "{}", text(&checked));
        assert!(
            text(&checked).contains("secret_keys = default (Hs256, secret [redacted]), 2026-12"),
            "{}",
            text(&checked)
        );

        // Step 3: promoted (step 2), then the rows re-sealed under the new key.
        let promote = config_with_keys(&db, "promote.toml", STEP_PROMOTE);
        let args = ["--config", path(&promote), "tokens", "rotate-key"];
        let rotated = oauthclient_with_env(&args, &both);
        assert!(rotated.status.success(), "{}", text(&rotated));
        assert!(
            text(&rotated).contains("rotated 2 token row(s); 0 already under `2026-12`"),
            "{}",
            text(&rotated)
        );
        // Removing `default` means unsetting the variable, not editing the file.
        assert!(
            text(&rotated).contains("unset secret_key (OAUTHCLIENT_SECRET_KEY)"),
            "{}",
            text(&rotated)
        );

        // Step 4: OAUTHCLIENT_SECRET_KEY unset; every token reads under the new key alone.
        let again = oauthclient_with_env(&args, &new_only);
        assert!(
            text(&again).contains("rotated 0 token row(s); 2 already"),
            "{}",
            text(&again)
        );
        let new_store = store(&db, &[("2026-12", KEY_TWO)]).await;
        for (user, token) in users.iter().zip(&tokens) {
            let stored = new_store
                .token(user, GITHUB_CLIENT_ID, "")
                .await
                .expect("readable under the new key alone")
                .expect("token");
            assert_eq!(stored.access_token, token.access_token);
            assert_eq!(stored.refresh_token, token.refresh_token);
        }
    }
}

#[tokio::test]
async fn rotate_key_without_secret_key_names_it_and_exits_1() {
    for db in databases("rotate_no_default") {
        {
            let store = store(&db, &[("default", KEY_ONE)]).await;
            let token = Token::bearer(AccessToken::new("gho_kept"));
            linked_user(&store, "kept@example.org", token).await;
        }
        // The old secret dropped (or listed under another id): nothing can open `default`.
        let promote = config_with_keys(&db, "promote.toml", STEP_PROMOTE);
        let args = ["--config", path(&promote), "tokens", "rotate-key"];
        let failed = oauthclient_with_env(&args, &[(NEW_KEY_VAR, KEY_TWO)]);
        assert_eq!(failed.status.code(), Some(1), "{}", text(&failed));
        assert!(
            text(&failed).contains("OAUTHCLIENT_SECRET_KEY"),
            "{}",
            text(&failed)
        );
    }
}
