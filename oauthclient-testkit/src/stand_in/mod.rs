//! [`StandIn`]: a [`FakeProvider`] that answers like a real provider's API (GitHub, ORCID),
//! for testing provider crates and the apps that use them.

mod answer;
mod github;
mod orcid;
mod server;
mod shape_state;

use std::sync::Arc;

use crate::builder::{DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET};
use crate::provider::FakeProvider;
use crate::state::Shared;
use crate::user::FakeUser;

use shape_state::ShapeState;
pub use shape_state::{ApiCall, GitHubEmail};
pub(crate) use shape_state::{toml_key, toml_string};

/// Which real provider a [`StandIn`] imitates. The OAuth endpoints are the
/// [`FakeProvider`]'s (`/authorize`, `/token`, `/revoke`, the API under `/api/`); the shape
/// changes the answers:
///
/// | | GitHub | ORCID |
/// |---|---|---|
/// | `/token` success | `{"access_token", "token_type": "bearer", "scope"}` (no refresh token) | adds `"orcid"` (the user's `id`) and `"name"` |
/// | `/token` refusal | `200` with `{"error": "bad_verification_code" \| "incorrect_client_credentials" \| "redirect_uri_mismatch", "error_description", "error_uri"}` | RFC 6749 (`400 invalid_grant`, `401 invalid_client`) |
/// | `GET /api/user` | `{"login", "id": <number>, "name", "email", ...}`, `401 {"message": "Bad credentials"}` | — |
/// | `GET /api/user/emails` | `[{"email", "primary", "verified", "visibility"}]` | — |
/// | `DELETE /api/applications/{client_id}/grant` | HTTP Basic client credentials + `{"access_token"}`: `204`, or `404` for an unknown token | — |
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProviderShape {
    /// github.com and api.github.com.
    GitHub,
    /// orcid.org (and sandbox.orcid.org).
    Orcid,
}

impl ProviderShape {
    /// The provider crate's registered name (`provider = "..."` in configuration): `github`
    /// or `orcid`.
    pub fn provider_name(self) -> &'static str {
        match self {
            ProviderShape::GitHub => "github",
            ProviderShape::Orcid => "orcid",
        }
    }

    /// Who signs in unless told otherwise: [`FakeUser::default`] (`1001`, `octo`, a verified
    /// e-mail) for GitHub, [`FakeUser::orcid`] for ORCID.
    pub fn default_user(self) -> FakeUser {
        match self {
            ProviderShape::GitHub => FakeUser::default(),
            ProviderShape::Orcid => FakeUser::orcid(),
        }
    }
}

/// Configures a [`StandIn`] before it starts.
///
/// ```
/// use oauthclient_testkit::{FakeUser, GitHubEmail, ProviderShape, StandIn};
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> std::io::Result<()> {
/// let github = StandIn::builder(ProviderShape::GitHub)
///     .client_id("Iv1.stand-in")
///     .user(FakeUser { id: "583231".into(), login: "octocat".into(), ..FakeUser::default() })
///     .emails(vec![GitHubEmail::new("octocat@github.example", true, false)])
///     .start()
///     .await?;
/// assert_eq!(github.client_id(), "Iv1.stand-in");
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone)]
pub struct StandInBuilder {
    shape: ProviderShape,
    client_id: String,
    client_secret: String,
    user: Option<FakeUser>,
    emails: Option<Vec<GitHubEmail>>,
}

impl StandInBuilder {
    /// The only client id the stand-in accepts (default `testkit-client`).
    #[must_use]
    pub fn client_id(mut self, client_id: impl Into<String>) -> Self {
        self.client_id = client_id.into();
        self
    }

    /// That client's secret (default `testkit-secret`).
    #[must_use]
    pub fn client_secret(mut self, client_secret: impl Into<String>) -> Self {
        self.client_secret = client_secret.into();
        self
    }

    /// Who signs in at first (default [`ProviderShape::default_user`]).
    #[must_use]
    pub fn user(mut self, user: FakeUser) -> Self {
        self.user = Some(user);
        self
    }

    /// GitHub only: the list `GET /api/user/emails` answers, whoever signed in (default: the
    /// signed-in user's `email` as the primary address, verified as `email_verified` says).
    /// See [`StandIn::set_emails`].
    #[must_use]
    pub fn emails(mut self, emails: Vec<GitHubEmail>) -> Self {
        self.emails = Some(emails);
        self
    }

    /// Binds `127.0.0.1:0` and starts serving on a thread of its own, like
    /// [`FakeProvider::start`].
    pub async fn start(self) -> std::io::Result<StandIn> {
        let user = self.user.unwrap_or_else(|| self.shape.default_user());
        let shared = Arc::new(Shared::new(self.client_id, self.client_secret, user));
        let extra = Arc::new(ShapeState::new(self.shape, self.emails));
        let running = server::spawn(Arc::clone(&shared), Arc::clone(&extra)).await?;
        Ok(StandIn {
            provider: FakeProvider::new(shared, running),
            extra,
        })
    }
}

/// A running stand-in for GitHub or ORCID on `http://127.0.0.1:<random port>`. It is a
/// [`FakeProvider`] (it dereferences to one: `set_user`, `set_token_fault`, `client_id`,
/// `token_requests`, ... all work) whose answers have the real provider's shape
/// ([`ProviderShape`]).
///
/// ```
/// use oauthclient_testkit::{ProviderShape, StandIn};
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let github = StandIn::start(ProviderShape::GitHub).await?;
/// let answer = reqwest::get(format!("{}user", github.api_base_url())).await?;
/// assert_eq!(answer.status(), 401);
/// let body: serde_json::Value = answer.json().await?;
/// assert_eq!(body["message"], "Bad credentials");
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone)]
pub struct StandIn {
    provider: FakeProvider,
    extra: Arc<ShapeState>,
}

impl std::ops::Deref for StandIn {
    type Target = FakeProvider;

    fn deref(&self) -> &FakeProvider {
        &self.provider
    }
}

impl StandIn {
    /// Starts a stand-in of `shape` with the default credentials and user.
    pub async fn start(shape: ProviderShape) -> std::io::Result<StandIn> {
        Self::builder(shape).start().await
    }

    /// A builder for other credentials, another user or (GitHub) another e-mail list.
    pub fn builder(shape: ProviderShape) -> StandInBuilder {
        StandInBuilder {
            shape,
            client_id: DEFAULT_CLIENT_ID.to_owned(),
            client_secret: DEFAULT_CLIENT_SECRET.to_owned(),
            user: None,
            emails: None,
        }
    }

    /// The shape it answers in.
    pub fn shape(&self) -> ProviderShape {
        self.extra.shape
    }

    /// The underlying [`FakeProvider`] handle.
    pub fn provider(&self) -> &FakeProvider {
        &self.provider
    }

    /// GitHub only: what `GET /api/user/emails` answers from now on; `None` goes back to the
    /// signed-in user's own address.
    ///
    /// ```
    /// use oauthclient_testkit::{GitHubEmail, ProviderShape, StandIn};
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> std::io::Result<()> {
    /// let github = StandIn::start(ProviderShape::GitHub).await?;
    /// github.set_emails(Some(vec![
    ///     GitHubEmail::new("octo@example.org", true, false),   // primary, unverified
    ///     GitHubEmail::new("octo@work.example", false, true),  // secondary, verified
    /// ]));
    /// # Ok(())
    /// # }
    /// ```
    pub fn set_emails(&self, emails: Option<Vec<GitHubEmail>>) {
        self.extra.set_emails(emails);
    }

    /// GitHub only: the access tokens whose grants were revoked through
    /// `DELETE /api/applications/{client_id}/grant`, in order.
    pub fn revoked_grants(&self) -> Vec<String> {
        self.extra.revoked_grants()
    }

    /// Every request to the API (`/api/...`) so far, in order.
    ///
    /// ```
    /// use oauthclient_testkit::{ProviderShape, StandIn};
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let github = StandIn::start(ProviderShape::GitHub).await?;
    /// reqwest::Client::new()
    ///     .get(format!("{}user", github.api_base_url()))
    ///     .header("X-GitHub-Api-Version", "2022-11-28")
    ///     .send()
    ///     .await?;
    /// let call = &github.api_requests()[0];
    /// assert_eq!((call.method.as_str(), call.path.as_str()), ("GET", "/api/user"));
    /// assert_eq!(call.headers["x-github-api-version"], "2022-11-28");
    /// # Ok(())
    /// # }
    /// ```
    pub fn api_requests(&self) -> Vec<ApiCall> {
        self.extra.api_requests()
    }

    /// A `[remote_apps.<app_name>]` table using the provider crate's defaults
    /// (`provider = "github"` or `"orcid"`) with every URL pointed at this stand-in, and its
    /// credentials table. Put the top-level keys before it; load it with a registry that
    /// knows the provider (the binary must link the provider crate).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> std::io::Result<()> {
    /// use oauthclient_testkit::{ProviderShape, StandIn};
    /// let github = StandIn::start(ProviderShape::GitHub).await?;
    /// let toml = github.remote_app_toml("github");
    /// assert!(toml.starts_with("[remote_apps.github]\nprovider = \"github\"\n"));
    /// assert!(toml.contains(&format!("base_url = \"{}\"", github.api_base_url())));
    /// assert!(toml.contains("[GITHUB_APP_CREDENTIALS]"));
    /// # Ok(())
    /// # }
    /// ```
    pub fn remote_app_toml(&self, app_name: &str) -> String {
        let app = toml_key(app_name);
        let app_key = format!("{}_APP_CREDENTIALS", app_name.to_ascii_uppercase());
        let string = toml_string;
        format!(
            "[remote_apps.{app}]\n\
             provider = {provider}\n\
             \n\
             [remote_apps.{app}.params]\n\
             authorize_url = {authorize}\n\
             access_token_url = {token}\n\
             base_url = {api}\n\
             app_key = {app_key_value}\n\
             \n\
             [{app_key_table}]\n\
             consumer_key = {client_id}\n\
             consumer_secret = {client_secret}\n",
            provider = string(self.shape().provider_name()),
            authorize = string(&self.authorize_url()),
            token = string(&self.token_url()),
            api = string(&self.api_base_url()),
            app_key_value = string(&app_key),
            app_key_table = toml_key(&app_key),
            client_id = string(self.client_id()),
            client_secret = string(self.client_secret()),
        )
    }
}
