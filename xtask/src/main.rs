//! `cargo xtask <task>`: the project's automation, in Rust so it runs wherever cargo does.
//!
//! - `bench`: release builds of the demo and `oauthclient-bench`, the load benchmark of both
//!   adapters, the demo on actix-web and an axum site (see docs/benchmarks.md; results in
//!   `target/bench/results.json`; the redirect phases also under `wrk`, and a thousand
//!   connections a site), then the criterion micro-benchmarks (state token, next URL, token
//!   encryption), then SVG charts; `--users N` fills generated data, `--growth` measures
//!   returning-user latency on it.
//! - `ci`: format check, clippy with `-D warnings` (all features, and each store backend
//!   alone), the workspace tests with all features (including doc-tests; PostgreSQL suites run
//!   when `OAUTHCLIENT_TEST_POSTGRES_URL` is set) and rustdoc with `-D warnings`. The same
//!   checks `.ci/run` runs. After the dependency rules, the catalog check ([`catalogs`]), then
//!   the docs check ([`docs_check`]): every Rust block of the pages compiles, every TOML
//!   configuration block loads, every test docs/security.md cites exists. After rustdoc: the public-API listings (`api`).
//! - `catalogs`: every locale's Fluent catalogs against English ([`catalogs`]; part of `ci`):
//!   strict parse, the same ids, attributes and variables, the locale's CLDR plural categories,
//!   no markup, no selectors in client-side messages.
//! - `test`: README's test command (`cargo test --workspace --all-features`), then a list of
//!   the suites that did not run for want of their service variable (see [`mod@test`]).
//! - `api [--bless]`: the public API of each published crate must match its checked-in listing
//!   `api/<crate>.txt` (rustdoc JSON on the stable toolchain; see [`public_api`]); `--bless`
//!   rewrites the listings after a deliberate change.
//! - `docs`: the docs check of `ci` alone ([`docs_check`]).
//! - `deps`: the lean-dependency rules (core: no actix, no diesel; providers: core only;
//!   store-diesel with `sqlite` alone: no libpq) and the crate count of each user-facing build.
//! - `integration`: the demo app in a real browser. Installs Debian `chromium` when
//!   `/usr/bin/chromium` is missing (apt-get; needs `node` and `npm` already), npm
//!   `playwright-core` (pinned in `oauthclient-demo/browser-tests/package.json`) into
//!   `target/browser-tests/node/`, builds and starts `oauthclient-demo` in sandbox mode on free
//!   ports with a fresh data directory, runs `oauthclient-demo/browser-tests/flow.mjs` (sign-up
//!   through the sandbox provider, the lock-out guard, linking and disconnecting, signing in
//!   again) in headless chromium, and stops the demo. Screenshots of every step land in
//!   `target/browser-screenshots/`. `.ci/run` runs it after `ci`. Then the OAuth 1.0a suite:
//!   Python `oauthlib`'s RFC 5849 provider (`xtask/oauth1-provider/`, installed from PyPI into a
//!   venv under `target/oauth1-provider/`) on a free port, and `oauthclient-web`'s
//!   `oauth1_live` tests against it. Then the SMTP suite, and the OpenID Connect suites against
//!   npm `oidc-provider`: `oauthclient-oidc`'s `live` test, the demo in chromium
//!   (`browser-tests/oidc.mjs`), and the axum example app (`examples/axum-app`, built beside the
//!   demo) with its oauthclient pages under `/auth` (`browser-tests/axum.mjs`: sign-in and
//!   consent at the provider, `/whoami`, linked accounts under the prefix, sign-out through
//!   the provider; screenshots in `target/browser-screenshots/axum/`). Last, it generates a
//!   provider crate with `new-provider` under `target/` and runs its conformance test.
//!   Also: the single-page app of `examples/spa/` in chromium on both adapters, same origin
//!   and cross-origin (`browser-tests/spa.mjs`), and schemathesis checking docs/openapi.yaml
//!   against the running demo, and the i18n walk (`browser-tests/i18n-walk.mjs`): every page of
//!   the demo and of the axum example app in the pseudo-locale `en-XA` (no text outside the
//!   catalogs), then screenshots in German, Japanese and Arabic. `integration oidc`,
//!   `integration spa`, `integration schemathesis`, `integration form_post`,
//!   `integration generic`, `integration i18n` (any of them together) run only those parts.
//! - `quickstart`: docs/quickstart.md step 3 must be `oauthclient-demo/examples/quickstart.rs`,
//!   and that app, run with the page's configuration, must redirect a login to GitHub (part of
//!   `integration`).
//! - `new-provider NAME [--dir DIR] [--check]`: a provider crate skeleton `oauthclient-NAME`
//!   (defaults, `account_info`, `inventory` registration, conformance test on fixtures).

mod bench;
mod catalogs;
mod ci;
mod deps;
mod docs_check;
mod docs_links;
mod integration;
mod module_cycles;
mod new_provider;
mod process;
mod public_api;
mod test;

use std::process::ExitCode;

const HELP: &str = "\
usage: cargo xtask <task>

tasks:
  api [--bless]
               compare each published crate's public API with api/<crate>.txt and print
               the difference; --bless rewrites the listings (a deliberate API change)
  bench [--seconds N] [--clients N] [--connections N] [--postgres URL] [--redis URL] [--no-micro]
        [--charts-into-docs]
               release builds; the demo (actix-web) and an axum site under load on 127.0.0.1
               (login redirects vs bare actix-web and axum floors, by the load generator and
               by wrk; returning-user and sign-up flows on SQLite and on PostgreSQL + Redis
               sessions; peak RSS; RSS at 1,000 connections); table +
               target/bench/results.json; then criterion; then SVG charts (target/bench/, or
               docs/bench/ with --charts-into-docs)
  bench --charts [--charts-into-docs]
               only redraw the charts from target/bench/*.json
  bench --growth [--users N ...] [--seconds N] [--clients N] [--redis URL]
               (fill, then) returning-user callback latency on the generated databases:
               target/bench/growth.json (one entry per backend and size), plans.md, charts
  bench --users N [--backend sqlite|postgres|both] [--sqlite FILE] [--postgres URL] [--reset]
               the data generator: N users, remote accounts, identities and encrypted
               tokens in bulk into a SQLite file (target/bench/growth.sqlite) and/or a
               PostgreSQL database; refuses one that has users unless --reset
  catalogs     every locale's Fluent catalogs against English: strict parse, the same ids,
               attributes and variables, the locale's plural categories, no markup
  ci           fmt check, clippy -D warnings, the dependency rules (deps), the catalogs
               (catalogs), the docs check (page code compiles, configs load, cited tests
               exist), tests, rustdoc -D warnings, the public-API listings (api) and
               `cargo package --workspace`
  test         README's test command: cargo test --workspace --all-features, then the suites
               that did not run because their service variable is not set, and why
  deps         check the lean-dependency rules; print how many crates each build pulls in
  docs         the docs check alone (part of ci): every page's Rust blocks compile, its TOML
               configuration blocks load, its relative links and images lead to files, the
               tests docs/security.md cites exist
  integration [oidc] [spa] [schemathesis] [form_post] [generic] [i18n]
               the demo app in headless chromium (playwright-core): sign-up, linking,
               disconnecting, signing in again; screenshots in target/browser-screenshots/;
               the OAuth 1.0a and SMTP suites against real servers; OpenID Connect against
               npm oidc-provider (live test, the demo and the axum example app under /auth
               in chromium); then a generated provider crate must build and pass its
               conformance test; the single-page app (examples/spa) on both adapters and
               from a second origin; schemathesis against docs/openapi.yaml; every page in
               the pseudo-locale en-XA (no text outside the catalogs) and screenshots in de,
               ja, ar on both adapters (i18n). With names: only those parts
  quickstart   run docs/quickstart.md step 3 as written (part of integration)
  new-provider NAME [--dir DIR] [--check]
               generate oauthclient-NAME: defaults, account_info, registration, and a
               conformance test on fixtures (--check: run its tests)";

fn main() -> ExitCode {
    let task = std::env::args().nth(1);
    let result = match task.as_deref() {
        Some("api") => public_api::api(&std::env::args().skip(2).collect::<Vec<_>>()),
        Some("bench") => bench::bench(&std::env::args().skip(2).collect::<Vec<_>>()),
        Some("catalogs") => catalogs::catalogs(),
        Some("ci") => ci::ci(),
        Some("test") => test::test(),
        Some("deps") => deps::deps(),
        Some("docs") => docs_check::check(&process::workspace_root()),
        Some("integration") => {
            integration::integration(&std::env::args().skip(2).collect::<Vec<_>>())
        }
        Some("quickstart") => integration::quickstart(),
        Some("new-provider") => {
            new_provider::new_provider(&std::env::args().skip(2).collect::<Vec<_>>())
        }
        Some("help" | "--help" | "-h") | None => {
            println!("{HELP}");
            Ok(())
        }
        Some(other) => Err(format!("unknown task `{other}` (try `cargo xtask help`)")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}
