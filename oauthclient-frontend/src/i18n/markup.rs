//! Messages whose variables a template wraps in markup (`tm()`), without letting a catalog
//! or a variable's text produce markup.
//!
//! Safe variables (HTML the template built) are replaced by sentinels before formatting; the
//! formatted message is HTML-escaped whole; then each sentinel becomes its HTML. Translated
//! words and plain variables are escaped like any text, so only the template's markup stays
//! markup.

use minijinja::HtmlEscape;

use super::{Arg, Locale, Localizer};

/// Opens a sentinel (a private-use character: never in a catalog or a form field's purpose).
const OPEN: char = '\u{E000}';
/// Closes a sentinel.
const CLOSE: char = '\u{E001}';

/// A message variable for [`format_markup`]: HTML the template built, or a plain value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum MarkupArg {
    /// HTML kept as it is.
    Safe(String),
    /// A value escaped like the message's text.
    Plain(Arg<'static>),
}

/// The message `id` as HTML: translated text and plain variables escaped, safe variables kept.
pub(crate) fn format_markup(
    localizer: &Localizer,
    locale: &Locale,
    id: &str,
    args: Vec<(String, MarkupArg)>,
) -> String {
    let mut safe = Vec::new();
    let mut fluent_args = Vec::with_capacity(args.len());
    for (name, arg) in args {
        let value = match arg {
            MarkupArg::Safe(html) => {
                let sentinel = format!("{OPEN}{}{CLOSE}", safe.len());
                safe.push(html);
                Arg::Text(sentinel.into())
            }
            // A sentinel typed by a user must not pick up another variable's HTML.
            MarkupArg::Plain(Arg::Text(text)) if text.contains([OPEN, CLOSE]) => {
                Arg::Text(text.replace([OPEN, CLOSE], "").into())
            }
            MarkupArg::Plain(plain) => plain,
        };
        fluent_args.push((name, value));
    }
    let borrowed: Vec<(&str, Arg<'_>)> = fluent_args
        .iter()
        .map(|(name, value)| (name.as_str(), value.clone()))
        .collect();
    let text = localizer.format(locale, id, &borrowed);
    replace_sentinels(&HtmlEscape(&text).to_string(), &safe)
}

/// `escaped` with each sentinel `⟨OPEN⟩n⟨CLOSE⟩` replaced by `safe[n]`; anything else that
/// looks like a sentinel is dropped.
fn replace_sentinels(escaped: &str, safe: &[String]) -> String {
    let mut out = String::with_capacity(escaped.len());
    let mut rest = escaped;
    while let Some(start) = rest.find(OPEN) {
        out.push_str(&rest[..start].replace(CLOSE, ""));
        let after = &rest[start + OPEN.len_utf8()..];
        let Some(end) = after.find(CLOSE) else {
            rest = after;
            continue;
        };
        if let Some(html) = after[..end]
            .parse::<usize>()
            .ok()
            .and_then(|index| safe.get(index))
        {
            out.push_str(html);
        }
        rest = &after[end + CLOSE.len_utf8()..];
    }
    out.push_str(&rest.replace(CLOSE, ""));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentinels_become_their_html_and_strays_vanish() {
        let safe = vec!["<b>x</b>".to_owned()];
        let escaped = format!("a {OPEN}0{CLOSE} b {OPEN}7{CLOSE} c {CLOSE}{OPEN}");
        assert_eq!(replace_sentinels(&escaped, &safe), "a <b>x</b> b  c ");
    }
}
