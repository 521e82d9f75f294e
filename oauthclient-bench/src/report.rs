//! The results: one row per phase, printed as a table and written as JSON.

use std::fmt::Write as _;

use serde_json::{Value, json};

use crate::connections::HeldConnections;
use crate::flows::Outcome;
use crate::procs::CpuMark;
use crate::wrk::WrkResult;

/// The client of the rows the load generator of this crate measured.
pub const GENERATOR: &str = "oauthclient-bench";
/// The client of the rows `wrk` measured.
pub const WRK: &str = "wrk";

/// One measured phase.
#[derive(Debug)]
pub struct Row {
    /// `floor`, `login`, `returning` or `signup`.
    pub phase: &'static str,
    /// The framework: `actix-web` (the demo, `oauthclient-web`) or `axum`
    /// (`oauthclient-axum`); for a floor, the framework it is bare.
    pub adapter: &'static str,
    /// `SQLite + cookie sessions`, `PostgreSQL + Redis sessions`; `–` for a floor.
    pub backend: &'static str,
    /// Who made the load: [`GENERATOR`] or [`WRK`].
    pub client: &'static str,
    /// `req/s` or `flows/s`.
    pub unit: &'static str,
    pub rate: f64,
    pub ok: u64,
    pub errors: u64,
    pub first_error: Option<String>,
    pub p50_ms: f64,
    pub p99_ms: f64,
    /// Callback latency (flow phases).
    pub callback_p50_ms: Option<f64>,
    pub callback_p99_ms: Option<f64>,
    /// CPU seconds used during the phase by the server, the provider stand-in, the load.
    pub cpu: CpuMark,
    /// What the database check found (flow phases).
    pub verified: Option<String>,
}

impl Row {
    pub fn new(
        phase: &'static str,
        adapter: &'static str,
        backend: &'static str,
        mut outcome: Outcome,
        cpu: CpuMark,
    ) -> Self {
        let flows = outcome.callback.len() > 0;
        Self {
            phase,
            adapter,
            backend,
            client: GENERATOR,
            unit: if flows { "flows/s" } else { "req/s" },
            rate: outcome.rate(),
            ok: outcome.ok,
            errors: outcome.errors,
            first_error: outcome.first_error.take(),
            p50_ms: outcome.latency.percentile_ms(50.0),
            p99_ms: outcome.latency.percentile_ms(99.0),
            callback_p50_ms: flows.then(|| outcome.callback.percentile_ms(50.0)),
            callback_p99_ms: flows.then(|| outcome.callback.percentile_ms(99.0)),
            cpu,
            verified: None,
        }
    }

    /// A redirect phase measured by wrk: its passing answers, its percentiles, its errors (wrong
    /// answers and failed sockets).
    pub fn from_wrk(
        phase: &'static str,
        adapter: &'static str,
        backend: &'static str,
        result: &WrkResult,
        cpu: CpuMark,
    ) -> Self {
        Self {
            phase,
            adapter,
            backend,
            client: WRK,
            unit: "req/s",
            rate: result.rate(),
            ok: result.ok(),
            errors: result.errors(),
            first_error: (result.errors() > 0).then(|| {
                format!(
                    "{} wrong answers (of which {} not 2xx/3xx), {} socket errors, {} unchecked",
                    result.wrong,
                    result.non_2xx_3xx,
                    result.socket_errors,
                    result.requests.saturating_sub(result.checked)
                )
            }),
            p50_ms: result.p50_ms,
            p99_ms: result.p99_ms,
            callback_p50_ms: None,
            callback_p99_ms: None,
            cpu,
            verified: None,
        }
    }

    /// The client's CPU time per passing request or flow, in microseconds.
    pub fn client_cpu_us(&self) -> f64 {
        #[allow(clippy::cast_precision_loss, reason = "a count far below 2^52")]
        let ok = self.ok.max(1) as f64;
        self.cpu.load * 1e6 / ok
    }

    /// The provider stand-in's share of all CPU time used in the phase.
    pub fn provider_share(&self) -> f64 {
        self.cpu.provider / self.cpu.total().max(f64::EPSILON)
    }

    /// Server CPU time per passing request or flow, in microseconds.
    pub fn server_cpu_us(&self) -> f64 {
        #[allow(clippy::cast_precision_loss, reason = "a count far below 2^52")]
        let ok = self.ok.max(1) as f64;
        self.cpu.server * 1e6 / ok
    }

    fn to_json(&self) -> Value {
        json!({
            "phase": self.phase,
            "adapter": self.adapter,
            "backend": self.backend,
            "client": self.client,
            "unit": self.unit,
            "rate": round(self.rate, 1),
            "ok": self.ok,
            "errors": self.errors,
            "first_error": self.first_error,
            "p50_ms": round(self.p50_ms, 3),
            "p99_ms": round(self.p99_ms, 3),
            "callback_p50_ms": self.callback_p50_ms.map(|v| round(v, 3)),
            "callback_p99_ms": self.callback_p99_ms.map(|v| round(v, 3)),
            "cpu_seconds": {
                "server": round(self.cpu.server, 2),
                "provider": round(self.cpu.provider, 2),
                "load_generator": round(self.cpu.load, 2),
            },
            "provider_cpu_share": round(self.provider_share(), 3),
            "server_cpu_us_per_op": round(self.server_cpu_us(), 1),
            "client_cpu_us_per_op": round(self.client_cpu_us(), 1),
            "verified": self.verified,
        })
    }
}

/// Everything one run measured.
#[derive(Debug, Default)]
pub struct Report {
    pub machine: String,
    pub settings: String,
    pub rows: Vec<Row>,
    /// Peak RSS of each site's server, by adapter and backend.
    pub peak_rss_mib: Vec<(&'static str, &'static str, f64)>,
    /// Each site's memory while holding many connections.
    pub connections: Vec<HeldConnections>,
}

/// The adapter whose floor every login is also compared with.
const ACTIX: &str = "actix-web";

impl Report {
    /// The floor of `adapter`'s framework, measured by `client`.
    fn floor(&self, adapter: &str, client: &str) -> Option<&Row> {
        self.rows
            .iter()
            .find(|row| row.phase == "floor" && row.adapter == adapter && row.client == client)
    }

    /// A login's rate and server CPU per request against its own framework's floor, and its
    /// rate against the actix-web floor.
    fn against_floors(&self, login: &Row) -> Option<(f64, f64, Option<f64>)> {
        let own = self.floor(login.adapter, login.client)?;
        let actix = self
            .floor(ACTIX, login.client)
            .filter(|_| login.adapter != ACTIX)
            .map(|actix| login.rate / actix.rate);
        Some((
            login.rate / own.rate,
            login.server_cpu_us() / own.server_cpu_us(),
            actix,
        ))
    }

    /// The table printed at the end of a run (Markdown, so it pastes into the docs).
    pub fn table(&self) -> String {
        let mut out = format!("Machine: {}\nSettings: {}\n\n", self.machine, self.settings);
        out.push_str(
            "| phase | adapter | backend | client | rate | p50 ms | p99 ms | callback p50 / p99 ms | errors | server CPU µs/op | client CPU µs/op | provider CPU share |\n\
             |---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n",
        );
        for row in &self.rows {
            let mut rate = format!("{:.0} {}", row.rate, row.unit);
            let mut cpu = format!("{:.0}", row.server_cpu_us());
            if row.phase == "login"
                && let Some((rate_ratio, cpu_ratio, actix)) = self.against_floors(row)
            {
                let _ = write!(rate, " ({rate_ratio:.2} × floor");
                if let Some(actix) = actix {
                    let _ = write!(rate, ", {actix:.2} × {ACTIX} floor");
                }
                rate.push(')');
                let _ = write!(cpu, " ({cpu_ratio:.1} × floor)");
            }
            let callback = match (row.callback_p50_ms, row.callback_p99_ms) {
                (Some(p50), Some(p99)) => format!("{p50:.2} / {p99:.2}"),
                _ => "–".into(),
            };
            let share = if row.cpu.provider > 0.0 {
                format!("{:.0} %", row.provider_share() * 100.0)
            } else {
                "–".into()
            };
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {rate} | {:.2} | {:.2} | {callback} | {} | {cpu} | {:.0} | {share} |",
                label(row.phase),
                row.adapter,
                row.backend,
                row.client,
                row.p50_ms,
                row.p99_ms,
                row.errors,
                row.client_cpu_us(),
            );
        }
        out.push('\n');
        for held in &self.connections {
            let _ = writeln!(out, "{}", held.line());
        }
        for (adapter, backend, rss) in &self.peak_rss_mib {
            let _ = writeln!(
                out,
                "Peak RSS of the {adapter} site ({backend}): {rss:.1} MiB"
            );
        }
        for row in &self.rows {
            let phase = label(row.phase);
            let (adapter, backend, client) = (row.adapter, row.backend, row.client);
            if let Some(verified) = &row.verified {
                let _ = writeln!(
                    out,
                    "Verified ({phase}, {adapter} on {backend}): {verified}"
                );
            }
            if let Some(error) = &row.first_error {
                let _ = writeln!(
                    out,
                    "First error ({phase}, {adapter} on {backend}, {client}): {error}"
                );
            }
        }
        out
    }

    pub fn to_json(&self) -> Value {
        json!({
            "machine": self.machine,
            "settings": self.settings,
            "floors": self.rows.iter().filter(|row| row.phase == "floor")
                .map(|row| json!({"adapter": row.adapter, "client": row.client,
                    "rate": round(row.rate, 1),
                    "server_cpu_us_per_op": round(row.server_cpu_us(), 1)}))
                .collect::<Vec<_>>(),
            "login_to_floor": self.rows.iter().filter(|row| row.phase == "login")
                .map(|row| {
                    let ratios = self.against_floors(row);
                    json!({"adapter": row.adapter, "backend": row.backend, "client": row.client,
                        "ratio": ratios.map(|(rate, _, _)| round(rate, 3)),
                        "server_cpu_ratio": ratios.map(|(_, cpu, _)| round(cpu, 3)),
                        "ratio_to_actix_web_floor": ratios
                            .and_then(|(_, _, actix)| actix).map(|v| round(v, 3))})
                })
                .collect::<Vec<_>>(),
            "rows": self.rows.iter().map(Row::to_json).collect::<Vec<_>>(),
            "peak_rss_mib": self.peak_rss_mib.iter()
                .map(|(adapter, backend, rss)| json!({"adapter": adapter, "backend": backend,
                    "mib": round(*rss, 1)}))
                .collect::<Vec<_>>(),
            "connections": self.connections.iter().map(HeldConnections::to_json)
                .collect::<Vec<_>>(),
        })
    }

    /// Whether every request and flow passed its checks.
    pub fn clean(&self) -> bool {
        self.rows.iter().all(|row| row.errors == 0 && row.ok > 0)
            && self.connections.iter().all(HeldConnections::clean)
    }
}

fn label(phase: &str) -> &'static str {
    match phase {
        "floor" => "floor: bare 302 handler",
        "login" => "GET /oauth/login/{app}/",
        "returning" => "returning-user sign-in flow",
        "signup" => "first-time sign-up flow",
        _ => "?",
    }
}

/// `value` rounded to `digits` decimals, for the JSON.
pub fn round(value: f64, digits: i32) -> f64 {
    let scale = 10_f64.powi(digits);
    (value * scale).round() / scale
}
