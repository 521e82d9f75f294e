//! The HTTP server: routes, and the thread it runs on.
//!
//! The server runs on its own thread with its own actix system rather than on the caller's
//! runtime, so it serves whatever the caller does: `#[tokio::test]` (current-thread or
//! multi-thread), `#[actix_web::test]`, or a test that blocks its thread. Dropping the last
//! [`crate::FakeProvider`] handle stops it.

use std::io;
use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::sync::Arc;

use actix_web::dev::ServerHandle;
use actix_web::{HttpServer, web};

use crate::state::Shared;

/// A running server.
pub(crate) struct Running {
    /// Where it listens.
    pub addr: SocketAddr,
    /// Stops it.
    pub handle: ServerHandle,
}

/// Binds `127.0.0.1:<port>` (`0`: any free port) and starts serving `shared` on a
/// dedicated thread.
pub(crate) async fn spawn(shared: Arc<Shared>, port: u16) -> io::Result<Running> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, port))?;
    let interactive = shared.interactive;
    let data = web::Data::from(shared);
    serve_on_thread(listener, "oauthclient-testkit", move |cfg| {
        cfg.app_data(data.clone());
        routes(cfg, interactive);
    })
    .await
}

/// Serves the app `configure` describes on `listener`, on a thread with its own actix system;
/// returns once the server is accepting. Shared by the fake provider and the stand-ins.
pub(crate) async fn serve_on_thread<F>(
    listener: TcpListener,
    name: &str,
    configure: F,
) -> io::Result<Running>
where
    F: Fn(&mut web::ServiceConfig) + Clone + Send + 'static,
{
    let addr = listener.local_addr()?;
    let (started_tx, started_rx) = tokio::sync::oneshot::channel();
    std::thread::Builder::new()
        .name(format!("{name}-{}", addr.port()))
        .spawn(move || {
            actix_web::rt::System::new().block_on(async move {
                let server =
                    HttpServer::new(move || actix_web::App::new().configure(configure.clone()))
                        .workers(1)
                        .disable_signals()
                        .shutdown_timeout(1)
                        .listen(listener)
                        .map(HttpServer::run);
                match server {
                    Ok(server) => {
                        // The receiver only goes away if the caller was cancelled: nobody can
                        // reach or stop this server, so never start it.
                        if started_tx.send(Ok(server.handle())).is_err() {
                            return;
                        }
                        // A server error ends the thread; requests then fail to connect.
                        let _ = server.await;
                    }
                    Err(err) => {
                        let _ = started_tx.send(Err(err));
                    }
                }
            });
        })?;
    let handle = started_rx
        .await
        .map_err(|_| io::Error::other(format!("the {name} server thread died")))??;
    Ok(Running { addr, handle })
}

/// The provider's endpoints; the sandbox pages' forms only in sandbox mode.
fn routes(cfg: &mut web::ServiceConfig, interactive: bool) {
    if interactive {
        cfg.route("/login", web::post().to(crate::sandbox::login))
            .route("/consent", web::post().to(crate::sandbox::consent));
    }
    cfg.route("/authorize", web::get().to(crate::authorize::authorize))
        .route("/token", web::post().to(crate::token::token))
        .route("/revoke", web::post().to(crate::revoke::revoke))
        .route("/api/user", web::get().to(crate::api::user))
        .default_service(web::to(crate::api::not_found));
}
