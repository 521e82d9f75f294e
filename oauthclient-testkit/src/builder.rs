//! [`FakeProviderBuilder`]: credentials, the first user, the port and sandbox mode, before
//! the provider starts; and the [`FakeProvider`] constructors, which all go through it.

use std::sync::Arc;

use crate::provider::FakeProvider;
use crate::server;
use crate::state::Shared;
use crate::user::FakeUser;

/// The client id a provider accepts unless the builder says otherwise.
pub const DEFAULT_CLIENT_ID: &str = "testkit-client";

/// The client secret a provider accepts unless the builder says otherwise.
pub const DEFAULT_CLIENT_SECRET: &str = "testkit-secret";

/// Configures a [`FakeProvider`] before it starts.
///
/// ```
/// use oauthclient_testkit::{FakeProvider, FakeUser};
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> std::io::Result<()> {
/// let provider = FakeProvider::builder()
///     .client_id("my-app")
///     .client_secret("my-secret")
///     .user(FakeUser { login: "ada".into(), ..FakeUser::default() })
///     .start()
///     .await?;
/// assert_eq!(provider.client_id(), "my-app");
/// assert_eq!(provider.client_secret(), "my-secret");
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone)]
pub struct FakeProviderBuilder {
    client_id: String,
    client_secret: String,
    client_name: Option<String>,
    user: FakeUser,
    interactive: bool,
    port: u16,
}

impl Default for FakeProviderBuilder {
    /// The default credentials and user; the same as [`FakeProvider::builder`].
    fn default() -> Self {
        Self {
            client_id: DEFAULT_CLIENT_ID.to_owned(),
            client_secret: DEFAULT_CLIENT_SECRET.to_owned(),
            client_name: None,
            user: FakeUser::default(),
            interactive: false,
            port: 0,
        }
    }
}

impl FakeProviderBuilder {
    /// The only client id the provider accepts (default [`DEFAULT_CLIENT_ID`]).
    #[must_use]
    pub fn client_id(mut self, client_id: impl Into<String>) -> Self {
        self.client_id = client_id.into();
        self
    }

    /// That client's secret (default [`DEFAULT_CLIENT_SECRET`]).
    #[must_use]
    pub fn client_secret(mut self, client_secret: impl Into<String>) -> Self {
        self.client_secret = client_secret.into();
        self
    }

    /// Who signs in at first (default [`FakeUser::default`]); see also
    /// [`FakeProvider::set_user`].
    #[must_use]
    pub fn user(mut self, user: FakeUser) -> Self {
        self.user = user;
        self
    }

    /// The client's name on the sandbox consent page, "*name* wants to: ..." (default: the
    /// client id). Only shown in [sandbox mode](Self::interactive).
    #[must_use]
    pub fn client_name(mut self, client_name: impl Into<String>) -> Self {
        self.client_name = Some(client_name.into());
        self
    }

    /// Sandbox mode (default `false`): a person signs in and consents in a browser.
    ///
    /// `GET /authorize` checks the request exactly as without the sandbox (the same JSON
    /// refusals and error redirects, [`FakeProvider::set_authorize_error`] included), then,
    /// instead of redirecting at once, shows a login page: a username (prefilled `octo`),
    /// any password, and "share my e-mail address" (ticked). `POST /login` signs in
    /// [`FakeUser::sandbox`]`(username)` (without an e-mail when unticked) and shows a consent
    /// page, "*client name* wants to: *scopes*", with Approve and Deny. `POST /consent`
    /// then redirects back exactly as the automatic provider does: `code` + `state` on
    /// Approve, `error=access_denied` + `state` on Deny.
    ///
    /// The request waits server-side (at most 1000 at once, oldest evicted; 10 minutes
    /// each); the forms carry only its random id and a random per-request token, and any
    /// other id or token gets a `400` page. In sandbox mode the person decides, so
    /// [`FakeProvider::set_user`] and [`FakeProvider::set_consent`] have no effect on
    /// `/authorize`. The inputs and buttons have `data-testid`s for browser tests:
    /// `sandbox-username`, `sandbox-password`, `sandbox-share-email`, `sandbox-login`,
    /// `sandbox-approve`, `sandbox-deny`.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let provider = oauthclient_testkit::FakeProvider::builder()
    ///     .interactive(true)
    ///     .start()
    ///     .await?;
    /// let authorize = url::Url::parse_with_params(&provider.authorize_url(), [
    ///     ("response_type", "code"), ("client_id", provider.client_id()),
    ///     ("redirect_uri", "http://127.0.0.1:9/callback"), ("state", "xyz"),
    /// ])?;
    /// let page = reqwest::get(authorize).await?.text().await?;
    /// assert!(page.contains("Sandbox provider"));
    /// assert!(page.contains(r#"data-testid="sandbox-username""#));
    /// # Ok(())
    /// # }
    /// ```
    #[must_use]
    pub fn interactive(mut self, interactive: bool) -> Self {
        self.interactive = interactive;
        self
    }

    /// The loopback port to listen on (default `0`: any free port, which tests want). A
    /// fixed port gives a stable URL to configure an app with, e.g. `5001` for the demo's
    /// sandbox; [`start`](Self::start) fails if the port is taken.
    #[must_use]
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// Binds `127.0.0.1:<port>` (by default any free port) and starts serving (see
    /// [`FakeProvider::start`]).
    pub async fn start(self) -> std::io::Result<FakeProvider> {
        let mut shared = Shared::new(self.client_id, self.client_secret, self.user);
        if let Some(client_name) = self.client_name {
            shared.client_name = client_name;
        }
        shared.interactive = self.interactive;
        let shared = Arc::new(shared);
        let running = server::spawn(Arc::clone(&shared), self.port).await?;
        Ok(FakeProvider::new(shared, running))
    }
}

// The ways to start a `FakeProvider`: here rather than in `provider.rs` because each goes
// through the builder, which sits above the handle it makes.
impl FakeProvider {
    /// Starts a provider with the default credentials and user on `127.0.0.1:0`.
    ///
    /// The server runs on a thread of its own, so this works from `#[tokio::test]`,
    /// `#[actix_web::test]` or any other async runtime, and keeps serving while the calling
    /// test blocks.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> std::io::Result<()> {
    /// let provider = oauthclient_testkit::FakeProvider::start().await?;
    /// let other = oauthclient_testkit::FakeProvider::start().await?;
    /// assert_ne!(provider.base_url(), other.base_url()); // each on its own port
    /// # Ok(())
    /// # }
    /// ```
    pub async fn start() -> std::io::Result<FakeProvider> {
        Self::builder().start().await
    }

    /// Starts a provider in sandbox mode on `127.0.0.1:0`: `/authorize` shows a login page
    /// and a consent page for a person to click through. The same as
    /// `FakeProvider::builder().interactive(true).start()`; see
    /// [`FakeProviderBuilder::interactive`], and [`FakeProviderBuilder::port`] for a fixed
    /// port.
    pub async fn start_sandbox() -> std::io::Result<FakeProvider> {
        Self::builder().interactive(true).start().await
    }

    /// A builder for other credentials or another first user.
    pub fn builder() -> FakeProviderBuilder {
        FakeProviderBuilder::default()
    }
}
