//! The actix-web adapter ([`oauthclient_web`]) under the harness.

use std::net::TcpListener;
use std::time::Duration;

use actix_session::SessionExt;
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use oauthclient_core::account::UserId;
use oauthclient_frontend::{Runtime, USER_ID_KEY};
use oauthclient_web::{OAuthClient, SessionBackend};

use super::adapter::{Adapter, MAX_COOKIE_BYTES, Running, SESSION_TOKEN_KEY, Sessions};

/// `oauthclient-web` on actix-web.
#[derive(Debug, Clone, Copy, Default)]
pub struct Actix;

struct Server(actix_web::dev::ServerHandle);

impl Running for Server {}

impl Drop for Server {
    fn drop(&mut self) {
        // Stop without waiting; the runtime ends with the test.
        drop(self.0.stop(false));
    }
}

#[async_trait::async_trait]
impl Adapter for Actix {
    fn name(&self) -> &'static str {
        "actix-web"
    }

    async fn serve(
        &self,
        runtime: Runtime,
        listener: TcpListener,
        prefix: &str,
        sessions: &Sessions,
    ) -> Result<Box<dyn Running>, String> {
        let store = match sessions {
            Sessions::Cookie => SessionBackend::cookie(),
            Sessions::Redis(url) => SessionBackend::Redis(
                oauthclient_web::connect_redis_store(url, Duration::from_secs(3))
                    .await
                    .map_err(|err| err.to_string())?,
            ),
        };
        let oauth = OAuthClient::from(runtime);
        let prefix = prefix.to_owned();
        let server = HttpServer::new(move || {
            // The library and the harness's host routes, under the prefix.
            let site = web::scope(&prefix)
                .configure(oauth.configure())
                .route("/test/login/{id}", web::get().to(test_login))
                .route("/test/whoami", web::get().to(whoami))
                .route("/test/locale", web::get().to(locale))
                .route("/test/session-token", web::get().to(session_token))
                .route(
                    "/test/session-token/callback",
                    web::get().to(session_token_callback),
                )
                .route(
                    "/",
                    web::get().to(|| async { HttpResponse::Ok().body("home") }),
                );
            App::new()
                .service(site)
                .wrap(oauth.session_middleware_with(store.clone()))
                .wrap(actix_web::middleware::from_fn(cookie_size_guard))
        })
        .workers(1)
        .listen(listener)
        .map_err(|err| err.to_string())?
        .run();
        let handle = server.handle();
        tokio::spawn(server);
        Ok(Box::new(Server(handle)))
    }
}

/// Stands in for the host app's own password login.
async fn test_login(req: HttpRequest, id: web::Path<UserId>) -> HttpResponse {
    let session = req.get_session();
    session.renew();
    match session.insert(USER_ID_KEY, id.into_inner()) {
        Ok(()) => HttpResponse::Ok().body("signed in"),
        Err(_) => HttpResponse::InternalServerError().finish(),
    }
}

async fn whoami(req: HttpRequest) -> HttpResponse {
    match req.get_session().get::<UserId>(USER_ID_KEY).ok().flatten() {
        Some(id) => HttpResponse::Ok().body(id.to_string()),
        None => HttpResponse::Ok().body("anonymous"),
    }
}

/// A host page's locale: `tag dir`.
async fn locale(req: HttpRequest) -> HttpResponse {
    let locale = oauthclient_web::locale(&req).await;
    HttpResponse::Ok().body(format!("{} {}", locale.tag(), locale.dir()))
}

async fn session_token_callback(req: HttpRequest) -> HttpResponse {
    let token = req
        .get_session()
        .get::<serde_json::Value>(SESSION_TOKEN_KEY)
        .ok()
        .flatten();
    HttpResponse::Ok().body(super::adapter::token_callback(token.as_ref()))
}

async fn session_token(req: HttpRequest) -> HttpResponse {
    let present = req
        .get_session()
        .get::<serde_json::Value>(SESSION_TOKEN_KEY)
        .ok()
        .flatten()
        .is_some();
    HttpResponse::Ok().body(if present { "present" } else { "absent" })
}

/// Fails any response (500, with the reason) whose session cookie grew past
/// [`MAX_COOKIE_BYTES`]: every flow of every test is checked.
async fn cookie_size_guard(
    req: actix_web::dev::ServiceRequest,
    next: actix_web::middleware::Next<impl actix_web::body::MessageBody + 'static>,
) -> Result<actix_web::dev::ServiceResponse<actix_web::body::BoxBody>, actix_web::Error> {
    let response = next.call(req).await?;
    let largest = response
        .headers()
        .get_all(actix_web::http::header::SET_COOKIE)
        .map(actix_web::http::header::HeaderValue::len)
        .max()
        .unwrap_or(0);
    if largest > MAX_COOKIE_BYTES {
        let (req, _) = response.into_parts();
        let body =
            format!("test guard: a Set-Cookie of {largest} bytes (limit {MAX_COOKIE_BYTES})");
        return Ok(actix_web::dev::ServiceResponse::new(
            req,
            HttpResponse::InternalServerError().body(body),
        ));
    }
    Ok(response.map_into_boxed_body())
}
