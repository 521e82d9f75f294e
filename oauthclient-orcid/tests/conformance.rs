//! The testkit's provider conformance suite on recorded ORCID token responses
//! (`tests/fixtures/`, shaped like ORCID's documented responses), for both registries.

use oauthclient_orcid as _;
use oauthclient_testkit::conformance::{self, ProviderUnderTest};

#[tokio::test]
async fn orcid_conforms() {
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let report = conformance::run(ProviderUnderTest::new("orcid", fixtures))
        .await
        .expect("the ORCID provider conforms");
    println!("{report}");
    for check in [
        "registered",
        "login_url",
        "account_info",
        "account_setup",
        "disconnect",
        "case: a token response without an iD",
    ] {
        assert!(report.passed_check(check), "{check}:\n{report}");
    }
    // ORCID's account info needs no API call, so there is no API error to map.
    assert!(
        !report
            .checks
            .iter()
            .any(|check| check.name == "api_401_is_invalid_response")
    );
}

#[tokio::test]
async fn the_orcid_sandbox_conforms() {
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/sandbox");
    let report = conformance::run(ProviderUnderTest::new("orcid_sandbox", fixtures))
        .await
        .expect("the ORCID sandbox provider conforms");
    assert!(report.passed_check("login_url"), "{report}");
}

#[tokio::test]
async fn the_suite_catches_a_provider_that_does_not_conform() {
    // The production fixtures against the sandbox provider: the login URL must differ.
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let err = conformance::run(ProviderUnderTest::new("orcid_sandbox", fixtures))
        .await
        .expect_err("the sandbox is not production");
    let conformance::ConformanceError::Failed(report) = err else {
        panic!("the suite ran: {err}");
    };
    assert!(!report.passed_check("login_url"), "{report}");
    assert!(report.passed_check("account_info"), "{report}");
    assert!(report.to_string().contains("sandbox.orcid.org"), "{report}");
}
