//! The stand-in's HTTP server: the fake provider's OAuth endpoints with shaped answers, on a
//! thread of its own (like [`crate::server`]).

use std::io;
use std::net::{Ipv4Addr, TcpListener};
use std::sync::Arc;

use axum::Router;
use axum::extract::{FromRef, State};
use axum::http::Method;
use axum::http::request::Parts;
use axum::response::Response;

use super::shape_state::ShapeState;
use super::{ProviderShape, github, orcid};
use crate::server::{Running, only, serve_on_thread};
use crate::state::Shared;

/// What the stand-in's handlers share: the fake provider's state and the stand-in's own.
#[derive(Clone)]
struct StandInState {
    shared: Arc<Shared>,
    extra: Arc<ShapeState>,
}

// The fake provider's handlers take only its state, so they serve the stand-in unchanged.
impl FromRef<StandInState> for Arc<Shared> {
    fn from_ref(state: &StandInState) -> Self {
        Arc::clone(&state.shared)
    }
}

impl FromRef<StandInState> for Arc<ShapeState> {
    fn from_ref(state: &StandInState) -> Self {
        Arc::clone(&state.extra)
    }
}

/// Binds `127.0.0.1:0` and serves `shared` in `extra.shape` on a dedicated thread.
pub(crate) async fn spawn(shared: Arc<Shared>, extra: Arc<ShapeState>) -> io::Result<Running> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
    let app = routes(extra.shape).with_state(StandInState { shared, extra });
    serve_on_thread(listener, "oauthclient-testkit-stand-in", app).await
}

/// The fake provider's `/authorize` and `/revoke` as they are; `/token` and the API shaped.
/// A known path asked with another method is answered (and recorded) like an unknown one.
fn routes(shape: ProviderShape) -> Router<StandInState> {
    let router = Router::new()
        .route(
            "/authorize",
            only(Method::GET, crate::authorize::authorize, not_found),
        )
        .route(
            "/revoke",
            only(Method::POST, crate::revoke::revoke, not_found),
        );
    let router = match shape {
        ProviderShape::GitHub => router
            .route("/token", only(Method::POST, github::token, not_found))
            .route("/api/user", only(Method::GET, github::user, not_found))
            .route(
                "/api/user/emails",
                only(Method::GET, github::emails, not_found),
            )
            .route(
                "/api/applications/{client_id}/grant",
                only(Method::DELETE, github::delete_grant, not_found),
            ),
        ProviderShape::Orcid => router.route("/token", only(Method::POST, orcid::token, not_found)),
    };
    router.fallback(not_found)
}

/// Records API requests to unknown paths too, then answers like GitHub.
async fn not_found(State(extra): State<Arc<ShapeState>>, req: Parts) -> Response {
    if req.uri.path().starts_with("/api/") {
        extra.record(&req, None);
    }
    crate::api::not_found().await
}
