//! Reading the library's pages in tests: form values a browser would submit.

/// The value of the `<input name="{name}" ... value="...">` in a page.
///
/// ```
/// use oauthclient_testkit::html::input_value;
/// let page = r#"<form><input type="hidden" value="a&amp;b" name="csrf_token">
///   <input type="hidden" name="next" value="&#x2f;deposit"></form>"#;
/// assert_eq!(input_value(page, "csrf_token").as_deref(), Some("a&b"));
/// assert_eq!(input_value(page, "next").as_deref(), Some("/deposit"));
/// assert_eq!(input_value(page, "other"), None);
/// ```
pub fn input_value(html: &str, name: &str) -> Option<String> {
    let start = html.find(&format!("name=\"{name}\""))?;
    // The whole tag: `value` may come before or after `name`.
    let tag_start = html[..start].rfind('<')?;
    let tag_end = start + html[start..].find('>')?;
    let value = html[tag_start..tag_end]
        .split("value=\"")
        .nth(1)?
        .split('"')
        .next()?;
    Some(unescape(value))
}

/// What a browser makes of an attribute value the templates escaped (minijinja escapes
/// `& < > " ' /`); `&amp;` last, so `&amp;lt;` stays `&lt;`.
fn unescape(value: &str) -> String {
    value
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&#x2f;", "/")
        .replace("&#x2F;", "/")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}
