//! What a vouched sign-in does with an address accounts claim without having confirmed it,
//! and the site's rules holding whatever handler decided a sign-in.

use std::sync::Arc;

use async_trait::async_trait;
use oauthclient_core::account::{NewUser, UserId};
use oauthclient_core::engine::{CallbackEffect, Registration};
use oauthclient_core::flow::AuthorizedOutcome;
use oauthclient_core::handlers::{AuthorizedHandler, HandlerContext};
use oauthclient_core::state::PendingFlows;
use oauthclient_core::{OAuthError, Token, UserStore};

use super::{Parts, ada, provider_for};

#[tokio::test]
async fn a_vouched_sign_in_asks_before_taking_an_unconfirmed_address_and_continue_creates() {
    let provider = provider_for(ada()).await;
    let parts = Parts::new(&provider);
    let claimant = parts.typed_user("ADA@example.org").await.id;
    let mut flows = PendingFlows::default();
    let effect = parts.round_trip(&mut flows, None).await.expect("callback");
    let CallbackEffect::UnconfirmedClaim { pending } = effect else {
        panic!("expected the choice, got {effect:?}");
    };
    assert!(pending.unconfirmed_claim);
    let claimant_now = parts.store.user_by_id(&claimant).await.expect("read");
    assert_eq!(
        claimant_now.map(|user| user.email),
        Some("ADA@example.org".to_owned()),
        "nothing taken yet"
    );
    let Registration::Created { user, sign_in, .. } = parts
        .engine()
        .continue_sign_up(&parts.app, &pending)
        .await
        .expect("continue")
    else {
        panic!("expected an account");
    };
    assert!(sign_in && user.email_confirmed);
    assert_ne!(user.id, claimant);
    let ended = parts
        .store
        .user_by_id(&claimant)
        .await
        .expect("read")
        .expect("kept");
    assert_eq!(ended.ended_claim.as_deref(), Some("ADA@example.org"));
}

#[tokio::test]
async fn an_expired_claim_does_not_ask_and_continue_needs_the_choice() {
    let provider = provider_for(ada()).await;
    let parts = Parts::configured(&provider, |toml| {
        toml.replacen("site_url", "email_unconfirmed_expires = 1\nsite_url", 1)
    });
    parts.typed_user("ada@example.org").await;
    tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
    let mut flows = PendingFlows::default();
    let effect = parts.round_trip(&mut flows, None).await.expect("callback");
    assert!(
        matches!(effect, CallbackEffect::SignedIn { .. }),
        "an expired claim stops no one: {effect:?}"
    );
}

#[tokio::test]
async fn a_vouched_sign_in_confirms_the_users_own_unconfirmed_address() {
    let provider = provider_for(ada()).await;
    // Verification mandatory: the typed address alone would keep the user out.
    let parts = Parts::configured(&provider, |toml| {
        toml.replacen(
            "site_url",
            "email_verification = \"mandatory\"\nsite_url",
            1,
        )
    });
    let own = parts.typed_user("ada@example.org").await.id;
    let mut flows = PendingFlows::default();
    let linked = parts
        .round_trip(&mut flows, Some(&own))
        .await
        .expect("link");
    assert!(
        matches!(linked, CallbackEffect::Linked { .. }),
        "{linked:?}"
    );
    let user = parts
        .store
        .user_by_id(&own)
        .await
        .expect("read")
        .expect("user");
    assert!(user.email_confirmed, "the provider proved the mailbox");
    let signed_in = parts.round_trip(&mut flows, None).await.expect("sign in");
    assert!(
        matches!(signed_in, CallbackEffect::SignedIn { .. }),
        "{signed_in:?}"
    );
}

/// A host's handler that signs one fixed user in, whoever they are.
struct SignsIn(UserId);

#[async_trait]
impl AuthorizedHandler for SignsIn {
    async fn authorized(
        &self,
        _ctx: &HandlerContext<'_>,
        _token: Token,
    ) -> Result<AuthorizedOutcome, OAuthError> {
        Ok(AuthorizedOutcome::LoggedIn {
            user_id: self.0.clone(),
        })
    }
}

#[tokio::test]
async fn a_custom_handlers_sign_in_is_held_to_the_sites_rules() {
    let provider = provider_for(ada()).await;
    let mut parts = Parts::configured(&provider, |toml| {
        toml.replacen(
            "site_url",
            "email_verification = \"mandatory\"\nsite_url",
            1,
        )
    });
    let unconfirmed = parts.typed_user("lin@example.org").await.id;
    parts.app.handlers.authorized = Arc::new(SignsIn(unconfirmed));
    let mut flows = PendingFlows::default();
    let refused = parts.round_trip(&mut flows, None).await;
    assert!(
        matches!(refused, Err(OAuthError::EmailUnconfirmed { .. })),
        "{refused:?}"
    );

    let disabled = parts
        .store
        .create_user(&NewUser {
            email: "off@example.org".into(),
            username: None,
            full_name: None,
            confirmed: true,
        })
        .await
        .expect("user");
    parts
        .store
        .set_active(&disabled.id, false)
        .expect("disable");
    parts.app.handlers.authorized = Arc::new(SignsIn(disabled.id));
    let refused = parts.round_trip(&mut flows, None).await;
    assert!(
        matches!(refused, Err(OAuthError::AccountDisabled { .. })),
        "{refused:?}"
    );
}
