//! `oauthclient accounts purge-unconfirmed`: unconfirmed e-mail claims older than
//! `email_unconfirmed_expires` end; confirmed addresses and fresh claims stay. SQLite always;
//! PostgreSQL too when `OAUTHCLIENT_TEST_POSTGRES_URL` is set.

mod common;

use oauthclient_core::UserStore;
use oauthclient_core::account::NewUser;

use common::{KEY_ONE, config, databases, oauthclient, path, store, text};

#[tokio::test]
async fn expired_unconfirmed_claims_end_and_everything_else_stays() {
    for db in databases("purge_claims") {
        let keys = [("k1", KEY_ONE)];
        let file = config(&db, "c.toml", &keys);
        let store = store(&db, &keys).await;
        let create = |email: &str, confirmed: bool| NewUser {
            email: email.into(),
            username: None,
            full_name: None,
            confirmed,
        };
        let stale = store
            .create_user(&create("stale@example.org", false))
            .await
            .expect("user");
        let fresh = store
            .create_user(&create("fresh@example.org", false))
            .await
            .expect("user");
        let confirmed = store
            .create_user(&create("old-but-confirmed@example.org", true))
            .await
            .expect("user");
        // Two of them set their address long ago (the default lifetime is 7 days).
        for id in [&stale.id, &confirmed.id] {
            common::execute(
                &db,
                &format!(
                    "UPDATE accounts_user SET email_changed_at = '2020-01-01 00:00:00' WHERE id = {id}"
                ),
            );
        }
        let output = oauthclient(&["--config", path(&file), "accounts", "purge-unconfirmed"]);
        assert!(output.status.success(), "{}", text(&output));
        assert!(
            text(&output).contains("ended 1 unconfirmed e-mail claim(s) older than 604800 seconds"),
            "{}",
            text(&output)
        );
        let stale = store
            .user_by_id(&stale.id)
            .await
            .expect("read")
            .expect("kept");
        assert_eq!(
            (stale.email.as_str(), stale.ended_claim.as_deref()),
            ("", Some("stale@example.org"))
        );
        for (id, email) in [
            (&fresh.id, "fresh@example.org"),
            (&confirmed.id, "old-but-confirmed@example.org"),
        ] {
            let user = store.user_by_id(id).await.expect("read").expect("kept");
            assert_eq!(user.email, email);
        }
        let again = oauthclient(&["--config", path(&file), "accounts", "purge-unconfirmed"]);
        assert!(text(&again).contains("ended 0"), "{}", text(&again));
    }
}
