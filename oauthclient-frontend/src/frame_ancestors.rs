//! Who may frame the library's pages. Every page has buttons that change accounts (Connect,
//! Disconnect, Sign up, Sign out), so a page in a hostile frame can be clickjacked; by default
//! no one may frame them (`Content-Security-Policy: frame-ancestors 'none'` for current
//! browsers, `X-Frame-Options: DENY` for old ones).

use http::header::{CONTENT_SECURITY_POLICY, HeaderMap, HeaderValue, X_FRAME_OPTIONS};

/// Which sites may show the library's pages in a frame ([`crate::RuntimeBuilder::frame_ancestors`]).
///
/// ```
/// use oauthclient_frontend::FrameAncestors;
/// let portal = FrameAncestors::origins(["https://portal.example.org"]).expect("an origin");
/// # let _ = portal;
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum FrameAncestors {
    /// No one (the default).
    #[default]
    None,
    /// Pages of this site only.
    SameOrigin,
    /// Exactly these origins (`scheme://host[:port]`). Old browsers, which only know
    /// `X-Frame-Options`, cannot express a list: they get no frame header for these pages.
    Origins(Vec<String>),
}

/// An origin that cannot go into `frame-ancestors`.
#[derive(Debug, thiserror::Error)]
#[error("frame ancestor {given:?} is not an origin (scheme://host[:port], nothing else)")]
pub struct InvalidFrameAncestor {
    given: String,
}

impl FrameAncestors {
    /// Allows exactly these origins; each must be `http(s)://host[:port]`, with nothing after.
    pub fn origins<I, S>(origins: I) -> Result<Self, InvalidFrameAncestor>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let checked = origins
            .into_iter()
            .map(|given| {
                let given = given.as_ref();
                // Anything besides the origin (a path, a query, userinfo, a second source
                // smuggled in after a space) would change the policy's meaning.
                oauthclient_core::config::web_origin(given).ok_or_else(|| InvalidFrameAncestor {
                    given: given.to_owned(),
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self::Origins(checked))
    }

    /// Adds the headers to a page's response.
    pub(crate) fn apply(&self, headers: &mut HeaderMap) {
        let (policy, legacy) = match self {
            Self::None => ("frame-ancestors 'none'".to_owned(), Some("DENY")),
            Self::SameOrigin => ("frame-ancestors 'self'".to_owned(), Some("SAMEORIGIN")),
            Self::Origins(origins) if origins.is_empty() => {
                ("frame-ancestors 'none'".to_owned(), Some("DENY"))
            }
            Self::Origins(origins) => (format!("frame-ancestors {}", origins.join(" ")), None),
        };
        if let Ok(value) = HeaderValue::from_str(&policy) {
            headers.insert(CONTENT_SECURITY_POLICY, value);
        }
        if let Some(legacy) = legacy {
            headers.insert(X_FRAME_OPTIONS, HeaderValue::from_static(legacy));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(policy: &FrameAncestors) -> HeaderMap {
        let mut headers = HeaderMap::new();
        policy.apply(&mut headers);
        headers
    }

    #[test]
    fn by_default_no_one_may_frame() {
        let headers = headers(&FrameAncestors::default());
        assert_eq!(
            headers
                .get(CONTENT_SECURITY_POLICY)
                .map(HeaderValue::as_bytes),
            Some(&b"frame-ancestors 'none'"[..])
        );
        assert_eq!(
            headers.get(X_FRAME_OPTIONS).map(HeaderValue::as_bytes),
            Some(&b"DENY"[..])
        );
    }

    #[test]
    fn same_origin_and_listed_origins() {
        let same = headers(&FrameAncestors::SameOrigin);
        assert_eq!(
            same.get(X_FRAME_OPTIONS).map(HeaderValue::as_bytes),
            Some(&b"SAMEORIGIN"[..])
        );
        let listed = FrameAncestors::origins(["https://a.example", "http://127.0.0.1:8080/"])
            .expect("origins");
        let listed = headers(&listed);
        assert_eq!(
            listed
                .get(CONTENT_SECURITY_POLICY)
                .map(HeaderValue::as_bytes),
            Some(&b"frame-ancestors https://a.example http://127.0.0.1:8080"[..])
        );
        assert!(listed.get(X_FRAME_OPTIONS).is_none());
    }

    #[test]
    fn anything_but_an_origin_is_refused() {
        for bad in [
            "https://a.example/path",
            "https://a.example https://evil.example",
            "https://user@a.example",
            "javascript:alert(1)",
            "*",
            "'self'",
            "a.example",
        ] {
            assert!(FrameAncestors::origins([bad]).is_err(), "{bad}");
        }
    }
}
