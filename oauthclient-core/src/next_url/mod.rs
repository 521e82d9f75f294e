//! Checking a `?next=` redirect target, so that sign-in cannot be turned into an open redirect
//! ([RFC 9700 §4.11](https://www.rfc-editor.org/rfc/rfc9700#section-4.11)).
//!
//! [`safe_next_url`] accepts exactly two shapes:
//!
//! * **A relative reference starting with one `/`**, such as `/deposit?x=1#frag`. It is
//!   returned exactly as given.
//! * **An absolute `http` or `https` URL whose host is trusted**, such as
//!   `https://example.org/records`. It is returned as serialised by [`url::Url`], which is
//!   ASCII-only (IDN hosts in punycode) and is the form whose host was checked.
//!
//! Everything else is refused with an [`UnsafeNextUrl`] that says why. Callers should
//! log the reason and drop the `next` value; the user is not told. The checks are:
//!
//! 1. The value must not be empty or longer than 2048 bytes.
//! 2. It must not contain control characters (browsers remove tab and newline, so
//!    `/\t/evil.com` becomes `//evil.com`). It must not start or end with whitespace.
//! 3. The value is percent-decoded up to three times. The raw value and each decoded form
//!    must not contain a control character (`%00`, `%09`, `%0a`, ...) or a backslash
//!    (`%5C`). A form that starts with `/` must not begin with `//` once its dot segments
//!    are removed (`//evil.com`, `/%2F%2Fevil.com`, `/%252F%252Fevil.com`,
//!    `/.//evil.com`). No form may have a scheme other than `http` or `https`
//!    (`javascript:`, `data:`, `vbscript:`, any case). If the value still changes when decoded
//!    a fourth time, it is refused.
//! 4. **Non-ASCII:** in a value that is not an absolute URL, the raw path (everything before
//!    the first `?` or `#`) must be pure ASCII. This refuses Unicode look-alikes such as the
//!    fullwidth solidus in `／／evil.com` and `/／evil.com`. In the decoded forms, slash and
//!    backslash look-alikes are refused in that part. Other decoded non-ASCII characters
//!    such as `/caf%C3%A9` are allowed. The query and fragment of a relative reference may
//!    contain non-ASCII and spaces and are returned unchanged. Absolute URLs may contain
//!    non-ASCII characters, for example in an IDN host, because they are returned
//!    re-serialised.
//! 5. A relative reference must start with `/` (`foo/bar` is refused).
//! 6. An absolute URL must be written `http://host...` or `https://host...` with exactly two
//!    slashes (`https:evil.com`, `http:/evil.com` and `https:///evil.com` are refused). It must
//!    parse, have no user information (`https://trusted.org@evil.com`), and its host must be
//!    trusted. Trusted hosts are compared case-insensitively after IDNA normalisation. A
//!    trusted entry without a port matches any port. An entry of the form `host:port`
//!    matches only that port, using the scheme's default port when the URL gives none.
//!
//! ```
//! use oauthclient_core::next_url::{UnsafeNextUrl, safe_next_url};
//!
//! let trusted = vec!["example.org".to_owned()];
//! assert_eq!(safe_next_url("/deposit?x=1#frag", &trusted).as_deref(), Ok("/deposit?x=1#frag"));
//! assert_eq!(
//!     safe_next_url("https://EXAMPLE.org/records", &trusted).as_deref(),
//!     Ok("https://example.org/records"),
//! );
//! assert_eq!(safe_next_url("//evil.com", &trusted), Err(UnsafeNextUrl::ProtocolRelative));
//! assert_eq!(safe_next_url("/%2F%2Fevil.com", &trusted), Err(UnsafeNextUrl::ProtocolRelative));
//! assert_eq!(safe_next_url("https://evil.com/", &trusted), Err(UnsafeNextUrl::UntrustedHost));
//! assert_eq!(safe_next_url("javascript:alert(1)", &trusted), Err(UnsafeNextUrl::BadScheme));
//! ```

use percent_encoding::percent_decode_str;
use url::{Host, Url};

/// Longest accepted next URL, in bytes.
const MAX_LEN: usize = 2048;

/// How many rounds of percent-decoding are inspected.
const MAX_DECODE_ROUNDS: usize = 3;

/// Characters that look like, or are normalised (NFKC/IDNA) to, `/` or `\`.
const SLASH_LOOKALIKES: &[char] = &[
    '\u{2044}', // FRACTION SLASH
    '\u{2215}', // DIVISION SLASH
    '\u{2216}', // SET MINUS
    '\u{29F5}', // REVERSE SOLIDUS OPERATOR
    '\u{29F8}', // BIG SOLIDUS
    '\u{29F9}', // BIG REVERSE SOLIDUS
    '\u{FE68}', // SMALL REVERSE SOLIDUS
    '\u{FF0F}', // FULLWIDTH SOLIDUS
    '\u{FF3C}', // FULLWIDTH REVERSE SOLIDUS
];

/// Why a next URL was refused (for logs; the user just loses the `next`).
///
/// ```
/// use oauthclient_core::next_url::{UnsafeNextUrl, safe_next_url};
///
/// let err = safe_next_url("https://trusted.org@evil.com/", &["trusted.org".to_owned()]);
/// assert_eq!(err, Err(UnsafeNextUrl::HasUserInfo));
/// assert_eq!(UnsafeNextUrl::HasUserInfo.to_string(), "next URL contains user information");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum UnsafeNextUrl {
    /// The value is empty.
    #[error("next URL is empty")]
    Empty,
    /// The value is longer than 2048 bytes.
    #[error("next URL is longer than 2048 bytes")]
    TooLong,
    /// The value starts or ends with whitespace.
    #[error("next URL starts or ends with whitespace")]
    SurroundingWhitespace,
    /// A control character (tab, newline, NUL, ...) appears, raw or percent-encoded.
    #[error("next URL contains a control character (raw or percent-encoded)")]
    ControlCharacter,
    /// A backslash appears, raw or percent-encoded.
    #[error("next URL contains a backslash (raw or percent-encoded)")]
    Backslash,
    /// A non-absolute value has a non-ASCII or slash look-alike character before its query.
    #[error("next URL contains a non-ASCII or slash look-alike character in its path")]
    NonAscii,
    /// The value is still percent-encoded after three rounds of decoding.
    #[error("next URL is percent-encoded too many times")]
    ExcessiveEncoding,
    /// The value (or a decoded or dot-normalised form) starts with `//`.
    #[error("next URL is protocol-relative")]
    ProtocolRelative,
    /// A relative value that does not start with `/`.
    #[error("next URL is relative but does not start with `/`")]
    RelativeWithoutSlash,
    /// The scheme is not `http` or `https`.
    #[error("next URL scheme is not http or https")]
    BadScheme,
    /// The absolute URL has a user name, password or `@` in its authority.
    #[error("next URL contains user information")]
    HasUserInfo,
    /// The absolute URL's host is not in the trusted hosts.
    #[error("next URL host is not trusted")]
    UntrustedHost,
    /// The absolute URL does not have the form `http(s)://host...` or does not parse.
    #[error("next URL is malformed")]
    Malformed,
}

/// The shape of the raw value, decided before any decoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// Starts with `/`.
    Relative,
    /// Starts with a syntactically valid scheme followed by `:`.
    Absolute,
    /// Anything else (`foo/bar`, `evil.com`, `%2F%2Fevil.com`, ...).
    NoSlash,
}

/// Returns a safe redirect target or the reason it is unsafe.
///
/// A relative reference (`/path?query#fragment`) is returned unchanged. A trusted absolute
/// `http`/`https` URL is returned as serialised by [`url::Url`]. The
/// [module documentation](self) lists the rules. `trusted_hosts` holds `host` or
/// `host:port` entries. Entries that are not valid hosts are ignored.
///
/// # Errors
///
/// Returns the first [`UnsafeNextUrl`] reason found when the value is not a safe target.
///
/// ```
/// use oauthclient_core::next_url::{UnsafeNextUrl, safe_next_url};
///
/// let trusted = vec!["trusted.org".to_owned(), "app.example:8443".to_owned()];
/// assert_eq!(safe_next_url("/search?q=a%20b", &trusted).as_deref(), Ok("/search?q=a%20b"));
/// assert_eq!(
///     safe_next_url("https://app.example:8443/x", &trusted).as_deref(),
///     Ok("https://app.example:8443/x"),
/// );
/// assert_eq!(safe_next_url("https://app.example/x", &trusted), Err(UnsafeNextUrl::UntrustedHost));
/// assert_eq!(safe_next_url("/\\evil.com", &trusted), Err(UnsafeNextUrl::Backslash));
/// assert_eq!(safe_next_url("/\t/evil.com", &trusted), Err(UnsafeNextUrl::ControlCharacter));
/// assert_eq!(safe_next_url("foo/bar", &trusted), Err(UnsafeNextUrl::RelativeWithoutSlash));
/// ```
pub fn safe_next_url(raw: &str, trusted_hosts: &[String]) -> Result<String, UnsafeNextUrl> {
    if raw.is_empty() {
        return Err(UnsafeNextUrl::Empty);
    }
    if raw.len() > MAX_LEN {
        return Err(UnsafeNextUrl::TooLong);
    }
    if raw.chars().any(char::is_control) {
        return Err(UnsafeNextUrl::ControlCharacter);
    }
    if raw.starts_with(char::is_whitespace) || raw.ends_with(char::is_whitespace) {
        return Err(UnsafeNextUrl::SurroundingWhitespace);
    }

    let shape = if raw.starts_with('/') {
        Shape::Relative
    } else if scheme_of(raw).is_some() {
        Shape::Absolute
    } else {
        Shape::NoSlash
    };

    check_all_forms(raw, shape)?;

    match shape {
        Shape::Relative => Ok(raw.to_owned()),
        Shape::NoSlash => Err(UnsafeNextUrl::RelativeWithoutSlash),
        Shape::Absolute => check_absolute(raw, trusted_hosts),
    }
}

/// Checks the raw value and its percent-decoded forms (bounded number of rounds).
fn check_all_forms(raw: &str, shape: Shape) -> Result<(), UnsafeNextUrl> {
    check_form(raw, shape, true)?;
    let mut current = raw.to_owned();
    for round in 0..=MAX_DECODE_ROUNDS {
        let decoded = percent_decode_str(&current)
            .decode_utf8_lossy()
            .into_owned();
        if decoded == current {
            return Ok(());
        }
        if round == MAX_DECODE_ROUNDS {
            return Err(UnsafeNextUrl::ExcessiveEncoding);
        }
        check_form(&decoded, shape, false)?;
        current = decoded;
    }
    // The loop always returns; this is only reached if the bound were zero.
    Err(UnsafeNextUrl::ExcessiveEncoding)
}

/// Checks one form (raw or decoded) of the value.
fn check_form(form: &str, shape: Shape, is_raw: bool) -> Result<(), UnsafeNextUrl> {
    if form.chars().any(char::is_control) {
        return Err(UnsafeNextUrl::ControlCharacter);
    }
    if form.contains('\\') {
        return Err(UnsafeNextUrl::Backslash);
    }
    let path = path_part(form);
    if shape != Shape::Absolute {
        let bad = if is_raw {
            !path.is_ascii()
        } else {
            path.contains(SLASH_LOOKALIKES)
        };
        if bad {
            return Err(UnsafeNextUrl::NonAscii);
        }
    }
    if escapes_to_authority(path) {
        return Err(UnsafeNextUrl::ProtocolRelative);
    }
    if let Some(scheme) = scheme_of(form)
        && !is_web_scheme(scheme)
    {
        return Err(UnsafeNextUrl::BadScheme);
    }
    Ok(())
}

/// Validates an absolute URL and returns its serialisation.
fn check_absolute(raw: &str, trusted_hosts: &[String]) -> Result<String, UnsafeNextUrl> {
    let scheme = scheme_of(raw).ok_or(UnsafeNextUrl::Malformed)?;
    if !is_web_scheme(scheme) {
        return Err(UnsafeNextUrl::BadScheme);
    }
    // Exactly `scheme://` followed by a non-empty authority.
    let after_scheme = raw
        .get(scheme.len() + 1..)
        .ok_or(UnsafeNextUrl::Malformed)?;
    let after_slashes = after_scheme
        .strip_prefix("//")
        .ok_or(UnsafeNextUrl::Malformed)?;
    if after_slashes.is_empty() || after_slashes.starts_with('/') {
        return Err(UnsafeNextUrl::Malformed);
    }
    let authority = after_slashes
        .find(['/', '?', '#'])
        .map_or(after_slashes, |end| &after_slashes[..end]);
    if authority.contains('@') {
        return Err(UnsafeNextUrl::HasUserInfo);
    }

    let url = Url::parse(raw).map_err(|_| UnsafeNextUrl::Malformed)?;
    if !is_web_scheme(url.scheme()) {
        return Err(UnsafeNextUrl::BadScheme);
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(UnsafeNextUrl::HasUserInfo);
    }
    let host = url.host_str().ok_or(UnsafeNextUrl::Malformed)?;
    let port = url.port_or_known_default();
    let trusted = trusted_hosts
        .iter()
        .filter_map(|entry| parse_trusted(entry))
        .any(|(trusted_host, trusted_port)| {
            trusted_host.eq_ignore_ascii_case(host) && trusted_port.is_none_or(|p| Some(p) == port)
        });
    if !trusted {
        return Err(UnsafeNextUrl::UntrustedHost);
    }
    Ok(url.into())
}

/// Parses a trusted-host entry (`host` or `host:port`, IPv6 in brackets) into its normalised
/// (lowercase, punycode) host and optional port. Invalid entries give `None`.
fn parse_trusted(entry: &str) -> Option<(String, Option<u16>)> {
    let entry = entry.trim();
    let (host, port) = if entry.starts_with('[') {
        let end = entry.find(']')?;
        let (host, rest) = entry.split_at(end + 1);
        if rest.is_empty() {
            (host, None)
        } else {
            (host, Some(rest.strip_prefix(':')?.parse::<u16>().ok()?))
        }
    } else {
        match entry.split_once(':') {
            Some((host, port)) => (host, Some(port.parse::<u16>().ok()?)),
            None => (entry, None),
        }
    };
    Host::parse(host).ok().map(|host| (host.to_string(), port))
}

/// `http` or `https`, case-insensitively.
fn is_web_scheme(scheme: &str) -> bool {
    scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")
}

/// The scheme of `s` if it starts with `ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"`.
fn scheme_of(s: &str) -> Option<&str> {
    let (scheme, _) = s.split_once(':')?;
    let mut chars = scheme.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then_some(scheme)
}

/// Everything before the first `?` or `#`.
fn path_part(s: &str) -> &str {
    s.find(['?', '#']).map_or(s, |end| &s[..end])
}

/// Whether a path starting with `/` begins with `//` once dot segments are removed
/// (RFC 3986 §5.2.4), i.e. whether it would be read as `//authority`.
fn escapes_to_authority(path: &str) -> bool {
    if path.starts_with("//") {
        return true;
    }
    let Some(rest) = path.strip_prefix('/') else {
        return false;
    };
    let mut segments = rest.split('/').peekable();
    let mut output: Vec<&str> = Vec::new();
    while let Some(segment) = segments.next() {
        let is_last = segments.peek().is_none();
        match segment {
            "." => {}
            ".." => {
                output.pop();
            }
            other => {
                output.push(other);
                continue;
            }
        }
        if is_last {
            output.push("");
        }
    }
    output.len() >= 2 && output.first() == Some(&"")
}

#[cfg(test)]
mod tests;
