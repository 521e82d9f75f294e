//! Requests to GitHub's REST API, with the headers GitHub asks clients to send.

use oauthclient_core::handlers::{ApiMethod, ApiRequest};

/// The REST API version this crate is written against (`X-GitHub-Api-Version`).
///
/// ```
/// assert_eq!(oauthclient_github::API_VERSION, "2022-11-28");
/// ```
pub const API_VERSION: &str = "2022-11-28";

/// GitHub's JSON media type (`Accept`).
///
/// ```
/// assert_eq!(oauthclient_github::MEDIA_TYPE, "application/vnd.github+json");
/// ```
pub const MEDIA_TYPE: &str = "application/vnd.github+json";

/// A request to GitHub's REST API with `Accept: application/vnd.github+json` and
/// `X-GitHub-Api-Version: 2022-11-28`. `url` is relative to the app's `base_url`
/// (`https://api.github.com/`). Add the authentication yourself, e.g. the user's stored token
/// to call the API on their behalf:
///
/// ```
/// use oauthclient_core::handlers::{ApiAuth, ApiMethod};
/// use oauthclient_core::{Token, secret::AccessToken};
///
/// let token = Token::bearer(AccessToken::new("gho_example"));
/// let request = oauthclient_github::api_request(ApiMethod::Get, "user/repos").with_token(token);
/// assert_eq!(request.url, "user/repos");
/// assert!(request.headers.contains(&("X-GitHub-Api-Version".into(), "2022-11-28".into())));
/// assert!(matches!(request.auth, ApiAuth::UserToken(_)));
/// ```
pub fn api_request(method: ApiMethod, url: impl Into<String>) -> ApiRequest {
    ApiRequest::new(method, url)
        .header("Accept", MEDIA_TYPE)
        .header("X-GitHub-Api-Version", API_VERSION)
}

/// `value` as one URL path segment: unreserved characters (RFC 3986) as they are, every other
/// byte percent-encoded, so a client id can never add path segments or a query.
pub(crate) fn path_segment(value: &str) -> String {
    let mut encoded = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            encoded.push(char::from(byte));
        } else {
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            encoded.push('%');
            encoded.push(char::from(HEX[usize::from(byte >> 4)]));
            encoded.push(char::from(HEX[usize::from(byte & 0x0F)]));
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_segments_cannot_escape() {
        assert_eq!(path_segment("Iv1.a1b2-c3_d4~"), "Iv1.a1b2-c3_d4~");
        assert_eq!(path_segment("../x?y=1#z"), "..%2Fx%3Fy%3D1%23z");
        assert_eq!(path_segment("é"), "%C3%A9");
    }

    #[test]
    fn requests_carry_the_github_headers() {
        let request = api_request(ApiMethod::Delete, "applications/x/grant");
        assert_eq!(request.method, ApiMethod::Delete);
        assert_eq!(
            request.headers,
            [
                ("Accept".to_owned(), MEDIA_TYPE.to_owned()),
                ("X-GitHub-Api-Version".to_owned(), API_VERSION.to_owned()),
            ]
        );
    }
}
