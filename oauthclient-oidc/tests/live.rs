//! OpenID Connect end to end against a certified OpenID Provider: npm `oidc-provider` 9
//! (`xtask/oidc-provider/server.mjs`), started by `cargo xtask integration`, which sets
//! `OAUTHCLIENT_TEST_OIDC_ISSUER` and `OAUTHCLIENT_TEST_OIDC_SITE_PORT` (the port whose callback
//! URLs the provider has registered), `OAUTHCLIENT_TEST_OIDC_CLIENT_KEY` (the private P-256
//! key whose public half the provider's `private_key_jwt` client holds) and
//! `OAUTHCLIENT_TEST_OIDC_WRONG_KEY` (a key it does not know). When they are set the provider
//! must answer; when they are not, the test says so and does nothing.
//!
//! One test drives every scenario in turn: the provider's fault modes are global, and the
//! registered callback port can serve one site at a time.

use std::net::TcpListener;

use oauthclient_core::{AccountStore, UserStore};
use oauthclient_oidc as _;
use oauthclient_testkit::site::{Site, browser, location, query};

const CONFIDENTIAL: &str = "oidc";
const PUBLIC: &str = "oidc_public";
const USERINFO: &str = "oidc_userinfo";
const CLIENT_SECRET_JWT: &str = "oidc_csjwt";
const PRIVATE_KEY_JWT: &str = "oidc_pkjwt";
const WRONG_KEY: &str = "oidc_wrong_key";

struct Provider {
    issuer: String,
}

/// The apps authenticating with a signed JWT: the provider's `client_secret_jwt` client, its
/// `private_key_jwt` client with the registered key, and the same client with another key.
fn jwt_apps(issuer: &str, client_key: &str, wrong_key: &str) -> String {
    format!(
        r#"
[remote_apps.{CLIENT_SECRET_JWT}]
provider = "oidc"
[remote_apps.{CLIENT_SECRET_JWT}.params]
issuer = "{issuer}"
client_auth = "client_secret_jwt"
[OIDC_CSJWT_APP_CREDENTIALS]
consumer_key = "oidc-csjwt"
consumer_secret = "oidc-csjwt-secret-0123456789-0123456789"

[remote_apps.{PRIVATE_KEY_JWT}]
provider = "oidc"
[remote_apps.{PRIVATE_KEY_JWT}.params]
issuer = "{issuer}"
client_auth = "private_key_jwt"
client_assertion = {{ alg = "ES256" }}
[OIDC_PKJWT_APP_CREDENTIALS]
consumer_key = "oidc-pkjwt"
private_key = '''
{client_key}'''

[remote_apps.{WRONG_KEY}]
provider = "oidc"
[remote_apps.{WRONG_KEY}.params]
issuer = "{issuer}"
client_auth = "private_key_jwt"
[OIDC_WRONG_KEY_APP_CREDENTIALS]
consumer_key = "oidc-pkjwt"
private_key = '''
{wrong_key}'''
"#
    )
}

fn apps(issuer: &str) -> String {
    format!(
        r#"
[remote_apps.{CONFIDENTIAL}]
provider = "oidc"
title = "oidc-provider"

[remote_apps.{CONFIDENTIAL}.params]
issuer = "{issuer}"
scopes = ["openid", "email", "profile", "offline_access"]
request_token_params = {{ prompt = "consent" }}
client_auth = "basic"
app_key = "CONFIDENTIAL_APP_CREDENTIALS"

[CONFIDENTIAL_APP_CREDENTIALS]
consumer_key = "oidc-confidential"
consumer_secret = "oidc-confidential-secret-0123456789"

[remote_apps.{PUBLIC}]
provider = "oidc"
title = "oidc-provider (public client)"

[remote_apps.{PUBLIC}.params]
issuer = "{issuer}"
client_auth = "none"
app_key = "PUBLIC_APP_CREDENTIALS"

[PUBLIC_APP_CREDENTIALS]
consumer_key = "oidc-public"

[remote_apps.{USERINFO}]
provider = "oidc"
title = "oidc-provider (userinfo)"
signup_handler = {{ info = "oidc:userinfo" }}

[remote_apps.{USERINFO}.params]
issuer = "{issuer}"
client_auth = "basic"
app_key = "CONFIDENTIAL_APP_CREDENTIALS"
"#
    )
}

/// Plays the user at oidc-provider's dev interactions (login form, consent form), over HTTP:
/// returns the callback URL the provider finally redirects to. `consent = false` cancels.
async fn at_provider(
    browser: &reqwest::Client,
    site_base: &str,
    authorize_url: &str,
    login: &str,
    consent: bool,
) -> String {
    let mut url = url::Url::parse(authorize_url).expect("authorize URL");
    for _ in 0..12 {
        let response = browser.get(url.clone()).send().await.expect("provider");
        let status = response.status().as_u16();
        if (300..400).contains(&status) {
            let next = url.join(&location(&response)).expect("redirect");
            if next.as_str().starts_with(site_base) {
                return next.to_string();
            }
            url = next;
            continue;
        }
        let page = response.text().await.expect("page");
        assert_eq!(status, 200, "provider page at {url}: {page}");
        let action = page
            .split("action=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_else(|| panic!("no form at {url}: {page}"))
            .to_owned();
        let action = url.join(&action).expect("form action");
        let answer = if page.contains("name=\"login\"") {
            browser
                .post(action)
                .form(&[("prompt", "login"), ("login", login), ("password", "any")])
                .send()
                .await
        } else if consent {
            browser
                .post(action)
                .form(&[("prompt", "consent")])
                .send()
                .await
        } else {
            browser
                .get(format!("{}/abort", action.as_str().trim_end_matches('/')))
                .send()
                .await
        }
        .expect("form");
        assert!(answer.status().is_redirection(), "{}", answer.status());
        url = url.join(&location(&answer)).expect("redirect");
        if url.as_str().starts_with(site_base) {
            return url.to_string();
        }
    }
    panic!("the provider never redirected back");
}

/// Makes the provider sign with a brand-new key (the old one is no longer published); returns
/// its `kid`.
async fn rotate_keys(provider: &Provider) -> String {
    let response = reqwest::Client::new()
        .post(format!("{}/_test/rotate-keys", provider.issuer))
        .send()
        .await
        .expect("rotate keys");
    assert_eq!(response.status(), 200, "rotate keys");
    let answer: serde_json::Value = response.json().await.expect("JSON");
    let kid = answer["kid"].as_str().expect("the new kid").to_owned();
    let jwks: serde_json::Value = reqwest::get(format!("{}/jwks", provider.issuer))
        .await
        .expect("jwks")
        .json()
        .await
        .expect("JSON");
    assert_eq!(
        jwks["keys"][0]["kid"],
        kid.as_str(),
        "only the new key is published"
    );
    assert_eq!(jwks["keys"].as_array().map(Vec::len), Some(1));
    kid
}

async fn set_mode(provider: &Provider, mode: &str) {
    let response = reqwest::Client::new()
        .post(format!("{}/_test/mode", provider.issuer))
        .json(&serde_json::json!({ "mode": mode }))
        .send()
        .await
        .expect("fault mode");
    assert_eq!(response.status(), 204, "set mode {mode}");
}

/// Login through `app` as `login` from a fresh browser: the callback's response and the
/// browser (for later requests).
async fn sign_in(
    site: &Site<Provider>,
    app: &str,
    login: &str,
    consent: bool,
) -> (reqwest::Response, reqwest::Client, String) {
    let browser = browser();
    let response = browser
        .get(site.url(&format!("/oauth/login/{app}/")))
        .send()
        .await
        .expect("login");
    assert_eq!(response.status(), 302, "login redirects to the provider");
    let authorize_url = location(&response);
    let params = query(&authorize_url);
    assert!(
        authorize_url.starts_with(&site.provider.issuer),
        "{authorize_url}"
    );
    assert_eq!(
        params.get("code_challenge_method").map(String::as_str),
        Some("S256")
    );
    assert!(params.contains_key("nonce") && params.contains_key("state"));
    let callback = at_provider(&browser, &site.base, &authorize_url, login, consent).await;
    let response = browser.get(&callback).send().await.expect("callback");
    (response, browser, callback)
}

#[tokio::test]
async fn openid_connect_against_oidc_provider() {
    let live_suite = "oidc: live against npm oidc-provider";
    let (Some(issuer), Some(port)) = (
        oauthclient_testkit::services::service_url("OAUTHCLIENT_TEST_OIDC_ISSUER", live_suite),
        oauthclient_testkit::services::service_url("OAUTHCLIENT_TEST_OIDC_SITE_PORT", live_suite),
    ) else {
        return;
    };
    let discovery = reqwest::get(format!("{issuer}/.well-known/openid-configuration")).await;
    assert!(
        discovery.is_ok_and(|response| response.status() == 200),
        "OAUTHCLIENT_TEST_OIDC_ISSUER={issuer} is set but the provider does not answer"
    );
    let listener = TcpListener::bind(format!("127.0.0.1:{port}")).expect("the registered port");
    let client_key = std::env::var("OAUTHCLIENT_TEST_OIDC_CLIENT_KEY")
        .expect("the xtask passes the private_key_jwt client's key");
    let wrong_key = std::env::var("OAUTHCLIENT_TEST_OIDC_WRONG_KEY")
        .expect("the xtask passes a key the provider does not know");
    let toml = apps(&issuer) + &jwt_apps(&issuer, &client_key, &wrong_key);
    let site = Site::start_on(listener, Provider { issuer }, CONFIDENTIAL, &toml, |toml| {
        toml
    })
    .await;
    set_mode(&site.provider, "none").await;

    confidential_client_signs_up_a_new_user(&site).await;
    returning_user_signs_in_to_the_same_account(&site).await;
    public_client_signs_in(&site).await;
    jwt_clients_sign_in(&site).await;
    an_unknown_key_is_refused_by_the_token_endpoint(&site).await;
    userinfo_completes_the_claims(&site).await;
    unverified_email_needs_the_signup_form(&site).await;
    denied_consent_flashes_and_redirects(&site).await;
    refused(&site, "wrong-nonce", 403).await;
    refused(&site, "tampered-id-token", 502).await;
    refused(&site, "wrong-at-hash", 502).await;
    refused(&site, "foreign-iss", 403).await;
    logout_ends_the_provider_session(&site).await;
    // Last: it leaves the confidential app inside its key re-fetch interval.
    rotated_keys_are_picked_up_at_once(&site).await;
}

async fn confidential_client_signs_up_a_new_user(site: &Site<Provider>) {
    let (response, browser, callback) = sign_in(site, CONFIDENTIAL, "alice", true).await;
    assert_eq!(
        query(&callback).get("iss"),
        Some(&site.provider.issuer),
        "RFC 9207 iss sent"
    );
    assert_eq!(response.status(), 302, "{:?}", response.text().await);
    assert_eq!(location(&response), "/");
    let user_id = site.user_id(&browser).await;
    let user = site
        .store
        .user_by_email("alice@example.org")
        .await
        .expect("store")
        .expect("signed up with the verified e-mail");
    assert_eq!(user.id, user_id);
    let token = site
        .store
        .token(&user_id, "oidc-confidential", "")
        .await
        .expect("store")
        .expect("token stored");
    assert!(token.refresh_token.is_some(), "the refresh token is stored");
    // The identity is the ID token's `sub` at this app.
    let identity = site
        .store
        .identity(CONFIDENTIAL, "alice")
        .await
        .expect("store")
        .expect("identity linked");
    assert_eq!(identity.user_id, user_id);
}

async fn returning_user_signs_in_to_the_same_account(site: &Site<Provider>) {
    let (first, browser_one, _) = sign_in(site, CONFIDENTIAL, "carol", true).await;
    assert_eq!(first.status(), 302);
    let (second, browser_two, _) = sign_in(site, CONFIDENTIAL, "carol", true).await;
    assert_eq!(second.status(), 302);
    assert_eq!(
        site.user_id(&browser_one).await,
        site.user_id(&browser_two).await
    );
}

async fn public_client_signs_in(site: &Site<Provider>) {
    let (response, browser, _) = sign_in(site, PUBLIC, "bob", true).await;
    assert_eq!(response.status(), 302, "{:?}", response.text().await);
    let user_id = site.user_id(&browser).await;
    let token = site
        .store
        .token(&user_id, "oidc-public", "")
        .await
        .expect("store");
    assert!(token.is_some());
}

/// `client_secret_jwt` and `private_key_jwt`: oidc-provider verifies the assertion (signature,
/// `iss` = `sub` = client id, `aud`, `exp`, single-use `jti`) before it answers.
async fn jwt_clients_sign_in(site: &Site<Provider>) {
    for (app, client_id, login) in [
        (CLIENT_SECRET_JWT, "oidc-csjwt", "erin"),
        (PRIVATE_KEY_JWT, "oidc-pkjwt", "frank"),
    ] {
        let (response, browser, _) = sign_in(site, app, login, true).await;
        assert_eq!(response.status(), 302, "{app}: {:?}", response.text().await);
        let user_id = site.user_id(&browser).await;
        let token = site
            .store
            .token(&user_id, client_id, "")
            .await
            .expect("store");
        assert!(token.is_some(), "{app}: token stored");
    }
    // A second sign-in: a fresh assertion (oidc-provider refuses a replayed jti).
    let (again, _, _) = sign_in(site, PRIVATE_KEY_JWT, "frank", true).await;
    assert_eq!(again.status(), 302, "second private_key_jwt sign-in");
}

/// Signed with a key the provider does not hold: the token endpoint answers `invalid_client`,
/// which is our misconfiguration (a server error page), and nobody is signed in.
async fn an_unknown_key_is_refused_by_the_token_endpoint(site: &Site<Provider>) {
    let (response, browser, _) = sign_in(site, WRONG_KEY, "grace", true).await;
    assert_eq!(response.status(), 500, "invalid_client is a client error");
    let body = response.text().await.expect("body");
    assert!(!body.contains("eyJ"), "no assertion in the error page");
    assert_eq!(site.whoami(&browser).await, "anonymous");
}

async fn userinfo_completes_the_claims(site: &Site<Provider>) {
    let (response, browser, _) = sign_in(site, USERINFO, "judy", true).await;
    assert_eq!(response.status(), 302, "{:?}", response.text().await);
    let user_id = site.user_id(&browser).await;
    let user = site
        .store
        .user_by_id(&user_id)
        .await
        .expect("store")
        .expect("signed up");
    assert_eq!(user.email, "judy@example.org");
    let identity = site.store.identity(USERINFO, "judy").await.expect("store");
    assert!(identity.is_some());
}

async fn unverified_email_needs_the_signup_form(site: &Site<Provider>) {
    let (response, browser, _) = sign_in(site, CONFIDENTIAL, "unverified-eve", true).await;
    assert_eq!(response.status(), 302);
    assert_eq!(
        location(&response),
        format!("/oauth/signup/{CONFIDENTIAL}/")
    );
    assert_eq!(site.whoami(&browser).await, "anonymous");
    let user = site
        .store
        .user_by_email("unverified-eve@example.org")
        .await
        .expect("store");
    assert!(user.is_none(), "an unverified e-mail creates no account");
}

async fn denied_consent_flashes_and_redirects(site: &Site<Provider>) {
    let (response, browser, callback) = sign_in(site, CONFIDENTIAL, "dave", false).await;
    assert_eq!(
        query(&callback).get("error").map(String::as_str),
        Some("access_denied")
    );
    assert_eq!(response.status(), 302);
    let page = site
        .page(&browser, "/account/settings/linkedaccounts/")
        .await;
    assert!(
        page.contains("You rejected the authentication request."),
        "{page}"
    );
    let user = site
        .store
        .user_by_email("dave@example.org")
        .await
        .expect("store");
    assert!(user.is_none());
}

/// With the provider's fault `mode` on, a sign-in is refused with `status` and creates nothing.
async fn refused(site: &Site<Provider>, mode: &str, status: u16) {
    set_mode(&site.provider, mode).await;
    let login = format!("mallory-{mode}");
    let (response, browser, _) = sign_in(site, CONFIDENTIAL, &login, true).await;
    set_mode(&site.provider, "none").await;
    assert_eq!(response.status(), status, "fault {mode}");
    let body = response.text().await.expect("body");
    assert!(!body.contains("eyJ"), "no token in the error page ({mode})");
    assert_eq!(site.whoami(&browser).await, "anonymous", "fault {mode}");
    let user = site
        .store
        .user_by_email(&format!("{login}@example.org"))
        .await
        .expect("store");
    assert!(user.is_none(), "fault {mode} created an account");
}

async fn logout_ends_the_provider_session(site: &Site<Provider>) {
    let (response, browser, _) = sign_in(site, CONFIDENTIAL, "alice", true).await;
    assert_eq!(response.status(), 302);
    let response = site.logout(&browser).await;
    assert_eq!(response.status(), 302);
    let end_session = location(&response);
    assert!(
        end_session.starts_with(&format!("{}/session/end", site.provider.issuer)),
        "{end_session}"
    );
    let params = query(&end_session);
    assert_eq!(
        params.get("client_id").map(String::as_str),
        Some("oidc-confidential")
    );
    assert_eq!(params.get("post_logout_redirect_uri"), Some(&site.url("/")));
    assert!(!params.contains_key("id_token_hint"), "no token in a URL");
    assert_eq!(site.whoami(&browser).await, "anonymous");
}

/// The provider rotates its signing key (the apps have the old key cached from the sign-ins
/// above): the next sign-in works at once (one re-fetch of the keys). A second rotation within
/// `JWKS_REFETCH_INTERVAL` is not re-fetched for the same app (refused, 502), but another app
/// has its own interval.
async fn rotated_keys_are_picked_up_at_once(site: &Site<Provider>) {
    let started = std::time::Instant::now();
    rotate_keys(&site.provider).await;
    let (response, browser, _) = sign_in(site, CONFIDENTIAL, "rotation-alice", true).await;
    assert_eq!(response.status(), 302, "{:?}", response.text().await);
    assert_eq!(location(&response), "/");
    assert_ne!(site.whoami(&browser).await, "anonymous");

    rotate_keys(&site.provider).await;
    let (response, browser, _) = sign_in(site, CONFIDENTIAL, "rotation-bob", true).await;
    assert!(
        started.elapsed() < oauthclient_oidc::JWKS_REFETCH_INTERVAL,
        "the test was too slow to observe the rate limit"
    );
    assert_eq!(response.status(), 502, "rate-limited re-fetch: refused");
    let body = response.text().await.expect("body");
    assert!(!body.contains("eyJ"), "no token in the error page");
    assert_eq!(site.whoami(&browser).await, "anonymous");

    let (response, _, _) = sign_in(site, PUBLIC, "rotation-carol", true).await;
    assert_eq!(response.status(), 302, "{:?}", response.text().await);
    assert_eq!(location(&response), "/");
}
