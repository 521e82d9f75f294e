//! A real server on a loopback port: oauthclient-web on actix-web, SQLite store, the
//! testkit's fake provider on another port, and a cookie-keeping HTTP client.

#![allow(
    dead_code,
    reason = "each test binary uses a different part of this module"
)]

pub use oauthclient_testkit::site::proxy;

use std::collections::BTreeMap;
use std::net::TcpListener;
use std::sync::Arc;

use actix_session::SessionExt;
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use oauthclient_core::account::{NewUser, UserId};
use oauthclient_core::config::NoEnv;
use oauthclient_core::email::MemoryMailbox;
use oauthclient_core::{OAuthClientConfig, Registry, UserStore};
use oauthclient_store_diesel::{DieselStore, StoreOptions, TokenKeys};
use oauthclient_testkit::FakeProvider;
use oauthclient_web::{OAuthClient, OAuthClientBuilder, USER_ID_KEY};

pub const APP: &str = "fake";

/// Everything one test needs; the server stops when it is dropped.
pub struct TestSite {
    pub base: String,
    pub provider: FakeProvider,
    pub store: Arc<DieselStore>,
    pub db_dir: tempfile::TempDir,
    pub server: actix_web::dev::ServerHandle,
    /// The configuration the site runs with (to start more instances of it).
    pub toml: String,
    /// The site's `OAuthClient` (for its host-side API).
    pub client: OAuthClient,
    /// Where the site's confirmation mail goes.
    pub mailbox: MemoryMailbox,
}

impl Drop for TestSite {
    fn drop(&mut self) {
        // Stop without waiting; the runtime ends with the test.
        drop(self.server.stop(false));
    }
}

/// Extra TOML appended to the generated configuration (more apps, flags).
pub async fn site() -> TestSite {
    site_with(|toml| toml).await
}

pub async fn site_with(edit: impl FnOnce(String) -> String) -> TestSite {
    site_with_sessions(edit, Sessions::cookie()).await
}

pub async fn site_with_sessions(
    edit: impl FnOnce(String) -> String,
    sessions: Sessions,
) -> TestSite {
    site_on(edit, sessions, None).await
}

/// A site on the given database (default: a fresh SQLite file in `db_dir`).
pub async fn site_on(
    edit: impl FnOnce(String) -> String,
    sessions: Sessions,
    database_url: Option<String>,
) -> TestSite {
    site_built(edit, sessions, database_url, true, |builder| builder).await
}

/// A site whose `OAuthClient` builder the test adjusts (a host policy, frame ancestors...).
pub async fn site_customized(
    edit: impl FnOnce(String) -> String,
    customize: impl FnOnce(OAuthClientBuilder) -> OAuthClientBuilder,
) -> TestSite {
    site_built(edit, Sessions::cookie(), None, true, customize).await
}

/// A site that sends no mail at all (`email_verification = "optional"` allows it).
pub async fn site_without_mailer() -> TestSite {
    site_built(
        |toml| toml,
        Sessions::cookie(),
        None,
        false,
        |builder| builder,
    )
    .await
}

async fn site_built(
    edit: impl FnOnce(String) -> String,
    sessions: Sessions,
    database_url: Option<String>,
    with_mailer: bool,
    customize: impl FnOnce(OAuthClientBuilder) -> OAuthClientBuilder,
) -> TestSite {
    let provider = FakeProvider::start().await.expect("fake provider starts");
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let base = format!("http://127.0.0.1:{port}");
    let toml = format!(
        "secret_key = \"web-test-secret-web-test-secret-web-test\"\nsite_url = \"{base}\"\ntrusted_hosts = [\"docs.example.org\"]\n{}",
        provider.remote_app_toml(APP)
    );
    let toml = edit(toml);
    let registry = Registry::from_inventory().expect("registry");
    let config = OAuthClientConfig::from_toml_str(&toml, &NoEnv, &registry)
        .unwrap_or_else(|err| panic!("test config: {err}\n{toml}"));
    let db_dir = tempfile::tempdir().expect("temp dir");
    let url = database_url
        .unwrap_or_else(|| format!("sqlite://{}", db_dir.path().join("web.sqlite").display()));
    let keys = TokenKeys::from_config(&config.secret_keys).expect("keys");
    let store = Arc::new(
        DieselStore::connect(&url, keys, StoreOptions::default())
            .await
            .expect("store"),
    );
    let mailbox = MemoryMailbox::default();
    let oauth = build_client_with(
        config,
        registry,
        &store,
        with_mailer.then_some(&mailbox),
        customize,
    );
    let client = oauth.clone();
    let server = spawn_server(oauth, listener, Some(sessions));
    TestSite {
        base,
        provider,
        store,
        db_dir,
        server,
        toml,
        client,
        mailbox,
    }
}

pub fn build_client(
    config: OAuthClientConfig,
    registry: Registry,
    store: &Arc<DieselStore>,
    mailbox: &MemoryMailbox,
) -> OAuthClient {
    build_client_with(config, registry, store, Some(mailbox), |builder| builder)
}

fn build_client_with(
    config: OAuthClientConfig,
    registry: Registry,
    store: &Arc<DieselStore>,
    mailbox: Option<&MemoryMailbox>,
    customize: impl FnOnce(OAuthClientBuilder) -> OAuthClientBuilder,
) -> OAuthClient {
    let with_smtp = config.mail.is_some();
    let builder = OAuthClient::builder(config, registry);
    // `[mail]` (a real SMTP server) wins; otherwise mail stays in the test's mailbox.
    let builder = match mailbox {
        Some(mailbox) if !with_smtp => builder.mailer(Arc::new(mailbox.clone())),
        _ => builder,
    };
    customize(builder)
        .store(store.clone())
        // Short enough that the slow-provider test does not wait long.
        .http_limits(oauthclient_core::client::HttpLimits {
            timeout: std::time::Duration::from_secs(2),
            ..oauthclient_core::client::HttpLimits::default()
        })
        .build()
        .expect("oauth client")
}

/// Which session store a test server uses.
pub use oauthclient_web::SessionBackend as Sessions;

pub fn spawn_server(
    oauth: OAuthClient,
    listener: TcpListener,
    sessions: Option<Sessions>,
) -> actix_web::dev::ServerHandle {
    let sessions = sessions.unwrap_or_else(Sessions::cookie);
    let server = HttpServer::new(move || {
        App::new()
            .configure(oauth.configure())
            .route("/test/login/{id}", web::get().to(test_login))
            .route("/test/whoami", web::get().to(whoami))
            .route("/test/session-token", web::get().to(session_token))
            .route(
                "/",
                web::get().to(|| async { HttpResponse::Ok().body("home") }),
            )
            .wrap(oauth.session_middleware_with(sessions.clone()))
            .wrap(actix_web::middleware::from_fn(cookie_size_guard))
    })
    .workers(1)
    .listen(listener)
    .expect("listen")
    .run();
    let handle = server.handle();
    tokio::spawn(server);
    handle
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

/// Largest `Set-Cookie` any test response may carry. Browsers drop cookies over ~4 KB
/// silently; the library keeps only ids and small flags in the session, so every flow stays
/// far below that.
pub const MAX_COOKIE_BYTES: usize = 1024;

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

/// Whether the session holds a token for the fake app (`{prefix}:app:{app}`).
async fn session_token(req: HttpRequest) -> HttpResponse {
    let key = format!("oauth_token:app:{APP}");
    match req
        .get_session()
        .get::<serde_json::Value>(&key)
        .ok()
        .flatten()
    {
        Some(_) => HttpResponse::Ok().body("present"),
        None => HttpResponse::Ok().body("absent"),
    }
}

async fn whoami(req: HttpRequest) -> HttpResponse {
    match req.get_session().get::<UserId>(USER_ID_KEY).ok().flatten() {
        Some(id) => HttpResponse::Ok().body(id.to_string()),
        None => HttpResponse::Ok().body("anonymous"),
    }
}

/// A browser: keeps cookies, never follows redirects by itself.
pub fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

pub fn location(response: &reqwest::Response) -> String {
    response
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

pub fn query(url: &str) -> BTreeMap<String, String> {
    url::Url::parse(url)
        .map(|url| url.query_pairs().into_owned().collect())
        .unwrap_or_default()
}

impl TestSite {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// GET /oauth/login/{app}/ (confirming the connection when signed in) and return the
    /// provider authorize URL it redirects to.
    pub async fn start_login(&self, browser: &reqwest::Client, next: Option<&str>) -> String {
        let mut url = url::Url::parse(&self.url(&format!("/oauth/login/{APP}/"))).expect("url");
        if let Some(next) = next {
            url.query_pairs_mut().append_pair("next", next);
        }
        let response =
            oauthclient_testkit::browser_actions::start_flow(browser, url.as_str()).await;
        assert_eq!(response.status(), 302, "login redirects");
        location(&response)
    }

    /// Visits the provider's authorize URL; returns the callback URL it redirects to.
    pub async fn authorize(&self, browser: &reqwest::Client, authorize_url: &str) -> String {
        let response = browser.get(authorize_url).send().await.expect("authorize");
        assert_eq!(response.status(), 302, "provider redirects back");
        location(&response)
    }

    /// The whole round trip; returns the callback's response.
    pub async fn login(&self, browser: &reqwest::Client, next: Option<&str>) -> reqwest::Response {
        let authorize_url = self.start_login(browser, next).await;
        let callback = self.authorize(browser, &authorize_url).await;
        browser.get(callback).send().await.expect("callback")
    }

    /// Signs out as a browser would: the confirmation page, then its CSRF-checked form.
    pub async fn logout(&self, browser: &reqwest::Client) -> reqwest::Response {
        oauthclient_testkit::browser_actions::sign_out(browser, &self.base).await
    }

    pub async fn whoami(&self, browser: &reqwest::Client) -> String {
        browser
            .get(self.url("/test/whoami"))
            .send()
            .await
            .expect("whoami")
            .text()
            .await
            .expect("body")
    }

    pub async fn session_token(&self, browser: &reqwest::Client) -> String {
        browser
            .get(self.url("/test/session-token"))
            .send()
            .await
            .expect("session token")
            .text()
            .await
            .expect("body")
    }

    pub async fn sign_in_as(&self, browser: &reqwest::Client, user_id: &UserId) {
        let response = browser
            .get(self.url(&format!("/test/login/{user_id}")))
            .send()
            .await
            .expect("test login");
        assert_eq!(response.status(), 200);
    }

    pub async fn local_user(&self, email: &str) -> UserId {
        self.store
            .create_user(&NewUser {
                email: email.to_owned(),
                username: None,
                full_name: None,
                confirmed: true,
            })
            .await
            .expect("user")
            .id
    }

    /// Runs SQL on the site's SQLite file (test set-up the store API does not offer).
    pub fn execute(&self, sql: &str) {
        use diesel::Connection;
        use diesel::connection::SimpleConnection;
        let path = self.db_dir.path().join("web.sqlite");
        diesel::SqliteConnection::establish(&path.display().to_string())
            .expect("open")
            .batch_execute(sql)
            .expect("execute");
    }

    /// Rows in a table, counted through a fresh SQLite connection.
    pub fn count(&self, table: &str) -> i64 {
        use diesel::{Connection, RunQueryDsl};
        #[derive(diesel::QueryableByName)]
        struct Count {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            n: i64,
        }
        let path = self.db_dir.path().join("web.sqlite");
        let mut conn =
            diesel::SqliteConnection::establish(&path.display().to_string()).expect("open");
        diesel::sql_query(format!("SELECT COUNT(*) AS n FROM {table}"))
            .get_result::<Count>(&mut conn)
            .expect("count")
            .n
    }

    /// The body of a page and the CSRF token in its first form.
    pub async fn page_with_csrf(
        &self,
        browser: &reqwest::Client,
        path: &str,
    ) -> (u16, String, String) {
        let response = browser.get(self.url(path)).send().await.expect("page");
        let status = response.status().as_u16();
        let body = response.text().await.expect("body");
        let token = body
            .split("name=\"csrf_token\" value=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_default()
            .to_owned();
        (status, body, token)
    }
}

impl TestSite {
    /// A local account with a password (the host's own sign-up), its address unconfirmed.
    pub async fn password_user(&self, email: &str) -> UserId {
        let user = self
            .store
            .create_user(&NewUser {
                email: email.to_owned(),
                username: None,
                full_name: None,
                confirmed: false,
            })
            .await
            .expect("user");
        self.store
            .set_password_hash(
                &user.id,
                Some("$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaA".into()),
            )
            .await
            .expect("password");
        user.id
    }

    /// The confirmation link of the newest message to `to`, as a path on this site.
    pub fn confirmation_path(&self, to: &str) -> String {
        let message = self
            .mailbox
            .messages()
            .into_iter()
            .rev()
            .find(|message| message.to == to)
            .unwrap_or_else(|| panic!("no mail to {to}"));
        confirmation_path_in(&message.text, &self.base)
    }

    /// Follows a confirmation link: the page, then its button. Returns the final response.
    pub async fn confirm(&self, browser: &reqwest::Client, path: &str) -> reqwest::Response {
        let (status, body, csrf) = self.page_with_csrf(browser, path).await;
        if status != 200 {
            return browser.get(self.url(path)).send().await.expect("page");
        }
        assert!(body.contains("Confirm"), "{body}");
        browser
            .post(self.url(path))
            .form(&[("csrf_token", csrf.as_str())])
            .send()
            .await
            .expect("confirm")
    }
}

/// The `/oauth/confirm-email/...` path in a mail body that links to `base`.
pub fn confirmation_path_in(text: &str, base: &str) -> String {
    text.split_whitespace()
        .find_map(|word| {
            word.strip_prefix(base)
                .filter(|path| path.starts_with("/oauth/confirm-email/"))
        })
        .unwrap_or_else(|| panic!("no confirmation link in {text}"))
        .to_owned()
}

impl TestSite {
    /// A vouched sign-in that meets an unconfirmed claim stops at the choice "is this your
    /// account?"; returns that page.
    pub async fn login_asks(&self, browser: &reqwest::Client) -> String {
        let response = self.login(browser, None).await;
        assert_eq!(
            location(&response),
            format!("/oauth/signup/{APP}/"),
            "asks first"
        );
        let (status, body, _) = self
            .page_with_csrf(browser, &format!("/oauth/signup/{APP}/"))
            .await;
        assert_eq!(status, 200, "{body}");
        assert!(body.contains("data-unconfirmed-claim"), "{body}");
        body
    }

    /// In a fresh browser, a vouched sign-in meets the unconfirmed claim and answers "it is not
    /// mine": the browser, signed in to its new account, and that account's id.
    pub async fn sign_in_past_a_claim(&self) -> (reqwest::Client, UserId) {
        let browser = browser();
        self.login_asks(&browser).await;
        assert_eq!(self.continue_as_new(&browser).await.status(), 302);
        let id = UserId::new(self.whoami(&browser).await);
        (browser, id)
    }

    /// "It is not mine": continues with an account of one's own.
    pub async fn continue_as_new(&self, browser: &reqwest::Client) -> reqwest::Response {
        self.submit(
            browser,
            &format!("/oauth/signup/{APP}/"),
            &format!("/oauth/signup/{APP}/continue"),
            &[],
        )
        .await
    }
}

impl TestSite {
    /// Loads `form_page` for its CSRF token, then posts `fields` (plus the token) to `action`,
    /// as a browser submitting that page's form would.
    pub async fn submit(
        &self,
        browser: &reqwest::Client,
        form_page: &str,
        action: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        let (_, _, csrf) = self.page_with_csrf(browser, form_page).await;
        let mut form = vec![("csrf_token", csrf.as_str())];
        form.extend_from_slice(fields);
        browser
            .post(self.url(action))
            .form(&form)
            .send()
            .await
            .unwrap_or_else(|err| panic!("POST {action}: {err}"))
    }

    /// The body of `path`.
    pub async fn body(&self, browser: &reqwest::Client, path: &str) -> String {
        browser
            .get(self.url(path))
            .send()
            .await
            .unwrap_or_else(|err| panic!("GET {path}: {err}"))
            .text()
            .await
            .unwrap_or_else(|err| panic!("GET {path} body: {err}"))
    }

    /// This browser's CSRF token, as a single-page app gets it (works signed out too).
    pub async fn csrf(&self, browser: &reqwest::Client) -> String {
        let body: serde_json::Value = browser
            .get(self.url("/api/oauth/csrf"))
            .send()
            .await
            .expect("csrf")
            .json()
            .await
            .expect("json");
        body["csrf_token"].as_str().expect("token").to_owned()
    }

    /// The addresses mailed so far, once at least `count` messages arrived (mail sent off
    /// the request path), waiting at most 5 s.
    pub async fn mailed(&self, count: usize) -> Vec<String> {
        for _ in 0..500 {
            if self.mailbox.messages().len() >= count {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
        self.mailbox
            .messages()
            .into_iter()
            .map(|mail| mail.to)
            .collect()
    }
}

/// The configuration with the test app's `trust_email` off: its verified addresses prove
/// nothing (an ORCID-like provider).
#[allow(clippy::needless_pass_by_value, reason = "the shape site_with takes")]
pub fn untrusted(toml: String) -> String {
    toml.replace(
        &format!("[remote_apps.{APP}]"),
        &format!("[remote_apps.{APP}]\ntrust_email = false"),
    )
}
