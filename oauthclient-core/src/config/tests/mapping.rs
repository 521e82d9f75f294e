//! `[remote_apps.<name>.account_info]`, `[roles]` and `token_only`: what loads, and every
//! refusal with the key it names.

use super::*;

/// A whole configuration with one app `sso` (base URL `https://sso.example/api/`) whose
/// table ends with `app` (TOML lines under `[remote_apps.sso]`, sub-tables allowed).
fn config_with(app: &str) -> String {
    format!(
        r#"
secret_key = "a-very-long-random-secret-of-at-least-32-bytes"
site_url = "https://example.org"

[SSO_APP_CREDENTIALS]
consumer_key = "my/client~id"
consumer_secret = "s"

[remote_apps.sso.params]
authorize_url = "https://sso.example/authorize"
access_token_url = "https://sso.example/token"
base_url = "https://sso.example/api/"

[remote_apps.sso]
{app}
"#
    )
}

fn load(app: &str) -> Result<OAuthClientConfig, ConfigError> {
    OAuthClientConfig::from_toml_str(&config_with(app), &NoEnv, &Registry::default())
}

fn mapping(app: &str) -> AccountMapping {
    load(app)
        .expect("loads")
        .remote_app("sso")
        .and_then(|app| app.account_mapping.clone())
        .expect("mapped")
}

#[test]
fn a_full_mapping_loads_with_sources_resolved_and_client_id_substituted() {
    let mapping = mapping(
        r#"
[remote_apps.sso.account_info]
userinfo = { url = "me", method = "post", query = { client = "{client_id}" }, headers = { "X-Client" = "{client_id}" } }
emails = "https://sso.example/api/emails"
id = "/sub"
username = "id_token:/preferred_username"
name = ["/given_name", "/family_name"]
groups = ["/groups", { pointer = "access_token:/resource_access/{client_id}/roles", prefix = "{client_id}:" }]
[remote_apps.sso.account_info.email]
rule = "list"
list = "emails:"
address = "/email"
verified = "/verified"
primary = "/primary"
"#,
    );
    let userinfo = mapping.userinfo.as_ref().expect("userinfo");
    assert_eq!(
        userinfo.url.as_str(),
        "https://sso.example/api/me?client=my%2Fclient%7Eid"
    );
    assert!(userinfo.post);
    assert_eq!(
        userinfo.headers,
        [("X-Client".to_owned(), "my/client~id".to_owned())]
    );
    assert_eq!(
        mapping.id,
        Pointer::parse("userinfo:/sub", Source::Userinfo).expect("ok")
    );
    assert_eq!(
        mapping.username.as_ref().map(|p| p.source),
        Some(Source::IdToken)
    );
    assert_eq!(mapping.name.len(), 2);
    // In a pointer the client id is one segment: `/` and `~` escaped (RFC 6901).
    assert_eq!(
        mapping.groups[1].pointer.path,
        "/resource_access/my~1client~0id/roles"
    );
    assert_eq!(mapping.groups[1].prefix, "my/client~id:");
    assert!(matches!(
        &mapping.email,
        Some(EmailRule::List { list, address, .. }) if list.source == Source::Emails && list.path.is_empty() && address == "/email"
    ));
}

#[test]
fn without_userinfo_pointers_read_the_id_token_and_a_single_group_string_is_accepted() {
    let mapping = mapping("[remote_apps.sso.account_info]\nid = \"/sub\"\ngroups = \"/groups\"\n");
    assert_eq!(mapping.id.source, Source::IdToken);
    assert_eq!(mapping.groups.len(), 1);
    assert!(mapping.userinfo.is_none() && mapping.email.is_none());
}

#[test]
fn a_list_of_two_group_pointers_is_two_pointers_not_a_pointer_and_a_prefix() {
    let mapping = mapping(
        "[remote_apps.sso.account_info]\nid = \"/sub\"\ngroups = [\"id_token:/groups\", \"id_token:/roles\"]\n",
    );
    assert_eq!(mapping.groups.len(), 2, "{:?}", mapping.groups);
    assert!(mapping.groups.iter().all(|group| group.prefix.is_empty()));
}

#[test]
fn each_email_rule_loads() {
    for (rule, check) in [
        (
            "rule = \"flag\"\naddress = \"/email\"\nverified = \"/email_verified\"\ntrue_strings = true",
            (|rule: &EmailRule| {
                matches!(
                    rule,
                    EmailRule::Flag {
                        true_strings: true,
                        ..
                    }
                )
            }) as fn(&EmailRule) -> bool,
        ),
        (
            "rule = \"always\"\naddress = \"/email\"\ndocumented = \"https://docs.sso.example/email\"",
            |rule| matches!(rule, EmailRule::Always { documented, .. } if documented.as_str() == "https://docs.sso.example/email"),
        ),
        ("rule = \"unverified\"\naddress = \"/email\"", |rule| {
            matches!(rule, EmailRule::Unverified { .. })
        }),
    ] {
        let mapping = mapping(&format!(
            "[remote_apps.sso.account_info]\nid = \"/sub\"\n[remote_apps.sso.account_info.email]\n{rule}\n"
        ));
        assert!(check(mapping.email.as_ref().expect("a rule")), "{rule}");
    }
}

#[test]
fn roles_and_token_only_load() {
    let config = load(
        "token_only = true\n[remote_apps.sso.roles]\nrequire_any = [\"cern_user\"]\nmap = { \"cern_user\" = [\"user\"], \"it-*\" = [\"staff\"] }\npass_through = true\n",
    )
    .expect("loads");
    let app = config.remote_app("sso").expect("sso");
    assert!(app.token_only);
    assert!(app.account_mapping.is_none());
    let groups = [
        "cern_user".to_owned(),
        "it-ops".to_owned(),
        "other".to_owned(),
    ];
    assert!(app.roles.allows(&groups));
    assert!(!app.roles.allows(&["other".to_owned()]));
    assert_eq!(
        Vec::from_iter(app.roles.roles_for(&groups)),
        ["other", "staff", "user"]
    );
}

#[test]
fn token_only_can_come_from_the_environment() {
    let env = BTreeMap::from([(
        "OAUTHCLIENT_REMOTE_APPS__SSO__TOKEN_ONLY".to_owned(),
        "yes".to_owned(),
    )]);
    let config = OAuthClientConfig::from_toml_str(&config_with(""), &env, &Registry::default())
        .expect("loads");
    assert!(config.remote_app("sso").expect("sso").token_only);
}

/// Every refusal: (the app's lines, the key named, words of the message).
#[test]
fn invalid_mappings_name_the_key() {
    let info = "[remote_apps.sso.account_info]";
    let email = "[remote_apps.sso.account_info.email]";
    let cases: Vec<(String, &str, &str)> = vec![
        (format!("{info}\nusername = \"/login\""), "remote_apps.sso.account_info.id", "missing"),
        (format!("{info}\nid = \"sub\""), "remote_apps.sso.account_info.id", "not a JSON pointer"),
        (format!("{info}\nid = \"cookie:/sub\""), "remote_apps.sso.account_info.id", "unknown source `cookie:`"),
        (format!("{info}\nid = \"userinfo:/sub\""), "remote_apps.sso.account_info.id", "`remote_apps.sso.account_info.userinfo` is not set"),
        (format!("{info}\nid = \"emails:/0/id\""), "remote_apps.sso.account_info.id", "emails"),
        (format!("{info}\nid = \"callback:/user/id\""), "remote_apps.sso.account_info.id", "browser"),
        (format!("{info}\nid = \"access_token:/sub\""), "remote_apps.sso.account_info.id", "signature"),
        (format!("{info}\nid = \"/sub\"\ngroups = [\"callback:/groups\"]"), "remote_apps.sso.account_info.groups", "browser"),
        (format!("{info}\nid = \"/sub\"\n{email}\nrule = \"flag\"\naddress = \"callback:/user/email\"\nverified = \"/v\""), "remote_apps.sso.account_info.email.address", "browser"),
        (format!("{info}\nid = \"/sub\"\n{email}\nrule = \"flag\"\naddress = \"/email\"\nverified = \"access_token:/email_verified\""), "remote_apps.sso.account_info.email.verified", "signature"),
        (format!("{info}\nuserinfo = \"https://evil.example/me\"\nid = \"/id\""), "remote_apps.sso.account_info.userinfo", "origin"),
        (format!("{info}\nuserinfo = \"//evil.example/me\"\nid = \"/id\""), "remote_apps.sso.account_info.userinfo", "origin"),
        (format!("{info}\nuserinfo = \"http://sso.example/api/me\"\nid = \"/id\""), "remote_apps.sso.account_info.userinfo", "origin"),
        (format!("{info}\nemails = \"https://sso.example:8443/emails\"\nid = \"/sub\""), "remote_apps.sso.account_info.emails", "origin"),
        (format!("{info}\nuserinfo = \"discovered\"\nid = \"/sub\""), "remote_apps.sso.account_info.userinfo", "discovered"),
        (format!("{info}\nuserinfo = {{ url = \"me\", method = \"DELETE\" }}\nid = \"/id\""), "remote_apps.sso.account_info.userinfo.method", "GET or POST"),
        (format!("{info}\nuserinfo = {{ url = \"me\", verb = \"GET\" }}\nid = \"/id\""), "remote_apps.sso.account_info", "a URL string, or a table"),
        (format!("{info}\nid = \"/sub\"\nnickname = \"/nick\""), "remote_apps.sso.account_info", "nickname"),
        (format!("{info}\nid = \"/sub\"\n{email}\naddress = \"/email\""), "remote_apps.sso.account_info.email.rule", "missing"),
        (format!("{info}\nid = \"/sub\"\n{email}\nrule = \"trusted\"\naddress = \"/email\""), "remote_apps.sso.account_info.email.rule", "unknown rule `trusted`"),
        (format!("{info}\nid = \"/sub\"\n{email}\nrule = \"always\"\naddress = \"/email\""), "remote_apps.sso.account_info.email.documented", "missing"),
        (format!("{info}\nid = \"/sub\"\n{email}\nrule = \"always\"\naddress = \"/email\"\ndocumented = \"see the docs\""), "remote_apps.sso.account_info.email.documented", "not an http(s) URL"),
        (format!("{info}\nid = \"/sub\"\n{email}\nrule = \"always\"\naddress = \"/email\"\ndocumented = \"https://d.example\"\nverified = \"/v\""), "remote_apps.sso.account_info.email.verified", "not used by rule = \"always\""),
        (format!("{info}\nid = \"/sub\"\n{email}\nrule = \"flag\"\naddress = \"/email\""), "remote_apps.sso.account_info.email.verified", "missing"),
        (format!("{info}\nid = \"/sub\"\n{email}\nrule = \"unverified\"\naddress = \"/email\"\nlist = \"/emails\""), "remote_apps.sso.account_info.email.list", "not used"),
        (format!("{info}\nid = \"/sub\"\n{email}\nrule = \"list\"\nlist = \"/emails\"\naddress = \"userinfo:/email\""), "remote_apps.sso.account_info.email.address", "points into one entry"),
        ("[remote_apps.sso.roles]\nmap = { \"a*b\" = [\"x\"] }\n[remote_apps.sso.account_info]\nid = \"/sub\"".into(), "remote_apps.sso.roles.map.\"a*b\"", "`*` may only end"),
        ("[remote_apps.sso.roles]\nmap = { \"staff\" = [\"\"] }\n[remote_apps.sso.account_info]\nid = \"/sub\"".into(), "remote_apps.sso.roles.map.\"staff\"", "role name"),
        ("[remote_apps.sso.roles]\nrequire_any = [\"\"]\n[remote_apps.sso.account_info]\nid = \"/sub\"".into(), "remote_apps.sso.roles.require_any", "empty"),
        ("[remote_apps.sso.roles]\nrequire = [\"x\"]\n[remote_apps.sso.account_info]\nid = \"/sub\"".into(), "remote_apps.sso.roles", "require"),
    ];
    for (app, key, words) in cases {
        let err = load(&app).expect_err(&app);
        assert_eq!(err.key, key, "{app}\n{err}");
        assert!(err.message.contains(words), "{app}\n{err}");
    }
}

#[test]
fn a_document_needs_a_base_url() {
    let toml = config_with("[remote_apps.sso.account_info]\nuserinfo = \"me\"\nid = \"/id\"")
        .replace("base_url = \"https://sso.example/api/\"", "");
    let err = OAuthClientConfig::from_toml_str(&toml, &NoEnv, &Registry::default())
        .expect_err("no base_url");
    assert_eq!(err.key, "remote_apps.sso.account_info.userinfo");
    assert!(err.message.contains("params.base_url"), "{err}");
}

#[test]
fn the_hosts_email_rule_replaces_the_providers_whole_rule() {
    let mut template = toml::Table::new();
    let mut host = toml::Table::new();
    template.insert(
        "account_info".into(),
        toml::Value::Table(
            toml::from_str(
                "id = \"/sub\"\n[email]\nrule = \"flag\"\naddress = \"/email\"\nverified = \"/v\"",
            )
            .expect("toml"),
        ),
    );
    host.insert(
        "account_info".into(),
        toml::Value::Table(
            toml::from_str("[email]\nrule = \"unverified\"\naddress = \"/mail\"").expect("toml"),
        ),
    );
    account_mapping::hosts_email_rule_wins(&mut template, &host);
    assert!(template["account_info"].get("email").is_none());
    assert_eq!(template["account_info"]["id"].as_str(), Some("/sub"));
}

#[test]
fn require_any_can_come_from_the_environment_as_a_list() {
    let env = BTreeMap::from([(
        "OAUTHCLIENT_REMOTE_APPS__SSO__ROLES__REQUIRE_ANY".to_owned(),
        "staff, it-*".to_owned(),
    )]);
    let config = OAuthClientConfig::from_toml_str(
        &config_with("token_only = true"),
        &env,
        &Registry::default(),
    )
    .expect("loads");
    let roles = &config.remote_app("sso").expect("sso").roles;
    assert!(roles.allows(&["it-ops".to_owned()]));
    assert!(!roles.allows(&["visitor".to_owned()]));
}

#[test]
fn a_bare_star_matches_every_group_and_patterns_match_by_prefix_only() {
    let config = load(
        "token_only = true\n[remote_apps.sso.roles]\nmap = { \"*\" = [\"member\"], \"it-*\" = [\"staff\"] }\n",
    )
    .expect("loads");
    let roles = &config.remote_app("sso").expect("sso").roles;
    assert_eq!(
        Vec::from_iter(roles.roles_for(&["x".to_owned()])),
        ["member"]
    );
    assert_eq!(
        Vec::from_iter(roles.roles_for(&["my-it-ops".to_owned(), "it-".to_owned()])),
        ["member", "staff"]
    );
    assert!(roles.allows(&[]), "no require_any: no requirement");
}
