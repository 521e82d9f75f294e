//! A session store that cannot be reached (Redis down) is a 503, not a 500: the server is
//! fine, a dependency is not, and the next request works once it is back.

use actix_session::storage::{LoadError, SaveError, UpdateError};
use actix_web::Error;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::error::InternalError;
use actix_web::middleware::Next;
use oauthclient_frontend::Reply;

/// Middleware turning session store failures into `503 Service Unavailable` with
/// `Retry-After`. [`crate::OAuthClient::session_middleware`] and
/// [`crate::OAuthClient::session_middleware_with`] already include it; use this one only
/// around a `SessionMiddleware` you build yourself, and wrap it **outside** that middleware
/// (`wrap` it after):
///
/// ```no_run
/// # async fn example(oauth: oauthclient_web::OAuthClient) -> std::io::Result<()> {
/// use actix_web::{App, HttpServer, middleware::from_fn};
/// use oauthclient_web::session_unavailable;
///
/// let store = oauthclient_web::connect_redis_store("redis://127.0.0.1:6379", std::time::Duration::from_secs(3))
///     .await
///     .expect("redis");
/// HttpServer::new(move || {
///     App::new()
///         .configure(oauth.configure())
///         .wrap(oauth.session_middleware_with(store.clone()))
///         .wrap(from_fn(session_unavailable))
/// })
/// .bind(("127.0.0.1", 5000))?
/// .run()
/// .await
/// # }
/// ```
pub async fn session_unavailable(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let path = req.path().to_owned();
    next.call(req)
        .await
        .map_err(|err| store_failure_to_503(&path, err, oauthclient_frontend::session_unavailable))
}

/// A session store failure becomes a 503 with `Retry-After` (the `answer`, made only then);
/// any other error passes unchanged.
pub(crate) fn store_failure_to_503(
    path: &str,
    err: Error,
    answer: impl FnOnce() -> Reply,
) -> Error {
    // actix-session reports store failures as opaque `InternalError`s wrapping these (a
    // load failure wraps the store's `anyhow::Error`).
    let store_failed = err.as_error::<InternalError<anyhow::Error>>().is_some()
        || err.as_error::<InternalError<LoadError>>().is_some()
        || err.as_error::<InternalError<SaveError>>().is_some()
        || err.as_error::<InternalError<UpdateError>>().is_some();
    if !store_failed {
        return err;
    }
    tracing::warn!(path, error = %err, "session store unavailable");
    let response = crate::adapter::response(answer());
    InternalError::from_response("session store unavailable", response).into()
}
