//! `GET /oauth/logout`: the seed's `oauth_logout_handler`: forget this session's OAuth
//! tokens and flows, and sign the user out. When the user signed in through an app whose
//! protocol can end the provider's session too (OpenID Connect RP-initiated logout), the
//! browser goes there next and comes back to the home page.

use actix_session::SessionExt;
use actix_web::{HttpRequest, HttpResponse, web};
use oauthclient_core::handlers::ProtocolContext;
use url::Url;

use crate::client::Inner;
use crate::respond;
use crate::session::OAuthSession;

pub(crate) async fn logout(req: HttpRequest, inner: web::Data<Inner>) -> HttpResponse {
    let session = req.get_session();
    let oauth_session = OAuthSession {
        session: &session,
        prefix: &inner.config.session_key_prefix,
    };
    let signed_in_with = oauth_session.signed_in_with();
    let user_id = inner.current_user.user_id(&req);
    oauth_session.clear_all(inner.apps.keys());
    inner.current_user.sign_out(&req);
    let provider_logout = match (signed_in_with, user_id) {
        (Some(app), Some(user_id)) => provider_logout_url(&inner, &app, user_id).await,
        _ => None,
    };
    respond::redirect(
        provider_logout
            .as_ref()
            .map_or(inner.paths.home.as_str(), Url::as_str),
    )
}

/// Where the app's protocol ends the provider's session, if it does. A failure (discovery
/// unreachable, say) is logged and the local logout stands: the user is signed out here.
async fn provider_logout_url(inner: &Inner, app: &str, user_id: i64) -> Option<Url> {
    let runtime = inner.apps.get(app)?;
    let return_to = inner.config.site_url.join(&inner.paths.home).ok()?;
    let token = inner
        .accounts
        .token(user_id, &runtime.remote.credentials.consumer_key, "")
        .await
        .ok()
        .flatten();
    let redirect_uri = inner.config.redirect_uri(app);
    let ctx = ProtocolContext {
        app: &runtime.remote,
        http: &inner.http,
        redirect_uri: &redirect_uri,
    };
    match runtime
        .handlers
        .protocol
        .logout_url(&ctx, token.as_ref(), &return_to)
        .await
    {
        Ok(url) => url,
        Err(err) => {
            tracing::warn!(app, error = %err, "could not end the provider's session");
            None
        }
    }
}
