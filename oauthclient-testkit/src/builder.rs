//! [`FakeProviderBuilder`]: credentials and the first user, before the provider starts.

use std::sync::Arc;

use crate::provider::FakeProvider;
use crate::server;
use crate::state::Shared;
use crate::user::FakeUser;

/// The client id a provider accepts unless the builder says otherwise.
///
/// ```
/// assert_eq!(oauthclient_testkit::DEFAULT_CLIENT_ID, "testkit-client");
/// ```
pub const DEFAULT_CLIENT_ID: &str = "testkit-client";

/// The client secret a provider accepts unless the builder says otherwise.
///
/// ```
/// assert_eq!(oauthclient_testkit::DEFAULT_CLIENT_SECRET, "testkit-secret");
/// ```
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
    user: FakeUser,
}

impl Default for FakeProviderBuilder {
    /// The default credentials and user; the same as [`FakeProvider::builder`].
    ///
    /// ```
    /// let builder = oauthclient_testkit::FakeProviderBuilder::default();
    /// # drop(builder);
    /// ```
    fn default() -> Self {
        Self {
            client_id: DEFAULT_CLIENT_ID.to_owned(),
            client_secret: DEFAULT_CLIENT_SECRET.to_owned(),
            user: FakeUser::default(),
        }
    }
}

impl FakeProviderBuilder {
    /// The only client id the provider accepts (default [`DEFAULT_CLIENT_ID`]).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> std::io::Result<()> {
    /// let provider = oauthclient_testkit::FakeProvider::builder().client_id("app-1").start().await?;
    /// assert_eq!(provider.client_id(), "app-1");
    /// # Ok(())
    /// # }
    /// ```
    #[must_use]
    pub fn client_id(mut self, client_id: impl Into<String>) -> Self {
        self.client_id = client_id.into();
        self
    }

    /// That client's secret (default [`DEFAULT_CLIENT_SECRET`]).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> std::io::Result<()> {
    /// let provider = oauthclient_testkit::FakeProvider::builder().client_secret("s").start().await?;
    /// assert_eq!(provider.client_secret(), "s");
    /// # Ok(())
    /// # }
    /// ```
    #[must_use]
    pub fn client_secret(mut self, client_secret: impl Into<String>) -> Self {
        self.client_secret = client_secret.into();
        self
    }

    /// Who signs in at first (default [`FakeUser::default`]); see also
    /// [`FakeProvider::set_user`].
    ///
    /// ```
    /// use oauthclient_testkit::{FakeProvider, FakeUser};
    /// let builder = FakeProvider::builder().user(FakeUser { email: None, ..FakeUser::default() });
    /// # drop(builder);
    /// ```
    #[must_use]
    pub fn user(mut self, user: FakeUser) -> Self {
        self.user = user;
        self
    }

    /// Binds `127.0.0.1:0` and starts serving (see [`FakeProvider::start`]).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> std::io::Result<()> {
    /// let provider = oauthclient_testkit::FakeProvider::builder().start().await?;
    /// assert!(provider.base_url().starts_with("http://127.0.0.1:"));
    /// # Ok(())
    /// # }
    /// ```
    pub async fn start(self) -> std::io::Result<FakeProvider> {
        let shared = Arc::new(Shared::new(self.client_id, self.client_secret, self.user));
        let running = server::spawn(Arc::clone(&shared)).await?;
        Ok(FakeProvider::new(shared, running))
    }
}
