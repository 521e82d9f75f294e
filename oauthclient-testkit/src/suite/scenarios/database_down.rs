//! The database goes away under a running server: callbacks answer 503 (nothing half
//! written), the server stays up, and the next sign-in works once the database is back.
//! SQLite: the database files are made immutable (`chattr +i`: even root cannot write).
//! PostgreSQL (when `OAUTHCLIENT_TEST_POSTGRES_URL` is set, as in CI): a proxy in front of it
//! cuts every connection.

use std::path::Path;
use std::process::Command;

use crate::FakeUser;
use crate::site::proxy::CutProxy;
use crate::site::{SiteOptions, current};
use crate::suite::{Scenario, TestSite, browser, launch, scenario_list, site};

/// One sign-in attempt from a fresh browser: the callback's status.
/// The callback's status; a 503 must say when to come back (`Retry-After`), as documented.
async fn sign_in_status(site: &TestSite) -> u16 {
    let browser = browser();
    let authorize = site.start_login(&browser, None).await;
    let callback = site.authorize(&browser, &authorize).await;
    let response = browser
        .get(&callback)
        .send()
        .await
        .expect("the server answers");
    let status = response.status().as_u16();
    if status == 503 {
        assert!(
            response.headers().contains_key("retry-after"),
            "a 503 carries Retry-After"
        );
    }
    status
}

/// Sets or clears the immutable attribute of the SQLite files (database, WAL, shared memory).
fn immutable(dir: &Path, on: bool) {
    for name in ["site.sqlite", "site.sqlite-wal", "site.sqlite-shm"] {
        let file = dir.join(name);
        if !file.exists() {
            continue;
        }
        let flag = if on { "+i" } else { "-i" };
        let status = Command::new("chattr")
            .arg(flag)
            .arg(&file)
            .status()
            .expect("chattr (e2fsprogs) is needed to make the database unwritable");
        assert!(status.success(), "chattr {flag} {}", file.display());
    }
}

async fn sqlite_unwritable_then_back() {
    let site = site().await;
    assert_eq!(sign_in_status(&site).await, 302, "works before");
    let users = site.count("accounts_user");
    immutable(site.db_dir.path(), true);
    site.provider.set_user(FakeUser {
        id: "2002".into(),
        login: "second".into(),
        email: Some("second@example.org".into()),
        ..FakeUser::default()
    });
    let down = sign_in_status(&site).await;
    immutable(site.db_dir.path(), false);
    assert_eq!(down, 503, "database unwritable: 503");
    assert_eq!(site.count("accounts_user"), users, "nothing half written");
    assert_eq!(sign_in_status(&site).await, 302, "recovers");
    assert_eq!(site.count("accounts_user"), users + 1);
}

async fn postgres_cut_then_back() {
    let Some(url) = crate::services::service_url(
        "OAUTHCLIENT_TEST_POSTGRES_URL",
        &format!("{}: PostgreSQL outage and recovery", current().name()),
    ) else {
        return;
    };
    let parsed = url::Url::parse(&url).expect("OAUTHCLIENT_TEST_POSTGRES_URL is a URL");
    let target = format!(
        "{}:{}",
        parsed.host_str().unwrap_or("127.0.0.1"),
        parsed.port().unwrap_or(5432)
    )
    .parse()
    .expect("a numeric PostgreSQL host (127.0.0.1)");
    let proxy = CutProxy::start(target).await;
    let mut through_proxy = parsed.clone();
    through_proxy.set_port(Some(proxy.port)).expect("port");
    let site = launch(SiteOptions::new().database_url(through_proxy.to_string())).await;
    // Distinct users per run: the database is shared with other suites.
    let unique = format!("{}-{}", std::process::id(), line!());
    site.provider.set_user(FakeUser {
        id: format!("pg-{unique}"),
        login: format!("pg-{unique}"),
        email: Some(format!("pg-{unique}@example.org")),
        ..FakeUser::default()
    });
    assert_eq!(sign_in_status(&site).await, 302, "works before");
    proxy.down();
    site.provider.set_user(FakeUser {
        id: format!("pg2-{unique}"),
        login: format!("pg2-{unique}"),
        email: Some(format!("pg2-{unique}@example.org")),
        ..FakeUser::default()
    });
    assert_eq!(
        sign_in_status(&site).await,
        503,
        "database unreachable: 503"
    );
    proxy.up();
    assert_eq!(sign_in_status(&site).await, 302, "recovers");
}

/// The scenarios of this module.
pub(super) fn scenarios() -> Vec<Scenario> {
    scenario_list![sqlite_unwritable_then_back, postgres_cut_then_back]
}
