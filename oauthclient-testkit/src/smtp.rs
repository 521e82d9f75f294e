//! [`SmtpSink`]: a real SMTP server on `127.0.0.1` for tests of mail-sending code such as
//! `oauthclient_core::email::SmtpMailer` (feature `smtp`).
//!
//! The server is Python's [aiosmtpd](https://aiosmtpd.aio-libs.org/) running
//! `smtp-sink/sink.py` (shipped inside this crate) in a child process: it accepts every
//! message, optionally only after AUTH or STARTTLS, and the sink reads each one back as a
//! [`ReceivedMail`] (envelope, `To:`, `Subject:`, text and HTML bodies).
//!
//! It needs a Python with aiosmtpd: the environment variable [`SMTP_PYTHON_ENV`]
//! (`OAUTHCLIENT_TEST_SMTP_PYTHON`) names its interpreter. `cargo xtask integration` creates
//! one under `target/` from `oauthclient-testkit/smtp-sink/requirements.txt` and sets it for
//! the suites it runs; by hand:
//!
//! ```text
//! python3 -m venv target/smtp-venv
//! target/smtp-venv/bin/pip install -r oauthclient-testkit/smtp-sink/requirements.txt
//! export OAUTHCLIENT_TEST_SMTP_PYTHON=$PWD/target/smtp-venv/bin/python
//! ```
//!
//! [`SmtpSink::start`] fails with an error saying this when the variable is not set.
//!
//! ```no_run
//! use std::time::Duration;
//! use oauthclient_testkit::smtp::SmtpSink;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> std::io::Result<()> {
//! let sink = SmtpSink::builder().auth("mailer", "s3cret").start().await?;
//! // Point the code under test at 127.0.0.1:sink.port(), e.g. with sink.mail_toml(...).
//! let mail = sink.wait_for_message(Duration::from_secs(5)).await?;
//! assert_eq!(mail.subject, "Confirm your e-mail address");
//! # Ok(())
//! # }
//! ```

use std::fmt::Write as _;
use std::io::{self, BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::Mutex;
use std::sync::mpsc::{self, TryRecvError};
use std::time::{Duration, Instant};

use serde::Deserialize;

/// The environment variable naming a Python interpreter with aiosmtpd installed.
pub const SMTP_PYTHON_ENV: &str = "OAUTHCLIENT_TEST_SMTP_PYTHON";

/// The server script, written into the sink's temporary directory at start.
const SCRIPT: &str = include_str!("../smtp-sink/sink.py");
/// The pinned requirements, quoted in the error when no Python is configured.
const REQUIREMENTS: &str = include_str!("../smtp-sink/requirements.txt");

/// How long the server may take to start (Python, aiosmtpd, and `openssl` for STARTTLS).
const READY_LIMIT: Duration = Duration::from_secs(30);
/// How often [`SmtpSink::wait_for_message`] looks for a new message.
const POLL: Duration = Duration::from_millis(20);

/// One message the sink received.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ReceivedMail {
    /// The envelope sender (`MAIL FROM`).
    pub mail_from: String,
    /// The envelope recipients (`RCPT TO`).
    pub rcpt_to: Vec<String>,
    /// The `From:` header, decoded.
    pub from: String,
    /// The `To:` header, decoded.
    pub to: String,
    /// The `Subject:` header, decoded.
    pub subject: String,
    /// The top-level content type, e.g. `multipart/alternative`.
    pub content_type: String,
    /// The `text/plain` body, decoded, with `\n` line endings.
    pub text: Option<String>,
    /// The `text/html` body, decoded, with `\n` line endings.
    pub html: Option<String>,
    /// The user the client authenticated as, if it did.
    pub authenticated_as: Option<String>,
    /// Whether the session was under TLS (STARTTLS) when the message came.
    pub tls: bool,
}

/// Options of an [`SmtpSink`]; from [`SmtpSink::builder`].
#[derive(Debug, Clone, Default)]
#[must_use]
pub struct SmtpSinkBuilder {
    python: Option<PathBuf>,
    auth: Option<(String, String)>,
    starttls: bool,
}

impl SmtpSinkBuilder {
    /// The Python interpreter to use instead of [`SMTP_PYTHON_ENV`].
    pub fn python(mut self, python: impl Into<PathBuf>) -> Self {
        self.python = Some(python.into());
        self
    }

    /// Requires AUTH (PLAIN or LOGIN, allowed without TLS) as `user` with `password` before
    /// any message; other credentials get `535`.
    pub fn auth(mut self, user: impl Into<String>, password: impl Into<String>) -> Self {
        self.auth = Some((user.into(), password.into()));
        self
    }

    /// Offers STARTTLS and requires it before anything else, with a self-signed certificate
    /// for `localhost` made at start by the `openssl` command. A client that checks
    /// certificates refuses it: this tests that a client does upgrade and does verify.
    pub fn starttls(mut self, starttls: bool) -> Self {
        self.starttls = starttls;
        self
    }

    /// Starts the server on a free port of `127.0.0.1` and waits until it accepts
    /// connections (at most 30 s).
    pub async fn start(self) -> io::Result<SmtpSink> {
        let python = match self.python {
            Some(python) => python,
            None => SmtpSink::python_from_env()?,
        };
        let dir = tempfile::Builder::new().prefix("smtp-sink-").tempdir()?;
        let script = dir.path().join("sink.py");
        std::fs::write(&script, SCRIPT)?;
        let log = dir.path().join("sink.log");
        let mut command = Command::new(&python);
        command
            .arg(&script)
            .arg("--dir")
            .arg(dir.path())
            .args(["--port", "0"])
            .env("PYTHONUNBUFFERED", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&log)?);
        if let Some((user, password)) = &self.auth {
            command
                .args(["--user", user])
                .env("SMTP_SINK_PASSWORD", password);
        }
        if self.starttls {
            command.arg("--starttls");
        }
        let mut child = command.spawn().map_err(|err| {
            io::Error::new(
                err.kind(),
                format!(
                    "cannot run {} (from {SMTP_PYTHON_ENV}): {err}",
                    python.display()
                ),
            )
        })?;
        // The sink exits when its stdin closes: kept open here, closed by drop.
        let stdin = child.stdin.take();
        let stdout = child.stdout.take().expect("stdout is piped");
        let (lines, ready) = mpsc::channel();
        std::thread::spawn(move || {
            // Every line is read, so the server never blocks on a full pipe.
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                let _ = lines.send(line);
            }
        });
        let deadline = Instant::now() + READY_LIMIT;
        let port = loop {
            match ready.try_recv() {
                Ok(line) => {
                    if let Some(port) = line
                        .strip_prefix("Ready on 127.0.0.1:")
                        .and_then(|port| port.trim().parse::<u16>().ok())
                    {
                        break port;
                    }
                }
                Err(TryRecvError::Disconnected) => {
                    let status = child.wait()?;
                    return Err(io::Error::other(format!(
                        "the SMTP sink ({} {}) exited before it was ready ({status}){}",
                        python.display(),
                        script.display(),
                        log_tail(&log),
                    )));
                }
                Err(TryRecvError::Empty) if Instant::now() >= deadline => {
                    let _ = child.kill();
                    let _ = child.wait();
                    return Err(io::Error::new(
                        io::ErrorKind::TimedOut,
                        format!(
                            "the SMTP sink was not ready within {} s{}",
                            READY_LIMIT.as_secs(),
                            log_tail(&log)
                        ),
                    ));
                }
                Err(TryRecvError::Empty) => tokio::time::sleep(POLL).await,
            }
        };
        Ok(SmtpSink {
            child,
            stdin,
            port,
            auth: self.auth,
            returned: Mutex::new(0),
            dir,
        })
    }
}

/// A real SMTP server (aiosmtpd) on `127.0.0.1`, in a child process that is killed on drop.
/// See the [module documentation](self).
pub struct SmtpSink {
    child: Child,
    stdin: Option<ChildStdin>,
    port: u16,
    auth: Option<(String, String)>,
    /// How many messages [`SmtpSink::wait_for_message`] has returned.
    returned: Mutex<usize>,
    // Last: removed after the process is gone.
    dir: tempfile::TempDir,
}

impl std::fmt::Debug for SmtpSink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpSink")
            .field("port", &self.port)
            .field("auth_user", &self.auth.as_ref().map(|(user, _)| user))
            .field("dir", &self.dir.path())
            .finish_non_exhaustive()
    }
}

impl SmtpSink {
    /// A sink without AUTH or TLS, with the Python of [`SMTP_PYTHON_ENV`].
    pub async fn start() -> io::Result<Self> {
        Self::builder().start().await
    }

    /// Options: AUTH, STARTTLS, the interpreter.
    pub fn builder() -> SmtpSinkBuilder {
        SmtpSinkBuilder::default()
    }

    /// The interpreter named by [`SMTP_PYTHON_ENV`], or an error (`NotFound`) saying how to
    /// get one.
    pub fn python_from_env() -> io::Result<PathBuf> {
        match std::env::var_os(SMTP_PYTHON_ENV) {
            Some(python) if !python.is_empty() => Ok(PathBuf::from(python)),
            _ => {
                let pinned = REQUIREMENTS
                    .lines()
                    .find(|line| line.starts_with("aiosmtpd=="))
                    .unwrap_or("aiosmtpd");
                Err(io::Error::new(
                    io::ErrorKind::NotFound,
                    format!(
                        "{SMTP_PYTHON_ENV} is not set: the SMTP sink needs a Python with \
                         aiosmtpd. Run `cargo xtask integration`, or create a venv with \
                         `python3 -m venv target/smtp-venv && target/smtp-venv/bin/pip install \
                         {pinned}` (or `-r oauthclient-testkit/smtp-sink/requirements.txt`) and \
                         set {SMTP_PYTHON_ENV}=target/smtp-venv/bin/python (an absolute path)"
                    ),
                ))
            }
        }
    }

    /// The server's address: always `127.0.0.1`.
    #[allow(clippy::unused_self)] // beside port(), and free to change
    pub fn host(&self) -> &'static str {
        "127.0.0.1"
    }

    /// The server's port.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// A `[mail]` table for oauthclient-core's configuration that sends through this sink
    /// from `from`: no TLS (loopback), its AUTH credentials if it has some, a 5 s timeout.
    pub fn mail_toml(&self, from: &str) -> String {
        let mut toml = format!(
            "[mail]\nfrom = {}\nsmtp_host = \"127.0.0.1\"\nsmtp_port = {}\n\
             smtp_security = \"none\"\ntimeout = 5\n",
            toml_string(from),
            self.port
        );
        if let Some((user, password)) = &self.auth {
            let _ = writeln!(
                toml,
                "smtp_username = {}\nsmtp_password = {}",
                toml_string(user),
                toml_string(password)
            );
        }
        toml
    }

    /// Every message received so far, oldest first.
    pub fn messages(&self) -> Vec<ReceivedMail> {
        let dir = self.messages_dir();
        let mut numbered: Vec<(u64, PathBuf)> = std::fs::read_dir(&dir)
            .map(|entries| {
                entries
                    .flatten()
                    .map(|entry| entry.path())
                    .filter_map(|path| {
                        // `<n>.json`; `<n>.json.tmp` is still being written.
                        let n = path.file_name()?.to_str()?.strip_suffix(".json")?;
                        Some((n.parse().ok()?, path))
                    })
                    .collect()
            })
            .unwrap_or_default();
        numbered.sort();
        numbered
            .into_iter()
            .map(|(_, path)| {
                let text = std::fs::read_to_string(&path)
                    .unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()));
                serde_json::from_str(&text)
                    .unwrap_or_else(|err| panic!("{} is not a message: {err}", path.display()))
            })
            .collect()
    }

    /// The next message not yet returned by this method, waiting for it at most `timeout`
    /// (`TimedOut` past it). Messages come back in the order they were received.
    pub async fn wait_for_message(&self, timeout: Duration) -> io::Result<ReceivedMail> {
        let deadline = Instant::now() + timeout;
        loop {
            {
                let mut returned = self
                    .returned
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                if let Some(mail) = self.messages().into_iter().nth(*returned) {
                    *returned += 1;
                    return Ok(mail);
                }
            }
            if Instant::now() >= deadline {
                return Err(io::Error::new(
                    io::ErrorKind::TimedOut,
                    format!(
                        "no new message on the SMTP sink (port {}) within {:.1} s{}",
                        self.port,
                        timeout.as_secs_f64(),
                        log_tail(&self.dir.path().join("sink.log"))
                    ),
                ));
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Stops the server (as dropping the sink does).
    pub fn stop(self) {
        drop(self);
    }

    fn messages_dir(&self) -> PathBuf {
        self.dir.path().join("messages")
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        drop(self.stdin.take());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A TOML basic string.
fn toml_string(value: &str) -> String {
    serde_json::Value::String(value.to_owned()).to_string()
}

/// The last lines of the server's stderr, for error messages ("" when empty).
fn log_tail(log: &Path) -> String {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    let tail = lines[lines.len().saturating_sub(20)..].join("\n");
    if tail.trim().is_empty() {
        String::new()
    } else {
        format!("; its stderr ends with:\n{tail}")
    }
}
