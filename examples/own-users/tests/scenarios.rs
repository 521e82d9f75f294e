//! The web suite's scenarios against an app that brings its own users: a PostgreSQL `users`
//! table keyed by UUID, its own login, oauthclient-rs's tables beside it without a users table
//! of their own. Each test gets a fresh database on the server `OAUTHCLIENT_TEST_POSTGRES_URL`
//! names (default `postgres://postgres@127.0.0.1:5432/test`); an unreachable server fails the
//! test, it never skips.

use std::net::TcpListener;

use actix_web::{App, HttpServer};
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};
use oauthclient_core::OAuthClientConfig;
use oauthclient_core::config::NoEnv;
use oauthclient_core::registry::Registry;
use oauthclient_example_own_users::app::OwnUsersApp;
use oauthclient_testkit::browser_actions::{disconnect, start_flow, submit_form};
use oauthclient_testkit::site::{browser, location};
use oauthclient_testkit::{FakeProvider, FakeUser};

const DEFAULT_SERVER: &str = "postgres://postgres@127.0.0.1:5432/test";

/// A throwaway database, dropped with the test.
struct Database {
    admin_url: String,
    name: String,
    url: String,
}

impl Database {
    fn create() -> Self {
        let admin_url = std::env::var("OAUTHCLIENT_TEST_POSTGRES_URL")
            .ok()
            .filter(|url| !url.is_empty())
            .unwrap_or_else(|| DEFAULT_SERVER.to_owned());
        let mut admin = PgConnection::establish(&admin_url).unwrap_or_else(|err| {
            panic!("PostgreSQL at {admin_url} is needed by this example's tests: {err}")
        });
        let name = format!("own_users_{}_{}", std::process::id(), rand::random::<u32>());
        admin
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .expect("create the test database");
        let (server, _) = admin_url
            .rsplit_once('/')
            .expect("a URL ending in /database");
        let url = format!("{server}/{name}");
        Self {
            admin_url,
            name,
            url,
        }
    }

    fn conn(&self) -> PgConnection {
        PgConnection::establish(&self.url).expect("connect to the test database")
    }

    fn execute(&self, sql: &str) {
        self.conn().batch_execute(sql).expect(sql);
    }

    fn count(&self, sql: &str) -> i64 {
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

    fn text(&self, sql: &str) -> Option<String> {
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
struct Site {
    base: String,
    provider: FakeProvider,
    db: Database,
    server: actix_web::dev::ServerHandle,
}

impl Drop for Site {
    fn drop(&mut self) {
        drop(self.server.stop(false));
    }
}

impl Site {
    async fn start() -> Self {
        let db = Database::create();
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
        Self {
            base,
            provider,
            db,
            server: handle,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    async fn whoami(&self, browser: &reqwest::Client) -> String {
        let response = browser
            .get(self.url("/whoami"))
            .send()
            .await
            .expect("whoami");
        response.text().await.expect("body")
    }

    /// Through the provider and back: the callback's response.
    async fn sign_in_with_provider(&self, browser: &reqwest::Client) -> reqwest::Response {
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
    async fn register(&self, browser: &reqwest::Client, email: &str) -> String {
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

    fn users(&self) -> i64 {
        self.db.count("SELECT count(*) AS n FROM users")
    }

    fn identity_owner(&self, external_id: &str) -> Option<String> {
        self.db.text(&format!(
            "SELECT id_user AS value FROM oauthclient_useridentity \
             WHERE method = 'fake' AND id = '{external_id}'"
        ))
    }
}

fn provider_user(id: &str, email: &str) -> FakeUser {
    FakeUser {
        id: id.into(),
        login: format!("user{id}"),
        email: Some(email.into()),
        ..FakeUser::default()
    }
}

fn is_uuid(id: &str) -> bool {
    id.len() == 36 && id.chars().filter(|c| *c == '-').count() == 4
}

#[tokio::test]
async fn sign_up_creates_the_user_in_the_apps_own_table() {
    let site = Site::start().await;
    site.provider
        .set_user(provider_user("101", "ada@example.org"));
    let browser = browser();
    let response = site.sign_in_with_provider(&browser).await;
    assert_eq!(response.status(), 302, "signed up and in");

    let user = site.whoami(&browser).await;
    assert!(is_uuid(&user), "the app's UUID is the user id: {user}");
    assert_eq!(site.users(), 1);
    assert_eq!(
        site.db.text(&format!(
            "SELECT email AS value FROM users WHERE id = '{user}'"
        )),
        Some("ada@example.org".to_owned())
    );
    assert_eq!(site.identity_owner("101"), Some(user.clone()));
    assert_eq!(
        site.db
            .text("SELECT user_id AS value FROM oauthclient_remoteaccount"),
        Some(user)
    );
    // No users table of the library's: the app's is the only one.
    assert_eq!(
        site.db
            .text("SELECT to_regclass('accounts_user')::text AS value"),
        None
    );
}

#[tokio::test]
async fn a_returning_user_signs_in_as_the_same_app_user() {
    let site = Site::start().await;
    site.provider
        .set_user(provider_user("102", "bob@example.org"));
    let first = browser();
    site.sign_in_with_provider(&first).await;
    let user = site.whoami(&first).await;

    let second = browser();
    let response = site.sign_in_with_provider(&second).await;
    assert_eq!(response.status(), 302);
    assert_eq!(site.whoami(&second).await, user);
    assert_eq!(site.users(), 1, "no second user");
}

#[tokio::test]
async fn a_user_of_the_apps_own_login_links_and_disconnects() {
    let site = Site::start().await;
    let browser = browser();
    let user = site.register(&browser, "carol@example.org").await;
    assert!(is_uuid(&user), "{user}");

    // A provider account under another address: linking goes by who is signed in.
    site.provider
        .set_user(provider_user("103", "carol.at.provider@example.net"));
    let response = site.sign_in_with_provider(&browser).await;
    assert_eq!(location(&response), "/account/settings/linkedaccounts/");
    assert_eq!(site.identity_owner("103"), Some(user.clone()));
    assert_eq!(site.users(), 1, "linked, not signed up");

    // Carol has a password, so the provider is not her last way in.
    let response = disconnect(&browser, &site.base, "fake").await;
    assert_eq!(response.status(), 302);
    assert_eq!(site.identity_owner("103"), None);
    assert_eq!(
        site.db
            .count("SELECT count(*) AS n FROM oauthclient_remoteaccount"),
        0
    );
    assert_eq!(site.whoami(&browser).await, user, "still signed in");
}

#[tokio::test]
async fn the_last_way_to_sign_in_is_not_disconnected() {
    let site = Site::start().await;
    site.provider
        .set_user(provider_user("104", "dan@example.org"));
    let browser = browser();
    site.sign_in_with_provider(&browser).await;
    let user = site.whoami(&browser).await;

    let response = disconnect(&browser, &site.base, "fake").await;
    assert_eq!(response.status(), 400, "refused");
    let body = response.text().await.expect("body");
    assert!(body.contains("only way to sign in"), "{body}");
    assert_eq!(site.identity_owner("104"), Some(user), "still linked");
    assert_eq!(
        site.db
            .count("SELECT count(*) AS n FROM oauthclient_remotetoken"),
        1,
        "the token stays"
    );
}

const REFUSE_IDENTITIES: &str = "
    CREATE FUNCTION injected_failure() RETURNS trigger AS $$
    BEGIN RAISE EXCEPTION 'injected failure'; END $$ LANGUAGE plpgsql;
    CREATE TRIGGER refuse_identities BEFORE INSERT ON oauthclient_useridentity
        FOR EACH ROW EXECUTE FUNCTION injected_failure();
";

#[tokio::test]
async fn a_link_that_fails_after_the_user_was_created_leaves_no_user() {
    let site = Site::start().await;
    site.provider
        .set_user(provider_user("105", "erin@example.org"));
    site.db.execute(REFUSE_IDENTITIES);

    let browser = browser();
    let response = site.sign_in_with_provider(&browser).await;
    assert!(response.status().is_server_error(), "{}", response.status());
    assert_eq!(site.whoami(&browser).await, "anonymous");
    assert_eq!(site.users(), 0, "the new user was removed again");
    for table in [
        "oauthclient_useridentity",
        "oauthclient_remoteaccount",
        "oauthclient_remotetoken",
    ] {
        assert_eq!(
            site.db.count(&format!("SELECT count(*) AS n FROM {table}")),
            0,
            "{table}: the link is all or nothing"
        );
    }

    // Once the database works again, the same sign-up simply succeeds.
    site.db
        .execute("DROP TRIGGER refuse_identities ON oauthclient_useridentity");
    let response = site.sign_in_with_provider(&browser).await;
    assert_eq!(response.status(), 302);
    let user = site.whoami(&browser).await;
    assert_eq!(site.identity_owner("105"), Some(user));
    assert_eq!(site.users(), 1);
}

#[tokio::test]
async fn a_user_whose_removal_failed_too_is_linked_by_the_retry() {
    let site = Site::start().await;
    site.provider
        .set_user(provider_user("106", "fay@example.org"));
    site.db.execute(REFUSE_IDENTITIES);
    site.db.execute(
        "CREATE TRIGGER keep_users BEFORE DELETE ON users \
         FOR EACH ROW EXECUTE FUNCTION injected_failure();",
    );

    let browser = browser();
    let response = site.sign_in_with_provider(&browser).await;
    assert!(response.status().is_server_error(), "{}", response.status());
    // The user stays, but without any way to sign in through the provider.
    assert_eq!(site.users(), 1);
    let orphan = site
        .db
        .text("SELECT id::text AS value FROM users")
        .expect("the orphan");
    assert_eq!(site.identity_owner("106"), None);
    assert_eq!(site.whoami(&browser).await, "anonymous");

    site.db.execute(
        "DROP TRIGGER refuse_identities ON oauthclient_useridentity; \
         DROP TRIGGER keep_users ON users;",
    );
    // The retry finds the user by the address the provider verified and links them.
    let response = site.sign_in_with_provider(&browser).await;
    assert_eq!(response.status(), 302);
    assert_eq!(site.whoami(&browser).await, orphan);
    assert_eq!(site.identity_owner("106"), Some(orphan));
    assert_eq!(site.users(), 1);
}

#[tokio::test]
async fn a_disabled_app_user_cannot_sign_in_with_the_provider() {
    let site = Site::start().await;
    site.provider
        .set_user(provider_user("107", "gus@example.org"));
    let first = browser();
    site.sign_in_with_provider(&first).await;
    site.db.execute("UPDATE users SET active = FALSE");

    let second = browser();
    let response = site.sign_in_with_provider(&second).await;
    assert_ne!(response.status(), 200);
    assert_eq!(site.whoami(&second).await, "anonymous");
}
