//! `POST /oauth/authorized/{app}/`: an authorization response sent with
//! `response_mode=form_post`, bound to the browser session as tightly as the GET callback.
//!
//! The provider's page POSTs cross-site, so the `SameSite=Lax` session cookie stays behind.
//! That first POST is answered, **without reading or writing the session** (a session write
//! would send a `Set-Cookie` replacing the user's real session), by a small page whose form
//! re-POSTs the same kept fields plus [`RELAY_MARKER`] to the same URL. That second POST is
//! initiated by our own origin, so the cookie travels, and it runs exactly the GET callback's
//! code ([`super::authorized::answer`]): the state's nonce must be one of this session's
//! pending flows, and is spent. See docs/security.md, "form_post responses".

use base64ct::{Base64, Encoding};
use http::header::{
    ALLOW, CONTENT_SECURITY_POLICY, REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use http::{HeaderValue, StatusCode};
use oauthclient_core::config::{Protocol, ResponseMode};
use serde_json::json;
use sha2::{Digest, Sha256};

use super::Call;
use crate::parts::{AppRuntime, Parts};
use crate::reply::Reply;

/// The field the relay page adds: its presence tells the second POST from the provider's.
pub(crate) const RELAY_MARKER: &str = "oauthclient_relay";
/// The largest form a callback POST may have (Apple's, with `user` and an `id_token`, is a
/// few KiB); the adapters' own limits are larger.
pub(crate) const MAX_FORM_BYTES: usize = 64 * 1024;
/// The longest value of one field that is relayed; a longer one is dropped.
const MAX_VALUE_BYTES: usize = 4096;
/// The authorization response's own fields that are relayed (the app's `callback_params`
/// too); anything else (Apple's `id_token`: the token endpoint's is the one used) is not.
const PROTOCOL_FIELDS: &[&str] = &[
    "code",
    "state",
    "iss",
    "error",
    "error_description",
    "error_uri",
];
/// The relay page's only script, allowed by its hash in the page's CSP.
pub(crate) const RELAY_SCRIPT: &str = "document.forms[0].submit();";
/// The relay page's template.
const RELAY_TEMPLATE: &str = "oauthclient/form_post_relay.html";

/// Serves the callback POST: the relay page for the provider's POST, the callback for the
/// relayed one.
pub(crate) async fn callback_post(call: &mut Call<'_>, app_name: &str) -> Reply {
    let parts = call.parts;
    // Unknown apps and bad forms are answered without the session: the POST may be the
    // provider's, and the response to it must not set a cookie.
    let Some(runtime) = parts.apps.get(app_name) else {
        return bare_error(
            parts,
            StatusCode::NOT_FOUND,
            "There is no such sign-in method.",
        );
    };
    let Some(keep) = form_post_fields(runtime) else {
        return bare_error(
            parts,
            StatusCode::METHOD_NOT_ALLOWED,
            "This sign-in method does not answer with a form.",
        )
        .with_header(ALLOW, HeaderValue::from_static("GET"));
    };
    let body = &call.request.body;
    if body.len() > MAX_FORM_BYTES {
        return bare_error(
            parts,
            StatusCode::PAYLOAD_TOO_LARGE,
            "The sign-in response is too large.",
        );
    }
    let form = RelayForm::parse(body, &keep);
    if !form.relayed {
        return relay_page(parts, runtime, app_name, &form.fields);
    }
    // Defence in depth: the marked POST comes from the relay page, on this origin. A browser
    // that says otherwise was made to send it by another site (whose POST carries no Lax
    // cookie anyway, so its nonce would be unknown). Browsers without the header pass on.
    if let Some(site) = call.request.header("sec-fetch-site")
        && site != "same-origin"
    {
        tracing::warn!(
            remote = app_name,
            sec_fetch_site = site,
            "refused: a relayed form_post callback from another origin"
        );
        return bare_error(
            parts,
            StatusCode::FORBIDDEN,
            "This sign-in response was not sent by this site.",
        );
    }
    let query = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(&form.fields)
        .finish();
    super::authorized::answer(call, app_name, &query)
        .await
        .without_referrer()
}

/// The fields an app's form post may relay, or `None` when the app does not use `form_post`
/// (its callback is a GET; a POST is refused rather than offered a second way in).
fn form_post_fields(runtime: &AppRuntime) -> Option<Vec<&str>> {
    let Protocol::OAuth2(params) = &runtime.remote.protocol else {
        return None;
    };
    if params.response_mode != ResponseMode::FormPost {
        return None;
    }
    let mut keep: Vec<&str> = PROTOCOL_FIELDS.to_vec();
    keep.extend(params.callback_params.iter().map(String::as_str));
    Some(keep)
}

/// A callback form, reduced to what is relayed.
#[derive(Debug, PartialEq, Eq)]
struct RelayForm {
    /// The kept fields in their order, repeated ones included (the callback refuses a
    /// repeated protocol parameter, so it must see them).
    fields: Vec<(String, String)>,
    /// Whether the relay page's marker is present.
    relayed: bool,
}

impl RelayForm {
    fn parse(body: &[u8], keep: &[&str]) -> Self {
        let mut fields = Vec::new();
        let mut relayed = false;
        for (name, value) in url::form_urlencoded::parse(body) {
            if name == RELAY_MARKER {
                relayed = true;
            } else if keep.contains(&name.as_ref()) && value.len() <= MAX_VALUE_BYTES {
                fields.push((name.into_owned(), value.into_owned()));
            }
        }
        Self { fields, relayed }
    }
}

/// The page that re-POSTs `fields` same-origin: no session touched, nothing cached, no
/// `Referer` sent on, only its own script allowed to run, its form only posting back here (or
/// where the callback may redirect), never framed.
fn relay_page(
    parts: &Parts,
    runtime: &AppRuntime,
    app_name: &str,
    fields: &[(String, String)],
) -> Reply {
    let fields: Vec<_> = fields
        .iter()
        .map(|(name, value)| json!({"name": name, "value": value}))
        .collect();
    let context = json!({
        // Never from the request: the app's callback path under the public prefix.
        "action": parts.paths.authorized(app_name),
        "fields": fields,
        "marker": RELAY_MARKER,
        "script": RELAY_SCRIPT,
        "title": runtime.remote.title,
    });
    let body = parts.templates.render(RELAY_TEMPLATE, &context);
    let policy = relay_policy(parts, runtime);
    let mut reply = Reply::html(StatusCode::OK, body).without_referrer();
    if let Ok(value) = HeaderValue::from_str(&policy) {
        reply = reply.with_header(CONTENT_SECURITY_POLICY, value);
    }
    reply
        .with_header(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"))
        .with_header(X_FRAME_OPTIONS, HeaderValue::from_static("DENY"))
}

/// `'sha256-…'` of [`RELAY_SCRIPT`], as CSP writes a script hash.
pub(crate) fn script_hash() -> String {
    format!(
        "'sha256-{}'",
        Base64::encode_string(&Sha256::digest(RELAY_SCRIPT.as_bytes()))
    )
}

/// The relay page's Content-Security-Policy. `form-action` also lists where the callback may
/// redirect the form's POST (browsers check form-action on redirects too): the trusted hosts
/// of `next` and the app's REST redirect origins.
fn relay_policy(parts: &Parts, runtime: &AppRuntime) -> String {
    let mut targets = vec!["'self'".to_owned()];
    let plain = |source: &str| {
        !source.is_empty()
            && source
                .bytes()
                .all(|byte| byte.is_ascii_alphanumeric() || b"-.:[]*".contains(&byte))
    };
    targets.extend(
        parts
            .config
            .trusted_hosts
            .iter()
            .filter(|host| plain(host))
            .cloned(),
    );
    if let Some(rest) = &runtime.remote.rest {
        for url in [&rest.authorized, &rest.signup, &rest.error] {
            if let Ok(url) = url::Url::parse(url) {
                let origin = url.origin().ascii_serialization();
                if origin != "null" && !targets.contains(&origin) {
                    targets.push(origin);
                }
            }
        }
    }
    format!(
        "default-src 'none'; script-src {}; form-action {}; frame-ancestors 'none'; base-uri 'none'",
        script_hash(),
        targets.join(" ")
    )
}

/// A short error page that does not touch the session (no flashes taken, no CSRF token
/// minted, so no `Set-Cookie`), `Referrer-Policy: no-referrer`, not cached.
fn bare_error(parts: &Parts, status: StatusCode, message: &str) -> Reply {
    let context = json!({
        "heading": status.canonical_reason().unwrap_or("Error"),
        "message": message,
        "status": status.as_u16(),
        "home_url": parts.paths.home(),
        "flashes": [],
    });
    let mut reply = Reply::html(
        status,
        parts.templates.render("oauthclient/error.html", &context),
    )
    .with_header(REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    parts.frame_ancestors.apply(&mut reply.headers);
    reply
}

/// The fields of `form` by name (tests).
#[cfg(test)]
fn by_name(form: &RelayForm) -> std::collections::BTreeMap<&str, Vec<&str>> {
    let mut map = std::collections::BTreeMap::<&str, Vec<&str>>::new();
    for (name, value) in &form.fields {
        map.entry(name).or_default().push(value);
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_kept_fields_are_relayed_and_repeats_survive() {
        let long = "x".repeat(MAX_VALUE_BYTES + 1);
        let body = format!(
            "code=c&state=s&id_token=t&user=%7B%7D&evil=1&code=d&iss=i&x={long}&error_uri={long}"
        );
        let form = RelayForm::parse(
            body.as_bytes(),
            &["code", "state", "iss", "error_uri", "user"],
        );
        assert!(!form.relayed);
        let fields = by_name(&form);
        assert_eq!(fields["code"], ["c", "d"]);
        assert_eq!(fields["user"], ["{}"]);
        assert!(!fields.contains_key("id_token") && !fields.contains_key("evil"));
        assert!(
            !fields.contains_key("error_uri"),
            "oversized values are dropped"
        );
        let marked = RelayForm::parse(b"state=s&oauthclient_relay=1", &["state"]);
        assert!(marked.relayed);
        assert_eq!(marked.fields, [("state".to_owned(), "s".to_owned())]);
    }

    #[test]
    fn the_script_hash_is_that_of_the_script() {
        // echo -n 'document.forms[0].submit();' | openssl dgst -sha256 -binary | base64
        assert_eq!(
            script_hash(),
            "'sha256-8lDeP0UDwCO6/RhblgeH/ctdBzjVpJxrXizsnIk3cEQ='"
        );
    }
}
