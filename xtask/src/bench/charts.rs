//! The benchmark's charts: SVG bar charts drawn with `plotters` (SVG backend only; text stays
//! SVG `<text>`, no font is loaded) from `results.json` and `growth.json`, for
//! docs/benchmarks.md to embed (`![...](bench/throughput.svg)`):
//!
//! - `throughput.svg`: the login's rate against its framework's floor, per adapter and client
//!   (the load generator, wrk), on each backend;
//! - `flows.svg`: returning-user and sign-up flows/s per adapter and backend;
//! - `growth.svg`: the returning-user callback's p50 and p99 against the number of users, per
//!   backend (when growth results exist).

use std::path::{Path, PathBuf};

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use serde_json::Value;

/// One bar chart: groups along the x axis, one bar per series in each group.
#[derive(Debug, Clone, Default)]
pub struct Bars {
    pub title: String,
    pub y_label: String,
    pub groups: Vec<String>,
    pub series: Vec<String>,
    /// `values[group][series]`; `None` leaves a gap.
    pub values: Vec<Vec<Option<f64>>>,
    /// The text over each bar, `notes[group][series]`.
    pub notes: Vec<Vec<String>>,
}

/// Grey for the floor, then distinct colours.
const PALETTE: [RGBColor; 4] = [
    RGBColor(0x9e, 0x9e, 0x9e),
    RGBColor(0x1f, 0x77, 0xb4),
    RGBColor(0xff, 0x7f, 0x0e),
    RGBColor(0x2c, 0xa0, 0x2c),
];

const SIZE: (u32, u32) = (960, 480);

/// x units per group: the axis is integer (plotters formats integer axes with key points),
/// bars sit at fractions of a group.
const GROUP: i32 = 1000;

/// The chart as an SVG document.
pub fn svg(chart: &Bars) -> Result<String, String> {
    let fail = |err: &dyn std::fmt::Display| format!("chart `{}`: {err}", chart.title);
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, SIZE).into_drawing_area();
        root.fill(&WHITE).map_err(|err| fail(&err))?;
        let groups = chart.groups.len().max(1);
        let highest = chart
            .values
            .iter()
            .flatten()
            .flatten()
            .fold(0.0_f64, |high, value| high.max(*value));
        // Headroom above the highest bar: its note, and the legend in the upper right.
        let top = if highest > 0.0 { highest * 1.4 } else { 1.0 };
        let groups = i32::try_from(groups).unwrap_or(i32::MAX / GROUP);
        let centres: Vec<i32> = (0..groups).map(|group| group * GROUP + GROUP / 2).collect();
        let mut context = ChartBuilder::on(&root)
            .caption(&chart.title, ("sans-serif", 20))
            .margin(16)
            .x_label_area_size(36)
            .y_label_area_size(72)
            .build_cartesian_2d((0..groups * GROUP).with_key_points(centres), 0.0..top)
            .map_err(|err| fail(&err))?;
        let names = &chart.groups;
        let group_name = |x: &i32| {
            let index = usize::try_from(x / GROUP).unwrap_or(usize::MAX);
            names.get(index).cloned().unwrap_or_default()
        };
        context
            .configure_mesh()
            .disable_x_mesh()
            .y_desc(chart.y_label.as_str())
            .x_label_formatter(&group_name)
            .y_label_formatter(&|y: &f64| {
                if top >= 100.0 {
                    format!("{y:.0}")
                } else {
                    format!("{y:.1}")
                }
            })
            .label_style(("sans-serif", 13))
            .draw()
            .map_err(|err| fail(&err))?;
        let width = (GROUP * 8 / 10) / i32::try_from(chart.series.len().max(1)).unwrap_or(1);
        for (index, name) in chart.series.iter().enumerate() {
            let color = PALETTE[index % PALETTE.len()];
            let slot = i32::try_from(index).unwrap_or(0);
            let left = |group: usize| {
                i32::try_from(group).unwrap_or(0) * GROUP + GROUP / 10 + slot * width
            };
            let bars = chart.values.iter().enumerate().filter_map(|(group, row)| {
                let value = row.get(index).copied().flatten()?;
                let x = left(group);
                Some(Rectangle::new(
                    [(x, 0.0), (x + width * 9 / 10, value)],
                    color.filled(),
                ))
            });
            context
                .draw_series(bars)
                .map_err(|err| fail(&err))?
                .label(name.as_str())
                .legend(move |(x, y)| {
                    Rectangle::new([(x, y - 5), (x + 12, y + 5)], color.filled())
                });
            let notes = chart.values.iter().enumerate().filter_map(|(group, row)| {
                let value = row.get(index).copied().flatten()?;
                let note = chart.notes.get(group)?.get(index)?.clone();
                let style = ("sans-serif", 11)
                    .into_font()
                    .color(&BLACK)
                    .pos(Pos::new(HPos::Center, VPos::Bottom));
                Some(Text::new(
                    note,
                    (left(group) + width * 45 / 100, value),
                    style,
                ))
            });
            context.draw_series(notes).map_err(|err| fail(&err))?;
        }
        context
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK)
            .label_font(("sans-serif", 12))
            .draw()
            .map_err(|err| fail(&err))?;
        root.present().map_err(|err| fail(&err))?;
    }
    Ok(out)
}

/// The login against the floor: one group per adapter and client, bars for the floor and the
/// login on each backend, with the login's ratio to the floor over its bar.
pub fn throughput(results: &Value) -> Option<Bars> {
    let rows = results["rows"].as_array()?;
    let backends = backends_of(rows, "login");
    let mut chart = Bars {
        title: "Login redirects against the bare framework's floor".into(),
        y_label: "requests/s (passing)".into(),
        series: std::iter::once("floor: bare 302".to_owned())
            .chain(backends.iter().map(|backend| format!("login, {backend}")))
            .collect(),
        ..Bars::default()
    };
    for floor in rows.iter().filter(|row| row["phase"] == "floor") {
        let (adapter, client) = (&floor["adapter"], client_of(floor));
        let floor_rate = floor["rate"].as_f64()?;
        let mut values = vec![Some(floor_rate)];
        let mut notes = vec![format!("{floor_rate:.0}")];
        for backend in &backends {
            let login = rows.iter().find(|row| {
                row["phase"] == "login"
                    && &row["adapter"] == adapter
                    && client_of(row) == client
                    && row["backend"].as_str() == Some(backend.as_str())
            });
            let rate = login.and_then(|row| row["rate"].as_f64());
            values.push(rate);
            notes.push(rate.map_or_else(String::new, |rate| {
                format!("{:.2}× floor", rate / floor_rate.max(f64::EPSILON))
            }));
        }
        chart
            .groups
            .push(format!("{} · {client}", adapter.as_str().unwrap_or("?")));
        chart.values.push(values);
        chart.notes.push(notes);
    }
    (!chart.groups.is_empty()).then_some(chart)
}

/// Flows/s of the load generator: one group per adapter and backend, bars for returning
/// users and sign-ups.
pub fn flows(results: &Value) -> Option<Bars> {
    let rows = results["rows"].as_array()?;
    let mut chart = Bars {
        title: "Whole sign-in flows per second".into(),
        y_label: "flows/s (passing)".into(),
        series: vec!["returning user".into(), "first-time sign-up".into()],
        ..Bars::default()
    };
    for returning in rows.iter().filter(|row| row["phase"] == "returning") {
        let signup = rows.iter().find(|row| {
            row["phase"] == "signup"
                && row["adapter"] == returning["adapter"]
                && row["backend"] == returning["backend"]
        });
        let rates = [
            returning["rate"].as_f64(),
            signup.and_then(|row| row["rate"].as_f64()),
        ];
        chart.groups.push(format!(
            "{} · {}",
            returning["adapter"].as_str().unwrap_or("?"),
            short_backend(returning["backend"].as_str().unwrap_or("?"))
        ));
        chart.notes.push(
            rates
                .iter()
                .map(|rate| rate.map_or_else(String::new, |rate| format!("{rate:.0}/s")))
                .collect(),
        );
        chart.values.push(rates.to_vec());
    }
    (!chart.groups.is_empty()).then_some(chart)
}

/// The returning callback's p50 and p99 per backend, one bar per data size.
pub fn growth(growth: &Value) -> Option<Bars> {
    let runs = growth["runs"].as_array()?;
    let mut sizes: Vec<u64> = runs
        .iter()
        .filter_map(|run| run["users"].as_u64())
        .collect();
    sizes.sort_unstable();
    sizes.dedup();
    let mut engines: Vec<&str> = runs
        .iter()
        .filter_map(|run| run["engine"].as_str())
        .collect();
    engines.sort_unstable();
    engines.dedup();
    let mut chart = Bars {
        title: "Returning-user callback latency against the number of users".into(),
        y_label: "callback latency, ms".into(),
        series: sizes
            .iter()
            .map(|size| format!("{} users", thousands(*size)))
            .collect(),
        ..Bars::default()
    };
    for engine in engines {
        for percentile in ["p50", "p99"] {
            let key = format!("callback_{percentile}_ms");
            let values: Vec<Option<f64>> = sizes
                .iter()
                .map(|size| {
                    runs.iter()
                        .find(|run| run["engine"] == engine && run["users"].as_u64() == Some(*size))
                        .and_then(|run| run[&key].as_f64())
                })
                .collect();
            chart.groups.push(format!("{engine} {percentile}"));
            chart.notes.push(
                values
                    .iter()
                    .map(|value| value.map_or_else(String::new, |ms| format!("{ms:.2} ms")))
                    .collect(),
            );
            chart.values.push(values);
        }
    }
    (!chart.groups.is_empty()).then_some(chart)
}

/// Draws every chart the results in `bench` (`results.json`, `growth.json`) allow into `out`;
/// returns the files written.
pub fn draw_all(bench: &Path, out: &Path) -> Result<Vec<PathBuf>, String> {
    std::fs::create_dir_all(out).map_err(|err| format!("{}: {err}", out.display()))?;
    let read = |name: &str| {
        std::fs::read_to_string(bench.join(name))
            .ok()
            .and_then(|text| serde_json::from_str::<Value>(&text).ok())
            .unwrap_or(Value::Null)
    };
    let (results, growth_results) = (read("results.json"), read("growth.json"));
    let charts = [
        ("throughput.svg", throughput(&results)),
        ("flows.svg", flows(&results)),
        ("growth.svg", growth(&growth_results)),
    ];
    let mut written = Vec::new();
    for (name, chart) in charts {
        let Some(chart) = chart else { continue };
        let path = out.join(name);
        std::fs::write(&path, svg(&chart)?).map_err(|err| format!("{}: {err}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}

fn client_of(row: &Value) -> &str {
    row["client"].as_str().unwrap_or("oauthclient-bench")
}

/// The login rows' backends, in the order they ran.
fn backends_of(rows: &[Value], phase: &str) -> Vec<String> {
    let mut backends: Vec<String> = Vec::new();
    for row in rows.iter().filter(|row| row["phase"] == phase) {
        if let Some(backend) = row["backend"].as_str()
            && !backends.iter().any(|known| known == backend)
        {
            backends.push(backend.to_owned());
        }
    }
    backends
}

fn short_backend(backend: &str) -> &str {
    backend.strip_suffix(" sessions").unwrap_or(backend)
}

/// `1000000` as `1,000,000`.
fn thousands(number: u64) -> String {
    let digits = number.to_string();
    let mut out = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn results() -> Value {
        let row = |phase, adapter, backend, client, rate| {
            json!({"phase": phase, "adapter": adapter, "backend": backend, "client": client,
                "rate": rate})
        };
        json!({"rows": [
            row("floor", "actix-web", "–", "oauthclient-bench", 30000.0),
            row("login", "actix-web", "SQLite + cookie sessions", "oauthclient-bench", 24000.0),
            row("floor", "actix-web", "–", "wrk", 60000.0),
            row("login", "actix-web", "SQLite + cookie sessions", "wrk", 30000.0),
            row("returning", "actix-web", "SQLite + cookie sessions", "oauthclient-bench", 1300.0),
            row("signup", "actix-web", "SQLite + cookie sessions", "oauthclient-bench", 800.0),
            row("login", "actix-web", "PostgreSQL + Redis sessions", "oauthclient-bench", 9000.0),
            row("login", "actix-web", "PostgreSQL + Redis sessions", "wrk", 12000.0),
        ]})
    }

    #[test]
    fn throughput_bars_per_adapter_and_client_with_ratios() {
        let chart = throughput(&results()).expect("a chart");
        assert_eq!(
            chart.groups,
            ["actix-web · oauthclient-bench", "actix-web · wrk"]
        );
        assert_eq!(
            chart.series,
            [
                "floor: bare 302",
                "login, SQLite + cookie sessions",
                "login, PostgreSQL + Redis sessions"
            ]
        );
        assert_eq!(
            chart.values[1],
            [Some(60000.0), Some(30000.0), Some(12000.0)]
        );
        assert_eq!(chart.notes[0][1], "0.80× floor");
        assert_eq!(chart.notes[1][2], "0.20× floor");
    }

    #[test]
    fn the_svg_holds_the_bars_labels_and_legend() {
        let chart = throughput(&results()).expect("a chart");
        let svg = svg(&chart).expect("drawn");
        assert!(svg.starts_with("<svg"), "{}", &svg[..80.min(svg.len())]);
        assert!(svg.contains("Login redirects against the bare framework"));
        assert!(svg.contains("actix-web · wrk"), "group labels");
        assert!(svg.contains("0.50× floor"), "notes over the bars");
        assert!(
            svg.contains("login, PostgreSQL + Redis sessions"),
            "the legend"
        );
        // Six bars plus three legend swatches, as filled rectangles.
        assert!(svg.matches("<rect").count() >= 9, "bars");
    }

    #[test]
    fn flows_and_growth_charts() {
        let chart = flows(&results()).expect("a chart");
        assert_eq!(chart.groups, ["actix-web · SQLite + cookie"]);
        assert_eq!(chart.values[0], [Some(1300.0), Some(800.0)]);
        let growth_results = json!({"runs": [
            {"engine": "SQLite", "users": 1000, "callback_p50_ms": 1.0, "callback_p99_ms": 4.0},
            {"engine": "SQLite", "users": 1_000_000, "callback_p50_ms": 1.1, "callback_p99_ms": 4.5},
            {"engine": "PostgreSQL", "users": 1000, "callback_p50_ms": 2.0, "callback_p99_ms": 8.0},
        ]});
        let chart = growth(&growth_results).expect("a chart");
        assert_eq!(chart.series, ["1,000 users", "1,000,000 users"]);
        assert_eq!(
            chart.groups,
            [
                "PostgreSQL p50",
                "PostgreSQL p99",
                "SQLite p50",
                "SQLite p99"
            ]
        );
        assert_eq!(chart.values[1], [Some(8.0), None]);
        assert_eq!(chart.values[3], [Some(4.0), Some(4.5)]);
        assert!(svg(&chart).expect("drawn").contains("4.50 ms"));
        assert!(growth(&Value::Null).is_none());
        assert!(throughput(&Value::Null).is_none());
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(1_000_000), "1,000,000");
        assert_eq!(thousands(999), "999");
    }
}
