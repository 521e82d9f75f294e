use super::*;
type E = UnsafeNextUrl;
type Case<'a> = (&'a str, &'a [&'a str], Result<&'a str, UnsafeNextUrl>);

fn hosts(list: &[&str]) -> Vec<String> {
    list.iter().map(|&h| h.to_owned()).collect()
}

const T: &[&str] = &["trusted.org", "ports.example:8443", "xn--bcher-kva.example"];

/// Runs a table of cases and reports every mismatch at once.
fn run(cases: &[Case<'_>]) {
    let mut failures = Vec::new();
    for (input, trusted, expected) in cases {
        let got = safe_next_url(input, &hosts(trusted));
        let expected = expected.clone().map(str::to_owned);
        if got != expected {
            failures.push(format!("{input:?}: expected {expected:?}, got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn accepted() {
    let max = format!("/{}", "a".repeat(MAX_LEN - 1));
    let cases: &[Case<'_>] = &[
        // ---- accepted ----
        ("/deposit?x=1#frag", T, Ok("/deposit?x=1#frag")),
        ("/", T, Ok("/")),
        ("/search?q=a%20b", T, Ok("/search?q=a%20b")),
        ("/search?q=a b", T, Ok("/search?q=a b")),
        ("/search?q=café", T, Ok("/search?q=café")),
        ("/caf%C3%A9", T, Ok("/caf%C3%A9")),
        ("/search?q=100%25", T, Ok("/search?q=100%25")),
        (
            "/login?next=%2Fsearch%3Fq%3Da%2520b",
            T,
            Ok("/login?next=%2Fsearch%3Fq%3Da%2520b"),
        ),
        ("/a/b/../c", T, Ok("/a/b/../c")),
        ("/records/@user", T, Ok("/records/@user")),
        ("/x:y", T, Ok("/x:y")),
        (&max, T, Ok(&max)),
        (
            "https://trusted.org/records/1?x=1#f",
            T,
            Ok("https://trusted.org/records/1?x=1#f"),
        ),
        ("http://trusted.org", T, Ok("http://trusted.org/")),
        (
            "HTTPS://TRUSTED.org/Path",
            T,
            Ok("https://trusted.org/Path"),
        ),
        (
            "https://trusted.org/",
            &["Trusted.ORG"],
            Ok("https://trusted.org/"),
        ),
        (
            "https://trusted.org:8443/x",
            T,
            Ok("https://trusted.org:8443/x"),
        ),
        (
            "https://ports.example:8443/x",
            T,
            Ok("https://ports.example:8443/x"),
        ),
        (
            "https://trusted.org/",
            &["trusted.org:443"],
            Ok("https://trusted.org/"),
        ),
        (
            "https://bücher.example/",
            T,
            Ok("https://xn--bcher-kva.example/"),
        ),
        (
            "https://xn--bcher-kva.example/",
            &["bücher.example"],
            Ok("https://xn--bcher-kva.example/"),
        ),
        ("http://[::1]:8080/", &["[::1]"], Ok("http://[::1]:8080/")),
        (
            "https://trusted.org/%2F%2Fevil.com",
            T,
            Ok("https://trusted.org/%2F%2Fevil.com"),
        ),
    ];
    run(cases);
}

#[test]
fn refused_shape_encoding_backslash() {
    let long = format!("/{}", "a".repeat(MAX_LEN));
    let cases: &[Case<'_>] = &[
        // ---- refused: shape ----
        ("", T, Err(E::Empty)),
        (&long, T, Err(E::TooLong)),
        ("foo/bar", T, Err(E::RelativeWithoutSlash)),
        ("evil.com", T, Err(E::RelativeWithoutSlash)),
        ("https%3A//evil.com", T, Err(E::RelativeWithoutSlash)),
        // ---- refused: protocol-relative ----
        ("//evil.com", T, Err(E::ProtocolRelative)),
        ("///evil.com", T, Err(E::ProtocolRelative)),
        ("//", T, Err(E::ProtocolRelative)),
        ("//..", T, Err(E::ProtocolRelative)),
        ("%2F%2Fevil.com", T, Err(E::ProtocolRelative)),
        ("%2f%2fevil.com", T, Err(E::ProtocolRelative)),
        ("/%2F%2Fevil.com", T, Err(E::ProtocolRelative)),
        ("/%2Fevil.com", T, Err(E::ProtocolRelative)),
        ("/%252F%252Fevil.com", T, Err(E::ProtocolRelative)),
        ("/%25252F%25252Fevil.com", T, Err(E::ProtocolRelative)),
        ("/%2525252F%2525252Fevil.com", T, Err(E::ExcessiveEncoding)),
        ("/.//evil.com", T, Err(E::ProtocolRelative)),
        ("/a/..//evil.com", T, Err(E::ProtocolRelative)),
        ("/%2e//evil.com", T, Err(E::ProtocolRelative)),
        // ---- refused: backslash ----
        ("/\\evil.com", T, Err(E::Backslash)),
        ("\\\\evil.com", T, Err(E::Backslash)),
        ("/\\/evil.com", T, Err(E::Backslash)),
        ("/foo\\bar", T, Err(E::Backslash)),
        ("/%5Cevil.com", T, Err(E::Backslash)),
        ("/%5cevil.com", T, Err(E::Backslash)),
        ("https:\\\\evil.com", T, Err(E::Backslash)),
        ("https://trusted.org\\@evil.com", T, Err(E::Backslash)),
    ];
    run(cases);
}

#[test]
fn refused_scheme_control_unicode() {
    let cases: &[Case<'_>] = &[
        // ---- refused: scheme ----
        ("javascript:alert(1)", T, Err(E::BadScheme)),
        ("JaVaScRiPt:alert(1)", T, Err(E::BadScheme)),
        ("javascript%3Aalert(1)", T, Err(E::BadScheme)),
        (
            "data:text/html,<script>alert(1)</script>",
            T,
            Err(E::BadScheme),
        ),
        ("vbscript:msgbox(1)", T, Err(E::BadScheme)),
        ("ftp://trusted.org/", T, Err(E::BadScheme)),
        ("https:evil.com", T, Err(E::Malformed)),
        ("http:/evil.com", T, Err(E::Malformed)),
        ("https:///evil.com", T, Err(E::Malformed)),
        ("https://", T, Err(E::Malformed)),
        // ---- refused: control characters and whitespace ----
        ("/\t/evil.com", T, Err(E::ControlCharacter)),
        ("/\n/evil.com", T, Err(E::ControlCharacter)),
        ("/\r/evil.com", T, Err(E::ControlCharacter)),
        ("/evil\0.com", T, Err(E::ControlCharacter)),
        ("java\tscript:alert(1)", T, Err(E::ControlCharacter)),
        ("/%09/evil.com", T, Err(E::ControlCharacter)),
        ("/%0a/evil.com", T, Err(E::ControlCharacter)),
        ("/x?y=%00", T, Err(E::ControlCharacter)),
        ("/%2509/evil.com", T, Err(E::ControlCharacter)),
        ("  //evil.com", T, Err(E::SurroundingWhitespace)),
        ("/path ", T, Err(E::SurroundingWhitespace)),
        ("\u{a0}/x", T, Err(E::SurroundingWhitespace)),
        // ---- refused: Unicode look-alikes ----
        ("／／evil.com", T, Err(E::NonAscii)),
        ("/／evil.com", T, Err(E::NonAscii)),
        ("/\u{2215}evil.com", T, Err(E::NonAscii)),
        ("/%EF%BC%8Fevil.com", T, Err(E::NonAscii)),
        ("https：//evil.com", T, Err(E::NonAscii)),
    ];
    run(cases);
}

#[test]
fn refused_host_and_userinfo() {
    let cases: &[Case<'_>] = &[
        // ---- refused: host and userinfo ----
        ("https://evil.com/", T, Err(E::UntrustedHost)),
        ("https://evil.com", &[], Err(E::UntrustedHost)),
        ("https://trusted.org/", &[], Err(E::UntrustedHost)),
        ("https://trusted.org.evil.com/", T, Err(E::UntrustedHost)),
        ("https://evil.com/trusted.org", T, Err(E::UntrustedHost)),
        ("https://evil.com#@trusted.org", T, Err(E::UntrustedHost)),
        ("https://evil.com?@trusted.org", T, Err(E::UntrustedHost)),
        ("https://ports.example/", T, Err(E::UntrustedHost)),
        ("https://ports.example:9000/", T, Err(E::UntrustedHost)),
        ("https://trusted@evil.com", T, Err(E::HasUserInfo)),
        ("https://user:pw@trusted.org", T, Err(E::HasUserInfo)),
        ("https://@trusted.org", T, Err(E::HasUserInfo)),
        ("https://trusted.org:443@evil.com", T, Err(E::HasUserInfo)),
        ("https://trusted.org%40evil.com/", T, Err(E::Malformed)),
    ];
    run(cases);
}

/// What a browser at `https://trusted.org/login` would navigate to for `Location: s`.
fn browser_target(s: &str) -> Option<Url> {
    Url::parse("https://trusted.org/login").ok()?.join(s).ok()
}

#[test]
fn generated_prefixes_never_reach_evil_host() {
    let atoms = [
        "",
        "/",
        "//",
        "\\",
        "/\\",
        "\t",
        "\n",
        " ",
        "%2F",
        "%2f",
        "%5C",
        "%252F",
        "%09",
        "%00",
        "／",
        "\u{2215}",
        "http:",
        "https:",
        "https://",
        "HtTpS://",
        "javascript:",
        "//trusted.org@",
        "https://trusted.org@",
        "https://trusted.org.",
        "https://trusted.org%40",
        "https://trusted.org:443@",
        "./",
        "../",
        "/./",
        "/../",
        ".",
        "@",
        ":",
        "%2e",
    ];
    let suffixes = [
        "evil.com",
        "evil.com/",
        "evil.com/path?x=1#f",
        "evil.com:443",
        "EVIL.COM",
    ];
    let trusted = hosts(&["trusted.org"]);
    let mut checked = 0_usize;
    for first in atoms {
        for second in atoms {
            for suffix in suffixes {
                let input = format!("{first}{second}{suffix}");
                checked += 1;
                let Ok(out) = safe_next_url(&input, &trusted) else {
                    continue;
                };
                assert!(!out.starts_with("//"), "{input:?} gave {out:?}");
                let target = browser_target(&out);
                let host = target.as_ref().and_then(Url::host_str);
                assert_eq!(host, Some("trusted.org"), "{input:?} gave {out:?}");
            }
        }
    }
    assert_eq!(checked, atoms.len() * atoms.len() * suffixes.len());
}

#[test]
fn short_strings_never_panic_or_escape() {
    let alphabet = [
        '/', '\\', '%', '2', 'F', ':', '.', '\t', '@', 'é', '／', 'e', '?',
    ];
    let trusted = hosts(&["trusted.org"]);
    let mut stack = vec![String::new()];
    while let Some(prefix) = stack.pop() {
        if let Ok(out) = safe_next_url(&prefix, &trusted) {
            let host = browser_target(&out).and_then(|u| u.host_str().map(str::to_owned));
            assert_eq!(
                host.as_deref(),
                Some("trusted.org"),
                "{prefix:?} gave {out:?}"
            );
        }
        if prefix.chars().count() < 4 {
            for c in alphabet {
                stack.push(format!("{prefix}{c}"));
            }
        }
    }
}

#[test]
fn trusted_entry_parsing() {
    assert_eq!(
        parse_trusted("Trusted.ORG"),
        Some(("trusted.org".to_owned(), None))
    );
    assert_eq!(
        parse_trusted("h.example:8443"),
        Some(("h.example".to_owned(), Some(8443)))
    );
    assert_eq!(
        parse_trusted("[::1]:80"),
        Some(("[::1]".to_owned(), Some(80)))
    );
    assert_eq!(parse_trusted("h.example:port"), None);
    assert_eq!(parse_trusted("evil.com/trusted.org"), None);
    assert_eq!(parse_trusted("trusted.org@evil.com"), None);
    assert_eq!(parse_trusted(""), None);
}

#[test]
fn error_messages_are_set() {
    assert_eq!(
        E::ProtocolRelative.to_string(),
        "next URL is protocol-relative"
    );
    assert_eq!(E::TooLong.to_string(), "next URL is longer than 2048 bytes");
}
