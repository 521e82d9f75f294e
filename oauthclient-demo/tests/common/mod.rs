//! Starting the real demo binary on free loopback ports.

#![allow(
    dead_code,
    reason = "each test binary uses a different part of this module"
)]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A free loopback port (bound and released; the demo binds it right after).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|addr| addr.port())
        .expect("a free port")
}

/// A running demo process; killed on drop.
pub struct Demo {
    pub child: Child,
    /// The site URL the demo announces (its `site_url`).
    pub base: String,
    /// Where requests to this process go (`base`, unless several instances share a
    /// `site_url`).
    pub listen: String,
    pub sandbox: Option<String>,
    pub data_dir: tempfile::TempDir,
    pub stdout: Vec<String>,
}

impl Drop for Demo {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Demo {
    /// The body of `path` (relative to the site).
    pub async fn page(&self, browser: &reqwest::Client, path: &str) -> String {
        browser
            .get(format!("{}{path}", self.listen))
            .send()
            .await
            .unwrap_or_else(|err| panic!("GET {path}: {err}"))
            .text()
            .await
            .unwrap_or_else(|err| panic!("GET {path} body: {err}"))
    }

    /// Loads `form_page` for its CSRF token, then posts `fields` (plus the token) to `action`,
    /// as a browser submitting that page's form would.
    pub async fn submit(
        &self,
        browser: &reqwest::Client,
        form_page: &str,
        action: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        let page = self.page(browser, form_page).await;
        let csrf = input_value(&page, "csrf_token")
            .unwrap_or_else(|| panic!("no CSRF token on {form_page}: {page}"));
        let mut form: Vec<(&str, &str)> = vec![("csrf_token", csrf.as_str())];
        form.extend_from_slice(fields);
        browser
            .post(format!("{}{action}", self.listen))
            .form(&form)
            .send()
            .await
            .unwrap_or_else(|err| panic!("POST {action}: {err}"))
    }

    /// `GET /oauth/login/{app}/` as a browser: when signed in the demo only asks for
    /// confirmation, and the browser clicks "Connect" (the CSRF-checked POST). The response
    /// that redirects to the provider.
    pub async fn start_flow(&self, browser: &reqwest::Client, app: &str) -> reqwest::Response {
        let login = format!("{}/oauth/login/{app}/", self.listen);
        oauthclient_testkit::browser_actions::start_flow(browser, &login).await
    }

    /// Stops the process and hands back its data directory.
    pub fn stop(mut self) -> tempfile::TempDir {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let placeholder = tempfile::tempdir().expect("temp dir");
        std::mem::replace(&mut self.data_dir, placeholder)
    }
}

/// Runs the demo with `args` and waits until it says it is ready (at most 30 s).
pub fn start(args: &[&str]) -> Demo {
    start_in(tempfile::tempdir().expect("temp dir"), args)
}

/// [`start`] with a given data directory (to restart on the same data).
pub fn start_in(data_dir: tempfile::TempDir, args: &[&str]) -> Demo {
    start_at(free_port(), data_dir, args)
}

/// [`start_in`] listening on `port`.
pub fn start_at(port: u16, data_dir: tempfile::TempDir, args: &[&str]) -> Demo {
    let sandbox_port = free_port();
    let listen = format!("127.0.0.1:{port}");
    let sandbox_port_arg = sandbox_port.to_string();
    let data_dir_arg = data_dir.path().display().to_string();
    let mut command = Command::new(env!("CARGO_BIN_EXE_oauthclient-demo"));
    command
        .args([
            "--listen",
            &listen,
            "--sandbox-port",
            &sandbox_port_arg,
            "--data-dir",
            &data_dir_arg,
        ])
        .args(args)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    let mut child = command.spawn().expect("the demo starts");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut seen = Vec::new();
    let mut base = format!("http://{listen}");
    while Instant::now() < deadline {
        match lines.next() {
            Some(Ok(line)) => {
                if let Some(url) = line.strip_prefix("oauthclient-demo listening on ") {
                    url.trim().clone_into(&mut base);
                }
                let ready = line.starts_with("Ready in");
                seen.push(line);
                if ready {
                    break;
                }
            }
            _ => break,
        }
    }
    assert!(
        seen.iter().any(|line| line.starts_with("Ready in")),
        "the demo did not get ready: {seen:?}"
    );
    // Keep draining stdout so the child never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines.by_ref() {});
    let sandbox = seen
        .iter()
        .any(|line| line.starts_with("Sandbox mode"))
        .then(|| format!("http://127.0.0.1:{sandbox_port}"));
    Demo {
        child,
        // The announced site URL is where a single instance listens; a test running several
        // instances behind one `site_url` sets each one's own address.
        listen: base.clone(),
        base,
        sandbox,
        data_dir,
        stdout: seen,
    }
}

pub fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

pub fn location(response: &reqwest::Response) -> String {
    response
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

pub use oauthclient_testkit::html::input_value;
