//! `cargo xtask integration`: the demo app in a real browser, the protocol suites against
//! real independent providers, and the provider generator.
//!
//! Debian `chromium` (installed with apt-get when missing) driven by npm `playwright-core`
//! (installed into `target/browser-tests/node/`, never with `npx playwright install`) runs
//! `oauthclient-demo/browser-tests/flow.mjs` against a freshly started demo in sandbox mode.
//! The screenshots land in `target/browser-screenshots/`.
//!
//! Then the suites against real independent servers: OAuth 1.0a (`oauth1`), SMTP (`smtp`),
//! OpenID Connect (`oidc`: the demo and the axum example app in the browser too), the
//! single-page app of `examples/spa/` on both adapters (`spa`), and schemathesis checking
//! docs/openapi.yaml against the running demo (`schemathesis`), `response_mode=form_post`
//! really cross-site in the browser (`form_post`), and an app that names no provider, only an
//! `[account_info]` mapping, against npm `oauth2-mock-server` (`generic`); Python tools come
//! from PyPI into venvs under `target/` (`python`). Last, every page of the demo and of the
//! axum example app in the pseudo-locale and three languages (`i18n`).
//! `cargo xtask integration oidc spa schemathesis form_post generic i18n` (any of them) runs
//! only those parts, quicker to iterate on.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

mod form_post;
mod generic;
mod i18n;
mod npm;
mod oauth1;
mod oidc;
mod python;
mod quickstart;
mod sandbox;
mod schemathesis;
mod smtp;
mod spa;

use crate::process::{
    Server, apt_install, cargo, output_line, remove_dir, run_for, target_dir, workspace_root,
};
use sandbox::SandboxApp;

/// Where Debian's chromium package puts the browser (flow.mjs launches this one).
const CHROMIUM: &str = "/usr/bin/chromium";
/// The browser flow and its package.json, relative to the workspace root.
const BROWSER_TESTS: &str = "oauthclient-demo/browser-tests";

const APP_READY_LIMIT: Duration = Duration::from_secs(60);
const FLOW_LIMIT: Duration = Duration::from_secs(4 * 60);

/// The parts of the run that can be chosen by name on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// The OpenID Connect suites (live test, demo and axum app in the browser).
    Oidc,
    /// The single-page app in the browser, on both adapters.
    Spa,
    /// schemathesis against the demo's JSON API.
    Schemathesis,
    /// A provider by configuration against oauth2-mock-server.
    Generic,
    /// `response_mode=form_post` in the browser, really cross-site.
    FormPost,
    /// Every page in the pseudo-locale and three languages, on both adapters.
    I18n,
}

impl Part {
    const ALL: [(&'static str, Part); 6] = [
        ("oidc", Part::Oidc),
        ("spa", Part::Spa),
        ("schemathesis", Part::Schemathesis),
        ("generic", Part::Generic),
        ("form_post", Part::FormPost),
        ("i18n", Part::I18n),
    ];
}

/// Runs every step, or with part names (`oidc`, `spa`, `schemathesis`, `form_post`, `generic`,
/// `i18n`) only those.
pub fn integration(args: &[String]) -> Result<(), String> {
    let mut chosen = Vec::new();
    for arg in args {
        let part = Part::ALL
            .iter()
            .find(|(name, _)| name == arg)
            .map(|(_, part)| *part)
            .ok_or_else(|| {
                format!(
                    "integration: unknown argument `{arg}` (only `oidc`, `spa`, `schemathesis`, `form_post`, `generic`, `i18n`)"
                )
            })?;
        chosen.push(part);
    }
    let everything = chosen.is_empty();
    let wants = |part: Part| everything || chosen.contains(&part);
    let started = Instant::now();
    let root = workspace_root();
    let target = target_dir();
    let work = target.join("browser-tests");
    let screenshots = target.join("browser-screenshots");

    let phase = Instant::now();
    cargo(
        &[
            "build",
            "-p",
            "oauthclient-demo",
            "-p",
            "oauthclient-axum-app",
        ],
        &[],
    )?;
    timing("demo and axum app built", phase);
    if wants(Part::Schemathesis) {
        let phase = Instant::now();
        schemathesis::run(&root, &target)?;
        timing("schemathesis: docs/openapi.yaml holds for the demo", phase);
    }
    if wants(Part::Generic) {
        let phase = Instant::now();
        ensure_node()?;
        generic::run(&root, &target)?;
        timing("generic provider (oauth2-mock-server) passed", phase);
    }
    let browser_parts = [Part::Oidc, Part::Spa, Part::FormPost, Part::I18n];
    if !browser_parts.into_iter().any(wants) {
        timing("integration passed", started);
        return Ok(());
    }

    let phase = Instant::now();
    ensure_chromium()?;
    ensure_node()?;
    let modules = ensure_playwright(&root, &work)?;
    timing("tools ready", phase);

    if everything {
        sandbox_flow(&root, &target, &work, &modules, &screenshots)?;
        timing("browser flow passed", started);
        let phase = Instant::now();
        oauth1::run(&root, &target)?;
        timing("OAuth 1.0a suite (oauthlib provider) passed", phase);
        let phase = Instant::now();
        smtp::run(&root, &target)?;
        timing("SMTP suite (aiosmtpd sink) passed", phase);
    }
    if wants(Part::Oidc) {
        let phase = Instant::now();
        oidc::run(&root, &target, &modules, &screenshots)?;
        timing("OpenID Connect suite (oidc-provider) passed", phase);
    }
    if wants(Part::Spa) {
        let phase = Instant::now();
        spa::run(&root, &target, &modules, &screenshots)?;
        timing("single-page app (both adapters, two origins) passed", phase);
    }
    if wants(Part::FormPost) {
        let phase = Instant::now();
        form_post::run(&root, &target, &modules, &screenshots)?;
        timing("form_post relay (chromium, cross-site) passed", phase);
    }
    if wants(Part::I18n) {
        let phase = Instant::now();
        i18n::run(&root, &target, &modules)?;
        timing("i18n walk (en-XA, de, ja, ar; both adapters) passed", phase);
    }
    if everything {
        let phase = Instant::now();
        quickstart::run(&root, &target)?;
        timing("quickstart step 3 runs as written", phase);
        check_new_provider(&target)?;
    }
    timing("integration passed", started);
    Ok(())
}

/// The demo in sandbox mode, flow.mjs clicking through it; the demo is stopped afterwards
/// whatever happened.
fn sandbox_flow(
    root: &Path,
    target: &Path,
    work: &Path,
    modules: &Path,
    screenshots: &Path,
) -> Result<(), String> {
    // A fresh data directory per run (SQLite file, secret key) and no stale screenshots.
    let data_dir = work.join(format!("data-{}", std::process::id()));
    clear_old_runs(work)?;
    remove_dir(screenshots)?;
    std::fs::create_dir_all(screenshots)
        .map_err(|err| format!("cannot create {}: {err}", screenshots.display()))?;

    let phase = Instant::now();
    let demo = sandbox::start(root, target, SandboxApp::Demo, &data_dir, &[])?;
    timing("demo ready", phase);

    let phase = Instant::now();
    let provider = demo.provider.clone().unwrap_or_default();
    let flow = run_browser_script(
        root,
        modules,
        "flow.mjs",
        &[
            demo.site.clone().into(),
            provider.into(),
            screenshots.to_path_buf().into(),
        ],
    );
    demo.stop();
    timing("browser flow", phase);

    let shots = list_screenshots(screenshots);
    if !shots.is_empty() {
        println!("xtask: screenshots:");
        for shot in &shots {
            println!("  {}", shot.display());
        }
    }
    flow.map_err(|err| format!("{err}; the demo's data is in {}", data_dir.display()))
}

/// Starts the debug build of the workspace binary `binary` (built beforehand) with `args` and
/// `env` added to its environment; ready when it prints "Ready in" (the demo and the axum app
/// both do).
fn start_app(
    root: &Path,
    target: &Path,
    binary: &str,
    args: &[OsString],
    env: &[(&str, &str)],
) -> Result<Server, String> {
    let path = target
        .join("debug")
        .join(format!("{binary}{}", std::env::consts::EXE_SUFFIX));
    Server::start(
        binary,
        Command::new(&path)
            .current_dir(root)
            .env("NO_COLOR", "1")
            .envs(env.iter().copied())
            .args(args),
        "Ready in",
        APP_READY_LIMIT,
    )
}

/// Runs a browser test script of `oauthclient-demo/browser-tests/` with `args`.
fn run_browser_script(
    root: &Path,
    modules: &Path,
    script: &str,
    args: &[OsString],
) -> Result<(), String> {
    run_browser_script_within(root, modules, script, args, FLOW_LIMIT)
}

/// [`run_browser_script`] for a script that may take up to `limit`.
fn run_browser_script_within(
    root: &Path,
    modules: &Path,
    script: &str,
    args: &[OsString],
    limit: Duration,
) -> Result<(), String> {
    let status = run_for(
        Command::new("node")
            .current_dir(root)
            .env("NODE_PATH", modules)
            .env("CHROMIUM_PATH", CHROMIUM)
            .arg(Path::new(BROWSER_TESTS).join(script))
            .args(args),
        limit,
    )?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("the browser test {script} failed ({status})"))
    }
}

/// `cargo xtask quickstart`: only the quickstart check of the integration run.
pub fn quickstart() -> Result<(), String> {
    let root = workspace_root();
    quickstart::run(&root, &target_dir())
}

/// `new-provider` must produce a crate that builds and passes its conformance test.
fn check_new_provider(target: &Path) -> Result<(), String> {
    let dir = target.join("new-provider-check");
    remove_dir(&dir)?;
    // The generated crate shares the target directory, so what is built there is reused.
    let args = [
        "example-idp".to_owned(),
        "--dir".to_owned(),
        dir.display().to_string(),
        "--check".to_owned(),
    ];
    crate::new_provider::new_provider_with_target(&args, target)
}

fn timing(what: &str, since: Instant) {
    println!("xtask: {what} ({:.1} s)", since.elapsed().as_secs_f64());
}

/// Installs Debian's `chromium` when `/usr/bin/chromium` is missing.
fn ensure_chromium() -> Result<(), String> {
    if Path::new(CHROMIUM).exists() {
        return Ok(());
    }
    println!("xtask: {CHROMIUM} is missing: installing Debian's chromium");
    apt_install(&["chromium"])?;
    if Path::new(CHROMIUM).exists() {
        Ok(())
    } else {
        Err(format!(
            "apt-get installed chromium but {CHROMIUM} is still missing"
        ))
    }
}

/// `node` and `npm` must be on PATH.
fn ensure_node() -> Result<(), String> {
    let node = output_line("node", &["--version"]).ok_or(
        "`node` was not found on PATH: install Node.js 20 or newer (e.g. apt-get install nodejs npm)",
    )?;
    let npm = output_line("npm", &["--version"])
        .ok_or("`npm` was not found on PATH: install it (e.g. apt-get install npm)")?;
    println!("xtask: node {node}, npm {npm}, {CHROMIUM}");
    Ok(())
}

/// Installs browser-tests/package.json (playwright-core, pinned) into `work/node/`.
/// Returns its node_modules directory.
fn ensure_playwright(root: &Path, work: &Path) -> Result<PathBuf, String> {
    npm::install(
        &root.join(BROWSER_TESTS).join("package.json"),
        &work.join("node"),
        "playwright-core",
    )
}

/// Removes the data directories of earlier runs (`work/data-*`).
fn clear_old_runs(work: &Path) -> Result<(), String> {
    let Ok(entries) = std::fs::read_dir(work) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with("data-") {
            remove_dir(&entry.path())?;
        }
    }
    Ok(())
}

/// The PNG files in `dir`, sorted by name.
fn list_screenshots(dir: &Path) -> Vec<PathBuf> {
    let mut shots: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|entry| entry.path())
                .filter(|path| path.extension().is_some_and(|ext| ext == "png"))
                .collect()
        })
        .unwrap_or_default();
    shots.sort();
    shots
}
