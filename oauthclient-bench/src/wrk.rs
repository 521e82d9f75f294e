//! The second client: `wrk` (Debian's package), a light C load generator that leaves the
//! server the CPU. `wrk -t2 -c16 -d<phase>s --latency` with a Lua script that checks every
//! answer (a `302` to the expected prefix with a non-empty `state`) and counts the wrong ones,
//! so that a wrong answer is an error, never a request served.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// Threads and connections of every wrk phase: the light client of the issue.
pub const THREADS: u32 = 2;
/// Concurrent connections of every wrk phase.
pub const CONNECTIONS: u32 = 16;

/// The check every answer goes through. wrk runs one Lua state per thread; `done` adds up the
/// threads' counters (`setup` keeps each thread) and prints them on a line of its own.
const SCRIPT: &str = r#"-- Written by oauthclient-bench: counts answers that are not a 302 to the expected
-- prefix (the script's argument) with a non-empty state.
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args)
  prefix = args[1] or ""
  checked = 0
  wrong = 0
end
function response(status, headers, body)
  checked = checked + 1
  local location = headers["location"] or headers["Location"] or ""
  if status ~= 302 or location:sub(1, #prefix) ~= prefix
      or not location:find("[?&]state=[^&]") then
    wrong = wrong + 1
  end
end
function done(summary, latency, requests)
  local c, w = 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("checked")
    w = w + t:get("wrong")
  end
  io.write(string.format("oauthclient-bench-check: checked %d wrong %d\n", c, w))
end
"#;

/// What one wrk run reported.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WrkResult {
    /// Answers received (`N requests in T`).
    pub requests: u64,
    /// How long the run lasted, as wrk measured it.
    pub elapsed: Duration,
    /// `Requests/sec` as wrk printed it (every answer, right or wrong).
    pub requests_per_second: f64,
    /// `Latency Distribution`: 50 %, 75 %, 90 %, 99 %, in milliseconds.
    pub p50_ms: f64,
    pub p75_ms: f64,
    pub p90_ms: f64,
    pub p99_ms: f64,
    /// `Non-2xx or 3xx responses`.
    pub non_2xx_3xx: u64,
    /// `Socket errors`: connect + read + write + timeout.
    pub socket_errors: u64,
    /// Answers the script checked, and those that failed the check.
    pub checked: u64,
    pub wrong: u64,
}

impl WrkResult {
    /// Answers that passed the check.
    pub fn ok(&self) -> u64 {
        self.checked.saturating_sub(self.wrong)
    }

    /// Wrong answers and failed sockets; a run whose script did not report counts every
    /// request as unchecked, hence wrong.
    pub fn errors(&self) -> u64 {
        let unchecked = self.requests.saturating_sub(self.checked);
        self.wrong + self.socket_errors + unchecked
    }

    /// Passing answers per second.
    pub fn rate(&self) -> f64 {
        #[allow(clippy::cast_precision_loss, reason = "a count far below 2^52")]
        let ok = self.ok() as f64;
        ok / self.elapsed.as_secs_f64().max(f64::EPSILON)
    }
}

/// Where the check script goes (written once per run).
pub fn write_script(dir: &Path) -> Result<PathBuf, String> {
    let path = dir.join("wrk-check-302.lua");
    std::fs::write(&path, SCRIPT).map_err(|err| format!("{}: {err}", path.display()))?;
    Ok(path)
}

/// `wrk -t2 -c16 -d<seconds>s --latency -s script url -- expected_prefix`.
pub fn run(
    script: &Path,
    url: &str,
    expected_prefix: &str,
    duration: Duration,
) -> Result<WrkResult, String> {
    // wrk takes whole seconds.
    let seconds = duration.as_secs_f64().round().max(1.0);
    let output = Command::new("wrk")
        .arg(format!("-t{THREADS}"))
        .arg(format!("-c{CONNECTIONS}"))
        .arg(format!("-d{seconds}s"))
        .arg("--latency")
        .arg("-s")
        .arg(script)
        .arg(url)
        .arg("--")
        .arg(expected_prefix)
        .output()
        .map_err(|err| format!("wrk (Debian package `wrk`) is needed: {err}"))?;
    let text = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        return Err(format!(
            "wrk {url} failed ({}): {}{}",
            output.status,
            text.trim(),
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    parse(&text).ok_or_else(|| format!("wrk's output was not understood:\n{text}"))
}

/// Reads wrk's `--latency` report and the script's line; `None` when the summary lines are
/// missing.
pub fn parse(text: &str) -> Option<WrkResult> {
    let mut result = WrkResult::default();
    let mut summary = false;
    let mut rate = false;
    for line in text.lines().map(str::trim) {
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            [percent, value] if percent.ends_with('%') => {
                let ms = duration_ms(value)?;
                match *percent {
                    "50%" => result.p50_ms = ms,
                    "75%" => result.p75_ms = ms,
                    "90%" => result.p90_ms = ms,
                    "99%" => result.p99_ms = ms,
                    _ => {}
                }
            }
            [count, "requests", "in", elapsed, ..] => {
                result.requests = count.parse().ok()?;
                let ms = duration_ms(elapsed.trim_end_matches(','))?;
                result.elapsed = Duration::from_secs_f64(ms / 1000.0);
                summary = true;
            }
            ["Requests/sec:", value] => {
                result.requests_per_second = value.parse().ok()?;
                rate = true;
            }
            ["Non-2xx", "or", "3xx", "responses:", count] => {
                result.non_2xx_3xx = count.parse().ok()?;
            }
            ["Socket", "errors:", rest @ ..] => {
                result.socket_errors = rest
                    .iter()
                    .filter_map(|word| word.trim_end_matches(',').parse::<u64>().ok())
                    .sum();
            }
            [
                "oauthclient-bench-check:",
                "checked",
                checked,
                "wrong",
                wrong,
            ] => {
                result.checked = checked.parse().ok()?;
                result.wrong = wrong.parse().ok()?;
            }
            _ => {}
        }
    }
    (summary && rate).then_some(result)
}

/// `812.00us`, `1.23ms`, `2.00s`, `1.00m` in milliseconds.
fn duration_ms(text: &str) -> Option<f64> {
    let split = text.find(|c: char| c.is_ascii_alphabetic())?;
    let (number, unit) = text.split_at(split);
    let number: f64 = number.parse().ok()?;
    let scale = match unit {
        "us" => 0.001,
        "ms" => 1.0,
        "s" => 1000.0,
        "m" => 60_000.0,
        "h" => 3_600_000.0,
        _ => return None,
    };
    Some(number * scale)
}

#[cfg(test)]
mod tests {
    use super::*;

    const REPORT: &str = "\
Running 10s test @ http://127.0.0.1:4000/oauth/login/bench/
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   412.50us  301.22us  12.51ms   91.02%
    Req/Sec    19.85k     1.02k   22.10k    71.50%
  Latency Distribution
     50%  350.00us
     75%  480.12us
     90%  650.00us
     99%    1.52ms
  395012 requests in 10.00s, 150.21MB read
  Socket errors: connect 0, read 2, write 1, timeout 0
  Non-2xx or 3xx responses: 7
Requests/sec:  39501.20
Transfer/sec:     15.02MB
oauthclient-bench-check: checked 395012 wrong 9
";

    #[test]
    fn reads_the_report_and_the_check() {
        let result = parse(REPORT).expect("parsed");
        assert_eq!(result.requests, 395_012);
        assert_eq!(result.elapsed, Duration::from_secs(10));
        assert!((result.requests_per_second - 39_501.2).abs() < 1e-6);
        assert!((result.p50_ms - 0.35).abs() < 1e-9);
        assert!((result.p75_ms - 0.480_12).abs() < 1e-9);
        assert!((result.p90_ms - 0.65).abs() < 1e-9);
        assert!((result.p99_ms - 1.52).abs() < 1e-9);
        assert_eq!(result.non_2xx_3xx, 7);
        assert_eq!(result.socket_errors, 3);
        assert_eq!((result.checked, result.wrong), (395_012, 9));
    }

    #[test]
    fn wrong_answers_and_socket_errors_are_errors_not_requests_served() {
        let result = parse(REPORT).expect("parsed");
        assert_eq!(result.ok(), 395_003);
        assert_eq!(result.errors(), 12);
        assert!((result.rate() - 39_500.3).abs() < 1e-6);
    }

    #[test]
    fn without_the_script_line_every_answer_is_unchecked() {
        let text = REPORT.replace("oauthclient-bench-check: checked 395012 wrong 9\n", "");
        let result = parse(&text).expect("parsed");
        assert_eq!(result.ok(), 0);
        assert_eq!(result.errors(), 395_012 + 3);
    }

    #[test]
    fn a_truncated_report_is_not_a_result() {
        assert_eq!(parse("Running 10s test @ http://x/\n"), None);
        assert_eq!(parse(""), None);
    }

    #[test]
    fn durations_in_every_unit() {
        assert_eq!(duration_ms("250.00us"), Some(0.25));
        assert_eq!(duration_ms("3.00ms"), Some(3.0));
        assert_eq!(duration_ms("1.50s"), Some(1500.0));
        assert_eq!(duration_ms("1.00m"), Some(60_000.0));
        assert_eq!(duration_ms("12"), None);
        assert_eq!(duration_ms("1.0xs"), None);
    }

    #[test]
    fn the_script_counts_status_and_location() {
        assert!(SCRIPT.contains("status ~= 302"));
        assert!(SCRIPT.contains("wrong = wrong + 1"));
        assert!(SCRIPT.contains("oauthclient-bench-check: checked %d wrong %d"));
    }
}
