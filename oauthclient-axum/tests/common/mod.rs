//! A real axum server on a loopback port: oauthclient-axum nested under `/auth`, a SQLite
//! store in a temporary directory, a GitHub app (the login redirect never contacts GitHub),
//! and a cookie-keeping HTTP client.

#![allow(
    dead_code,
    reason = "each test binary uses a different part of this module"
)]

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::http::request::Parts;
use axum::routing::get;
use oauthclient_axum::{OAuthRouter, OAuthSessionLayer, Session, SessionCurrentUser};
use oauthclient_core::account::NewUser;
use oauthclient_core::config::NoEnv;
use oauthclient_core::{OAuthClientConfig, Registry, UserStore};
use oauthclient_github as _; // links the `github` provider
use oauthclient_store_diesel::DieselStore;

/// One running site; the server stops when it is dropped.
pub struct Site {
    /// `http://127.0.0.1:{port}`.
    pub base: String,
    pub oauth: OAuthRouter,
    server: tokio::task::JoinHandle<()>,
    _db: tempfile::TempDir,
}

impl Drop for Site {
    fn drop(&mut self) {
        self.server.abort();
    }
}

impl Site {
    /// `path` on this site.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

/// A site whose sessions are those of `layer` (e.g. `OAuthRouter::session_layer`).
pub async fn site(layer: impl FnOnce(&OAuthRouter) -> OAuthSessionLayer) -> Site {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    let toml = format!(
        "secret_key = \"axum-test-secret-axum-test-secret-axum-test\"\n\
         site_url = \"{base}/auth\"\n\
         [remote_apps.github]\n\
         [GITHUB_APP_CREDENTIALS]\nconsumer_key = \"Iv1.id\"\nconsumer_secret = \"secret\"\n"
    );
    let registry = Registry::from_inventory().expect("registry");
    let config = OAuthClientConfig::from_toml_str(&toml, &NoEnv, &registry)
        .unwrap_or_else(|err| panic!("test config: {err}\n{toml}"));
    let db = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", db.path().join("axum.sqlite").display());
    let store = Arc::new(DieselStore::open(&config, &url).await.expect("store"));
    let oauth: OAuthRouter = OAuthRouter::builder(config, registry)
        .store(store.clone())
        // The host's login page: anonymous visitors of library pages go there with `next`.
        .current_user(Arc::new(
            SessionCurrentUser::default().with_login_url("/login"),
        ))
        .build()
        .expect("oauth router");
    let app = Router::new()
        .nest("/auth", oauth.router())
        .merge(host_routes(&oauth, store))
        .layer(layer(&oauth));
    let server = tokio::spawn(async move {
        let service = app.into_make_service_with_connect_info::<SocketAddr>();
        axum::serve(listener, service).await.expect("serve");
    });
    Site {
        base,
        oauth,
        server,
        _db: db,
    }
}

/// The host's own routes, over the same session: a flash pushed on one request and taken on
/// the next; the host's own sign-in form (a new user each time) and who is signed in.
fn host_routes(oauth: &OAuthRouter, store: Arc<DieselStore>) -> Router {
    let push = oauth.clone();
    let take = oauth.clone();
    let sign_in = oauth.clone();
    let whoami = oauth.clone();
    Router::new()
        .route(
            "/host/sign-in",
            get(move |parts: Parts, session: Session| async move {
                let user = store
                    .create_user(&NewUser {
                        email: "ada@example.org".to_owned(),
                        username: None,
                        full_name: None,
                        confirmed: true,
                    })
                    .await
                    .expect("user");
                sign_in
                    .sign_in(&parts, &session, &user)
                    .await
                    .expect("sign in");
                "signed in"
            }),
        )
        .route(
            "/host/whoami",
            get(move |parts: Parts, session: Session| async move {
                let user = whoami.signed_in_user(&parts, &session).await.expect("user");
                user.map(|user| user.email).unwrap_or_default()
            }),
        )
        .route(
            "/host/flash",
            get(move |session: Session| async move {
                push.push_flash(&session, "info", "hello")
                    .await
                    .expect("push");
                "pushed"
            }),
        )
        .route(
            "/host/flashes",
            get(move |session: Session| async move {
                let flashes = take.take_flashes(&session).await.expect("take");
                flashes
                    .iter()
                    .map(|flash| flash.message.clone())
                    .collect::<Vec<_>>()
                    .join(",")
            }),
        )
}

/// A browser: keeps cookies, does not follow redirects.
pub fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

/// The session's CSRF token from the JSON API.
pub async fn csrf(client: &reqwest::Client, site: &Site) -> String {
    let response = client
        .get(site.url("/auth/api/oauth/csrf"))
        .send()
        .await
        .expect("csrf");
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.expect("json");
    body["csrf_token"].as_str().expect("a token").to_owned()
}

/// The `Set-Cookie` headers of `response`.
pub fn set_cookies(response: &reqwest::Response) -> Vec<String> {
    response
        .headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .map(|value| value.to_str().expect("text").to_owned())
        .collect()
}
