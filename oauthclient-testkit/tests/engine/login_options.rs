//! Per-login options: parsed against the app's allow-list, signed into the state, sent to the
//! provider, carried to the token exchange, and checked again at the callback.

use oauthclient_core::OAuthError;
use oauthclient_core::engine::CallbackCheck;
use oauthclient_core::login_options::{
    LoginOption, LoginOptionError, LoginOptions, LoginOptionsPolicy,
};
use oauthclient_core::state::PendingFlows;

use super::{Parts, ada, provider_for};

/// The fake app allowing every option, with the extra scopes `repo` and `read:org`.
#[allow(
    clippy::needless_pass_by_value,
    reason = "the shape `configured` takes"
)]
fn allow_everything(toml: String) -> String {
    format!(
        "{toml}\n[remote_apps.fake.login_options]\n\
         allow = [\"prompt\", \"login_hint\", \"max_age\", \"acr_values\"]\n\
         extra_scopes = [\"repo\", \"read:org\"]\n"
    )
}

const EVERY_OPTION: [(&str, &str); 5] = [
    ("prompt", "login consent"),
    ("login_hint", "ada@example.org"),
    ("max_age", "0"),
    ("acr_values", "mfa"),
    ("scope", "repo"),
];

/// Follows `url` to the fake provider; the callback's query.
async fn through_provider(url: url::Url) -> String {
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let response = client.get(url).send().await.expect("authorize");
    let location = response
        .headers()
        .get("location")
        .and_then(|value| value.to_str().ok())
        .expect("redirected back")
        .to_owned();
    location
        .split_once('?')
        .map(|(_, query)| query.to_owned())
        .unwrap_or_default()
}

#[tokio::test]
async fn every_option_reaches_the_provider_and_the_token_exchange() {
    let provider = provider_for(ada()).await;
    let parts = Parts::configured(&provider, allow_everything);
    let engine = parts.engine();
    let options = engine
        .login_options(&parts.app, EVERY_OPTION)
        .expect("allowed");
    let mut flows = PendingFlows::default();
    let url = engine
        .start_login_with_options(&parts.app, None, &options, false, &mut flows)
        .await
        .expect("starts");
    let query = through_provider(url).await;

    let seen = provider.authorize_requests().pop().expect("one request");
    assert_eq!(seen["prompt"], "login consent");
    assert_eq!(seen["login_hint"], "ada@example.org");
    assert_eq!(seen["max_age"], "0");
    assert_eq!(seen["acr_values"], "mfa");
    assert_eq!(seen["scope"], "read:user repo", "merged with the app's own");

    let CallbackCheck::Granted { grant, .. } =
        engine.verify_callback("fake", &query, &mut flows, None)
    else {
        panic!("granted");
    };
    assert_eq!(
        grant.login_options(),
        Some(&options),
        "from the signed state"
    );
    engine
        .finish_callback(&parts.app, grant, None, None)
        .await
        .expect("signs in");
}

#[tokio::test]
async fn without_options_the_authorization_request_is_unchanged() {
    let provider = provider_for(ada()).await;
    let parts = Parts::configured(&provider, allow_everything);
    let mut flows = PendingFlows::default();
    let plain = parts
        .engine()
        .start_login(&parts.app, None, false, &mut flows)
        .await
        .expect("starts");
    let names: Vec<String> = plain
        .query_pairs()
        .map(|(name, _)| name.into_owned())
        .collect();
    for option in ["prompt", "login_hint", "max_age", "acr_values"] {
        assert!(
            !names.iter().any(|name| name == option),
            "{option}: {plain}"
        );
    }
}

#[tokio::test]
async fn an_option_outside_the_allow_list_is_refused_before_anything_starts() {
    let provider = provider_for(ada()).await;
    // The default: nothing allowed.
    let parts = Parts::new(&provider);
    let refused = parts
        .engine()
        .login_options(&parts.app, [("prompt", "login")]);
    let Err(OAuthError::LoginOption { remote, source }) = refused else {
        panic!("refused: {refused:?}");
    };
    assert_eq!(remote, "fake");
    assert_eq!(
        source,
        LoginOptionError::NotAllowed {
            option: LoginOption::Prompt
        }
    );

    // Options made under another allow-list are checked again when the flow starts.
    let elsewhere = LoginOptionsPolicy::new([LoginOption::MaxAge], Vec::<String>::new());
    let options = LoginOptions::parse([("max_age", "5")], &elsewhere).expect("valid there");
    let mut flows = PendingFlows::default();
    let refused = parts
        .engine()
        .start_login_with_options(&parts.app, None, &options, false, &mut flows)
        .await;
    assert!(
        matches!(refused, Err(OAuthError::LoginOption { .. })),
        "{refused:?}"
    );
    assert!(flows.is_empty(), "nothing started");
    assert!(provider.authorize_requests().is_empty());
}

#[tokio::test]
async fn a_state_whose_options_the_configuration_no_longer_allows_is_refused_at_the_callback() {
    let provider = provider_for(ada()).await;
    let mut parts = Parts::configured(&provider, allow_everything);
    let options = parts
        .engine()
        .login_options(&parts.app, [("prompt", "login"), ("scope", "read:org")])
        .expect("allowed");
    let mut flows = PendingFlows::default();
    let url = parts
        .engine()
        .start_login_with_options(&parts.app, Some("/after"), &options, false, &mut flows)
        .await
        .expect("starts");
    let query = through_provider(url).await;

    // The operator drops `read:org` while the user is at the provider.
    let now = LoginOptionsPolicy::new(LoginOption::ALL, ["repo"]);
    parts
        .config
        .remote_apps
        .get_mut("fake")
        .expect("fake")
        .login_options = now;
    let check = parts
        .engine()
        .verify_callback("fake", &query, &mut flows, None);
    let CallbackCheck::Refused { error, next } = check else {
        panic!("refused: {check:?}");
    };
    assert_eq!(next.as_deref(), Some("/after"));
    assert!(
        matches!(
            &error,
            OAuthError::LoginOption { source: LoginOptionError::ScopeNotAllowed { scope }, .. }
                if scope == "read:org"
        ),
        "{error:?}"
    );
    assert_eq!(error.outcome().http_status(), 400);
    assert!(flows.is_empty(), "the nonce is spent all the same");
    assert!(
        provider.token_requests().is_empty(),
        "the code was never exchanged"
    );
}
