//! Identities and users: linking, AlreadyLinked, concurrent creates, atomic link/sign-up.

// The suite always runs on SQLite; PostgreSQL joins it when configured.
#![cfg(feature = "sqlite")]

mod common;

use oauthclient_core::store::StoreErrorKind;
use std::sync::Arc;

use oauthclient_core::account::{NewUser, User, UserId};
use oauthclient_core::secret::AccessToken;
use oauthclient_core::store::NewLink;
use oauthclient_core::{AccountStore, Token, UserStore};
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

#[tokio::test]
async fn link_find_unlink_identity() {
    for db in databases() {
        let store = db.store().await;
        let ada = user(&store, "ada@example.org").await;
        store
            .link_identity(&ada.id, &identity("github", "42"))
            .await
            .expect("link");
        store
            .link_identity(&ada.id, &identity("github", "42"))
            .await
            .expect("idempotent");
        let found = store
            .identity("github", "42")
            .await
            .expect("find")
            .expect("linked");
        assert_eq!(
            (found.user_id, found.id.as_str(), found.method.as_str()),
            (ada.id, "42", "github")
        );
        // External ids are compared byte-exact.
        assert_eq!(
            store.identity("github", "042").await.expect("find"),
            None,
            "{}",
            db.name
        );
        assert_eq!(
            store.identity("orcid", "42").await.expect("find"),
            None,
            "{}",
            db.name
        );
        store.unlink_identity("github", "42").await.expect("unlink");
        assert_eq!(
            store.identity("github", "42").await.expect("find"),
            None,
            "{}",
            db.name
        );
        store
            .unlink_identity("github", "42")
            .await
            .expect("unlinking twice is fine");
    }
}

#[tokio::test]
async fn duplicate_identity_is_already_linked() {
    for db in databases() {
        let store = db.store().await;
        let ada = user(&store, "ada@example.org").await;
        let bob = user(&store, "bob@example.org").await;
        store
            .link_identity(&ada.id, &identity("github", "42"))
            .await
            .expect("link");
        let taken = store
            .link_identity(&bob.id, &identity("github", "42"))
            .await;
        assert!(
            matches!(&taken, Err(err) if err.kind() == StoreErrorKind::AlreadyLinked),
            "{}: {taken:?}",
            db.name
        );
        // One identity per method per user.
        let second = store
            .link_identity(&ada.id, &identity("github", "43"))
            .await;
        assert!(
            matches!(&second, Err(err) if err.kind() == StoreErrorKind::AlreadyLinked),
            "{}: {second:?}",
            db.name
        );
        assert_eq!(
            store.identities_of(&ada.id).await.expect("list").len(),
            1,
            "{}",
            db.name
        );
        assert!(
            store.identities_of(&bob.id).await.expect("list").is_empty(),
            "{}",
            db.name
        );
    }
}

#[tokio::test]
async fn fifty_concurrent_creates_of_one_identity_make_one_row() {
    for db in databases() {
        let store = Arc::new(db.store().await);
        let mut users = Vec::new();
        for n in 0..50 {
            users.push(user(&store, &format!("user{n}@example.org")).await);
        }
        let mut tasks = Vec::new();
        for who in &users {
            let store = Arc::clone(&store);
            let user_id = who.id.clone();
            tasks.push(tokio::spawn(async move {
                store
                    .link_identity(&user_id, &identity("github", "same"))
                    .await
            }));
        }
        let mut linked = 0;
        for task in tasks {
            match task.await.expect("task") {
                Ok(()) => linked += 1,
                Err(err) if err.kind() == StoreErrorKind::AlreadyLinked => {}
                Err(other) => panic!("{}: unexpected {other:?}", db.name),
            }
        }
        assert_eq!(linked, 1, "{}: exactly one winner", db.name);
        assert_eq!(
            db.dump("oauthclient_useridentity").lines().count(),
            1,
            "{}",
            db.name
        );
    }
}

#[tokio::test]
async fn fifty_concurrent_links_by_the_same_user_are_idempotent() {
    for db in databases() {
        let store = Arc::new(db.store().await);
        let ada = user(&store, "ada@example.org").await;
        let tasks: Vec<_> = (0..50)
            .map(|n| {
                let store = Arc::clone(&store);
                let ada = ada.id.clone();
                tokio::spawn(async move {
                    store
                        .link(&ada, &new_link("github", "42", &format!("token-{n}")))
                        .await
                })
            })
            .collect();
        for task in tasks {
            task.await
                .expect("task")
                .unwrap_or_else(|err| panic!("{}: {err:?}", db.name));
        }
        assert_eq!(
            db.dump("oauthclient_useridentity").lines().count(),
            1,
            "{}",
            db.name
        );
        assert_eq!(
            db.dump("oauthclient_remoteaccount").lines().count(),
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
    }
}

#[tokio::test]
async fn link_writes_identity_account_and_token_together() {
    for db in databases() {
        let store = db.store().await;
        let ada = user(&store, "ada@example.org").await;
        let account = store
            .link(&ada.id, &new_link("github", "42", "t"))
            .await
            .expect("link");
        assert_eq!(account.extra_data, json!({"id": "42"}));
        assert!(
            store
                .identity("github", "42")
                .await
                .expect("find")
                .is_some()
        );
        assert!(
            store
                .token(&ada.id, "github-client", "")
                .await
                .expect("get")
                .is_some()
        );

        // Linking an identity someone else holds writes nothing at all.
        let bob = user(&store, "bob@example.org").await;
        let taken = store.link(&bob.id, &new_link("github", "42", "t2")).await;
        assert!(
            matches!(&taken, Err(err) if err.kind() == StoreErrorKind::AlreadyLinked),
            "{}: {taken:?}",
            db.name
        );
        assert!(
            store
                .remote_accounts_of(&bob.id)
                .await
                .expect("list")
                .is_empty(),
            "{}",
            db.name
        );
        assert_eq!(
            store
                .token(&bob.id, "github-client", "")
                .await
                .expect("get"),
            None
        );
    }
}

#[tokio::test]
async fn register_and_link_is_all_or_nothing() {
    for db in databases() {
        let store = db.store().await;
        let ada = NewUser {
            email: "Ada@Example.org".into(),
            username: Some("ada".into()),
            full_name: Some("Ada Lovelace".into()),
            confirmed: true,
        };
        let created = store
            .register_and_link(&ada, &new_link("orcid", "0000-0002-1825-0097", "t"))
            .await
            .expect("sign-up");
        assert_eq!(
            created.email, "Ada@Example.org",
            "{}: stored as given",
            db.name
        );
        assert!(created.email_confirmed, "{}", db.name);
        assert!(!created.has_password, "{}", db.name);
        assert_eq!(
            store
                .identity("orcid", "0000-0002-1825-0097")
                .await
                .expect("find")
                .map(|i| i.user_id),
            Some(created.id)
        );

        // A second sign-up with the same identity fails and leaves no user behind.
        let eve = NewUser {
            email: "eve@example.org".into(),
            username: None,
            full_name: None,
            confirmed: false,
        };
        let failed = store
            .register_and_link(&eve, &new_link("orcid", "0000-0002-1825-0097", "t2"))
            .await;
        assert!(
            matches!(&failed, Err(err) if err.kind() == StoreErrorKind::AlreadyLinked),
            "{}: {failed:?}",
            db.name
        );
        assert_eq!(
            store.user_by_email("eve@example.org").await.expect("find"),
            None,
            "{}",
            db.name
        );

        // A taken e-mail is a clear conflict, and nothing is linked.
        let clash = NewUser {
            email: "ADA@example.org".into(),
            username: None,
            full_name: None,
            confirmed: true,
        };
        let failed = store
            .register_and_link(&clash, &new_link("github", "7", "t3"))
            .await
            .expect_err("e-mail taken");
        let err = &failed;
        assert!(
            err.is_conflict() && err.message().contains("e-mail"),
            "{}: {err}",
            db.name
        );
        assert_eq!(
            store.identity("github", "7").await.expect("find"),
            None,
            "{}",
            db.name
        );
    }
}

#[tokio::test]
async fn users_are_found_by_mailbox_key_and_id() {
    for db in databases() {
        let store = db.store().await;
        let ada = user(&store, "  Ada@EXAMPLE.org ").await;
        assert_eq!(ada.email, "Ada@EXAMPLE.org", "{}: trimmed only", db.name);
        for variant in ["ada@example.org", "ADA@example.ORG", " ada@Example.org\t"] {
            let found = store.user_by_email(variant).await.expect("find");
            assert_eq!(
                found.as_ref().map(|u| u.id.clone()),
                Some(ada.id.clone()),
                "{}: {variant}",
                db.name
            );
        }
        assert_eq!(
            store.user_by_id(&ada.id).await.expect("find"),
            Some(ada.clone())
        );
        let duplicate = store
            .create_user(&NewUser {
                email: "ADA@example.org".into(),
                username: None,
                full_name: None,
                confirmed: false,
            })
            .await
            .expect_err("taken");
        assert!(
            matches!(&duplicate, err if err.is_conflict()),
            "{duplicate:?}"
        );
        let bad = store
            .create_user(&NewUser {
                email: "not-an-address".into(),
                username: None,
                full_name: None,
                confirmed: false,
            })
            .await
            .expect_err("invalid");
        assert!(
            matches!(&bad, err if err.is_conflict()
                && err.message() == "not a valid e-mail address"),
            "{bad:?}"
        );
        let named = NewUser {
            email: "b@example.org".into(),
            username: Some("ada".into()),
            full_name: None,
            confirmed: false,
        };
        store.create_user(&named).await.expect("first username");
        let taken = NewUser {
            email: "c@example.org".into(),
            ..named
        };
        let err = store.create_user(&taken).await.expect_err("username taken");
        assert!(err.to_string().contains("username"), "{}: {err}", db.name);
    }
}

#[tokio::test]
async fn password_hashes_are_stored_and_reported() {
    for db in databases() {
        let store = db.store().await;
        let ada = user(&store, "ada@example.org").await;
        assert!(!ada.has_password);
        store
            .set_password_hash(
                &ada.id,
                Some("$argon2id$v=19$m=19456,t=2,p=1$salt$hash".into()),
            )
            .await
            .expect("set");
        let mut candidates = store
            .sign_in_candidates("ADA@example.org", 0)
            .await
            .expect("find");
        assert_eq!(candidates.len(), 1, "{}", db.name);
        let (found, hash) = candidates.remove(0);
        assert!(found.has_password, "{}", db.name);
        assert_eq!(
            store.password_hash(&ada.id).await.expect("hash"),
            hash,
            "{}",
            db.name
        );
        assert_eq!(
            hash.as_deref(),
            Some("$argon2id$v=19$m=19456,t=2,p=1$salt$hash")
        );
        store.set_password_hash(&ada.id, None).await.expect("clear");
        let again = store
            .user_by_id(&ada.id)
            .await
            .expect("find")
            .expect("exists");
        assert!(!again.has_password, "{}", db.name);
        assert!(
            store
                .sign_in_candidates("nobody@example.org", 0)
                .await
                .expect("find")
                .is_empty()
        );
    }
}

#[tokio::test]
async fn a_password_sign_in_may_mean_the_username_the_holder_or_each_unconfirmed_claim() {
    for db in databases() {
        let store = db.store().await;
        let typed = |email: &str, username: Option<&str>| NewUser {
            email: email.into(),
            username: username.map(str::to_owned),
            full_name: None,
            confirmed: false,
        };
        let first = store
            .create_user(&typed("shared@example.org", Some("first")))
            .await
            .expect("first claim");
        let second = store
            .create_user(&typed("SHARED@example.org", None))
            .await
            .expect("an unconfirmed claim blocks no one");
        let ids = |candidates: Vec<(User, Option<String>)>| -> Vec<UserId> {
            candidates.into_iter().map(|(user, _)| user.id).collect()
        };
        let by_address = store
            .sign_in_candidates("shared@example.org", 0)
            .await
            .expect("find");
        assert_eq!(
            ids(by_address),
            vec![first.id.clone(), second.id.clone()],
            "{}",
            db.name
        );
        // Expired claims are not candidates.
        let far_future = u64::try_from(i64::MAX).unwrap_or(u64::MAX);
        assert!(
            store
                .sign_in_candidates("shared@example.org", far_future)
                .await
                .expect("find")
                .is_empty(),
            "{}",
            db.name
        );
        // The second confirms: the first's claim ends, its username still signs in.
        assert!(
            store
                .confirm_email(&second.id, "shared@example.org", u64::MAX)
                .await
                .expect("confirm")
        );
        let by_address = store
            .sign_in_candidates("shared@example.org", 0)
            .await
            .expect("find");
        assert_eq!(ids(by_address), vec![second.id.clone()], "{}", db.name);
        let by_username = store.sign_in_candidates("first", 0).await.expect("find");
        let first_now = &by_username.first().expect("the username still works").0;
        assert_eq!(
            (
                &first_now.id,
                first_now.email.as_str(),
                first_now.ended_claim.as_deref()
            ),
            (&first.id, "", Some("shared@example.org")),
            "{}",
            db.name
        );
    }
}
