//! A host that brings its own users: sign-up in its directory, and the guarantee of
//! "create user + link" when the link fails.

use oauthclient_core::engine::CallbackEffect;
use oauthclient_core::state::PendingFlows;
use oauthclient_core::{AccountStore, OAuthError};
use oauthclient_testkit::FakeUser;

use super::{Parts, ada, provider_for};

#[tokio::test]
async fn host_users_sign_up_in_the_hosts_directory_and_sign_in_again() {
    let provider = provider_for(ada()).await;
    let parts = Parts::with_host_users(&provider);
    let mut flows = PendingFlows::default();
    let effect = parts.round_trip(&mut flows, None).await.expect("callback");
    let CallbackEffect::SignedIn { user, .. } = effect else {
        panic!("expected a sign-in, got {effect:?}");
    };
    assert_eq!(user.id.as_str(), "host-user-1", "the host's key");
    assert_eq!(parts.directory().users().len(), 1);
    let identity = parts.store.identity("fake", "1").await.expect("store");
    assert_eq!(
        identity.map(|identity| identity.user_id),
        Some(user.id.clone())
    );

    let again = parts.round_trip(&mut flows, None).await.expect("callback");
    assert!(matches!(again, CallbackEffect::SignedIn { user: ref back, .. } if back.id == user.id));
    assert_eq!(parts.directory().users().len(), 1, "no second user");
}

#[tokio::test]
async fn host_users_a_failed_link_removes_the_user_it_created() {
    let provider = provider_for(ada()).await;
    let parts = Parts::with_host_users(&provider);
    parts.store.set_links_fail(true);
    let mut flows = PendingFlows::default();
    let failed = parts.round_trip(&mut flows, None).await;
    assert!(matches!(failed, Err(OAuthError::Store(_))), "{failed:?}");
    assert!(parts.directory().users().is_empty(), "removed again");

    // The removal fails too: the user stays, unlinked; the retry links them by their
    // provider-verified address.
    parts.directory().set_removals_fail(true);
    let failed = parts.round_trip(&mut flows, None).await;
    assert!(failed.is_err());
    let orphans = parts.directory().users();
    assert_eq!(orphans.len(), 1);
    assert!(
        parts
            .store
            .identity("fake", "1")
            .await
            .expect("store")
            .is_none()
    );

    parts.store.set_links_fail(false);
    let effect = parts.round_trip(&mut flows, None).await.expect("callback");
    assert!(
        matches!(effect, CallbackEffect::SignedIn { ref user, .. } if user.id == orphans[0].id)
    );
}

#[tokio::test]
async fn host_users_with_their_own_login_may_disconnect_their_only_link() {
    let provider = provider_for(FakeUser {
        email: Some("elsewhere@provider.example".into()),
        ..ada()
    })
    .await;
    let parts = Parts::with_host_users(&provider);
    let local = parts.directory().add_with_own_login("carol@host.example");
    let mut flows = PendingFlows::default();
    let linked = parts
        .round_trip(&mut flows, Some(&local))
        .await
        .expect("link");
    assert!(matches!(linked, CallbackEffect::Linked { ref user_id } if *user_id == local));
    parts
        .engine()
        .disconnect(&parts.app, &local)
        .await
        .expect("the host's own login remains");
    assert!(
        parts
            .store
            .identity("fake", "1")
            .await
            .expect("store")
            .is_none()
    );
}
