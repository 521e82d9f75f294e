//! TOML + environment → validated [`OAuthClientConfig`].

use std::collections::BTreeMap;

use toml::{Table, Value};
use url::Url;

use super::endpoint::endpoint;
use super::protocol_params;
use super::{
    ConfigError, DEFAULT_SESSION_KEY_PREFIX, DEFAULT_STATE_EXPIRES, EnvSource, HandlerNames,
    OAuthClientConfig, RemoteApp, RemoteAppSettings,
};
use super::{HandlerKind, RegisteredNames, provider_not_linked};

type Result<T> = std::result::Result<T, ConfigError>;

pub(super) fn from_toml_str(
    text: &str,
    env: &dyn EnvSource,
    registry: &dyn RegisteredNames,
) -> Result<OAuthClientConfig> {
    let mut doc: Table = text
        .parse()
        .map_err(|err: toml::de::Error| ConfigError::new("(toml)", err.to_string()))?;
    super::env::apply_overrides(&mut doc, env)?;

    let secret_keys = super::secret_keys::secret_keys(&doc, env)?;
    let site_url = site_url(&doc)?;
    let state_expires = match doc.get("state_expires") {
        None => DEFAULT_STATE_EXPIRES,
        Some(Value::Integer(secs)) if *secs > 0 => secs.unsigned_abs(),
        Some(Value::Integer(_)) => {
            return Err(ConfigError::new(
                "state_expires",
                "must be greater than zero",
            ));
        }
        Some(_) => {
            return Err(ConfigError::new(
                "state_expires",
                "must be a whole number of seconds",
            ));
        }
    };
    let session_key_prefix = optional_string(&doc, "session_key_prefix")?
        .unwrap_or_else(|| DEFAULT_SESSION_KEY_PREFIX.to_owned());
    if session_key_prefix.is_empty() {
        return Err(ConfigError::new("session_key_prefix", "must not be empty"));
    }
    let trusted_hosts = trusted_hosts(&doc, &site_url)?;
    let cors_origins = cors_origins(&doc)?;
    let accounts = super::accounts::account_settings(&doc)?;

    let mut remote_apps = BTreeMap::new();
    if let Some(apps) = doc.get("remote_apps") {
        let apps = apps
            .as_table()
            .ok_or_else(|| ConfigError::new("remote_apps", "must be a table of tables"))?;
        for (name, table) in apps {
            let app = remote_app(name, table, &doc, env, registry, &trusted_hosts, &accounts)?;
            remote_apps.insert(name.clone(), app);
        }
    }

    Ok(OAuthClientConfig {
        rate_limit: super::rate_limit::rate_limit(&doc)?,
        mail: super::mail::mail_settings(&doc, env)?,
        session: super::session::session_settings(&doc)?,
        locales: super::locales::locale_settings(&doc)?,
        accounts,
        remote_apps,
        session_key_prefix,
        state_expires,
        secret_keys,
        site_url,
        trusted_hosts,
        cors_origins,
    })
}

fn optional_string(doc: &Table, key: &str) -> Result<Option<String>> {
    match doc.get(key) {
        None => Ok(None),
        Some(Value::String(value)) => Ok(Some(value.clone())),
        Some(_) => Err(ConfigError::new(key, "must be a string")),
    }
}

fn site_url(doc: &Table) -> Result<Url> {
    let raw = optional_string(doc, "site_url")?.ok_or_else(|| {
        ConfigError::new(
            "site_url",
            "missing: set it to this site's public URL, e.g. https://example.org",
        )
    })?;
    let url = endpoint("site_url", &raw)?;
    if url.query().is_some() {
        return Err(ConfigError::new("site_url", "must not have a query"));
    }
    Ok(url)
}

fn trusted_hosts(doc: &Table, site_url: &Url) -> Result<Vec<String>> {
    let mut hosts = Vec::new();
    if let Some(value) = doc.get("trusted_hosts") {
        let list = value
            .as_array()
            .ok_or_else(|| ConfigError::new("trusted_hosts", "must be a list of host names"))?;
        for (index, host) in list.iter().enumerate() {
            let key = format!("trusted_hosts[{index}]");
            let host = host
                .as_str()
                .ok_or_else(|| ConfigError::new(&key, "must be a string"))?;
            if host.is_empty() || host.contains(['/', '@', '?', '#', ' ', '\\']) {
                return Err(ConfigError::new(
                    key,
                    format!(
                        "`{host}` is not a host name (write `example.org` or `example.org:8443`)"
                    ),
                ));
            }
            hosts.push(host.to_ascii_lowercase());
        }
    }
    // The site's own host is always a safe place to return to.
    if let Some(host) = site_url.host_str() {
        let own = match site_url.port() {
            Some(port) => format!("{host}:{port}"),
            None => host.to_owned(),
        };
        if !hosts.contains(&own) {
            hosts.push(own);
        }
    }
    Ok(hosts)
}

fn cors_origins(doc: &Table) -> Result<Vec<String>> {
    let Some(value) = doc.get("cors_origins") else {
        return Ok(Vec::new());
    };
    let list = value
        .as_array()
        .ok_or_else(|| ConfigError::new("cors_origins", "must be a list of origins"))?;
    let mut origins = Vec::new();
    for (index, given) in list.iter().enumerate() {
        let key = format!("cors_origins[{index}]");
        let given = given
            .as_str()
            .ok_or_else(|| ConfigError::new(&key, "must be a string"))?;
        let origin = super::web_origin(given).ok_or_else(|| {
            ConfigError::new(
                &key,
                format!(
                    "`{given}` is not an origin (write `https://app.example.org`, \
                     scheme://host[:port] and nothing else; `*` is not allowed)"
                ),
            )
        })?;
        if !origins.contains(&origin) {
            origins.push(origin);
        }
    }
    Ok(origins)
}

fn valid_app_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|first| first.is_ascii_lowercase() || first.is_ascii_digit())
        && name.len() <= 64
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

fn remote_app(
    name: &str,
    table: &Value,
    doc: &Table,
    env: &dyn EnvSource,
    registry: &dyn RegisteredNames,
    trusted_hosts: &[String],
    accounts: &super::AccountSettings,
) -> Result<RemoteApp> {
    let prefix = format!("remote_apps.{name}");
    if !valid_app_name(name) {
        return Err(ConfigError::new(
            &prefix,
            "app names are lower-case letters, digits, `_` and `-` (they appear in URLs)",
        ));
    }
    let user_table = table
        .as_table()
        .ok_or_else(|| ConfigError::new(&prefix, "must be a table"))?;
    let explicit_provider = match user_table.get("provider") {
        None => None,
        Some(Value::String(provider)) => Some(provider.clone()),
        Some(_) => {
            return Err(ConfigError::new(
                format!("{prefix}.provider"),
                "must be a string",
            ));
        }
    };
    let provider = explicit_provider.clone().or_else(|| {
        registry
            .provider_defaults(name)
            .is_some()
            .then(|| name.to_owned())
    });
    let mut merged = Table::new();
    if let Some(provider_name) = &provider {
        let template = registry.provider_defaults(provider_name).ok_or_else(|| {
            ConfigError::new(
                format!("{prefix}.provider"),
                provider_not_linked(provider_name, &registry.provider_names()),
            )
        })?;
        merged = Table::try_from(template).map_err(|err| {
            ConfigError::new(
                format!("{prefix}.provider"),
                format!("bad provider defaults: {err}"),
            )
        })?;
    }
    hosts_scopes_win(&mut merged, user_table);
    super::account_mapping::hosts_email_rule_wins(&mut merged, user_table);
    deep_merge(&mut merged, user_table.clone());
    super::account_mapping::name_the_table_at_fault(&prefix, &merged)?;
    let settings: RemoteAppSettings = Value::Table(merged)
        .try_into()
        .map_err(|err: toml::de::Error| ConfigError::new(&prefix, err.message()))?;

    let handlers = handler_names(&prefix, &settings, registry)?;
    issuer_needs_a_protocol(&prefix, &settings, &handlers, provider.as_deref(), registry)?;
    let app_key = settings
        .params
        .app_key
        .clone()
        .unwrap_or_else(|| format!("{}_APP_CREDENTIALS", name.to_ascii_uppercase()));
    let protocol = protocol_params::protocol(&format!("{prefix}.params"), &settings.params)
        .map_err(|err| {
            // A missing endpoint on an app named like a provider usually means the provider crate
            // is not linked: say so, rather than pointing at the endpoint.
            if provider.is_none() && err.message == "missing" {
                ConfigError::new(
                    err.key,
                    provider_not_linked(name, &registry.provider_names()),
                )
            } else {
                err
            }
        })?;
    let login_options = super::login_options::login_options(&prefix, &settings, &protocol)?;
    let title = settings.title.as_deref().unwrap_or(name);
    let credentials = super::credentials::credentials(&app_key, doc, env, &protocol, title)?;
    let (account_mapping, roles) =
        super::account_mapping::mapping_and_roles(&prefix, &settings, &protocol, &credentials)?;

    Ok(RemoteApp {
        name: name.to_owned(),
        provider,
        title: settings.title.unwrap_or_else(|| name.to_owned()),
        description: settings.description.unwrap_or_default(),
        icon: settings.icon.unwrap_or_default(),
        protocol,
        credentials,
        handlers,
        remember: settings.remember.unwrap_or(false),
        hide: settings.hide.unwrap_or(false),
        link_only: settings.link_only.unwrap_or(false),
        trust_email: settings.trust_email.unwrap_or(true),
        email_verification: choice(
            settings.email_verification.as_deref(),
            &format!("{prefix}.email_verification"),
        )?
        .unwrap_or(accounts.email_verification),
        signup: choice(settings.signup.as_deref(), &format!("{prefix}.signup"))?
            .unwrap_or(accounts.signup),
        unconfirmed_expires: accounts.unconfirmed_expires,
        rest: super::rest::rest_redirects(&prefix, settings.rest.as_ref(), trusted_hosts)?,
        login_options,
        account_mapping,
        roles,
        token_only: settings.token_only.unwrap_or(false),
    })
}

/// An `issuer` is OpenID Connect: it needs a protocol handler that speaks it (a provider's
/// own, or a named one).
fn issuer_needs_a_protocol(
    prefix: &str,
    settings: &RemoteAppSettings,
    handlers: &HandlerNames,
    provider: Option<&str>,
    registry: &dyn RegisteredNames,
) -> Result<()> {
    if settings.params.issuer.is_some()
        && handlers.protocol.is_none()
        && !provider.is_some_and(|id| registry.provider_speaks_own_protocol(id))
    {
        return Err(ConfigError::new(
            format!("{prefix}.params.issuer"),
            "an issuer needs an OpenID Connect protocol handler: add `provider = \"oidc\"` \
             (crate oauthclient-oidc) or set protocol_handler",
        ));
    }
    Ok(())
}

/// A per-app policy override parsed into its type, naming the key when invalid.
fn choice<T: std::str::FromStr<Err = String>>(raw: Option<&str>, key: &str) -> Result<Option<T>> {
    raw.map(str::parse)
        .transpose()
        .map_err(|message| ConfigError::new(key, message))
}

/// Scopes have two spellings (`params.scopes` and `params.request_token_params.scope`): when
/// the host sets either, the provider's default in the other spelling goes, or the merge would
/// hold both and be refused although the host said exactly what it wants.
fn hosts_scopes_win(template: &mut Table, host: &Table) {
    let host_params = host.get("params").and_then(Value::as_table);
    let host_lists = host_params.is_some_and(|params| params.contains_key("scopes"));
    let host_param = host_params
        .and_then(|params| params.get("request_token_params"))
        .and_then(Value::as_table)
        .is_some_and(|extra| extra.contains_key("scope"));
    if !(host_lists || host_param) {
        return;
    }
    if let Some(Value::Table(params)) = template.get_mut("params") {
        params.remove("scopes");
        if let Some(Value::Table(extra)) = params.get_mut("request_token_params") {
            extra.remove("scope");
        }
    }
}

/// Overlays `overlay` on `base`: tables merge key by key, anything else replaces.
fn deep_merge(base: &mut Table, overlay: Table) {
    for (key, value) in overlay {
        match (base.get_mut(&key), value) {
            (Some(Value::Table(base_table)), Value::Table(overlay_table)) => {
                deep_merge(base_table, overlay_table);
            }
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

fn list(names: &[&str]) -> String {
    if names.is_empty() {
        "none".to_owned()
    } else {
        names.join(", ")
    }
}

fn handler_names(
    prefix: &str,
    settings: &RemoteAppSettings,
    registry: &dyn RegisteredNames,
) -> Result<HandlerNames> {
    let check = |kind: HandlerKind, name: &Option<String>| -> Result<Option<String>> {
        let Some(name) = name else { return Ok(None) };
        let key = format!("{prefix}.{}", kind.config_key());
        match registry.handler_kind(name) {
            Some(found) if found == kind => Ok(Some(name.clone())),
            Some(found) => Err(ConfigError::new(
                key,
                format!("`{name}` is a {found} handler, not a {kind} handler"),
            )),
            None => {
                let known = registry.handlers_of_kind(kind);
                Err(ConfigError::new(
                    key,
                    format!(
                        "unknown {kind} handler `{name}` (registered: {})",
                        list(&known)
                    ),
                ))
            }
        }
    };
    let signup = &settings.signup_handler;
    Ok(HandlerNames {
        protocol: check(HandlerKind::Protocol, &settings.protocol_handler)?,
        authorized: check(HandlerKind::Authorized, &settings.authorized_handler)?,
        disconnect: check(HandlerKind::Disconnect, &settings.disconnect_handler)?,
        signup_info: check(HandlerKind::AccountInfo, &signup.info)?,
        signup_setup: check(HandlerKind::AccountSetup, &signup.setup)?,
        signup_view: check(HandlerKind::SignupView, &signup.view)?,
    })
}
