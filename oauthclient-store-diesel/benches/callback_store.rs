//! The store work of one returning-user callback, on SQLite and (when
//! `OAUTHCLIENT_TEST_POSTGRES_URL` is set) PostgreSQL, in a database of its own:
//! - `returning`: what the engine calls now (`owner_of`, `user_by_id`, `save_token`);
//! - `returning-split`: the calls it made before (the token and identity lookups apart, the
//!   user read twice, the remote account read twice);
//! - `select-1`: one `SELECT 1` round trip, what the pool's test at every check-out cost each
//!   store call before it trusted recently used connections.
//!
//! `cargo bench -p oauthclient-store-diesel --all-features --bench callback_store --
//! --measurement-time 3`

#![allow(
    missing_docs,
    reason = "criterion_group! generates undocumented functions"
)]

use criterion::{Criterion, criterion_group, criterion_main};
use diesel::Connection;
use diesel::connection::SimpleConnection;
use oauthclient_core::account::{AccountInfo, NewUser, UserId};
use oauthclient_core::secret::{AccessToken, SecretKey};
use oauthclient_core::store::NewLink;
use oauthclient_core::{AccountStore, ExternalId, Token, UserStore};
use oauthclient_store_diesel::{DieselStore, StoreOptions, TokenKey, TokenKeys};

const CLIENT: &str = "bench-client";

fn keys() -> TokenKeys {
    TokenKeys::new(vec![TokenKey::derive(
        "bench",
        &SecretKey::new("benchmark-secret-benchmark-secret-benchmark"),
    )])
    .expect("one key")
}

fn info() -> AccountInfo {
    let mut info = AccountInfo::new(ExternalId::new("4242"), "bench");
    info.email = Some("bench@example.org".into());
    info
}

/// A store on `url` holding one user linked to the bench app.
async fn linked_store(url: &str) -> (DieselStore, UserId) {
    let store = DieselStore::connect(url, keys(), StoreOptions::default())
        .await
        .expect("store");
    let user = store
        .register_and_link(
            &NewUser {
                email: "bench@example.org".into(),
                username: None,
                full_name: None,
                confirmed: true,
            },
            &NewLink {
                client_id: CLIENT.into(),
                account_info: info(),
                token: Token::bearer(AccessToken::new("first")),
                extra_data: serde_json::json!({}),
            },
        )
        .await
        .expect("linked user");
    (store, user.id)
}

/// The returning callback's store work now.
async fn returning(store: &DieselStore, user: &UserId, token: &Token) {
    let owner = store
        .owner_of(CLIENT, token, "bench", "4242")
        .await
        .expect("owner");
    assert_eq!(owner.as_ref(), Some(user));
    store.user_by_id(user).await.expect("user");
    store.save_token(user, CLIENT, token).await.expect("saved");
}

/// The same callback's store work before one lookup and the callback memo.
async fn returning_split(store: &DieselStore, user: &UserId, token: &Token) {
    let by_token = store
        .account_by_token(CLIENT, &token.access_token, &token.token_type)
        .await
        .expect("by token");
    assert!(by_token.is_none(), "a fresh token");
    store.identity("bench", "4242").await.expect("identity");
    store.user_by_id(user).await.expect("user");
    store.save_token(user, CLIENT, token).await.expect("saved");
    store.remote_account(user, CLIENT).await.expect("account");
    store.user_by_id(user).await.expect("user again");
    store
        .remote_account(user, CLIENT)
        .await
        .expect("account again");
}

fn bench_backend(c: &mut Criterion, name: &str, url: &str) {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let (store, user) = runtime.block_on(linked_store(url));
    let mut fresh = 0_u64;
    let mut next_token = move || {
        fresh += 1;
        Token::bearer(AccessToken::new(format!("fresh-{fresh}")))
    };
    c.bench_function(&format!("{name}/returning"), |b| {
        b.iter(|| runtime.block_on(returning(&store, &user, &next_token())));
    });
    c.bench_function(&format!("{name}/returning-split"), |b| {
        b.iter(|| runtime.block_on(returning_split(&store, &user, &next_token())));
    });
    if name == "postgres" {
        let mut conn = diesel::PgConnection::establish(url).expect("connect");
        c.bench_function(&format!("{name}/select-1"), |b| {
            b.iter(|| conn.batch_execute("SELECT 1").expect("SELECT 1"));
        });
    }
}

fn callback_store(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let sqlite = format!("sqlite://{}", dir.path().join("bench.sqlite").display());
    bench_backend(c, "sqlite", &sqlite);

    let Ok(admin_url) = std::env::var("OAUTHCLIENT_TEST_POSTGRES_URL") else {
        return;
    };
    let database = format!("oauthclient_bench_{}", std::process::id());
    let mut admin = diesel::PgConnection::establish(&admin_url).expect("PostgreSQL");
    admin
        .batch_execute(&format!("CREATE DATABASE {database}"))
        .expect("create the bench database");
    let (base, _) = admin_url
        .rsplit_once('/')
        .expect("a URL ending in /database");
    bench_backend(c, "postgres", &format!("{base}/{database}"));
    let _ = admin.batch_execute(&format!("DROP DATABASE IF EXISTS {database} WITH (FORCE)"));
}

criterion_group!(benches, callback_store);
criterion_main!(benches);
