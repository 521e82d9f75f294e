//! The servers under test as child processes: start, wait until listening, CPU time and peak
//! memory from `/proc`, stop.

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Linux's `USER_HZ`: `/proc/<pid>/stat` counts CPU time in these ticks.
const TICKS_PER_SECOND: f64 = 100.0;

/// A server process, killed when dropped.
#[derive(Debug)]
pub struct Server {
    child: Child,
}

impl Server {
    /// Starts `command` with its output in `log`, and waits until `port` accepts connections.
    pub fn start(
        name: &'static str,
        mut command: Command,
        log: &Path,
        port: u16,
    ) -> Result<Self, String> {
        let output =
            std::fs::File::create(log).map_err(|err| format!("{}: {err}", log.display()))?;
        let errors = output
            .try_clone()
            .map_err(|err| format!("{}: {err}", log.display()))?;
        let child = command
            .stdin(Stdio::null())
            .stdout(output)
            .stderr(errors)
            .spawn()
            .map_err(|err| format!("cannot start {name}: {err}"))?;
        let mut server = Self { child };
        let address = SocketAddr::from(([127, 0, 0, 1], port));
        let deadline = Instant::now() + Duration::from_secs(30);
        while TcpStream::connect_timeout(&address, Duration::from_millis(200)).is_err() {
            if let Ok(Some(status)) = server.child.try_wait() {
                return Err(format!(
                    "{name} exited ({status}) before listening; see {}",
                    log.display()
                ));
            }
            if Instant::now() > deadline {
                return Err(format!(
                    "{name} is not listening on {address} after 30 s; see {}",
                    log.display()
                ));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(server)
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// CPU seconds (user + system) used so far.
    pub fn cpu_seconds(&self) -> f64 {
        cpu_seconds(&format!("/proc/{}/stat", self.pid()))
    }

    /// Peak resident memory (`VmHWM`) in MiB.
    pub fn peak_rss_mib(&self) -> f64 {
        let kib = kib_field(&format!("/proc/{}/status", self.pid()), "VmHWM:");
        #[allow(
            clippy::cast_precision_loss,
            reason = "memory sizes far below 2^52 KiB"
        )]
        let kib = kib as f64;
        kib / 1024.0
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// CPU seconds used by this process (the load generator).
pub fn own_cpu_seconds() -> f64 {
    cpu_seconds("/proc/self/stat")
}

fn cpu_seconds(stat_path: &str) -> f64 {
    let stat = std::fs::read_to_string(stat_path).unwrap_or_default();
    // The command name may hold spaces and parentheses; the fields follow the last `)`.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest.split_whitespace().collect())
        .unwrap_or_default();
    let ticks = |index: usize| {
        fields
            .get(index)
            .and_then(|field| field.parse::<u32>().ok())
            .map_or(0.0, f64::from)
    };
    // Fields 14 (utime) and 15 (stime) of proc(5); the slice starts at field 3.
    (ticks(11) + ticks(12)) / TICKS_PER_SECOND
}

/// A port nobody listens on right now.
pub fn free_port() -> Result<u16, String> {
    TcpListener::bind(("127.0.0.1", 0))
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .map_err(|err| format!("no free port: {err}"))
}

/// CPU seconds of the processes of one phase, read at its start and end.
#[derive(Debug, Clone, Copy, Default)]
pub struct CpuMark {
    pub server: f64,
    pub provider: f64,
    pub load: f64,
}

impl CpuMark {
    pub fn read(server: &Server, provider: Option<&Server>) -> Self {
        Self {
            server: server.cpu_seconds(),
            provider: provider.map_or(0.0, Server::cpu_seconds),
            load: own_cpu_seconds(),
        }
    }

    /// CPU used since `earlier`.
    pub fn since(self, earlier: Self) -> Self {
        Self {
            server: self.server - earlier.server,
            provider: self.provider - earlier.provider,
            load: self.load - earlier.load,
        }
    }

    /// CPU of two stretches together.
    pub fn plus(self, other: Self) -> Self {
        Self {
            server: self.server + other.server,
            provider: self.provider + other.provider,
            load: self.load + other.load,
        }
    }

    pub fn total(self) -> f64 {
        self.server + self.provider + self.load
    }
}

/// A `Name:   1234 kB` field of a /proc file (`/proc/meminfo`, `/proc/<pid>/status`), in KiB;
/// 0 when absent.
pub fn kib_field(path: &str, name: &str) -> u64 {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .find_map(|line| line.strip_prefix(name))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}
