//! The locale of a request, from what the request and the host say, in this order:
//!
//! 1. `?lang=<tag>`: a tag matching an enabled locale wins and is remembered in the language
//!    cookie; `?lang=` empty or `auto` forgets the cookie; an unknown tag is ignored.
//! 2. The language cookie, if it still names an enabled locale.
//! 3. The host's hook (a signed-in user's saved preference), negotiated like a header entry.
//! 4. `Accept-Language`, q-sorted.
//! 5. The default locale.
//!
//! [`resolve`] is pure: the caller reads the query, the cookie and the header, asks the hook
//! only when [`explicit`] decided nothing ([`of_session`] does all that), and writes the cookie
//! change on the reply.

use unic_langid::LanguageIdentifier;

use super::negotiate::accept_language;
use super::{Locale, Localizer};

/// The language cookie's default name.
pub(crate) const COOKIE_NAME: &str = super::LANGUAGE_COOKIE;
/// The cookie lasts a year: a language choice is long-lived, and it holds only a tag.
pub(crate) const COOKIE_MAX_AGE_SECS: u64 = 365 * 24 * 60 * 60;

/// What the reply does with the language cookie.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum CookieChange {
    /// Nothing.
    Keep,
    /// Remember this tag.
    Set(String),
    /// Forget the choice (`?lang=` or `?lang=auto`).
    Clear,
}

/// What the request says about its locale, read by the caller.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Inputs<'a> {
    /// The `lang` query parameter, if present (possibly empty).
    pub(crate) query: Option<&'a str>,
    /// The language cookie's value, if sent.
    pub(crate) cookie: Option<&'a str>,
    /// The host hook's answer for the signed-in user, if it gave one.
    pub(crate) hook: Option<&'a str>,
    /// The `Accept-Language` header, if sent.
    pub(crate) accept_language: Option<&'a str>,
}

/// The chosen locale and the cookie change that goes with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Choice {
    pub(crate) locale: Locale,
    pub(crate) cookie: CookieChange,
}

/// Steps 1 and 2: the explicit choice, if there is one, and the cookie change (which holds even
/// when no locale was decided: `?lang=auto` clears the cookie and lets the next steps decide).
pub(crate) fn explicit(
    localizer: &Localizer,
    inputs: &Inputs<'_>,
) -> (Option<Locale>, CookieChange) {
    let mut cookie_value = inputs.cookie;
    let mut change = CookieChange::Keep;
    if let Some(query) = inputs.query.map(str::trim) {
        if query.is_empty() || query.eq_ignore_ascii_case("auto") {
            cookie_value = None;
            change = CookieChange::Clear;
        } else if let Some(locale) = matching(localizer, query) {
            return (
                Some(locale.clone()),
                CookieChange::Set(locale.tag().to_owned()),
            );
        }
    }
    let from_cookie = cookie_value.and_then(|tag| localizer.locale(tag.trim()).cloned());
    (from_cookie, change)
}

/// Steps 1 to 5.
pub(crate) fn resolve(localizer: &Localizer, inputs: &Inputs<'_>) -> Choice {
    let (decided, cookie) = explicit(localizer, inputs);
    let locale = decided
        .or_else(|| {
            inputs
                .hook
                .and_then(|tag| matching(localizer, tag))
                .cloned()
        })
        .or_else(|| {
            let requested = accept_language(inputs.accept_language.unwrap_or_default());
            localizer.best_match(&requested).cloned()
        })
        .unwrap_or_else(|| localizer.default_locale().clone());
    Choice { locale, cookie }
}

/// The enabled locale a single tag negotiates to (`de-AT` → `de`), if any.
fn matching<'l>(localizer: &'l Localizer, tag: &str) -> Option<&'l Locale> {
    let lang = tag.trim().parse::<LanguageIdentifier>().ok()?;
    localizer.best_match(&[lang])
}

/// The `Set-Cookie` value for a change, or `None` for [`CookieChange::Keep`]. Readable by no
/// script (`HttpOnly`), sent on top-level navigations from other sites (`Lax`, so a link with
/// `?lang=` keeps working), `Secure` on HTTPS sites. It holds only a tag, re-validated on
/// every request, so it needs neither signing nor encryption.
pub(crate) fn set_cookie(name: &str, change: &CookieChange, https: bool) -> Option<String> {
    let (value, max_age) = match change {
        CookieChange::Keep => return None,
        CookieChange::Set(tag) => (tag.as_str(), COOKIE_MAX_AGE_SECS),
        CookieChange::Clear => ("", 0),
    };
    let secure = if https { "; Secure" } else { "" };
    Some(format!(
        "{name}={value}; Path=/; Max-Age={max_age}; SameSite=Lax; HttpOnly{secure}"
    ))
}

/// The locale of `request` without the host hook (steps 1, 2, 4 and 5, for answers given
/// without a session) and the cookie change its `?lang=` asks for.
pub(crate) fn of_request(localizer: &Localizer, request: &crate::request::Request) -> Choice {
    let query = lang_query(&request.query);
    resolve(localizer, &request_inputs(request, query.as_deref()))
}

/// The locale of `request` (steps 1 to 5) and the cookie change its `?lang=` asks for.
/// `hook` (the host's saved preference, when someone is signed in) is awaited only when
/// `?lang=` and the cookie decided nothing.
pub(crate) async fn of_request_with_hook<F, Fut>(
    localizer: &Localizer,
    request: &crate::request::Request,
    hook: F,
) -> Choice
where
    F: FnOnce() -> Fut,
    Fut: Future<Output = Option<String>>,
{
    let query = lang_query(&request.query);
    let mut inputs = request_inputs(request, query.as_deref());
    let (decided, _) = explicit(localizer, &inputs);
    let preferred = match decided {
        Some(_) => None,
        None => hook().await,
    };
    inputs.hook = preferred.as_deref();
    resolve(localizer, &inputs)
}

/// What the request itself says: the `lang` query parameter (read by the caller), the cookie
/// and `Accept-Language`.
fn request_inputs<'r>(request: &'r crate::request::Request, query: Option<&'r str>) -> Inputs<'r> {
    Inputs {
        query,
        cookie: cookie_value(request, COOKIE_NAME),
        hook: None,
        accept_language: request.header("accept-language"),
    }
}

/// The `Set-Cookie` value the `?lang=` of `query` (a raw query string) asks for: a tag of an
/// enabled locale is remembered, `?lang=` empty or `auto` forgets; `None` otherwise.
pub(crate) fn cookie_for_query(localizer: &Localizer, query: &str, https: bool) -> Option<String> {
    let lang = lang_query(query)?;
    let inputs = Inputs {
        query: Some(&lang),
        ..Inputs::default()
    };
    let (_, change) = explicit(localizer, &inputs);
    set_cookie(COOKIE_NAME, &change, https)
}

/// The `lang` query parameter (possibly empty), if present; a malformed query has none.
fn lang_query(query: &str) -> Option<String> {
    // Most requests have no `lang`: skip the decoding.
    if !query.contains("lang") {
        return None;
    }
    serde_urlencoded::from_str::<Vec<(String, String)>>(query)
        .ok()?
        .into_iter()
        .find_map(|(name, value)| (name == "lang").then_some(value))
}

/// The value of the cookie `name` in the request's `Cookie` headers.
fn cookie_value<'r>(request: &'r crate::request::Request, name: &str) -> Option<&'r str> {
    request
        .headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|header| header.split(';'))
        .find_map(|pair| {
            let (key, value) = pair.trim().split_once('=')?;
            (key.trim() == name).then_some(value.trim())
        })
}

#[cfg(test)]
mod request_tests {
    use http::HeaderValue;

    use super::*;
    use crate::request::Request;

    fn request(query: &str, headers: &[(&'static str, &str)]) -> Request {
        let mut request = Request {
            query: query.to_owned(),
            ..Request::default()
        };
        for (name, value) in headers {
            request
                .headers
                .append(*name, HeaderValue::from_str(value).expect("header"));
        }
        request
    }

    #[test]
    fn the_query_wins_and_sets_the_cookie() {
        let localizer = Localizer::new().expect("catalogs");
        let choice = of_request(
            &localizer,
            &request(
                "next=%2F&lang=fr",
                &[
                    ("cookie", "a=1; oauthclient_lang=de"),
                    ("accept-language", "ja"),
                ],
            ),
        );
        assert_eq!(choice.locale.tag(), "fr");
        assert_eq!(choice.cookie, CookieChange::Set("fr".to_owned()));
    }

    #[test]
    fn the_cookie_comes_before_the_header() {
        let localizer = Localizer::new().expect("catalogs");
        let choice = of_request(
            &localizer,
            &request(
                "",
                &[
                    ("cookie", "a=1; oauthclient_lang=de"),
                    ("accept-language", "ja"),
                ],
            ),
        );
        assert_eq!(choice.locale.tag(), "de");
        assert_eq!(choice.cookie, CookieChange::Keep);
    }

    #[test]
    fn an_empty_lang_clears_the_cookie_and_the_header_decides() {
        let localizer = Localizer::new().expect("catalogs");
        let choice = of_request(
            &localizer,
            &request(
                "lang=",
                &[("cookie", "oauthclient_lang=de"), ("accept-language", "ja")],
            ),
        );
        assert_eq!(choice.locale.tag(), "ja");
        assert_eq!(choice.cookie, CookieChange::Clear);
    }

    #[test]
    fn nothing_said_is_the_default() {
        let localizer = Localizer::new().expect("catalogs");
        let choice = of_request(&localizer, &request("lang=xx", &[]));
        assert_eq!(choice.locale.tag(), "en");
        assert_eq!(choice.cookie, CookieChange::Keep);
    }
}
