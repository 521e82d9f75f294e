//! The commands that work on the database: `migrate`, `accounts`, `tokens`.

use std::io::Write as _;
use std::ops::ControlFlow;
use std::path::Path;

use oauthclient_core::account::UserId;
use oauthclient_core::secret::SecretKey;
use oauthclient_core::store::StoreError;
use oauthclient_core::{AccountStore, OAuthClientConfig};
use oauthclient_store_diesel::{
    DieselStore, SchemaStatus, StoreOptions, TokenKey, TokenKeys, UsersTable,
};

use crate::args::Target;
use crate::config_check;
use crate::failure::Failure;
use crate::progress::{Progress, rate};

/// `migrate`: applies what is pending and says what it did.
pub async fn migrate(target: &Target) -> Result<(), Failure> {
    let config = target
        .config
        .as_deref()
        .map(|path| config_check::load(path, &target.registry))
        .transpose()?;
    let url = database_url(target)?;
    // Migrations never touch token contents; without a configuration any key will do.
    let keys = match &config {
        Some(config) => keys_of(config)?,
        None => TokenKeys::new(vec![TokenKey::derive(
            "migrate",
            &SecretKey::new("migrations-do-not-read-or-write-token-contents"),
        )])
        .ok_or_else(|| Failure::Failed("no key".into()))?,
    };
    let options = StoreOptions {
        run_migrations: false,
        check_schema: false,
        users_table: target.users_table,
        ..StoreOptions::default()
    };
    let store = DieselStore::connect(&url, keys, options)
        .await
        .map_err(failed)?;
    match store.schema_status().await.map_err(failed)? {
        // The host's users have no mailbox key of ours to fill.
        SchemaStatus::UpToDate if target.users_table == UsersTable::Host => {
            println!("the schema is up to date: nothing to migrate");
            Ok(())
        }
        SchemaStatus::UpToDate => {
            // Users copied in by hand (or left by a migrate that stopped) may still lack
            // their mailbox key.
            let filled = store.fill_email_keys().await.map_err(migrate_failed)?;
            if filled == 0 {
                println!("the schema is up to date: nothing to migrate");
            } else {
                println!("gave {filled} user(s) their mailbox key; the schema is up to date");
            }
            Ok(())
        }
        SchemaStatus::Ahead(unknown) => Err(Failure::Failed(format!(
            "the database was migrated by a newer version ({}): upgrade this program",
            unknown.join(", ")
        ))),
        SchemaStatus::Behind(pending) => {
            let progress = Progress::migrations(&format!(
                "applying {} migration(s): {}",
                pending.len(),
                pending.join(", ")
            ));
            let shown = progress.clone();
            let applied = store
                .migrate_with_progress(move |name, done, total| {
                    shown.say(format!("applied {name}"));
                    shown.update(done, total);
                })
                .await;
            let took = progress.finish();
            let applied = applied.map_err(migrate_failed)?;
            println!(
                "applied {applied} migration(s) ({}) in {:.1} s; the schema is up to date",
                pending.join(", "),
                took.as_secs_f64()
            );
            Ok(())
        }
    }
}

/// `accounts list [--user]`: a table, one linked account a line.
pub async fn list_accounts(target: &Target, user: Option<UserId>) -> Result<(), Failure> {
    let (_config, store) = open(target).await?;
    let accounts = store.list_accounts(user).await.map_err(failed)?;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        out,
        "{:>8}  {:>8}  {:<32}  {:<28}  {:>6}  {:<19}  {:<19}",
        "ACCOUNT", "USER", "EMAIL", "CLIENT_ID", "TOKENS", "TOKEN_EXPIRES_UTC", "LINKED_UTC"
    );
    for account in &accounts {
        let _ = writeln!(
            out,
            "{:>8}  {:>8}  {:<32}  {:<28}  {:>6}  {:<19}  {:<19}",
            account.account_id,
            account.user_id,
            account.email.as_deref().unwrap_or("-"),
            account.client_id,
            account.tokens,
            account.token_expires.map_or_else(
                || "-".to_owned(),
                |at| at.format("%Y-%m-%d %H:%M:%S").to_string()
            ),
            account.created.format("%Y-%m-%d %H:%M:%S"),
        );
    }
    let _ = writeln!(out, "{} linked account(s)", accounts.len());
    Ok(())
}

/// `accounts unlink --user --app`: what the disconnect button does, without the provider
/// call: the remote account (and its tokens) and the user's identities at the app go.
pub async fn unlink(target: &Target, user: UserId, app_name: &str) -> Result<(), Failure> {
    let (config, store) = open(target).await?;
    let app = config.remote_app(app_name).ok_or_else(|| {
        let known: Vec<&str> = config.remote_apps.keys().map(String::as_str).collect();
        Failure::Invalid(format!(
            "no app `{app_name}` in the configuration (apps: {})",
            known.join(", ")
        ))
    })?;
    let account = store
        .remote_account(&user, &app.credentials.consumer_key)
        .await
        .map_err(failed)?;
    let identities: Vec<_> = store
        .identities_of(&user)
        .await
        .map_err(failed)?
        .into_iter()
        .filter(|identity| identity.method == app.name)
        .collect();
    if account.is_none() && identities.is_empty() {
        return Err(Failure::NothingToDo(format!(
            "user {user} has no account linked at `{app_name}`"
        )));
    }
    if let Some(account) = account {
        store
            .delete_remote_account(account.id)
            .await
            .map_err(failed)?;
    }
    for identity in &identities {
        store
            .unlink_identity(&identity.method, identity.id.as_str())
            .await
            .map_err(failed)?;
    }
    println!("unlinked user {user} from `{app_name}`");
    Ok(())
}

/// `tokens rotate-key`: re-encrypts under the first configured key, `batch_size` rows per
/// committed transaction, with progress; a run that was interrupted continues where it stopped.
pub async fn rotate_key(target: &Target, batch_size: usize) -> Result<(), Failure> {
    let (config, store) = open(target).await?;
    let current = config
        .secret_keys
        .first()
        .map(|key| key.id.clone())
        .unwrap_or_default();
    let progress = Progress::rows(&format!(
        "re-encrypting stored tokens under key `{current}`"
    ));
    let shown = progress.clone();
    let report = store
        .rotate_token_keys_in_batches(batch_size, move |done, total| {
            shown.update(done, total);
            ControlFlow::Continue(())
        })
        .await;
    let took = progress.finish();
    let report = report.map_err(failed)?;
    // `default` usually lives in the environment, not the file: say how it goes away.
    let default_note =
        if current != "default" && config.secret_keys.iter().any(|key| key.id == "default") {
            " (`default` is secret_key: unset secret_key (OAUTHCLIENT_SECRET_KEY))"
        } else {
            ""
        };
    println!(
        "rotated {} token row(s); {} already under `{current}` ({}); keys other than \
         `{current}` can now be removed from the configuration{default_note}, no sooner than \
         30 minutes after the promotion (see docs/key-rotation.md)",
        report.rotated,
        report.already_current,
        rate(report.rotated, took)
    );
    Ok(())
}

/// `tokens purge-expired [--grace] [--batch-size]`: batches of accounts, each committed.
pub async fn purge_expired(target: &Target, grace: u64, batch_size: usize) -> Result<(), Failure> {
    let (_config, store) = open(target).await?;
    let progress = Progress::rows("deleting expired tokens without a refresh token");
    let shown = progress.clone();
    let purged = store
        .purge_expired_tokens_in_batches(grace, batch_size, move |done, total| {
            shown.update(done, total);
            ControlFlow::Continue(())
        })
        .await;
    let took = progress.finish();
    let purged = purged.map_err(failed)?;
    println!(
        "purged {purged} expired token(s) without a refresh token ({})",
        rate(purged, took)
    );
    Ok(())
}

/// `accounts purge-unconfirmed`.
pub async fn purge_unconfirmed(target: &Target) -> Result<(), Failure> {
    if target.users_table == UsersTable::Host {
        // Unconfirmed claims live on the library's users; the host's table is the host's.
        return Err(Failure::Invalid(
            "accounts purge-unconfirmed works on the library's users table; this database \
             keeps its users in the host's table (--users-table host), whose e-mail addresses \
             the host manages"
                .into(),
        ));
    }
    let (config, store) = open(target).await?;
    let max_age = config.accounts.unconfirmed_expires;
    let ended = store.end_expired_claims(max_age).await.map_err(failed)?;
    println!("ended {ended} unconfirmed e-mail claim(s) older than {max_age} seconds");
    Ok(())
}

/// The configuration (required) and the store at the target's database.
async fn open(target: &Target) -> Result<(OAuthClientConfig, DieselStore), Failure> {
    let path = target.config.as_deref().ok_or_else(|| {
        Failure::Invalid(
            "this command needs the configuration (--config FILE or OAUTHCLIENT_CONFIG): its \
             secret keys decrypt the tokens"
                .into(),
        )
    })?;
    let config = config_check::load(path, &target.registry)?;
    let url = database_url(target)?;
    let options = StoreOptions {
        run_migrations: false,
        users_table: target.users_table,
        ..StoreOptions::default()
    };
    let store = DieselStore::connect(&url, keys_of(&config)?, options)
        .await
        .map_err(failed)?;
    Ok((config, store))
}

fn keys_of(config: &OAuthClientConfig) -> Result<TokenKeys, Failure> {
    TokenKeys::from_config(&config.secret_keys)
        .ok_or_else(|| Failure::Invalid("the configuration has no secret key".into()))
}

/// `--database-url`, else the configuration file's `database_url`.
fn database_url(target: &Target) -> Result<String, Failure> {
    if let Some(url) = &target.database_url {
        return Ok(url.clone());
    }
    let from_file = target
        .config
        .as_deref()
        .map(database_url_in)
        .transpose()?
        .flatten();
    from_file.ok_or_else(|| {
        Failure::Invalid(
            "no database: pass --database-url (or OAUTHCLIENT_DATABASE_URL), or set \
             database_url in the configuration"
                .into(),
        )
    })
}

fn database_url_in(path: &Path) -> Result<Option<String>, Failure> {
    let text = std::fs::read_to_string(path)
        .map_err(|err| Failure::Invalid(format!("{}: cannot read: {err}", path.display())))?;
    let document: toml::Table = toml::from_str(&text)
        .map_err(|err| Failure::Invalid(format!("{}: {}", path.display(), err.message())))?;
    Ok(document
        .get("database_url")
        .and_then(toml::Value::as_str)
        .map(str::to_owned))
}

/// A migration that stopped: a conflict (users whose addresses would share one mailbox key)
/// is the operator's to resolve, so its message is shown as it is, naming the rows.
#[allow(
    clippy::needless_pass_by_value,
    reason = "used as `map_err(migrate_failed)`, which passes the error by value"
)]
fn migrate_failed(err: StoreError) -> Failure {
    if err.is_conflict() {
        Failure::Failed(format!("migrate stopped: {}", err.message()))
    } else {
        Failure::Failed(err.to_string())
    }
}

#[allow(
    clippy::needless_pass_by_value,
    reason = "used as `map_err(failed)`, which passes the error by value"
)]
fn failed(err: StoreError) -> Failure {
    Failure::Failed(err.to_string())
}
