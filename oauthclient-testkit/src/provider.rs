//! [`FakeProvider`]: the handle tests hold, its URLs and its knobs. Starting one goes through
//! [`crate::FakeProviderBuilder`], whose module also holds the `FakeProvider::start*`
//! constructors: the builder makes the handle, so it sits above it.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::faults::Fault;
use crate::server::{Running, ServerHandle};
use crate::state::{Shared, State};
use crate::user::{Consent, FakeUser};

/// A running fake OAuth 2.0 provider on `http://127.0.0.1:<random port>` (or the port
/// given to [`FakeProviderBuilder::port`](crate::FakeProviderBuilder::port)).
///
/// Cheap to clone; every clone talks to the same server. The server stops when the last
/// clone is dropped.
///
/// ```
/// use oauthclient_testkit::FakeProvider;
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> std::io::Result<()> {
/// let provider = FakeProvider::start().await?;
/// assert!(provider.base_url().starts_with("http://127.0.0.1:"));
/// assert_eq!(provider.token_url(), format!("{}/token", provider.base_url()));
/// assert_eq!(provider.client_id(), "testkit-client");
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct FakeProvider {
    inner: Arc<Inner>,
}

struct Inner {
    shared: Arc<Shared>,
    base_url: String,
    /// Dropped with the last clone, which stops the server.
    _server: ServerHandle,
}

impl std::fmt::Debug for FakeProvider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FakeProvider")
            .field("base_url", &self.inner.base_url)
            .field("client_id", &self.inner.shared.client_id)
            .finish_non_exhaustive()
    }
}

impl FakeProvider {
    /// Wraps a started server.
    pub(crate) fn new(shared: Arc<Shared>, running: Running) -> Self {
        Self {
            inner: Arc::new(Inner {
                shared,
                base_url: format!("http://{}", running.addr),
                _server: running.handle,
            }),
        }
    }

    /// Whether the provider runs in sandbox mode
    /// ([`FakeProviderBuilder::interactive`](crate::FakeProviderBuilder::interactive)).
    pub fn is_interactive(&self) -> bool {
        self.inner.shared.interactive
    }

    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub fn base_url(&self) -> String {
        self.inner.base_url.clone()
    }

    /// The authorization endpoint, `{base}/authorize`.
    pub fn authorize_url(&self) -> String {
        format!("{}/authorize", self.inner.base_url)
    }

    /// The token endpoint, `{base}/token`.
    pub fn token_url(&self) -> String {
        format!("{}/token", self.inner.base_url)
    }

    /// The API base URL, `{base}/api/`; the user info is `GET {base}/api/user`.
    pub fn api_base_url(&self) -> String {
        format!("{}/api/", self.inner.base_url)
    }

    /// The revocation endpoint (RFC 7009), `{base}/revoke`.
    pub fn revoke_url(&self) -> String {
        format!("{}/revoke", self.inner.base_url)
    }

    /// The client id the provider accepts.
    pub fn client_id(&self) -> &str {
        &self.inner.shared.client_id
    }

    /// The client secret the provider accepts.
    pub fn client_secret(&self) -> &str {
        &self.inner.shared.client_secret
    }

    /// Who signs in from now on. Codes and tokens already issued keep their user. In
    /// sandbox mode the login page decides who signs in instead.
    pub fn set_user(&self, user: FakeUser) {
        self.state().user = user;
    }

    /// The groups `GET /api/user` reports from now on (`"groups"`, left out when empty),
    /// whoever signs in: for tests of `[remote_apps.<name>.roles]`, whose groups change
    /// between sign-ins.
    pub fn set_groups<S: Into<String>>(&self, groups: impl IntoIterator<Item = S>) {
        self.state().groups = groups.into_iter().map(Into::into).collect();
    }

    /// How the user answers the consent screen: [`Consent::Deny`] makes `/authorize`
    /// redirect back with `error=access_denied`. In sandbox mode the person clicking
    /// Approve or Deny decides instead.
    pub fn set_consent(&self, consent: Consent) {
        self.state().consent = consent;
    }

    /// Issues access and refresh tokens of at least `size` characters (0: the usual ~55), like
    /// providers whose tokens are JWTs carrying group lists: for tests that large tokens never
    /// reach a cookie.
    pub fn set_token_size(&self, size: usize) {
        self.state().token_size = size;
    }

    /// Makes `/authorize` redirect back with `error=<code>` (and an `error_description`)
    /// instead of a code; `None` restores normal answers. Requests with a bad `client_id` or
    /// `redirect_uri` are still refused without a redirect.
    pub fn set_authorize_error(&self, error: Option<&str>) {
        self.state().authorize_error = error.map(str::to_owned);
    }

    /// Extra parameters every successful authorization response carries beside `code` and
    /// `state`, like Apple's `user` (a JSON object, on the first sign-in only) — in the query,
    /// or in the posted form when the client asked for `response_mode=form_post` (which the
    /// provider always honours, answering with a page whose form POSTs the response).
    pub fn set_callback_extra(&self, extra: &[(&str, &str)]) {
        self.state().callback_extra = extra
            .iter()
            .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
            .collect();
    }

    /// Makes `/token` misbehave (see [`Fault`]) for every grant type; `None` restores
    /// normal answers.
    pub fn set_token_fault(&self, fault: Option<Fault>) {
        self.state().token_fault = fault;
    }

    /// The query parameters of every `/authorize` request so far, in order.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let provider = oauthclient_testkit::FakeProvider::start().await?;
    /// reqwest::get(format!("{}?client_id=nobody", provider.authorize_url())).await?;
    /// assert_eq!(provider.authorize_requests()[0]["client_id"], "nobody");
    /// # Ok(())
    /// # }
    /// ```
    pub fn authorize_requests(&self) -> Vec<BTreeMap<String, String>> {
        self.state().authorize_log.clone()
    }

    /// The form parameters of every `/token` request so far, in order, plus an
    /// `authorization` entry holding the `Authorization` header when one was sent.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let provider = oauthclient_testkit::FakeProvider::start().await?;
    /// reqwest::Client::new()
    ///     .post(provider.token_url())
    ///     .basic_auth(provider.client_id(), Some(provider.client_secret()))
    ///     .form(&[("grant_type", "refresh_token"), ("refresh_token", "nope")])
    ///     .send()
    ///     .await?;
    /// let request = &provider.token_requests()[0];
    /// assert_eq!(request["grant_type"], "refresh_token");
    /// assert!(request["authorization"].starts_with("Basic "));
    /// # Ok(())
    /// # }
    /// ```
    pub fn token_requests(&self) -> Vec<BTreeMap<String, String>> {
        self.state().token_log.clone()
    }

    /// Every access token issued so far, in order (revoked ones included).
    pub fn issued_access_tokens(&self) -> Vec<String> {
        self.state().issued_access.clone()
    }

    /// Every token sent to `/revoke` by an authenticated client, in order (unknown ones
    /// included).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let provider = oauthclient_testkit::FakeProvider::start().await?;
    /// reqwest::Client::new()
    ///     .post(provider.revoke_url())
    ///     .form(&[("token", "t1"), ("client_id", provider.client_id()), ("client_secret", provider.client_secret())])
    ///     .send()
    ///     .await?
    ///     .error_for_status()?;
    /// assert_eq!(provider.revoked_tokens(), ["t1"]);
    /// # Ok(())
    /// # }
    /// ```
    pub fn revoked_tokens(&self) -> Vec<String> {
        self.state().revoked.clone()
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.inner.shared.lock()
    }
}
