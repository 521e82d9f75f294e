//! The load: concurrent clients, each a simulated browser, every answer checked.
//!
//! - [`redirects`]: `GET /oauth/login/{app}/` as fast as the server answers; each answer must
//!   be a `302` to the provider's authorization endpoint carrying a `state`.
//! - [`flows`]: whole sign-ins: login → the provider's `/authorize` (signed in there as a
//!   given user by the testkit's cookie) → the callback, which must end in a `302` to the
//!   `next` URL the flow asked for with a renewed session cookie.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use oauthclient_testkit::{FakeUser, SIGNED_IN_COOKIE};
use reqwest::Client;
use reqwest::header::COOKIE;
use tokio::task::JoinSet;

use crate::jar::{Jar, param, redirect};
use crate::latency::Samples;

/// Where the next URL of every flow points; the callback must land there.
pub const NEXT: &str = "/bench/done";

/// What one phase did.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Requests (redirect phases) or flows (flow phases) that passed every check.
    pub ok: u64,
    /// Those that did not.
    pub errors: u64,
    /// What the first failure was.
    pub first_error: Option<String>,
    /// Wall-clock time of the phase.
    pub elapsed: Duration,
    /// Per request (redirect phases) or per whole flow.
    pub latency: Samples,
    /// Per callback request (flow phases).
    pub callback: Samples,
}

impl Outcome {
    /// Passing requests or flows per second.
    pub fn rate(&self) -> f64 {
        #[allow(clippy::cast_precision_loss, reason = "a count far below 2^52")]
        let ok = self.ok as f64;
        ok / self.elapsed.as_secs_f64().max(f64::EPSILON)
    }

    /// Adds a later stretch of the same phase to this one.
    pub fn extend(&mut self, other: Outcome) {
        self.elapsed += other.elapsed;
        self.absorb(other);
    }

    fn absorb(&mut self, other: Outcome) {
        self.ok += other.ok;
        self.errors += other.errors;
        self.first_error = self.first_error.take().or(other.first_error);
        self.latency.merge(other.latency);
        self.callback.merge(other.callback);
    }

    fn failed(&mut self, error: String) {
        self.errors += 1;
        self.first_error.get_or_insert(error);
    }
}

/// A client without redirects or cookies: every hop is made and checked by hand.
pub fn client(connections: usize) -> Result<Client, String> {
    Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(connections)
        .timeout(Duration::from_secs(10))
        .build()
        .map_err(|err| format!("HTTP client: {err}"))
}

/// `connections` loops of `GET url` for `duration`; each answer must redirect to
/// `expected_prefix` with a non-empty `state`.
pub async fn redirects(
    client: &Client,
    url: &str,
    expected_prefix: &str,
    connections: usize,
    duration: Duration,
) -> Outcome {
    let started = Instant::now();
    let deadline = started + duration;
    let mut tasks = JoinSet::new();
    for _ in 0..connections {
        let (client, url, prefix) = (client.clone(), url.to_owned(), expected_prefix.to_owned());
        tasks.spawn(async move {
            let mut outcome = Outcome::default();
            while Instant::now() < deadline {
                let sent = Instant::now();
                match login_redirect(&client, &url, &prefix).await {
                    Ok(()) => {
                        outcome.ok += 1;
                        outcome.latency.record(sent.elapsed());
                    }
                    Err(error) => outcome.failed(error),
                }
            }
            outcome
        });
    }
    collect(tasks, started).await
}

async fn login_redirect(client: &Client, url: &str, prefix: &str) -> Result<(), String> {
    let response = client
        .get(url)
        .send()
        .await
        .map_err(|err| err.to_string())?;
    let to = redirect(&response)?;
    drain(response).await?;
    if !to.as_str().starts_with(prefix) {
        return Err(format!("redirected to {to}, not {prefix}"));
    }
    match param(&to, "state") {
        Some(state) if !state.is_empty() => Ok(()),
        _ => Err(format!("redirected without a state: {to}")),
    }
}

/// Who signs in: the same users again and again, or somebody new every flow.
#[derive(Debug, Clone)]
pub enum Users {
    /// Client `c`'s `k`-th flow signs in as `pool[(c + k * clients) % pool.len()]`.
    Returning(Arc<Vec<String>>),
    /// Client `c`'s `k`-th flow signs up `"{prefix}-{c}-{k}"` ([`Users::new_users`]).
    New(NewUsers),
    /// Every flow signs in as a generated user picked at random: `growth-{n}`, `n` in 1..=N.
    Generated(u64),
}

impl Users {
    fn name(&self, client: usize, flow: usize, clients: usize) -> String {
        match self {
            Users::Returning(pool) => pool[(client + flow * clients) % pool.len()].clone(),
            Users::New(new) => new.name(client, flow),
            Users::Generated(count) => {
                format!(
                    "growth-{}",
                    rand::Rng::gen_range(&mut rand::thread_rng(), 1..=*count.max(&1))
                )
            }
        }
    }
}

impl Users {
    /// Somebody new every flow, whose provider id is none of `existing`'s nor another new
    /// user's.
    pub fn new_users(prefix: &str, existing: &[String]) -> Self {
        let taken = existing
            .iter()
            .map(|name| FakeUser::sandbox(name).id)
            .collect();
        Users::New(NewUsers {
            prefix: prefix.to_owned(),
            taken: Arc::new(Mutex::new(taken)),
        })
    }
}

/// The names of new users, kept apart by their provider ids.
#[derive(Debug, Clone)]
pub struct NewUsers {
    prefix: String,
    /// The provider ids given out so far. The provider stand-in derives a user's id from the
    /// name by hash into 10^8 values: among ten thousand sign-ups, two names share an id with
    /// a chance of about 40 %, and the second "sign-up" would sign the first user in again.
    taken: Arc<Mutex<HashSet<String>>>,
}

impl NewUsers {
    /// `"{prefix}-{client}-{flow}"`, with `-1`, `-2`, ... appended while its id is taken.
    fn name(&self, client: usize, flow: usize) -> String {
        let base = format!("{}-{client}-{flow}", self.prefix);
        let mut taken = self
            .taken
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        // Bounded: each try is a fresh hash, and the ids taken are far fewer than 10^8.
        for attempt in 0..64 {
            let name = if attempt == 0 {
                base.clone()
            } else {
                format!("{base}-{attempt}")
            };
            if taken.insert(FakeUser::sandbox(&name).id) {
                return name;
            }
        }
        base
    }
}

/// The demo's address and the provider's authorization endpoint.
#[derive(Debug, Clone)]
pub struct Site {
    pub demo: String,
    pub authorize_url: String,
    pub app: &'static str,
}

/// `clients` simulated browsers signing in for `duration`, at most `max_flows` each.
pub async fn flows(
    client: &Client,
    site: &Site,
    users: &Users,
    clients: usize,
    duration: Duration,
    max_flows: usize,
) -> Outcome {
    let started = Instant::now();
    let deadline = started + duration;
    let mut tasks = JoinSet::new();
    for index in 0..clients {
        let (client, site, users) = (client.clone(), site.clone(), users.clone());
        tasks.spawn(async move {
            let mut outcome = Outcome::default();
            for flow in 0..max_flows {
                if Instant::now() >= deadline {
                    break;
                }
                let name = users.name(index, flow, clients);
                let sent = Instant::now();
                match sign_in(&client, &site, &name).await {
                    Ok(callback) => {
                        outcome.ok += 1;
                        outcome.latency.record(sent.elapsed());
                        outcome.callback.record(callback);
                    }
                    Err(error) => outcome.failed(format!("{name}: {error}")),
                }
            }
            outcome
        });
    }
    collect(tasks, started).await
}

/// One whole sign-in as `username`; the callback's latency.
pub async fn sign_in(client: &Client, site: &Site, username: &str) -> Result<Duration, String> {
    let mut jar = Jar::default();
    let login = format!("{}/oauth/login/{}/?next={NEXT}", site.demo, site.app);
    let response = client
        .get(&login)
        .send()
        .await
        .map_err(|err| err.to_string())?;
    let to_provider = redirect(&response)?;
    jar.absorb(&response);
    drain(response).await?;
    if !to_provider.as_str().starts_with(&site.authorize_url) {
        return Err(format!("login redirected to {to_provider}"));
    }
    let state = param(&to_provider, "state").ok_or("login redirect without a state")?;
    if jar.is_empty() {
        return Err("login set no session cookie".into());
    }

    let response = client
        .get(to_provider)
        .header(COOKIE, format!("{SIGNED_IN_COOKIE}={username}"))
        .send()
        .await
        .map_err(|err| err.to_string())?;
    let back = redirect(&response)?;
    drain(response).await?;
    let callback_path = format!("/oauth/authorized/{}/", site.app);
    if back.path() != callback_path || param(&back, "state").as_deref() != Some(&state) {
        return Err(format!("the provider sent the browser to {back}"));
    }

    let sent = Instant::now();
    let mut request = client.get(back);
    if let Some(cookies) = jar.header() {
        request = request.header(COOKIE, cookies);
    }
    let response = request.send().await.map_err(|err| err.to_string())?;
    let landed = redirect(&response);
    let renewed = response.headers().contains_key(reqwest::header::SET_COOKIE);
    let body = response.text().await.unwrap_or_default();
    let elapsed = sent.elapsed();
    let landed = landed.map_err(|err| format!("callback: {err}: {}", excerpt(&body)))?;
    if landed.path() != NEXT {
        return Err(format!("the callback sent the browser to {landed}"));
    }
    if !renewed {
        return Err("the callback did not renew the session cookie".into());
    }
    Ok(elapsed)
}

fn excerpt(body: &str) -> String {
    body.chars().take(200).collect()
}

async fn drain(response: reqwest::Response) -> Result<(), String> {
    response
        .bytes()
        .await
        .map(drop)
        .map_err(|err| err.to_string())
}

async fn collect(mut tasks: JoinSet<Outcome>, started: Instant) -> Outcome {
    let mut total = Outcome::default();
    while let Some(joined) = tasks.join_next().await {
        match joined {
            Ok(outcome) => total.absorb(outcome),
            Err(err) => total.failed(format!("a client task failed: {err}")),
        }
    }
    total.elapsed = started.elapsed();
    total
}
