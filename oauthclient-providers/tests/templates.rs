//! Every shipped template parses, is registered, loads as a host would configure it, and says
//! how it treats e-mail addresses; every template has conformance fixtures and a docs page.

use std::path::Path;

use oauthclient_core::config::NoEnv;
use oauthclient_core::{OAuthClientConfig, Registry};
use oauthclient_providers::{Protocol, TEMPLATES};

/// The smallest host configuration of `id`: credentials, plus what the template leaves to
/// the host (an issuer, a signing key).
fn host_config(id: &str) -> String {
    let template = TEMPLATES.iter().find(|t| t.id() == id).expect("shipped");
    let settings = template.settings().expect("parses");
    let key = settings
        .params
        .app_key
        .expect("every template names its credentials table");
    let mut params = String::new();
    if template.protocol() == Protocol::OpenIdConnect && settings.params.issuer.is_none() {
        params.push_str("issuer = \"https://sso.example.org/realms/staff\"\n");
    }
    let credentials = if settings.params.client_auth.as_deref() == Some("signed_secret") {
        format!(
            "team_id = \"ABCDE12345\"\nkey_id = \"KEY1234567\"\nprivate_key = \"\"\"\n{}\"\"\"\n",
            include_str!("../../oauthclient-testkit/testdata/p256-test-key.pem")
        )
    } else {
        String::new()
    };
    format!(
        "secret_key = \"a-very-long-random-secret-of-at-least-32-bytes\"\n\
         site_url = \"https://example.org\"\n\
         [remote_apps.{id}.params]\n{params}\n\
         [{key}]\nconsumer_key = \"client-id\"\nconsumer_secret = \"client-secret\"\n{credentials}"
    )
}

#[test]
fn every_template_parses_and_is_registered_once() {
    let registry = Registry::from_inventory().expect("no duplicate provider ids");
    assert!(TEMPLATES.len() >= 21, "{} templates", TEMPLATES.len());
    for template in TEMPLATES {
        let settings = template
            .settings()
            .unwrap_or_else(|err| panic!("templates/{}.toml: {err}", template.id()));
        assert!(settings.title.is_some(), "{}: a title", template.id());
        assert!(settings.icon.is_some(), "{}: an icon", template.id());
        let provider = registry
            .provider(template.id())
            .unwrap_or_else(|| panic!("{} is registered", template.id()));
        assert_eq!(provider.defaults(), settings, "{}", template.id());
    }
}

#[test]
fn every_template_loads_as_a_host_configures_it_and_can_sign_in_or_is_link_only() {
    let registry = Registry::from_inventory().expect("registry");
    for template in TEMPLATES {
        let id = template.id();
        let config = OAuthClientConfig::from_toml_str(&host_config(id), &NoEnv, &registry)
            .unwrap_or_else(|err| panic!("{id} does not load: {err}"));
        let app = config.remote_app(id).expect("configured");
        let handlers = registry
            .resolve(app)
            .unwrap_or_else(|err| panic!("{id}: {err}"));
        assert_eq!(
            handlers.account_info.is_some(),
            !app.link_only,
            "{id}: a template signs users in through its mapping, or is link-only"
        );
    }
}

#[test]
fn every_template_that_signs_in_says_how_it_treats_addresses() {
    for template in TEMPLATES {
        let settings = template.settings().expect("parses");
        if settings.link_only == Some(true) {
            continue;
        }
        let text = template.toml();
        let has_rule = text.contains("[account_info.email]");
        // X and Reddit give no address; their comment says so and the sign-up form asks.
        let says_no_address = text.contains("no e-mail") || text.contains("no address");
        assert!(
            has_rule || says_no_address,
            "{}: map the address with a rule, or say why there is none",
            template.id()
        );
    }
}

#[test]
fn every_template_has_fixtures_and_a_docs_page() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let index = std::fs::read_to_string(root.join("../docs/providers/index.md"))
        .expect("docs/providers/index.md");
    for template in TEMPLATES {
        let id = template.id();
        assert!(
            root.join("tests/fixtures")
                .join(id)
                .join("conformance.json")
                .is_file(),
            "tests/fixtures/{id}/conformance.json"
        );
        assert!(
            root.join("../docs/providers")
                .join(format!("{id}.md"))
                .is_file(),
            "docs/providers/{id}.md"
        );
        let page = std::fs::read_to_string(root.join("../docs/providers").join(format!("{id}.md")))
            .expect("readable");
        assert!(
            page.contains(template.toml().trim_end()),
            "docs/providers/{id}.md shows templates/{id}.toml verbatim (regenerate the block)"
        );
        assert!(
            index.contains(&format!("[{id}]({id}.md)")),
            "docs/providers/index.md lists {id}"
        );
    }
}
