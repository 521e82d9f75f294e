//! `GET /oauth/logout`: the seed's `oauth_logout_handler`: forget this session's OAuth
//! tokens and flows, and sign the user out.

use actix_session::SessionExt;
use actix_web::{HttpRequest, HttpResponse, web};

use crate::client::Inner;
use crate::respond;
use crate::session::OAuthSession;

pub(crate) async fn logout(req: HttpRequest, inner: web::Data<Inner>) -> HttpResponse {
    let session = req.get_session();
    OAuthSession {
        session: &session,
        prefix: &inner.config.session_key_prefix,
    }
    .clear_all(inner.apps.keys());
    inner.current_user.sign_out(&req);
    respond::redirect(&inner.paths.home)
}
