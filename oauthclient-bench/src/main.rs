//! `oauthclient-bench`: the load benchmark behind `cargo xtask bench`.
//!
//! `run` starts every server as its own process on 127.0.0.1 (bare actix-web and axum `302`
//! handlers as the floors, the testkit provider stand-in, the release demo — the actix-web
//! adapter — and the axum site, each on SQLite and on PostgreSQL + Redis sessions), drives
//! them with the load generator in this process and with `wrk`, holds a thousand connections
//! to each site, checks every response, verifies the flows in the database, and prints a
//! table and writes JSON. `fill` is the data generator, `latency` measures returning-user
//! callbacks on its data. `floor`, `axum-floor`, `provider`, `axum-site` and
//! `growth-provider` are the processes `run` and `latency` start.

mod axum_site;
mod connections;
mod database;
mod floor;
mod flows;
mod growth;
mod growth_latency;
mod growth_provider;
mod jar;
mod latency;
mod machine;
mod options;
mod plans;
mod procs;
mod provider;
mod report;
mod run;
mod servers;
mod verify;
mod wrk;

use std::process::ExitCode;

const HELP: &str = "\
usage: oauthclient-bench <command>

commands:
  run --demo PATH [--out FILE] [--seconds N] [--clients N] [--connections N]
      [--postgres URL] [--redis URL]
                       the whole benchmark (what `cargo xtask bench` runs)
  fill --users N [--sqlite FILE] [--postgres URL] [--reset] [--batch N] [--config-dir DIR]
                       the data generator (`cargo xtask bench --users N`): N users with
                       accounts, identities and sealed tokens, in bulk
  latency --demo PATH --config FILE [--config FILE] [--seconds N] [--clients N]
      [--redis URL] [--out FILE] [--plans FILE]
                       returning-user callback latency on generated databases (the
                       generator's configurations; `cargo xtask bench --growth`), and the
                       hot queries' plans
  floor --port PORT    a bare actix-web 302 handler (the demo's floor)
  axum-floor --port PORT
                       a bare axum 302 handler (the axum site's floor)
  axum-site --config FILE
                       the library's endpoints on oauthclient-axum, configured like the demo
  provider --port PORT --app-toml FILE
                       the testkit provider stand-in; writes the demo's remote app table
  growth-provider --port PORT --app-toml FILE
                       the provider stand-in of `latency`: signs in as generated users";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => {
            options::RunOptions::parse(&args[1..]).and_then(|options| run::run(&options))
        }
        Some("fill") => {
            growth::FillOptions::parse(&args[1..]).and_then(|options| growth::run(&options))
        }
        Some("latency") => growth_latency::LatencyOptions::parse(&args[1..])
            .and_then(|options| growth_latency::run(&options)),
        Some("growth-provider") => options::ProviderOptions::parse(&args[1..])
            .and_then(|options| growth_provider::serve(&options)),
        Some("floor") => options::port(&args[1..]).and_then(floor::serve),
        Some("axum-floor") => options::port(&args[1..]).and_then(floor::serve_axum),
        Some("axum-site") => {
            options::config(&args[1..]).and_then(|config| axum_site::serve(&config))
        }
        Some("provider") => options::ProviderOptions::parse(&args[1..])
            .and_then(|options| provider::serve(&options)),
        Some("help" | "--help" | "-h") | None => {
            println!("{HELP}");
            Ok(())
        }
        Some(other) => Err(format!("unknown command `{other}`\n\n{HELP}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("oauthclient-bench: {message}");
            ExitCode::FAILURE
        }
    }
}
