//! `GET /api/oauth/providers`: the sign-in methods, for a single-page app's own sign-in page.
//! Public: nothing in it is personal.

use http::StatusCode;
use oauthclient_core::login_options::LoginOption;
use serde_json::json;

use crate::app_text::{app_description, app_title};
use crate::handlers::Call;
use crate::reply::Reply;

/// Every visible (not `hide`) app, sorted by title: `name`, `title` and `description` (in the
/// request's locale when a catalog has `app-<name>-title` / `-description`), `icon`,
/// `login_url` (the JSON begin-login endpoint, `POST /api/oauth/login/{app}`, under the
/// site's prefix), `link_only` (the app only links a remote account to a signed-in user: it
/// cannot sign anyone in, and beginning a login with it while signed out is refused) and
/// `signup` (`"open"` or `"closed"`: whether a first sign-in with it may create an account),
/// `login_options` (the per-login options a login may carry, e.g. `"remember"` for a
/// "remember me" box) and `extra_scopes` (the scopes its `scope` option may add).
pub(crate) fn providers(call: &Call<'_>) -> Reply {
    let apps: Vec<_> = call
        .parts
        .apps
        .values()
        .map(|app| &app.remote)
        .filter(|remote| !remote.hide)
        .collect();
    let mut apps: Vec<_> = apps
        .into_iter()
        .map(|remote| {
            let title = app_title(call.parts, &call.locale, &remote.name);
            (title, remote)
        })
        .collect();
    apps.sort_by(|(a, first), (b, second)| a.cmp(b).then_with(|| first.name.cmp(&second.name)));
    let providers: Vec<_> = apps
        .into_iter()
        .map(|(title, remote)| {
            json!({
                "name": remote.name,
                "title": title,
                "description": app_description(call.parts, &call.locale, &remote.name),
                "icon": remote.icon,
                "login_url": call.parts.paths.api_login(&remote.name),
                "link_only": remote.link_only,
                "signup": remote.signup,
                "login_options": LoginOption::ALL
                    .into_iter()
                    .filter(|option| remote.login_options.allows(*option))
                    .map(LoginOption::name)
                    .collect::<Vec<_>>(),
                "extra_scopes": remote.login_options.extra_scopes(),
            })
        })
        .collect();
    Reply::json(StatusCode::OK, &json!({ "providers": providers }))
}
