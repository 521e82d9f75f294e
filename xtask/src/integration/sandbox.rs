//! The demo and the axum example app in sandbox mode: no configuration file, a stand-in
//! provider beside the site where any username and password work. The browser flow,
//! schemathesis and the i18n walk click through these.

use std::ffi::OsString;
use std::path::Path;

use super::oidc::{AXUM_APP, BrowserApp, DEMO};
use super::start_app;
use crate::process::{Server, free_ports};

/// An app of the workspace that has a sandbox mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum SandboxApp {
    /// `oauthclient-demo` (actix-web): the library at the root, password accounts, a
    /// mailbox, the sandbox provider on a port of our choosing, its data in a directory.
    Demo,
    /// `oauthclient-axum-app`: the library under `/auth`, the provider on a port of its own
    /// choosing, its data in a temporary directory.
    Axum,
}

impl SandboxApp {
    fn app(self) -> &'static BrowserApp {
        match self {
            SandboxApp::Demo => &DEMO,
            SandboxApp::Axum => &AXUM_APP,
        }
    }
}

/// A running app in sandbox mode; stopped when [`Sandboxed::stop`] is called or dropped.
pub(super) struct Sandboxed {
    pub server: Server,
    /// The host's home page, `http://127.0.0.1:PORT` (no trailing slash).
    pub home: String,
    /// The library's site URL: `home`, plus the app's prefix.
    pub site: String,
    /// The sandbox provider's URL, when the port was ours to choose (the demo).
    pub provider: Option<String>,
}

impl Sandboxed {
    pub fn stop(self) {
        self.server.stop();
    }
}

/// Starts `app` (built beforehand) in sandbox mode on free ports, with `env` added to its
/// environment; the demo keeps its SQLite file and secret key in `data_dir`.
pub(super) fn start(
    root: &Path,
    target: &Path,
    app: SandboxApp,
    data_dir: &Path,
    env: &[(&str, &str)],
) -> Result<Sandboxed, String> {
    let ports = free_ports(2)?;
    let (site_port, provider_port) = (ports[0], ports[1]);
    let home = format!("http://127.0.0.1:{site_port}");
    let mut args: Vec<OsString> = vec!["--listen".into(), format!("127.0.0.1:{site_port}").into()];
    let provider = match app {
        SandboxApp::Demo => {
            args.extend([
                "--sandbox-port".into(),
                provider_port.to_string().into(),
                "--data-dir".into(),
                data_dir.into(),
            ]);
            Some(format!("http://127.0.0.1:{provider_port}"))
        }
        SandboxApp::Axum => None,
    };
    let server = start_app(root, target, app.app().binary, &args, env)?;
    Ok(Sandboxed {
        server,
        site: format!("{home}{}", app.app().prefix),
        home,
        provider,
    })
}
