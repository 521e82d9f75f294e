//! `[remote_apps.<name>.params]` → [`Protocol`]: OAuth 1.0a or OAuth 2.0, every endpoint held
//! to the https-or-loopback rule, and the parameters the flow owns kept out of configuration.

use url::Url;

use super::endpoint::endpoint;
use super::{
    ClientAuth, ConfigError, IssuerTemplate, OAuth1Params, OAuth2Params, Protocol, RemoteAppParams,
    TokenMethod,
};

/// Authorization request parameters that the flow itself sets; configuration may not override
/// them (that would disable PKCE or state).
const RESERVED_AUTHORIZE_PARAMS: &[&str] = &[
    "response_type",
    "client_id",
    "redirect_uri",
    "state",
    "code_challenge",
    "code_challenge_method",
    "response_mode",
];

type Result<T> = std::result::Result<T, ConfigError>;

fn optional_endpoint(key: &str, raw: Option<&String>) -> Result<Option<Url>> {
    raw.map(|raw| endpoint(key, raw)).transpose()
}

fn required_endpoint(key: &str, raw: Option<&String>) -> Result<Url> {
    let raw = raw.ok_or_else(|| ConfigError::new(key, "missing"))?;
    endpoint(key, raw)
}

fn token_method(key: &str, raw: Option<&String>) -> Result<TokenMethod> {
    match raw.map(|method| method.to_ascii_uppercase()).as_deref() {
        None | Some("POST") => Ok(TokenMethod::Post),
        Some("GET") => Ok(TokenMethod::Get),
        Some(other) => Err(ConfigError::new(
            key,
            format!("`{other}` is not POST or GET"),
        )),
    }
}

pub(super) fn protocol(prefix: &str, params: &RemoteAppParams) -> Result<Protocol> {
    let key = |name: &str| format!("{prefix}.{name}");
    let access_token_method = token_method(
        &key("access_token_method"),
        params.access_token_method.as_ref(),
    )?;
    let base_url = optional_endpoint(&key("base_url"), params.base_url.as_ref())?;
    let (issuer, issuer_template) = issuer(prefix, params)?;
    // With an issuer, discovery supplies the endpoints; the issuer stands in until then.
    let endpoint_or_issuer = |name: &str, raw: Option<&String>| match (&issuer, raw) {
        (Some(issuer), None) => Ok(issuer.clone()),
        _ => required_endpoint(&key(name), raw),
    };
    let authorize_url = endpoint_or_issuer("authorize_url", params.authorize_url.as_ref())?;
    let access_token_url =
        endpoint_or_issuer("access_token_url", params.access_token_url.as_ref())?;

    if let Some(request_token_url) = &params.request_token_url {
        for (field, set) in [
            ("pkce", params.pkce == Some(true)),
            ("scopes", params.scopes.is_some()),
            ("revoke_url", params.revoke_url.is_some()),
            ("client_auth", params.client_auth.is_some()),
            ("issuer", params.issuer.is_some()),
            ("client_assertion", params.client_assertion.is_some()),
            ("user_agent", params.user_agent.is_some()),
            ("response_mode", params.response_mode.is_some()),
            ("callback_params", params.callback_params.is_some()),
        ] {
            if set {
                return Err(ConfigError::new(
                    key(field),
                    "applies to OAuth2 only, but request_token_url makes this an OAuth1 app",
                ));
            }
        }
        return Ok(Protocol::OAuth1(OAuth1Params {
            request_token_url: endpoint(&key("request_token_url"), request_token_url)?,
            authorize_url,
            access_token_url,
            access_token_method,
            base_url,
            request_token_params: params.request_token_params.clone(),
        }));
    }

    if access_token_method == TokenMethod::Get {
        return Err(ConfigError::new(
            key("access_token_method"),
            "OAuth2 token requests are sent with POST (RFC 6749 §3.2); \"GET\" is for OAuth1 apps only",
        ));
    }
    let client_auth = client_auth(&key("client_auth"), params.client_auth.as_deref())?;
    let client_assertion = super::client_assertion::client_assertion(
        &key("client_assertion"),
        client_auth,
        issuer.is_some(),
        params.client_assertion.as_ref(),
    )?
    .map(Box::new);
    let user_agent = user_agent(&key("user_agent"), params.user_agent.as_ref())?;
    let (scopes, authorize_params) = scopes_and_authorize_params(&key, params)?;
    Ok(Protocol::OAuth2(OAuth2Params {
        issuer,
        authorize_url,
        access_token_url,
        access_token_method,
        base_url,
        scopes,
        authorize_params,
        pkce: params.pkce.unwrap_or(true),
        revoke_url: optional_endpoint(&key("revoke_url"), params.revoke_url.as_ref())?,
        response_mode: super::response_mode::response_mode(
            &key("response_mode"),
            params.response_mode.as_deref(),
        )?,
        callback_params: super::response_mode::callback_params(
            &key("callback_params"),
            params.callback_params.as_deref(),
        )?,
        client_auth,
        client_assertion,
        issuer_template,
        user_agent,
    }))
}

/// The requested scopes (`scopes`, or `request_token_params.scope`, never both) and the other
/// authorization parameters, none of them one the flow sets itself.
fn scopes_and_authorize_params(
    key: &dyn Fn(&str) -> String,
    params: &RemoteAppParams,
) -> Result<(Vec<String>, std::collections::BTreeMap<String, String>)> {
    let mut authorize_params = params.request_token_params.clone();
    let scope_param = authorize_params.remove("scope");
    let scopes = match (&params.scopes, scope_param) {
        (Some(_), Some(_)) => {
            return Err(ConfigError::new(
                key("scopes"),
                "set either scopes or request_token_params.scope, not both",
            ));
        }
        (Some(list), None) => list.clone(),
        (None, Some(scope)) => scope.split_whitespace().map(str::to_owned).collect(),
        (None, None) => Vec::new(),
    };
    if let Some(reserved) = authorize_params
        .keys()
        .find(|param| RESERVED_AUTHORIZE_PARAMS.contains(&param.as_str()))
    {
        return Err(ConfigError::new(
            key(&format!("request_token_params.{reserved}")),
            "is set by the flow itself and cannot be configured",
        ));
    }
    Ok((scopes, authorize_params))
}

/// The issuer URL and, with `{tenantid}`, its template.
fn issuer(
    prefix: &str,
    params: &RemoteAppParams,
) -> Result<(Option<Url>, Option<Box<IssuerTemplate>>)> {
    let Some(raw) = &params.issuer else {
        return Ok((None, None));
    };
    let (url, template) = super::issuer_template::issuer(
        prefix,
        raw,
        params.tenant.as_ref(),
        params.allowed_tenants.as_ref(),
    )?;
    Ok((Some(url), template.map(Box::new)))
}

fn client_auth(key: &str, raw: Option<&str>) -> Result<ClientAuth> {
    Ok(match raw {
        None | Some("post") => ClientAuth::RequestBody,
        Some("basic") => ClientAuth::Basic,
        Some("none") => ClientAuth::None,
        Some("client_secret_jwt") => ClientAuth::ClientSecretJwt,
        Some("private_key_jwt") => ClientAuth::PrivateKeyJwt,
        Some("signed_secret") => ClientAuth::SignedSecret,
        Some(other) => {
            return Err(ConfigError::new(
                key,
                format!(
                    "`{other}` is not \"post\", \"basic\", \"none\", \"client_secret_jwt\", \
                     \"private_key_jwt\" or \"signed_secret\""
                ),
            ));
        }
    })
}

/// A `User-Agent` must be a valid header value: visible ASCII and spaces, nothing that could
/// end the header line.
fn user_agent(key: &str, raw: Option<&String>) -> Result<Option<String>> {
    let Some(raw) = raw else { return Ok(None) };
    if raw.trim().is_empty() || !raw.chars().all(|c| c == ' ' || c.is_ascii_graphic()) {
        return Err(ConfigError::new(
            key,
            "must be non-empty printable ASCII (e.g. \"web:org.example.app:1.0 (by /u/name)\")",
        ));
    }
    Ok(Some(raw.clone()))
}
