//! `response_mode=form_post`: the provider's cross-site POST gets a relay page that touches
//! no session; the relayed, same-origin POST is checked exactly like the GET callback (this
//! session's nonce, single use); extra callback parameters reach `token.extra.callback`.

use reqwest::header::{CACHE_CONTROL, CONTENT_SECURITY_POLICY, REFERRER_POLICY, SET_COOKIE};

use crate::Consent;
use crate::site::{PostedForm, cookieless};
use crate::suite::{APP, Scenario, TestSite, browser, location, scenario_list, site_with};

/// The test app answering with `response_mode=form_post`.
#[allow(clippy::needless_pass_by_value, reason = "the shape `edit` takes")]
fn form_post(toml: String) -> String {
    toml.replace(
        &format!("[remote_apps.{APP}.params]\n"),
        &format!("[remote_apps.{APP}.params]\nresponse_mode = \"form_post\"\n"),
    )
}

/// [`form_post`], keeping Apple's `user` and holding the token in the session (so a test can
/// read its `extra.callback` at `/test/session-token/callback`).
#[allow(clippy::needless_pass_by_value, reason = "the shape `edit` takes")]
fn keeping_user(toml: String) -> String {
    toml.replace(
        &format!("[remote_apps.{APP}]\n"),
        &format!("[remote_apps.{APP}]\nauthorized_handler = \"authorized_default\"\n"),
    )
    .replace(
        &format!("[remote_apps.{APP}.params]\n"),
        &format!("[remote_apps.{APP}.params]\ncallback_params = [\"user\"]\n"),
    )
}

async fn form_post_site() -> TestSite {
    site_with(form_post).await
}

/// Starts a login as `browser` and lets the provider answer: the form its page posts.
async fn provider_form(site: &TestSite, browser: &reqwest::Client) -> PostedForm {
    let authorize_url = site.start_login(browser, None).await;
    site.authorize_form_post(browser, &authorize_url).await
}

/// The provider's form posted cross-site; the relay page's form.
async fn relay_of(site: &TestSite, posted: &PostedForm) -> PostedForm {
    let response = site.post_cross_site(posted).await;
    assert_eq!(response.status(), 200);
    let url = response.url().to_string();
    PostedForm::of_page(&response.text().await.expect("relay page"), &url)
}

async fn the_cross_site_post_gets_a_locked_down_relay_page_and_no_cookie() {
    let site = form_post_site().await;
    let browser = browser();
    let mut posted = provider_form(&site, &browser).await;
    assert!(
        posted
            .action
            .ends_with(&format!("/oauth/authorized/{APP}/"))
    );
    // What a hostile page might add: markup in a value, a field nobody asked for.
    posted
        .fields
        .push(("iss".into(), "\"><script>alert(1)</script>".into()));
    posted.fields.push(("evil".into(), "1".into()));
    let response = site.post_cross_site(&posted).await;
    assert_eq!(response.status(), 200);
    assert!(
        response.headers().get(SET_COOKIE).is_none(),
        "the relay page must not touch the session: {:?}",
        response.headers().get_all(SET_COOKIE)
    );
    assert_eq!(response.headers()[CACHE_CONTROL], "no-store");
    assert_eq!(response.headers()[REFERRER_POLICY], "no-referrer");
    let policy = response.headers()[CONTENT_SECURITY_POLICY]
        .to_str()
        .expect("text")
        .to_owned();
    for directive in [
        "default-src 'none'",
        "script-src 'sha256-8lDeP0UDwCO6/RhblgeH/ctdBzjVpJxrXizsnIk3cEQ='",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
    ] {
        assert!(policy.contains(directive), "{directive} missing: {policy}");
    }
    let url = response.url().to_string();
    let page = response.text().await.expect("page");
    assert!(!page.contains("<script>alert"), "{page}");
    assert!(page.contains("&lt;script&gt;alert(1)"), "escaped: {page}");
    assert!(
        page.contains("<noscript>"),
        "a button without scripts: {page}"
    );
    let relay = PostedForm::of_page(&page, &url);
    assert_eq!(relay.action, site.url(&format!("/oauth/authorized/{APP}/")));
    assert_eq!(relay.field("oauthclient_relay"), Some("1"));
    assert_eq!(relay.field("code"), posted.field("code"));
    assert_eq!(relay.field("state"), posted.field("state"));
    assert_eq!(relay.field("iss"), Some("\"><script>alert(1)</script>"));
    assert_eq!(
        relay.field("evil"),
        None,
        "only the response's fields are relayed"
    );
}

async fn the_relayed_post_with_the_session_signs_in_like_the_get() {
    let site = form_post_site().await;
    let browser = browser();
    let (_, response) = site.login_form_post(&browser, Some("/welcome")).await;
    assert_eq!(response.status(), 302);
    assert_eq!(location(&response), "/welcome");
    assert_ne!(site.whoami(&browser).await, "anonymous");
    assert_eq!(site.count("accounts_user"), 1);
    assert_eq!(site.count("oauthclient_remotetoken"), 1);
    let asked = site.provider.authorize_requests();
    assert_eq!(asked[0]["response_mode"], "form_post");
}

async fn a_replayed_relayed_post_is_refused() {
    let site = form_post_site().await;
    let browser = browser();
    let (relay, response) = site.login_form_post(&browser, None).await;
    assert_eq!(response.status(), 302);
    let again = site.submit_relay(&browser, &relay).await;
    assert_eq!(again.status(), 403, "the nonce was spent");
}

async fn a_relayed_post_from_another_session_is_refused() {
    let site = form_post_site().await;
    let victim = browser();
    let posted = provider_form(&site, &victim).await;
    let relay = relay_of(&site, &posted).await;
    // Another browser, with a flow of its own.
    let attacker = browser();
    provider_form(&site, &attacker).await;
    let response = site.submit_relay(&attacker, &relay).await;
    assert_eq!(response.status(), 403);
    assert_eq!(site.whoami(&attacker).await, "anonymous");
    assert_eq!(site.count("accounts_user"), 0);
    // Nothing of the owner's flow was spent.
    let response = site.submit_relay(&victim, &relay).await;
    assert_eq!(response.status(), 302);
}

async fn a_marked_post_from_another_site_is_refused_before_the_state_is_read() {
    let site = form_post_site().await;
    let browser = browser();
    let posted = provider_form(&site, &browser).await;
    let relay = relay_of(&site, &posted).await;
    let response = browser
        .post(&relay.action)
        .header("sec-fetch-site", "cross-site")
        .form(&relay.fields)
        .send()
        .await
        .expect("post");
    assert_eq!(response.status(), 403);
    assert!(response.headers().get(SET_COOKIE).is_none());
    assert_eq!(site.whoami(&browser).await, "anonymous");
    // The flow is intact: the genuine relayed POST still signs in.
    let response = site.submit_relay(&browser, &relay).await;
    assert_eq!(response.status(), 302);
    assert_ne!(site.whoami(&browser).await, "anonymous");
}

async fn a_posted_access_denied_flashes_and_redirects() {
    let site = form_post_site().await;
    site.provider.set_consent(Consent::Deny);
    let browser = browser();
    let (relay, response) = site.login_form_post(&browser, Some("/after")).await;
    assert_eq!(relay.field("error"), Some("access_denied"));
    assert_eq!(response.status(), 302);
    assert_eq!(location(&response), "/after");
    let page = site
        .page(&browser, "/account/settings/linkedaccounts/")
        .await;
    assert!(
        page.contains("You rejected the authentication request."),
        "{page}"
    );
}

async fn extra_callback_params_reach_the_token_in_both_modes() {
    let user = r#"{"name":{"firstName":"Ada","lastName":"Lovelace"},"email":"ada@example.org"}"#;
    // form_post, as Apple answers.
    let site = site_with(|toml| keeping_user(form_post(toml))).await;
    site.provider
        .set_callback_extra(&[("user", user), ("other", "dropped")]);
    let browser = browser();
    let (relay, response) = site.login_form_post(&browser, None).await;
    assert_eq!(response.status(), 302);
    assert!(relay.field("user").is_some() && relay.field("other").is_none());
    let callback: serde_json::Value =
        serde_json::from_str(&site.page(&browser, "/test/session-token/callback").await)
            .expect("json");
    assert_eq!(callback["user"]["name"]["firstName"], "Ada");
    assert!(callback.get("other").is_none());
    // The query mode keeps them too.
    let site = site_with(keeping_user).await;
    site.provider.set_callback_extra(&[("user", "plain text")]);
    let second = crate::suite::browser();
    assert_eq!(site.login(&second, None).await.status(), 302);
    let callback: serde_json::Value =
        serde_json::from_str(&site.page(&second, "/test/session-token/callback").await)
            .expect("json");
    assert_eq!(callback["user"], "plain text");
}

async fn posts_to_query_apps_and_oversized_forms_are_refused_without_a_cookie() {
    let query_site = crate::suite::site().await;
    let response = cookieless()
        .post(query_site.url(&format!("/oauth/authorized/{APP}/")))
        .form(&[("code", "c"), ("state", "s")])
        .send()
        .await
        .expect("post");
    assert_eq!(response.status(), 405);
    assert!(response.headers().get(SET_COOKIE).is_none());
    let site = form_post_site().await;
    // Over the relay's 64 KiB, and over the adapters' own 256 KiB limit.
    for kib in [100, 300] {
        let huge = format!("code=c&state={}", "s".repeat(kib * 1024));
        let response = cookieless()
            .post(site.url(&format!("/oauth/authorized/{APP}/")))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(huge)
            .send()
            .await
            .expect("post");
        assert_eq!(response.status(), 413, "{kib} KiB");
        assert!(response.headers().get(SET_COOKIE).is_none(), "{kib} KiB");
    }
    let response = cookieless()
        .post(site.url("/oauth/authorized/nobody/"))
        .form(&[("code", "c")])
        .send()
        .await
        .expect("post");
    assert_eq!(response.status(), 404);
    assert!(response.headers().get(SET_COOKIE).is_none());
}

/// The scenarios of this module.
pub(super) fn scenarios() -> Vec<Scenario> {
    scenario_list![
        the_cross_site_post_gets_a_locked_down_relay_page_and_no_cookie,
        the_relayed_post_with_the_session_signs_in_like_the_get,
        a_replayed_relayed_post_is_refused,
        a_relayed_post_from_another_session_is_refused,
        a_marked_post_from_another_site_is_refused_before_the_state_is_read,
        a_posted_access_denied_flashes_and_redirects,
        extra_callback_params_reach_the_token_in_both_modes,
        posts_to_query_apps_and_oversized_forms_are_refused_without_a_cookie,
    ]
}
