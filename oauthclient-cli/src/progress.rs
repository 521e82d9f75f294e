//! Progress of the long commands (`tokens rotate-key`, `tokens purge-expired`, `migrate`): a
//! bar with rows done / total, rate and time left when stderr is a terminal; nothing but the
//! command's one summary line otherwise (a cron job's mail, a deploy log).

use std::io::IsTerminal as _;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};

/// How often the bar redraws at most: enough to look live, too little to cost anything.
const REFRESH_PER_SECOND: u8 = 4;

/// One long command's progress: a bar on a terminal, hidden otherwise, and the clock for its
/// summary line.
#[derive(Debug, Clone)]
pub struct Progress {
    bar: ProgressBar,
    started: Instant,
}

impl Progress {
    /// Progress over rows, drawn when stderr is a terminal; `what` says what is being done
    /// ("re-encrypting tokens under `k2`").
    pub fn rows(what: &str) -> Self {
        Self::new(
            what,
            "{msg}\n[{elapsed_precise}] {wide_bar} {human_pos}/{human_len} rows, {rate}, {eta} left",
        )
    }

    /// Progress over migrations; the message names the one applied last.
    pub fn migrations(what: &str) -> Self {
        Self::new(
            what,
            "{msg}\n[{elapsed_precise}] {wide_bar} {pos}/{len} migrations",
        )
    }

    fn new(what: &str, template: &str) -> Self {
        let target = if std::io::stderr().is_terminal() {
            ProgressDrawTarget::stderr_with_hz(REFRESH_PER_SECOND)
        } else {
            ProgressDrawTarget::hidden()
        };
        let bar = ProgressBar::with_draw_target(Some(0), target);
        // The templates are constants: a broken one falls back to indicatif's default bar.
        if let Ok(style) = ProgressStyle::with_template(template) {
            // indicatif's own `{per_sec}` prints four decimals; whole rows per second read
            // better.
            bar.set_style(style.with_key(
                "rate",
                |state: &ProgressState, out: &mut dyn std::fmt::Write| {
                    let _ = write!(out, "{} rows/s", thousands(state.per_sec().round()));
                },
            ));
        }
        bar.set_message(what.to_owned());
        Self {
            bar,
            started: Instant::now(),
        }
    }

    /// `done` of `total` (rows, or migrations).
    pub fn update(&self, done: usize, total: usize) {
        self.bar.set_length(to_u64(total.max(done)));
        self.bar.set_position(to_u64(done));
    }

    /// Replaces the line above the bar.
    pub fn say(&self, message: String) {
        self.bar.set_message(message);
    }

    /// Clears the bar (the summary line follows) and returns how long the work took.
    pub fn finish(&self) -> Duration {
        self.bar.finish_and_clear();
        self.started.elapsed()
    }
}

fn to_u64(count: usize) -> u64 {
    u64::try_from(count).unwrap_or(u64::MAX)
}

/// "0.4 s, 2,500 rows/s": how long `rows` took, for summary lines.
pub fn rate(rows: usize, took: Duration) -> String {
    let seconds = took.as_secs_f64();
    let per_second = if seconds > 0.0 {
        // Display only: precision past 2^52 rows is irrelevant.
        #[allow(
            clippy::cast_precision_loss,
            reason = "an approximate rate for display"
        )]
        let rows = rows as f64;
        rows / seconds
    } else {
        0.0
    };
    format!("{seconds:.1} s, {} rows/s", thousands(per_second.round()))
}

/// `1234567.0` as "1,234,567".
fn thousands(value: f64) -> String {
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "a non-negative rate, rounded, for display"
    )]
    let digits = (value.max(0.0) as u64).to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::{Progress, rate, thousands};

    #[test]
    fn rates_read_in_thousands() {
        assert_eq!(thousands(0.0), "0");
        assert_eq!(thousands(999.0), "999");
        assert_eq!(thousands(1_000.0), "1,000");
        assert_eq!(thousands(1_234_567.0), "1,234,567");
        assert_eq!(
            rate(5_000, Duration::from_millis(500)),
            "0.5 s, 10,000 rows/s"
        );
        assert_eq!(rate(10, Duration::ZERO), "0.0 s, 0 rows/s");
    }

    #[test]
    fn a_hidden_bar_takes_updates_past_its_total() {
        // Test processes have no terminal on stderr: the bar is hidden, and updates (even a
        // count past the total counted at the start) are harmless.
        let progress = Progress::rows("re-encrypting");
        progress.update(5, 10);
        progress.update(12, 10);
        progress.say("still".to_owned());
        assert!(progress.finish() < Duration::from_secs(60));
    }
}
