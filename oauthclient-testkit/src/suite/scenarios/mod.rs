//! The scenarios, one module per concern (each lists its own with `scenario_list!`).

mod callback;
mod concurrency;
mod hardening;
mod login;
mod rate_limit;
mod revocation;
mod security;
mod state;

use super::Scenario;

/// Every scenario, module by module.
pub(super) fn all() -> Vec<Scenario> {
    let modules: &[fn() -> Vec<Scenario>] = &[
        callback::scenarios,
        concurrency::scenarios,
        hardening::scenarios,
        login::scenarios,
        rate_limit::scenarios,
        revocation::scenarios,
        security::scenarios,
        state::scenarios,
    ];
    modules.iter().flat_map(|list| list()).collect()
}
