//! The last-login-method guard is atomic on every configured backend: of two concurrent
//! disconnects of a password-less user's only two identities, exactly one goes through and
//! the user keeps the other way to sign in.

#![cfg(feature = "sqlite")]

mod common;

use oauthclient_core::secret::AccessToken;
use oauthclient_core::store::NewLink;
use oauthclient_core::{AccountStore, Token};

use common::{databases, identity, user};

fn link(client_id: &str, method: &str, external_id: &str) -> NewLink {
    NewLink {
        client_id: client_id.to_owned(),
        account_info: identity(method, external_id),
        token: Token::bearer(AccessToken::new(format!("{method}-access"))),
        extra_data: serde_json::json!({}),
    }
}

#[tokio::test]
async fn two_concurrent_disconnects_leave_one_way_to_sign_in() {
    for db in databases() {
        let store = db.store().await;
        for round in 0..5 {
            let ada = user(&store, &format!("unlink-{round}@example.org")).await;
            let (a_id, b_id) = (format!("a-{round}"), format!("b-{round}"));
            store
                .link(&ada.id, &link("client-a", "app_a", &a_id))
                .await
                .expect("link a");
            store
                .link(&ada.id, &link("client-b", "app_b", &b_id))
                .await
                .expect("link b");

            let (a, b) = tokio::join!(
                store.unlink_unless_last(&ada.id, "client-a", "app_a", false),
                store.unlink_unless_last(&ada.id, "client-b", "app_b", false),
            );
            let (a, b) = (a.expect("a"), b.expect("b"));
            assert!(a ^ b, "{}: exactly one unlinks ({a}, {b})", db.name);

            let left = store.identities_of(&ada.id).await.expect("identities");
            assert_eq!(left.len(), 1, "{}: {left:?}", db.name);
            let accounts = store.remote_accounts_of(&ada.id).await.expect("accounts");
            assert_eq!(accounts.len(), 1, "{}: {accounts:?}", db.name);
            let kept = if a { "client-b" } else { "client-a" };
            assert_eq!(accounts[0].client_id, kept, "{}", db.name);
            assert!(
                store
                    .token(&ada.id, kept, "")
                    .await
                    .expect("token")
                    .is_some(),
                "{}: the kept account keeps its token",
                db.name
            );
        }
    }
}

#[tokio::test]
async fn a_password_or_an_unrelated_account_never_blocks_the_unlink() {
    for db in databases() {
        let store = db.store().await;
        let ada = user(&store, "password@example.org").await;
        store
            .link(&ada.id, &link("client-a", "app_a", "a-1"))
            .await
            .expect("link");
        // The only identity and no password: refused, nothing deleted.
        let refused = store
            .unlink_unless_last(&ada.id, "client-a", "app_a", false)
            .await
            .expect("unlink");
        assert!(!refused, "{}", db.name);
        assert_eq!(db.count("oauthclient_useridentity"), 1, "{}", db.name);
        assert_eq!(db.count("oauthclient_remotetoken"), 1, "{}", db.name);
        // With a password, it goes, with its tokens.
        store
            .set_password_hash(&ada.id, Some("$argon2id$stand-in".into()))
            .await
            .expect("password");
        let done = store
            .unlink_unless_last(&ada.id, "client-a", "app_a", false)
            .await
            .expect("unlink");
        assert!(done, "{}", db.name);
        assert_eq!(db.count("oauthclient_useridentity"), 0, "{}", db.name);
        assert_eq!(db.count("oauthclient_remoteaccount"), 0, "{}", db.name);
        assert_eq!(db.count("oauthclient_remotetoken"), 0, "{}", db.name);
    }
}
