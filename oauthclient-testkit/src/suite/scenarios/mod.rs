//! The scenarios, one module per concern (each lists its own with `scenario_list!`).

mod account_linking;
mod email_verification;
mod login;
mod mounted_under_a_prefix;
mod pages;
mod signup;
mod smtp_confirmation;
mod unconfirmed_claims;

use super::Scenario;

/// Every scenario, module by module.
pub(super) fn all() -> Vec<Scenario> {
    let modules: &[fn() -> Vec<Scenario>] = &[
        account_linking::scenarios,
        email_verification::scenarios,
        login::scenarios,
        mounted_under_a_prefix::scenarios,
        pages::scenarios,
        signup::scenarios,
        smtp_confirmation::scenarios,
        unconfirmed_claims::scenarios,
    ];
    modules.iter().flat_map(|list| list()).collect()
}
