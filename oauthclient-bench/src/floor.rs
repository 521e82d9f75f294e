//! The floors: the least each framework's server can do for a login, a `302` with a `state`.

use actix_web::http::header::LOCATION;
use actix_web::{App, HttpResponse, HttpServer, web};

/// Where the floors redirect: the same shape of answer as a real login redirect.
pub const FLOOR_LOCATION: &str =
    "http://127.0.0.1:9/authorize?response_type=code&client_id=floor&state=floor-state";

/// Serves `GET /oauth/login/{app}/` on actix-web with a constant `302` until killed, with as
/// many workers as the demo.
pub fn serve(port: u16) -> Result<(), String> {
    actix_web::rt::System::new()
        .block_on(async move {
            HttpServer::new(|| {
                App::new().route(
                    "/oauth/login/{app}/",
                    web::get().to(|| async {
                        HttpResponse::Found()
                            .insert_header((LOCATION, FLOOR_LOCATION))
                            .finish()
                    }),
                )
            })
            .workers(2)
            .bind(("127.0.0.1", port))?
            .run()
            .await
        })
        .map_err(|err| format!("floor server on port {port}: {err}"))
}

/// The same on axum: one route, the same `302`, tokio with 2 worker threads like the axum
/// site.
pub fn serve_axum(port: u16) -> Result<(), String> {
    use axum::http::{StatusCode, header};
    use axum::routing::get;

    let app = axum::Router::new().route(
        "/oauth/login/{app}/",
        get(|| async { (StatusCode::FOUND, [(header::LOCATION, FLOOR_LOCATION)]) }),
    );
    crate::axum_site::runtime()?
        .block_on(async move {
            let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
            axum::serve(listener, app).await
        })
        .map_err(|err| format!("axum floor server on port {port}: {err}"))
}
