//! Account linking, round 2, through the real HTTP endpoints: only the holder confirms, an
//! unconfirmed claim blocks no one, and nobody loses an account by someone else's act or by
//! one unexplained click. (docs/security.md, "Unconfirmed claims".)

use std::sync::Arc;

use async_trait::async_trait;
use oauthclient_core::UserStore;
use oauthclient_core::account::{User, UserId};
use oauthclient_core::host_policy::HostPolicy;

use crate::FakeUser;
use crate::site::SiteOptions;
use crate::suite::{
    APP, Scenario, TestSite, browser, launch, location, scenario_list, site, site_with, untrusted,
};

const VICTIM: &str = "victim@example.org";
/// The password [`Passwords`] accepts for every account.
const PASSWORD: &str = "correct horse battery";

/// A host that keeps passwords: every account's is [`PASSWORD`].
struct Passwords;

#[async_trait]
impl HostPolicy for Passwords {
    fn verifies_passwords(&self) -> bool {
        true
    }

    async fn verify_password(&self, _user: &User, password: &str) -> bool {
        password == PASSWORD
    }
}

async fn site_with_passwords() -> TestSite {
    launch(SiteOptions::new().customize(|builder| builder.policy(Arc::new(Passwords)))).await
}

fn provider_user(email: &str, verified: bool) -> FakeUser {
    FakeUser {
        id: "person-at-provider".into(),
        login: "person".into(),
        email: Some(email.into()),
        email_verified: verified,
        name: Some("Person".into()),
    }
}

async fn user(site: &TestSite, id: &UserId) -> User {
    site.store
        .user_by_id(id)
        .await
        .expect("read")
        .expect("the account exists")
}

/// The squatter, signed in, asks for a confirmation link: the genuine mail reaches `VICTIM`.
async fn squatter_mails_the_victim(site: &TestSite) -> (UserId, String) {
    let squatter_id = site.password_user(VICTIM).await;
    site.execute(&format!(
        "UPDATE accounts_user SET username = 'eve' WHERE id = {squatter_id}"
    ));
    let squatter = browser();
    site.sign_in_as(&squatter, &squatter_id).await;
    let response = site
        .submit(
            &squatter,
            "/account/settings/email/",
            "/oauth/confirm-email/resend",
            &[],
        )
        .await;
    assert_eq!(response.status(), 302);
    (squatter_id, site.confirmation_path(VICTIM))
}

async fn the_victim_cannot_be_made_to_confirm_for_the_attacker() {
    let site = site_with_passwords().await;
    let (squatter_id, link) = squatter_mails_the_victim(&site).await;
    let mail = site.mailbox.messages().pop().expect("the mail");
    assert!(
        mail.text.contains("eve"),
        "the mail names the account: {}",
        mail.text
    );
    assert!(
        mail.text.contains("If you did not create this account"),
        "{}",
        mail.text
    );

    // The victim follows the genuine link, not signed in: the page names the account and
    // tells them to ignore it; one honest click confirms nothing.
    let victim = browser();
    let (status, page, csrf) = site.page_with_csrf(&victim, &link).await;
    assert_eq!(status, 200);
    for expected in [
        "data-username>eve<",
        "If you did not create this account",
        "data-created",
    ] {
        assert!(page.contains(expected), "{expected}: {page}");
    }
    for password in ["", "a guess"] {
        let response = victim
            .post(site.url(&link))
            .form(&[("csrf_token", csrf.as_str()), ("password", password)])
            .send()
            .await
            .expect("confirm");
        assert_eq!(response.status(), 403, "{password:?}");
        let body = response.text().await.expect("body");
        assert!(body.contains("Only the holder of this account"), "{body}");
    }
    // Signed in to an account of their own, it still is not theirs to confirm.
    let other = site.local_user("someone@example.org", false).await;
    site.sign_in_as(&victim, &other).await;
    let (_, page, csrf) = site.page_with_csrf(&victim, &link).await;
    assert!(page.contains("data-other-account"), "{page}");
    let response = victim
        .post(site.url(&link))
        .form(&[("csrf_token", csrf.as_str())])
        .send()
        .await
        .expect("confirm");
    assert_eq!(response.status(), 403);
    assert!(
        !user(&site, &squatter_id).await.email_confirmed,
        "nothing confirmed"
    );

    // The victim's later vouched sign-in ends in an account of their own.
    site.provider.set_user(provider_user(VICTIM, true));
    let (_, victim_id) = site.sign_in_past_a_claim().await;
    assert_ne!(victim_id, squatter_id);
    let victim_user = user(&site, &victim_id).await;
    assert_eq!(
        (victim_user.email.as_str(), victim_user.email_confirmed),
        (VICTIM, true)
    );
    assert!(site.runtime.access_token(APP, &victim_id).await.is_ok());
    assert!(site.runtime.access_token(APP, &squatter_id).await.is_err());
    let squatter = user(&site, &squatter_id).await;
    assert_eq!(
        (squatter.email.as_str(), squatter.ended_claim.as_deref()),
        ("", Some(VICTIM)),
        "the squatter's claim ended"
    );
    // And the old link is dead.
    let (status, _, _) = site.page_with_csrf(&browser(), &link).await;
    assert_eq!(status, 400);
}

async fn the_holder_confirms_with_the_password_when_verification_is_mandatory() {
    let site = launch(
        SiteOptions::new()
            .edit(|toml| {
                toml.replacen(
                    "site_url",
                    "email_verification = \"mandatory\"\nsite_url",
                    1,
                )
            })
            .customize(|builder| builder.policy(Arc::new(Passwords))),
    )
    .await;
    let (owner_id, link) = squatter_mails_the_victim(&site).await;
    let owner = browser();
    let (_, page, csrf) = site.page_with_csrf(&owner, &link).await;
    assert!(page.contains("name=\"password\""), "{page}");
    let response = owner
        .post(site.url(&link))
        .form(&[("csrf_token", csrf.as_str()), ("password", PASSWORD)])
        .send()
        .await
        .expect("confirm");
    assert_eq!(response.status(), 302);
    assert!(user(&site, &owner_id).await.email_confirmed);
    assert_eq!(
        site.whoami(&owner).await,
        owner_id.to_string(),
        "and signed in"
    );
}

async fn an_unconfirmed_squatter_blocks_neither_the_sign_up_form_nor_the_owner() {
    // ORCID-like: the provider gives no trusted address, so the form asks for one.
    let site = site_with(untrusted).await;
    let squatter_id = site.password_user(VICTIM).await;
    site.provider.set_user(provider_user(VICTIM, false));
    let owner = browser();
    let response = site.login(&owner, None).await;
    assert_eq!(location(&response), format!("/oauth/signup/{APP}/"));
    let signup = format!("/oauth/signup/{APP}/");
    let response = site
        .submit(&owner, &signup, &signup, &[("email", VICTIM)])
        .await;
    assert_eq!(response.status(), 302, "not 'already registered'");
    let owner_id = UserId::new(site.whoami(&owner).await);
    assert_ne!(owner_id, squatter_id);

    // The owner follows their own link, signed in: they hold the address now.
    let link = site.confirmation_path(VICTIM);
    assert_eq!(site.confirm(&owner, &link).await.status(), 302);
    let holder = site.store.user_holding_email(VICTIM).await.expect("read");
    assert_eq!(holder.map(|user| user.id), Some(owner_id));
    assert_eq!(
        user(&site, &squatter_id).await.ended_claim.as_deref(),
        Some(VICTIM)
    );
    // Someone else changing to it now is refused: a confirmed holder blocks.
    let other = browser();
    let other_id = site.password_user("other@example.org").await;
    site.sign_in_as(&other, &other_id).await;
    let settings = "/account/settings/email/";
    let response = site
        .submit(&other, settings, settings, &[("email", VICTIM)])
        .await;
    assert_eq!(response.status(), 400);
}

async fn a_genuine_unconfirmed_user_signs_in_and_connects_instead_of_losing_the_account() {
    let site = site().await;
    let genuine_id = site.password_user(VICTIM).await;
    site.provider.set_user(provider_user(VICTIM, true));
    let person = browser();
    let page = site.login_asks(&person).await;
    assert!(page.contains("data-choice=\"mine\""), "{page}");
    assert_eq!(
        site.whoami(&person).await,
        "anonymous",
        "nothing decided yet"
    );
    assert_eq!(site.count("accounts_user"), 1, "nothing created");

    // "It is mine": they sign in with their password (the host's login), then connect.
    site.sign_in_as(&person, &genuine_id).await;
    let response = site.login(&person, None).await;
    assert_eq!(response.status(), 302);
    assert_eq!(site.whoami(&person).await, genuine_id.to_string());
    let genuine = user(&site, &genuine_id).await;
    assert!(
        genuine.email_confirmed,
        "the provider's verified address confirms it"
    );
    assert!(genuine.has_password, "still reachable with its password");
    assert_eq!(site.count("accounts_user"), 1, "no second account");
    assert!(site.runtime.access_token(APP, &genuine_id).await.is_ok());

    // Next time the provider signs them straight in.
    let later = browser();
    assert_eq!(site.login(&later, None).await.status(), 302);
    assert_eq!(site.whoami(&later).await, genuine_id.to_string());
}

async fn continuing_keeps_the_other_account_with_its_password_and_tells_it() {
    let site = site().await;
    let other_id = site.password_user(VICTIM).await;
    site.execute(&format!(
        "UPDATE accounts_user SET active = 0 WHERE id = {other_id}"
    ));
    site.provider.set_user(provider_user(VICTIM, true));
    let (_, person_id) = site.sign_in_past_a_claim().await;
    assert_ne!(person_id, other_id);

    let other = user(&site, &other_id).await;
    assert!(other.has_password, "keeps its password");
    assert!(!other.active, "a disabled account stays disabled");
    assert_eq!(other.ended_claim.as_deref(), Some(VICTIM));
    // Enabled again, it signs in and is told why its address is gone.
    site.execute(&format!(
        "UPDATE accounts_user SET active = 1 WHERE id = {other_id}"
    ));
    let returning = browser();
    site.sign_in_as(&returning, &other_id).await;
    let body = site.page(&returning, "/account/settings/email/").await;
    assert!(body.contains("data-ended-claim"), "{body}");
    assert!(body.contains(VICTIM), "{body}");
}

async fn the_choice_cannot_be_skipped_through_the_sign_up_form() {
    let site = site().await;
    site.password_user(VICTIM).await;
    site.provider.set_user(provider_user(VICTIM, true));
    let person = browser();
    site.login_asks(&person).await;
    let signup = format!("/oauth/signup/{APP}/");
    let response = site
        .submit(
            &person,
            &signup,
            &signup,
            &[("email", "elsewhere@example.org")],
        )
        .await;
    assert_eq!(location(&response), format!("/oauth/signup/{APP}/"));
    assert_eq!(site.count("accounts_user"), 1, "nothing created");
    // Without a pending choice, "continue" has nothing to continue.
    let stranger = browser();
    let csrf = site.csrf(&stranger).await;
    let response = stranger
        .post(site.url(&format!("/oauth/signup/{APP}/continue")))
        .form(&[("csrf_token", csrf.as_str())])
        .send()
        .await
        .expect("continue");
    let status = response.status();
    let body = response.text().await.expect("body");
    assert_eq!(status, 400, "no sign-up in progress: {body}");
    assert_eq!(site.count("accounts_user"), 1);
}

async fn anonymous_resend_answers_alike_for_every_address() {
    let site = site().await;
    site.password_user("waiting@example.org").await;
    site.local_user("confirmed@example.org", false).await;
    let mut answers = Vec::new();
    let visitor = browser();
    let csrf = site.csrf(&visitor).await;
    for address in [
        "waiting@example.org",
        "confirmed@example.org",
        "nobody@example.org",
    ] {
        let response = visitor
            .post(site.url("/oauth/confirm-email/resend"))
            .form(&[("csrf_token", csrf.as_str()), ("email", address)])
            .send()
            .await
            .expect("resend");
        let status = response.status().as_u16();
        let body = response
            .text()
            .await
            .expect("body")
            .replace(address, "ADDRESS");
        answers.push((status, body));
    }
    assert_eq!(answers[0].0, 200);
    assert!(
        answers.iter().all(|answer| *answer == answers[0]),
        "{answers:?}"
    );
    // The one waiting account gets its link, off the request path.
    assert_eq!(site.mailed(1).await, vec!["waiting@example.org".to_owned()]);
}

async fn without_a_mailer_anonymous_resend_still_answers_alike() {
    let site = launch(SiteOptions::new().without_mailer()).await;
    site.password_user("waiting@example.org").await;
    let mut answers = Vec::new();
    let visitor = browser();
    let csrf = site.csrf(&visitor).await;
    for address in ["waiting@example.org", "nobody@example.org"] {
        let response = visitor
            .post(site.url("/oauth/confirm-email/resend"))
            .form(&[("csrf_token", csrf.as_str()), ("email", address)])
            .send()
            .await
            .expect("resend");
        let status = response.status().as_u16();
        answers.push((
            status,
            response.text().await.expect("body").replace(address, ""),
        ));
    }
    assert_eq!(
        answers[0].0, 200,
        "not 503: nothing tells the address apart"
    );
    assert_eq!(answers[0], answers[1]);
}

async fn a_library_page_tells_its_shell_whether_someone_is_signed_in() {
    let site = launch(SiteOptions::new().customize(|builder| {
        builder.template(
            "oauthclient/base.html",
            "<nav>{% if signed_in %}SIGNED-IN{% else %}ANONYMOUS{% endif %}</nav>{% block content %}{% endblock %}",
        )
    }))
    .await;
    let visitor = browser();
    assert!(
        site.page(&visitor, "/oauth/logout")
            .await
            .contains("ANONYMOUS")
    );
    let user = site.local_user("ada@example.org", false).await;
    site.sign_in_as(&visitor, &user).await;
    assert!(
        site.page(&visitor, "/oauth/logout")
            .await
            .contains("SIGNED-IN")
    );
}

async fn signing_in_from_a_confirmation_page_comes_back_to_it_without_the_token_in_a_url() {
    // An account made through the sign-up form of a provider that vouches for nothing: its
    // typed address is unconfirmed, its identity linked.
    let site = site_with(untrusted).await;
    site.provider.set_user(provider_user(VICTIM, false));
    let first = browser();
    site.login(&first, None).await;
    let signup = format!("/oauth/signup/{APP}/");
    site.submit(&first, &signup, &signup, &[("email", VICTIM)])
        .await;
    let link = site.confirmation_path(VICTIM);
    let token = link.trim_start_matches("/oauth/confirm-email/");

    // Later, on another device: the link's page offers the linked provider.
    let later = browser();
    let page = site.page(&later, &link).await;
    assert!(page.contains("data-provider-login"), "{page}");
    assert!(
        page.contains("next=%2Foauth%2Fconfirm-email%2Fpending"),
        "{page}"
    );
    assert!(
        !page.contains(&format!("next=%2Foauth%2Fconfirm-email%2F{token}")),
        "{page}"
    );
    let response = site
        .login(&later, Some("/oauth/confirm-email/pending"))
        .await;
    assert_eq!(location(&response), "/oauth/confirm-email/pending");
    let back = site.page(&later, "/oauth/confirm-email/pending").await;
    assert!(back.contains("for my account"), "{back}");
    let response = site
        .submit(&later, "/oauth/confirm-email/pending", &link, &[])
        .await;
    assert_eq!(response.status(), 302);
    let holder = site.store.user_holding_email(VICTIM).await.expect("read");
    assert!(holder.is_some(), "confirmed");
    // Without a link being followed, the pending page has nothing to show.
    let (status, _, _) = site
        .page_with_csrf(&browser(), "/oauth/confirm-email/pending")
        .await;
    assert_eq!(status, 400);
}

/// The scenarios of this module.
pub(super) fn scenarios() -> Vec<Scenario> {
    scenario_list![
        the_victim_cannot_be_made_to_confirm_for_the_attacker,
        the_holder_confirms_with_the_password_when_verification_is_mandatory,
        an_unconfirmed_squatter_blocks_neither_the_sign_up_form_nor_the_owner,
        a_genuine_unconfirmed_user_signs_in_and_connects_instead_of_losing_the_account,
        continuing_keeps_the_other_account_with_its_password_and_tells_it,
        the_choice_cannot_be_skipped_through_the_sign_up_form,
        anonymous_resend_answers_alike_for_every_address,
        without_a_mailer_anonymous_resend_still_answers_alike,
        a_library_page_tells_its_shell_whether_someone_is_signed_in,
        signing_in_from_a_confirmation_page_comes_back_to_it_without_the_token_in_a_url,
    ]
}
