//! The endpoints (the seed's Views), one module each.

mod api;
mod authorized;
pub(crate) mod confirm_email;
mod disconnect;
mod email_settings;
mod linked_accounts;
mod login;
mod logout;
mod signup;

use actix_web::web;

use crate::client::{AppRuntime, Inner};
use oauthclient_core::OAuthError;

pub(crate) fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/oauth/login/{app}/", web::get().to(login::start))
        .route(
            "/oauth/login/{app}/",
            web::post().to(login::start_from_form),
        )
        .route(
            "/oauth/authorized/{app}/",
            web::get().to(authorized::callback),
        )
        .route("/oauth/signup/{app}/", web::get().to(signup::form))
        .route("/oauth/signup/{app}/", web::post().to(signup::submit))
        .route(
            "/oauth/signup/{app}/continue",
            web::post().to(signup::continue_as_new),
        )
        .route(
            "/oauth/disconnect/{app}/",
            web::get().to(disconnect::confirm),
        )
        .route(
            "/oauth/disconnect/{app}/",
            web::post().to(disconnect::submit),
        )
        .route("/oauth/logout", web::get().to(logout::confirm))
        .route("/oauth/logout", web::post().to(logout::submit))
        .route(confirm_email::RESEND, web::post().to(confirm_email::resend))
        // Before `{token}`: where a sign-in started on a confirmation page comes back.
        .route(
            confirm_email::PENDING,
            web::get().to(confirm_email::pending_page),
        )
        .route(
            "/oauth/confirm-email/{token}",
            web::get().to(confirm_email::page),
        )
        .route(
            "/oauth/confirm-email/{token}",
            web::post().to(confirm_email::confirm),
        )
        .route(
            confirm_email::EMAIL_SETTINGS,
            web::get().to(email_settings::show),
        )
        .route(
            confirm_email::EMAIL_SETTINGS,
            web::post().to(email_settings::change),
        )
        .route(
            "/account/settings/linkedaccounts/",
            web::get().to(linked_accounts::index),
        )
        .configure(api::routes);
}

/// The runtime of a configured app; hidden apps are as unknown as missing ones.
pub(crate) fn visible_app<'a>(inner: &'a Inner, name: &str) -> Result<&'a AppRuntime, OAuthError> {
    inner
        .apps
        .get(name)
        .filter(|app| !app.remote.hide)
        .ok_or_else(|| OAuthError::UnknownRemote(name.to_owned()))
}

/// A configured app, hidden or not (callbacks of flows already started must complete).
pub(crate) fn any_app<'a>(inner: &'a Inner, name: &str) -> Result<&'a AppRuntime, OAuthError> {
    inner
        .apps
        .get(name)
        .ok_or_else(|| OAuthError::UnknownRemote(name.to_owned()))
}

/// The signed-in user's id, checked against the store (see
/// [`crate::current_user::signed_in_user`]).
pub(crate) async fn signed_in_id(
    inner: &Inner,
    req: &actix_web::HttpRequest,
) -> Result<Option<oauthclient_core::account::UserId>, OAuthError> {
    Ok(
        crate::current_user::signed_in_user(inner.current_user.as_ref(), inner.users.as_ref(), req)
            .await?
            .map(|user| user.id),
    )
}
