//! Server CPU per login redirect (`GET /oauth/login/{app}/`, a new visitor each time, as `wrk`
//! sends it), measured in-process: a test site runs on its own threads, one keep-alive client
//! sends the logins one after another on this thread, and the CPU time of every thread but
//! this one (from `/proc/self/task/*/schedstat`) is divided by the number of logins.
//! Sequential, one connection: a micro-measurement to compare builds, not a load benchmark.
//!
//! `cargo run --release -p oauthclient-testkit --features actix,axum,http-suite --example login_cost --
//! actix|axum cookie|redis [logins]` (Redis from `OAUTHCLIENT_TEST_REDIS_URL`).

#![allow(
    clippy::print_stdout,
    clippy::expect_used,
    reason = "a measuring tool: it reports on stdout and fails loudly"
)]

use std::sync::Arc;
use std::time::Instant;

use oauthclient_testkit::site::{Adapter, Sessions, with_adapter};
use oauthclient_testkit::suite::{APP, site_with_sessions};

/// CPU nanoseconds of every thread of this process but `except` (a thread id).
fn cpu_ns_except(except: &str) -> u64 {
    let mut total = 0;
    for task in std::fs::read_dir("/proc/self/task").expect("/proc/self/task") {
        let task = task.expect("a task");
        if task.file_name().to_str() == Some(except) {
            continue;
        }
        let stat = std::fs::read_to_string(task.path().join("schedstat")).unwrap_or_default();
        total += stat
            .split_whitespace()
            .next()
            .and_then(|ns| ns.parse::<u64>().ok())
            .unwrap_or(0);
    }
    total
}

fn main() {
    let mut args = std::env::args().skip(1);
    let adapter: Arc<dyn Adapter> = match args.next().as_deref() {
        Some("axum") => Arc::new(oauthclient_testkit::site::axum::Axum),
        _ => Arc::new(oauthclient_testkit::site::actix::Actix),
    };
    let sessions = match args.next().as_deref() {
        Some("redis") => Sessions::Redis(
            std::env::var("OAUTHCLIENT_TEST_REDIS_URL").expect("OAUTHCLIENT_TEST_REDIS_URL"),
        ),
        _ => Sessions::Cookie,
    };
    let logins: u32 = args.next().and_then(|n| n.parse().ok()).unwrap_or(5000);

    // The site on a thread (and runtime) of its own, so that everything it runs — the Redis
    // connection's driver task too — is counted as the server's.
    let (sender, receiver) = std::sync::mpsc::channel();
    let label = format!("{} {sessions:?}", adapter.name());
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        runtime.block_on(with_adapter(adapter, async move {
            let site = site_with_sessions(|toml| toml, sessions).await;
            sender
                .send(site.url(&format!("/oauth/login/{APP}/")))
                .expect("send");
            std::future::pending::<()>().await;
            drop(site);
        }));
    });
    let url = receiver.recv().expect("the site starts");

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let me = std::fs::read_link("/proc/thread-self")
        .ok()
        .and_then(|path| path.file_name().map(|n| n.to_string_lossy().into_owned()))
        .expect("this thread's id");
    runtime.block_on(async {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        let login = || async {
            let response = client.get(&url).send().await.expect("login");
            assert_eq!(response.status(), 302);
            response.bytes().await.expect("body");
        };
        for _ in 0..logins / 10 {
            login().await; // warm-up
        }
        let cpu = cpu_ns_except(&me);
        let wall = Instant::now();
        for _ in 0..logins {
            login().await;
        }
        let cpu = cpu_ns_except(&me) - cpu;
        let wall = wall.elapsed();
        println!(
            "{label}: {logins} logins, server CPU {:.1} µs/login, wall {:.1} µs/login",
            std::time::Duration::from_nanos(cpu).as_secs_f64() * 1e6 / f64::from(logins),
            wall.as_secs_f64() * 1e6 / f64::from(logins),
        );
    });
}
