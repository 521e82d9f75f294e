//! `AccountStore::owner_of`: whose remote account is signing in, in one store call.

// The suite always runs on SQLite; PostgreSQL joins it when configured.
#![cfg(feature = "sqlite")]

mod common;

use oauthclient_core::secret::AccessToken;
use oauthclient_core::store::NewLink;
use oauthclient_core::{AccountStore, Token};
use serde_json::json;

use common::{databases, identity, user};

fn new_link(method: &str, id: &str, token: &str) -> NewLink {
    NewLink {
        client_id: format!("{method}-client"),
        account_info: identity(method, id),
        token: Token::bearer(AccessToken::new(token)),
        extra_data: json!({"id": id}),
    }
}

/// `owner_of` (one call on the Diesel store) answers as its default, the two lookups in turn:
/// the holder of the stored access token first, then the identity's user.
#[tokio::test]
async fn owner_of_asks_the_token_then_the_identity() {
    for db in databases() {
        let store = db.store().await;
        let ada = user(&store, "owner-ada@example.org").await;
        let bob = user(&store, "owner-bob@example.org").await;
        store
            .link(&ada.id, &new_link("github", "1", "ada-token"))
            .await
            .expect("ada linked");
        store
            .link_identity(&bob.id, &identity("orcid", "2"))
            .await
            .expect("bob's identity");
        let owner = |token: &str, method: &str, id: &str| {
            let (store, token) = (&store, Token::bearer(AccessToken::new(token)));
            let (method, id) = (method.to_owned(), id.to_owned());
            async move {
                store
                    .owner_of("github-client", &token, &method, &id)
                    .await
                    .expect("owner")
            }
        };
        let name = db.name;
        assert_eq!(
            owner("ada-token", "x", "y").await,
            Some(ada.id.clone()),
            "{name}: by token"
        );
        assert_eq!(
            owner("fresh", "github", "1").await,
            Some(ada.id.clone()),
            "{name}: by identity"
        );
        assert_eq!(
            owner("fresh", "orcid", "2").await,
            Some(bob.id.clone()),
            "{name}: identity only"
        );
        assert_eq!(
            owner("ada-token", "orcid", "2").await,
            Some(ada.id.clone()),
            "{name}: token first"
        );
        assert_eq!(owner("fresh", "github", "9").await, None, "{name}: nobody");
    }
}
