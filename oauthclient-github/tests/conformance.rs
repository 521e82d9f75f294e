//! The testkit's provider conformance suite on recorded GitHub API answers
//! (`tests/fixtures/`, shaped like GitHub's documented responses).

use oauthclient_github as _;
use oauthclient_testkit::conformance::{self, ProviderUnderTest};

#[tokio::test]
async fn github_conforms() {
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let report = conformance::run(ProviderUnderTest::new("github", fixtures))
        .await
        .expect("the GitHub provider conforms");
    println!("{report}");
    for check in [
        "registered",
        "handlers",
        "login_url",
        "account_info",
        "account_setup",
        "disconnect",
        "disconnect_when_the_api_fails",
        "api_401_is_invalid_response",
        "case: a revoked token",
    ] {
        assert!(report.passed_check(check), "{check}:\n{report}");
    }
}
