//! `GET /api/oauth/locale`: what a single-page app needs to show its own texts in the
//! request's language. Public, and writes nothing to the session (`?lang=` sets the language
//! cookie, as on every route).

use http::StatusCode;
use serde_json::json;

use crate::handlers::Call;
use crate::reply::Reply;

/// `lang` and `dir` of the request's locale; `available`: each enabled locale's `tag` and
/// `name` (in its own language, for a language picker); `messages`: every message whose id
/// starts with one of `[locales] client_prefixes`, by id, with variables left as `{ $name }`
/// for the script to fill in.
pub(crate) fn locale(call: &Call<'_>) -> Reply {
    let localizer = &call.parts.localizer;
    let available: Vec<_> = localizer
        .available()
        .iter()
        .map(|locale| json!({ "tag": locale.tag(), "name": localizer.locale_name(locale) }))
        .collect();
    let messages =
        localizer.client_messages(&call.locale, &call.parts.config.locales.client_prefixes);
    Reply::json(
        StatusCode::OK,
        &json!({
            "lang": call.locale.tag(),
            "dir": call.locale.dir(),
            "available": available,
            "messages": messages,
        }),
    )
}
