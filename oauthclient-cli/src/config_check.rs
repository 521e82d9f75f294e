//! `oauthclient config check FILE`: load a configuration the way the server will, and show
//! what it resolved to. Secrets never reach the output.

use std::fmt::Write as _;
use std::path::Path;

use oauthclient_core::config::{ClientAuth, ProcessEnv, Protocol, RemoteApp};
use oauthclient_core::{OAuthClientConfig, Registry};

use crate::args::Target;
use crate::failure::Failure;

pub fn check(file: &Path, target: &Target) -> Result<(), Failure> {
    let config = load(file, &target.registry)?;
    print!("{}", describe(file, &config));
    Ok(())
}

/// The configuration at `file`, with the process environment applied, checked against
/// `registry`; an invalid one is a [`Failure::Invalid`] naming the key.
pub fn load(file: &Path, registry: &Registry) -> Result<OAuthClientConfig, Failure> {
    OAuthClientConfig::from_file(file, &ProcessEnv, registry).map_err(|err| {
        // The loader names the crate to link; an operator of the shipped binary cannot link
        // it, so say how a host gets a CLI that knows its providers.
        let hint = if err.message.starts_with("no provider `") {
            " (this CLI knows only the providers linked into it: for providers of your own, \
             build your operator CLI with oauthclient_cli::OperatorCli, see docs/operator-cli.md)"
        } else {
            ""
        };
        Failure::Invalid(format!("{}: {err}{hint}", file.display()))
    })
}

fn describe(file: &Path, config: &OAuthClientConfig) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}: valid", file.display());
    let _ = writeln!(out, "site_url = {}", config.site_url);
    let _ = writeln!(out, "state_expires = {} s", config.state_expires);
    let _ = writeln!(out, "session_key_prefix = {}", config.session_key_prefix);
    let keys: Vec<String> = config
        .secret_keys
        .iter()
        .map(|key| format!("{} ({:?}, secret [redacted])", key.id, key.algorithm))
        .collect();
    let _ = writeln!(
        out,
        "secret_keys = {} (the first signs and encrypts)",
        keys.join(", ")
    );
    let _ = writeln!(out, "trusted_hosts = [{}]", config.trusted_hosts.join(", "));
    let _ = writeln!(out, "remote_apps: {}", config.remote_apps.len());
    for app in config.remote_apps.values() {
        describe_app(&mut out, config, app);
    }
    out
}

fn describe_app(out: &mut String, config: &OAuthClientConfig, app: &RemoteApp) {
    let _ = writeln!(
        out,
        "  [{}] \"{}\"{}{}{}",
        app.name,
        app.title,
        app.provider
            .as_deref()
            .map(|provider| format!(" provider={provider}"))
            .unwrap_or_default(),
        if app.hide { " hidden" } else { "" },
        if app.link_only { " link-only" } else { "" },
    );
    let _ = writeln!(out, "    callback      {}", config.redirect_uri(&app.name));
    match &app.protocol {
        Protocol::OAuth2(params) => {
            let _ = writeln!(
                out,
                "    protocol      OAuth 2.0, PKCE {}, client auth {}",
                if params.pkce { "on" } else { "off" },
                match params.client_auth {
                    ClientAuth::None => "none (public client)",
                    other => other.name(),
                }
            );
            if let Some(issuer) = &params.issuer {
                let _ = writeln!(out, "    issuer        {issuer} (endpoints from discovery)");
            } else {
                let _ = writeln!(out, "    authorize     {}", params.authorize_url);
                let _ = writeln!(out, "    token         {}", params.access_token_url);
            }
            if let Some(revoke) = &params.revoke_url {
                let _ = writeln!(out, "    revoke        {revoke}");
            }
            let _ = writeln!(out, "    scopes        {}", params.scopes.join(" "));
        }
        Protocol::OAuth1(params) => {
            let _ = writeln!(out, "    protocol      OAuth 1.0a (HMAC-SHA1)");
            let _ = writeln!(out, "    request token {}", params.request_token_url);
            let _ = writeln!(out, "    authorize     {}", params.authorize_url);
            let _ = writeln!(out, "    access token  {}", params.access_token_url);
        }
    }
    let _ = writeln!(
        out,
        "    client_id     {} (secret [redacted])",
        app.credentials.consumer_key
    );
    let names = &app.handlers;
    let handler = |name: &Option<String>| name.clone().unwrap_or_else(|| "default".into());
    let _ = writeln!(
        out,
        "    handlers      protocol={} authorized={} disconnect={} info={} setup={} view={}",
        handler(&names.protocol),
        handler(&names.authorized),
        handler(&names.disconnect),
        handler(&names.signup_info),
        handler(&names.signup_setup),
        handler(&names.signup_view),
    );
}
