//! Every command of the `oauthclient` binary, run as a process against a real SQLite database,
//! and against PostgreSQL when `OAUTHCLIENT_TEST_POSTGRES_URL` is set (CI sets it): each test
//! then gets a fresh PostgreSQL database of its own (made with `psql`), so rotating or purging
//! never touches another suite's rows.

mod common;

use oauthclient_core::account::UserId;
use oauthclient_core::secret::{AccessToken, RefreshToken, SecretKey};
use oauthclient_core::{AccountStore, Token};
use oauthclient_store_diesel::{DieselStore, StoreOptions, TokenKey, TokenKeys};

use common::{
    Database, GITHUB_CLIENT_ID, GITHUB_SECRET, KEY_ONE, KEY_TWO, config, databases, execute,
    linked_user, oauthclient, path, sqlite, store, text,
};

#[test]
fn config_check_prints_what_it_resolved_without_secrets() {
    let db = sqlite();
    let file = config(&db, "ok.toml", &[("k1", KEY_ONE)]);
    let output = oauthclient(&["config", "check", path(&file)]);
    let shown = text(&output);
    assert!(output.status.success(), "{shown}");
    assert!(
        shown.contains("valid") && shown.contains("[github]"),
        "{shown}"
    );
    assert!(shown.contains(GITHUB_CLIENT_ID), "{shown}");
    assert!(
        shown.contains("https://example.org/oauth/authorized/github/"),
        "{shown}"
    );
    assert!(
        !shown.contains(GITHUB_SECRET) && !shown.contains(KEY_ONE),
        "{shown}"
    );
}

#[test]
fn config_check_of_an_invalid_file_names_the_key_and_exits_2() {
    let db = sqlite();
    let file = db.dir.path().join("bad.toml");
    std::fs::write(
        &file,
        "site_url = \"https://example.org\"\nsecret_key = \"short\"\n",
    )
    .expect("write");
    let output = oauthclient(&["config", "check", path(&file)]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output).contains("secret_key"), "{}", text(&output));
    let missing = oauthclient(&["config", "check", "/nonexistent/oauthclient.toml"]);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn providers_lists_every_provider_the_workspace_ships() {
    // No configuration needed: it says what a configuration may name.
    let output = oauthclient(&["providers"]);
    let shown = text(&output);
    assert!(output.status.success(), "{shown}");
    let lines: Vec<Vec<&str>> = shown
        .lines()
        .map(|line| line.split_whitespace().collect())
        .collect();
    let names: Vec<&str> = lines.iter().map(|words| words[0]).collect();
    assert_eq!(
        names,
        [
            "apple",
            "auth0",
            "bitbucket",
            "cern",
            "discord",
            "dropbox",
            "eosc_aai",
            "facebook",
            "github",
            "gitlab",
            "globus",
            "google",
            "keycloak",
            "linkedin",
            "microsoft",
            "oidc",
            "okta",
            "openaire_aai",
            "orcid",
            "orcid_sandbox",
            "reddit",
            "slack",
            "twitch",
            "x",
            "zenodo",
        ],
        "{shown}"
    );
    let row = |name: &str| {
        lines
            .iter()
            .find(|words| words[0] == name)
            .map(|words| words[1..].join(" "))
            .expect("listed")
    };
    assert_eq!(row("github"), "oauth2 GitHub");
    assert!(row("oidc").starts_with("openid-connect "), "{shown}");
    assert!(row("orcid").starts_with("oauth2 ORCID"), "{shown}");
    assert_eq!(row("discord"), "oauth2 Discord");
    assert_eq!(row("microsoft"), "openid-connect Microsoft");
}

#[test]
fn store_commands_without_a_configuration_exit_2() {
    let output = oauthclient(&["accounts", "list"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output).contains("--config"), "{}", text(&output));
}

#[tokio::test]
async fn migrate_applies_then_has_nothing_to_do() {
    for db in databases("migrate") {
        let first = oauthclient(&["migrate", "--database-url", &db.url]);
        assert!(first.status.success(), "{}", text(&first));
        // PostgreSQL has one more: its user id columns became text (SQLite's needed no step).
        let all = if db.url.starts_with("postgres") { 5 } else { 4 };
        assert!(
            text(&first).contains(&format!("applied {all} migration")),
            "{}",
            text(&first)
        );
        let again = oauthclient(&["migrate", "--database-url", &db.url]);
        assert!(again.status.success());
        assert!(
            text(&again).contains("nothing to migrate"),
            "{}",
            text(&again)
        );
        // The store opens it without migrating.
        let options = StoreOptions {
            run_migrations: false,
            ..StoreOptions::default()
        };
        let keys =
            TokenKeys::new(vec![TokenKey::derive("k1", &SecretKey::new(KEY_ONE))]).expect("key");
        DieselStore::connect(&db.url, keys, options)
            .await
            .expect("schema current");
    }
}

/// Applies only the first migration: a database as the first release left it.
fn first_migration_only(db: &Database) {
    use diesel::Connection;
    use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};
    const SQLITE: EmbeddedMigrations =
        embed_migrations!("../oauthclient-store-diesel/migrations/sqlite");
    #[cfg(feature = "postgres")]
    const POSTGRES: EmbeddedMigrations =
        embed_migrations!("../oauthclient-store-diesel/migrations/postgres");
    let version = match &db.postgres {
        // The store's `postgres` feature turns on diesel's (one diesel in the build).
        #[cfg(feature = "postgres")]
        Some(_) => diesel::PgConnection::establish(&db.url)
            .expect("connect")
            .run_next_migration(POSTGRES)
            .map(|version| version.to_string()),
        _ => diesel::SqliteConnection::establish(db.url.trim_start_matches("sqlite://"))
            .expect("connect")
            .run_next_migration(SQLITE)
            .map(|version| version.to_string()),
    };
    assert_eq!(version.expect("first migration"), "20261128000001");
}

#[tokio::test]
async fn migrate_names_users_whose_addresses_would_share_a_mailbox_and_exits_1() {
    for db in databases("collide") {
        first_migration_only(&db);
        // The first schema kept one address per row byte for byte, so a hand-edited database
        // can hold one mailbox twice, confirmed (unconfirmed rows may share one: claims).
        execute(
            &db,
            "INSERT INTO accounts_user (email, confirmed_at, created, updated) VALUES
                 ('Ada@x.org', '2026-01-01 10:00:00', '2026-01-01 10:00:00', '2026-01-01 10:00:00'),
                 ('ada@x.org', '2026-01-01 10:00:00', '2026-01-01 10:00:00', '2026-01-01 10:00:00');",
        );
        let refused = oauthclient(&["migrate", "--database-url", &db.url]);
        assert_eq!(refused.status.code(), Some(1), "{}", text(&refused));
        assert!(
            String::from_utf8_lossy(&refused.stderr).contains(
                "cannot give users 1 (Ada@x.org) and 2 (ada@x.org) one mailbox key ada@x.org: \
                 merge or change one address, then run migrate again"
            ),
            "{}",
            text(&refused)
        );

        // Nothing was migrated: after the fix, the second migration runs.
        execute(
            &db,
            "UPDATE accounts_user SET email = 'ada.two@x.org' WHERE id = 2",
        );
        let fixed = oauthclient(&["migrate", "--database-url", &db.url]);
        assert!(fixed.status.success(), "{}", text(&fixed));
        let pending = if db.url.starts_with("postgres") {
            "applied 4 migration(s) (20261205000001, 20261205000002, 20261206000001, 20261207000001) in "
        } else {
            "applied 3 migration(s) (20261205000001, 20261205000002, 20261207000001) in "
        };
        assert!(text(&fixed).contains(pending), "{}", text(&fixed));
        let store = store(&db, &[("k1", KEY_ONE)]).await;
        let ada = store.user_by_email("ADA@x.org").await.expect("find");
        assert_eq!(
            ada.map(|user| (user.id, user.email)),
            Some((UserId::from(1), "Ada@x.org".to_owned()))
        );

        // Rows copied in later without a key get theirs from migrate too.
        execute(
            &db,
            "INSERT INTO accounts_user (email, email_changed_at, created, updated) VALUES
                 ('Bob@x.org', '2026-01-01 10:00:00', '2026-01-01 10:00:00', '2026-01-01 10:00:00')",
        );
        let filled = oauthclient(&["migrate", "--database-url", &db.url]);
        assert!(filled.status.success(), "{}", text(&filled));
        assert!(
            text(&filled).contains("gave 1 user(s) their mailbox key"),
            "{}",
            text(&filled)
        );
        let bob = store.user_by_email("bob@X.org").await.expect("find");
        assert_eq!(bob.map(|user| user.email), Some("Bob@x.org".to_owned()));
    }
}

#[tokio::test]
async fn accounts_list_and_unlink() {
    for db in databases("accounts") {
        let keys = [("k1", KEY_ONE)];
        let file = config(&db, "c.toml", &keys);
        let store = store(&db, &keys).await;
        let ada = linked_user(
            &store,
            "ada@example.org",
            Token::bearer(AccessToken::new("gho_ada_secret")),
        )
        .await;
        let bob = linked_user(
            &store,
            "bob@example.org",
            Token::bearer(AccessToken::new("gho_bob_secret")),
        )
        .await;

        let all = oauthclient(&["--config", path(&file), "accounts", "list"]);
        let listed = text(&all);
        assert!(all.status.success(), "{listed}");
        assert!(
            listed.contains("ada@example.org") && listed.contains("bob@example.org"),
            "{listed}"
        );
        assert!(listed.contains("2 linked account(s)"), "{listed}");
        assert!(!listed.contains("gho_"), "tokens never shown: {listed}");

        let ada_id = ada.to_string();
        let only_ada = oauthclient(&[
            "--config",
            path(&file),
            "accounts",
            "list",
            "--user",
            &ada_id,
        ]);
        assert!(
            text(&only_ada).contains("1 linked account(s)"),
            "{}",
            text(&only_ada)
        );
        assert!(!text(&only_ada).contains("bob@example.org"));

        let unlink = [
            "--config",
            path(&file),
            "accounts",
            "unlink",
            "--user",
            &ada_id,
            "--app",
            "github",
        ];
        let done = oauthclient(&unlink);
        assert!(done.status.success(), "{}", text(&done));
        assert!(
            store
                .remote_account(&ada, GITHUB_CLIENT_ID)
                .await
                .expect("store")
                .is_none()
        );
        assert!(store.identities_of(&ada).await.expect("store").is_empty());
        assert!(
            store
                .remote_account(&bob, GITHUB_CLIENT_ID)
                .await
                .expect("store")
                .is_some()
        );
        let again = oauthclient(&unlink);
        assert_eq!(again.status.code(), Some(3), "{}", text(&again));
        let unknown_app = oauthclient(&[
            "--config",
            path(&file),
            "accounts",
            "unlink",
            "--user",
            &ada_id,
            "--app",
            "nope",
        ]);
        assert_eq!(unknown_app.status.code(), Some(2));
    }
}

#[tokio::test]
async fn rotate_key_end_to_end() {
    for db in databases("rotate") {
        let old = [("k1", KEY_ONE)];
        let token = Token::bearer(AccessToken::new("gho_rotate_me"))
            .with_refresh_token(RefreshToken::new("ghr_refresh_me"));
        let user = {
            let store = store(&db, &old).await;
            linked_user(&store, "carol@example.org", token.clone()).await
        };
        // The new key first (it encrypts), the old one still there (it decrypts).
        let both = config(&db, "both.toml", &[("k2", KEY_TWO), ("k1", KEY_ONE)]);
        let rotated = oauthclient(&["--config", path(&both), "tokens", "rotate-key"]);
        assert!(rotated.status.success(), "{}", text(&rotated));
        assert!(
            text(&rotated).contains("rotated 1 token row"),
            "{}",
            text(&rotated)
        );
        assert!(
            !text(&rotated).contains("1/1 rows"),
            "no progress lines off a terminal: {}",
            text(&rotated)
        );

        // The old key can go: the token reads with the new key alone.
        let new_only = store(&db, &[("k2", KEY_TWO)]).await;
        let stored = new_only
            .token(&user, GITHUB_CLIENT_ID, "")
            .await
            .expect("readable under the new key alone")
            .expect("token");
        assert_eq!(stored.access_token, token.access_token);
        assert_eq!(stored.refresh_token, token.refresh_token);
        // And a second run has nothing left to do.
        let new_config = config(&db, "new.toml", &[("k2", KEY_TWO)]);
        let again = oauthclient(&["--config", path(&new_config), "tokens", "rotate-key"]);
        assert!(
            text(&again).contains("rotated 0 token row(s); 1 already"),
            "{}",
            text(&again)
        );
    }
}

#[tokio::test]
async fn purge_expired_keeps_refreshable_and_fresh_tokens() {
    for db in databases("purge") {
        let keys = [("k1", KEY_ONE)];
        let file = config(&db, "c.toml", &keys);
        let store = store(&db, &keys).await;
        let long_ago = 1_000_000;
        let expired = linked_user(
            &store,
            "old@example.org",
            Token::bearer(AccessToken::new("gho_old")).with_expires_at(long_ago),
        )
        .await;
        let refreshable = linked_user(
            &store,
            "refresh@example.org",
            Token::bearer(AccessToken::new("gho_refreshable"))
                .with_expires_at(long_ago)
                .with_refresh_token(RefreshToken::new("ghr_keep")),
        )
        .await;
        let fresh = linked_user(
            &store,
            "fresh@example.org",
            Token::bearer(AccessToken::new("gho_fresh")).with_expires_at(u64::from(u32::MAX)),
        )
        .await;
        let purged = oauthclient(&["--config", path(&file), "tokens", "purge-expired"]);
        assert!(purged.status.success(), "{}", text(&purged));
        assert!(
            text(&purged).contains("purged 1 expired token"),
            "{}",
            text(&purged)
        );
        for (user, kept) in [(&expired, false), (&refreshable, true), (&fresh, true)] {
            let token = store.token(user, GITHUB_CLIENT_ID, "").await;
            assert_eq!(token.expect("store").is_some(), kept, "user {user}");
        }
        // The account itself stays linked.
        assert!(
            store
                .remote_account(&expired, GITHUB_CLIENT_ID)
                .await
                .expect("store")
                .is_some()
        );
    }
}
