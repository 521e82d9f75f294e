//! The session cookie every adapter sets: its name and the key material it is sealed with.

use oauthclient_core::OAuthClientConfig;

/// `{prefix}_session`; on https `__Host-{prefix}_session`: browsers then only accept the
/// cookie when it is `Secure`, has `Path=/` and no `Domain`, so a sibling subdomain (or a
/// plain-http response) cannot plant or overwrite it (session fixation by cookie tossing).
pub fn session_cookie_name(config: &OAuthClientConfig) -> String {
    let name = format!("{}_session", config.session_key_prefix);
    if is_https(config) {
        format!("__Host-{name}")
    } else {
        name
    }
}

/// Whether the site is served over https: the cookie is then `Secure` (and `__Host-`).
pub fn is_https(config: &OAuthClientConfig) -> bool {
    config.site_url.scheme() == "https"
}

/// The material the cookie key is derived from (by the cookie crate's `Key::derive_from`,
/// HKDF): the current secret under a fixed label, at least 32 bytes.
pub fn session_key_material(config: &OAuthClientConfig) -> Vec<u8> {
    let secret = config
        .secret_keys
        .first()
        .map(|entry| entry.secret.expose_secret().to_owned())
        .unwrap_or_default();
    // Config loading guarantees >= 32 bytes; pad defensively so derive_from cannot panic on a
    // hand-built configuration.
    let mut material = format!("oauthclient-rs session v1:{secret}").into_bytes();
    material.resize(material.len().max(32), 0);
    material
}
