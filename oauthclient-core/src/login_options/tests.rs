use std::collections::BTreeMap;

use url::Url;

use super::{
    InvalidReason, LoginOption, LoginOptionError, LoginOptions, LoginOptionsPolicy,
    MAX_LOGIN_HINT_CHARS, Prompt,
};

/// Everything allowed, with two extra scopes.
fn all_allowed() -> LoginOptionsPolicy {
    LoginOptionsPolicy::new(LoginOption::ALL, ["repo", "read:org"])
}

fn parse(pairs: &[(&str, &str)]) -> Result<LoginOptions, LoginOptionError> {
    LoginOptions::parse(pairs.iter().copied(), &all_allowed())
}

fn invalid_option(result: Result<LoginOptions, LoginOptionError>) -> LoginOption {
    match result {
        Err(LoginOptionError::Invalid { option, reason }) => {
            assert!(!reason.to_string().is_empty());
            option
        }
        other => panic!("expected an invalid value, got {other:?}"),
    }
}

#[test]
fn every_option_parses_into_its_typed_value() {
    let options = parse(&[
        ("prompt", "login consent"),
        ("login_hint", "octo@example.org"),
        ("max_age", "0"),
        ("acr_values", "urn:mace:incommon:iap:silver  mfa"),
        ("scope", "read:org repo read:org"),
        ("next", "/ignored"),
        ("utm_source", "ignored"),
    ])
    .expect("valid");
    assert_eq!(options.prompt, [Prompt::Login, Prompt::Consent]);
    assert_eq!(options.login_hint.as_deref(), Some("octo@example.org"));
    assert_eq!(options.max_age, Some(0));
    assert_eq!(options.acr_values, ["urn:mace:incommon:iap:silver", "mfa"]);
    assert_eq!(options.scopes, ["read:org", "repo"], "duplicates dropped");
}

#[test]
fn no_options_and_empty_values_are_nothing() {
    assert!(parse(&[]).expect("none").is_empty());
    let empty = parse(&[("prompt", ""), ("max_age", ""), ("scope", "")]).expect("empty");
    assert!(empty.is_empty());
    // Empty values are absent even where the option is not allowed (a form's blank field).
    let none = LoginOptions::parse([("prompt", "")], &LoginOptionsPolicy::default());
    assert_eq!(none, Ok(LoginOptions::default()));
}

#[test]
fn nothing_is_allowed_by_default() {
    for option in LoginOption::ALL {
        let value = if option == LoginOption::MaxAge {
            "1"
        } else {
            "x"
        };
        let refused = LoginOptions::parse([(option.name(), value)], &LoginOptionsPolicy::default());
        assert_eq!(
            refused,
            Err(LoginOptionError::NotAllowed { option }),
            "{option}"
        );
    }
}

#[test]
fn an_option_outside_the_allow_list_is_refused_by_name() {
    let policy = LoginOptionsPolicy::new([LoginOption::Prompt], Vec::<String>::new());
    let refused = LoginOptions::parse([("prompt", "login"), ("max_age", "5")], &policy);
    assert_eq!(
        refused,
        Err(LoginOptionError::NotAllowed {
            option: LoginOption::MaxAge
        })
    );
    // Not allowed is reported before an invalid value elsewhere in the request.
    let refused = LoginOptions::parse([("prompt", "bogus"), ("scope", "repo")], &policy);
    assert_eq!(
        refused,
        Err(LoginOptionError::NotAllowed {
            option: LoginOption::Scope
        })
    );
    let message = refused.expect_err("refused").to_string();
    assert!(message.contains("`scope`"), "{message}");
}

#[test]
fn a_repeated_option_is_refused_even_when_empty() {
    assert_eq!(
        parse(&[("prompt", ""), ("prompt", "login")]),
        Err(LoginOptionError::Repeated {
            option: LoginOption::Prompt
        })
    );
    // Checked before the allow-list: the request is malformed either way.
    let refused = LoginOptions::parse(
        [("max_age", "1"), ("max_age", "2")],
        &LoginOptionsPolicy::default(),
    );
    assert_eq!(
        refused,
        Err(LoginOptionError::Repeated {
            option: LoginOption::MaxAge
        })
    );
}

#[test]
fn prompt_takes_the_openid_connect_values_and_none_alone() {
    for value in [
        "none",
        "login",
        "consent",
        "select_account",
        "login select_account",
    ] {
        assert!(parse(&[("prompt", value)]).is_ok(), "{value}");
    }
    for value in [
        "Login",
        "none login",
        "login login",
        "create",
        "   ",
        "login,consent",
    ] {
        assert_eq!(
            invalid_option(parse(&[("prompt", value)])),
            LoginOption::Prompt,
            "{value}"
        );
    }
}

#[test]
fn max_age_is_a_bounded_whole_number_of_seconds() {
    assert_eq!(
        parse(&[("max_age", "31536000")]).expect("a year").max_age,
        Some(31_536_000)
    );
    for value in [
        "-1",
        "+5",
        "1.5",
        " 5",
        "31536001",
        "99999999999",
        "0x10",
        "five",
    ] {
        assert_eq!(
            invalid_option(parse(&[("max_age", value)])),
            LoginOption::MaxAge,
            "{value}"
        );
    }
}

#[test]
fn login_hint_is_bounded_and_has_no_control_characters() {
    let longest = "a".repeat(MAX_LOGIN_HINT_CHARS);
    assert!(parse(&[("login_hint", &longest)]).is_ok());
    let too_long = "a".repeat(MAX_LOGIN_HINT_CHARS + 1);
    for value in [too_long.as_str(), "octo\r\nSet-Cookie: x", "tab\there"] {
        assert_eq!(
            invalid_option(parse(&[("login_hint", value)])),
            LoginOption::LoginHint
        );
    }
}

#[test]
fn acr_values_are_printable_and_bounded() {
    for value in ["caf\u{e9}", "a\tb", &"x".repeat(257), " "] {
        assert_eq!(
            invalid_option(parse(&[("acr_values", value)])),
            LoginOption::AcrValues,
            "{value:?}"
        );
    }
}

#[test]
fn only_configured_extra_scopes_may_be_asked_for() {
    assert_eq!(
        parse(&[("scope", "repo admin:org")]),
        Err(LoginOptionError::ScopeNotAllowed {
            scope: "admin:org".into()
        })
    );
    assert_eq!(
        invalid_option(parse(&[("scope", "  ")])),
        LoginOption::Scope
    );
    // A refused scope is repeated in the message only cleaned and cut short.
    let Err(LoginOptionError::ScopeNotAllowed { scope }) =
        parse(&[("scope", &format!("evil\u{7}{}", "x".repeat(200)))])
    else {
        panic!("refused");
    };
    assert_eq!(scope.chars().count(), 64);
    assert!(!scope.contains('\u{7}'));
}

#[test]
fn check_refuses_what_the_configuration_no_longer_allows() {
    let options = parse(&[("prompt", "login"), ("scope", "repo read:org")]).expect("valid");
    assert_eq!(options.check(&all_allowed()), Ok(()));
    let fewer_scopes = LoginOptionsPolicy::new(LoginOption::ALL, ["repo"]);
    assert_eq!(
        options.check(&fewer_scopes),
        Err(LoginOptionError::ScopeNotAllowed {
            scope: "read:org".into()
        })
    );
    let no_prompt = LoginOptionsPolicy::new([LoginOption::MaxAge], ["repo", "read:org"]);
    assert_eq!(
        options.check(&no_prompt),
        Err(LoginOptionError::NotAllowed {
            option: LoginOption::Prompt
        })
    );
    assert_eq!(
        LoginOptions::default().check(&LoginOptionsPolicy::default()),
        Ok(())
    );
}

fn query(url: &Url) -> BTreeMap<String, String> {
    url.query_pairs().into_owned().collect()
}

#[test]
fn applying_adds_each_option_and_merges_scopes() {
    let options = parse(&[
        ("prompt", "consent"),
        ("login_hint", "octo cat@example.org"),
        ("max_age", "60"),
        ("acr_values", "mfa"),
        ("scope", "repo"),
    ])
    .expect("valid");
    let mut url =
        Url::parse("https://p.example/authorize?scope=read:user+repo&prompt=login&state=s")
            .expect("url");
    options.apply_to(&mut url);
    let query = query(&url);
    assert_eq!(query["scope"], "read:user repo", "no duplicate scope");
    assert_eq!(
        query["prompt"], "consent",
        "the login's prompt replaces the app's"
    );
    assert_eq!(query["login_hint"], "octo cat@example.org");
    assert_eq!(query["max_age"], "60");
    assert_eq!(query["acr_values"], "mfa");
    assert_eq!(query["state"], "s");
    assert_eq!(url.query_pairs().filter(|(k, _)| k == "prompt").count(), 1);
}

#[test]
fn applying_adds_a_scope_parameter_when_the_url_has_none() {
    let options = parse(&[("scope", "repo read:org")]).expect("valid");
    let mut url = Url::parse("https://p.example/authorize?state=s").expect("url");
    options.apply_to(&mut url);
    assert_eq!(query(&url)["scope"], "repo read:org");
}

#[test]
fn remember_takes_a_checkbox_value_and_stays_here() {
    for yes in ["1", "on", "true", "YES"] {
        assert!(parse(&[("remember", yes)]).expect(yes).remember, "{yes}");
    }
    for no in ["0", "off", "false", "no"] {
        assert!(!parse(&[("remember", no)]).expect(no).remember, "{no}");
    }
    assert_eq!(
        invalid_option(parse(&[("remember", "maybe")])),
        LoginOption::Remember
    );

    let options = parse(&[("remember", "1")]).expect("remember");
    assert_eq!(
        options.to_pairs(),
        [(LoginOption::Remember, "1".to_owned())]
    );
    let mut url = Url::parse("https://provider.example/authorize?client_id=c").expect("url");
    let before = url.clone();
    options.apply_to(&mut url);
    assert_eq!(url, before, "remember is never sent to the provider");
    let with_prompt = parse(&[("remember", "on"), ("prompt", "login")]).expect("both");
    with_prompt.apply_to(&mut url);
    assert!(!query(&url).contains_key("remember"), "{url}");
    assert_eq!(query(&url)["prompt"], "login");
}

#[test]
fn applying_nothing_leaves_the_url_byte_for_byte() {
    let raw = "https://p.example/authorize?scope=a%20b&state=s";
    let mut url = Url::parse(raw).expect("url");
    LoginOptions::default().apply_to(&mut url);
    assert_eq!(url.as_str(), raw);
}

#[test]
fn options_round_trip_through_json_and_empty_ones_vanish() {
    let options = parse(&[
        ("prompt", "select_account"),
        ("max_age", "0"),
        ("scope", "repo"),
    ])
    .expect("valid");
    let json = serde_json::to_value(&options).expect("json");
    assert_eq!(
        json,
        serde_json::json!({"prompt": ["select_account"], "max_age": 0, "scope": ["repo"]})
    );
    assert_eq!(
        serde_json::from_value::<LoginOptions>(json).expect("back"),
        options
    );
    assert_eq!(
        serde_json::to_string(&LoginOptions::default()).expect("json"),
        "{}"
    );
}

#[test]
fn debug_redacts_the_login_hint() {
    let options = parse(&[("login_hint", "octo@example.org")]).expect("valid");
    let debug = format!("{options:?}");
    assert!(!debug.contains("octo@"), "{debug}");
    assert!(debug.contains("[redacted]"), "{debug}");
}

#[test]
fn the_error_serialises_with_its_option() {
    let err = LoginOptionError::Invalid {
        option: LoginOption::MaxAge,
        reason: InvalidReason::max_age(),
    };
    let json = serde_json::to_value(&err).expect("json");
    assert_eq!(json["kind"], "invalid");
    assert_eq!(json["option"], "max_age");
    assert_eq!(
        serde_json::from_value::<LoginOptionError>(json).expect("back"),
        err
    );
    assert_eq!(
        LoginOptionError::ScopeNotAllowed { scope: "x".into() }.option(),
        LoginOption::Scope
    );
}

#[test]
fn each_invalid_value_keeps_its_english_words_and_has_its_catalog_id() {
    let cases = [
        (
            &[("prompt", "nonsense")][..],
            "invalid `prompt`: use none, login, consent or select_account, separated by spaces",
            "login-option-reason-prompt-values",
        ),
        (
            &[("prompt", "login login")][..],
            "invalid `prompt`: a value is repeated",
            "login-option-reason-prompt-repeated",
        ),
        (
            &[("prompt", "none login")][..],
            "invalid `prompt`: `none` cannot be combined with other values",
            "login-option-reason-prompt-none-alone",
        ),
        (
            &[("login_hint", "a\u{7}")][..],
            "invalid `login_hint`: use at most 256 characters, no control characters",
            "login-option-reason-login-hint",
        ),
        (
            &[("max_age", "-1")][..],
            "invalid `max_age`: use a whole number of seconds from 0 to 31536000",
            "login-option-reason-max-age",
        ),
        (
            &[("acr_values", "   ")][..],
            "invalid `acr_values`: use printable values separated by spaces, at most 256 characters",
            "login-option-reason-acr-values",
        ),
        (
            &[("scope", "   ")][..],
            "invalid `scope`: name at least one scope",
            "login-option-reason-scope-empty",
        ),
        (
            &[("remember", "maybe")][..],
            "invalid `remember`: use 1 or 0",
            "login-option-reason-remember",
        ),
    ];
    for (pairs, text, reason_id) in cases {
        let err = parse(pairs).expect_err("refused");
        assert_eq!(err.to_string(), text);
        let message = err.message();
        assert_eq!(message.id(), "login-option-invalid");
        assert_eq!(
            message.get("option").and_then(|option| option.as_text()),
            Some(err.option().name())
        );
        let reason = err.reason_message().expect("a reason");
        assert_eq!(reason.id(), reason_id, "{text}");
        let has_max = text.contains("256") || text.contains("31536000");
        assert_eq!(reason.get("max").is_some(), has_max, "{text}");
    }
}

#[test]
fn the_other_refusals_name_their_option_or_scope() {
    let not_allowed = LoginOptions::parse([("prompt", "login")], &LoginOptionsPolicy::default())
        .expect_err("not allowed");
    assert_eq!(not_allowed.message().id(), "login-option-not-allowed");
    assert_eq!(
        not_allowed
            .message()
            .get("option")
            .and_then(|o| o.as_text()),
        Some("prompt")
    );
    assert_eq!(not_allowed.reason_message(), None);
    let scope = parse(&[("scope", "admin")]).expect_err("scope");
    assert_eq!(scope.message().id(), "login-option-scope-not-allowed");
    assert_eq!(
        scope.message().get("scope").and_then(|s| s.as_text()),
        Some("admin")
    );
    let repeated = LoginOptionError::Repeated {
        option: LoginOption::MaxAge,
    };
    assert_eq!(repeated.message().id(), "login-option-repeated");
    assert_eq!(
        repeated.message().get("option").and_then(|o| o.as_text()),
        Some("max_age")
    );
}
