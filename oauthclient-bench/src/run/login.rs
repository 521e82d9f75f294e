//! The redirect phases of a site: the floor and the login under the load generator (in
//! alternating stretches), then each under wrk.

use crate::floor::FLOOR_LOCATION;
use crate::flows::{self, Outcome};
use crate::procs::{CpuMark, Server};
use crate::report::Row;
use crate::servers::{Adapter, Floor};
use crate::wrk::{self, WrkResult};

use super::{Bench, ROUNDS, measured, warm_up};

impl Bench<'_> {
    /// The floor and the login measured in alternating stretches, so that whatever else the
    /// machine does during the run weighs on both alike.
    fn floor_and_login(
        &self,
        floor: &Floor,
        (site, login_url): (&Server, &str),
    ) -> (Outcome, CpuMark, Outcome, CpuMark) {
        let (runtime, client, options) = (&self.runtime, &self.client, self.options);
        let authorize_url = self.authorize_url.as_str();
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
            let (outcome, cpu) = measured(site, None, || {
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

    /// The login phase of one site; the first one of each adapter alternates with its floor.
    pub(super) fn login_rows(
        &self,
        floor: Option<Floor>,
        adapter: Adapter,
        (site, login): (&Server, &str),
        backend: &'static str,
    ) -> Vec<Row> {
        let framework = adapter.label();
        if let Some(floor) = floor {
            let (floor_outcome, floor_cpu, login_outcome, login_cpu) =
                self.floor_and_login(&floor, (site, login));
            let floor_prefix = FLOOR_LOCATION.split('?').next().unwrap_or(FLOOR_LOCATION);
            return vec![
                Row::new("floor", framework, "–", floor_outcome, floor_cpu),
                Row::new("login", framework, backend, login_outcome, login_cpu),
                self.wrk_row(
                    "floor",
                    framework,
                    "–",
                    (&floor.server, &floor.url, floor_prefix),
                ),
                self.wrk_row(
                    "login",
                    framework,
                    backend,
                    (site, login, &self.authorize_url),
                ),
            ];
        }
        let (runtime, client, options) = (&self.runtime, &self.client, self.options);
        let authorize_url = self.authorize_url.as_str();
        let (outcome, cpu) = measured(site, None, || {
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
        vec![
            Row::new("login", framework, backend, outcome, cpu),
            self.wrk_row(
                "login",
                framework,
                backend,
                (site, login, &self.authorize_url),
            ),
        ]
    }

    /// One redirect phase under wrk, its whole length in one run; a wrk that cannot run or
    /// whose output is not understood is a row of errors, not a failed benchmark.
    fn wrk_row(
        &self,
        phase: &'static str,
        adapter: &'static str,
        backend: &'static str,
        (server, url, prefix): (&Server, &str, &str),
    ) -> Row {
        println!("   wrk -t{} -c{} {url}", wrk::THREADS, wrk::CONNECTIONS);
        let (result, cpu) = measured(server, None, || {
            wrk::run(&self.wrk_script, url, prefix, self.options.phase)
        });
        match result {
            Ok(result) => Row::from_wrk(phase, adapter, backend, &result, cpu),
            Err(error) => {
                let mut row = Row::from_wrk(phase, adapter, backend, &WrkResult::default(), cpu);
                row.errors = 1;
                row.first_error = Some(error);
                row
            }
        }
    }
}
