//! `GET, POST /oauth/logout`: the seed's `oauth_logout_handler`. GET asks for confirmation
//! (a cross-site link or image must not sign anyone out); POST, CSRF-checked, forgets this
//! session's OAuth tokens and flows, signs the user out and purges the session (OWASP: a
//! fresh, empty session after sign-out). When the user signed in through an app whose
//! protocol can end the provider's session too (OpenID Connect RP-initiated logout), the
//! browser goes there next and comes back to the home page.
//!
//! `POST /oauth/logout/everywhere` (signed in, CSRF-checked) ends every session of the user
//! first ([`oauthclient_core::Engine::sign_out_everywhere`]: cookie copies and server-side
//! sessions alike are signed out at their next request), then ends this one like the normal
//! sign-out and goes home with a flash.

use http::StatusCode;
use serde::Deserialize;
use serde_json::json;

use super::Call;
use super::linked_accounts::login_required;
use crate::reply::Reply;

#[derive(Debug, Deserialize)]
struct LogoutForm {
    csrf_token: Option<String>,
}

/// The confirmation page (also for anonymous sessions: they may hold a token of an
/// `authorized_default` app to forget).
pub(crate) fn confirm(call: &mut Call<'_>) -> Reply {
    // Every page carries the CSRF token its form needs.
    let context = json!({"action": call.parts.paths.logout()});
    call.page(StatusCode::OK, "oauthclient/logout.html", context)
}

pub(crate) async fn submit(call: &mut Call<'_>) -> Reply {
    let form: LogoutForm = match call.form() {
        Ok(form) => form,
        Err(reply) => return *reply,
    };
    if let Err(err) = call.verify_csrf(form.csrf_token.as_deref()) {
        return call.error(&err);
    }
    let parts = call.parts;
    let signed_in_with = call.oauth_session().signed_in_with();
    let user_id = parts.current_user.user_id(call.request, call.session);
    end_this_session(call);
    let home = parts.paths.home();
    let provider_logout = match (signed_in_with, user_id) {
        (Some(app), Some(user_id)) => {
            match (parts.apps.get(&app), parts.config.site_url.join(home)) {
                (Some(runtime), Ok(return_to)) => {
                    parts
                        .engine()
                        .provider_logout_url(runtime, &user_id, &return_to)
                        .await
                }
                _ => None,
            }
        }
        _ => None,
    };
    Reply::redirect(provider_logout.as_ref().map_or(home, url::Url::as_str))
}

/// Forgets this session's OAuth tokens and flows, signs the user out and purges the session
/// (whatever else it held, the host's keys, flashes, the CSRF token, goes too).
pub(crate) fn end_this_session(call: &mut Call<'_>) {
    let parts = call.parts;
    call.oauth_session().clear_all(parts.apps.keys());
    parts.current_user.sign_out(call.request, call.session);
    call.session.purge();
}

/// The flash after signing out everywhere.
pub(crate) const SIGNED_OUT_EVERYWHERE: &str = "flash-signed-out-everywhere";

/// `POST /oauth/logout/everywhere`: every session of the user ends, this one purged like the
/// normal sign-out; home with a flash.
pub(crate) async fn everywhere(call: &mut Call<'_>) -> Reply {
    let user_id = match call.signed_in_id().await {
        Ok(Some(user_id)) => user_id,
        Ok(None) => return login_required(call),
        Err(err) => return call.error(&err),
    };
    let form: LogoutForm = match call.form() {
        Ok(form) => form,
        Err(reply) => return *reply,
    };
    if let Err(err) = call.verify_csrf(form.csrf_token.as_deref()) {
        return call.error(&err);
    }
    if let Err(err) = call.parts.engine().sign_out_everywhere(&user_id).await {
        return call.error(&err);
    }
    end_this_session(call);
    // The fresh session after the purge carries only the flash.
    call.flash("success", SIGNED_OUT_EVERYWHERE, &[]);
    Reply::redirect(call.parts.paths.home())
}
