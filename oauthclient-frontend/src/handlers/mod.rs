//! The endpoints (the seed's Views), one module each, and [`dispatch`]: the one exhaustive
//! match from a route to its handler.

mod api;
mod authorized;
pub(crate) mod confirm_email;
mod disconnect;
mod email_settings;
mod form_post;
mod linked_accounts;
mod login;
pub(crate) mod logout;
mod signup;

use std::sync::Arc;

use oauthclient_core::OAuthError;

use crate::i18n::choice::{self, CookieChange};
use crate::i18n::{Arg, Locale};
use crate::parts::{AppRuntime, Parts};
use crate::reply::Reply;
use crate::request::Request;
use crate::routes::Endpoint;
use crate::session::SessionData;

/// What every handler is given: the parts, the request, its session.
pub(crate) struct Call<'a> {
    pub parts: &'a Arc<Parts>,
    pub request: &'a Request,
    pub session: &'a mut SessionData,
    /// The request's locale, chosen once by [`dispatch`].
    pub locale: Locale,
}

impl Call<'_> {
    /// `err` as the library's page.
    pub(crate) fn error(&mut self, err: &OAuthError) -> Reply {
        crate::errors::error(
            self.parts,
            self.request,
            self.session,
            &self.locale,
            err,
            None,
        )
    }

    /// `err` as the library's page; a flash goes back to `next`.
    pub(crate) fn error_to(&mut self, err: &OAuthError, next: Option<&str>) -> Reply {
        crate::errors::error(
            self.parts,
            self.request,
            self.session,
            &self.locale,
            err,
            next,
        )
    }

    /// `err` as JSON, its message in the request's locale.
    pub(crate) fn json_error(&self, err: &OAuthError) -> Reply {
        crate::errors::json_error(self.parts, &self.locale, err)
    }

    /// A JSON answer with the catalog message `id` in the request's locale.
    pub(crate) fn json_message(&self, status: u16, code: &str, id: &str) -> Reply {
        crate::errors::json_message(&self.parts.localizer, &self.locale, status, code, id)
    }

    /// A page with the shell's context.
    pub(crate) fn page(
        &mut self,
        status: http::StatusCode,
        template: &str,
        context: serde_json::Value,
    ) -> Reply {
        crate::errors::page(
            self.parts,
            self.request,
            self.session,
            &self.locale,
            status,
            template,
            context,
        )
    }

    /// The rate limit's 429, when this client is over it.
    pub(crate) fn rate_limited(&mut self) -> Option<Reply> {
        crate::errors::rate_limited(self.parts, self.request, self.session, &self.locale)
    }

    /// The signed-in user, checked against the store.
    pub(crate) async fn signed_in_user(
        &mut self,
    ) -> Result<Option<oauthclient_core::account::User>, OAuthError> {
        crate::sign_in::signed_in_user(self.parts, self.request, self.session).await
    }

    /// The signed-in user's id, checked against the store.
    pub(crate) async fn signed_in_id(
        &mut self,
    ) -> Result<Option<oauthclient_core::account::UserId>, OAuthError> {
        crate::sign_in::signed_in_id(self.parts, self.request, self.session).await
    }

    /// Checks a form's CSRF token.
    pub(crate) fn verify_csrf(&self, submitted: Option<&str>) -> Result<(), OAuthError> {
        crate::csrf::verify(self.session, submitted)
    }

    /// The session's CSRF token.
    pub(crate) fn csrf_token(&mut self) -> String {
        crate::csrf::token(self.session)
    }

    /// Queues the catalog message `id` as a flash, formatted when a page shows it.
    pub(crate) fn flash(&mut self, category: &str, id: &str, args: &[(&str, Arg<'_>)]) {
        crate::flash::push_message(self.session, category, id, args);
    }

    /// The catalog message `id` in the request's locale.
    pub(crate) fn t(&self, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        self.parts.localizer.format(&self.locale, id, args)
    }

    /// The typed OAuth keys of the session.
    pub(crate) fn oauth_session(&mut self) -> crate::oauth_session::OAuthSession<'_> {
        self.parts.oauth_session(self.session)
    }

    /// A form body, or the 400 page (boxed: the error path is the rare one).
    pub(crate) fn form<T: serde::de::DeserializeOwned>(&mut self) -> Result<T, Box<Reply>> {
        self.request.form().map_err(|err| {
            Box::new(crate::errors::malformed(
                self.parts,
                self.request,
                self.session,
                &self.locale,
                &err,
            ))
        })
    }
}

/// Serves `endpoint`.
pub(crate) async fn dispatch(
    parts: &Arc<Parts>,
    endpoint: Endpoint,
    param: &str,
    request: &Request,
    session: &mut SessionData,
) -> Reply {
    let choice = request_locale(parts, request, session).await;
    let mut call = Call {
        parts,
        request,
        session,
        locale: choice.locale.clone(),
    };
    let mut reply = serve(&mut call, endpoint, param).await;
    localize_reply(parts, &choice, &mut reply);
    reply
}

/// The locale of `request` in `session` (steps 1 to 5 of [`choice`]): the host's hook is
/// asked only when the [`crate::CurrentUser`] glue says someone is signed in (from the
/// session: no store read).
pub(crate) async fn request_locale(
    parts: &Parts,
    request: &Request,
    session: &SessionData,
) -> choice::Choice {
    choice::of_request_with_hook(&parts.localizer, request, || async {
        let user = parts.current_user.user_id(request, session)?;
        parts.policy.preferred_locale(&user).await
    })
    .await
}

/// Marks a page or a JSON answer (its `message` is translated) with its language, and writes
/// the language cookie `?lang=` asked for.
fn localize_reply(parts: &Parts, choice: &choice::Choice, reply: &mut Reply) {
    let localized = reply
        .headers
        .get(http::header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| {
            value.starts_with("text/html") || value.starts_with("application/json")
        });
    if localized {
        if let Ok(tag) = http::HeaderValue::from_str(choice.locale.tag()) {
            reply.headers.insert(http::header::CONTENT_LANGUAGE, tag);
        }
        // The page depends on what picks the locale: caches must keep one copy per value.
        reply.headers.append(
            http::header::VARY,
            http::HeaderValue::from_static("Accept-Language, Cookie"),
        );
    }
    if choice.cookie != CookieChange::Keep
        && let Some(cookie) = choice::set_cookie(
            choice::COOKIE_NAME,
            &choice.cookie,
            crate::cookie::is_https(&parts.config),
        )
        && let Ok(value) = http::HeaderValue::from_str(&cookie)
    {
        reply.headers.append(http::header::SET_COOKIE, value);
    }
}

/// The one exhaustive match from an endpoint to its handler.
async fn serve(call: &mut Call<'_>, endpoint: Endpoint, param: &str) -> Reply {
    match endpoint {
        Endpoint::Login => login::start(call, param).await,
        Endpoint::LoginForm => login::start_from_form(call, param).await,
        Endpoint::Authorized => authorized::callback(call, param).await,
        Endpoint::AuthorizedPost => form_post::callback_post(call, param).await,
        Endpoint::SignupForm => signup::form(call, param).await,
        Endpoint::SignupSubmit => signup::submit(call, param).await,
        Endpoint::SignupContinue => signup::continue_as_new(call, param).await,
        Endpoint::DisconnectConfirm => disconnect::confirm(call, param).await,
        Endpoint::DisconnectSubmit => disconnect::submit(call, param).await,
        Endpoint::LogoutConfirm => logout::confirm(call),
        Endpoint::LogoutSubmit => logout::submit(call).await,
        Endpoint::LogoutEverywhere => logout::everywhere(call).await,
        Endpoint::ConfirmEmailResend => confirm_email::resend(call).await,
        Endpoint::ConfirmEmailPending => confirm_email::pending_page(call).await,
        Endpoint::ConfirmEmailPage => confirm_email::page(call, param).await,
        Endpoint::ConfirmEmailSubmit => confirm_email::confirm(call, param).await,
        Endpoint::EmailSettings => email_settings::show(call).await,
        Endpoint::EmailChange => email_settings::change(call).await,
        Endpoint::LinkedAccounts => linked_accounts::index(call).await,
        Endpoint::ApiAccounts => api::accounts(call).await,
        Endpoint::ApiCsrf => api::csrf_token(call),
        Endpoint::ApiDisconnect => api::disconnect(call, param).await,
        Endpoint::ApiSignup => api::signup(call, param).await,
        Endpoint::ApiSignupContinue => api::continue_as_new(call, param).await,
        Endpoint::ApiProviders => api::providers(call),
        Endpoint::ApiLocale => api::locale(call),
        Endpoint::ApiSession => api::session(call).await,
        Endpoint::ApiLogin => api::begin_login(call, param).await,
        Endpoint::ApiLogoutEverywhere => api::logout_everywhere(call).await,
        Endpoint::ApiPreflight => {
            crate::cors::preflight(&call.parts.config, &call.parts.localizer, call.request)
        }
    }
}

/// The runtime of a configured app; hidden apps are as unknown as missing ones.
pub(crate) fn visible_app<'a>(parts: &'a Parts, name: &str) -> Result<&'a AppRuntime, OAuthError> {
    parts
        .apps
        .get(name)
        .filter(|app| !app.remote.hide)
        .ok_or_else(|| OAuthError::UnknownRemote(name.to_owned()))
}

/// A configured app, hidden or not (callbacks of flows already started must complete).
pub(crate) fn any_app<'a>(parts: &'a Parts, name: &str) -> Result<&'a AppRuntime, OAuthError> {
    parts
        .apps
        .get(name)
        .ok_or_else(|| OAuthError::UnknownRemote(name.to_owned()))
}
