//! The test browser and small HTML/URL helpers.

use std::collections::BTreeMap;

/// A browser: keeps cookies, never follows redirects by itself.
pub fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

/// The `Location` header of a response (empty when there is none).
pub fn location(response: &reqwest::Response) -> String {
    response
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

/// The query parameters of an absolute URL.
pub fn query(url: &str) -> BTreeMap<String, String> {
    url::Url::parse(url)
        .map(|url| url.query_pairs().into_owned().collect())
        .unwrap_or_default()
}

/// The name of a test site's session cookie on http (on https it is `__Host-` prefixed).
pub const SESSION_COOKIE: &str = "oauth_token_session";

/// The `Set-Cookie` of the session cookie in a response, whole (`name=value; attributes`):
/// [`SESSION_COOKIE`], `__Host-` prefixed or not.
pub fn session_set_cookie(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find(|value| {
            let name = value.split('=').next().unwrap_or_default();
            name.trim_start_matches("__Host-") == SESSION_COOKIE
        })
        .map(str::to_owned)
}
