//! `[remote_apps.<name>.login_options]`: the allow-list of per-login options.

use super::{ConfigError, Protocol, RemoteAppSettings};
use crate::login_options::{LoginOption, LoginOptionsPolicy};

/// The options `allow` may name (`scope` is allowed by listing `extra_scopes`).
const ALLOWABLE: [LoginOption; 5] = [
    LoginOption::Prompt,
    LoginOption::LoginHint,
    LoginOption::MaxAge,
    LoginOption::AcrValues,
    LoginOption::Remember,
];

/// Validates the allow-list: known option names, RFC 6749 scope tokens, and nothing at all
/// for an OAuth 1.0a app (its authorization request has no such parameters, and its callback
/// carries no options back: not even `remember`).
pub(super) fn login_options(
    prefix: &str,
    app: &RemoteAppSettings,
    protocol: &Protocol,
) -> Result<LoginOptionsPolicy, ConfigError> {
    let Some(settings) = &app.login_options else {
        return Ok(LoginOptionsPolicy::default());
    };
    let key = format!("{prefix}.login_options");
    let mut allowed = Vec::new();
    for (index, name) in settings.allow.iter().enumerate() {
        let option = LoginOption::from_name(name)
            .filter(|option| ALLOWABLE.contains(option))
            .ok_or_else(|| {
                let hint = if name == "scope" {
                    "list the scopes a login may add in extra_scopes instead"
                } else {
                    "known options: prompt, login_hint, max_age, acr_values, remember"
                };
                ConfigError::new(
                    format!("{key}.allow[{index}]"),
                    format!("unknown login option `{name}` ({hint})"),
                )
            })?;
        allowed.push(option);
    }
    for (index, scope) in settings.extra_scopes.iter().enumerate() {
        if !is_scope_token(scope) {
            return Err(ConfigError::new(
                format!("{key}.extra_scopes[{index}]"),
                format!(
                    "`{scope}` is not a scope (one word of printable ASCII, no space, `\"` or `\\`)"
                ),
            ));
        }
    }
    let policy = LoginOptionsPolicy::new(allowed, settings.extra_scopes.iter().cloned());
    if matches!(protocol, Protocol::OAuth1(_)) && !policy.is_empty() {
        return Err(ConfigError::new(
            key,
            "an OAuth 1.0a app cannot carry per-login options (prompt, login_hint, max_age, \
             acr_values and scopes are OAuth 2.0 / OpenID Connect parameters)",
        ));
    }
    Ok(policy)
}

/// RFC 6749 §3.3: `scope-token = 1*( %x21 / %x23-5B / %x5D-7E )`.
fn is_scope_token(scope: &str) -> bool {
    !scope.is_empty()
        && scope
            .bytes()
            .all(|byte| byte.is_ascii_graphic() && byte != b'"' && byte != b'\\')
}
