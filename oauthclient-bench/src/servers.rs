//! Starting the processes under test: the floors, the provider stand-in and the sites (the
//! demo on actix-web, the axum site), each configured by file and logging to a file.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use rand::RngCore;

use crate::procs::{Server, free_port};
use crate::provider::APP;

/// Which front-end adapter serves the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Adapter {
    /// `oauthclient-web`: the release `oauthclient-demo`.
    Actix,
    /// `oauthclient-axum`: `oauthclient-bench axum-site`.
    Axum,
}

impl Adapter {
    pub const ALL: [Adapter; 2] = [Adapter::Actix, Adapter::Axum];

    /// The report's name for it: the framework.
    pub fn label(self) -> &'static str {
        match self {
            Adapter::Actix => "actix-web",
            Adapter::Axum => "axum",
        }
    }

    /// In file names and user names.
    pub fn slug(self) -> &'static str {
        match self {
            Adapter::Actix => "actix",
            Adapter::Axum => "axum",
        }
    }

    /// The site process, as the logs and errors name it.
    pub fn site_name(self) -> &'static str {
        match self {
            Adapter::Actix => "demo",
            Adapter::Axum => "axum site",
        }
    }

    /// The `oauthclient-bench` subcommand of its floor.
    fn floor_command(self) -> &'static str {
        match self {
            Adapter::Actix => "floor",
            Adapter::Axum => "axum-floor",
        }
    }

    /// The site's command line, configured by `config`.
    fn site_command(self, binaries: &Binaries, config: &Path) -> Command {
        let mut command = match self {
            Adapter::Actix => Command::new(&binaries.demo),
            Adapter::Axum => own(&binaries.bench, &["axum-site"]),
        };
        command.arg("--config").arg(config);
        command
    }
}

/// The programs the processes run.
#[derive(Debug)]
pub struct Binaries {
    /// The release `oauthclient-demo`.
    pub demo: PathBuf,
    /// This `oauthclient-bench` (floors, provider, axum site).
    pub bench: PathBuf,
}

/// One storage + session configuration of a site.
#[derive(Debug)]
pub struct Backend {
    pub label: &'static str,
    /// `{adapter}-{storage}`: names its files and its users.
    pub slug: String,
    pub database_url: String,
    pub session_store: String,
}

/// A bare redirect server of one framework, up for its adapter's first login phase.
pub struct Floor {
    pub server: Server,
    pub url: String,
}

pub fn start_floor(binaries: &Binaries, dir: &Path, adapter: Adapter) -> Result<Floor, String> {
    println!("== floor: a bare {} 302 handler", adapter.label());
    let port = free_port()?;
    let command = adapter.floor_command();
    let server = Server::start(
        "floor",
        own(&binaries.bench, &[command, "--port", &port.to_string()]),
        &dir.join(format!("{command}.log")),
        port,
    )?;
    Ok(Floor {
        server,
        url: format!("http://127.0.0.1:{port}/oauth/login/{APP}/"),
    })
}

/// The provider process, the sites' remote app table it wrote, its authorization endpoint.
pub fn start_provider(binaries: &Binaries, dir: &Path) -> Result<(Server, String, String), String> {
    let port = free_port()?;
    let app_toml = dir.join("provider-app.toml");
    let _ = std::fs::remove_file(&app_toml);
    let provider = Server::start(
        "provider",
        own(
            &binaries.bench,
            &[
                "provider",
                "--port",
                &port.to_string(),
                "--app-toml",
                &app_toml.display().to_string(),
            ],
        ),
        &dir.join("provider.log"),
        port,
    )?;
    let app_table = wait_for_file(&app_toml)?;
    Ok((
        provider,
        app_table,
        format!("http://127.0.0.1:{port}/authorize"),
    ))
}

/// `adapter`'s site on `backend`, configured by file (the demo's format), logging at `info`
/// as in production.
pub fn start_site(
    adapter: Adapter,
    binaries: &Binaries,
    dir: &Path,
    backend: &Backend,
    (port, secret, app_table): (u16, &str, &str),
) -> Result<Server, String> {
    let config = dir.join(format!("site-{}.toml", backend.slug));
    std::fs::write(
        &config,
        format!(
            "listen = \"127.0.0.1:{port}\"\nsite_url = \"http://127.0.0.1:{port}\"\n\
             database_url = \"{}\"\nsecret_key = \"{secret}\"\nsession_store = \"{}\"\n\n{app_table}",
            backend.database_url, backend.session_store
        ),
    )
    .map_err(|err| format!("{}: {err}", config.display()))?;
    let mut command = adapter.site_command(binaries, &config);
    command.env("RUST_LOG", "info");
    Server::start(
        adapter.site_name(),
        command,
        &dir.join(format!("site-{}.log", backend.slug)),
        port,
    )
}

fn own(exe: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(exe);
    command.args(args);
    command
}

/// The provider writes its table right after it starts listening.
pub fn wait_for_file(path: &Path) -> Result<String, String> {
    for _ in 0..100 {
        if let Ok(text) = std::fs::read_to_string(path)
            && !text.is_empty()
        {
            return Ok(text);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Err(format!("{} was not written within 5 s", path.display()))
}

pub fn random_secret() -> String {
    let mut bytes = [0_u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    bytes
        .iter()
        .fold(String::with_capacity(64), |mut hex, byte| {
            let _ = write!(hex, "{byte:02x}");
            hex
        })
}
