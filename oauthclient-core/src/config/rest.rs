//! `[remote_apps.<name>.rest]`: where a REST app's flows end.

use super::{ConfigError, RestRedirects, RestSettings};

/// Validates the REST redirect URLs: each must be a relative path or on a trusted host, like
/// any other redirect target.
pub(super) fn rest_redirects(
    prefix: &str,
    rest: Option<&RestSettings>,
    trusted_hosts: &[String],
) -> Result<Option<RestRedirects>, ConfigError> {
    let Some(rest) = rest else { return Ok(None) };
    let check = |key: &str, url: &str| {
        crate::next_url::safe_next_url(url, trusted_hosts).map_err(|reason| {
            ConfigError::new(
                format!("{prefix}.rest.{key}"),
                format!("`{url}` is not a relative path or a URL on a trusted host ({reason})"),
            )
        })
    };
    let authorized = check("authorized_redirect_url", &rest.authorized_redirect_url)?;
    let or_authorized = |key: &str, url: Option<&String>| match url {
        Some(url) => check(key, url),
        None => Ok(authorized.clone()),
    };
    Ok(Some(RestRedirects {
        signup: or_authorized("signup_redirect_url", rest.signup_redirect_url.as_ref())?,
        error: or_authorized("error_redirect_url", rest.error_redirect_url.as_ref())?,
        authorized,
    }))
}
