//! Every mapping rule on JSON alone, and the documents a token carries.

use base64ct::{Base64UrlUnpadded, Encoding};
use serde_json::{Value, json};

use super::{Documents, MAX_GROUPS, MappingError, documents_in_token, jwt_payload};
use crate::config::{AccountMapping, NoEnv, RoleMapping};
use crate::secret::AccessToken;
use crate::{OAuthClientConfig, Registry, Token};

/// The app `sso` of a configuration whose `[remote_apps.sso]` ends with `lines`.
fn app(lines: &str) -> crate::config::RemoteApp {
    let toml = format!(
        r#"
secret_key = "a-very-long-random-secret-of-at-least-32-bytes"
site_url = "https://example.org"
[SSO_APP_CREDENTIALS]
consumer_key = "oauthclient-demo"
consumer_secret = "s"
[remote_apps.sso.params]
authorize_url = "https://sso.example/authorize"
access_token_url = "https://sso.example/token"
base_url = "https://sso.example/api/"
[remote_apps.sso]
{lines}
"#
    );
    OAuthClientConfig::from_toml_str(&toml, &NoEnv, &Registry::default())
        .expect("loads")
        .remote_app("sso")
        .expect("sso")
        .clone()
}

fn mapping(lines: &str) -> AccountMapping {
    app(lines).account_mapping.expect("mapped")
}

fn userinfo(document: Value) -> Documents {
    Documents {
        userinfo: Some(document),
        ..Documents::default()
    }
}

const USERINFO_FLAG: &str = r#"
[remote_apps.sso.account_info]
userinfo = "me"
id = "/id"
username = "/login"
name = ["/first", "/last"]
[remote_apps.sso.account_info.email]
rule = "flag"
address = "/email"
verified = "/verified"
"#;

#[test]
fn string_and_integer_ids_are_kept_and_others_refused() {
    let mapping = mapping(USERINFO_FLAG);
    let info = mapping
        .apply(&userinfo(json!({"id": " Ab1 "})))
        .expect("a string");
    assert_eq!(info.external_id.as_str(), " Ab1 ", "ids are byte-exact");
    let info = mapping
        .apply(&userinfo(json!({"id": 583_231})))
        .expect("an integer");
    assert_eq!(info.external_id.as_str(), "583231");
    for (document, expected) in [
        (json!({}), "no user id"),
        (json!({"id": ""}), "no user id"),
        (json!({"id": "  "}), "no user id"),
        (json!({"id": null}), "no user id"),
        (json!({"id": 1.5}), "a fraction"),
        (json!({"id": true}), "a boolean"),
        (json!({"id": {"v": 1}}), "an object"),
        (json!({"id": [1]}), "an array"),
    ] {
        let err = mapping
            .apply(&userinfo(document.clone()))
            .expect_err("refused");
        assert!(err.to_string().contains(expected), "{document}: {err}");
    }
    assert!(matches!(
        mapping.apply(&Documents::default()),
        Err(MappingError::NoId { .. })
    ));
}

#[test]
fn optional_fields_are_trimmed_joined_and_absent_when_empty() {
    let mapping = mapping(USERINFO_FLAG);
    let info = mapping
        .apply(&userinfo(
            json!({"id": "1", "login": "  ada ", "first": "Ada", "last": " Lovelace"}),
        ))
        .expect("maps");
    assert_eq!(info.username.as_deref(), Some("ada"));
    assert_eq!(info.full_name.as_deref(), Some("Ada Lovelace"));
    let info = mapping
        .apply(&userinfo(
            json!({"id": "1", "login": "", "first": 7, "last": "Lovelace"}),
        ))
        .expect("maps");
    assert_eq!(info.username, None);
    assert_eq!(info.full_name.as_deref(), Some("Lovelace"));
    let info = mapping.apply(&userinfo(json!({"id": "1"}))).expect("maps");
    assert_eq!((info.full_name, info.email), (None, None));
}

#[test]
fn the_flag_rule_trusts_json_true_only_unless_strings_are_allowed() {
    let mapping = mapping(USERINFO_FLAG);
    for (verified, trusted) in [
        (json!(true), true),
        (json!(false), false),
        (json!("true"), false),
        (json!(1), false),
        (Value::Null, false),
    ] {
        let info = mapping
            .apply(&userinfo(
                json!({"id": "1", "email": "a@example.org", "verified": verified}),
            ))
            .expect("maps");
        assert_eq!(info.email.as_deref(), Some("a@example.org"));
        assert_eq!(info.email_verified, trusted, "{verified}");
    }
    let apple = self::mapping(
        "[remote_apps.sso.account_info]\nid = \"id_token:/sub\"\n[remote_apps.sso.account_info.email]\nrule = \"flag\"\naddress = \"id_token:/email\"\nverified = \"id_token:/email_verified\"\ntrue_strings = true\n",
    );
    let documents = Documents {
        id_token: Some(
            json!({"sub": "001.apple", "email": "a@privaterelay.appleid.com", "email_verified": "true"}),
        ),
        ..Documents::default()
    };
    assert_eq!(
        apple.apply(&documents).expect("maps").trusted_email(),
        Some("a@privaterelay.appleid.com")
    );
}

const LIST_RULE: &str = r#"
[remote_apps.sso.account_info]
userinfo = "user"
emails = "user/emails"
id = "/id"
[remote_apps.sso.account_info.email]
rule = "list"
list = "emails:"
address = "/email"
verified = "/verified"
primary = "/primary"
"#;

#[test]
fn the_list_rule_takes_the_primary_entry_even_when_a_secondary_is_verified() {
    let mapping = mapping(LIST_RULE);
    let documents = |emails: Value| Documents {
        userinfo: Some(json!({"id": 9})),
        emails: Some(emails),
        ..Documents::default()
    };
    let info = mapping
        .apply(&documents(json!([
            {"email": "old@example.org", "verified": true, "primary": false},
            {"email": "main@example.org", "verified": true, "primary": true},
        ])))
        .expect("maps");
    assert_eq!(info.trusted_email(), Some("main@example.org"));
    let info = mapping
        .apply(&documents(json!([
            {"email": "verified@example.org", "verified": true, "primary": false},
            {"email": "main@example.org", "verified": false, "primary": true},
        ])))
        .expect("maps");
    assert_eq!(info.email.as_deref(), Some("main@example.org"));
    assert!(
        !info.email_verified,
        "an unverified primary is not replaced"
    );
    let info = mapping
        .apply(&documents(
            json!([{"email": "x@example.org", "verified": true}]),
        ))
        .expect("maps");
    assert_eq!(info.email, None, "no primary entry: no address");
    let info = mapping
        .apply(&documents(json!({"not": "a list"})))
        .expect("maps");
    assert_eq!(info.email, None);
    // No `emails` document (403/404): no address, still signed in.
    let info = mapping.apply(&userinfo(json!({"id": 9}))).expect("maps");
    assert_eq!(info.email, None);
}

#[test]
fn the_list_rule_without_primary_takes_the_first_entry_and_without_verified_trusts_none() {
    let mapping = mapping(
        "[remote_apps.sso.account_info]\nuserinfo = \"user\"\nid = \"/data/user_id\"\n[remote_apps.sso.account_info.email]\nrule = \"list\"\nlist = \"/data/emails\"\naddress = \"/value\"\n",
    );
    let info = mapping
        .apply(&userinfo(json!({"data": {"user_id": 12, "emails": [{"value": "first@example.org"}, {"value": "second@example.org"}]}})))
        .expect("maps");
    assert_eq!(info.external_id.as_str(), "12");
    assert_eq!(info.email.as_deref(), Some("first@example.org"));
    assert!(!info.email_verified);
}

#[test]
fn always_and_unverified_rules() {
    let always = mapping(
        "[remote_apps.sso.account_info]\nuserinfo = \"me\"\nid = \"/id\"\n[remote_apps.sso.account_info.email]\nrule = \"always\"\naddress = \"/email\"\ndocumented = \"https://docs.sso.example/verified\"\n",
    );
    let document = userinfo(json!({"id": "1", "email": "a@example.org"}));
    assert_eq!(
        always.apply(&document).expect("maps").trusted_email(),
        Some("a@example.org")
    );
    let unverified = mapping(
        "[remote_apps.sso.account_info]\nuserinfo = \"me\"\nid = \"/id\"\n[remote_apps.sso.account_info.email]\nrule = \"unverified\"\naddress = \"/email\"\n",
    );
    let info = unverified.apply(&document).expect("maps");
    assert_eq!(
        (info.email.as_deref(), info.email_verified),
        (Some("a@example.org"), false)
    );
}

#[test]
fn groups_are_prefixed_filtered_sorted_deduplicated_and_capped() {
    let mapping = mapping(
        "[remote_apps.sso.account_info]\nuserinfo = \"me\"\nid = \"/id\"\ngroups = [\"/teams\", \"/team\", { pointer = \"token:/orgs\", prefix = \"org:\" }]\n",
    );
    let long = "x".repeat(super::MAX_GROUP_CHARS + 1);
    let documents = Documents {
        userinfo: Some(json!({"id": "1", "teams": ["b", " a ", "", 7, "b", long], "team": "c"})),
        token: Some(json!({"orgs": ["cern"]})),
        ..Documents::default()
    };
    let info = mapping.apply(&documents).expect("maps");
    assert_eq!(info.groups, ["a", "b", "c", "org:cern"]);
    let many: Vec<String> = (0..MAX_GROUPS + 10).map(|n| format!("g{n:04}")).collect();
    let info = mapping
        .apply(&userinfo(json!({"id": "1", "teams": many})))
        .expect("maps");
    assert_eq!(info.groups.len(), MAX_GROUPS);
    assert_eq!(info.groups[0], "g0000");
}

/// CERN SSO: `cern_roles` in the ID token, `require_any = ["cern_user"]`.
#[test]
fn cern_roles_give_roles_and_require_a_cern_user() {
    let app = app(
        "[remote_apps.sso.account_info]\nid = \"id_token:/sub\"\nusername = \"id_token:/cern_upn\"\ngroups = \"id_token:/cern_roles\"\n[remote_apps.sso.roles]\nrequire_any = [\"cern_user\"]\nmap = { \"cern_user\" = [\"user\"], \"it-*\" = [\"staff\"] }\n",
    );
    let mapping = app.account_mapping.as_ref().expect("mapped");
    let signed = |roles: Value| Documents {
        id_token: Some(json!({"sub": "jdoe", "cern_upn": "jdoe", "cern_roles": roles})),
        ..Documents::default()
    };
    let member = mapping
        .apply(&signed(json!(["cern_user", "it-dep"])))
        .expect("maps");
    assert!(app.roles.allows(&member.groups));
    assert_eq!(
        Vec::from_iter(app.roles.roles_for(&member.groups)),
        ["staff", "user"]
    );
    let visitor = mapping
        .apply(&signed(json!(["lightweight"])))
        .expect("maps");
    assert!(!app.roles.allows(&visitor.groups));
    assert!(app.roles.roles_for(&visitor.groups).is_empty());
    let nothing = mapping.apply(&signed(Value::Null)).expect("maps");
    assert!(!app.roles.allows(&nothing.groups));
}

/// A JWT with `claims` as payload (the signature is not checked, so any bytes do).
fn jwt(claims: &Value) -> String {
    let header = Base64UrlUnpadded::encode_string(br#"{"alg":"RS256","typ":"JWT"}"#);
    let payload = Base64UrlUnpadded::encode_string(claims.to_string().as_bytes());
    format!("{header}.{payload}.c2lnbmF0dXJl")
}

/// Keycloak: realm roles and this client's roles in the access token.
#[test]
fn keycloak_realm_and_client_roles_come_from_the_access_token() {
    let app = app(r#"[remote_apps.sso.account_info]
id = "id_token:/sub"
username = "id_token:/preferred_username"
groups = [
  "access_token:/realm_access/roles",
  { pointer = "access_token:/resource_access/{client_id}/roles", prefix = "{client_id}:" },
]
[remote_apps.sso.account_info.email]
rule = "flag"
address = "id_token:/email"
verified = "id_token:/email_verified"
[remote_apps.sso.roles]
map = { "admin" = ["admin"], "oauthclient-demo:curator" = ["curator"] }
"#);
    let access_token = jwt(&json!({
        "sub": "f1e2",
        "realm_access": {"roles": ["admin", "offline_access"]},
        "resource_access": {
            "oauthclient-demo": {"roles": ["curator"]},
            "other-client": {"roles": ["owner"]},
        },
    }));
    let token = Token {
        extra: json!({"id_token_claims": {"sub": "f1e2", "preferred_username": "kc-user", "email": "kc@example.org", "email_verified": true}}),
        ..Token::bearer(AccessToken::new(access_token))
    };
    let info = app
        .account_mapping
        .as_ref()
        .expect("mapped")
        .apply(&documents_in_token(&token))
        .expect("maps");
    assert_eq!(info.external_id.as_str(), "f1e2");
    assert_eq!(info.trusted_email(), Some("kc@example.org"));
    assert_eq!(
        info.groups,
        ["admin", "oauthclient-demo:curator", "offline_access"]
    );
    assert_eq!(
        Vec::from_iter(app.roles.roles_for(&info.groups)),
        ["admin", "curator"]
    );
}

#[test]
fn the_token_carries_claims_fields_a_jwt_payload_and_callback_parameters_apart() {
    let token = Token {
        extra: json!({
            "id_token": "raw.jwt.here",
            "id_token_claims": {"sub": "s1"},
            "orcid": "0000-0002-1825-0097",
            "callback": {"user": {"name": {"firstName": "Ada"}}},
        }),
        ..Token::bearer(AccessToken::new("opaque-token"))
    };
    let documents = documents_in_token(&token);
    assert_eq!(documents.id_token, Some(json!({"sub": "s1"})));
    assert_eq!(
        documents.callback,
        Some(json!({"user": {"name": {"firstName": "Ada"}}}))
    );
    let fields = documents.token.expect("token fields");
    assert_eq!(fields["orcid"], "0000-0002-1825-0097");
    assert!(
        fields.get("callback").is_none() && fields.get("id_token").is_none(),
        "browser-supplied parameters cannot be read as token fields: {fields}"
    );
    assert_eq!(
        documents.access_token, None,
        "an opaque token has no payload"
    );
    assert!(documents.userinfo.is_none() && documents.emails.is_none());
}

#[test]
fn only_a_well_formed_jwt_has_a_payload() {
    let claims = json!({"groups": ["a"]});
    assert_eq!(jwt_payload(&jwt(&claims)), Some(claims));
    for token in [
        "",
        "a.b",
        "a.b.c.d",
        "x.%%%.y",
        &format!("h.{}.s", Base64UrlUnpadded::encode_string(b"[1,2]")),
        &format!("h.{}.s", Base64UrlUnpadded::encode_string(b"not json")),
    ] {
        assert_eq!(jwt_payload(token), None, "{token}");
    }
}

#[test]
fn names_may_come_from_callback_parameters() {
    let mapping = mapping(
        "[remote_apps.sso.account_info]\nid = \"id_token:/sub\"\nname = [\"callback:/user/name/firstName\", \"callback:/user/name/lastName\"]\n",
    );
    let token = Token {
        extra: json!({
            "id_token_claims": {"sub": "001.apple"},
            "callback": {"user": {"name": {"firstName": "Ada", "lastName": "Lovelace"}}},
        }),
        ..Token::bearer(AccessToken::new("t"))
    };
    let info = mapping.apply(&documents_in_token(&token)).expect("maps");
    assert_eq!(info.full_name.as_deref(), Some("Ada Lovelace"));
}

#[test]
fn no_roles_configured_means_no_roles_and_no_requirement() {
    let roles = RoleMapping::default();
    assert!(roles.is_empty());
    assert!(roles.allows(&[]));
    assert!(roles.roles_for(&["x".to_owned()]).is_empty());
}
