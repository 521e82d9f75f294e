//! Core's [`Message`]s (an error's, a form field's) formatted in a locale: `$provider`, an app's
//! name in core, becomes the app's title; a login option's reason is formatted first and
//! framed by `error-login-option`.

use oauthclient_core::handlers::FieldError;
use oauthclient_core::login_options::LoginOptionError;
use oauthclient_core::{Message, MessageArg, OAuthError};
use serde_json::json;

use crate::i18n::{Arg, Locale};
use crate::parts::Parts;

/// `message` in `locale`.
pub(crate) fn format(parts: &Parts, locale: &Locale, message: &Message) -> String {
    format_with(parts, locale, message, Vec::new())
}

/// `message` in `locale`, with `extra` variables beside its own.
fn format_with(
    parts: &Parts,
    locale: &Locale,
    message: &Message,
    extra: Vec<(String, Arg<'static>)>,
) -> String {
    let mut args = args_of(parts, locale, message);
    args.extend(extra);
    let borrowed: Vec<(&str, Arg<'_>)> = args
        .iter()
        .map(|(name, value)| (name.as_str(), value.clone()))
        .collect();
    parts.localizer.format(locale, message.id(), &borrowed)
}

/// The message's variables for the localizer, `provider` (an app's name) as the app's title.
pub(crate) fn args_of(
    parts: &Parts,
    locale: &Locale,
    message: &Message,
) -> Vec<(String, Arg<'static>)> {
    message
        .args()
        .iter()
        .map(|(name, value)| {
            let arg = match value {
                MessageArg::Number(number) => Arg::Number(*number),
                MessageArg::Text(app) if name == "provider" => {
                    Arg::from(crate::app_text::app_title(parts, locale, app))
                }
                MessageArg::Text(text) => Arg::from(text.clone()),
                // A kind of value added to core later: its text.
                other => Arg::from(other.to_string()),
            };
            (name.to_string(), arg)
        })
        .collect()
}

/// The words shown to the user for `err` in `locale`, when its kind has a catalog message
/// (`None`: a kind shown generically, or a host's refusal in its own words).
pub(crate) fn error_text(parts: &Parts, locale: &Locale, err: &OAuthError) -> Option<String> {
    if let OAuthError::LoginOption { source, .. } = err {
        let reason = login_option_text(parts, locale, source);
        return Some(parts.localizer.format(
            locale,
            "error-login-option",
            &[("reason", Arg::from(reason))],
        ));
    }
    err.message().map(|message| format(parts, locale, &message))
}

/// A login option's problem (`login-option-*`), its reason formatted first.
fn login_option_text(parts: &Parts, locale: &Locale, err: &LoginOptionError) -> String {
    let extra = err
        .reason_message()
        .map(|reason| {
            vec![(
                "reason".to_owned(),
                Arg::from(format(parts, locale, &reason)),
            )]
        })
        .unwrap_or_default();
    format_with(parts, locale, &err.message(), extra)
}

/// A form field's problem in `locale`: its catalog message, else its text as it is (a host's).
pub(crate) fn field_error_text(parts: &Parts, locale: &Locale, error: &FieldError) -> String {
    error.message_id.as_ref().map_or_else(
        || error.message.clone(),
        |message| format(parts, locale, message),
    )
}

/// Field errors as pages and JSON show them: `[{"field", "message"}]`, in `locale`.
pub(crate) fn field_errors_json(
    parts: &Parts,
    locale: &Locale,
    errors: &[FieldError],
) -> serde_json::Value {
    errors
        .iter()
        .map(|error| {
            json!({
                "field": error.field,
                "message": field_error_text(parts, locale, error),
            })
        })
        .collect()
}
