//! A real site for tests (feature `site`): `oauthclient-web` on a loopback port with an SQLite
//! store, configured for one remote app, plus test-only routes standing in for the host app's
//! own login (`/test/login/{id}`, `/test/whoami`). Provider crates use it to test their flows
//! end to end against a stand-in, the way `oauthclient-web`'s own tests do.
//!
//! ```no_run
//! # async fn example() {
//! use oauthclient_testkit::FakeProvider;
//! use oauthclient_testkit::site::{Site, browser};
//!
//! let provider = FakeProvider::start().await.expect("provider");
//! let toml = provider.remote_app_toml("fake");
//! let site = Site::start(provider, "fake", &toml, |toml| toml).await;
//! let browser = browser();
//! let response = site.login(&browser, None).await;
//! assert_eq!(response.status(), 302);
//! # }
//! ```

mod browser;

use std::net::TcpListener;
use std::sync::Arc;

use actix_session::SessionExt;
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use oauthclient_core::account::{NewUser, UserId};
use oauthclient_core::config::NoEnv;
use oauthclient_core::email::MemoryMailbox;
use oauthclient_core::{OAuthClientConfig, Registry, UserStore};
use oauthclient_store_diesel::{DieselStore, StoreOptions, TokenKeys};
use oauthclient_web::{OAuthClient, SessionBackend, USER_ID_KEY};

pub use crate::html::input_value;
pub use browser::{browser, location, query};

/// One site and the provider it signs in through; the server stops when dropped.
pub struct Site<P> {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    /// The remote app's name.
    pub app: String,
    /// The provider (stand-in) the site signs in through.
    pub provider: P,
    /// The site's store, for assertions and set-up.
    pub store: Arc<DieselStore>,
    /// Mail the site sent (confirmation links): it has no SMTP server.
    pub mailbox: MemoryMailbox,
    _db_dir: tempfile::TempDir,
    server: actix_web::dev::ServerHandle,
}

impl<P> Drop for Site<P> {
    fn drop(&mut self) {
        drop(self.server.stop(false));
    }
}

impl<P> Site<P> {
    /// Starts a site whose configuration is `app_toml` (a `[remote_apps.<app>]` table and its
    /// credentials) after the top-level keys, changed by `edit`. Panics on failure: it is a
    /// test helper.
    pub async fn start(
        provider: P,
        app: &str,
        app_toml: &str,
        edit: impl FnOnce(String) -> String,
    ) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        Self::start_on(listener, provider, app, app_toml, edit).await
    }

    /// [`Site::start`] on a listener the caller bound: for providers that only redirect to
    /// registered callback URLs, whose port must be known before the provider starts.
    pub async fn start_on(
        listener: TcpListener,
        provider: P,
        app: &str,
        app_toml: &str,
        edit: impl FnOnce(String) -> String,
    ) -> Self {
        let base = format!("http://{}", listener.local_addr().expect("addr"));
        let toml = edit(format!(
            "secret_key = \"site-test-secret-site-test-secret-site\"\nsite_url = \"{base}\"\n\n{app_toml}"
        ));
        let registry = Registry::from_inventory().expect("registry");
        let config = OAuthClientConfig::from_toml_str(&toml, &NoEnv, &registry)
            .unwrap_or_else(|err| panic!("test config: {err}\n{toml}"));
        let db_dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}", db_dir.path().join("site.sqlite").display());
        let keys = TokenKeys::from_config(&config.secret_keys).expect("keys");
        let store = Arc::new(
            DieselStore::connect(&url, keys, StoreOptions::default())
                .await
                .expect("store"),
        );
        let mailbox = MemoryMailbox::default();
        let oauth = OAuthClient::builder(config, registry)
            .mailer(Arc::new(mailbox.clone()))
            .accounts(store.clone())
            .users(store.clone())
            .build()
            .expect("oauth client");
        let server = HttpServer::new(move || {
            App::new()
                .configure(oauth.configure())
                .route("/test/login/{id}", web::get().to(test_login))
                .route("/test/whoami", web::get().to(whoami))
                .route(
                    "/",
                    web::get().to(|| async { HttpResponse::Ok().body("home") }),
                )
                .wrap(oauth.session_middleware_with(SessionBackend::cookie()))
        })
        .workers(1)
        .listen(listener)
        .expect("listen")
        .run();
        let handle = server.handle();
        tokio::spawn(server);
        Site {
            base,
            app: app.to_owned(),
            provider,
            store,
            mailbox,
            _db_dir: db_dir,
            server: handle,
        }
    }

    /// An absolute URL on the site.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// `GET /oauth/login/{app}/`; the stand-in's authorize URL it redirects to.
    pub async fn start_login(&self, browser: &reqwest::Client, next: Option<&str>) -> String {
        let mut url =
            url::Url::parse(&self.url(&format!("/oauth/login/{}/", self.app))).expect("url");
        if let Some(next) = next {
            url.query_pairs_mut().append_pair("next", next);
        }
        let response = crate::browser_actions::start_flow(browser, url.as_str()).await;
        assert_eq!(response.status(), 302, "login redirects");
        location(&response)
    }

    /// Visits the stand-in's authorize URL; the callback URL it redirects to.
    pub async fn authorize(&self, browser: &reqwest::Client, authorize_url: &str) -> String {
        let response = browser.get(authorize_url).send().await.expect("authorize");
        assert_eq!(response.status(), 302, "the provider redirects back");
        location(&response)
    }

    /// The whole round trip; the callback's response.
    pub async fn login(&self, browser: &reqwest::Client, next: Option<&str>) -> reqwest::Response {
        let authorize_url = self.start_login(browser, next).await;
        let callback = self.authorize(browser, &authorize_url).await;
        browser.get(callback).send().await.expect("callback")
    }

    /// Signs out as a browser would: the confirmation page, then its CSRF-checked form.
    pub async fn logout(&self, browser: &reqwest::Client) -> reqwest::Response {
        crate::browser_actions::sign_out(browser, &self.base).await
    }

    /// The signed-in user's id as text, or `anonymous`.
    pub async fn whoami(&self, browser: &reqwest::Client) -> String {
        self.page(browser, "/test/whoami").await
    }

    /// The signed-in user's id.
    pub async fn user_id(&self, browser: &reqwest::Client) -> UserId {
        let who = self.whoami(browser).await;
        assert!(
            who != "anonymous" && !who.is_empty(),
            "signed in, but whoami says {who:?}"
        );
        UserId::new(who)
    }

    /// The body of a page.
    pub async fn page(&self, browser: &reqwest::Client, path: &str) -> String {
        browser
            .get(self.url(path))
            .send()
            .await
            .expect("page")
            .text()
            .await
            .expect("body")
    }

    /// Signs `user_id` in as the host app's own login would.
    pub async fn sign_in_as(&self, browser: &reqwest::Client, user_id: &UserId) {
        let response = browser
            .get(self.url(&format!("/test/login/{user_id}")))
            .send()
            .await
            .expect("test login");
        assert_eq!(response.status(), 200);
    }

    /// A local user (registered with the site, not through the provider).
    pub async fn local_user(&self, email: &str, password: bool) -> UserId {
        let user = self
            .store
            .create_user(&NewUser {
                email: email.to_owned(),
                username: None,
                full_name: None,
                confirmed: true,
            })
            .await
            .expect("user");
        if password {
            // Another way to sign in, so the lock-out guard lets a disconnect through.
            self.store
                .set_password_hash(&user.id, Some("$argon2id$stand-in".into()))
                .await
                .expect("password");
        }
        user.id
    }

    /// Loads `form_page` for its CSRF token and posts `fields` with it to `action`.
    pub async fn submit(
        &self,
        browser: &reqwest::Client,
        form_page: &str,
        action: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        let page = self.page(browser, form_page).await;
        let csrf = input_value(&page, "csrf_token")
            .unwrap_or_else(|| panic!("no CSRF token on {form_page}: {page}"));
        let mut form: Vec<(&str, &str)> = vec![("csrf_token", csrf.as_str())];
        form.extend_from_slice(fields);
        browser
            .post(self.url(action))
            .form(&form)
            .send()
            .await
            .expect("submit")
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
