//! `run`: every phase in order, against servers started for it, and the report.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::Duration;

use rand::RngCore;
use reqwest::Client;
use tokio::runtime::Runtime;

use crate::database::ThrowawayDatabase;
use crate::floor::FLOOR_LOCATION;
use crate::flows::{self, Outcome, Site, Users};
use crate::options::RunOptions;
use crate::procs::{CpuMark, Server, free_port};
use crate::provider::APP;
use crate::report::{Report, Row};
use crate::verify;

/// Returning users per concurrent client.
const POOL_PER_CLIENT: usize = 4;

/// Alternating stretches of floor and login.
const ROUNDS: u32 = 5;

/// One storage + session configuration of the demo.
struct Backend {
    label: &'static str,
    slug: &'static str,
    database_url: String,
    session_store: String,
}

pub fn run(options: &RunOptions) -> Result<(), String> {
    let dir = options
        .out
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    std::fs::create_dir_all(&dir).map_err(|err| format!("{}: {err}", dir.display()))?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|err| format!("runtime: {err}"))?;
    let client = flows::client(options.connections.max(options.clients))?;
    let exe = std::env::current_exe().map_err(|err| format!("own path: {err}"))?;
    let mut report = Report {
        machine: crate::machine::describe(),
        settings: format!(
            "{} s per phase, {} connections for redirects, {} concurrent clients for flows, \
             demo with 2 workers, provider stand-in with 1",
            options.phase.as_secs(),
            options.connections,
            options.clients
        ),
        ..Report::default()
    };

    let mut floor = Some(start_floor(&exe, &dir)?);

    println!("== provider stand-in (oauthclient-testkit)");
    let (provider, app_table, authorize_url) = start_provider(&exe, &dir)?;

    let sqlite_path = dir.join("bench.sqlite");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", sqlite_path.display()));
    }
    let postgres = ThrowawayDatabase::create(&options.postgres)?;
    let backends = [
        Backend {
            label: "SQLite + cookie sessions",
            slug: "sqlite",
            database_url: format!("sqlite://{}", sqlite_path.display()),
            session_store: "cookie".into(),
        },
        Backend {
            label: "PostgreSQL + Redis sessions",
            slug: "postgres",
            database_url: postgres.url.clone(),
            session_store: options.redis.clone(),
        },
    ];
    for backend in &backends {
        println!("== demo on {}", backend.label);
        let secret = random_secret();
        let port = free_port()?;
        let demo = start_demo(&options.demo, &dir, backend, port, &secret, &app_table)?;
        let site = Site {
            demo: format!("http://127.0.0.1:{port}"),
            authorize_url: authorize_url.clone(),
            app: APP,
        };
        let login = format!("{}/oauth/login/{APP}/", site.demo);
        let rows = login_rows(
            &runtime,
            &client,
            options,
            floor.take(),
            (&demo, &login, &authorize_url),
            backend.label,
        );
        report.rows.extend(rows);
        bench_demo(
            &runtime,
            &client,
            options,
            backend,
            &site,
            &demo,
            &provider,
            &secret,
            &mut report,
        )?;
        report
            .peak_rss_mib
            .push((backend.label, demo.peak_rss_mib()));
    }
    drop(provider);
    drop(postgres);

    let table = report.table();
    println!("\n{table}");
    let json = serde_json::to_string_pretty(&report.to_json()).unwrap_or_default();
    std::fs::write(&options.out, json)
        .map_err(|err| format!("{}: {err}", options.out.display()))?;
    println!("Results written to {}", options.out.display());
    if report.clean() {
        Ok(())
    } else {
        Err("some requests or flows failed their checks (see the table)".into())
    }
}

/// The bare actix-web redirect server, up for the whole run.
struct Floor {
    server: Server,
    url: String,
}

fn start_floor(exe: &Path, dir: &Path) -> Result<Floor, String> {
    println!("== floor: a bare actix-web 302 handler");
    let port = free_port()?;
    let server = Server::start(
        "floor",
        own(exe, &["floor", "--port", &port.to_string()]),
        &dir.join("floor.log"),
        port,
    )?;
    Ok(Floor {
        server,
        url: format!("http://127.0.0.1:{port}/oauth/login/{APP}/"),
    })
}

/// The floor and the login measured in alternating stretches, so that whatever else the
/// machine does during the run weighs on both alike.
fn floor_and_login(
    runtime: &Runtime,
    client: &Client,
    options: &RunOptions,
    floor: &Floor,
    (demo, login_url, authorize_url): (&Server, &str, &str),
) -> (Outcome, CpuMark, Outcome, CpuMark) {
    let floor_prefix = FLOOR_LOCATION.split('?').next().unwrap_or(FLOOR_LOCATION);
    let stretch = options.phase / ROUNDS;
    let (mut floor_total, mut floor_cpu) = (Outcome::default(), CpuMark::default());
    let (mut login_total, mut login_cpu) = (Outcome::default(), CpuMark::default());
    runtime.block_on(warm_up(client, &floor.url, floor_prefix, options));
    runtime.block_on(warm_up(client, login_url, authorize_url, options));
    for _ in 0..ROUNDS {
        let (outcome, cpu) = measured(&floor.server, None, || {
            runtime.block_on(flows::redirects(
                client,
                &floor.url,
                floor_prefix,
                options.connections,
                stretch,
            ))
        });
        floor_total.extend(outcome);
        floor_cpu = floor_cpu.plus(cpu);
        let (outcome, cpu) = measured(demo, None, || {
            runtime.block_on(flows::redirects(
                client,
                login_url,
                authorize_url,
                options.connections,
                stretch,
            ))
        });
        login_total.extend(outcome);
        login_cpu = login_cpu.plus(cpu);
    }
    (floor_total, floor_cpu, login_total, login_cpu)
}

/// The provider process, the demo's remote app table it wrote, its authorization endpoint.
fn start_provider(exe: &Path, dir: &Path) -> Result<(Server, String, String), String> {
    let port = free_port()?;
    let app_toml = dir.join("provider-app.toml");
    let _ = std::fs::remove_file(&app_toml);
    let provider = Server::start(
        "provider",
        own(
            exe,
            &[
                "provider",
                "--port",
                &port.to_string(),
                "--app-toml",
                &app_toml.display().to_string(),
            ],
        ),
        &dir.join("provider.log"),
        port,
    )?;
    let app_table = wait_for_file(&app_toml)?;
    Ok((
        provider,
        app_table,
        format!("http://127.0.0.1:{port}/authorize"),
    ))
}

/// The release demo on `backend`, configured by file, logging at `info` as in production.
fn start_demo(
    binary: &Path,
    dir: &Path,
    backend: &Backend,
    port: u16,
    secret: &str,
    app_table: &str,
) -> Result<Server, String> {
    let config = dir.join(format!("demo-{}.toml", backend.slug));
    std::fs::write(
        &config,
        format!(
            "listen = \"127.0.0.1:{port}\"\nsite_url = \"http://127.0.0.1:{port}\"\n\
             database_url = \"{}\"\nsecret_key = \"{secret}\"\nsession_store = \"{}\"\n\n{app_table}",
            backend.database_url, backend.session_store
        ),
    )
    .map_err(|err| format!("{}: {err}", config.display()))?;
    let mut command = Command::new(binary);
    command.arg("--config").arg(&config).env("RUST_LOG", "info");
    Server::start(
        "demo",
        command,
        &dir.join(format!("demo-{}.log", backend.slug)),
        port,
    )
}

/// The login phase of one demo; the first one alternates with the floor.
fn login_rows(
    runtime: &Runtime,
    client: &Client,
    options: &RunOptions,
    floor: Option<Floor>,
    (demo, login, authorize_url): (&Server, &str, &str),
    backend: &'static str,
) -> Vec<Row> {
    if let Some(floor) = floor {
        let (floor_outcome, floor_cpu, login_outcome, login_cpu) = floor_and_login(
            runtime,
            client,
            options,
            &floor,
            (demo, login, authorize_url),
        );
        return vec![
            Row::new("floor", "actix-web floor", floor_outcome, floor_cpu),
            Row::new("login", backend, login_outcome, login_cpu),
        ];
    }
    let (outcome, cpu) = measured(demo, None, || {
        runtime.block_on(async {
            warm_up(client, login, authorize_url, options).await;
            flows::redirects(
                client,
                login,
                authorize_url,
                options.connections,
                options.phase,
            )
            .await
        })
    });
    vec![Row::new("login", backend, outcome, cpu)]
}

/// The returning-user and sign-up phases against one running demo.
#[allow(
    clippy::too_many_arguments,
    reason = "one call site; a struct would only rename them"
)]
fn bench_demo(
    runtime: &Runtime,
    client: &Client,
    options: &RunOptions,
    backend: &Backend,
    site: &Site,
    demo: &Server,
    provider: &Server,
    secret: &str,
    report: &mut Report,
) -> Result<(), String> {
    // The returning users sign up once first (this also warms the flow path up).
    let pool: Arc<Vec<String>> = Arc::new(
        (0..options.clients * POOL_PER_CLIENT)
            .map(|n| format!("back-{}-{n}", backend.slug))
            .collect(),
    );
    let returning = Users::Returning(pool.clone());
    let first = runtime.block_on(flows::flows(
        client,
        site,
        &returning,
        options.clients,
        Duration::from_secs(120),
        POOL_PER_CLIENT,
    ));
    if first.errors > 0 || first.ok != u64::try_from(pool.len()).unwrap_or(0) {
        return Err(format!(
            "signing up the returning users failed: {} of {} passed; first error: {}",
            first.ok,
            pool.len(),
            first.first_error.unwrap_or_default()
        ));
    }

    let (outcome, cpu) = measured(demo, Some(provider), || {
        runtime.block_on(flows::flows(
            client,
            site,
            &returning,
            options.clients,
            options.phase,
            usize::MAX,
        ))
    });
    let mut row = Row::new("returning", backend.label, outcome, cpu);
    let accounts = runtime.block_on(verify::accounts(&backend.database_url, secret))?;
    let pool_size = u64::try_from(pool.len()).unwrap_or(0);
    verify::exactly(&accounts, &format!("back-{}-", backend.slug), pool_size)?;
    row.verified = Some(format!(
        "{} flows signed {pool_size} users in again; still {pool_size} users, one account and one token each",
        row.ok
    ));
    report.rows.push(row);

    let prefix = format!("new-{}", backend.slug);
    let (outcome, cpu) = measured(demo, Some(provider), || {
        runtime.block_on(flows::flows(
            client,
            site,
            &Users::New(prefix.clone()),
            options.clients,
            options.phase,
            usize::MAX,
        ))
    });
    let mut row = Row::new("signup", backend.label, outcome, cpu);
    let accounts = runtime.block_on(verify::accounts(&backend.database_url, secret))?;
    verify::exactly(&accounts, &format!("{prefix}-"), row.ok)?;
    row.verified = Some(format!(
        "{} new users in the database, one account and one token each, as many as flows passed",
        row.ok
    ));
    report.rows.push(row);
    Ok(())
}

/// A second of load, not measured: connections open, caches and pools fill.
async fn warm_up(client: &Client, url: &str, expected_prefix: &str, options: &RunOptions) {
    let _ = flows::redirects(
        client,
        url,
        expected_prefix,
        options.connections,
        Duration::from_secs(1),
    )
    .await;
}

/// Runs `phase`, with the CPU time each process spent on it.
fn measured<T>(
    server: &Server,
    provider: Option<&Server>,
    phase: impl FnOnce() -> T,
) -> (T, CpuMark) {
    let before = CpuMark::read(server, provider);
    let result = phase();
    (result, CpuMark::read(server, provider).since(before))
}

fn own(exe: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(exe);
    command.args(args);
    command
}

/// The provider writes its table right after it starts listening.
fn wait_for_file(path: &Path) -> Result<String, String> {
    for _ in 0..100 {
        if let Ok(text) = std::fs::read_to_string(path)
            && !text.is_empty()
        {
            return Ok(text);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Err(format!("{} was not written within 5 s", path.display()))
}

fn random_secret() -> String {
    let mut bytes = [0_u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    bytes
        .iter()
        .fold(String::with_capacity(64), |mut hex, byte| {
            let _ = write!(hex, "{byte:02x}");
            hex
        })
}
