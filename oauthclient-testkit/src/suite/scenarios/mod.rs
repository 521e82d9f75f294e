//! The scenarios, one module per concern (each lists its own with `scenario_list!`).

mod account_linking;
mod callback;
mod concurrency;
mod cors;
mod database_down;
mod disconnect_race;
mod email_verification;
mod form_post;
mod hardening;
mod host_policy;
mod i18n;
mod i18n_host;
mod json_api;
mod login;
mod login_options;
mod methods;
mod mounted_under_a_prefix;
mod pages;
mod rate_limit;
mod redis_sessions;
mod refresh;
mod remote_client;
mod revocation;
mod roles;
mod security;
mod session_lifetime;
mod sign_out_everywhere;
mod signup;
mod smtp_confirmation;
mod spa_api;
mod state;
mod unconfirmed_claims;

use super::Scenario;

/// Every scenario, module by module.
pub(super) fn all() -> Vec<Scenario> {
    let modules: &[fn() -> Vec<Scenario>] = &[
        account_linking::scenarios,
        callback::scenarios,
        concurrency::scenarios,
        cors::scenarios,
        database_down::scenarios,
        disconnect_race::scenarios,
        email_verification::scenarios,
        form_post::scenarios,
        hardening::scenarios,
        host_policy::scenarios,
        i18n::scenarios,
        i18n_host::scenarios,
        json_api::scenarios,
        login::scenarios,
        login_options::scenarios,
        methods::scenarios,
        mounted_under_a_prefix::scenarios,
        pages::scenarios,
        rate_limit::scenarios,
        redis_sessions::scenarios,
        refresh::scenarios,
        remote_client::scenarios,
        revocation::scenarios,
        roles::scenarios,
        security::scenarios,
        session_lifetime::scenarios,
        sign_out_everywhere::scenarios,
        signup::scenarios,
        smtp_confirmation::scenarios,
        spa_api::scenarios,
        state::scenarios,
        unconfirmed_claims::scenarios,
    ];
    modules.iter().flat_map(|list| list()).collect()
}
