//! The JSON API for single-page apps and REST apps' `?message=&code=` redirects.

use crate::suite::{APP, Scenario, browser, location, query, scenario_list, site, site_with};
use crate::{Consent, FakeUser};

#[allow(
    clippy::needless_pass_by_value,
    reason = "the shape site_with takes: FnOnce(String) -> String"
)]
fn rest(toml: String) -> String {
    toml.replace(
        "[remote_apps.fake]",
        "[remote_apps.fake]\nrest = { authorized_redirect_url = \"/spa/done\", signup_redirect_url = \"/spa/signup\", error_redirect_url = \"/spa/error\" }",
    )
}

async fn accounts_lists_apps_with_link_state_and_external_id() {
    let site = site().await;
    let browser = browser();
    let anonymous = browser
        .get(site.url("/api/oauth/accounts"))
        .send()
        .await
        .expect("get");
    assert_eq!(anonymous.status(), 401);
    let body: serde_json::Value = anonymous.json().await.expect("json");
    assert_eq!(
        (body["code"].as_str(), body["status"].as_u64()),
        (Some("sign_in_required"), Some(401))
    );

    site.login(&browser, None).await;
    let body: serde_json::Value = browser
        .get(site.url("/api/oauth/accounts"))
        .send()
        .await
        .expect("get")
        .json()
        .await
        .expect("json");
    let account = &body["accounts"][0];
    assert_eq!(account["app"], APP);
    assert_eq!(account["linked"], true);
    assert_eq!(account["external_id"], "1001");
    assert!(account["title"].is_string() && account.get("icon").is_some());
}

async fn disconnect_over_json_checks_origin_or_csrf_token() {
    let site = site().await;
    let browser = browser();
    let ada = site.local_user("ada@local.example", true).await;
    site.sign_in_as(&browser, &ada).await;
    site.login(&browser, None).await;
    let url = site.url(&format!("/api/oauth/disconnect/{APP}"));

    let foreign = browser
        .post(&url)
        .header("Origin", "https://evil.example")
        .send()
        .await
        .expect("post");
    assert_eq!(foreign.status(), 403);
    let body: serde_json::Value = foreign.json().await.expect("json");
    assert_eq!(body["code"], "origin_not_allowed");
    let no_token = browser.post(&url).send().await.expect("post");
    assert_eq!(no_token.status(), 403);
    assert_eq!(
        site.count("oauthclient_remoteaccount"),
        1,
        "nothing removed"
    );

    let token = site.csrf(&browser).await;
    let done = browser
        .post(&url)
        .header("X-CSRF-Token", token)
        .send()
        .await
        .expect("post");
    assert_eq!(done.status(), 200);
    let body: serde_json::Value = done.json().await.expect("json");
    assert_eq!(
        body,
        serde_json::json!({"code": "disconnected", "message": "Successfully disconnected.", "status": 200})
    );
    assert_eq!(site.count("oauthclient_remoteaccount"), 0);
}

async fn same_origin_requests_need_no_token() {
    let site = site().await;
    let browser = browser();
    site.login(&browser, None).await;
    // The only way to sign in: refused with 400, after passing the origin check.
    let response = browser
        .post(site.url(&format!("/api/oauth/disconnect/{APP}")))
        .header("Origin", site.base.clone())
        .send()
        .await
        .expect("post");
    assert_eq!(response.status(), 400);
    let body: serde_json::Value = response.json().await.expect("json");
    assert!(
        body["message"]
            .as_str()
            .is_some_and(|m| m.contains("only way to sign in")),
        "{body}"
    );
}

async fn rest_apps_end_with_message_and_code() {
    let site = site_with(rest).await;
    let browser = browser();
    let response = site.login(&browser, None).await;
    let landed = location(&response);
    assert!(landed.starts_with("/spa/done?"), "{landed}");
    let params = query(&format!("http://x{landed}"));
    assert_eq!(params["message"], "Successfully authorized.");
    assert_eq!(params["code"], "200");
    assert_ne!(site.whoami(&browser).await, "anonymous");
}

async fn rest_app_failures_redirect_to_the_error_url() {
    let site = site_with(rest).await;
    site.provider.set_consent(Consent::Deny);
    let browser = browser();
    let landed = location(&site.login(&browser, None).await);
    let params = query(&format!("http://x{landed}"));
    assert!(landed.starts_with("/spa/error?"), "{landed}");
    assert_eq!(
        params["message"],
        "You rejected the authentication request."
    );
    assert_eq!(params["code"], "400");

    // A bad state: "Invalid state." with 403.
    site.provider.set_consent(Consent::Approve);
    let authorize_url = site.start_login(&browser, None).await;
    let callback = site.authorize(&browser, &authorize_url).await;
    let other = crate::suite::browser();
    let landed = location(&other.get(callback).send().await.expect("callback"));
    let params = query(&format!("http://x{landed}"));
    assert_eq!(params["message"], "Invalid state.");
    assert_eq!(params["code"], "403");
}

async fn rest_sign_up_goes_through_json() {
    let site = site_with(rest).await;
    site.provider.set_user(FakeUser {
        email: None,
        email_verified: false,
        ..FakeUser::default()
    });
    let browser = browser();
    let landed = location(&site.login(&browser, None).await);
    assert!(landed.starts_with("/spa/signup?"), "{landed}");
    let url = site.url(&format!("/api/oauth/signup/{APP}"));
    let origin = site.base.clone();
    let bad = browser
        .post(&url)
        .header("Origin", &origin)
        .json(&serde_json::json!({"email": "nope"}))
        .send()
        .await
        .expect("post");
    assert_eq!(bad.status(), 400);
    let body: serde_json::Value = bad.json().await.expect("json");
    assert_eq!(body["errors"][0]["field"], "email");
    assert_eq!(body["code"], "invalid_form");
    let good = browser
        .post(&url)
        .header("Origin", &origin)
        .json(&serde_json::json!({"email": "octo@spa.example"}))
        .send()
        .await
        .expect("post");
    assert_eq!(good.status(), 200);
    assert_ne!(site.whoami(&browser).await, "anonymous");
    assert_eq!(site.count("oauthclient_useridentity"), 1);
}

/// The JSON sign-up of a REST app under `email_verification = "{policy}"`; its
/// `confirmation_sent`, checked against the mail that really went out.
async fn json_sign_up_confirmation_sent(policy: &str) -> serde_json::Value {
    // Owned: the site options keep the edit as a `'static` closure.
    let settings =
        format!("email_verification = \"{policy}\"\nemail_resend_cooldown = 3600\nsite_url");
    let site = site_with(move |toml| rest(toml).replacen("site_url", &settings, 1)).await;
    site.provider.set_user(FakeUser {
        email: None,
        email_verified: false,
        ..FakeUser::default()
    });
    let browser = browser();
    site.login(&browser, None).await;
    let response = browser
        .post(site.url(&format!("/api/oauth/signup/{APP}")))
        .header("Origin", &site.base)
        .json(&serde_json::json!({"email": "octo@spa.example"}))
        .send()
        .await
        .expect("post");
    let response_status = response.status().as_u16();
    let body: serde_json::Value = response.json().await.expect("json");
    let sent = site.mailbox.messages().len();
    let expected_code = if response_status == 202 {
        "confirmation_required"
    } else {
        "signed_up"
    };
    assert_eq!(body["code"], expected_code, "{policy}: {body}");
    assert_eq!(body["status"], response_status, "{policy}: {body}");
    assert_eq!(
        body["confirmation_sent"],
        serde_json::json!(sent == 1),
        "{policy}: {body} with {sent} mail(s)"
    );
    body["confirmation_sent"].clone()
}

async fn the_json_sign_up_says_a_confirmation_went_out_only_when_one_did() {
    assert_eq!(
        json_sign_up_confirmation_sent("optional").await,
        serde_json::json!(true)
    );
    assert_eq!(
        json_sign_up_confirmation_sent("none").await,
        serde_json::json!(false),
        "no mail under \"none\""
    );
}

async fn a_rest_flow_meeting_an_unconfirmed_claim_asks_and_continues_through_json() {
    let site = site_with(rest).await;
    let claimant = site.password_user("octo@example.org").await;
    site.provider.set_user(FakeUser::default());
    let browser = browser();
    let landed = location(&site.login(&browser, None).await);
    let params = query(&format!("http://x{landed}"));
    assert!(landed.starts_with("/spa/signup?"), "{landed}");
    assert_eq!(params["code"], "409");
    assert!(params["message"].contains("never confirmed"), "{landed}");
    // The form cannot skip the question.
    let skipped = browser
        .post(site.url(&format!("/api/oauth/signup/{APP}")))
        .header("Origin", &site.base)
        .json(&serde_json::json!({"email": "other@spa.example"}))
        .send()
        .await
        .expect("post");
    assert_eq!(skipped.status(), 400);
    assert_eq!(site.count("accounts_user"), 1);
    let continued = browser
        .post(site.url(&format!("/api/oauth/signup/{APP}/continue")))
        .header("Origin", &site.base)
        .send()
        .await
        .expect("post");
    assert_eq!(continued.status(), 200);
    let me = site.whoami(&browser).await;
    assert_ne!(me, "anonymous");
    assert_ne!(me, claimant.to_string());
    assert_eq!(site.count("accounts_user"), 2);
}

/// The scenarios of this module.
pub(super) fn scenarios() -> Vec<Scenario> {
    scenario_list![
        accounts_lists_apps_with_link_state_and_external_id,
        disconnect_over_json_checks_origin_or_csrf_token,
        same_origin_requests_need_no_token,
        rest_apps_end_with_message_and_code,
        rest_app_failures_redirect_to_the_error_url,
        rest_sign_up_goes_through_json,
        the_json_sign_up_says_a_confirmation_went_out_only_when_one_did,
        a_rest_flow_meeting_an_unconfirmed_claim_asks_and_continues_through_json
    ]
}
