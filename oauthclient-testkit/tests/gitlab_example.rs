//! docs/writing-a-provider.md's "GitLab in ≤ 35 lines" compiles, passes the conformance
//! suite, and is the code the page shows, line for line.

// Kept exactly as the page prints it (rustfmt would spread it over more lines).
#[rustfmt::skip]
#[allow(clippy::unnecessary_literal_bound, reason = "the page shows the trait's signature")]
#[path = "gitlab_example/gitlab.rs"]
mod gitlab;

use oauthclient_testkit::conformance::{self, ProviderUnderTest};

const PAGE: &str = include_str!("../../docs/writing-a-provider.md");
const CODE: &str = include_str!("gitlab_example/gitlab.rs");
const MAX_LINES: usize = 35;

/// The first ```` ```rust ```` block after the example's heading.
fn example_on_the_page() -> &'static str {
    let heading = PAGE
        .find("## A complete example: GitLab in")
        .expect("the page has the example");
    let fence = PAGE[heading..].find("```rust").expect("a code block");
    let block = &PAGE[heading + fence..];
    let start = block.find('\n').expect("the fence line ends") + 1;
    let end = block[start..].find("```").expect("the block ends");
    &block[start..start + end]
}

#[test]
fn the_page_shows_this_code() {
    assert_eq!(
        example_on_the_page(),
        CODE,
        "docs and gitlab_example/gitlab.rs differ"
    );
}

#[test]
fn the_example_is_at_most_35_lines() {
    let lines = CODE.lines().count();
    assert!(lines <= MAX_LINES, "{lines} lines");
    assert!(
        PAGE.contains(&format!("GitLab in ≤ {MAX_LINES} lines")),
        "the heading states the bound"
    );
}

#[tokio::test]
async fn the_example_conforms() {
    let _ = gitlab::GitLab; // the provider is linked through `inventory`; this names it
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/gitlab_example/fixtures");
    let report = conformance::run(ProviderUnderTest::new("gitlab", fixtures))
        .await
        .expect("the example conforms");
    for check in ["registered", "handlers", "login_url", "account_info"] {
        assert!(report.passed_check(check), "{check}:\n{report}");
    }
}
