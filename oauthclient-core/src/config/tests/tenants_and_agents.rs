//! Issuer templates (`{tenantid}`) and `params.user_agent` at load.

use super::*;

/// An app `entra` (protocol handler `test:protocol`, so an issuer is allowed) with `params`.
fn app_with(params: &str) -> String {
    format!(
        r#"
        secret_key = "a-very-long-random-secret-of-at-least-32-bytes"
        site_url = "https://example.org"
        [remote_apps.entra]
        protocol_handler = "test:protocol"
        [remote_apps.entra.params]
        authorize_url = "https://login.example/common/authorize"
        access_token_url = "https://login.example/common/token"
        {params}
        [ENTRA_APP_CREDENTIALS]
        consumer_key = "client-1"
        consumer_secret = "secret-1"
        "#
    )
}

#[test]
fn an_issuer_template_discovers_at_its_tenant_and_keeps_the_template() {
    let config = load_with_env(
        &app_with("issuer = \"https://login.example/{tenantid}/v2.0\"\ntenant = \"organizations\""),
        &[(
            "OAUTHCLIENT_REMOTE_APPS__ENTRA__PARAMS__ALLOWED_TENANTS",
            "t-1,t-2",
        )],
    )
    .expect("loads");
    let params = oauth2(config.remote_app("entra").expect("configured"));
    assert_eq!(
        params.issuer.as_ref().map(Url::as_str),
        Some("https://login.example/organizations/v2.0")
    );
    let template = params.issuer_template.as_ref().expect("a template");
    assert_eq!(template.template, "https://login.example/{tenantid}/v2.0");
    assert_eq!(template.allowed_tenants, ["t-1", "t-2"]);
    assert!(template.allows("t-2") && !template.allows("t-3"));

    // Without the placeholder: an exact issuer, as before.
    let config = load(&app_with(
        "issuer = \"https://login.example/tenant-1/v2.0\"",
    ))
    .expect("loads");
    assert_eq!(
        oauth2(config.remote_app("entra").expect("configured")).issuer_template,
        None
    );
}

#[test]
fn bad_issuer_templates_are_refused_naming_the_key() {
    for (params, key) in [
        (
            "issuer = \"https://{tenantid}.login.example/v2.0\"",
            "remote_apps.entra.params.issuer",
        ),
        (
            "issuer = \"https://login.example/{tenantid}/{tenantid}\"",
            "remote_apps.entra.params.issuer",
        ),
        (
            "issuer = \"https://login.example/{tenant}/v2.0\"",
            "remote_apps.entra.params.issuer",
        ),
        (
            "issuer = \"https://login.example/v2.0\"\ntenant = \"common\"",
            "remote_apps.entra.params.tenant",
        ),
        (
            "issuer = \"https://login.example/v2.0\"\nallowed_tenants = [\"a\"]",
            "remote_apps.entra.params.allowed_tenants",
        ),
        (
            "issuer = \"https://login.example/{tenantid}/v2.0\"\ntenant = \"../evil\"",
            "remote_apps.entra.params.tenant",
        ),
    ] {
        let err = load(&app_with(params)).expect_err(params);
        assert_eq!(err.key, key, "{params}: {err}");
    }
}

#[test]
fn a_user_agent_must_be_a_printable_header_value() {
    let config = load(&app_with("user_agent = \"web:org.example:1.0 (by /u/me)\"")).expect("loads");
    assert_eq!(
        oauth2(config.remote_app("entra").expect("configured"))
            .user_agent
            .as_deref(),
        Some("web:org.example:1.0 (by /u/me)")
    );
    for bad in ["", "  ", "line\\r\\nX-Injected: 1", "caf\u{e9}"] {
        let err = load(&app_with(&format!("user_agent = \"{bad}\""))).expect_err(bad);
        assert_eq!(err.key, "remote_apps.entra.params.user_agent", "{bad:?}");
    }
}
