//! The scenarios, one module per concern (each lists its own with `scenario_list!`).

mod database_down;
mod disconnect_race;
mod host_policy;
mod json_api;
mod login;
mod redis_sessions;
mod refresh;
mod remote_client;

use super::Scenario;

/// Every scenario, module by module.
pub(super) fn all() -> Vec<Scenario> {
    let modules: &[fn() -> Vec<Scenario>] = &[
        database_down::scenarios,
        disconnect_race::scenarios,
        host_policy::scenarios,
        json_api::scenarios,
        login::scenarios,
        redis_sessions::scenarios,
        refresh::scenarios,
        remote_client::scenarios,
    ];
    modules.iter().flat_map(|list| list()).collect()
}
