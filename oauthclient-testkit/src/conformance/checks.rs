//! The static checks: registration, the provider's handlers, the login URL.

use std::collections::BTreeMap;

use oauthclient_core::client::authorization_request;
use oauthclient_core::config::Protocol;
use oauthclient_core::{OAuthClientConfig, Registry};

use super::harness::CLIENT_ID;
use super::manifest::Login;

/// The `state` the login URL check sends.
const STATE: &str = "conformance-state";

/// `login.authorize_url` of an OpenID Connect provider, whose discovery document names it.
const DISCOVERED: &str = "discovered";

/// The app resolves to handlers, and has account info (else it could sign nobody in) — or, for
/// a link-only provider, is link-only and has none.
pub(crate) fn handlers(
    registry: &Registry,
    config: &OAuthClientConfig,
    provider: &str,
    link_only: bool,
) -> Result<String, String> {
    let app = config
        .remote_app(provider)
        .ok_or("the provider's app is missing from the configuration")?;
    let handlers = registry.resolve(app).map_err(|err| err.to_string())?;
    let mut brought = Vec::new();
    if link_only {
        return match (app.link_only, handlers.account_info.is_some()) {
            (true, false) => Ok("link-only: no account info, as declared".into()),
            (false, _) => Err("the manifest says link-only, the app is not `link_only`".into()),
            (true, true) => Err("a link-only app with account info: say what it is".into()),
        };
    }
    if handlers.account_info.is_some() {
        brought.push("account info");
    } else {
        return Err("the provider brings no account info: the app could not sign anyone in".into());
    }
    if handlers.account_setup.is_some() {
        brought.push("account setup");
    }
    if registry
        .provider(provider)
        .is_some_and(|provider| provider.revoke().is_some())
    {
        brought.push("revoke");
    }
    Ok(format!("resolved: {}", brought.join(", ")))
}

/// The authorization request core builds from the provider's defaults.
pub(crate) fn login_url(
    config: &OAuthClientConfig,
    provider: &str,
    login: &Login,
) -> Result<String, String> {
    let app = config
        .remote_app(provider)
        .ok_or("the provider's app is missing from the configuration")?;
    let redirect_uri = config.redirect_uri(provider);
    let request =
        authorization_request(app, &redirect_uri, STATE).map_err(|err| err.to_string())?;
    let url = request.url;
    let query: BTreeMap<String, String> = url.query_pairs().into_owned().collect();
    let mut bare = url.clone();
    bare.set_query(None);

    let mut problems = Vec::new();
    if url.scheme() != "https" {
        problems.push(format!("{url} is not https"));
    }
    let discovered = login.authorize_url == DISCOVERED;
    let has_issuer = matches!(&app.protocol, Protocol::OAuth2(params) if params.issuer.is_some());
    if discovered && !has_issuer {
        problems.push("the authorize URL is `discovered`, but the app names no issuer".into());
    }
    if !discovered && bare.as_str() != login.authorize_url {
        problems.push(format!(
            "authorize URL: expected {}, got {bare}",
            login.authorize_url
        ));
    }
    let mut expected: BTreeMap<&str, &str> = BTreeMap::from([
        ("response_type", "code"),
        ("client_id", CLIENT_ID),
        ("redirect_uri", redirect_uri.as_str()),
        ("state", STATE),
    ]);
    for (name, value) in &login.params {
        expected.insert(name, value);
    }
    if login.pkce {
        expected.insert("code_challenge_method", "S256");
    }
    for (name, value) in expected {
        match query.get(name) {
            Some(got) if got == value => {}
            Some(got) => problems.push(format!("`{name}`: expected {value:?}, got {got:?}")),
            None => problems.push(format!("`{name}` is missing")),
        }
    }
    match (login.pkce, query.contains_key("code_challenge")) {
        (true, false) => problems.push("no PKCE code_challenge".into()),
        (false, true) => problems.push("a PKCE code_challenge the manifest does not expect".into()),
        _ => {}
    }
    if problems.is_empty() {
        Ok(format!("{bare} with {} parameters", query.len()))
    } else {
        Err(problems.join("; "))
    }
}
