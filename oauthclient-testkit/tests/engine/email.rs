//! Addresses after sign-up: confirmation links (when one is due, following it once), changing
//! the address, local sign-in under mandatory verification, and a closed sign-up.

use oauthclient_core::OAuthError;
use oauthclient_core::UserStore;
use oauthclient_core::account::NewUser;
use oauthclient_core::email::ConfirmationError;
use oauthclient_core::engine::EmailChange;
use oauthclient_core::pending_signup::PendingSignup;
use oauthclient_core::secret::AccessToken;
use oauthclient_core::{AccountInfo, ExternalId, Token};
use oauthclient_testkit::FakeProvider;

use super::Parts;

async fn typed_user(parts: &Parts, email: &str) -> oauthclient_core::account::User {
    parts
        .store
        .create_user(&NewUser {
            email: email.into(),
            username: None,
            full_name: None,
            confirmed: false,
        })
        .await
        .expect("user")
}

#[tokio::test]
async fn a_typed_address_gets_one_link_per_cooldown_and_it_confirms_once() {
    let provider = FakeProvider::start().await.expect("provider");
    let parts = Parts::new(&provider);
    let ada = typed_user(&parts, "ada@typed.example").await;

    let mail = parts
        .engine()
        .confirmation_mail(&ada, true)
        .await
        .expect("mail")
        .expect("a link is due");
    assert_eq!(mail.to, "ada@typed.example");
    assert!(mail.link.path().starts_with("/oauth/confirm-email/"));
    assert!(
        parts
            .engine()
            .confirmation_mail(&ada, true)
            .await
            .expect("mail")
            .is_none(),
        "the resend cooldown holds the second"
    );
    let no_mailer = parts.engine().confirmation_mail(&ada, false).await;
    assert!(matches!(no_mailer, Err(OAuthError::MailUnavailable { .. })));

    let token = mail.link.path().trim_start_matches("/oauth/confirm-email/");
    let (claims, user) = parts
        .engine()
        .check_confirmation(token)
        .await
        .expect("the link is valid");
    assert_eq!(
        (claims.email.as_str(), &user.id),
        ("ada@typed.example", &ada.id)
    );
    assert_eq!(
        parts.engine().confirm_email(token).await.expect("confirms"),
        "ada@typed.example"
    );
    let again = parts.engine().confirm_email(token).await;
    assert!(
        matches!(
            again,
            Err(OAuthError::Confirmation(
                ConfirmationError::AlreadyUsed | ConfirmationError::Invalid
            ))
        ),
        "{again:?}"
    );
    let confirmed = parts
        .store
        .user_by_id(&ada.id)
        .await
        .expect("store")
        .expect("user");
    assert!(confirmed.email_confirmed);
    assert!(
        parts
            .engine()
            .confirmation_mail(&confirmed, true)
            .await
            .expect("mail")
            .is_none(),
        "a confirmed address gets no link"
    );
}

#[tokio::test]
async fn changing_the_address_checks_it_and_asks_for_confirmation() {
    let provider = FakeProvider::start().await.expect("provider");
    let parts = Parts::new(&provider);
    let ada = typed_user(&parts, "ada@typed.example").await;
    typed_user(&parts, "bob@typed.example").await;

    let malformed = parts.engine().change_email(&ada, "not an address").await;
    assert!(
        matches!(malformed, Ok(EmailChange::Refused(_))),
        "{malformed:?}"
    );
    let taken = parts.engine().change_email(&ada, "BOB@typed.example").await;
    assert!(matches!(taken, Ok(EmailChange::Refused(_))), "{taken:?}");
    let changed = parts
        .engine()
        .change_email(&ada, " ada@new.example ")
        .await
        .expect("changed");
    let EmailChange::Changed {
        user,
        send_confirmation,
    } = changed
    else {
        panic!("expected a change, got {changed:?}");
    };
    assert_eq!(user.email, "ada@new.example");
    assert!(!user.email_confirmed);
    assert!(send_confirmation, "optional verification mails a link");
}

#[tokio::test]
async fn mandatory_verification_keeps_unconfirmed_and_disabled_users_out() {
    let provider = FakeProvider::start().await.expect("provider");
    let parts = Parts::configured(&provider, |toml| {
        toml.replacen(
            "site_url",
            "email_verification = \"mandatory\"\nsite_url",
            1,
        )
    });
    let mut ada = typed_user(&parts, "ada@typed.example").await;
    let refused = parts.engine().ensure_may_sign_in_locally(&ada);
    assert!(
        matches!(refused, Err(OAuthError::EmailUnconfirmed { .. })),
        "{refused:?}"
    );
    ada.email_confirmed = true;
    assert!(parts.engine().ensure_may_sign_in_locally(&ada).is_ok());
    ada.active = false;
    let disabled = parts.engine().ensure_may_sign_in_locally(&ada);
    assert!(
        matches!(disabled, Err(OAuthError::AccountDisabled { .. })),
        "{disabled:?}"
    );
}

#[tokio::test]
async fn a_closed_app_refuses_the_sign_up_form() {
    let provider = FakeProvider::start().await.expect("provider");
    let mut parts = Parts::new(&provider);
    let pending = PendingSignup::new(
        "fake".into(),
        AccountInfo::new(ExternalId::new("9"), "fake"),
        Token::bearer(AccessToken::new("t")),
        None,
    );
    assert!(
        parts
            .engine()
            .ensure_signup_open(&parts.app, &pending)
            .await
            .is_ok()
    );
    parts.app.remote.signup = oauthclient_core::config::SignupPolicy::Closed;
    let closed = parts
        .engine()
        .ensure_signup_open(&parts.app, &pending)
        .await;
    assert!(
        matches!(closed, Err(OAuthError::SignupClosed { .. })),
        "{closed:?}"
    );
}
