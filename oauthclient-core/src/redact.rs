//! Connection URLs fit for error messages and logs: database and Redis URLs carry passwords
//! (`postgres://user:password@host/db`, `redis://:password@host/`), and an error that names
//! the server it could not reach must not hand the password to whoever reads the log.
//!
//! ```
//! use oauthclient_core::redact::redact_url_userinfo;
//! assert_eq!(redact_url_userinfo("redis://:s3cret@cache:6379/0"), "redis://cache:6379/0");
//! ```

/// What a removed value is replaced with.
const REDACTED: &str = "[redacted]";

/// `url` without its userinfo (`user:password@`), and with the value of every `password=`
/// parameter (a URL query, or a libpq `key=value` connection string) replaced by
/// `[redacted]`. Over-redacts rather than leaks: everything up to the last `@` after the
/// scheme goes, even an `@` in a path or query.
///
/// ```
/// use oauthclient_core::redact::redact_url_userinfo;
///
/// assert_eq!(redact_url_userinfo("postgres://u:s3cret@db:5432/app"), "postgres://db:5432/app");
/// assert_eq!(redact_url_userinfo("postgres://db/app?password=s3cret&sslmode=require"),
///            "postgres://db/app?password=[redacted]&sslmode=require");
/// assert_eq!(redact_url_userinfo("host=db password='s3 cret' dbname=app"),
///            "host=db password=[redacted] dbname=app");
/// assert_eq!(redact_url_userinfo("sqlite://oauth.sqlite"), "sqlite://oauth.sqlite");
/// ```
pub fn redact_url_userinfo(url: &str) -> String {
    let without_userinfo = match url.split_once("://") {
        Some((scheme, rest)) => {
            let after = rest.rfind('@').map_or(rest, |at| &rest[at + 1..]);
            format!("{scheme}://{after}")
        }
        None => url.to_owned(),
    };
    redact_password_values(&without_userinfo)
}

/// `text` (an error message about `url`) with `url` shown as [`redact_url_userinfo`] shows
/// it, and the URL's password removed wherever else it appears: for messages of libraries
/// that may echo the URL they were given.
///
/// ```
/// use oauthclient_core::redact::redact_url_in;
/// let url = "redis://:s3cret@cache:6379/";
/// assert_eq!(redact_url_in(&format!("cannot parse {url}"), url), "cannot parse redis://cache:6379/");
/// assert_eq!(redact_url_in("bad password s3cret", url), "bad password [redacted]");
/// ```
pub fn redact_url_in(text: &str, url: &str) -> String {
    let mut text = text.replace(url, &redact_url_userinfo(url));
    if let Some(password) = userinfo_password(url) {
        text = text.replace(password, REDACTED);
    }
    text
}

/// The password of `scheme://user:password@host`, if any (as written, not decoded).
fn userinfo_password(url: &str) -> Option<&str> {
    let (_, rest) = url.split_once("://")?;
    let (userinfo, _) = rest.rsplit_once('@')?;
    let (_, password) = userinfo.split_once(':')?;
    (!password.is_empty()).then_some(password)
}

/// Replaces the value of every `…password=value` in `text` (case-insensitive; `sslpassword`
/// too). A value ends at whitespace, `&` or `;`, or is a libpq `'quoted value'`.
fn redact_password_values(text: &str) -> String {
    let lower = text.to_ascii_lowercase();
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let (mut copied, mut search) = (0, 0);
    while let Some(found) = lower[search..].find("password") {
        let mut at = search + found + "password".len();
        at = skip_spaces(bytes, at);
        if bytes.get(at) != Some(&b'=') {
            search = at;
            continue;
        }
        let start = skip_spaces(bytes, at + 1);
        let end = value_end(bytes, start);
        out.push_str(&text[copied..start]);
        out.push_str(REDACTED);
        copied = end;
        search = end;
    }
    out.push_str(&text[copied..]);
    out
}

fn skip_spaces(bytes: &[u8], mut at: usize) -> usize {
    while bytes.get(at) == Some(&b' ') {
        at += 1;
    }
    at
}

/// Where the value starting at `start` ends (exclusive).
fn value_end(bytes: &[u8], start: usize) -> usize {
    if bytes.get(start) == Some(&b'\'') {
        // libpq: a single-quoted value, `\'` and `\\` escaped inside.
        let mut at = start + 1;
        while let Some(&byte) = bytes.get(at) {
            match byte {
                b'\\' => at += 2,
                b'\'' => return at + 1,
                _ => at += 1,
            }
        }
        return bytes.len();
    }
    bytes[start..]
        .iter()
        .position(|byte| byte.is_ascii_whitespace() || matches!(byte, b'&' | b';'))
        .map_or(bytes.len(), |offset| start + offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_form_of_a_connection_url_keeps_its_password() {
        let cases = [
            "postgres://u:s3cret@127.0.0.1:1/x",
            "postgresql://user:s3cret@db.internal/app?sslmode=require",
            "redis://:s3cret@127.0.0.1:1/",
            "rediss://default:s3cret@cache:6380/0",
            "postgres://u:s3c@ret@host/db",
            "postgres://host/db?password=s3cret",
            "postgres://host/db?user=u&Password=s3cret&sslmode=require",
            "host=db user=u password=s3cret dbname=app",
            "host=db password = 's3cret with spaces' dbname=app",
            "host=db password='it\\'s s3cret' dbname=app",
        ];
        for url in cases {
            let shown = redact_url_userinfo(url);
            assert!(!shown.contains("s3cret"), "{url} → {shown}");
            assert!(!shown.contains("s3c"), "{url} → {shown}");
        }
    }

    #[test]
    fn what_is_not_secret_stays() {
        assert_eq!(
            redact_url_userinfo("postgres://u:s3cret@127.0.0.1:1/x"),
            "postgres://127.0.0.1:1/x"
        );
        assert_eq!(
            redact_url_userinfo("host=db password='a b' dbname=app"),
            "host=db password=[redacted] dbname=app"
        );
        assert_eq!(
            redact_url_userinfo("/var/lib/oauth.sqlite"),
            "/var/lib/oauth.sqlite"
        );
        assert_eq!(
            redact_url_userinfo("redis://127.0.0.1/"),
            "redis://127.0.0.1/"
        );
    }

    #[test]
    fn messages_lose_the_password_even_when_echoed_in_pieces() {
        let url = "postgres://u:s3cret@127.0.0.1:1/x";
        let text = format!("connecting to {url} failed: password s3cret rejected");
        let shown = redact_url_in(&text, url);
        assert!(!shown.contains("s3cret"), "{shown}");
        assert!(shown.contains("postgres://127.0.0.1:1/x"), "{shown}");
    }
}
