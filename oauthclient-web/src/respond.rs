//! Turning outcomes and errors into responses: pages, redirects, one status per error kind.

use actix_session::SessionExt;
use actix_web::http::StatusCode;
use actix_web::http::header::{CACHE_CONTROL, ContentType, LOCATION, RETRY_AFTER};
use actix_web::{HttpRequest, HttpResponse};
use oauthclient_core::OAuthError;
use oauthclient_core::error::Outcome;
use serde_json::json;

use crate::client::Inner;
use crate::flash;

/// A 302 to `location`.
/// 429 with `Retry-After`: this client started too many logins or callbacks.
pub(crate) fn too_many_requests(
    inner: &Inner,
    req: &HttpRequest,
    wait: std::time::Duration,
) -> HttpResponse {
    let seconds = wait.as_secs().max(1);
    tracing::info!(path = req.path(), retry_after = seconds, "rate limited");
    let mut response = page(
        inner,
        req,
        StatusCode::TOO_MANY_REQUESTS,
        "oauthclient/error.html",
        json!({"message": "Too many sign-in attempts. Please wait a moment and try again.", "status": 429}),
    );
    if let Ok(value) = actix_web::http::header::HeaderValue::from_str(&seconds.to_string()) {
        response.headers_mut().insert(RETRY_AFTER, value);
    }
    response
}

/// Checks the client's rate limit (when configured) before a login or callback.
pub(crate) fn rate_limited(inner: &Inner, req: &HttpRequest) -> Option<HttpResponse> {
    let limiter = inner.rate_limiter.as_ref()?;
    limiter
        .check(req)
        .err()
        .map(|wait| too_many_requests(inner, req, wait))
}

pub(crate) fn redirect(location: &str) -> HttpResponse {
    HttpResponse::Found()
        .insert_header((LOCATION, location))
        .insert_header((CACHE_CONTROL, "no-store"))
        .finish()
}

/// Renders a page with the flashes of this session.
pub(crate) fn page(
    inner: &Inner,
    req: &HttpRequest,
    status: StatusCode,
    template: &str,
    mut context: serde_json::Value,
) -> HttpResponse {
    if let Some(map) = context.as_object_mut() {
        map.insert("flashes".into(), json!(flash::take(&req.get_session())));
        map.entry("home_url")
            .or_insert_with(|| json!(inner.paths.home));
        map.entry("settings_url")
            .or_insert_with(|| json!(inner.paths.settings));
        // Whether the session claims a user, for the shell (a header with "Linked accounts"
        // and "Sign out" only for someone signed in). The session's claim, not a store read:
        // the views that act on the user check it against the store.
        map.entry("signed_in")
            .or_insert_with(|| json!(inner.current_user.user_id(req).is_some()));
        // Every page can carry forms (a host's sign-out button in an overridden base).
        if !map.contains_key("csrf_token")
            && let Ok(token) = crate::csrf::token(&req.get_session())
        {
            map.insert("csrf_token".into(), json!(token));
        }
    }
    let mut response = HttpResponse::build(status)
        .content_type(ContentType::html())
        .insert_header((CACHE_CONTROL, "no-store"))
        .body(inner.templates.render(template, &context));
    inner.frame_ancestors.apply(response.headers_mut());
    response
}

/// How long a client should wait before retrying when a dependency (database, session store)
/// is down: short, since outages of that kind are usually brief.
const RETRY_AFTER_UNAVAILABLE: &str = "5";

/// Adds `Retry-After` to a 503.
fn retry_later(mut response: HttpResponse) -> HttpResponse {
    if response.status() == StatusCode::SERVICE_UNAVAILABLE {
        response.headers_mut().insert(
            RETRY_AFTER,
            actix_web::http::header::HeaderValue::from_static(RETRY_AFTER_UNAVAILABLE),
        );
    }
    response
}

/// The one place an [`OAuthError`] becomes a response. State failures and provider
/// misbehaviour are logged with their reason and shown generically; nothing reaches the page
/// that could carry a token.
pub(crate) fn error(
    inner: &Inner,
    req: &HttpRequest,
    err: &OAuthError,
    next: Option<&str>,
) -> HttpResponse {
    if let OAuthError::RedirectedByHost { remote, url } = err {
        // The host's own choice, but still only to a safe place.
        let target = oauthclient_core::next_url::safe_next_url(url, &inner.config.trusted_hosts)
            .unwrap_or_else(|reason| {
                tracing::warn!(remote, %reason, "the host policy redirected to an unsafe URL");
                inner.paths.home.clone()
            });
        return redirect(&target);
    }
    let outcome = err.outcome();
    let remote = err.remote().unwrap_or("-");
    match outcome {
        Outcome::FlashAndRedirect => {
            tracing::info!(remote, error = %err, "oauth flow ended");
            flash::push(&req.get_session(), "danger", err.to_string());
            let signed_in = inner.current_user.user_id(req).is_some();
            let fallback = if signed_in {
                &inner.paths.settings
            } else {
                &inner.paths.home
            };
            return redirect(next.unwrap_or(fallback));
        }
        Outcome::Forbidden => tracing::warn!(remote, reason = %err, "refused"),
        Outcome::BadGateway => tracing::warn!(remote, reason = %err, "provider misbehaved"),
        Outcome::Unavailable => tracing::error!(remote, reason = %err, "dependency unavailable"),
        Outcome::ServerMisconfigured => tracing::error!(remote, reason = %err, "misconfigured"),
        _ => tracing::info!(remote, reason = %err, "refused"),
    }
    let (heading, message) = match outcome {
        Outcome::Forbidden => (
            "Request refused",
            "This sign-in request could not be verified (it may have expired or been used already). Please start again.".to_owned(),
        ),
        Outcome::NotFound => ("Not found", "There is no such sign-in method.".to_owned()),
        Outcome::BadGateway => (
            "Sign-in failed",
            format!("{remote} did not answer as expected. Nothing was changed; please try again later."),
        ),
        Outcome::Unavailable => (
            "Temporarily unavailable",
            "The service is temporarily unavailable. Please try again in a moment.".to_owned(),
        ),
        Outcome::ServerMisconfigured => (
            "Sign-in unavailable",
            "This sign-in method is not configured correctly. The administrators have been notified.".to_owned(),
        ),
        Outcome::Conflict => ("Account already exists", err.to_string()),
        Outcome::Refused => ("Not allowed", err.to_string()),
        _ => ("That did not work", bad_request_message(err)),
    };
    let status =
        StatusCode::from_u16(outcome.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    retry_later(page(
        inner,
        req,
        status,
        "oauthclient/error.html",
        json!({
            "heading": heading,
            "message": message,
            "status": status.as_u16(),
            "login_url": inner.current_user.login_url(),
            "resend_url": matches!(err, OAuthError::EmailUnconfirmed { .. })
                .then_some(crate::views::confirm_email::RESEND),
        }),
    ))
}

fn bad_request_message(err: &OAuthError) -> String {
    match err {
        OAuthError::Store(store) => store.message().to_owned(),
        other => other.to_string(),
    }
}

/// A REST app's flow result: a redirect to `base` carrying `?message=&code=` (the seed's REST
/// handlers), for a single-page app to show.
pub(crate) fn rest_redirect(base: &str, message: &str, code: u16) -> HttpResponse {
    let query: String = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("message", message)
        .append_pair("code", &code.to_string())
        .finish();
    let separator = if base.contains('?') { '&' } else { '?' };
    redirect(&format!("{base}{separator}{query}"))
}

/// The status code and the message a REST client or JSON caller gets for `err`: the user-facing
/// text where there is one, a generic one otherwise (state reasons stay in the log).
pub(crate) fn api_error(err: &OAuthError) -> (u16, String) {
    let outcome = err.outcome();
    let remote = err.remote().unwrap_or("-");
    match outcome {
        Outcome::Forbidden => tracing::warn!(remote, reason = %err, "refused"),
        Outcome::BadGateway | Outcome::Unavailable | Outcome::ServerMisconfigured => {
            tracing::error!(remote, reason = %err, "flow failed");
        }
        _ => tracing::info!(remote, reason = %err, "flow ended"),
    }
    let message = match outcome {
        Outcome::Forbidden => "Invalid state.".to_owned(),
        Outcome::BadGateway => format!("{remote} did not answer as expected."),
        Outcome::Unavailable => "The service is temporarily unavailable.".to_owned(),
        Outcome::ServerMisconfigured => {
            "This sign-in method is not configured correctly.".to_owned()
        }
        Outcome::BadRequest => bad_request_message(err),
        _ => err.to_string(),
    };
    let code = match outcome {
        // A flash has no status of its own; for an API it is the client's request that ended.
        Outcome::FlashAndRedirect => 400,
        other => other.http_status(),
    };
    (code, message)
}

/// A JSON body `{"message": ..., "code": ...}` with that status.
pub(crate) fn json_message(code: u16, message: &str) -> HttpResponse {
    retry_later(
        HttpResponse::build(
            StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
        )
        .insert_header((CACHE_CONTROL, "no-store"))
        .json(json!({"message": message, "code": code})),
    )
}
