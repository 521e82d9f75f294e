//! Running other programs: cargo, commands with a time limit, a server killed on drop.

use std::io::{BufRead, BufReader, Read};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

/// `CARGO_TARGET_DIR` (relative to the workspace root) or `target/`.
pub fn target_dir() -> PathBuf {
    let root = workspace_root();
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => root.join(dir),
        _ => root.join("target"),
    }
}

/// Runs `cargo <args>` (the cargo that runs xtask), inheriting the terminal.
pub fn cargo(args: &[&str], env: &[(&str, &str)]) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    println!("xtask: cargo {}", args.join(" "));
    let status = Command::new(&cargo)
        .args(args)
        .envs(env.iter().copied())
        .status()
        .map_err(|err| format!("cannot run {cargo}: {err}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`cargo {}` failed ({status})", args.join(" ")))
    }
}

/// Describes a command for messages: its program and arguments.
pub fn describe(command: &Command) -> String {
    let mut words = vec![command.get_program().to_string_lossy().into_owned()];
    words.extend(
        command
            .get_args()
            .map(|arg| arg.to_string_lossy().into_owned()),
    );
    words.join(" ")
}

/// Runs `command` (inheriting the terminal) and waits at most `limit`; killed past it.
pub fn run_for(command: &mut Command, limit: Duration) -> Result<ExitStatus, String> {
    let what = describe(command);
    println!("xtask: {what}");
    let mut child = command
        .spawn()
        .map_err(|err| format!("cannot run `{what}`: {err}"))?;
    let deadline = Instant::now() + limit;
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Ok(status),
            Ok(None) if Instant::now() >= deadline => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "`{what}` did not finish within {} s and was stopped",
                    limit.as_secs()
                ));
            }
            Ok(None) => thread::sleep(Duration::from_millis(100)),
            Err(err) => return Err(format!("waiting for `{what}`: {err}")),
        }
    }
}

/// [`run_for`], and a failure unless the command exits with 0.
pub fn run_ok(command: &mut Command, limit: Duration) -> Result<(), String> {
    let what = describe(command);
    let status = run_for(command, limit)?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{what}` failed ({status})"))
    }
}

/// The first line `program args` prints, if it runs and succeeds.
pub fn output_line(program: &str, args: &[&str]) -> Option<String> {
    let output = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .next()
        .map(|line| line.trim().to_owned())
}

/// `count` distinct free TCP ports on 127.0.0.1 (held together while picked, then released).
pub fn free_ports(count: usize) -> Result<Vec<u16>, String> {
    let listeners = (0..count)
        .map(|_| TcpListener::bind(("127.0.0.1", 0)))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|err| format!("cannot find a free port on 127.0.0.1: {err}"))?;
    listeners
        .iter()
        .map(|listener| listener.local_addr().map(|addr| addr.port()))
        .collect::<Result<_, _>>()
        .map_err(|err| format!("cannot read a port: {err}"))
}

/// A long-running program whose output is echoed with a prefix; killed when dropped.
pub struct Server {
    name: String,
    child: Child,
}

impl Server {
    /// Starts `command` and waits at most `limit` for a stdout line starting with `ready`.
    /// Its stdout and stderr keep being drained (and echoed) afterwards.
    pub fn start(
        name: &str,
        command: &mut Command,
        ready: &'static str,
        limit: Duration,
    ) -> Result<Self, String> {
        let what = describe(command);
        println!("xtask: {what}");
        let mut child = command
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|err| format!("cannot start `{what}`: {err}"))?;
        let (tx, rx) = mpsc::channel();
        if let Some(stdout) = child.stdout.take() {
            drain(name, stdout, Some((ready, tx)));
        }
        if let Some(stderr) = child.stderr.take() {
            drain(name, stderr, None);
        }
        let mut server = Self {
            name: name.to_owned(),
            child,
        };
        match rx.recv_timeout(limit) {
            Ok(()) => Ok(server),
            Err(mpsc::RecvTimeoutError::Timeout) => Err(format!(
                "{name} printed no \"{ready}\" line within {} s",
                limit.as_secs()
            )),
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                // Its stdout closed: it exited (or is about to).
                let status = wait_briefly(&mut server.child);
                Err(format!("{name} stopped before it was ready ({status})"))
            }
        }
    }

    /// Kills the program and reaps it.
    pub fn stop(mut self) {
        self.kill();
    }

    fn kill(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let status = wait_briefly(&mut self.child);
            println!("xtask: {} stopped ({status})", self.name);
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

/// The exit status after at most 5 s, described.
fn wait_briefly(child: &mut Child) -> String {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return status.to_string(),
            Ok(None) if Instant::now() < deadline => thread::sleep(Duration::from_millis(50)),
            Ok(None) => return "still running".to_owned(),
            Err(err) => return format!("unknown: {err}"),
        }
    }
}

/// Echoes each line of `stream` as `name | line` on a thread of its own; the first line
/// starting with `ready.0` is signalled on `ready.1`.
fn drain(
    name: &str,
    stream: impl Read + Send + 'static,
    ready: Option<(&'static str, mpsc::Sender<()>)>,
) {
    let name = name.to_owned();
    thread::spawn(move || {
        let mut ready = ready;
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { break };
            println!("{name} | {line}");
            if ready
                .as_ref()
                .is_some_and(|(prefix, _)| line.starts_with(prefix))
                && let Some((_, tx)) = ready.take()
            {
                let _ = tx.send(());
            }
        }
    });
}

/// Removes `dir` if it exists (a missing one is fine).
pub fn remove_dir(dir: &Path) -> Result<(), String> {
    match std::fs::remove_dir_all(dir) {
        Ok(()) => Ok(()),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(err) => Err(format!("cannot remove {}: {err}", dir.display())),
    }
}

/// Installs Debian packages with apt-get (through sudo unless root).
pub fn apt_install(packages: &[&str]) -> Result<(), String> {
    const APT_LIMIT: Duration = Duration::from_secs(15 * 60);
    let root = output_line("id", &["-u"]).as_deref() == Some("0");
    let as_root = |args: &[&str]| {
        let mut command = if root {
            Command::new(args[0])
        } else {
            let mut sudo = Command::new("sudo");
            sudo.arg(args[0]);
            sudo
        };
        command.args(&args[1..]);
        command
    };
    run_ok(&mut as_root(&["apt-get", "update", "-qq"]), APT_LIMIT)?;
    let mut install = vec![
        "env",
        "DEBIAN_FRONTEND=noninteractive",
        "apt-get",
        "install",
        "-y",
        "-qq",
    ];
    install.extend_from_slice(packages);
    run_ok(&mut as_root(&install), APT_LIMIT)
}
