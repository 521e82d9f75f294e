//! The actix-web side of the front end: a request's parts into a [`Request`], the
//! actix-session into a [`SessionData`] and the recorded changes back, a [`Reply`] into an
//! `HttpResponse`. Nothing here decides anything.

use actix_session::{Session, SessionExt};
use actix_web::http::StatusCode;
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, web};
use oauthclient_frontend::{Reply, Request, Route, RouteMethod, Runtime, SessionData, SessionOp};

/// Registers every route of the front end on `cfg`, each served by [`serve`]: one resource
/// per path pattern holding its methods, so a method the pattern does not answer is a 405
/// with `Allow` (as axum answers), not a 404 as if the path did not exist.
pub(crate) fn routes(cfg: &mut web::ServiceConfig, runtime: &Runtime) {
    let routes = oauthclient_frontend::ROUTES;
    for (index, first) in routes.iter().enumerate() {
        if routes[..index]
            .iter()
            .any(|earlier| earlier.pattern == first.pattern)
        {
            continue;
        }
        let mut resource = web::resource(first.pattern);
        for route in routes.iter().filter(|route| route.pattern == first.pattern) {
            let runtime = runtime.clone();
            let method = match route.method {
                RouteMethod::Get => web::get(),
                RouteMethod::Post => web::post(),
                RouteMethod::Options => web::route().method(actix_web::http::Method::OPTIONS),
            };
            resource = resource.route(method.to(
                move |req: HttpRequest, body: Result<web::Bytes, actix_web::Error>| {
                    let runtime = runtime.clone();
                    async move {
                        match body {
                            Ok(body) => serve(&runtime, route, &req, body).await,
                            Err(err) => body_refused(&runtime, &req, &err),
                        }
                    }
                },
            ));
        }
        cfg.service(resource);
    }
}

/// One request of `route`.
async fn serve(
    runtime: &Runtime,
    route: &Route,
    req: &HttpRequest,
    body: web::Bytes,
) -> HttpResponse {
    let request = request(req, &body);
    let param = route
        .param_name()
        .and_then(|name| req.match_info().get(name));
    let session = req.get_session();
    let mut data = load(&session);
    let reply = runtime.handle(route, param, &request, &mut data).await;
    apply(&session, data.take_ops());
    response(reply)
}

/// A body actix could not read: over the size limit, the library's 413 in the request's
/// language; anything else, actix's own answer.
fn body_refused(runtime: &Runtime, req: &HttpRequest, err: &actix_web::Error) -> HttpResponse {
    if err.as_response_error().status_code() == StatusCode::PAYLOAD_TOO_LARGE {
        return response(runtime.request_too_large(&request(req, &[])));
    }
    err.error_response()
}

/// The neutral parts of `req`.
pub(crate) fn request(req: &HttpRequest, body: &[u8]) -> Request {
    let mut headers = http::HeaderMap::new();
    for (name, value) in req.headers() {
        if let (Ok(name), Ok(value)) = (
            http::HeaderName::from_bytes(name.as_str().as_bytes()),
            http::HeaderValue::from_bytes(value.as_bytes()),
        ) {
            headers.append(name, value);
        }
    }
    Request {
        method: http::Method::from_bytes(req.method().as_str().as_bytes()).unwrap_or_default(),
        path: req.path().to_owned(),
        query: req.query_string().to_owned(),
        headers,
        peer: req.peer_addr(),
        body: body.to_vec(),
    }
}

/// Only what picks `req`'s language ([`Request::language_only`]), kept for an answer given
/// after the request itself is gone.
pub(crate) fn language_request(req: &HttpRequest) -> Request {
    let mut headers = http::HeaderMap::new();
    for name in [http::header::ACCEPT_LANGUAGE, http::header::COOKIE] {
        for value in req.headers().get_all(name.as_str()) {
            if let Ok(value) = http::HeaderValue::from_bytes(value.as_bytes()) {
                headers.append(name.clone(), value);
            }
        }
    }
    Request::language_only(req.query_string(), &headers)
}

/// The session's values (actix-session keeps each as a JSON string).
pub(crate) fn load(session: &Session) -> SessionData {
    let entries = session.entries();
    SessionData::from_values(entries.iter().filter_map(|(key, raw)| {
        serde_json::from_str(raw)
            .ok()
            .map(|value| (key.clone(), value))
    }))
}

/// Carries out the front end's changes, in order.
pub(crate) fn apply(session: &Session, ops: Vec<SessionOp>) {
    let mut ops = ops.into_iter().peekable();
    while let Some(op) = ops.next() {
        match op {
            SessionOp::Set(key, value) => {
                if let Err(err) = session.insert(key, value) {
                    tracing::error!(error = %err, "a session value could not be stored");
                }
            }
            SessionOp::Remove(key) => {
                session.remove(&key);
            }
            SessionOp::Renew => session.renew(),
            // actix-session ignores values set after a purge: when the fresh session gets
            // some (a flash), empty it under a new key instead (the old key is deleted).
            SessionOp::Purge if ops.peek().is_some() => {
                session.clear();
                session.renew();
            }
            SessionOp::Purge => session.purge(),
        }
    }
}

/// `reply` as an actix-web response.
pub(crate) fn response(reply: Reply) -> HttpResponse {
    let status =
        StatusCode::from_u16(reply.status.as_u16()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = HttpResponse::build(status);
    for (name, value) in &reply.headers {
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_str().as_bytes()),
            HeaderValue::from_bytes(value.as_bytes()),
        ) {
            response.append_header((name, value));
        }
    }
    response.body(reply.body)
}

/// Runs `f` over this request's session as data and applies what it changed: the host-facing
/// helpers (CSRF, flash, sign-in) share the front end's code this way.
pub(crate) fn with_session<T>(req: &HttpRequest, f: impl FnOnce(&mut SessionData) -> T) -> T {
    let session = req.get_session();
    let mut data = load(&session);
    let out = f(&mut data);
    apply(&session, data.take_ops());
    out
}
