//! The security suite, table-driven (RFC 9700 threats; see docs/security.md for the map):
//! open redirects, state attacks, mix-up, CSRF, session fixation, e-mail look-alikes.

use oauthclient_core::account::{NewUser, UserId};
use oauthclient_core::{AccountStore, UserStore};

use crate::FakeUser;
use crate::site::session_set_cookie;
use crate::suite::{
    APP, Scenario, TestSite, browser, location, query, scenario_list, site, site_with,
};

/// Where a whole sign-in with `next` lands.
async fn landing(site: &TestSite, next: &str) -> String {
    let browser = browser();
    let response = site.login(&browser, Some(next)).await;
    assert_eq!(response.status(), 302, "next={next:?}");
    location(&response)
}

/// RFC 9700 §4.11 (open redirectors): none of these may take the user off the site after a
/// sign-in; the flow lands on the home page instead.
async fn open_redirect_payloads_never_leave_the_site() {
    let site = site().await;
    let payloads = [
        "//evil.example",
        "///evil.example",
        "////evil.example/",
        "https://evil.example",
        "http://evil.example/",
        "HTTPS://EVIL.EXAMPLE/",
        "https:evil.example",
        "https:/evil.example",
        "/\\evil.example",
        "\\\\evil.example",
        "/%5Cevil.example",
        "%2F%2Fevil.example",
        "/%2F/evil.example",
        "\t//evil.example",
        " //evil.example",
        "/\t/evil.example",
        "javascript:alert(document.cookie)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "https://docs.example.org.evil.example/",
        "https://docs.example.org@evil.example/",
        "https://evil.example#@docs.example.org",
        "https://evil.example?@docs.example.org",
        "https://evil.example\\@docs.example.org",
        "https://evil.example%2F@docs.example.org",
        "ftp://docs.example.org/file",
        "http://127.0.0.1:1/",
        "https://[::1]/",
        "//docs.example.org%2F%2E%2E@evil.example",
    ];
    assert!(payloads.len() >= 20);
    for payload in payloads {
        let landed = landing(&site, payload).await;
        assert_eq!(landed, "/", "next={payload:?} escaped to {landed:?}");
    }
    // Safe ones are kept: a path on the site, and a trusted host.
    for safe in ["/after", "/deep/path?x=1", "https://docs.example.org/page"] {
        assert_eq!(landing(&site, safe).await, safe);
    }
}

/// RFC 9700 §4.4 (mix-up): a callback on app A carrying the state of a flow started with
/// app B is refused, as is every other state attack (§4.7, CSRF on the redirect URI).
async fn state_attacks_are_refused() {
    let site = site_with(|toml| {
        let second = toml
            .split("[remote_apps.fake]")
            .nth(1)
            .and_then(|rest| rest.split("[FAKE_APP_CREDENTIALS]").next())
            .map(|rest| format!("[remote_apps.other]{rest}"))
            .unwrap_or_default()
            .replace("[remote_apps.fake.params]", "[remote_apps.other.params]");
        format!("{toml}\n{second}")
    })
    .await;
    let browser = browser();
    // A state of app `other`, delivered to app `fake`'s callback with a genuine code.
    let other = browser
        .get(site.url("/oauth/login/other/"))
        .send()
        .await
        .expect("login other");
    let other_state = query(&location(&other))["state"].clone();
    let authorize = site.start_login(&browser, None).await;
    let callback = site.authorize(&browser, &authorize).await;
    let code = query(&callback)["code"].clone();
    let cases: Vec<(&str, String)> = vec![
        (
            "mix-up: another app's state",
            format!("code={code}&state={other_state}"),
        ),
        ("missing state", format!("code={code}")),
        ("garbage state", format!("code={code}&state=not-a-token")),
        (
            "tampered state",
            format!("code={code}&state={}x", query(&callback)["state"]),
        ),
    ];
    for (case, query_string) in cases {
        let response = browser
            .get(site.url(&format!("/oauth/authorized/{APP}/?{query_string}")))
            .send()
            .await
            .expect("callback");
        assert_eq!(response.status(), 403, "{case}");
    }
    // The genuine callback still works once, then is a replay.
    assert_eq!(
        browser.get(&callback).send().await.expect("cb").status(),
        302
    );
    assert_eq!(
        browser
            .get(&callback)
            .send()
            .await
            .expect("replay")
            .status(),
        403
    );
    // Another session cannot use this session's state.
    let authorize = site.start_login(&browser, None).await;
    let stolen = site.authorize(&browser, &authorize).await;
    let attacker = crate::suite::browser();
    assert_eq!(
        attacker.get(&stolen).send().await.expect("cb").status(),
        403
    );
    assert_eq!(
        site.count("accounts_user"),
        1,
        "only the genuine flow wrote"
    );
}

/// Cross-site requests cannot connect an attacker's account to a signed-in victim or unlink
/// the victim's: the form endpoints need this session's CSRF token.
async fn state_changing_forms_need_the_csrf_token() {
    let site = site().await;
    let victim = site.local_user("victim@local.example", false).await;
    let browser = browser();
    site.sign_in_as(&browser, &victim).await;
    for (case, path) in [
        ("connect while signed in", format!("/oauth/login/{APP}/")),
        ("disconnect", format!("/oauth/disconnect/{APP}/")),
    ] {
        for token in [None, Some("forged")] {
            let mut form = vec![("next", "/")];
            if let Some(token) = token {
                form.push(("csrf_token", token));
            }
            let response = browser
                .post(site.url(&path))
                .form(&form)
                .send()
                .await
                .expect("post");
            assert_eq!(response.status(), 403, "{case} with token {token:?}");
        }
    }
    assert_eq!(site.count("oauthclient_remoteaccount"), 0);
}

/// Session fixation: the session cookie changes when a user signs in.
async fn the_session_id_is_renewed_on_sign_in() {
    let site = site().await;
    let browser = browser();
    let authorize = site.start_login(&browser, None).await;
    let callback = site.authorize(&browser, &authorize).await;
    let before = cookie_of(&browser, &site).await;
    let response = browser.get(&callback).send().await.expect("callback");
    let after = session_set_cookie(&response);
    assert!(after.is_some(), "a new session cookie is set on sign-in");
    assert_ne!(after, before);
}

async fn cookie_of(browser: &reqwest::Client, site: &TestSite) -> Option<String> {
    let response = browser
        .get(site.url("/test/whoami"))
        .send()
        .await
        .expect("whoami");
    session_set_cookie(&response)
}

/// Account takeover by e-mail: a provider-verified address signs in the local user who owns
/// the very same mailbox (case-insensitively), never one whose address merely looks alike.
async fn email_look_alikes_never_sign_in_to_another_account() {
    let cases = [
        ("case variant of the same mailbox", "ADA@Example.ORG", true),
        ("full-width letters", "ａｄａ@example.org", false),
        ("Cyrillic a", "\u{430}da@example.org", false),
        ("dotless i / Turkish", "\u{131}da@example.org", false),
        ("trailing dot domain", "ada@example.org.", false),
        ("plus address", "ada+x@example.org", false),
    ];
    for (case, email, same) in cases {
        let site = site().await;
        let ada = site
            .store
            .create_user(&NewUser {
                email: "ada@example.org".into(),
                username: None,
                full_name: None,
                confirmed: true,
            })
            .await
            .expect("ada")
            .id;
        site.provider.set_user(FakeUser {
            id: "attacker-1".into(),
            login: "attacker".into(),
            email: Some(email.into()),
            email_verified: true,
            name: None,
        });
        let browser = browser();
        let response = site.login(&browser, None).await;
        assert_eq!(response.status(), 302, "{case}");
        let who = site.whoami(&browser).await;
        if same {
            assert_eq!(who, ada.to_string(), "{case}: the owner signs in");
        } else {
            assert_ne!(who, ada.to_string(), "{case}: signed in as ada!");
            let identity = identity_of(&site, "attacker-1").await;
            assert_ne!(identity.as_ref(), Some(&ada), "{case}: linked to ada");
        }
    }
}

/// The user the fake app's identity `external_id` is linked to, if any.
async fn identity_of(site: &TestSite, external_id: &str) -> Option<UserId> {
    site.store
        .identity(APP, external_id)
        .await
        .expect("store")
        .map(|identity| identity.user_id)
}

/// The scenarios of this module.
pub(super) fn scenarios() -> Vec<Scenario> {
    scenario_list![
        open_redirect_payloads_never_leave_the_site,
        state_attacks_are_refused,
        state_changing_forms_need_the_csrf_token,
        the_session_id_is_renewed_on_sign_in,
        email_look_alikes_never_sign_in_to_another_account
    ]
}
