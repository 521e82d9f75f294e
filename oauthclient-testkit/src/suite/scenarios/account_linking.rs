//! Account linking you can trust: linking by e-mail needs both sides to have proved the
//! address (pre-account hijacking), the proven owner gets an account of their own past an
//! unconfirmed claim, an untrusted provider never creates or links accounts by e-mail.

use oauthclient_core::account::UserId;
use oauthclient_core::{AccountStore, UserStore};

use crate::FakeUser;
use crate::suite::{
    APP, Scenario, TestSite, browser, location, scenario_list, site, site_with, untrusted,
};

const VICTIM: &str = "victim@example.org";

fn provider_user(email: &str, verified: bool) -> FakeUser {
    FakeUser {
        id: "victim-at-provider".into(),
        login: "victim".into(),
        email: Some(email.into()),
        email_verified: verified,
        name: Some("Victim".into()),
    }
}

/// Rows that a refused sign-in must not have written.
fn rows(site: &TestSite) -> (i64, i64, i64, i64) {
    (
        site.count("accounts_user"),
        site.count("oauthclient_remoteaccount"),
        site.count("oauthclient_remotetoken"),
        site.count("oauthclient_useridentity"),
    )
}

async fn a_squatter_cannot_hijack_the_verified_owner() {
    let site = site().await;
    // The squatter registers a password account with the victim's address (never confirmed)
    // and stays signed in.
    let squatter_id = site.password_user(VICTIM).await;
    let squatter = browser();
    site.sign_in_as(&squatter, &squatter_id).await;
    let response = squatter
        .get(site.url("/account/settings/linkedaccounts/"))
        .send()
        .await
        .expect("page");
    assert_eq!(response.status(), 200, "the squatter is signed in");

    // The victim signs in with a provider that verified the address: asked whether the
    // unconfirmed account is theirs, they continue with one of their own.
    site.provider.set_user(provider_user(VICTIM, true));
    let (_, victim_id) = site.sign_in_past_a_claim().await;
    assert_ne!(
        victim_id, squatter_id,
        "the victim has an account of their own"
    );

    let victim_user = site
        .store
        .user_by_id(&victim_id)
        .await
        .expect("read")
        .expect("exists");
    assert_eq!(victim_user.email, VICTIM);
    assert!(
        victim_user.email_confirmed,
        "the provider proved the address"
    );
    let squatter_user = site
        .store
        .user_by_id(&squatter_id)
        .await
        .expect("read")
        .expect("kept");
    assert_eq!(squatter_user.email, "", "the squatter lost the address");
    assert!(!squatter_user.email_confirmed);
    assert_eq!(
        site.store
            .user_by_email(VICTIM)
            .await
            .expect("read")
            .map(|user| user.id),
        Some(victim_id.clone())
    );
    // Nothing of the victim's reached the squatter's account.
    assert_eq!(site.count("oauthclient_remoteaccount"), 1);
    let response = site.runtime.access_token(APP, &squatter_id).await;
    assert!(response.is_err(), "no token for the squatter");
    assert!(site.runtime.access_token(APP, &victim_id).await.is_ok());

    // The squatter keeps their own account, without the address, and is told why.
    let page = squatter
        .get(site.url("/account/settings/email/"))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("body");
    assert!(page.contains("data-ended-claim"), "{page}");
}

async fn a_confirmed_account_is_not_linked_to_an_unverified_address() {
    let site = site().await;
    let owner = site.local_user(VICTIM, false).await;
    site.provider.set_user(provider_user(VICTIM, false));
    let before = rows(&site);
    let response = site.login(&browser(), None).await;
    assert_eq!(response.status(), 409);
    let body = response.text().await.expect("body");
    assert!(
        body.contains("An account with this e-mail address already exists"),
        "{body}"
    );
    assert!(body.contains("Linked accounts"), "{body}");
    assert_eq!(rows(&site), before, "nothing written, no duplicate account");
    assert!(
        site.store
            .identities_of(&owner)
            .await
            .expect("read")
            .is_empty()
    );
}

async fn an_untrusted_provider_is_told_to_sign_in_first_and_writes_nothing() {
    let site = site_with(untrusted).await;
    site.local_user(VICTIM, false).await;
    site.provider.set_user(provider_user(VICTIM, true));
    let before = rows(&site);
    let browser = browser();
    let response = site.login(&browser, None).await;
    assert_eq!(response.status(), 409);
    assert_eq!(rows(&site), before);
    assert_eq!(site.whoami(&browser).await, "anonymous");
}

async fn an_untrusted_provider_never_creates_a_confirmed_account() {
    let site = site_with(untrusted).await;
    site.provider.set_user(provider_user(VICTIM, true));
    let browser = browser();
    let response = site.login(&browser, None).await;
    assert_eq!(
        location(&response),
        format!("/oauth/signup/{APP}/"),
        "asks instead"
    );
    assert_eq!(site.count("accounts_user"), 0);
    // Through the form the address is created unconfirmed, with a link to confirm it.
    let (_, _, csrf) = site
        .page_with_csrf(&browser, &format!("/oauth/signup/{APP}/"))
        .await;
    let response = browser
        .post(site.url(&format!("/oauth/signup/{APP}/")))
        .form(&[("csrf_token", csrf.as_str()), ("email", VICTIM)])
        .send()
        .await
        .expect("submit");
    assert_eq!(response.status(), 302);
    let user = site
        .store
        .user_by_email(VICTIM)
        .await
        .expect("read")
        .expect("created");
    assert!(
        !user.email_confirmed,
        "an untrusted provider proves nothing"
    );
    assert_eq!(
        site.mailbox.messages().len(),
        1,
        "a confirmation link went out"
    );
}

async fn a_verified_trusted_address_of_a_confirmed_account_links_and_signs_in() {
    let site = site().await;
    let owner = site.local_user(VICTIM, false).await;
    site.provider.set_user(provider_user(VICTIM, true));
    let browser = browser();
    let response = site.login(&browser, None).await;
    assert_eq!(response.status(), 302);
    assert_eq!(site.whoami(&browser).await, owner.to_string());
    assert_eq!(site.count("accounts_user"), 1);
}

async fn the_signup_form_variant_is_refused_too() {
    let site = site().await;
    // The squatter signs up through a provider without e-mail and types the victim's address.
    site.provider.set_user(FakeUser {
        id: "squatter-at-provider".into(),
        login: "squatter".into(),
        email: None,
        email_verified: false,
        name: None,
    });
    let squatter = browser();
    let response = site.login(&squatter, None).await;
    assert_eq!(location(&response), format!("/oauth/signup/{APP}/"));
    let (_, _, csrf) = site
        .page_with_csrf(&squatter, &format!("/oauth/signup/{APP}/"))
        .await;
    let response = squatter
        .post(site.url(&format!("/oauth/signup/{APP}/")))
        .form(&[("csrf_token", csrf.as_str()), ("email", VICTIM)])
        .send()
        .await
        .expect("submit");
    assert_eq!(response.status(), 302, "signed up (verification optional)");
    let squatter_id = UserId::new(site.whoami(&squatter).await);
    let stored = site
        .store
        .user_by_id(&squatter_id)
        .await
        .expect("read")
        .expect("exists");
    assert!(!stored.email_confirmed, "a typed address is unconfirmed");

    // The victim comes with a verified address: asked, they continue with an account of
    // their own, and the squatter's claim is gone.
    site.provider.set_user(provider_user(VICTIM, true));
    let (_, victim_id) = site.sign_in_past_a_claim().await;
    assert_ne!(victim_id, squatter_id);
    let stored = site
        .store
        .user_by_id(&squatter_id)
        .await
        .expect("read")
        .expect("kept");
    assert_eq!(stored.email, "");
    // The squatter's old link no longer confirms anything.
    let link = site.confirmation_path(VICTIM);
    let response = site.confirm(&browser(), &link).await;
    assert_eq!(response.status(), 400);
}

async fn closed_signup_refuses_new_accounts_but_not_existing_users() {
    let site = site_with(|toml| format!("signup = \"closed\"\n{toml}")).await;
    site.provider.set_user(provider_user(VICTIM, true));
    let before = rows(&site);
    let response = site.login(&browser(), None).await;
    assert_eq!(response.status(), 403);
    let body = response.text().await.expect("body");
    assert!(body.contains("Sign-up is closed"), "{body}");
    assert_eq!(rows(&site), before);

    // An existing (confirmed) user still signs in and links.
    let owner = site.local_user(VICTIM, false).await;
    let browser = browser();
    site.login(&browser, None).await;
    assert_eq!(site.whoami(&browser).await, owner.to_string());

    // Without an e-mail the form is refused as well.
    site.provider.set_user(FakeUser {
        id: "someone-else".into(),
        email: None,
        ..FakeUser::default()
    });
    let response = site.login(&crate::suite::browser(), None).await;
    assert_eq!(response.status(), 403);
}

async fn an_app_may_open_signup_when_the_site_closes_it() {
    let site = site_with(|toml| {
        format!(
            "signup = \"closed\"\n{}",
            toml.replace(
                &format!("[remote_apps.{APP}]"),
                &format!("[remote_apps.{APP}]\nsignup = \"open\""),
            )
        )
    })
    .await;
    site.provider.set_user(provider_user(VICTIM, true));
    let browser = browser();
    let response = site.login(&browser, None).await;
    assert_eq!(response.status(), 302);
    assert_ne!(site.whoami(&browser).await, "anonymous");
}

/// The scenarios of this module.
pub(super) fn scenarios() -> Vec<Scenario> {
    scenario_list![
        a_squatter_cannot_hijack_the_verified_owner,
        a_confirmed_account_is_not_linked_to_an_unverified_address,
        an_untrusted_provider_is_told_to_sign_in_first_and_writes_nothing,
        an_untrusted_provider_never_creates_a_confirmed_account,
        a_verified_trusted_address_of_a_confirmed_account_links_and_signs_in,
        the_signup_form_variant_is_refused_too,
        closed_signup_refuses_new_accounts_but_not_existing_users,
        an_app_may_open_signup_when_the_site_closes_it,
    ]
}
