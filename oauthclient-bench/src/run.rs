//! `run`: every phase in order, for each adapter (the demo on actix-web, then the axum site),
//! against servers started for it ([`crate::servers`]), and the report. The redirect phases
//! (the generator's and wrk's) are in [`login`].

mod login;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use reqwest::Client;
use tokio::runtime::Runtime;

use crate::connections::{self, CONNECTIONS};
use crate::database::ThrowawayDatabase;
use crate::flows::{self, Site, Users};
use crate::options::RunOptions;
use crate::procs::{CpuMark, Server, free_port, raise_open_files};
use crate::provider::APP;
use crate::report::{Report, Row};
use crate::servers::{
    Adapter, Backend, Binaries, random_secret, start_floor, start_provider, start_site,
};
use crate::{verify, wrk};

/// Returning users per concurrent client.
const POOL_PER_CLIENT: usize = 4;

/// Alternating stretches of floor and login.
const ROUNDS: u32 = 5;

/// What every phase of a run shares.
struct Bench<'a> {
    options: &'a RunOptions,
    runtime: Runtime,
    client: Client,
    binaries: Binaries,
    dir: PathBuf,
    provider: Server,
    /// The provider's remote app table, for the sites' configuration.
    app_table: String,
    authorize_url: String,
    /// wrk's check of every answer.
    wrk_script: PathBuf,
}

pub fn run(options: &RunOptions) -> Result<(), String> {
    let dir = options
        .out
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    std::fs::create_dir_all(&dir).map_err(|err| format!("{}: {err}", dir.display()))?;
    // A thousand connections to a site, each an open file here and there (the sites inherit
    // the limit), with room for the pools and logs.
    let files = raise_open_files(2 * CONNECTIONS as u64 + 1024)?;
    let wrk_script = wrk::write_script(&dir)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|err| format!("runtime: {err}"))?;
    let client = flows::client(options.connections.max(options.clients))?;
    let binaries = Binaries {
        demo: options.demo.clone(),
        bench: std::env::current_exe().map_err(|err| format!("own path: {err}"))?,
    };
    let mut report = Report {
        machine: crate::machine::describe(),
        settings: format!(
            "{} s per phase, {} connections for redirects, {} concurrent clients for flows, \
             demo (actix-web) with 2 workers, axum site on tokio with 2 worker threads, \
             provider stand-in with 1; wrk -t{} -c{}; {CONNECTIONS} connections a site in the \
             memory phase (open-files limit {files})",
            options.phase.as_secs(),
            options.connections,
            options.clients,
            wrk::THREADS,
            wrk::CONNECTIONS,
        ),
        ..Report::default()
    };

    println!("== provider stand-in (oauthclient-testkit)");
    let (provider, app_table, authorize_url) = start_provider(&binaries, &dir)?;
    let bench = Bench {
        options,
        runtime,
        client,
        binaries,
        dir,
        provider,
        app_table,
        authorize_url,
        wrk_script,
    };
    for adapter in Adapter::ALL {
        bench.adapter(adapter, &mut report)?;
    }
    drop(bench);

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

impl Bench<'_> {
    /// Every phase of one adapter's site, on SQLite + cookie sessions then PostgreSQL + Redis
    /// sessions, each on a database of its own; the first login phase alternates with the
    /// framework's floor.
    fn adapter(&self, adapter: Adapter, report: &mut Report) -> Result<(), String> {
        let mut floor = Some(start_floor(&self.binaries, &self.dir, adapter)?);
        let sqlite_path = self.dir.join(format!("bench-{}.sqlite", adapter.slug()));
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", sqlite_path.display()));
        }
        let postgres = ThrowawayDatabase::create(&self.options.postgres, adapter.slug())?;
        let backends = [
            Backend {
                label: "SQLite + cookie sessions",
                slug: format!("{}-sqlite", adapter.slug()),
                database_url: format!("sqlite://{}", sqlite_path.display()),
                session_store: "cookie".into(),
            },
            Backend {
                label: "PostgreSQL + Redis sessions",
                slug: format!("{}-postgres", adapter.slug()),
                database_url: postgres.url.clone(),
                session_store: self.options.redis.clone(),
            },
        ];
        for backend in &backends {
            println!(
                "== {} ({}) on {}",
                adapter.site_name(),
                adapter.label(),
                backend.label
            );
            let secret = random_secret();
            let port = free_port()?;
            let server = start_site(
                adapter,
                &self.binaries,
                &self.dir,
                backend,
                (port, &secret, &self.app_table),
            )?;
            let site = Site {
                demo: format!("http://127.0.0.1:{port}"),
                authorize_url: self.authorize_url.clone(),
                app: APP,
            };
            let login = format!("{}/oauth/login/{APP}/", site.demo);
            let rows = self.login_rows(floor.take(), adapter, (&server, &login), backend.label);
            report.rows.extend(rows);
            let returning = self.flow_rows(adapter, backend, &site, &server, &secret, report)?;
            report
                .peak_rss_mib
                .push((adapter.label(), backend.label, server.peak_rss_mib()));
            let mut held = self.connections(&site, &server, &returning, port);
            (held.adapter, held.backend) = (adapter.label(), backend.label);
            println!("   {}", held.line());
            report.connections.push(held);
        }
        Ok(())
    }

    /// [`CONNECTIONS`] keep-alive connections held open to the site for a phase while
    /// returning-user flows run alongside.
    fn connections(
        &self,
        site: &Site,
        server: &Server,
        returning: &Users,
        port: u16,
    ) -> connections::HeldConnections {
        let (client, options) = (&self.client, self.options);
        println!("   {CONNECTIONS} keep-alive connections, returning flows alongside");
        let address = std::net::SocketAddr::from(([127, 0, 0, 1], port));
        let login = format!("/oauth/login/{APP}/");
        let phase = options.phase.max(connections::SHORTEST);
        self.runtime.block_on(connections::hold(
            server,
            (address, &login),
            CONNECTIONS,
            phase,
            flows::flows(client, site, returning, options.clients, phase, usize::MAX),
        ))
    }

    /// The returning-user and sign-up phases against one running site; the returning users,
    /// for the phases after.
    fn flow_rows(
        &self,
        adapter: Adapter,
        backend: &Backend,
        site: &Site,
        server: &Server,
        secret: &str,
        report: &mut Report,
    ) -> Result<Users, String> {
        let (runtime, client, options) = (&self.runtime, &self.client, self.options);
        let provider = Some(&self.provider);
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

        let (outcome, cpu) = measured(server, provider, || {
            runtime.block_on(flows::flows(
                client,
                site,
                &returning,
                options.clients,
                options.phase,
                usize::MAX,
            ))
        });
        let mut row = Row::new("returning", adapter.label(), backend.label, outcome, cpu);
        let accounts = runtime.block_on(verify::accounts(&backend.database_url, secret))?;
        let pool_size = u64::try_from(pool.len()).unwrap_or(0);
        verify::exactly(&accounts, &format!("back-{}-", backend.slug), pool_size)?;
        row.verified = Some(format!(
            "{} flows signed {pool_size} users in again; still {pool_size} users, one account and one token each",
            row.ok
        ));
        report.rows.push(row);

        let prefix = format!("new-{}", backend.slug);
        let (outcome, cpu) = measured(server, provider, || {
            runtime.block_on(flows::flows(
                client,
                site,
                &Users::new_users(&prefix, &pool),
                options.clients,
                options.phase,
                usize::MAX,
            ))
        });
        let mut row = Row::new("signup", adapter.label(), backend.label, outcome, cpu);
        let accounts = runtime.block_on(verify::accounts(&backend.database_url, secret))?;
        verify::exactly(&accounts, &format!("{prefix}-"), row.ok)?;
        row.verified = Some(format!(
            "{} new users in the database, one account and one token each, as many as flows passed",
            row.ok
        ));
        report.rows.push(row);
        Ok(returning)
    }
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
