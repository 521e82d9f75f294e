//! Web origins (`scheme://host[:port]`) as the configuration and the front end accept them:
//! `cors_origins` and the frame-ancestor list share this one check.

use url::Url;

/// `given` as a bare web origin (`http(s)://host[:port]`, a trailing `/` tolerated), in its
/// serialized form (`https://a.example`, default port dropped); `None` when anything else is
/// there — a path, a query, userinfo, a second origin after a space, another scheme, `*`.
///
/// ```
/// use oauthclient_core::config::web_origin;
/// assert_eq!(web_origin("https://app.example.org/").as_deref(), Some("https://app.example.org"));
/// assert_eq!(web_origin("https://app.example.org/path"), None);
/// assert_eq!(web_origin("*"), None);
/// ```
pub fn web_origin(given: &str) -> Option<String> {
    let url = Url::parse(given).ok()?;
    let origin = url.origin().ascii_serialization();
    // Anything besides the origin would change the meaning of where it is used.
    let bare = given.trim_end_matches('/');
    (matches!(url.scheme(), "http" | "https") && origin == bare).then_some(origin)
}
