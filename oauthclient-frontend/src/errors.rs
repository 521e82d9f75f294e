//! Turning outcomes and errors into replies: pages, redirects, JSON, one status per error kind.
//! Every match over [`Outcome`] is exhaustive: a new outcome must be answered here.

use http::StatusCode;
use oauthclient_core::OAuthError;
use oauthclient_core::error::Outcome;
use oauthclient_core::state::StateError;
use serde_json::json;

use crate::i18n::{Arg, Locale, Localizer};
use crate::parts::Parts;
use crate::reply::Reply;
use crate::request::Request;
use crate::session::SessionData;

/// Renders a page with the shell's context: the flashes of this session (formatted in
/// `locale`), the home and settings URLs, whether someone is signed in, the page's locale and
/// the CSRF token every form needs.
pub(crate) fn page(
    parts: &Parts,
    request: &Request,
    session: &mut SessionData,
    locale: &Locale,
    status: StatusCode,
    template: &str,
    mut context: serde_json::Value,
) -> Reply {
    if let Some(map) = context.as_object_mut() {
        map.insert(
            "flashes".into(),
            json!(crate::flash::take_in(session, &parts.localizer, locale)),
        );
        map.entry("home_url")
            .or_insert_with(|| json!(parts.paths.home()));
        map.entry("settings_url")
            .or_insert_with(|| json!(parts.paths.settings()));
        map.entry("logout_url")
            .or_insert_with(|| json!(parts.paths.logout()));
        map.entry("email_settings_url")
            .or_insert_with(|| json!(parts.paths.email_settings()));
        // Whether the session claims a user, for the shell (a header with "Linked accounts"
        // and "Sign out" only for someone signed in). The session's claim, not a store read:
        // the views that act on the user check it against the store.
        map.entry("signed_in")
            .or_insert_with(|| json!(parts.current_user.user_id(request, session).is_some()));
        // The page's language, for `<html lang dir>` and the templates' `t(...)`.
        map.entry("locale").or_insert_with(|| json!(locale));
        // Every page can carry forms (a host's sign-out button in an overridden base).
        if !map.contains_key("csrf_token") {
            map.insert("csrf_token".into(), json!(crate::csrf::token(session)));
        }
    }
    let mut reply = Reply::html(status, parts.templates.render(template, &context));
    parts.frame_ancestors.apply(&mut reply.headers);
    reply
}

/// 429 with `Retry-After`: this client started too many logins or callbacks.
pub(crate) fn too_many_requests(
    parts: &Parts,
    request: &Request,
    session: &mut SessionData,
    locale: &Locale,
    wait: std::time::Duration,
) -> Reply {
    let seconds = wait.as_secs().max(1);
    tracing::info!(retry_after = seconds, "rate limited");
    let text = |id: &str| parts.localizer.text(locale, id);
    let context = json!({
        "heading": text("error-rate-limited-heading"),
        "message": text("error-rate-limited"),
        "status": 429,
    });
    page(
        parts,
        request,
        session,
        locale,
        StatusCode::TOO_MANY_REQUESTS,
        "oauthclient/error.html",
        context,
    )
    .retry_after(seconds)
}

/// Checks the client's rate limit (when configured) before a login or callback.
pub(crate) fn rate_limited(
    parts: &Parts,
    request: &Request,
    session: &mut SessionData,
    locale: &Locale,
) -> Option<Reply> {
    let limiter = parts.rate_limiter.as_ref()?;
    limiter
        .check(request)
        .err()
        .map(|wait| too_many_requests(parts, request, session, locale, wait))
}

/// [`rate_limited`] for the JSON API: `429 {"code", "message", "status"}` with `Retry-After`.
pub(crate) fn json_rate_limited(
    parts: &Parts,
    request: &Request,
    locale: &Locale,
) -> Option<Reply> {
    let wait = parts.rate_limiter.as_ref()?.check(request).err()?;
    let seconds = wait.as_secs().max(1);
    tracing::info!(retry_after = seconds, "rate limited");
    let message = parts.localizer.text(locale, "error-rate-limited");
    Some(json_text(429, codes::RATE_LIMITED, &message).retry_after(seconds))
}

/// Logs `err` at the level its outcome deserves; the reason stays in the log.
fn log(err: &OAuthError, outcome: Outcome) {
    let remote = err.remote().unwrap_or("-");
    match outcome {
        Outcome::FlashAndRedirect => tracing::info!(remote, error = %err, "oauth flow ended"),
        Outcome::Forbidden => tracing::warn!(remote, reason = %err, "refused"),
        Outcome::BadGateway => tracing::warn!(remote, reason = %err, "provider misbehaved"),
        Outcome::Unavailable => tracing::error!(remote, reason = %err, "dependency unavailable"),
        Outcome::ServerMisconfigured => tracing::error!(remote, reason = %err, "misconfigured"),
        Outcome::BadRequest | Outcome::Refused | Outcome::Conflict | Outcome::NotFound => {
            tracing::info!(remote, reason = %err, "refused");
        }
    }
}

/// The one place an [`OAuthError`] becomes a page, in `locale`. State failures and provider
/// misbehaviour are logged with their reason and shown generically; nothing reaches the page
/// that could carry a token.
pub(crate) fn error(
    parts: &Parts,
    request: &Request,
    session: &mut SessionData,
    locale: &Locale,
    err: &OAuthError,
    next: Option<&str>,
) -> Reply {
    if let OAuthError::RedirectedByHost { remote, url } = err {
        // The host's own choice, but still only to a safe place.
        let target = oauthclient_core::next_url::safe_next_url(url, &parts.config.trusted_hosts)
            .unwrap_or_else(|reason| {
                tracing::warn!(remote, %reason, "the host policy redirected to an unsafe URL");
                parts.paths.home().to_owned()
            });
        return Reply::redirect(&target);
    }
    let outcome = err.outcome();
    log(err, outcome);
    let text = |id: &str| parts.localizer.text(locale, id);
    let (heading, message) = match outcome {
        Outcome::FlashAndRedirect => {
            flash_error(parts, session, locale, err);
            let signed_in = parts.current_user.user_id(request, session).is_some();
            let fallback = if signed_in {
                parts.paths.settings()
            } else {
                parts.paths.home().to_owned()
            };
            return Reply::redirect(next.unwrap_or(&fallback));
        }
        Outcome::Forbidden => (text("error-forbidden-heading"), text("error-forbidden")),
        Outcome::NotFound => (text("error-not-found-heading"), text("error-not-found")),
        Outcome::BadGateway => (
            text("error-bad-gateway-heading"),
            with_provider(parts, locale, "error-bad-gateway", err),
        ),
        Outcome::Unavailable => (text("error-unavailable-heading"), text("error-unavailable")),
        Outcome::ServerMisconfigured => (
            text("error-misconfigured-heading"),
            text("error-misconfigured"),
        ),
        Outcome::Conflict => (
            text("error-conflict-heading"),
            shown_message(parts, locale, err),
        ),
        Outcome::Refused => (
            text("error-refused-heading"),
            shown_message(parts, locale, err),
        ),
        Outcome::BadRequest => (
            text("error-bad-request-heading"),
            shown_message(parts, locale, err),
        ),
    };
    let status =
        StatusCode::from_u16(outcome.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    page(
        parts,
        request,
        session,
        locale,
        status,
        "oauthclient/error.html",
        json!({
            "heading": heading,
            "message": message,
            "status": status.as_u16(),
            "login_url": parts.current_user.login_url(),
            "resend_url": matches!(err, OAuthError::EmailUnconfirmed { .. })
                .then(|| parts.paths.resend()),
        }),
    )
}

/// The message `id` with `$provider`: the title of the app the error is about.
fn with_provider(parts: &Parts, locale: &Locale, id: &str, err: &OAuthError) -> String {
    let title = crate::app_text::app_title(parts, locale, err.remote().unwrap_or("-"));
    parts
        .localizer
        .format(locale, id, &[("provider", Arg::from(title))])
}

/// The words of an error whose outcome shows them (conflicts, refusals, bad requests,
/// flashes), in `locale`: its catalog message, else (a host's refusal) its own words.
fn shown_message(parts: &Parts, locale: &Locale, err: &OAuthError) -> String {
    crate::messages::error_text(parts, locale, err).unwrap_or_else(|| match err {
        // A store's own words are the operator's, never shown.
        OAuthError::Store(_) => parts.localizer.text(locale, "error-conflict"),
        other => other.to_string(),
    })
}

/// Queues `err` as a flash: its catalog message, formatted by the page that shows it, or its
/// words when it has none.
fn flash_error(parts: &Parts, session: &mut SessionData, locale: &Locale, err: &OAuthError) {
    match err.message() {
        Some(message) if !matches!(err, OAuthError::LoginOption { .. }) => {
            let args = crate::messages::args_of(parts, locale, &message);
            let borrowed: Vec<(&str, Arg<'_>)> = args
                .iter()
                .map(|(name, value)| (name.as_str(), value.clone()))
                .collect();
            crate::flash::push_message(session, "danger", message.id(), &borrowed);
        }
        _ => crate::flash::push_flash(session, "danger", shown_message(parts, locale, err)),
    }
}

/// A REST app's flow result: a redirect to `base` carrying `?message=&code=` (the seed's REST
/// handlers), for a single-page app to show.
pub(crate) fn rest_redirect(base: &str, message: &str, code: u16) -> Reply {
    let query: String = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("message", message)
        .append_pair("code", &code.to_string())
        .finish();
    let separator = if base.contains('?') { '&' } else { '?' };
    Reply::redirect(&format!("{base}{separator}{query}"))
}

/// The status code and the message (in `locale`) a REST client or JSON caller gets for `err`:
/// the user-facing text where there is one, a generic one otherwise (state reasons stay in the
/// log).
pub(crate) fn api_error(parts: &Parts, locale: &Locale, err: &OAuthError) -> (u16, String) {
    let outcome = err.outcome();
    log(err, outcome);
    let text = |id: &str| parts.localizer.text(locale, id);
    let message = match outcome {
        Outcome::Forbidden => text(forbidden_message(err)),
        Outcome::BadGateway => with_provider(parts, locale, "api-error-bad-gateway", err),
        Outcome::Unavailable => text("api-error-unavailable"),
        Outcome::ServerMisconfigured => text("api-error-misconfigured"),
        Outcome::BadRequest
        | Outcome::Refused
        | Outcome::Conflict
        | Outcome::NotFound
        | Outcome::FlashAndRedirect => shown_message(parts, locale, err),
    };
    let code = match outcome {
        // A flash has no status of its own; for an API it is the client's request that ended.
        Outcome::FlashAndRedirect => 400,
        other => other.http_status(),
    };
    (code, message)
}

/// The machine codes of the JSON answers that are not an [`OAuthError`] (those have
/// [`OAuthError::code`]). Stable: a single-page app branches on them (docs/openapi.yaml).
pub(crate) mod codes {
    /// 401: the endpoint needs a signed-in user.
    pub(crate) const SIGN_IN_REQUIRED: &str = "sign_in_required";
    /// 429: too many sign-in attempts from this client.
    pub(crate) const RATE_LIMITED: &str = "rate_limited";
    /// 400: the body is not the JSON the endpoint takes.
    pub(crate) const MALFORMED_REQUEST: &str = "malformed_request";
    /// 400: the sign-up form has field errors (`errors`).
    pub(crate) const INVALID_FORM: &str = "invalid_form";
    /// 403: a preflight from an origin not on `cors_origins`.
    pub(crate) const ORIGIN_NOT_ALLOWED: &str = "origin_not_allowed";
    /// 200: the remote account was disconnected.
    pub(crate) const DISCONNECTED: &str = "disconnected";
    /// 200: every session of the user ended.
    pub(crate) const SIGNED_OUT_EVERYWHERE: &str = "signed_out_everywhere";
    /// 200: the account was created and the user is signed in.
    pub(crate) const SIGNED_UP: &str = "signed_up";
    /// 202: the account was created; its address must be confirmed before signing in.
    pub(crate) const CONFIRMATION_REQUIRED: &str = "confirmation_required";
}

/// The message id of a refused check: only "invalid state" (which check failed stays in the
/// log: it helps a forger), except the two a single-page app gets wrong by mistake and must be
/// able to fix.
fn forbidden_message(err: &OAuthError) -> &'static str {
    match err {
        OAuthError::InvalidState(StateError::CsrfMismatch) => "error-csrf-header",
        OAuthError::InvalidState(StateError::OriginNotAllowed) => "error-origin-not-allowed",
        _ => "error-invalid-state",
    }
}

/// A JSON body `{"code": ..., "message": ..., "status": ...}` with that status: `code` the
/// stable machine code, `message` for people, `status` the HTTP status again (for clients
/// that only see the body).
pub(crate) fn json_text(status: u16, code: &str, message: &str) -> Reply {
    Reply::json(
        StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
        &json!({"code": code, "message": message, "status": status}),
    )
}

/// [`json_text`] with the catalog message `id` in `locale`.
pub(crate) fn json_message(
    localizer: &Localizer,
    locale: &Locale,
    status: u16,
    code: &str,
    id: &str,
) -> Reply {
    json_text(status, code, &localizer.text(locale, id))
}

/// `err` as JSON, its message in `locale`.
pub(crate) fn json_error(parts: &Parts, locale: &Locale, err: &OAuthError) -> Reply {
    let (status, message) = api_error(parts, locale, err);
    json_text(status, err.code(), &message)
}

/// A JSON body that could not be read: `400 {"code": "malformed_request", "message",
/// "detail", "status"}`; `detail` is the parser's words (English, for the developer).
pub(crate) fn json_malformed(
    parts: &Parts,
    locale: &Locale,
    err: &crate::request::MalformedRequest,
) -> Reply {
    tracing::info!(error = %err, "malformed request");
    Reply::json(
        StatusCode::BAD_REQUEST,
        &json!({
            "code": codes::MALFORMED_REQUEST,
            "message": parts.localizer.text(locale, "error-malformed-request"),
            "detail": err.detail(),
            "status": 400,
        }),
    )
}

/// A request whose body or query could not be read: a 400 page.
pub(crate) fn malformed(
    parts: &Parts,
    request: &Request,
    session: &mut SessionData,
    locale: &Locale,
    err: &crate::request::MalformedRequest,
) -> Reply {
    tracing::info!(error = %err, "malformed request");
    let text = |id: &str| parts.localizer.text(locale, id);
    let context = json!({
        "heading": text("error-bad-request-heading"),
        "message": text("error-malformed-request"),
        "status": 400,
    });
    page(
        parts,
        request,
        session,
        locale,
        StatusCode::BAD_REQUEST,
        "oauthclient/error.html",
        context,
    )
}

/// The answer when the session store could not be reached (Redis down): `503` with
/// `Retry-After`, plain text in English, for an adapter whose session layer failed outside a
/// handler. `Runtime::session_unavailable_for` answers in the request's language.
pub fn session_unavailable() -> Reply {
    unavailable_text("The service is temporarily unavailable. Please try again in a moment.")
}

/// [`session_unavailable`] in `locale`.
pub(crate) fn session_unavailable_in(localizer: &Localizer, locale: &Locale) -> Reply {
    plain_in(
        localizer,
        locale,
        StatusCode::SERVICE_UNAVAILABLE,
        "error-unavailable",
    )
    .retry_after(crate::reply::RETRY_AFTER_UNAVAILABLE_SECS)
}

/// `413` in plain text, in `locale`: a body over the adapter's limit, refused before any
/// handler ran.
pub(crate) fn request_too_large_in(localizer: &Localizer, locale: &Locale) -> Reply {
    plain_in(
        localizer,
        locale,
        StatusCode::PAYLOAD_TOO_LARGE,
        "error-request-too-large",
    )
}

/// A plain-text answer with the catalog message `id` in `locale`, marked with its language.
fn plain_in(localizer: &Localizer, locale: &Locale, status: StatusCode, id: &str) -> Reply {
    let mut reply = plain_text(status, &localizer.text(locale, id));
    if let Ok(tag) = http::HeaderValue::from_str(locale.tag()) {
        reply.headers.insert(http::header::CONTENT_LANGUAGE, tag);
    }
    reply
}

fn unavailable_text(text: &str) -> Reply {
    plain_text(StatusCode::SERVICE_UNAVAILABLE, text)
        .retry_after(crate::reply::RETRY_AFTER_UNAVAILABLE_SECS)
}

fn plain_text(status: StatusCode, text: &str) -> Reply {
    let mut reply = Reply::empty(status);
    reply.headers.insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    text.clone_into(&mut reply.body);
    reply
}
