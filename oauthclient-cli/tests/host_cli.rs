//! A host's operator CLI (examples/host_cli.rs: the host's own provider, the host's users
//! table) run as a process, beside the shipped `oauthclient` binary. This binary is both the
//! suite and the host CLI: with `HOST_CLI_CHILD` set it runs the example's `main` (so the
//! example is compiled and run exactly as docs/operator-cli.md shows it); without, it runs the
//! tests below, each on SQLite and, when `OAUTHCLIENT_TEST_POSTGRES_URL` is set, PostgreSQL.

mod common;
#[path = "../examples/host_cli.rs"]
mod host;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::process::{Command, ExitCode, Output};

use oauthclient_core::account::{AccountInfo, ExternalId, UserId};
use oauthclient_core::secret::{AccessToken, SecretKey};
use oauthclient_core::store::NewLink;
use oauthclient_core::{AccountStore, Token};
use oauthclient_store_diesel::{DieselStore, StoreOptions, TokenKey, TokenKeys, UsersTable};

use common::{
    Database, GITHUB_CLIENT_ID, KEY_ONE, KEY_TWO, config, databases, oauthclient,
    oauthclient_with_env, path, sqlite, text,
};

/// Set in the environment of the child process that acts as the host CLI.
const CHILD: &str = "HOST_CLI_CHILD";
/// A host user id: the host's table is keyed by UUIDs.
const HOST_USER: &str = "6f1c3a52-8d0e-4b7a-9a57-1f0e2d3c4b5a";

fn main() -> ExitCode {
    if std::env::var_os(CHILD).is_some() {
        return match host::main() {
            Ok(code) => code,
            Err(err) => {
                eprintln!("host_cli: {err}");
                ExitCode::FAILURE
            }
        };
    }
    let tests: [(&str, fn()); 4] = [
        (
            "host_layout_migrate_list_and_rotate_through_the_host_cli",
            host_layout_migrate_list_and_rotate_through_the_host_cli,
        ),
        (
            "the_shipped_binary_serves_the_host_layout_with_a_flag",
            the_shipped_binary_serves_the_host_layout_with_a_flag,
        ),
        (
            "config_check_of_a_host_provider_needs_the_host_cli",
            config_check_of_a_host_provider_needs_the_host_cli,
        ),
        (
            "purge_unconfirmed_on_the_host_layout_says_why_not",
            purge_unconfirmed_on_the_host_layout_says_why_not,
        ),
    ];
    // `cargo test -p oauthclient-cli --test host_cli NAME` runs the tests whose name contains NAME.
    let filters: Vec<String> = std::env::args()
        .skip(1)
        .filter(|arg| !arg.starts_with('-'))
        .collect();
    let mut failed = Vec::new();
    for (name, test) in tests {
        if !filters.is_empty() && !filters.iter().any(|filter| name.contains(filter.as_str())) {
            continue;
        }
        let outcome = catch_unwind(AssertUnwindSafe(test));
        println!(
            "test {name} ... {}",
            if outcome.is_ok() { "ok" } else { "FAILED" }
        );
        if outcome.is_err() {
            failed.push(name);
        }
    }
    if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        println!("failed: {}", failed.join(", "));
        ExitCode::FAILURE
    }
}

/// Runs the host CLI (this binary as the example) with `args`.
fn host_cli(args: &[&str]) -> Output {
    Command::new(std::env::current_exe().expect("this test binary"))
        .args(args)
        .env(CHILD, "1")
        .env_remove("OAUTHCLIENT_CONFIG")
        .env_remove("OAUTHCLIENT_DATABASE_URL")
        .env_remove("OAUTHCLIENT_SECRET_KEY")
        .env_remove("OAUTHCLIENT_USERS_TABLE")
        .output()
        .expect("run the host CLI")
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
}

/// Links the host user to GitHub in a host-layout database (already migrated).
fn link_host_user(db: &Database, keys: &[(&str, &str)]) {
    let keys = TokenKeys::new(
        keys.iter()
            .map(|(id, secret)| TokenKey::derive(*id, &SecretKey::new(*secret)))
            .collect(),
    )
    .expect("keys");
    let options = StoreOptions {
        run_migrations: false,
        users_table: UsersTable::Host,
        ..StoreOptions::default()
    };
    runtime().block_on(async {
        let store = DieselStore::connect(&db.url, keys, options)
            .await
            .expect("a current host-layout schema");
        let link = NewLink {
            client_id: GITHUB_CLIENT_ID.to_owned(),
            account_info: AccountInfo::new(ExternalId::new("gh-host-user"), "github"),
            token: Token::bearer(AccessToken::new("gho_host_user")),
            extra_data: serde_json::json!({}),
        };
        store
            .link(&UserId::new(HOST_USER), &link)
            .await
            .expect("link");
    });
}

fn assert_ok(output: &Output, expected: &str) {
    let shown = text(output);
    assert!(output.status.success(), "{shown}");
    assert!(
        shown.contains(expected),
        "expected {expected:?} in: {shown}"
    );
}

fn host_layout_migrate_list_and_rotate_through_the_host_cli() {
    for db in databases("host_cli_layout") {
        let first = host_cli(&["migrate", "--database-url", &db.url]);
        assert_ok(&first, "applied 1 migration(s)");
        let again = host_cli(&["migrate", "--database-url", &db.url]);
        assert_ok(&again, "nothing to migrate");

        let old = [("k1", KEY_ONE)];
        link_host_user(&db, &old);
        let file = config(&db, "host.toml", &old);
        let listed = host_cli(&["--config", path(&file), "accounts", "list"]);
        assert_ok(&listed, "1 linked account(s)");
        assert!(text(&listed).contains(HOST_USER), "{}", text(&listed));

        let both = config(&db, "both.toml", &[("k2", KEY_TWO), ("k1", KEY_ONE)]);
        let rotated = host_cli(&["--config", path(&both), "tokens", "rotate-key"]);
        assert_ok(&rotated, "rotated 1 token row(s)");

        // The shipped binary, built for the library's layout, refuses this database rather
        // than migrating it into the library's tables.
        let plain = oauthclient(&["--config", path(&file), "accounts", "list"]);
        assert_eq!(plain.status.code(), Some(1), "{}", text(&plain));
    }
}

fn the_shipped_binary_serves_the_host_layout_with_a_flag() {
    for db in databases("host_cli_flag") {
        let migrated = oauthclient(&[
            "migrate",
            "--users-table",
            "host",
            "--database-url",
            &db.url,
        ]);
        assert_ok(&migrated, "applied 1 migration(s)");
        let keys = [("k1", KEY_ONE)];
        link_host_user(&db, &keys);
        let file = config(&db, "host.toml", &keys);
        let listed = oauthclient_with_env(
            &["--config", path(&file), "accounts", "list"],
            &[("OAUTHCLIENT_USERS_TABLE", "host")],
        );
        assert_ok(&listed, "1 linked account(s)");
        let both = config(&db, "both.toml", &[("k2", KEY_TWO), ("k1", KEY_ONE)]);
        let rotated = oauthclient(&[
            "--users-table",
            "host",
            "--config",
            path(&both),
            "tokens",
            "rotate-key",
        ]);
        assert_ok(&rotated, "rotated 1 token row(s)");
    }
}

fn config_check_of_a_host_provider_needs_the_host_cli() {
    let db = sqlite();
    let file = db.dir.path().join("sandbox.toml");
    std::fs::write(
        &file,
        format!(
            "site_url = \"https://example.org\"\nsecret_key = \"{KEY_ONE}\"\n\n\
             [remote_apps.sandbox]\nprovider = \"testkit\"\n\
             [remote_apps.sandbox.params]\n\
             base_url = \"https://sandbox.example.org/api/\"\n\
             authorize_url = \"https://sandbox.example.org/oauth/authorize\"\n\
             access_token_url = \"https://sandbox.example.org/oauth/token\"\n\n\
             [SANDBOX_APP_CREDENTIALS]\nconsumer_key = \"sandbox-client\"\n\
             consumer_secret = \"sandbox-secret-not-for-output\"\n"
        ),
    )
    .expect("write");
    let checked = host_cli(&["config", "check", path(&file)]);
    assert_ok(&checked, "[sandbox]");
    assert!(
        text(&checked).contains("provider=testkit"),
        "{}",
        text(&checked)
    );
    assert!(!text(&checked).contains("sandbox-secret-not-for-output"));

    // The host's CLI lists the host's provider beside the shipped ones; the shipped one does not.
    let listed = host_cli(&["providers"]);
    assert_ok(&listed, "testkit");
    assert!(!text(&oauthclient(&["providers"])).contains("testkit"));

    let plain = oauthclient(&["config", "check", path(&file)]);
    let shown = text(&plain);
    assert_eq!(plain.status.code(), Some(2), "{shown}");
    assert!(
        shown.contains("remote_apps.sandbox.provider")
            && shown.contains("`oauthclient-testkit`")
            && shown.contains("docs/operator-cli.md"),
        "{shown}"
    );
}

fn purge_unconfirmed_on_the_host_layout_says_why_not() {
    let db = sqlite();
    let file = config(&db, "host.toml", &[("k1", KEY_ONE)]);
    let output = host_cli(&["--config", path(&file), "accounts", "purge-unconfirmed"]);
    assert_eq!(output.status.code(), Some(2), "{}", text(&output));
    assert!(text(&output).contains("host's table"), "{}", text(&output));
}
