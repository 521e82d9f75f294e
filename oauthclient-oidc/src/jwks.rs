//! The provider's signing keys (its JWKS, at the discovered `jwks_uri`): cached for
//! [`DISCOVERY_TTL`], and fetched again at once when an ID token is signed by a key the cache
//! does not have, since that is what a key rotation looks like (OpenID Connect Core §10.1.1).
//! Such re-fetches are rate-limited per remote app ([`JWKS_REFETCH_INTERVAL`]): a stream of
//! tokens naming made-up keys must not turn us into a load generator against the provider.

use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

use oauthclient_core::OAuthError;
use oauthclient_core::client::HttpClient;
use openidconnect::JsonWebKeySetUrl;
use openidconnect::core::CoreJsonWebKeySet;

use crate::discovery::DISCOVERY_TTL;
use crate::id_token::Refusal;

/// The shortest time between two re-fetches of a provider's keys caused by ID tokens naming an
/// unknown key (per remote app). A rotated key is picked up on the first sign-in after the
/// rotation; a token naming a key the provider does not publish costs at most one fetch per
/// interval.
///
/// ```
/// assert_eq!(oauthclient_oidc::JWKS_REFETCH_INTERVAL.as_secs(), 30);
/// ```
pub const JWKS_REFETCH_INTERVAL: Duration = Duration::from_secs(30);

/// One remote app's key set, cached.
#[derive(Debug)]
pub(crate) struct Jwks {
    /// An async mutex held across a fetch: concurrent callers that need keys wait for the
    /// fetch in flight and use its result, so there is never more than one fetch at a time.
    state: tokio::sync::Mutex<State>,
    refetch_interval: Duration,
}

#[derive(Debug, Default)]
struct State {
    cached: Option<Cached>,
    /// When the last re-fetch for an unknown key started (successful or not).
    last_refetch: Option<Instant>,
}

#[derive(Debug)]
struct Cached {
    /// The `jwks_uri` the keys came from: discovery may move it.
    uri: String,
    fetched: Instant,
    keys: Arc<CoreJsonWebKeySet>,
}

impl Default for Jwks {
    fn default() -> Self {
        Self::with_refetch_interval(JWKS_REFETCH_INTERVAL)
    }
}

impl Jwks {
    /// A cache that re-fetches for an unknown key at most once per `refetch_interval`.
    pub(crate) fn with_refetch_interval(refetch_interval: Duration) -> Self {
        Self {
            state: tokio::sync::Mutex::default(),
            refetch_interval,
        }
    }

    /// Runs `verify` with the keys of `uri`; when it reports [`Refusal::UnknownKey`], fetches
    /// the keys again (unless that was done less than the re-fetch interval ago) and runs it
    /// once more. `fetch` downloads the key set.
    pub(crate) async fn verify<T, F, Fut>(
        &self,
        remote: &str,
        uri: &str,
        fetch: F,
        verify: impl Fn(&CoreJsonWebKeySet) -> Result<T, Refusal>,
    ) -> Result<T, OAuthError>
    where
        F: Fn() -> Fut,
        Fut: Future<Output = Result<CoreJsonWebKeySet, OAuthError>>,
    {
        let keys = self.keys(uri, &fetch).await?;
        match verify(&keys) {
            Ok(verified) => return Ok(verified),
            Err(Refusal::Refused(err)) => return Err(err),
            Err(Refusal::UnknownKey) => {}
        }
        let Some(keys) = self.refetch(remote, uri, &keys, &fetch).await? else {
            tracing::warn!(
                remote,
                "refused an ID token signed with an unknown key; keys re-fetched recently"
            );
            return Err(unknown_key(
                remote,
                "its keys were fetched again moments ago",
            ));
        };
        match verify(&keys) {
            Ok(verified) => Ok(verified),
            Err(Refusal::Refused(err)) => Err(err),
            Err(Refusal::UnknownKey) => {
                tracing::warn!(
                    remote,
                    "refused an ID token signed with a key the provider does not publish"
                );
                Err(unknown_key(remote, "even after fetching its keys again"))
            }
        }
    }

    /// The keys of `uri`, from the cache while fresh.
    async fn keys<F, Fut>(&self, uri: &str, fetch: &F) -> Result<Arc<CoreJsonWebKeySet>, OAuthError>
    where
        F: Fn() -> Fut,
        Fut: Future<Output = Result<CoreJsonWebKeySet, OAuthError>>,
    {
        let mut state = self.state.lock().await;
        if let Some(cached) = &state.cached
            && cached.uri == uri
            && cached.fetched.elapsed() < DISCOVERY_TTL
        {
            return Ok(cached.keys.clone());
        }
        let keys = Arc::new(fetch().await?);
        state.cached = Some(Cached {
            uri: uri.to_owned(),
            fetched: Instant::now(),
            keys: keys.clone(),
        });
        Ok(keys)
    }

    /// Newer keys than `outdated`: the ones another caller fetched meanwhile, or a fresh fetch
    /// when the rate limit allows it; `None` when it does not.
    async fn refetch<F, Fut>(
        &self,
        remote: &str,
        uri: &str,
        outdated: &Arc<CoreJsonWebKeySet>,
        fetch: &F,
    ) -> Result<Option<Arc<CoreJsonWebKeySet>>, OAuthError>
    where
        F: Fn() -> Fut,
        Fut: Future<Output = Result<CoreJsonWebKeySet, OAuthError>>,
    {
        let mut state = self.state.lock().await;
        if let Some(cached) = &state.cached
            && cached.uri == uri
            && !Arc::ptr_eq(&cached.keys, outdated)
        {
            return Ok(Some(cached.keys.clone()));
        }
        if state
            .last_refetch
            .is_some_and(|last| last.elapsed() < self.refetch_interval)
        {
            return Ok(None);
        }
        // Counted before the fetch: a failing provider is not asked again at once either.
        state.last_refetch = Some(Instant::now());
        tracing::info!(
            remote,
            "an ID token names a key we do not have: fetching the provider's keys again"
        );
        let keys = Arc::new(fetch().await?);
        state.cached = Some(Cached {
            uri: uri.to_owned(),
            fetched: Instant::now(),
            keys: keys.clone(),
        });
        Ok(Some(keys))
    }
}

fn unknown_key(remote: &str, detail: &str) -> OAuthError {
    OAuthError::InvalidResponse {
        remote: remote.to_owned(),
        reason: format!(
            "the ID token was refused: it is signed with a key the provider does not publish \
             ({detail})"
        ),
    }
}

/// Downloads the key set at `uri` through core's HTTP client (its timeouts and size cap).
pub(crate) async fn fetch(
    remote: &str,
    http: &HttpClient,
    uri: &JsonWebKeySetUrl,
) -> Result<CoreJsonWebKeySet, OAuthError> {
    let http = http.clone();
    let call = move |request| {
        let http = http.clone();
        async move { http.oauth2_call(request).await }
    };
    CoreJsonWebKeySet::fetch_async(uri, &call)
        .await
        .map_err(|err| {
            // `openidconnect` says "Request failed" and keeps the why in the source chain.
            let mut reason = format!("cannot fetch the provider's keys (jwks_uri): {err}");
            let mut source = std::error::Error::source(&err);
            while let Some(cause) = source {
                reason.push_str(": ");
                reason.push_str(&cause.to_string());
                source = cause.source();
            }
            OAuthError::InvalidResponse {
                remote: remote.to_owned(),
                reason,
            }
        })
}

#[cfg(test)]
mod tests;
