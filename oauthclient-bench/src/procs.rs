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
        mib(kib_field(&format!("/proc/{}/status", self.pid()), "VmHWM:"))
    }

    /// Resident memory now (`VmRSS`) in MiB.
    pub fn rss_mib(&self) -> f64 {
        mib(kib_field(&format!("/proc/{}/status", self.pid()), "VmRSS:"))
    }

    /// The anonymous part of the resident memory (`RssAnon`: heap, stacks, buffers) in MiB;
    /// the rest of `VmRSS` is mapped files (the executable, libraries), shared and reclaimable.
    pub fn rss_anon_mib(&self) -> f64 {
        mib(kib_field(
            &format!("/proc/{}/status", self.pid()),
            "RssAnon:",
        ))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// CPU seconds used by this process (the load generator) and by the children it has waited
/// for (`wrk` runs, once they exit).
pub fn own_cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let (own, children) = stat_ticks(&stat);
    (own + children) / TICKS_PER_SECOND
}

fn cpu_seconds(stat_path: &str) -> f64 {
    let stat = std::fs::read_to_string(stat_path).unwrap_or_default();
    stat_ticks(&stat).0 / TICKS_PER_SECOND
}

/// The CPU ticks of a `/proc/<pid>/stat` line: its own (utime + stime) and its waited-for
/// children's (cutime + cstime); zeros for a line that is not one.
fn stat_ticks(stat: &str) -> (f64, f64) {
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
    // Fields 14-17 (utime, stime, cutime, cstime) of proc(5); the slice starts at field 3.
    (ticks(11) + ticks(12), ticks(13) + ticks(14))
}

/// Raises this process's soft limit of open files to at least `wanted` (within the hard
/// limit), so that it can hold a thousand connections per site; the servers it starts
/// inherit the limit. Returns the soft limit in force.
pub fn raise_open_files(wanted: u64) -> Result<u64, String> {
    use rustix::process::{Resource, Rlimit, getrlimit, setrlimit};

    let limit = getrlimit(Resource::Nofile);
    let current = limit.current.unwrap_or(u64::MAX);
    if current >= wanted {
        return Ok(current);
    }
    let maximum = limit.maximum.unwrap_or(u64::MAX);
    if maximum < wanted {
        return Err(format!(
            "open files: the hard limit is {maximum}, {wanted} are needed (raise it: ulimit -Hn)"
        ));
    }
    setrlimit(
        Resource::Nofile,
        Rlimit {
            current: Some(wanted),
            maximum: limit.maximum,
        },
    )
    .map_err(|err| format!("raising the open-files limit to {wanted}: {err}"))?;
    Ok(wanted)
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
    kib_in(&std::fs::read_to_string(path).unwrap_or_default(), name)
}

/// The `Name:   1234 kB` field of a /proc file's text, in KiB; 0 when absent.
fn kib_in(text: &str, name: &str) -> u64 {
    text.lines()
        .find_map(|line| line.strip_prefix(name))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn mib(kib: u64) -> f64 {
    #[allow(
        clippy::cast_precision_loss,
        reason = "memory sizes far below 2^52 KiB"
    )]
    let kib = kib as f64;
    kib / 1024.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stat_ticks_follow_the_last_parenthesis() {
        // pid, a command name with a space and a parenthesis, state, then fields 4..17.
        let stat = "4242 (site (x) y) S 1 4242 4242 0 -1 4194560 900 0 0 0 250 40 7 3 20 0 3 0";
        assert_eq!(stat_ticks(stat), (290.0, 10.0));
        assert_eq!(stat_ticks("garbage"), (0.0, 0.0));
    }

    #[test]
    fn kib_fields_of_status_and_meminfo() {
        let status = "Name:\tdemo\nVmHWM:\t   30100 kB\nVmRSS:\t   28000 kB\n";
        assert_eq!(kib_in(status, "VmHWM:"), 30_100);
        assert_eq!(kib_in(status, "VmRSS:"), 28_000);
        assert_eq!(kib_in(status, "VmSwap:"), 0);
        assert_eq!(
            kib_in("MemTotal:       24576000 kB\n", "MemTotal:"),
            24_576_000
        );
        assert!((mib(30_720) - 30.0).abs() < f64::EPSILON);
    }
}
