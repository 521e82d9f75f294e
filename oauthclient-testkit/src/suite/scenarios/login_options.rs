//! Per-login options (`prompt`, `login_hint`, `max_age`, `acr_values`, extra `scope`) on the
//! page, form and JSON login routes: each reaches the provider when the app allows it; one
//! outside the app's allow-list, an invalid value, or (JSON) an unknown field is a 400; a
//! signed-in user's confirmation keeps them; a state whose options the configuration no
//! longer allows is refused at the callback.

use serde_json::{Value, json};

use crate::site::Sessions;
use crate::suite::{
    APP, Scenario, TestSite, browser, location, query, scenario_list, site, site_with,
};

/// The fake app allowing every option, with the extra scopes `repo` and `read:org`.
#[allow(clippy::needless_pass_by_value, reason = "the shape `edit` takes")]
fn allowing(toml: String) -> String {
    format!(
        "{toml}\n[remote_apps.{APP}.login_options]\n\
         allow = [\"prompt\", \"login_hint\", \"max_age\", \"acr_values\"]\n\
         extra_scopes = [\"repo\", \"read:org\"]\n"
    )
}

/// `/oauth/login/{APP}/` with `params` in its query, as an absolute URL.
fn login_url(site: &TestSite, params: &[(&str, &str)]) -> String {
    let mut url = url::Url::parse(&site.url(&format!("/oauth/login/{APP}/"))).expect("url");
    if !params.is_empty() {
        url.query_pairs_mut().extend_pairs(params);
    }
    url.into()
}

const EVERY_OPTION: [(&str, &str); 5] = [
    ("prompt", "login consent"),
    ("login_hint", "octo cat@example.org"),
    ("max_age", "0"),
    ("acr_values", "urn:example:mfa"),
    ("scope", "repo read:org"),
];

/// Asserts the provider's last authorization request carried [`EVERY_OPTION`].
fn provider_saw_every_option(site: &TestSite) {
    let seen = site
        .provider
        .authorize_requests()
        .pop()
        .expect("the provider was asked");
    assert_eq!(seen["prompt"], "login consent");
    assert_eq!(seen["login_hint"], "octo cat@example.org");
    assert_eq!(seen["max_age"], "0");
    assert_eq!(seen["acr_values"], "urn:example:mfa");
    assert_eq!(
        seen["scope"], "read:user repo read:org",
        "added to the app's own"
    );
}

/// A 400 page naming `option`.
async fn refused_naming(response: reqwest::Response, option: &str) {
    assert_eq!(response.status(), 400);
    let body = response.text().await.expect("body");
    assert!(body.contains(&format!("`{option}`")), "{body}");
}

async fn each_option_reaches_the_provider_from_the_page() {
    let site = site_with(allowing).await;
    let browser = browser();
    let started =
        crate::browser_actions::start_flow(&browser, &login_url(&site, &EVERY_OPTION)).await;
    assert_eq!(started.status(), 302);
    let callback = site.authorize(&browser, &location(&started)).await;
    provider_saw_every_option(&site);
    // And the flow completes as any other.
    let response = browser.get(callback).send().await.expect("callback");
    assert_eq!(response.status(), 302);
    assert_ne!(site.whoami(&browser).await, "anonymous");
}

async fn an_option_outside_the_allow_list_is_refused_on_the_page() {
    // By default an app allows no option at all.
    let site = site().await;
    for (option, value) in EVERY_OPTION {
        let response = browser()
            .get(login_url(&site, &[(option, value)]))
            .send()
            .await
            .expect("login");
        refused_naming(response, option).await;
    }
    // One allowed, another not.
    let site = site_with(|toml| {
        format!("{toml}\n[remote_apps.{APP}.login_options]\nallow = [\"prompt\"]\n")
    })
    .await;
    let response = browser()
        .get(login_url(&site, &[("prompt", "login"), ("max_age", "0")]))
        .send()
        .await
        .expect("login");
    refused_naming(response, "max_age").await;
    assert!(
        site.provider.authorize_requests().is_empty(),
        "nothing reached the provider"
    );
}

async fn an_invalid_value_is_refused_on_the_page() {
    let site = site_with(allowing).await;
    let cases: [&[(&str, &str)]; 6] = [
        &[("max_age", "-1")],
        &[("max_age", "99999999999")],
        &[("prompt", "none login")],
        &[("prompt", "always")],
        &[("scope", "admin:org")],
        &[("prompt", "login"), ("prompt", "consent")],
    ];
    for params in cases {
        let response = browser()
            .get(login_url(&site, params))
            .send()
            .await
            .expect("login");
        refused_naming(response, params[0].0).await;
    }
    assert!(site.provider.authorize_requests().is_empty());
}

async fn unrelated_query_parameters_are_ignored_and_never_forwarded() {
    let site = site().await;
    let response = browser()
        .get(login_url(
            &site,
            &[
                ("utm_source", "newsletter"),
                ("fbclid", "x"),
                ("next", "/d"),
            ],
        ))
        .send()
        .await
        .expect("login");
    assert_eq!(response.status(), 302);
    let params = query(&location(&response));
    assert!(!params.contains_key("utm_source") && !params.contains_key("fbclid"));
    assert!(!params.contains_key("prompt"));
}

async fn a_signed_in_users_confirmation_keeps_the_options() {
    let site = site_with(allowing).await;
    let browser = browser();
    site.login(&browser, None).await;
    let user = site.user_id(&browser).await;
    let page = browser
        .get(login_url(
            &site,
            &[("prompt", "consent"), ("scope", "repo"), ("next", "/n")],
        ))
        .send()
        .await
        .expect("confirmation page");
    assert_eq!(page.status(), 200);
    let page = page.text().await.expect("page");
    assert_eq!(
        crate::html::input_value(&page, "prompt").as_deref(),
        Some("consent")
    );
    assert_eq!(
        crate::html::input_value(&page, "scope").as_deref(),
        Some("repo")
    );
    assert_eq!(crate::html::input_value(&page, "max_age"), None);

    // Confirming carries them to the provider, and the flow links as before.
    let started = crate::browser_actions::start_flow(
        &browser,
        &login_url(
            &site,
            &[("prompt", "consent"), ("scope", "repo"), ("next", "/n")],
        ),
    )
    .await;
    assert_eq!(started.status(), 302);
    let params = query(&location(&started));
    assert_eq!(params["prompt"], "consent");
    assert_eq!(params["scope"], "read:user repo");
    let callback = site.authorize(&browser, &location(&started)).await;
    let done = browser.get(callback).send().await.expect("callback");
    assert_eq!(location(&done), "/n");
    assert_eq!(site.user_id(&browser).await, user);
}

async fn the_form_route_refuses_an_option_outside_the_allow_list() {
    let site = site().await;
    let browser = browser();
    site.login(&browser, None).await;
    let response = site
        .submit(
            &browser,
            "/account/settings/linkedaccounts/",
            &format!("/oauth/login/{APP}/"),
            &[("prompt", "login")],
        )
        .await;
    refused_naming(response, "prompt").await;
}

/// `POST /api/oauth/login/{APP}` with this browser's CSRF token and `body`.
async fn begin(site: &TestSite, browser: &reqwest::Client, body: &Value) -> reqwest::Response {
    let token = site.csrf(browser).await;
    browser
        .post(site.url(&format!("/api/oauth/login/{APP}")))
        .header("X-CSRF-Token", token)
        .json(body)
        .send()
        .await
        .expect("post")
}

/// A JSON 400 with machine code `code` whose message names `needle`.
async fn json_refused(response: reqwest::Response, code: &str, needle: &str) {
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.expect("json");
    assert_eq!(
        (&body["code"], &body["status"]),
        (&json!(code), &json!(400)),
        "{body}"
    );
    let message = body["message"].as_str().expect("message");
    if code == "malformed_request" {
        // The parser's words are for the developer: in `detail`, beside the people's message.
        assert_eq!(message, "The request could not be read.", "{body}");
        let detail = body["detail"].as_str().expect("detail");
        assert!(detail.contains(needle), "{detail}");
    } else {
        assert!(message.contains(needle), "{message}");
    }
}

async fn each_option_reaches_the_provider_from_the_json_route() {
    let site = site_with(allowing).await;
    let browser = browser();
    let begun = begin(
        &site,
        &browser,
        &json!({
            "next": "/spa",
            "prompt": "login consent",
            "login_hint": "octo cat@example.org",
            "max_age": 0,
            "acr_values": "urn:example:mfa",
            "scope": "repo read:org",
        }),
    )
    .await;
    assert_eq!(begun.status(), 200);
    let body: Value = begun.json().await.expect("json");
    let url = body["authorization_url"]
        .as_str()
        .expect("authorization_url");
    let callback = site.authorize(&browser, url).await;
    provider_saw_every_option(&site);
    let done = browser.get(callback).send().await.expect("callback");
    assert_eq!(location(&done), "/spa");
}

async fn the_json_route_refuses_what_the_app_does_not_allow() {
    let site = site().await;
    let browser = browser();
    json_refused(
        begin(&site, &browser, &json!({"prompt": "login"})).await,
        "login_option_not_allowed",
        "`prompt`",
    )
    .await;
    json_refused(
        begin(&site, &browser, &json!({"max_age": 5})).await,
        "login_option_not_allowed",
        "`max_age`",
    )
    .await;
    json_refused(
        begin(&site, &browser, &json!({"remember": true})).await,
        "login_option_not_allowed",
        "`remember`",
    )
    .await;
    // `false` asks for nothing, so it needs no allowing.
    let unremembered = begin(&site, &browser, &json!({"remember": false})).await;
    assert_eq!(unremembered.status(), 200);
    // A field that is no option at all (here a typo) is refused too: nothing is dropped.
    json_refused(
        begin(&site, &browser, &json!({"promt": "login"})).await,
        "malformed_request",
        "promt",
    )
    .await;

    let site = site_with(allowing).await;
    json_refused(
        begin(&site, &browser, &json!({"max_age": -1})).await,
        "malformed_request",
        "",
    )
    .await;
    json_refused(
        begin(&site, &browser, &json!({"scope": "admin:org"})).await,
        "login_option_not_allowed",
        "admin:org",
    )
    .await;
    json_refused(
        begin(&site, &browser, &json!({"login_hint": "a\u{7}b"})).await,
        "login_option_invalid",
        "`login_hint`",
    )
    .await;
    assert!(site.provider.authorize_requests().is_empty());
}

async fn a_state_whose_options_are_no_longer_allowed_is_refused_at_the_callback() {
    let site = site_with(allowing).await;
    let browser = browser();
    let started = crate::browser_actions::start_flow(
        &browser,
        &login_url(&site, &[("prompt", "login"), ("scope", "read:org")]),
    )
    .await;
    let callback = site.authorize(&browser, &location(&started)).await;

    // Meanwhile a new deployment stops allowing `read:org`; the callback lands there.
    let changed = site.toml.replace(", \"read:org\"]", "]");
    assert_ne!(changed, site.toml);
    let instance = site
        .another_instance_configured(&Sessions::Cookie, &changed)
        .await;
    let on_new = callback.replacen(&site.base, &instance.base, 1);
    let response = browser.get(on_new).send().await.expect("callback");
    refused_naming(response, "read:org").await;
    assert!(
        site.provider.token_requests().is_empty(),
        "the code was never exchanged"
    );
    assert_eq!(site.whoami(&browser).await, "anonymous");
}

/// The scenarios of this module.
pub(super) fn scenarios() -> Vec<Scenario> {
    scenario_list![
        each_option_reaches_the_provider_from_the_page,
        an_option_outside_the_allow_list_is_refused_on_the_page,
        an_invalid_value_is_refused_on_the_page,
        unrelated_query_parameters_are_ignored_and_never_forwarded,
        a_signed_in_users_confirmation_keeps_the_options,
        the_form_route_refuses_an_option_outside_the_allow_list,
        each_option_reaches_the_provider_from_the_json_route,
        the_json_route_refuses_what_the_app_does_not_allow,
        a_state_whose_options_are_no_longer_allowed_is_refused_at_the_callback,
    ]
}
