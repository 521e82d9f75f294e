//! Remote accounts and tokens: the seed's model API, on every configured backend.

// The suite always runs on SQLite; PostgreSQL joins it when configured.
#![cfg(feature = "sqlite")]

mod common;

use oauthclient_core::secret::{AccessToken, RefreshToken, TokenSecret};
use oauthclient_core::store::StoreErrorKind;
use oauthclient_core::{AccountStore, Token, UserStore};
use serde_json::json;

use common::{databases, user};

#[tokio::test]
async fn create_get_delete_with_extra_data() {
    for db in databases() {
        let store = db.store().await;
        let ada = user(&store, "ada@example.org").await;
        let created = store
            .create_remote_account(&ada.id, "client-1", json!({"login": "ada", "id": 1}))
            .await
            .expect("create");
        let fetched = store
            .remote_account(&ada.id, "client-1")
            .await
            .expect("get");
        assert_eq!(fetched.as_ref(), Some(&created), "{}", db.name);
        assert_eq!(
            created.extra_data,
            json!({"login": "ada", "id": 1}),
            "{}",
            db.name
        );

        store
            .update_extra_data(
                created.id,
                json!({"login": "ada2", "nested": {"a": [1, 2]}}),
            )
            .await
            .expect("update");
        let updated = store
            .remote_account(&ada.id, "client-1")
            .await
            .expect("get");
        assert_eq!(
            updated.map(|account| account.extra_data),
            Some(json!({"login": "ada2", "nested": {"a": [1, 2]}})),
            "{}",
            db.name
        );

        let again = store
            .create_remote_account(&ada.id, "client-1", json!({}))
            .await
            .expect_err("duplicate");
        assert!(
            again.kind() == StoreErrorKind::AlreadyLinked,
            "{}: {again:?}",
            db.name
        );

        store
            .delete_remote_account(created.id)
            .await
            .expect("delete");
        assert_eq!(
            store
                .remote_account(&ada.id, "client-1")
                .await
                .expect("get"),
            None,
            "{}",
            db.name
        );
        assert!(
            store
                .update_extra_data(created.id, json!({}))
                .await
                .is_err(),
            "{}",
            db.name
        );
    }
}

#[tokio::test]
async fn deleting_an_account_cascades_to_its_tokens() {
    for db in databases() {
        let store = db.store().await;
        let ada = user(&store, "ada@example.org").await;
        let account = store
            .save_token(&ada.id, "client-1", &Token::bearer(AccessToken::new("t1")))
            .await
            .expect("save");
        store
            .delete_remote_account(account.id)
            .await
            .expect("delete");
        assert_eq!(
            store.token(&ada.id, "client-1", "").await.expect("get"),
            None,
            "{}",
            db.name
        );
        assert!(db.dump("oauthclient_remotetoken").is_empty(), "{}", db.name);
    }
}

#[tokio::test]
async fn token_create_creates_the_account_and_keeps_every_field() {
    for db in databases() {
        let store = db.store().await;
        let ada = user(&store, "ada@example.org").await;
        let token = Token {
            scopes: vec!["user:email".into(), "repo".into()],
            ..Token::oauth1(AccessToken::new("access"), TokenSecret::new("secret"))
                .with_refresh_token(RefreshToken::new("refresh"))
                .with_expires_at(1_900_000_000)
        };
        let account = store
            .save_token(&ada.id, "client-1", &token)
            .await
            .expect("save");
        assert_eq!(account.client_id, "client-1");
        assert_eq!(account.extra_data, json!({}));
        let stored = store
            .token(&ada.id, "client-1", "")
            .await
            .expect("get")
            .expect("stored");
        assert_eq!(stored, token, "{}", db.name);
        assert_eq!(
            store.remote_accounts_of(&ada.id).await.expect("list").len(),
            1
        );
    }
}

#[tokio::test]
async fn one_token_per_type_per_account() {
    for db in databases() {
        let store = db.store().await;
        let ada = user(&store, "ada@example.org").await;
        let login = Token::bearer(AccessToken::new("login-token"));
        let api = Token {
            token_type: "api".into(),
            ..Token::bearer(AccessToken::new("api-token"))
        };
        store
            .save_token(&ada.id, "client-1", &login)
            .await
            .expect("save");
        store
            .save_token(&ada.id, "client-1", &api)
            .await
            .expect("save");
        let get = |kind: &'static str| store.token(&ada.id, "client-1", kind);
        assert_eq!(get("").await.expect("get"), Some(login), "{}", db.name);
        assert_eq!(get("api").await.expect("get"), Some(api), "{}", db.name);
        assert_eq!(get("other").await.expect("get"), None, "{}", db.name);
        assert_eq!(
            store.remote_accounts_of(&ada.id).await.expect("list").len(),
            1
        );
    }
}

#[tokio::test]
async fn two_users_of_one_client_have_their_own_tokens() {
    for db in databases() {
        let store = db.store().await;
        let ada = user(&store, "ada@example.org").await;
        let bob = user(&store, "bob@example.org").await;
        store
            .save_token(
                &ada.id,
                "client-1",
                &Token::bearer(AccessToken::new("ada-token")),
            )
            .await
            .expect("save");
        store
            .save_token(
                &bob.id,
                "client-1",
                &Token::bearer(AccessToken::new("bob-token")),
            )
            .await
            .expect("save");
        let ada_token = store
            .token(&ada.id, "client-1", "")
            .await
            .expect("get")
            .expect("stored");
        let bob_token = store
            .token(&bob.id, "client-1", "")
            .await
            .expect("get")
            .expect("stored");
        assert_eq!(
            ada_token.access_token.expose_secret(),
            "ada-token",
            "{}",
            db.name
        );
        assert_eq!(
            bob_token.access_token.expose_secret(),
            "bob-token",
            "{}",
            db.name
        );
    }
}

#[tokio::test]
async fn get_by_token_finds_the_account() {
    for db in databases() {
        let store = db.store().await;
        let ada = user(&store, "ada@example.org").await;
        let bob = user(&store, "bob@example.org").await;
        let ada_account = store
            .save_token(
                &ada.id,
                "client-1",
                &Token::bearer(AccessToken::new("ada-token")),
            )
            .await
            .expect("save");
        store
            .save_token(
                &bob.id,
                "client-1",
                &Token::bearer(AccessToken::new("bob-token")),
            )
            .await
            .expect("save");
        let found = store
            .account_by_token("client-1", &AccessToken::new("ada-token"), "")
            .await
            .expect("lookup");
        assert_eq!(found, Some(ada_account), "{}", db.name);
        for (client, token) in [
            ("client-2", "ada-token"),
            ("client-1", "nobody"),
            ("client-1", ""),
        ] {
            let missing = store
                .account_by_token(client, &AccessToken::new(token), "")
                .await
                .expect("lookup");
            assert_eq!(missing, None, "{}: {client} {token}", db.name);
        }
    }
}

#[tokio::test]
async fn update_token_replaces_values_in_place() {
    for db in databases() {
        let store = db.store().await;
        let ada = user(&store, "ada@example.org").await;
        let first = Token::oauth1(AccessToken::new("old"), TokenSecret::new("old-secret"))
            .with_refresh_token(RefreshToken::new("old-refresh"));
        let account = store
            .save_token(&ada.id, "client-1", &first)
            .await
            .expect("save");
        let second = Token::bearer(AccessToken::new("new"));
        let again = store
            .save_token(&ada.id, "client-1", &second)
            .await
            .expect("update");
        assert_eq!(again.id, account.id, "{}: same account", db.name);
        let stored = store.token(&ada.id, "client-1", "").await.expect("get");
        assert_eq!(
            stored,
            Some(second),
            "{}: secret and refresh token cleared",
            db.name
        );
        let old = store
            .account_by_token("client-1", &AccessToken::new("old"), "")
            .await
            .expect("lookup");
        assert_eq!(
            old, None,
            "{}: the old token no longer finds the account",
            db.name
        );
        let new = store
            .account_by_token("client-1", &AccessToken::new("new"), "")
            .await
            .expect("lookup");
        assert_eq!(
            new.map(|account| account.id),
            Some(account.id),
            "{}",
            db.name
        );
    }
}

#[tokio::test]
async fn deleting_a_user_removes_accounts_tokens_and_identities() {
    for db in databases() {
        let store = db.store().await;
        let ada = user(&store, "ada@example.org").await;
        let bob = user(&store, "bob@example.org").await;
        for who in [&ada, &bob] {
            store
                .save_token(
                    &who.id,
                    "client-1",
                    &Token::bearer(AccessToken::new(format!("t{}", who.id))),
                )
                .await
                .expect("save");
            store
                .link_identity(
                    &who.id,
                    &common::identity("github", &format!("gh-{}", who.id)),
                )
                .await
                .expect("link");
        }
        store.delete_user(&ada.id).await.expect("delete");
        assert_eq!(
            store.user_by_id(&ada.id).await.expect("get"),
            None,
            "{}",
            db.name
        );
        assert!(
            store
                .remote_accounts_of(&ada.id)
                .await
                .expect("list")
                .is_empty(),
            "{}",
            db.name
        );
        assert!(
            store.identities_of(&ada.id).await.expect("list").is_empty(),
            "{}",
            db.name
        );
        assert_eq!(
            store.token(&ada.id, "client-1", "").await.expect("get"),
            None,
            "{}",
            db.name
        );
        // Bob is untouched.
        assert!(
            store
                .token(&bob.id, "client-1", "")
                .await
                .expect("get")
                .is_some(),
            "{}",
            db.name
        );
        assert_eq!(
            store.identities_of(&bob.id).await.expect("list").len(),
            1,
            "{}",
            db.name
        );
        assert_eq!(
            db.dump("oauthclient_remotetoken").lines().count(),
            1,
            "{}",
            db.name
        );
        store
            .delete_user(&ada.id)
            .await
            .expect("deleting twice is fine");
    }
}
