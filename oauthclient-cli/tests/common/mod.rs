//! What the CLI suites share: a database per test (SQLite always, PostgreSQL when
//! `OAUTHCLIENT_TEST_POSTGRES_URL` is set), configuration files, running the binary, and a
//! store to seed and read tokens outside it.

#![allow(
    dead_code,
    reason = "each test binary uses a different part of this module"
)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use oauthclient_core::account::{AccountInfo, ExternalId, NewUser, UserId};
use oauthclient_core::secret::SecretKey;
use oauthclient_core::store::NewLink;
use oauthclient_core::{AccountStore, Token, UserStore};
use oauthclient_store_diesel::{DieselStore, StoreOptions, TokenKey, TokenKeys};

pub const GITHUB_CLIENT_ID: &str = "Iv1.cli-test";
pub const GITHUB_SECRET: &str = "github-client-secret-not-for-output";
pub const KEY_ONE: &str = "first-token-key-first-token-key-first-token-key";
pub const KEY_TWO: &str = "second-token-key-second-token-key-second-token";

/// A database for one test.
pub struct Database {
    pub url: String,
    pub dir: tempfile::TempDir,
    /// The PostgreSQL database to drop afterwards.
    pub postgres: Option<(String, String)>,
}

impl Drop for Database {
    fn drop(&mut self) {
        if let Some((admin_url, name)) = &self.postgres {
            let _ = Command::new("psql")
                .arg(admin_url)
                .args([
                    "-qc",
                    &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
                ])
                .output();
        }
    }
}

pub fn sqlite() -> Database {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("cli.sqlite").display());
    Database {
        url,
        dir,
        postgres: None,
    }
}

/// A fresh PostgreSQL database when the CI variable is set.
pub fn postgres(test: &str) -> Option<Database> {
    let admin_url = oauthclient_testkit::services::service_url(
        "OAUTHCLIENT_TEST_POSTGRES_URL",
        "cli on PostgreSQL (SQLite ran)",
    )?;
    require_postgres_feature();
    let name = format!("oauthclient_cli_{test}_{}", std::process::id());
    let created = Command::new("psql")
        .arg(&admin_url)
        .args(["-qc", &format!("CREATE DATABASE {name}")])
        .output()
        .expect("OAUTHCLIENT_TEST_POSTGRES_URL is set, so psql must be installed");
    assert!(
        created.status.success(),
        "cannot create a PostgreSQL database: {}",
        String::from_utf8_lossy(&created.stderr)
    );
    let base = admin_url
        .rsplit_once('/')
        .map_or(admin_url.as_str(), |(base, _)| base);
    Some(Database {
        url: format!("{base}/{name}"),
        dir: tempfile::tempdir().expect("temp dir"),
        postgres: Some((admin_url.clone(), name)),
    })
}

/// PostgreSQL databases need the `postgres` feature; asking for them without it is a mistake.
#[cfg(not(feature = "postgres"))]
pub fn require_postgres_feature() {
    panic!(
        "OAUTHCLIENT_TEST_POSTGRES_URL is set: run with --features postgres (or --all-features)"
    );
}

#[cfg(feature = "postgres")]
pub fn require_postgres_feature() {}

/// SQLite always, PostgreSQL too in CI.
pub fn databases(test: &str) -> Vec<Database> {
    let mut all = vec![sqlite()];
    all.extend(postgres(test));
    all
}

/// A configuration file whose secret keys are `keys` (id, secret), first one current.
pub fn config(db: &Database, name: &str, keys: &[(&str, &str)]) -> PathBuf {
    let mut secret_keys = String::new();
    for (id, secret) in keys {
        let _ = write!(
            secret_keys,
            "[[secret_keys]]\nid = \"{id}\"\nsecret = \"{secret}\"\n"
        );
    }
    config_with_keys(db, name, &secret_keys)
}

/// A configuration file whose secret keys are the TOML `secret_keys` (which may be empty,
/// leaving them to the environment).
pub fn config_with_keys(db: &Database, name: &str, secret_keys: &str) -> PathBuf {
    let text = format!(
        "site_url = \"https://example.org\"\ndatabase_url = \"{}\"\n{secret_keys}\n\
         [remote_apps.github]\n[GITHUB_APP_CREDENTIALS]\nconsumer_key = \"{GITHUB_CLIENT_ID}\"\n\
         consumer_secret = \"{GITHUB_SECRET}\"\n",
        db.url
    );
    let path = db.dir.path().join(name);
    std::fs::write(&path, text).expect("write config");
    path
}

pub fn oauthclient(args: &[&str]) -> Output {
    oauthclient_with_env(args, &[])
}

/// Runs the binary with `env` set and no `OAUTHCLIENT_*` variable of the test's own
/// environment that could change what it does.
pub fn oauthclient_with_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_oauthclient"));
    command
        .args(args)
        .env_remove("OAUTHCLIENT_CONFIG")
        .env_remove("OAUTHCLIENT_DATABASE_URL")
        .env_remove("OAUTHCLIENT_SECRET_KEY");
    for (name, value) in env {
        command.env(name, value);
    }
    command.output().expect("run oauthclient")
}

pub fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

pub fn path(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

pub async fn store(db: &Database, keys: &[(&str, &str)]) -> DieselStore {
    let keys = TokenKeys::new(
        keys.iter()
            .map(|(id, secret)| TokenKey::derive(*id, &SecretKey::new(*secret)))
            .collect(),
    )
    .expect("keys");
    DieselStore::connect(&db.url, keys, StoreOptions::default())
        .await
        .expect("store")
}

/// A user linked to GitHub with `token`; returns the user id.
pub async fn linked_user(store: &DieselStore, email: &str, token: Token) -> UserId {
    let user = store
        .create_user(&NewUser {
            email: email.to_owned(),
            username: None,
            full_name: None,
            confirmed: true,
        })
        .await
        .expect("user");
    let link = NewLink {
        client_id: GITHUB_CLIENT_ID.to_owned(),
        account_info: AccountInfo::new(ExternalId::new(format!("gh-{}", user.id)), "github"),
        token,
        extra_data: serde_json::json!({}),
    };
    store.link(&user.id, &link).await.expect("link");
    user.id
}

/// Runs SQL on the database, outside the store.
pub fn execute(db: &Database, sql: &str) {
    use diesel::Connection;
    use diesel::connection::SimpleConnection;
    match &db.postgres {
        #[cfg(feature = "postgres")]
        Some(_) => diesel::PgConnection::establish(&db.url)
            .expect("connect")
            .batch_execute(sql),
        _ => diesel::SqliteConnection::establish(db.url.trim_start_matches("sqlite://"))
            .expect("connect")
            .batch_execute(sql),
    }
    .expect("execute");
}
