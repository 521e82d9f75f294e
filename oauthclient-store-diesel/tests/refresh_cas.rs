//! The refresh compare-and-swap, on every configured backend: of two writers holding the same
//! old refresh token, exactly one replaces the token; the loser sees `false` and reads the
//! winner's token. This is what makes refreshes safe across processes.

#![cfg(feature = "sqlite")]

mod common;

use oauthclient_core::secret::{AccessToken, RefreshToken};
use oauthclient_core::{AccountStore, Token};

use common::{databases, user};

fn token(access: &str, refresh: &str) -> Token {
    Token::bearer(AccessToken::new(access)).with_refresh_token(RefreshToken::new(refresh))
}

#[tokio::test]
async fn exactly_one_of_two_concurrent_refreshes_is_stored() {
    for db in databases() {
        let store = db.store().await;
        let ada = user(&store, &format!("cas-{}@example.org", std::process::id())).await;
        let client = format!("cas-client-{}", std::process::id());
        store
            .save_token(&ada.id, &client, &token("old-access", "old-refresh"))
            .await
            .expect("save");
        let expected = RefreshToken::new("old-refresh");
        let (fresh_a, fresh_b) = (
            token("a-access", "a-refresh"),
            token("b-access", "b-refresh"),
        );
        let (a, b) = tokio::join!(
            store.replace_refreshed_token(&ada.id, &client, &expected, &fresh_a),
            store.replace_refreshed_token(&ada.id, &client, &expected, &fresh_b),
        );
        let (a, b) = (a.expect("a"), b.expect("b"));
        assert!(a ^ b, "{}: exactly one wins ({a}, {b})", db.name);
        let stored = store
            .token(&ada.id, &client, "")
            .await
            .expect("read")
            .expect("token");
        let winner = if a { "a" } else { "b" };
        assert_eq!(
            stored.access_token.expose_secret(),
            format!("{winner}-access"),
            "{}",
            db.name
        );
        // A stale expectation never overwrites.
        let stale = store
            .replace_refreshed_token(&ada.id, &client, &expected, &token("c-access", "c-refresh"))
            .await
            .expect("c");
        assert!(!stale, "{}", db.name);
        // Deleting the token keeps the account.
        store
            .delete_token(&ada.id, &client, "")
            .await
            .expect("delete");
        assert!(
            store
                .token(&ada.id, &client, "")
                .await
                .expect("read")
                .is_none()
        );
        assert!(
            store
                .remote_account(&ada.id, &client)
                .await
                .expect("read")
                .is_some()
        );
    }
}
