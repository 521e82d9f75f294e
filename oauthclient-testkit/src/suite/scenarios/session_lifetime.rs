//! Session lifetimes (`[session]`) on cookie sessions and (when `OAUTHCLIENT_TEST_REDIS_URL`
//! is set) Redis sessions: a default session ends after the idle timeout and at its lifetime,
//! with a browser-session cookie; a remembered one (the app's `remember`, or the user's
//! "remember me" where the app allows the `remember` login option) outlives it, ends at
//! the remember lifetime, and has a persistent cookie — and on Redis a key that lives as long;
//! signing out deletes the server-side session. Checked through a host route
//! (`/test/whoami`): the session layer ends sessions for every request. Time is a manual
//! clock given to the site's builder: nothing sleeps.

use std::sync::Arc;

use oauthclient_core::clock::{Clock, ManualClock, SystemClock};

use crate::site::redis_probe::RedisProbe;
use crate::site::{Sessions, SiteOptions, current, session_set_cookie};
use crate::suite::{APP, Scenario, TestSite, browser, launch, scenario_list};

const LIFETIME: u64 = 3600;
const IDLE: u64 = 600;
const REMEMBER: u64 = 7 * 24 * 3600;

/// The Redis URL, when the suite is to use Redis.
fn redis_url() -> Option<String> {
    crate::services::service_url(
        "OAUTHCLIENT_TEST_REDIS_URL",
        &format!("{}: session lifetimes on Redis sessions", current().name()),
    )
}

/// A site whose sessions last [`LIFETIME`], idle [`IDLE`], remembered [`REMEMBER`]; the app
/// remembers its sign-ins when `remember`. Its clock starts at a time of its own, so its
/// sessions' stamps tell them apart in a shared Redis.
async fn timed_site(sessions: Sessions, remember: bool) -> (TestSite, Arc<ManualClock>) {
    timed_site_with(sessions, if remember { "remember = true" } else { "" }).await
}

/// [`timed_site`] with `app_settings` (keys, not tables) added to the app's table.
async fn timed_site_with(
    sessions: Sessions,
    app_settings: &'static str,
) -> (TestSite, Arc<ManualClock>) {
    let start = SystemClock.now() + rand::random::<u64>() % 1_000_000_000;
    let clock = Arc::new(ManualClock::new(start));
    let for_builder: Arc<dyn Clock> = clock.clone();
    let options = SiteOptions::new()
        .sessions(sessions)
        .edit(move |toml| {
            let header = format!("[remote_apps.{APP}]");
            let toml = toml.replace(&header, &format!("{header}\n{app_settings}"));
            format!(
                "{toml}\n[session]\nlifetime = {LIFETIME}\nidle_timeout = {IDLE}\n\
                 remember_lifetime = \"{}d\"\n",
                REMEMBER / 86_400
            )
        })
        .customize(move |builder| builder.clock(for_builder));
    (launch(options).await, clock)
}

/// Signs in through the provider at the clock's time; the callback's session cookie.
async fn sign_in(site: &TestSite, browser: &reqwest::Client) -> String {
    let response = site.login(browser, None).await;
    assert_eq!(response.status(), 302);
    let cookie = session_set_cookie(&response).expect("the sign-in sets the session cookie");
    assert_ne!(site.whoami(browser).await, "anonymous");
    cookie
}

fn signed_in(who: &str) -> bool {
    who != "anonymous" && !who.is_empty()
}

/// The `Max-Age` of a `Set-Cookie`, if it has one.
fn max_age(set_cookie: &str) -> Option<u64> {
    set_cookie.split(';').find_map(|attribute| {
        let (name, value) = attribute.trim().split_once('=')?;
        name.eq_ignore_ascii_case("max-age")
            .then(|| value.parse().ok())
            .flatten()
    })
}

async fn idle_timeout_ends(sessions: Sessions) {
    let (site, clock) = timed_site(sessions, false).await;
    let browser = browser();
    sign_in(&site, &browser).await;
    for _ in 0..3 {
        clock.advance(IDLE - 1);
        assert!(
            signed_in(&site.whoami(&browser).await),
            "a request within the idle timeout keeps the session"
        );
    }
    clock.advance(IDLE);
    assert_eq!(site.whoami(&browser).await, "anonymous", "idle too long");
    let session: serde_json::Value = browser
        .get(site.url("/api/oauth/session"))
        .send()
        .await
        .expect("session")
        .json()
        .await
        .expect("json");
    assert_eq!(session["signed_in"], false, "{session}");
}

async fn lifetime_ends(sessions: Sessions) {
    let (site, clock) = timed_site(sessions, false).await;
    let browser = browser();
    sign_in(&site, &browser).await;
    let busy = IDLE / 2;
    let mut elapsed = 0;
    while elapsed + busy < LIFETIME {
        clock.advance(busy);
        elapsed += busy;
        assert!(
            signed_in(&site.whoami(&browser).await),
            "busy, at {elapsed} s"
        );
    }
    clock.advance(LIFETIME - elapsed);
    assert_eq!(
        site.whoami(&browser).await,
        "anonymous",
        "the lifetime ends even a busy session"
    );
    // A new sign-in starts a new lifetime.
    sign_in(&site, &browser).await;
}

async fn remembered_outlives_default(sessions: Sessions) {
    let (site, clock) = timed_site(sessions, true).await;
    let signed_in_at = clock.now();
    let remembered = browser();
    let remembered_cookie = sign_in(&site, &remembered).await;
    let default = browser();
    let user = site.user_id(&remembered).await;
    site.sign_in_as(&default, &user).await;

    clock.advance(LIFETIME);
    assert_eq!(
        site.whoami(&default).await,
        "anonymous",
        "the default ended"
    );
    assert!(
        signed_in(&site.whoami(&remembered).await),
        "the remembered session outlives the default one, idle or not"
    );
    clock.set(signed_in_at + REMEMBER - 1);
    assert!(signed_in(&site.whoami(&remembered).await));
    clock.advance(1);
    assert_eq!(
        site.whoami(&remembered).await,
        "anonymous",
        "the remember lifetime ends it"
    );
    let max_age = max_age(&remembered_cookie).expect("a persistent cookie");
    assert!(
        (REMEMBER - 5..=REMEMBER).contains(&max_age),
        "{remembered_cookie}"
    );
}

/// "Remember me" asked for by the user (`?remember=1`, allowed by the app's `login_options`)
/// remembers that sign-in only: a persistent cookie, the remember lifetime, no idle timeout;
/// the next sign-in without it is a default session again.
async fn remember_me_remembers_that_sign_in(sessions: Sessions) {
    let (site, clock) =
        timed_site_with(sessions, r#"login_options = { allow = ["remember"] }"#).await;
    let remembered = browser();
    let response = site.login_with(&remembered, &[("remember", "1")]).await;
    assert_eq!(response.status(), 302);
    let cookie = session_set_cookie(&response).expect("the sign-in sets the session cookie");
    assert!(
        max_age(&cookie).is_some_and(|age| age > LIFETIME),
        "remember me: a persistent cookie: {cookie}"
    );
    let default = browser();
    let cookie = sign_in(&site, &default).await;
    assert_eq!(
        max_age(&cookie),
        None,
        "without it, a browser-session cookie"
    );
    clock.advance(IDLE + 1);
    assert_eq!(site.whoami(&default).await, "anonymous", "idle too long");
    assert!(
        signed_in(&site.whoami(&remembered).await),
        "the remembered session has no idle timeout"
    );
    assert!(
        site.provider
            .authorize_requests()
            .iter()
            .all(|request| !request.contains_key("remember")),
        "remember is ours, never sent to the provider"
    );
}

async fn remember_me_is_refused_where_the_app_does_not_allow_it() {
    let (site, _clock) = timed_site(Sessions::Cookie, false).await;
    let browser = browser();
    let url = format!("{}?remember=1", site.url(&format!("/oauth/login/{APP}/")));
    let response = crate::browser_actions::start_flow(&browser, &url).await;
    assert_eq!(response.status(), 400);
    let body = response.text().await.expect("body");
    assert!(body.contains("remember"), "{body}");
}

async fn cookie_kinds(sessions: Sessions) {
    let (default_site, _clock) = timed_site(sessions.clone(), false).await;
    let cookie = sign_in(&default_site, &browser()).await;
    let lower = cookie.to_ascii_lowercase();
    assert!(
        !lower.contains("max-age") && !lower.contains("expires"),
        "a default session's cookie ends with the browser: {cookie}"
    );
    let (remembering_site, _clock) = timed_site(sessions, true).await;
    let cookie = sign_in(&remembering_site, &browser()).await;
    assert!(
        max_age(&cookie).is_some_and(|age| age > LIFETIME),
        "a remembered session's cookie persists: {cookie}"
    );
}

async fn a_default_session_ends_after_the_idle_timeout() {
    idle_timeout_ends(Sessions::Cookie).await;
}

async fn a_default_session_ends_after_the_idle_timeout_on_redis() {
    if let Some(url) = redis_url() {
        idle_timeout_ends(Sessions::Redis(url)).await;
    }
}

async fn a_default_session_ends_at_its_lifetime() {
    lifetime_ends(Sessions::Cookie).await;
}

async fn a_default_session_ends_at_its_lifetime_on_redis() {
    if let Some(url) = redis_url() {
        lifetime_ends(Sessions::Redis(url)).await;
    }
}

async fn a_remembered_session_outlives_a_default_one() {
    remembered_outlives_default(Sessions::Cookie).await;
}

async fn remember_me_remembers_that_sign_in_only() {
    remember_me_remembers_that_sign_in(Sessions::Cookie).await;
}

async fn remember_me_remembers_that_sign_in_only_on_redis() {
    if let Some(url) = redis_url() {
        remember_me_remembers_that_sign_in(Sessions::Redis(url)).await;
    }
}

async fn a_remembered_session_outlives_a_default_one_on_redis() {
    if let Some(url) = redis_url() {
        remembered_outlives_default(Sessions::Redis(url)).await;
    }
}

async fn only_a_remembered_session_has_a_persistent_cookie() {
    cookie_kinds(Sessions::Cookie).await;
}

async fn only_a_remembered_session_has_a_persistent_cookie_on_redis() {
    if let Some(url) = redis_url() {
        cookie_kinds(Sessions::Redis(url)).await;
    }
}

/// Requests within the touch interval change nothing: no cookie is re-issued.
async fn a_busy_session_is_not_reissued_on_every_request() {
    let (site, clock) = timed_site(Sessions::Cookie, false).await;
    let browser = browser();
    sign_in(&site, &browser).await;
    clock.advance(IDLE / 20);
    let response = browser
        .get(site.url("/test/whoami"))
        .send()
        .await
        .expect("whoami");
    assert_eq!(session_set_cookie(&response), None);
    clock.advance(IDLE / 2);
    let response = browser
        .get(site.url("/test/whoami"))
        .send()
        .await
        .expect("whoami");
    assert!(
        session_set_cookie(&response).is_some(),
        "the last request is recorded now and then"
    );
}

/// A copy of a cookie session ends when its session would have: the lifetime travels inside.
async fn a_copied_cookie_session_ends_with_its_lifetime() {
    let (site, clock) = timed_site(Sessions::Cookie, false).await;
    let cookie = sign_in(&site, &browser()).await;
    let pair = cookie.split(';').next().unwrap_or_default().to_owned();
    let replay = |pair: String| {
        let site = &site;
        async move {
            reqwest::Client::new()
                .get(site.url("/test/whoami"))
                .header(reqwest::header::COOKIE, pair)
                .send()
                .await
                .expect("whoami")
                .text()
                .await
                .expect("body")
        }
    };
    assert!(signed_in(&replay(pair.clone()).await));
    clock.advance(IDLE);
    assert_eq!(replay(pair).await, "anonymous");
}

/// On Redis, each session's key lives as long as the session (not actix-session's or
/// tower-sessions' one fixed TTL), and signing out deletes it: the old cookie, replayed, finds
/// no session.
async fn redis_keys_live_as_long_as_their_session_and_sign_out_deletes_them() {
    let Some(url) = redis_url() else {
        return;
    };
    let probe = RedisProbe::connect(&url);
    for remember in [false, true] {
        let (site, clock) = timed_site(Sessions::Redis(url.clone()), remember).await;
        let browser = browser();
        // The signed-in session's stamp is one second after the anonymous one's.
        let authorize = site.start_login(&browser, None).await;
        clock.advance(1);
        let marker = clock.now().to_string();
        let callback = site.authorize(&browser, &authorize).await;
        let response = browser.get(callback).send().await.expect("callback");
        assert_eq!(response.status(), 302);
        let cookie = session_set_cookie(&response).expect("a session cookie");
        let keys = probe.keys_containing(&marker).await;
        let [(_, ttl)] = keys.as_slice() else {
            panic!("one session in Redis for stamp {marker}: {keys:?}");
        };
        let expected = if remember { REMEMBER } else { IDLE };
        let expected = i64::try_from(expected).expect("small");
        assert!(
            (expected - 5..=expected).contains(ttl),
            "remember = {remember}: TTL {ttl}, expected {expected}"
        );

        assert_eq!(site.logout(&browser).await.status(), 302);
        assert!(
            probe.keys_containing(&marker).await.is_empty(),
            "sign-out deleted the session in Redis"
        );
        let pair = cookie.split(';').next().unwrap_or_default().to_owned();
        let replayed = reqwest::Client::new()
            .get(site.url("/test/whoami"))
            .header(reqwest::header::COOKIE, pair)
            .send()
            .await
            .expect("whoami")
            .text()
            .await
            .expect("body");
        assert_eq!(replayed, "anonymous", "the old cookie finds no session");
    }
}

pub(super) fn scenarios() -> Vec<Scenario> {
    scenario_list![
        a_default_session_ends_after_the_idle_timeout,
        a_default_session_ends_after_the_idle_timeout_on_redis,
        a_default_session_ends_at_its_lifetime,
        a_default_session_ends_at_its_lifetime_on_redis,
        a_remembered_session_outlives_a_default_one,
        a_remembered_session_outlives_a_default_one_on_redis,
        remember_me_remembers_that_sign_in_only,
        remember_me_remembers_that_sign_in_only_on_redis,
        remember_me_is_refused_where_the_app_does_not_allow_it,
        only_a_remembered_session_has_a_persistent_cookie,
        only_a_remembered_session_has_a_persistent_cookie_on_redis,
        a_busy_session_is_not_reissued_on_every_request,
        a_copied_cookie_session_ends_with_its_lifetime,
        redis_keys_live_as_long_as_their_session_and_sign_out_deletes_them,
    ]
}
