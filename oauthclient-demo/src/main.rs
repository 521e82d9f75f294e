//! `oauthclient-demo`: the oauthclient-rs reference app.
//!
//! `cargo run -p oauthclient-demo` serves http://127.0.0.1:5000 with a built-in sandbox
//! provider on http://127.0.0.1:5001, so a whole "Sign in with ..." flow works offline with
//! nothing configured. `--config FILE` uses a real configuration instead (GitHub, ORCID, ...).

mod cli;
mod i18n;
mod local_accounts;
mod pages;
mod server;
mod settings;
mod spa;

use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
// Provider crates register with `inventory`; naming them keeps their registrations linked.
use oauthclient_github as _;
use oauthclient_oidc as _;
use oauthclient_orcid as _;
use oauthclient_providers as _;

use crate::server::StartError;

#[actix_web::main]
async fn main() -> ExitCode {
    let started = Instant::now();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_target(false)
        // Colour codes only for a person at a terminal, not in log files.
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stdout()))
        .init();
    let cli = cli::Cli::parse();
    let demo = match server::prepare(&cli).await {
        Ok(demo) => demo,
        Err(err) => return fail(&err),
    };
    let site_url = demo.site_url.clone();
    let mail = demo.mail;
    let sandbox_url = demo
        .sandbox
        .as_ref()
        .map(oauthclient_testkit::FakeProvider::base_url);
    let server = match server::bind(demo) {
        Ok(server) => server,
        Err(err) => return fail(&err),
    };
    println!("oauthclient-demo listening on {site_url}");
    if let Some(sandbox_url) = sandbox_url {
        println!(
            "Sandbox mode: no --config given, so a local stand-in provider runs at {sandbox_url} \
             (any username and password work)."
        );
    }
    println!("{}", mail.banner(&site_url));
    println!(
        "Ready in {} ms. Press Ctrl-C to stop.",
        started.elapsed().as_millis()
    );
    match server
        .await
        .map_err(|err| StartError::Other(format!("server error: {err}")))
    {
        Ok(()) => {
            println!("oauthclient-demo stopped.");
            ExitCode::SUCCESS
        }
        Err(err) => fail(&err),
    }
}

fn fail(err: &StartError) -> ExitCode {
    match err {
        StartError::Config(err) => {
            eprintln!("oauthclient-demo: {err}");
            ExitCode::from(2)
        }
        StartError::Other(message) => {
            eprintln!("oauthclient-demo: {message}");
            ExitCode::FAILURE
        }
    }
}
