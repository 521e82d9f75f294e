//! Endpoint URL validation: https everywhere, plain http only on loopback.

use url::Url;

use super::ConfigError;

/// Parses an endpoint URL: https, or http on a loopback host only (RFC 9700 §2.6 wants TLS
/// everywhere; loopback is for local development and tests). `key` names the setting (or the
/// metadata field) in the error. Public so that provider crates hold URLs they learn at run
/// time (OpenID Connect discovery) to the same rule as configured ones.
///
/// ```
/// use oauthclient_core::config::parse_endpoint;
/// assert!(parse_endpoint("token_endpoint", "https://idp.example/token").is_ok());
/// assert!(parse_endpoint("token_endpoint", "http://127.0.0.1:8080/token").is_ok());
/// let err = parse_endpoint("token_endpoint", "http://evil.example/token").unwrap_err();
/// assert_eq!(err.key, "token_endpoint");
/// ```
pub fn endpoint(key: &str, raw: &str) -> Result<Url, ConfigError> {
    let url = Url::parse(raw)
        .map_err(|err| ConfigError::new(key, format!("`{raw}` is not a valid URL ({err})")))?;
    let loopback = match url.host() {
        Some(url::Host::Domain(domain)) => domain.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    };
    match url.scheme() {
        "https" => {}
        "http" if loopback => {}
        "http" => {
            return Err(ConfigError::new(
                key,
                format!("`{raw}` must use https (plain http is only allowed on loopback hosts)"),
            ));
        }
        scheme => {
            return Err(ConfigError::new(
                key,
                format!(
                    "`{raw}` has scheme `{scheme}`; only https (or http on loopback) is allowed"
                ),
            ));
        }
    }
    if url.host().is_none() || url.fragment().is_some() || !url.username().is_empty() {
        return Err(ConfigError::new(
            key,
            format!("`{raw}` must have a host and no fragment or user name"),
        ));
    }
    Ok(url)
}
