//! Addresses after sign-up: confirmation links (when one is due, following it once), changing
//! the address, local sign-in under mandatory verification, and a closed sign-up.

use oauthclient_core::OAuthError;
use oauthclient_core::UserStore;
use oauthclient_core::account::User;
use oauthclient_core::email::ConfirmationError;
use oauthclient_core::engine::{EmailChange, Engine, HolderProof};
use oauthclient_core::host_policy::HostPolicy;
use oauthclient_core::pending_signup::PendingSignup;
use oauthclient_core::secret::AccessToken;
use oauthclient_core::{AccountInfo, ExternalId, Token};
use oauthclient_testkit::FakeProvider;

use super::Parts;

#[tokio::test]
async fn a_typed_address_gets_one_link_per_cooldown_and_it_confirms_once() {
    let provider = FakeProvider::start().await.expect("provider");
    let parts = Parts::new(&provider);
    let ada = parts.typed_user("ada@typed.example").await;

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
    let (confirmed_email, holder) = parts
        .engine()
        .confirm_email(token, HolderProof::SignedInAs(&ada.id))
        .await
        .expect("confirms");
    assert_eq!(
        (confirmed_email.as_str(), &holder.id),
        ("ada@typed.example", &ada.id)
    );
    let again = parts
        .engine()
        .confirm_email(token, HolderProof::SignedInAs(&ada.id))
        .await;
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
    let ada = parts.typed_user("ada@typed.example").await;
    let bob = parts.typed_user("bob@typed.example").await;

    let malformed = parts.engine().change_email(&ada, "not an address").await;
    assert_eq!(
        refusal_id(&malformed),
        Some("signup-error-email-invalid"),
        "{malformed:?}"
    );
    let unconfirmed = parts.engine().change_email(&ada, "BOB@typed.example").await;
    assert!(
        matches!(unconfirmed, Ok(EmailChange::Changed { .. })),
        "an unconfirmed claim blocks no one: {unconfirmed:?}"
    );
    assert!(
        parts
            .store
            .confirm_email(&bob.id, "bob@typed.example", u64::MAX)
            .await
            .expect("bob confirms")
    );
    let taken = parts.engine().change_email(&ada, "BOB@typed.example").await;
    assert_eq!(
        refusal_id(&taken),
        Some("signup-error-email-taken"),
        "{taken:?}"
    );
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
    let mut ada = parts.typed_user("ada@typed.example").await;
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

/// A host that keeps one password for every user: "correct horse".
struct OnePassword;

#[async_trait::async_trait]
impl HostPolicy for OnePassword {
    fn verifies_passwords(&self) -> bool {
        true
    }

    async fn verify_password(&self, _user: &User, password: &str) -> bool {
        password == "correct horse"
    }
}

/// The link of a confirmation mail due to `user` now.
async fn link_for(parts: &Parts, user: &User) -> String {
    let mail = parts
        .engine()
        .confirmation_mail(user, true)
        .await
        .expect("mail")
        .expect("a link is due");
    mail.link
        .path()
        .trim_start_matches("/oauth/confirm-email/")
        .to_owned()
}

#[tokio::test]
async fn a_link_alone_confirms_nothing_only_the_accounts_holder_does() {
    let provider = FakeProvider::start().await.expect("provider");
    let parts = Parts::new(&provider);
    let squatter = parts.typed_user("victim@typed.example").await;
    parts
        .store
        .set_password(&squatter.id, true)
        .expect("the squatter has a password");
    let squatter = parts
        .store
        .user_by_id(&squatter.id)
        .await
        .expect("store")
        .expect("user");
    let victim = parts.typed_user("someone-else@typed.example").await;
    let token = link_for(&parts, &squatter).await;
    let with_passwords = Engine::new(
        &parts.config,
        &parts.codec,
        &parts.http,
        &*parts.store,
        &*parts.store,
        &OnePassword,
        &parts.events,
        &parts.confirmations,
    );
    // The victim who received the mail: one honest click, another account, a guess.
    for proof in [
        HolderProof::None,
        HolderProof::SignedInAs(&victim.id),
        HolderProof::Password("a guess"),
    ] {
        let refused = with_passwords.confirm_email(&token, proof).await;
        assert!(
            matches!(
                refused,
                Err(OAuthError::Confirmation(ConfirmationError::NotHolder))
            ),
            "{proof:?}: {refused:?}"
        );
    }
    // A host that checks no passwords accepts none.
    let no_passwords = parts
        .engine()
        .confirm_email(&token, HolderProof::Password("correct horse"))
        .await;
    assert!(
        matches!(
            no_passwords,
            Err(OAuthError::Confirmation(ConfirmationError::NotHolder))
        ),
        "{no_passwords:?}"
    );
    let unconfirmed = parts.store.user_by_id(&squatter.id).await.expect("store");
    assert!(
        !unconfirmed.expect("user").email_confirmed,
        "nothing confirmed yet"
    );
    // The holder, with the account's password (verification mandatory: not signed in).
    let (email, holder) = with_passwords
        .confirm_email(&token, HolderProof::Password("correct horse"))
        .await
        .expect("the holder confirms");
    assert_eq!(
        (email.as_str(), &holder.id),
        ("victim@typed.example", &squatter.id)
    );
}

#[tokio::test]
async fn whoever_confirms_first_holds_the_address_and_the_other_claims_end() {
    let provider = FakeProvider::start().await.expect("provider");
    let parts = Parts::new(&provider);
    let first = parts.typed_user("shared@typed.example").await;
    let second = parts.typed_user("Shared@typed.example").await;
    let first_link = link_for(&parts, &first).await;
    let second_link = link_for(&parts, &second).await;
    parts
        .engine()
        .confirm_email(&second_link, HolderProof::SignedInAs(&second.id))
        .await
        .expect("the second confirms first");
    let ended = parts
        .store
        .user_by_id(&first.id)
        .await
        .expect("store")
        .expect("user");
    assert_eq!(
        (ended.email.as_str(), ended.ended_claim.as_deref()),
        ("", Some("shared@typed.example"))
    );
    let late = parts
        .engine()
        .confirm_email(&first_link, HolderProof::SignedInAs(&first.id))
        .await;
    assert!(
        matches!(
            late,
            Err(OAuthError::Confirmation(ConfirmationError::OtherAddress))
        ),
        "{late:?}"
    );
}

/// The catalog id of a refused address change (the field is always the address).
fn refusal_id(change: &Result<EmailChange, OAuthError>) -> Option<&str> {
    match change {
        Ok(EmailChange::Refused(error)) => {
            assert_eq!(error.field, "email");
            assert!(!error.message.is_empty(), "the English words are kept");
            error.message_id.as_ref().map(oauthclient_core::Message::id)
        }
        _ => None,
    }
}
