//! The axum side of the front end: a request's parts into a [`Request`], the tower-sessions
//! [`Session`] into a [`SessionData`] and the recorded changes back, a [`Reply`] into a
//! response. Nothing here decides anything.

use std::net::SocketAddr;

use axum::Router;
use axum::body::Body;
use axum::extract::{ConnectInfo, FromRequestParts, OriginalUri, RawPathParams};
use axum::response::Response;
use axum::routing::{MethodRouter, get, options, post};
use http::StatusCode;
use http::request::Parts;
use oauthclient_core::OAuthError;
use oauthclient_core::store::StoreError;
use oauthclient_frontend::{Reply, Request, Route, RouteMethod, Runtime, SessionData, SessionOp};
use tower_sessions::Session;
use tower_sessions::session::Error as SessionError;

/// The largest request body the endpoints read (forms and JSON are small): 256 KiB; a larger
/// one is answered `413`.
pub const BODY_LIMIT: usize = 256 * 1024;

/// Every route of the front end, each served by [`serve`]; patterns are relative, so the host
/// nests or merges the router where `site_url` says.
pub(crate) fn routes<S: Clone + Send + Sync + 'static>(runtime: &Runtime) -> Router<S> {
    let mut router = Router::new();
    for route in oauthclient_frontend::ROUTES {
        let runtime = runtime.clone();
        let handler = move |request: axum::extract::Request| async move {
            serve(&runtime, route, request).await
        };
        let method: MethodRouter<S> = match route.method {
            RouteMethod::Get => get(handler),
            RouteMethod::Post => post(handler),
            RouteMethod::Options => options(handler),
        };
        // A GET, a POST and an OPTIONS on one pattern merge into one method router (axum allows it).
        router = router.route(route.pattern, method);
    }
    router
}

/// One request of `route`.
async fn serve(runtime: &Runtime, route: &Route, request: axum::extract::Request) -> Response {
    let (mut parts, body) = request.into_parts();
    let Some(session) = parts.extensions.get::<Session>().cloned() else {
        // A host mistake, not a request's: say so loudly rather than serve without a session.
        tracing::error!("no session: add `.layer(oauth.session_layer())` to the router");
        return plain(StatusCode::INTERNAL_SERVER_ERROR, "session layer missing");
    };
    let param = match route.param_name() {
        Some(name) => RawPathParams::from_request_parts(&mut parts, &())
            .await
            .ok()
            .and_then(|params| {
                params
                    .iter()
                    .find(|(key, _)| *key == name)
                    .map(|(_, value)| value.to_owned())
            }),
        None => None,
    };
    // The only body error a client can still read the answer to is the size limit; a broken
    // connection gets no answer at all.
    let Ok(body) = axum::body::to_bytes(body, BODY_LIMIT).await else {
        return response(runtime.request_too_large(&request_from(&parts, Vec::new())));
    };
    let request = request_from(&parts, body.to_vec());
    let mut data = match load(runtime, &session).await {
        Ok(data) => data,
        Err(err) => return unavailable(runtime, &request, &err),
    };
    let reply = runtime
        .handle(route, param.as_deref(), &request, &mut data)
        .await;
    if let Err(err) = apply(&session, data.take_ops()).await {
        return unavailable(runtime, &request, &err);
    }
    response(reply)
}

/// The neutral parts of a request: the path as the client sent it (a nested router sees it
/// stripped of its prefix, `OriginalUri` does not), and the TCP peer when the host serves
/// with `into_make_service_with_connect_info::<SocketAddr>()` (rate limiting needs it).
pub(crate) fn request_from(parts: &Parts, body: Vec<u8>) -> Request {
    let uri = parts
        .extensions
        .get::<OriginalUri>()
        .map_or(&parts.uri, |original| &original.0);
    Request {
        method: parts.method.clone(),
        path: uri.path().to_owned(),
        query: uri.query().unwrap_or_default().to_owned(),
        headers: parts.headers.clone(),
        peer: parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|info| info.0),
        body,
    }
}

/// The session's values under the keys the front end reads: a tower-sessions session cannot
/// list its keys, so the runtime names them. A store failure (Redis down) is an error here.
pub(crate) async fn load(
    runtime: &Runtime,
    session: &Session,
) -> Result<SessionData, SessionError> {
    let mut values = Vec::new();
    for key in runtime.session_keys() {
        if let Some(value) = session.get_value(&key).await? {
            values.push((key, value));
        }
    }
    Ok(SessionData::from_values(values))
}

/// Carries out the front end's changes, in order. Every change is matched: a new kind of
/// change is a compile error here, never a dropped one.
pub(crate) async fn apply(session: &Session, ops: Vec<SessionOp>) -> Result<(), SessionError> {
    for op in ops {
        match op {
            SessionOp::Set(key, value) => {
                session.insert_value(&key, value).await?;
            }
            SessionOp::Remove(key) => {
                session.remove_value(&key).await?;
            }
            SessionOp::Renew => session.cycle_id().await?,
            SessionOp::Purge => session.flush().await?,
        }
    }
    Ok(())
}

/// `reply` as an axum response: status, every header (duplicates kept), body.
pub(crate) fn response(reply: Reply) -> Response {
    let mut response = Response::new(Body::from(reply.body));
    *response.status_mut() = reply.status;
    *response.headers_mut() = reply.headers;
    response
}

/// A session store failure, answered as the front end answers outages: 503 + `Retry-After`,
/// in the language of `request` (which needs only what [`Request::language_only`] keeps).
pub(crate) fn unavailable(runtime: &Runtime, request: &Request, err: &SessionError) -> Response {
    tracing::warn!(error = %err, "session store unavailable");
    response(runtime.session_unavailable_for(request))
}

/// A session failure as the library's error type, for the host helpers: a store outage
/// (503 on the library's pages).
pub(crate) fn session_error(err: &SessionError) -> OAuthError {
    OAuthError::Store(StoreError::unavailable(format!("session store: {err}")))
}

/// A short plain-text answer for what is no page of the front end.
fn plain(status: StatusCode, message: &'static str) -> Response {
    let mut reply = Reply::empty(status);
    reply.headers.insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    reply.body = String::from(message);
    response(reply)
}

/// Runs `f` over this session as data and applies what it changed: the host helpers (CSRF,
/// flash, sign-in) share the front end's code this way.
pub(crate) async fn with_session<T>(
    runtime: &Runtime,
    session: &Session,
    f: impl FnOnce(&mut SessionData) -> T,
) -> Result<T, OAuthError> {
    let mut data = load(runtime, session)
        .await
        .map_err(|err| session_error(&err))?;
    let out = f(&mut data);
    apply(session, data.take_ops())
        .await
        .map_err(|err| session_error(&err))?;
    Ok(out)
}
