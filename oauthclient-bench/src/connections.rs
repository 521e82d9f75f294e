//! The memory phase: a site holding a thousand keep-alive connections at once while flows run
//! alongside, and its resident memory meanwhile (`VmRSS`, sampled) and at its peak (`VmHWM`).
//!
//! Each connection is a raw HTTP/1.1 keep-alive connection: it sends `GET /oauth/login/{app}/`
//! when it opens (the answer must be a `302`), then idles, sending the same request again every
//! few seconds — under actix-web's 5 s keep-alive timeout, which would otherwise close it.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::task::JoinSet;

use crate::flows::Outcome;
use crate::procs::Server;
use crate::report::round;

/// Connections held open to each site.
pub const CONNECTIONS: usize = 1_000;

/// How often an idle connection speaks (actix-web closes one idle for 5 s).
const PING_EVERY: Duration = Duration::from_secs(3);

/// The shortest phase: every connection must have spoken once (they start over
/// [`PING_EVERY`]) and been held a while.
pub const SHORTEST: Duration = Duration::from_secs(6);

/// How often the site's memory is read.
const SAMPLE_EVERY: Duration = Duration::from_millis(100);

/// The RSS the issue allows a site, for the report.
pub const TARGET_MIB: f64 = 30.0;

/// What one site did with [`CONNECTIONS`] connections open.
#[derive(Debug, Default)]
pub struct HeldConnections {
    pub adapter: &'static str,
    pub backend: &'static str,
    /// Connections opened.
    pub requested: usize,
    /// The most connections open at once (each answered its first request).
    pub held: usize,
    /// Connections that failed: refused, closed by the server, a wrong answer.
    pub failed: usize,
    pub first_error: Option<String>,
    /// Requests answered over the held connections.
    pub requests: u64,
    /// `VmRSS` before the first connection opened.
    pub rss_before_mib: f64,
    /// The highest `VmRSS` sampled during the phase.
    pub rss_max_mib: f64,
    /// The highest `RssAnon` sampled during the phase (heap, stacks, buffers).
    pub rss_anon_max_mib: f64,
    /// `VmHWM` after the phase: the site's peak over its whole life.
    pub hwm_mib: f64,
    /// The flows that ran alongside.
    pub flows: Outcome,
}

impl HeldConnections {
    /// The report's line.
    pub fn line(&self) -> String {
        format!(
            "{} connections to the {} site ({}): {} held at once, {} failed; VmRSS {:.1} MiB before, \
             up to {:.1} MiB (anonymous up to {:.1} MiB; VmHWM {:.1} MiB; target ≤ {TARGET_MIB:.0} MiB); \
             {} returning flows alongside ({:.0}/s), {} failed{}",
            self.requested,
            self.adapter,
            self.backend,
            self.held,
            self.failed,
            self.rss_before_mib,
            self.rss_max_mib,
            self.rss_anon_max_mib,
            self.hwm_mib,
            self.flows.ok,
            self.flows.rate(),
            self.flows.errors,
            self.first_error
                .as_deref()
                .or(self.flows.first_error.as_deref())
                .map(|error| format!("; first error: {error}"))
                .unwrap_or_default(),
        )
    }

    pub fn to_json(&self) -> Value {
        json!({
            "adapter": self.adapter,
            "backend": self.backend,
            "connections": self.requested,
            "held_at_once": self.held,
            "failed": self.failed,
            "first_error": self.first_error.as_deref().or(self.flows.first_error.as_deref()),
            "requests": self.requests,
            "rss_before_mib": round(self.rss_before_mib, 1),
            "rss_max_mib": round(self.rss_max_mib, 1),
            "rss_anon_max_mib": round(self.rss_anon_max_mib, 1),
            "hwm_mib": round(self.hwm_mib, 1),
            "flows_ok": self.flows.ok,
            "flows_errors": self.flows.errors,
            "flows_per_second": round(self.flows.rate(), 1),
        })
    }

    /// Every connection held, every flow passed.
    pub fn clean(&self) -> bool {
        self.failed == 0 && self.held == self.requested && self.flows.errors == 0
    }
}

/// Opens `count` connections to `address` asking for `path`, holds them for `duration` while
/// `alongside` runs, and samples `server`'s memory meanwhile.
pub async fn hold<F: Future<Output = Outcome>>(
    server: &Server,
    (address, path): (SocketAddr, &str),
    count: usize,
    duration: Duration,
    alongside: F,
) -> HeldConnections {
    let rss_before_mib = server.rss_mib();
    let deadline = Instant::now() + duration.max(SHORTEST);
    let open = Arc::new(AtomicUsize::new(0));
    let request: Arc<[u8]> =
        format!("GET {path} HTTP/1.1\r\nHost: {address}\r\nUser-Agent: oauthclient-bench\r\n\r\n")
            .into_bytes()
            .into();
    let mut tasks = JoinSet::new();
    for index in 0..count {
        let (open, request) = (open.clone(), request.clone());
        // Spread the later requests over the interval, so the site sees a trickle.
        let offset = PING_EVERY * u32::try_from(index).unwrap_or(0)
            / u32::try_from(count).unwrap_or(u32::MAX).max(1);
        tasks.spawn(keep(address, request, deadline, offset, open));
    }
    let sampler = async {
        let (mut rss_max, mut anon_max, mut held) = (0.0_f64, 0.0_f64, 0);
        while Instant::now() < deadline {
            rss_max = rss_max.max(server.rss_mib());
            anon_max = anon_max.max(server.rss_anon_mib());
            held = held.max(open.load(Ordering::Relaxed));
            tokio::time::sleep(SAMPLE_EVERY).await;
        }
        (rss_max, anon_max, held)
    };
    let ((rss_max_mib, rss_anon_max_mib, held), flows) = tokio::join!(sampler, alongside);
    let mut result = HeldConnections {
        requested: count,
        held,
        rss_before_mib,
        rss_max_mib,
        rss_anon_max_mib,
        flows,
        ..HeldConnections::default()
    };
    while let Some(joined) = tasks.join_next().await {
        let (requests, error) = joined.unwrap_or_else(|err| (0, Some(err.to_string())));
        result.requests += requests;
        if let Some(error) = error {
            result.failed += 1;
            result.first_error.get_or_insert(error);
        }
    }
    result.hwm_mib = server.peak_rss_mib();
    result
}

/// One connection until `deadline`: the requests it had answered, and why it failed if it did.
async fn keep(
    address: SocketAddr,
    request: Arc<[u8]>,
    deadline: Instant,
    offset: Duration,
    open: Arc<AtomicUsize>,
) -> (u64, Option<String>) {
    let mut stream = match TcpStream::connect(address).await {
        Ok(stream) => stream,
        Err(err) => return (0, Some(format!("connect: {err}"))),
    };
    let mut buffer = Vec::with_capacity(2048);
    let mut requests = 0;
    // The first requests spread over the interval too: a thousand logins at the same instant
    // would measure a burst, not a thousand held connections.
    let mut next = Instant::now() + offset;
    loop {
        tokio::time::sleep_until(next.into()).await;
        let answer = async {
            stream
                .write_all(&request)
                .await
                .map_err(|err| format!("write: {err}"))?;
            read_response(&mut stream, &mut buffer).await
        };
        match answer.await {
            Ok(302) => {}
            Ok(status) => return failed(&open, requests, format!("answered {status}, not 302")),
            Err(error) => return failed(&open, requests, error),
        }
        if requests == 0 {
            open.fetch_add(1, Ordering::Relaxed);
        }
        requests += 1;
        next += PING_EVERY;
        if next >= deadline {
            tokio::time::sleep_until(deadline.into()).await;
            open.fetch_sub(1, Ordering::Relaxed);
            return (requests, None);
        }
    }
}

fn failed(open: &AtomicUsize, requests: u64, error: String) -> (u64, Option<String>) {
    if requests > 0 {
        open.fetch_sub(1, Ordering::Relaxed);
    }
    (requests, Some(error))
}

/// Reads one HTTP/1.1 response (headers, then a `Content-Length` body) and returns its status.
async fn read_response(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> Result<u16, String> {
    buffer.clear();
    let mut chunk = [0_u8; 2048];
    let head_end = loop {
        if let Some(end) = find(buffer, b"\r\n\r\n") {
            break end + 4;
        }
        let read = stream
            .read(&mut chunk)
            .await
            .map_err(|err| format!("read: {err}"))?;
        if read == 0 {
            return Err("closed by the site".into());
        }
        buffer.extend_from_slice(&chunk[..read]);
    };
    let (status, length, close) = parse_head(&buffer[..head_end])?;
    while buffer.len() < head_end + length {
        let read = stream
            .read(&mut chunk)
            .await
            .map_err(|err| format!("read: {err}"))?;
        if read == 0 {
            return Err("closed by the site mid-answer".into());
        }
        buffer.extend_from_slice(&chunk[..read]);
    }
    if close {
        return Err("the site closed the keep-alive connection (Connection: close)".into());
    }
    Ok(status)
}

/// The status, `Content-Length` (0 when absent) and whether `Connection: close` was sent.
fn parse_head(head: &[u8]) -> Result<(u16, usize, bool), String> {
    let text = std::str::from_utf8(head).map_err(|_| "a response head that is not UTF-8")?;
    let mut lines = text.split("\r\n");
    let status = lines
        .next()
        .and_then(|line| line.split_whitespace().nth(1))
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| {
            format!(
                "not an HTTP response: {}",
                text.lines().next().unwrap_or("")
            )
        })?;
    let (mut length, mut close) = (0, false);
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        if name.eq_ignore_ascii_case("content-length") {
            length = value
                .parse()
                .map_err(|_| format!("Content-Length `{value}`"))?;
        } else if name.eq_ignore_ascii_case("connection") && value.eq_ignore_ascii_case("close") {
            close = true;
        } else if name.eq_ignore_ascii_case("transfer-encoding") {
            return Err(format!(
                "Transfer-Encoding `{value}` where a 302 was expected"
            ));
        }
    }
    Ok((status, length, close))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn response_heads() {
        let head = b"HTTP/1.1 302 Found\r\nlocation: http://p/authorize?state=s\r\n\
                     content-length: 0\r\nset-cookie: id=1\r\n\r\n";
        assert_eq!(parse_head(head), Ok((302, 0, false)));
        let head = b"HTTP/1.1 404 Not Found\r\nContent-Length: 12\r\nConnection: close\r\n\r\n";
        assert_eq!(parse_head(head), Ok((404, 12, true)));
        assert!(parse_head(b"SSH-2.0-OpenSSH\r\n\r\n").is_err());
        assert!(parse_head(b"HTTP/1.1 302 Found\r\nTransfer-Encoding: chunked\r\n\r\n").is_err());
        assert_eq!(find(b"ab\r\n\r\ncd", b"\r\n\r\n"), Some(2));
    }

    #[test]
    fn clean_only_when_every_connection_was_held() {
        let mut held = HeldConnections {
            requested: 10,
            held: 10,
            ..HeldConnections::default()
        };
        assert!(held.clean());
        held.held = 9;
        assert!(!held.clean());
        let json = held.to_json();
        assert_eq!(json["connections"], 10);
        assert_eq!(json["held_at_once"], 9);
    }
}
