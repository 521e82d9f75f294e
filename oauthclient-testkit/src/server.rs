//! The HTTP server: routes, and the thread it runs on.
//!
//! The server runs on its own thread with its own current-thread tokio runtime rather than
//! on the caller's runtime, so it serves whatever the caller does: `#[tokio::test]`
//! (current-thread or multi-thread), `#[actix_web::test]`, or a test that blocks its thread.
//! Dropping the last [`crate::FakeProvider`] handle stops it.

use std::io;
use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::handler::Handler;
use axum::http::Method;
use axum::routing::{MethodRouter, any};
use axum::serve::ListenerExt;
use tokio::sync::{oneshot, watch};

use crate::state::Shared;

/// The largest request body read, as actix-web's default payload limit was (256 KiB):
/// bigger bodies are answered `413`.
const BODY_LIMIT: usize = 256 * 1024;

/// How long requests still running when the server is told to stop may take to finish;
/// after that their connections are dropped (a [`crate::Fault::Slow`] answer must not keep
/// a stopped server's thread alive).
const SHUTDOWN_TIMEOUT: Duration = Duration::from_secs(1);

/// A running server.
pub(crate) struct Running {
    /// Where it listens.
    pub addr: SocketAddr,
    /// Stops it when dropped.
    pub handle: ServerHandle,
}

/// Stops its server when dropped: the server stops accepting at once, lets requests in
/// flight finish for up to [`SHUTDOWN_TIMEOUT`], then its thread ends.
pub(crate) struct ServerHandle {
    /// Never sent on: dropping it is the signal (the server's receivers then see it closed).
    _stop: watch::Sender<()>,
}

/// Binds `127.0.0.1:<port>` (`0`: any free port) and starts serving `shared` on a
/// dedicated thread.
pub(crate) async fn spawn(shared: Arc<Shared>, port: u16) -> io::Result<Running> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, port))?;
    let app = routes(shared.interactive).with_state(shared);
    serve_on_thread(listener, "oauthclient-testkit", app).await
}

/// Serves `app` on `listener`, on a thread with its own runtime; returns once the server is
/// accepting. Shared by the fake provider, the stand-ins and the conformance fixtures.
pub(crate) async fn serve_on_thread(
    listener: TcpListener,
    name: &str,
    app: Router,
) -> io::Result<Running> {
    let addr = listener.local_addr()?;
    // Accepting on a tokio listener needs a non-blocking socket; set it here so a failure is
    // the caller's error rather than a dead thread.
    listener.set_nonblocking(true)?;
    let app = app.layer(DefaultBodyLimit::max(BODY_LIMIT));
    let (stop_tx, stop_rx) = watch::channel(());
    let (started_tx, started_rx) = oneshot::channel();
    std::thread::Builder::new()
        .name(format!("{name}-{}", addr.port()))
        .spawn(move || run(listener, app, stop_rx, started_tx))?;
    started_rx
        .await
        .map_err(|_| io::Error::other(format!("the {name} server thread died")))??;
    Ok(Running {
        addr,
        handle: ServerHandle { _stop: stop_tx },
    })
}

/// The server thread: a current-thread runtime serving `app` until `stop` closes.
fn run(
    listener: TcpListener,
    app: Router,
    stop: watch::Receiver<()>,
    started: oneshot::Sender<io::Result<()>>,
) {
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            let _ = started.send(Err(err));
            return;
        }
    };
    runtime.block_on(async move {
        // Registering the socket with the reactor needs the runtime, hence here.
        let listener = match tokio::net::TcpListener::from_std(listener) {
            Ok(listener) => listener,
            Err(err) => {
                let _ = started.send(Err(err));
                return;
            }
        };
        // The receiver only goes away if the caller was cancelled: nobody can reach or stop
        // this server, so never start it.
        if started.send(Ok(())).is_err() {
            return;
        }
        // Small answers on loopback: no Nagle delay between a response's writes.
        let listener = listener.tap_io(|tcp| {
            let _ = tcp.set_nodelay(true);
        });
        let mut graceful = stop.clone();
        let server = axum::serve(listener, app).with_graceful_shutdown(async move {
            // `Err` (the handle dropped) is the only way this returns.
            let _ = graceful.changed().await;
        });
        let mut deadline = stop;
        tokio::select! {
            // `axum::serve` never fails; it returns once every connection is closed.
            _ = server.into_future() => {}
            () = async move {
                let _ = deadline.changed().await;
                tokio::time::sleep(SHUTDOWN_TIMEOUT).await;
            } => {}
        }
        // Leaving drops the runtime, and with it any connection still open.
    });
}

/// The provider's endpoints; the sandbox pages' forms only in sandbox mode.
fn routes(interactive: bool) -> Router<Arc<Shared>> {
    let not_found = crate::api::not_found;
    let mut router = Router::new();
    if interactive {
        router = router
            .route(
                "/login",
                only(Method::POST, crate::sandbox::login, not_found),
            )
            .route(
                "/consent",
                only(Method::POST, crate::sandbox::consent, not_found),
            );
    }
    router
        .route(
            "/authorize",
            only(Method::GET, crate::authorize::authorize, not_found),
        )
        .route("/token", only(Method::POST, crate::token::token, not_found))
        .route(
            "/revoke",
            only(Method::POST, crate::revoke::revoke, not_found),
        )
        .route("/api/user", only(Method::GET, crate::api::user, not_found))
        .fallback(not_found)
}

/// `handler` for `method` alone; every other method (`HEAD` too) gets `other`, the answer
/// for an unknown path. axum's own method routing would instead run a `GET` handler for
/// `HEAD` (an `/authorize` issuing a code) and add an `Allow` header to the refusal.
pub(crate) fn only<S, H, T, O, U>(method: Method, handler: H, other: O) -> MethodRouter<S>
where
    S: Clone + Send + Sync + 'static,
    H: Handler<T, S>,
    O: Handler<U, S>,
    T: 'static,
    U: 'static,
{
    any(move |State(state): State<S>, request: Request| {
        let (handler, other) = (handler.clone(), other.clone());
        let matches = request.method() == method;
        async move {
            if matches {
                handler.call(request, state).await
            } else {
                other.call(request, state).await
            }
        }
    })
}
