//! Sign-in, sign-up, link, disconnect: the effects a front end carries out.

use oauthclient_core::account::NewUser;
use oauthclient_core::engine::{CallbackEffect, Registration};
use oauthclient_core::handlers::SignupForm;
use oauthclient_core::state::{PendingFlows, StateError};
use oauthclient_core::{AccountStore, OAuthError, UserStore};
use oauthclient_testkit::{FakeProvider, FakeUser};

use super::{Parts, ada, provider_for};

#[tokio::test]
async fn a_verified_address_signs_up_then_the_same_person_signs_in() {
    let provider = provider_for(ada()).await;
    let parts = Parts::new(&provider);
    let mut flows = PendingFlows::default();
    let query = parts.authorize(&mut flows, Some("/after")).await;
    let first = parts
        .callback(&mut flows, &query, None)
        .await
        .expect("sign-up");
    let CallbackEffect::SignedIn { user, .. } = first else {
        panic!("expected a sign-in, got {first:?}");
    };
    assert!(user.email_confirmed);
    assert!(flows.is_empty(), "the flow is spent");

    let again = parts.round_trip(&mut flows, None).await.expect("sign-in");
    assert!(matches!(again, CallbackEffect::SignedIn { user: ref back, .. } if back.id == user.id));
}

#[tokio::test]
async fn a_replayed_or_foreign_callback_is_refused() {
    let provider = provider_for(ada()).await;
    let parts = Parts::new(&provider);
    let mut flows = PendingFlows::default();
    let query = parts.authorize(&mut flows, None).await;
    parts
        .callback(&mut flows, &query, None)
        .await
        .expect("first");
    let replay = parts.callback(&mut flows, &query, None).await;
    assert!(
        matches!(replay, Err(OAuthError::InvalidState(_))),
        "{replay:?}"
    );

    // Another session (no flows) presenting a fresh state.
    let mut victim = PendingFlows::default();
    let query = parts.authorize(&mut victim, None).await;
    let mut attacker = PendingFlows::default();
    let refused = parts.callback(&mut attacker, &query, None).await;
    assert!(
        matches!(
            refused,
            Err(OAuthError::InvalidState(StateError::UnknownNonce))
        ),
        "{refused:?}"
    );
}

#[tokio::test]
async fn no_usable_address_needs_the_form_which_creates_the_user() {
    let provider = provider_for(FakeUser {
        email: None,
        ..ada()
    })
    .await;
    let parts = Parts::new(&provider);
    let mut flows = PendingFlows::default();
    let query = parts.authorize(&mut flows, Some("/welcome")).await;
    let effect = parts
        .callback(&mut flows, &query, None)
        .await
        .expect("callback");
    let CallbackEffect::SignupRequired { pending } = effect else {
        panic!("expected the sign-up form, got {effect:?}");
    };
    assert_eq!(pending.next.as_deref(), Some("/welcome"));

    let bad = SignupForm {
        email: "not an address".into(),
        username: None,
        full_name: None,
    };
    let invalid = parts
        .engine()
        .sign_up(&parts.app, &pending, &bad)
        .await
        .expect("form");
    assert!(matches!(invalid, Registration::Invalid(ref errors) if !errors.is_empty()));

    let good = SignupForm {
        email: "ada@typed.example".into(),
        ..bad
    };
    let created = parts
        .engine()
        .sign_up(&parts.app, &pending, &good)
        .await
        .expect("form");
    let Registration::Created {
        user,
        send_confirmation,
        sign_in,
    } = created
    else {
        panic!("expected a user, got {created:?}");
    };
    assert!(!user.email_confirmed, "a typed address is unconfirmed");
    assert!(
        send_confirmation && sign_in,
        "optional verification: mail, then sign in"
    );
}

#[tokio::test]
async fn linking_and_the_last_way_to_sign_in() {
    let provider = provider_for(ada()).await;
    let parts = Parts::new(&provider);
    let local = parts
        .store
        .create_user(&NewUser {
            email: "local@local.example".into(),
            username: None,
            full_name: None,
            confirmed: true,
        })
        .await
        .expect("user");
    let mut flows = PendingFlows::default();
    let linked = parts
        .round_trip(&mut flows, Some(&local.id))
        .await
        .expect("link");
    assert!(matches!(linked, CallbackEffect::Linked { user_id } if user_id == local.id));

    // No password, one identity: disconnecting it would lock the user out.
    let refused = parts.engine().disconnect(&parts.app, &local.id).await;
    assert!(
        matches!(refused, Err(OAuthError::LastLoginMethod { .. })),
        "{refused:?}"
    );
}

#[tokio::test]
async fn a_link_only_app_refuses_anonymous_starts() {
    let provider = FakeProvider::start().await.expect("provider");
    let mut parts = Parts::new(&provider);
    parts.app.remote.link_only = true;
    let mut flows = PendingFlows::default();
    let refused = parts
        .engine()
        .start_login(&parts.app, None, false, &mut flows)
        .await;
    assert!(
        matches!(refused, Err(OAuthError::LinkOnly { .. })),
        "{refused:?}"
    );
    assert!(flows.is_empty());
    let unsafe_next = parts
        .engine()
        .start_login(&parts.app, Some("https://evil.example/"), true, &mut flows)
        .await;
    assert!(
        unsafe_next.is_ok(),
        "an unsafe next is dropped, not an error"
    );
}

#[tokio::test]
async fn a_token_only_app_keeps_an_anonymous_token_in_the_session() {
    let provider = provider_for(ada()).await;
    // No account info: only an app that says it means to sign nobody in may do that.
    let parts = Parts::configured(&provider, |toml| {
        toml.replace("provider = \"testkit\"", "token_only = true")
    });
    let mut flows = PendingFlows::default();
    let effect = parts.round_trip(&mut flows, None).await.expect("callback");
    let CallbackEffect::StoredInSession { token } = effect else {
        panic!("expected the token for the session, got {effect:?}");
    };
    assert!(!token.access_token.expose_secret().is_empty());
    assert!(
        parts
            .store
            .identity("fake", "1")
            .await
            .expect("store")
            .is_none(),
        "nothing stored"
    );
}

#[tokio::test]
async fn a_taken_username_is_refused_beside_the_username_field() {
    let provider = provider_for(FakeUser {
        email: None,
        ..ada()
    })
    .await;
    let parts = Parts::new(&provider);
    parts
        .store
        .create_user(&NewUser {
            email: "first@local.example".into(),
            username: Some("ada".into()),
            full_name: None,
            confirmed: true,
        })
        .await
        .expect("user");
    let mut flows = PendingFlows::default();
    let effect = parts.round_trip(&mut flows, None).await.expect("callback");
    let CallbackEffect::SignupRequired { pending } = effect else {
        panic!("expected the sign-up form, got {effect:?}");
    };
    let form = SignupForm {
        email: "ada@typed.example".into(),
        username: Some("ada".into()),
        full_name: None,
    };
    let refused = parts
        .engine()
        .sign_up(&parts.app, &pending, &form)
        .await
        .expect("form");
    let Registration::Invalid(errors) = refused else {
        panic!("expected the form again, got {refused:?}");
    };
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].field, "username");
    assert!(
        errors[0].message.contains("username"),
        "{}",
        errors[0].message
    );
}
