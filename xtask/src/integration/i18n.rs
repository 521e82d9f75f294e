//! `cargo xtask integration i18n`: every page in the pseudo-locale and in three languages,
//! on both adapters (`oauthclient-demo/browser-tests/i18n-walk.mjs`).
//!
//! The demo (actix-web) and the axum example app start in sandbox mode with the pseudo-locale
//! `en-XA` switched on (`OAUTHCLIENT_LOCALES__PSEUDO=true`). The walk fails on any text of any
//! page that no catalog produced, and leaves full-page screenshots in German, Japanese and
//! Arabic under `target/browser-tests/screenshots/i18n/<adapter>/<lang>/`. Before that,
//! `node --test` checks the walk's judge of stray text (`browser-tests/i18n-text.test.mjs`).

use std::ffi::OsString;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use super::sandbox::{self, SandboxApp};
use super::{BROWSER_TESTS, run_browser_script_within};
use crate::process::{remove_dir, run_ok};

/// The script, run as `node i18n-walk.mjs ADAPTER HOME_URL SITE_URL SCREENSHOT_ROOT`.
const SCRIPT: &str = "i18n-walk.mjs";
/// The tests of the walk's judge of stray text (`node --test`, no browser).
const JUDGE_TESTS: &str = "i18n-text.test.mjs";
const JUDGE_TESTS_LIMIT: Duration = Duration::from_secs(60);
/// Switches the pseudo-locale on, whatever the sandbox configuration says.
const PSEUDO_LOCALE: (&str, &str) = ("OAUTHCLIENT_LOCALES__PSEUDO", "true");
/// Four walks of some 30 pages each (the script gives up after 9 minutes).
const WALK_LIMIT: Duration = Duration::from_secs(10 * 60);
/// The apps, by the adapter name the script and the screenshot folders use.
const ADAPTERS: [(&str, SandboxApp); 2] = [("actix", SandboxApp::Demo), ("axum", SandboxApp::Axum)];

/// Walks both apps (the second even when the first fails, so one run lists every offender);
/// `playwright` is playwright-core's node_modules.
pub fn run(root: &Path, target: &Path, playwright: &Path) -> Result<(), String> {
    // A judge that lets English through would make every walk pass: it is tested first.
    run_ok(
        Command::new("node")
            .current_dir(root)
            .arg("--test")
            .arg(Path::new(BROWSER_TESTS).join(JUDGE_TESTS)),
        JUDGE_TESTS_LIMIT,
    )?;
    let work = target.join("browser-tests");
    let screenshots = work.join("screenshots").join("i18n");
    remove_dir(&screenshots)?;
    let failures: Vec<String> = ADAPTERS
        .into_iter()
        .filter_map(|(adapter, app)| {
            walk(root, target, playwright, &work, &screenshots, adapter, app).err()
        })
        .collect();
    println!("xtask: i18n screenshots in {}", screenshots.display());
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("; "))
    }
}

/// One app in sandbox mode, walked, then stopped.
fn walk(
    root: &Path,
    target: &Path,
    playwright: &Path,
    work: &Path,
    screenshots: &Path,
    adapter: &str,
    app: SandboxApp,
) -> Result<(), String> {
    let data_dir = work.join(format!("i18n-data-{adapter}-{}", std::process::id()));
    remove_dir(&data_dir)?;
    let site = sandbox::start(root, target, app, &data_dir, &[PSEUDO_LOCALE])?;
    let args: [OsString; 4] = [
        adapter.into(),
        site.home.clone().into(),
        site.site.clone().into(),
        screenshots.into(),
    ];
    let outcome = run_browser_script_within(root, playwright, SCRIPT, &args, WALK_LIMIT);
    site.stop();
    outcome.map_err(|err| format!("{err} ({adapter}); its data is in {}", data_dir.display()))?;
    remove_dir(&data_dir)
}
