//! A browser's cookies for one host, and reading a redirect: all a simulated browser needs.

use reqwest::Response;
use reqwest::header::{HeaderMap, LOCATION, SET_COOKIE};
use url::Url;

/// The cookies one site set, sent back on the next request.
#[derive(Debug, Default, Clone)]
pub struct Jar {
    cookies: Vec<(String, String)>,
}

impl Jar {
    /// Keeps every cookie the response sets; a `Max-Age=0` removes one.
    pub fn absorb(&mut self, response: &Response) {
        self.absorb_headers(response.headers());
    }

    fn absorb_headers(&mut self, headers: &HeaderMap) {
        for header in headers.get_all(SET_COOKIE) {
            let Ok(text) = header.to_str() else { continue };
            let Some((pair, attributes)) = text.split_once(';').or(Some((text, ""))) else {
                continue;
            };
            let Some((name, value)) = pair.split_once('=') else {
                continue;
            };
            let name = name.trim();
            self.cookies.retain(|(kept, _)| kept != name);
            if !attributes.to_ascii_lowercase().contains("max-age=0") {
                self.cookies
                    .push((name.to_owned(), value.trim().to_owned()));
            }
        }
    }

    /// The `Cookie` header, if there is anything to send.
    pub fn header(&self) -> Option<String> {
        (!self.cookies.is_empty()).then(|| {
            self.cookies
                .iter()
                .map(|(name, value)| format!("{name}={value}"))
                .collect::<Vec<_>>()
                .join("; ")
        })
    }

    /// Whether any cookie is held.
    pub fn is_empty(&self) -> bool {
        self.cookies.is_empty()
    }
}

/// The `Location` of a `302`, or why the response is not one.
pub fn redirect(response: &Response) -> Result<Url, String> {
    if response.status() != reqwest::StatusCode::FOUND {
        return Err(format!(
            "{} answered {}, not 302",
            response.url().path(),
            response.status()
        ));
    }
    let location = response
        .headers()
        .get(LOCATION)
        .and_then(|value| value.to_str().ok())
        .ok_or_else(|| format!("{}: a 302 without a Location", response.url().path()))?;
    response
        .url()
        .join(location)
        .map_err(|err| format!("Location `{location}`: {err}"))
}

/// A query parameter of `url`.
pub fn param(url: &Url, name: &str) -> Option<String> {
    url.query_pairs()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.into_owned())
}

#[cfg(test)]
mod tests {
    use reqwest::header::HeaderValue;

    use super::*;

    fn set_cookies(values: &[&'static str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for value in values {
            headers.append(SET_COOKIE, HeaderValue::from_static(value));
        }
        headers
    }

    #[test]
    fn keeps_replaces_and_removes_cookies() {
        let mut jar = Jar::default();
        assert!(jar.is_empty() && jar.header().is_none());
        jar.absorb_headers(&set_cookies(&[
            "id=one; Path=/; HttpOnly; SameSite=Lax",
            "theme=dark",
        ]));
        assert_eq!(jar.header().as_deref(), Some("id=one; theme=dark"));
        jar.absorb_headers(&set_cookies(&["id=two; Path=/", "theme=; Max-Age=0"]));
        assert_eq!(jar.header().as_deref(), Some("id=two"));
    }

    #[test]
    fn query_parameters() {
        let url = Url::parse("http://127.0.0.1/cb?code=c&state=a%2Bb").expect("url");
        assert_eq!(param(&url, "state").as_deref(), Some("a+b"));
        assert_eq!(param(&url, "missing"), None);
    }
}
