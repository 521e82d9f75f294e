//! The stand-in's HTTP server: the fake provider's OAuth endpoints with shaped answers, on a
//! thread of its own (like [`crate::server`]).

use std::io;
use std::net::{Ipv4Addr, TcpListener};
use std::sync::Arc;

use actix_web::{HttpRequest, HttpResponse, web};

use super::shape_state::ShapeState;
use super::{ProviderShape, github, orcid};
use crate::server::{Running, serve_on_thread};
use crate::state::Shared;

/// Binds `127.0.0.1:0` and serves `shared` in `extra.shape` on a dedicated thread.
pub(crate) async fn spawn(shared: Arc<Shared>, extra: Arc<ShapeState>) -> io::Result<Running> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
    let shape = extra.shape;
    let data = web::Data::from(shared);
    let extra = web::Data::from(extra);
    serve_on_thread(listener, "oauthclient-testkit-stand-in", move |cfg| {
        cfg.app_data(data.clone()).app_data(extra.clone());
        routes(cfg, shape);
    })
    .await
}

/// The fake provider's `/authorize` and `/revoke` as they are; `/token` and the API shaped.
fn routes(cfg: &mut web::ServiceConfig, shape: ProviderShape) {
    cfg.route("/authorize", web::get().to(crate::authorize::authorize))
        .route("/revoke", web::post().to(crate::revoke::revoke));
    match shape {
        ProviderShape::GitHub => {
            cfg.route("/token", web::post().to(github::token))
                .route("/api/user", web::get().to(github::user))
                .route("/api/user/emails", web::get().to(github::emails))
                .route(
                    "/api/applications/{client_id}/grant",
                    web::delete().to(github::delete_grant),
                );
        }
        ProviderShape::Orcid => {
            cfg.route("/token", web::post().to(orcid::token));
        }
    }
    cfg.default_service(web::to(not_found));
}

/// Records API requests to unknown paths too, then answers like GitHub.
async fn not_found(req: HttpRequest, extra: web::Data<ShapeState>) -> HttpResponse {
    if req.path().starts_with("/api/") {
        extra.record(&req, None);
    }
    crate::api::not_found().await
}
