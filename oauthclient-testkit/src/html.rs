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

/// The first form of a page: its `action` (unescaped; empty when it has none) and the
/// `name`/`value` of each of its `<input>`s, in order — what a browser submits (tests read
/// provider `form_post` pages and the relay page with it).
///
/// ```
/// use oauthclient_testkit::html::form_fields;
/// let page = r#"<form method="post" action="/cb/?a=1&amp;b=2">
///   <input type="hidden" name="code" value="c&quot;1"><input name="state" value="s"></form>"#;
/// let (action, fields) = form_fields(page).expect("a form");
/// assert_eq!(action, "/cb/?a=1&b=2");
/// assert_eq!(fields, [("code".to_owned(), "c\"1".to_owned()), ("state".to_owned(), "s".to_owned())]);
/// ```
pub fn form_fields(html: &str) -> Option<(String, Vec<(String, String)>)> {
    let start = html.find("<form")?;
    let end = start + html[start..].find("</form>")?;
    let form = &html[start..end];
    let tag_end = form.find('>')?;
    let action = attribute(&form[..tag_end], "action").unwrap_or_default();
    let mut fields = Vec::new();
    let mut rest = &form[tag_end..];
    while let Some(open) = rest.find("<input") {
        let close = open + rest[open..].find('>')?;
        let tag = &rest[open..close];
        if let Some(name) = attribute(tag, "name") {
            fields.push((name, attribute(tag, "value").unwrap_or_default()));
        }
        rest = &rest[close..];
    }
    Some((action, fields))
}

/// The unescaped value of the double-quoted attribute `name` in a tag.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let needle = format!(" {name}=\"");
    let start = tag.find(&needle)? + needle.len();
    let end = start + tag[start..].find('"')?;
    Some(unescape(&tag[start..end]))
}
