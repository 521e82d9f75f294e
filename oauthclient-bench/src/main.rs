//! `oauthclient-bench`: the load benchmark behind `cargo xtask bench`.
//!
//! `run` starts every server as its own process on 127.0.0.1 (a bare actix-web `302` handler
//! as the floor, the testkit provider stand-in, the release demo on SQLite and on
//! PostgreSQL + Redis sessions), drives them with the load generator in this process, checks
//! every response, verifies the flows in the database, and prints a table and writes JSON.
//! `floor` and `provider` are the processes `run` starts.

mod database;
mod floor;
mod flows;
mod jar;
mod latency;
mod machine;
mod options;
mod procs;
mod provider;
mod report;
mod run;
mod verify;

use std::process::ExitCode;

const HELP: &str = "\
usage: oauthclient-bench <command>

commands:
  run --demo PATH [--out FILE] [--seconds N] [--clients N] [--connections N]
      [--postgres URL] [--redis URL]
                       the whole benchmark (what `cargo xtask bench` runs)
  floor --port PORT    a bare actix-web 302 handler (the floor)
  provider --port PORT --app-toml FILE
                       the testkit provider stand-in; writes the demo's remote app table";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => {
            options::RunOptions::parse(&args[1..]).and_then(|options| run::run(&options))
        }
        Some("floor") => options::port(&args[1..]).and_then(floor::serve),
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
