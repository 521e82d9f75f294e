//! The data generator behind `cargo xtask bench --users N`: bulk rows the store reads back
//! like its own (the user by id and by address, the identity, the token decrypted, found by
//! its access token), that key rotation and the expired-token purge then work through, and a
//! refusal to write into a database that has users. SQLite always, PostgreSQL when
//! `OAUTHCLIENT_TEST_POSTGRES_URL` is set.

// The suite always runs on SQLite; PostgreSQL joins it when configured.
#![cfg(feature = "sqlite")]

mod common;

use std::sync::{Arc, Mutex};

use oauthclient_core::account::UserId;
use oauthclient_core::secret::AccessToken;
use oauthclient_core::{AccountStore, UserStore};
use oauthclient_store_diesel::__growth::{
    GrowthPlan, access_token_of, email_of, fill, is_purgeable, reset, users_in,
};

use common::{SECRET_1, SECRET_2, databases, keys};

const CLIENT_ID: &str = "growth-client";
const USERS: u64 = 1_000;

#[tokio::test]
async fn generated_users_read_back_through_the_store() {
    for db in databases() {
        let store = db.store().await;
        let mut plan = GrowthPlan::new(USERS, CLIENT_ID, "github");
        plan.batch = 300;
        let seen = Arc::new(Mutex::new(Vec::new()));
        let record = Arc::clone(&seen);
        let written = fill(&store, &plan, move |done, total| {
            record.lock().expect("lock").push((done, total));
        })
        .await
        .unwrap_or_else(|err| panic!("{}: {err}", db.name));
        assert_eq!(written, USERS);
        assert_eq!(
            *seen.lock().expect("lock"),
            [(300, USERS), (600, USERS), (900, USERS), (1_000, USERS)],
            "{}",
            db.name
        );
        for table in [
            "accounts_user",
            "oauthclient_remoteaccount",
            "oauthclient_useridentity",
            "oauthclient_remotetoken",
        ] {
            assert_eq!(db.count(table), 1_000, "{}: {table}", db.name);
        }

        // One generated user, read as the engine reads it.
        let n = 734;
        let user = store
            .user_by_id(&UserId::from(734))
            .await
            .expect("store")
            .expect("user 734");
        assert_eq!(user.email, email_of(n));
        assert!(user.email_confirmed);
        let by_address = store.user_by_email(&email_of(n)).await.expect("store");
        assert_eq!(by_address.map(|user| user.id), Some(user.id.clone()));
        let identity = store
            .identity("github", &format!("growth-{n}"))
            .await
            .expect("store")
            .expect("identity");
        assert_eq!(identity.user_id, user.id);
        let token = store
            .token(&user.id, CLIENT_ID, "")
            .await
            .expect("decrypts")
            .expect("token");
        assert_eq!(token.access_token.expose_secret(), access_token_of(n));
        assert!(token.refresh_token.is_some());
        let account = store
            .account_by_token(CLIENT_ID, &AccessToken::new(access_token_of(n)), "")
            .await
            .expect("store")
            .expect("found by its lookup hash");
        assert_eq!(account.user_id, user.id);

        // New rows continue after the generated ids (PostgreSQL's sequences moved on).
        let next = common::user(&store, "after@example.org").await;
        assert_eq!(next.id, UserId::from(1_001), "{}", db.name);

        // The operator commands work through them: every fourth token is purgeable.
        let purgeable = (1..=USERS).filter(|n| is_purgeable(*n)).count();
        assert_eq!(
            store.purge_expired_tokens(0).await.expect("purge"),
            purgeable
        );
        let rotated = db
            .store_with(keys(&[("k2", SECRET_2), ("k1", SECRET_1)]))
            .await
            .rotate_token_keys(|_, _| {})
            .await
            .expect("rotate");
        assert_eq!(rotated.rotated, 1_000 - purgeable);
    }
}

#[tokio::test]
async fn the_generator_refuses_a_database_with_users_until_reset() {
    for db in databases() {
        let store = db.store().await;
        common::user(&store, "someone@example.org").await;
        let refused = fill(&store, &GrowthPlan::new(10, CLIENT_ID, "github"), |_, _| {})
            .await
            .expect_err("refused");
        assert!(
            refused.to_string().contains("already holds 1 user(s)"),
            "{}: {refused}",
            db.name
        );
        reset(&store).await.expect("reset");
        assert_eq!(users_in(&store).await.expect("count"), 0);
        let written = fill(&store, &GrowthPlan::new(10, CLIENT_ID, "github"), |_, _| {})
            .await
            .expect("fill after reset");
        assert_eq!(written, 10);
        assert_eq!(users_in(&store).await.expect("count"), 10);
    }
}
