//! `GET, POST /oauth/logout`: the seed's `oauth_logout_handler`. GET asks for confirmation
//! (a cross-site link or image must not sign anyone out); POST, CSRF-checked, forgets this
//! session's OAuth tokens and flows, signs the user out and purges the session (OWASP: a
//! fresh, empty session after sign-out). When the user signed in through an app whose
//! protocol can end the provider's session too (OpenID Connect RP-initiated logout), the
//! browser goes there next and comes back to the home page.

use http::StatusCode;
use serde::Deserialize;
use serde_json::json;

use super::Call;
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
    call.oauth_session().clear_all(parts.apps.keys());
    parts.current_user.sign_out(call.request, call.session);
    // Whatever else the session held (the host's keys, flashes, the CSRF token) goes too.
    call.session.purge();
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
