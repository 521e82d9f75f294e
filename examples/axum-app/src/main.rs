//! `oauthclient-axum-app`: the axum example. `cargo run -p oauthclient-axum-app` serves
//! http://127.0.0.1:5000 with an offline sandbox provider; `--config FILE` uses real ones.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use oauthclient_axum_app::sandbox::Sandbox;
use oauthclient_axum_app::{Error, build, serve};
use tracing_subscriber::EnvFilter;

/// "Sign in with ..." on a small axum site, the oauthclient pages under /auth.
///
/// Without --config it starts an offline sandbox provider beside the site.
#[derive(Debug, Parser)]
#[command(name = "oauthclient-axum-app", version, about)]
struct Cli {
    /// A TOML configuration: `listen`, `site_url` (ending in /auth), `database_url`,
    /// `session_store`, `secret_key`, `[remote_apps.*]`.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,

    /// Where the site listens in sandbox mode.
    #[arg(long, default_value = "127.0.0.1:5000", value_name = "ADDR")]
    listen: SocketAddr,
}

#[tokio::main]
async fn main() -> ExitCode {
    // Log to stderr (RUST_LOG overrides `info`): a refused sign-in logs its reason here.
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    tracing_subscriber::fmt().with_env_filter(filter).init();
    match run(Cli::parse()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("oauthclient-axum-app: {err}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<(), Error> {
    let started = Instant::now();
    // The sandbox lives as long as this binding: until the server has stopped.
    let (config, sandbox) = if let Some(path) = &cli.config {
        let text = std::fs::read_to_string(path)
            .map_err(|err| format!("cannot read {}: {err}", path.display()))?;
        (text, None)
    } else {
        let sandbox = Sandbox::start(cli.listen).await?;
        (sandbox.config.clone(), Some(sandbox))
    };
    let app = build(&config).await?;
    let listen = app.settings.listen;
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .map_err(|err| format!("cannot listen on {listen}: {err}"))?;
    println!(
        "oauthclient-axum-app listening on {listen}; the site is {}",
        app.site_url
    );
    if let Some(sandbox) = &sandbox {
        println!(
            "Sandbox mode: a stand-in provider runs at {} (any username and password work); \
             nothing is kept after the app stops.",
            sandbox.provider_url()
        );
    }
    println!(
        "Ready in {} ms. Press Ctrl-C to stop.",
        started.elapsed().as_millis()
    );
    serve(listener, app.router, shutdown_signal()).await?;
    println!("oauthclient-axum-app stopped.");
    Ok(())
}

/// Completes on Ctrl-C, or on SIGTERM (what service managers and containers send).
async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(err) = tokio::signal::ctrl_c().await {
            tracing::error!("cannot listen for Ctrl-C: {err}");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut terminate) => {
                terminate.recv().await;
            }
            Err(err) => {
                tracing::error!("cannot listen for SIGTERM: {err}");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
}
