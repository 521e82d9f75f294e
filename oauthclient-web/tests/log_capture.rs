//! Everything logged at TRACE level during whole flows — sign-up, API call, refresh, refused
//! callback, disconnect, logout — captured and searched: no token, code, verifier or secret
//! appears, and every audit event does. One test per binary: it installs the global
//! subscriber. On actix-web only: the shared HTTP suite runs its scenarios side by side in
//! one process, where a global subscriber would capture (and credit this test with) the
//! other scenarios' events.

use std::io::Write;
use std::sync::{Arc, Mutex, PoisonError};

use oauthclient_core::AccountStore;
use oauthclient_core::account::UserId;
use oauthclient_core::handlers::ApiRequest;
use oauthclient_testkit::suite::{APP, TestSite, browser, site};
use tracing_subscriber::fmt::MakeWriter;

/// Collects every formatted log line.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Captured {
    type Writer = Captured;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

impl Captured {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap_or_else(PoisonError::into_inner)).into_owned()
    }
}

#[tokio::test]
async fn no_secret_reaches_the_log_and_every_audit_event_does() {
    let captured = Captured::default();
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(captured.clone())
        .with_ansi(false)
        .init();

    let site = site().await;
    let tokens = exercise(&site).await;

    let log = captured.text();
    assert!(
        log.lines().count() > 50,
        "TRACE logging was on: {} lines",
        log.lines().count()
    );
    let mut secrets: Vec<String> = site.provider.issued_access_tokens();
    secrets.push(site.provider.client_secret().to_owned());
    for token in &tokens {
        secrets.push(token.access_token.expose_secret().to_owned());
        secrets.extend(
            token
                .refresh_token
                .iter()
                .map(|r| r.expose_secret().to_owned()),
        );
    }
    for request in site.provider.token_requests() {
        for field in ["code", "code_verifier", "refresh_token", "client_secret"] {
            secrets.extend(request.get(field).cloned());
        }
    }
    secrets.retain(|secret| secret.len() >= 8);
    assert!(
        secrets.len() >= 6,
        "the flows produced secrets to look for: {secrets:?}"
    );
    for secret in &secrets {
        if let Some(line) = log.lines().find(|line| line.contains(secret.as_str())) {
            panic!("a secret reached the log: {line}");
        }
    }
    for event in [
        "sign_up",
        "sign_in",
        "link",
        "unlink",
        "token_refreshed",
        "callback_refused",
    ] {
        let marker = format!("event=\"{event}\"");
        assert!(
            log.lines()
                .any(|line| line.contains("oauthclient::audit") && line.contains(&marker)),
            "no audit event {event} in the log"
        );
    }
}

/// Every flow that handles secrets: sign-up, API call, refresh, a replayed callback, link and
/// disconnect with revocation, logout. Returns the tokens stored on the way.
async fn exercise(site: &TestSite) -> [oauthclient_core::Token; 2] {
    // Sign up through the provider, call its API, refresh the expired token.
    let browser = browser();
    assert_eq!(site.login(&browser, None).await.status(), 302);
    let user = UserId::new(site.whoami(&browser).await);
    let first = site
        .store
        .token(&user, site.provider.client_id(), "")
        .await
        .expect("store")
        .expect("token");
    let response = site
        .runtime
        .remote_request(APP, &user, ApiRequest::get("user"))
        .await
        .expect("API call");
    assert_eq!(response.status, 200);
    site.execute("UPDATE oauthclient_remotetoken SET expires = '2000-01-01 00:00:00'");
    let refreshed = site
        .runtime
        .access_token(APP, &user)
        .await
        .expect("refreshed");
    // A replayed callback is refused.
    let authorize = site.start_login(&browser, None).await;
    let callback = site.authorize(&browser, &authorize).await;
    assert_eq!(
        browser.get(&callback).send().await.expect("cb").status(),
        302
    );
    assert_eq!(
        browser
            .get(&callback)
            .send()
            .await
            .expect("replay")
            .status(),
        403
    );
    // A user with a password links and disconnects (revocation included), then logs out.
    let ada = site.local_user("ada@local.example", true).await;
    let other = browser_signed_in(site, ada).await;
    assert_eq!(site.login(&other, None).await.status(), 302);
    let (_, _, csrf) = site
        .page_with_csrf(&other, &format!("/oauth/disconnect/{APP}/"))
        .await;
    let unlinked = other
        .post(site.url(&format!("/oauth/disconnect/{APP}/")))
        .form(&[("csrf_token", csrf.as_str())])
        .send()
        .await
        .expect("disconnect");
    assert_eq!(unlinked.status(), 302);
    assert_eq!(site.logout(&other).await.status(), 302);

    [first, refreshed]
}

async fn browser_signed_in(site: &TestSite, user: UserId) -> reqwest::Client {
    let browser = browser();
    site.sign_in_as(&browser, &user).await;
    browser
}
