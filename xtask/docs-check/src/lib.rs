//! The documentation's code, checked (`cargo xtask ci` runs `cargo test -p docs-check`).
//!
//! - Rust: every page below is the doc comment of a hidden module, so rustdoc compiles (and
//!   runs, unless `no_run`) each ```` ```rust ```` block of it as a doc-test. A crate of its
//!   own, rather than `#[doc = include_str!(..)]` in the published crates, because the pages
//!   use several crates together (web + store + providers + testkit) that no published crate
//!   depends on at once, and a published package cannot include files outside itself.
//!   Setup a reader does not need hides behind `# ` lines; a block that cannot compile here
//!   (a crate that does not exist, a fuzz target) is ```` ```rust,ignore ```` with a reason.
//! - TOML: [`toml_blocks`] loads each ```` ```toml ```` block with the real configuration
//!   loader (`tests/pages.rs`); ```` ```toml,fragment ```` blocks (a `Cargo.toml` piece, a
//!   part of a file that cannot stand alone) are parsed as TOML only.
//!
//! `cargo xtask ci` also checks that [`PAGES`] lists every page (a new page is never skipped
//! silently) and that every test docs/security.md cites exists.

// Named so they are linked: their providers register through `inventory`, and the loader
// must know them.
use oauthclient_github as _;
use oauthclient_oidc as _;
use oauthclient_orcid as _;
use oauthclient_providers as _;

pub mod toml_blocks;

/// One hidden module per page (its blocks are its doc-tests), and [`PAGES`]: each page's path
/// from the workspace root and its text.
macro_rules! pages {
    ($($module:ident => $path:literal,)*) => {
        $(
            // Only for doc-tests: the pages are Markdown for GitHub first, and rustdoc's and
            // clippy's lints on prose (HTML tags, links to .md files) are not theirs.
            #[cfg(doctest)]
            #[doc = include_str!(concat!("../../../", $path))]
            mod $module {}
        )*
        /// Every page whose code is checked: its path from the workspace root and its text.
        pub const PAGES: &[(&str, &str)] = &[
            $(($path, include_str!(concat!("../../../", $path))),)*
        ];
    };
}

pages! {
    readme => "README.md",
    benchmarks => "docs/benchmarks.md",
    concepts => "docs/concepts.md",
    configuration => "docs/configuration.md",
    deployment => "docs/deployment.md",
    endpoints => "docs/endpoints.md",
    fuzzing => "docs/fuzzing.md",
    handlers => "docs/handlers.md",
    host_policy => "docs/host-policy.md",
    index => "docs/index.md",
    key_rotation => "docs/key-rotation.md",
    locales => "docs/locales.md",
    migrating_from_invenio => "docs/migrating-from-invenio.md",
    operator_cli => "docs/operator-cli.md",
    providers_github => "docs/providers/github.md",
    providers_index => "docs/providers/index.md",
    providers_apple => "docs/providers/apple.md",
    providers_auth0 => "docs/providers/auth0.md",
    providers_bitbucket => "docs/providers/bitbucket.md",
    providers_cern => "docs/providers/cern.md",
    providers_discord => "docs/providers/discord.md",
    providers_dropbox => "docs/providers/dropbox.md",
    providers_eosc_aai => "docs/providers/eosc_aai.md",
    providers_facebook => "docs/providers/facebook.md",
    providers_gitlab => "docs/providers/gitlab.md",
    providers_globus => "docs/providers/globus.md",
    providers_google => "docs/providers/google.md",
    providers_keycloak => "docs/providers/keycloak.md",
    providers_linkedin => "docs/providers/linkedin.md",
    providers_microsoft => "docs/providers/microsoft.md",
    providers_okta => "docs/providers/okta.md",
    providers_openaire_aai => "docs/providers/openaire_aai.md",
    providers_reddit => "docs/providers/reddit.md",
    providers_slack => "docs/providers/slack.md",
    providers_twitch => "docs/providers/twitch.md",
    providers_x => "docs/providers/x.md",
    providers_zenodo => "docs/providers/zenodo.md",
    providers_oauth1 => "docs/providers/oauth1.md",
    providers_oidc => "docs/providers/oidc.md",
    providers_orcid => "docs/providers/orcid.md",
    single_page_apps => "docs/single-page-apps.md",
    quickstart => "docs/quickstart.md",
    security => "docs/security.md",
    storage => "docs/storage.md",
    troubleshooting => "docs/troubleshooting.md",
    writing_a_provider => "docs/writing-a-provider.md",
    example_own_users => "examples/own-users/README.md",
    axum_readme => "oauthclient-axum/README.md",
    frontend_readme => "oauthclient-frontend/README.md",
    example_axum_app => "examples/axum-app/README.md",
    bench_readme => "oauthclient-bench/README.md",
    cli_readme => "oauthclient-cli/README.md",
    core_readme => "oauthclient-core/README.md",
    demo_readme => "oauthclient-demo/README.md",
    github_readme => "oauthclient-github/README.md",
    oidc_readme => "oauthclient-oidc/README.md",
    orcid_readme => "oauthclient-orcid/README.md",
    providers_readme => "oauthclient-providers/README.md",
    store_diesel_readme => "oauthclient-store-diesel/README.md",
    testkit_readme => "oauthclient-testkit/README.md",
    web_readme => "oauthclient-web/README.md",
}
