//! The template functions that format catalog messages: `t`, `tm` and the `join_list`
//! filter, for the library's templates and a host's own minijinja environment alike.

use std::sync::Arc;

use minijinja::value::{Kwargs, Value, ValueKind};
use minijinja::{AutoEscape, Environment, HtmlEscape, State};

use crate::i18n::markup::{MarkupArg, format_markup};
use crate::i18n::{Arg, Locale, Localizer};

/// Registers on `env`, formatting with `localizer` in the locale of the rendered page (the
/// context's `locale.lang`, else the default locale):
///
/// - `t(id, name=value, ...)`: the message as plain text (escaped by autoescaping like any
///   text); `id` may name an attribute (`confirm-email-sign-in-then-confirm.link`).
/// - `tm(id, name=value, ...)`: the message as HTML for an autoescaped template: arguments
///   the template built as markup (a captured `{% set %}` block) stay markup; the translated
///   text and every other argument are escaped, so a catalog can never produce markup. In a
///   template without autoescaping (a `.txt` mail), the same as `t`.
/// - the filter `join_list`: a list's items joined with the locale's `common-list-separator`
///   (`", "` in English, `"、"` in Japanese).
pub fn register_template_functions(env: &mut Environment<'_>, localizer: Arc<Localizer>) {
    let for_t = Arc::clone(&localizer);
    env.add_function(
        "t",
        move |state: &State<'_, '_>,
              id: String,
              kwargs: Kwargs|
              -> Result<String, minijinja::Error> {
            format_plain(&for_t, page_locale(&for_t, state), &id, &kwargs)
        },
    );
    let for_tm = Arc::clone(&localizer);
    env.add_function(
        "tm",
        move |state: &State<'_, '_>,
              id: String,
              kwargs: Kwargs|
              -> Result<Value, minijinja::Error> {
            let locale = page_locale(&for_tm, state);
            if state.auto_escape() != AutoEscape::Html {
                return format_plain(&for_tm, locale, &id, &kwargs).map(Value::from);
            }
            let mut args = Vec::new();
            for name in kwargs.args() {
                let value: Value = kwargs.get(name)?;
                let arg = if value.is_safe() {
                    MarkupArg::Safe(value.to_string())
                } else {
                    MarkupArg::Plain(message_arg(&value))
                };
                args.push((name.to_owned(), arg));
            }
            kwargs.assert_all_used()?;
            Ok(Value::from_safe_string(format_markup(
                &for_tm, locale, &id, args,
            )))
        },
    );
    env.add_filter(
        "join_list",
        move |state: &State<'_, '_>, items: Vec<Value>| -> Value {
            let separator = localizer.text(page_locale(&localizer, state), "common-list-separator");
            join_list(state.auto_escape() == AutoEscape::Html, &items, &separator)
        },
    );
}

/// The items joined with `separator`; under HTML autoescaping, safe items stay markup and
/// the rest is escaped (the result is safe HTML).
fn join_list(html: bool, items: &[Value], separator: &str) -> Value {
    if !html {
        let texts: Vec<String> = items.iter().map(ToString::to_string).collect();
        return Value::from(texts.join(separator));
    }
    let parts: Vec<String> = items
        .iter()
        .map(|item| {
            if item.is_safe() {
                item.to_string()
            } else {
                HtmlEscape(&item.to_string()).to_string()
            }
        })
        .collect();
    Value::from_safe_string(parts.join(&HtmlEscape(separator).to_string()))
}

/// The message `id` as plain text, its variables the keyword arguments.
fn format_plain(
    localizer: &Localizer,
    locale: &Locale,
    id: &str,
    kwargs: &Kwargs,
) -> Result<String, minijinja::Error> {
    let mut args = Vec::new();
    for name in kwargs.args() {
        let value: Value = kwargs.get(name)?;
        args.push((name, message_arg(&value)));
    }
    kwargs.assert_all_used()?;
    Ok(localizer.format(locale, id, &args))
}

/// The locale the page was rendered for (`locale.lang` in its context), or the default one
/// when the context has none (a page a host renders with these templates).
fn page_locale<'l>(localizer: &'l Localizer, state: &State<'_, '_>) -> &'l Locale {
    state
        .lookup("locale")
        .and_then(|locale| locale.get_attr("lang").ok())
        .and_then(|lang| lang.as_str().and_then(|tag| localizer.locale(tag)))
        .unwrap_or_else(|| localizer.default_locale())
}

/// A template value as a message variable: integers select plural variants, anything else is
/// shown as its text.
fn message_arg(value: &Value) -> Arg<'static> {
    if value.kind() == ValueKind::Number
        && let Ok(number) = i64::try_from(value.clone())
    {
        return Arg::Number(number);
    }
    Arg::Text(value.to_string().into())
}

#[cfg(test)]
mod tests;
