//! Configurations that are refused, and the key or path each error names.

use super::*;

/// Every invalid case and the key its error must name.
#[allow(
    clippy::too_many_lines,
    reason = "one row per invalid case reads best as one table"
)]
#[test]
fn invalid_configs_name_the_key() {
    let cases: Vec<(String, &str, &str)> = vec![
        (
            example_with("state_expires = 300", "state_expires = 0"),
            "state_expires",
            "greater than zero",
        ),
        (
            example_with("state_expires = 300", "state_expires = \"soon\""),
            "state_expires",
            "whole number",
        ),
        (example_with(TEST_SECRET_KEY, ""), "secret_key", "missing"),
        (
            example_with(TEST_SECRET_KEY, "secret_key = \"short\""),
            "secret_key",
            "too short",
        ),
        (
            example_with("site_url = \"https://localhost:5000\"", ""),
            "site_url",
            "missing",
        ),
        (
            example_with(
                "site_url = \"https://localhost:5000\"",
                "site_url = \"not a url\"",
            ),
            "site_url",
            "not a valid URL",
        ),
        (
            example_with(
                "site_url = \"https://localhost:5000\"",
                "site_url = \"http://example.org\"",
            ),
            "site_url",
            "https",
        ),
        (
            example_with(
                "session_key_prefix = \"oauth_token\"",
                "session_key_prefix = \"\"",
            ),
            "session_key_prefix",
            "empty",
        ),
        (
            example_with(
                "trusted_hosts = [\"docs.example.org\"]",
                "trusted_hosts = [\"https://docs.example.org/\"]",
            ),
            "trusted_hosts[0]",
            "not a host",
        ),
        (
            example_with(
                "authorize_url = \"https://github.com/login/oauth/authorize\"",
                "authorize_url = \"github.com/login\"",
            ),
            "remote_apps.github.params.authorize_url",
            "not a valid URL",
        ),
        (
            example_with(
                "authorize_url = \"https://github.com/login/oauth/authorize\"",
                "authorize_url = \"javascript:alert(1)\"",
            ),
            "remote_apps.github.params.authorize_url",
            "scheme",
        ),
        (
            example_with(
                "authorize_url = \"https://github.com/login/oauth/authorize\"",
                "authorize_url = \"http://github.com/login/oauth/authorize\"",
            ),
            "remote_apps.github.params.authorize_url",
            "https",
        ),
        (
            example_with(
                "authorize_url = \"https://github.com/login/oauth/authorize\"",
                "",
            ),
            "remote_apps.github.params.authorize_url",
            // Named like a provider: the endpoint is missing because its crate is not linked.
            "no provider `github` is linked",
        ),
        (
            // Named like a provider whose crate is not linked: the hint says how to link it.
            example_with(
                "authorize_url = \"https://github.com/login/oauth/authorize\"",
                "",
            ),
            "remote_apps.github.params.authorize_url",
            "use oauthclient_github as _;",
        ),
        (
            example_with(
                "base_url = \"https://api.github.com/\"",
                "base_url = \"ftp://api.github.com/\"",
            ),
            "remote_apps.github.params.base_url",
            "scheme",
        ),
        (
            example_with(
                "access_token_method = \"POST\"",
                "access_token_method = \"PUT\"",
            ),
            "remote_apps.github.params.access_token_method",
            "not POST or GET",
        ),
        (
            example_with(
                "authorized_handler = \"test:authorized_signup\"",
                "authorized_handler = \"nope:missing\"",
            ),
            "remote_apps.github.authorized_handler",
            "unknown authorized handler `nope:missing`",
        ),
        (
            example_with(
                "disconnect_handler = \"test:disconnect\"",
                "disconnect_handler = \"test:account_info\"",
            ),
            "remote_apps.github.disconnect_handler",
            "is a signup info handler",
        ),
        (
            example_with("setup = \"test:account_setup\"", "setup = \"x\""),
            "remote_apps.github.signup_handler.setup",
            "unknown",
        ),
        (
            example_with("title = \"GitHub\"", "titel = \"GitHub\""),
            "remote_apps.github",
            "unknown field `titel`",
        ),
        (
            example_with("[remote_apps.github]", "[remote_apps.GitHub]"),
            "remote_apps.GitHub",
            "lower-case",
        ),
        (
            example_with(
                "consumer_key = \"example-client-id\"",
                "consumer_key = \"\"",
            ),
            "GITHUB_APP_CREDENTIALS.consumer_key",
            "missing",
        ),
        (
            example_with(
                "request_token_params = { scope = \"user:email\" }",
                "request_token_params = { scope = \"user:email\" }\nscopes = [\"repo\"]",
            ),
            "remote_apps.github.params.scopes",
            "not both",
        ),
        (
            example_with(
                "request_token_params = { scope = \"user:email\" }",
                "request_token_params = { redirect_uri = \"https://evil.example/\" }",
            ),
            "remote_apps.github.params.request_token_params.redirect_uri",
            "set by the flow",
        ),
        (
            example_with(
                "link_only = true",
                "link_only = true\n[remote_apps.legacy.params.x]",
            ),
            "remote_apps.legacy",
            "unknown field `x`",
        ),
        (
            example_with(
                "base_url = \"https://legacy.example.org/api/\"",
                "pkce = true",
            ),
            "remote_apps.legacy.params.pkce",
            "OAuth2 only",
        ),
        (
            example_with(
                "[remote_apps.legacy]",
                "[remote_apps.legacy]\nprovider = \"nope\"",
            ),
            "remote_apps.legacy.provider",
            "no provider `nope` is linked",
        ),
        (
            example_with(
                "[remote_apps.legacy]",
                "[remote_apps.legacy]\nprovider = \"orcid_sandbox\"",
            ),
            "remote_apps.legacy.provider",
            "use oauthclient_orcid as _;",
        ),
        ("this is = not toml =".to_owned(), "(toml)", ""),
        (
            example_with(
                "title = \"GitHub\"",
                "title = \"GitHub\"\nrest = { authorized_redirect_url = \"//evil.example/\" }",
            ),
            "remote_apps.github.rest.authorized_redirect_url",
            "trusted host",
        ),
        (
            example_with(
                "access_token_method = \"POST\"",
                "access_token_method = \"POST\"\nclient_auth = \"magic\"",
            ),
            "remote_apps.github.params.client_auth",
            "`magic` is not \"post\", \"basic\", \"none\", \"client_secret_jwt\"",
        ),
        (
            example_with(
                "access_token_method = \"POST\"",
                "access_token_method = \"GET\"",
            ),
            "remote_apps.github.params.access_token_method",
            "OAuth1 apps only",
        ),
        (
            format!("{}\n[rate_limit]\nper_minute = 0\n", *EXAMPLE),
            "rate_limit.per_minute",
            "greater than zero",
        ),
        (
            format!(
                "{}\n[rate_limit]\nper_minute = 5\ntrusted_proxies = [\"10.0.0.0/33\"]\n",
                *EXAMPLE
            ),
            "rate_limit.trusted_proxies",
            "not an IP address or CIDR block",
        ),
        (
            format!("{}\n[rate_limit]\nper_minut = 5\n", *EXAMPLE),
            "rate_limit.per_minut",
            "unknown key",
        ),
        (
            // An issuer needs a protocol handler that speaks OpenID Connect.
            example_with(
                "access_token_method = \"POST\"",
                "access_token_method = \"POST\"\nissuer = \"https://sso.example.org\"",
            ),
            "remote_apps.github.params.issuer",
            "OpenID Connect protocol handler",
        ),
    ];
    for (toml, key, fragment) in cases {
        let err = load(&toml).expect_err(key);
        assert_eq!(err.key, key, "{err}");
        assert!(err.message.contains(fragment), "{key}: {err}");
        assert!(
            err.to_string().contains(key),
            "message names the key: {err}"
        );
    }
}

#[test]
fn bad_environment_values_name_the_variable() {
    let err = load_with_env(&EXAMPLE, &[("OAUTHCLIENT_STATE_EXPIRES", "five")]).expect_err("bad");
    assert_eq!(err.key, "OAUTHCLIENT_STATE_EXPIRES");
    let err = load_with_env(
        &EXAMPLE,
        &[("OAUTHCLIENT_REMOTE_APPS__ORCID__REMEMBER", "maybe")],
    )
    .expect_err("bad");
    assert_eq!(err.key, "OAUTHCLIENT_REMOTE_APPS__ORCID__REMEMBER");
}

#[test]
fn unreadable_file_names_the_path() {
    let err = OAuthClientConfig::from_file("/definitely/not/here.toml", &NoEnv, &registry())
        .expect_err("missing file");
    assert_eq!(err.key, "/definitely/not/here.toml");
}

/// Using a provider whose crate is not linked says which crate to add and how to link it, in
/// one sentence, under the key that named the provider.
#[test]
fn an_unlinked_provider_names_its_crate() {
    let err = load(&example_with(
        "[remote_apps.legacy]",
        "[remote_apps.legacy]\nprovider = \"orcid_sandbox\"",
    ))
    .expect_err("not linked");
    assert_eq!(err.key, "remote_apps.legacy.provider");
    assert_eq!(
        err.message,
        "no provider `orcid_sandbox` is linked — add `oauthclient-orcid` and \
         `use oauthclient_orcid as _;` (linked: none)"
    );
    let err = load(&example_with(
        "authorize_url = \"https://github.com/login/oauth/authorize\"",
        "",
    ))
    .expect_err("not linked");
    assert_eq!(err.key, "remote_apps.github.params.authorize_url");
    assert_eq!(
        err.message,
        "no provider `github` is linked — add `oauthclient-github` and \
         `use oauthclient_github as _;` (linked: none)"
    );
}

#[test]
fn a_cors_origin_that_is_not_an_origin_is_refused() {
    for bad in [
        "*",
        "https://app.example.org/path",
        "app.example.org",
        "ftp://app.example.org",
        "https://user@app.example.org",
        "https://a.example https://b.example",
    ] {
        let toml = example_with(
            "trusted_hosts = [\"docs.example.org\"]",
            &format!(
                "trusted_hosts = [\"docs.example.org\"]\ncors_origins = [\"https://ok.example\", {bad:?}]"
            ),
        );
        let err = load(&toml).expect_err(bad);
        assert_eq!(err.key, "cors_origins[1]", "{err}");
        assert!(err.message.contains(bad), "names the value: {err}");
    }
    let not_a_list = example_with(
        "trusted_hosts = [\"docs.example.org\"]",
        "trusted_hosts = [\"docs.example.org\"]\ncors_origins = \"https://a.example\"",
    );
    assert_eq!(load(&not_a_list).expect_err("a string").key, "cors_origins");
}
