//! The scenarios, one module per concern (each lists its own with `scenario_list!`).

mod login;
mod mounted_under_a_prefix;

use super::Scenario;

/// Every scenario, module by module.
pub(super) fn all() -> Vec<Scenario> {
    let modules: &[fn() -> Vec<Scenario>] = &[login::scenarios, mounted_under_a_prefix::scenarios];
    modules.iter().flat_map(|list| list()).collect()
}
