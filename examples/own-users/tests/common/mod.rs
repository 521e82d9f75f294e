//! The own-users example on a loopback port against a fresh PostgreSQL database, signing in
//! through a fake provider. PostgreSQL is used only when `OAUTHCLIENT_TEST_POSTGRES_URL` is set
//! (the workspace's rule: then it must answer); otherwise [`Site::start`] prints that the test
//! was not run and returns `None`.

use std::net::TcpListener;

use actix_web::{App, HttpServer};
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};
use oauthclient_core::OAuthClientConfig;
use oauthclient_core::config::NoEnv;
use oauthclient_core::registry::Registry;
use oauthclient_example_own_users::app::OwnUsersApp;
use oauthclient_testkit::browser_actions::{start_flow, submit_form};
use oauthclient_testkit::site::location;
use oauthclient_testkit::{FakeProvider, FakeUser};

/// A throwaway database, dropped with the test.
pub struct Database {
    admin_url: String,
    name: String,
    url: String,
}

impl Database {
    /// A fresh database on the server `OAUTHCLIENT_TEST_POSTGRES_URL` names; `None` (and a
    /// "not run" line) when the variable is not set, as in the other crates' suites.
    fn create() -> Option<Self> {
        let admin_url = oauthclient_testkit::services::service_url(
            "OAUTHCLIENT_TEST_POSTGRES_URL",
            "examples/own-users (PostgreSQL)",
        )?;
        let mut admin = PgConnection::establish(&admin_url).unwrap_or_else(|err| {
            panic!("OAUTHCLIENT_TEST_POSTGRES_URL is set but PostgreSQL is unreachable: {err}")
        });
        let name = format!("own_users_{}_{}", std::process::id(), rand::random::<u32>());
        admin
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .expect("create the test database");
        let (server, _) = admin_url
            .rsplit_once('/')
            .expect("a URL ending in /database");
        let url = format!("{server}/{name}");
        Some(Self {
            admin_url,
            name,
            url,
        })
    }

    fn conn(&self) -> PgConnection {
        PgConnection::establish(&self.url).expect("connect to the test database")
    }

    pub fn execute(&self, sql: &str) {
        self.conn().batch_execute(sql).expect(sql);
    }

    pub fn count(&self, sql: &str) -> i64 {
        #[derive(QueryableByName)]
        struct Count {
            #[diesel(sql_type = BigInt)]
            n: i64,
        }
        diesel::sql_query(sql)
            .get_result::<Count>(&mut self.conn())
            .expect(sql)
            .n
    }

    pub fn text(&self, sql: &str) -> Option<String> {
        #[derive(QueryableByName)]
        struct Value {
            #[diesel(sql_type = diesel::sql_types::Nullable<Text>)]
            value: Option<String>,
        }
        diesel::sql_query(sql)
            .get_result::<Value>(&mut self.conn())
            .optional()
            .expect(sql)
            .and_then(|row| row.value)
    }
}

impl Drop for Database {
    fn drop(&mut self) {
        if let Ok(mut admin) = PgConnection::establish(&self.admin_url) {
            let _ = admin.batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ));
        }
    }
}

/// The app on a loopback port, signing in through a fake provider.
pub struct Site {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    /// The provider users sign in with.
    pub provider: FakeProvider,
    /// The app's database.
    pub db: Database,
    server: actix_web::dev::ServerHandle,
}

impl Drop for Site {
    fn drop(&mut self) {
        drop(self.server.stop(false));
    }
}

impl Site {
    /// The site on a fresh database; `None` when PostgreSQL was not asked for.
    pub async fn start() -> Option<Self> {
        let db = Database::create()?;
        let provider = FakeProvider::start().await.expect("provider");
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("addr"));
        let toml = format!(
            "secret_key = \"own-users-example-secret-own-users-example\"\nsite_url = \"{base}\"\n\n{}",
            provider.remote_app_toml("fake")
        );
        let registry = Registry::from_inventory().expect("registry");
        let config = OAuthClientConfig::from_toml_str(&toml, &NoEnv, &registry).expect("config");
        let app = OwnUsersApp::start(config, registry, &db.url)
            .await
            .expect("the app starts");
        let oauth = app.oauth.clone();
        let server = HttpServer::new(move || {
            App::new()
                .configure(app.configure())
                .wrap(oauth.session_middleware())
        })
        .workers(1)
        .listen(listener)
        .expect("listen")
        .run();
        let handle = server.handle();
        tokio::spawn(server);
        Some(Self {
            base,
            provider,
            db,
            server: handle,
        })
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn whoami(&self, browser: &reqwest::Client) -> String {
        let response = browser
            .get(self.url("/whoami"))
            .send()
            .await
            .expect("whoami");
        response.text().await.expect("body")
    }

    /// Through the provider and back: the callback's response.
    pub async fn sign_in_with_provider(&self, browser: &reqwest::Client) -> reqwest::Response {
        let started = start_flow(browser, &self.url("/oauth/login/fake/")).await;
        assert_eq!(started.status(), 302, "to the provider");
        let authorized = browser
            .get(location(&started))
            .send()
            .await
            .expect("authorize");
        assert_eq!(authorized.status(), 302, "back from the provider");
        browser
            .get(location(&authorized))
            .send()
            .await
            .expect("callback")
    }

    /// The app's own sign-up (password), signed in afterwards.
    pub async fn register(&self, browser: &reqwest::Client, email: &str) -> String {
        let response = submit_form(
            browser,
            &self.url("/login"),
            &self.url("/register"),
            &[
                ("email", email),
                ("password", "correct horse battery staple"),
            ],
        )
        .await;
        assert_eq!(response.status(), 303, "registered and signed in");
        self.whoami(browser).await
    }

    pub fn users(&self) -> i64 {
        self.db.count("SELECT count(*) AS n FROM users")
    }

    pub fn identity_owner(&self, external_id: &str) -> Option<String> {
        self.db.text(&format!(
            "SELECT id_user AS value FROM oauthclient_useridentity \
             WHERE method = 'fake' AND id = '{external_id}'"
        ))
    }
}

pub fn provider_user(id: &str, email: &str) -> FakeUser {
    FakeUser {
        id: id.into(),
        login: format!("user{id}"),
        email: Some(email.into()),
        ..FakeUser::default()
    }
}

pub fn is_uuid(id: &str) -> bool {
    id.len() == 36 && id.chars().filter(|c| *c == '-').count() == 4
}
