//! [`GitHub`]: the provider value core registers and asks for GitHub's defaults and handlers.

use std::sync::Arc;

use oauthclient_core::config::RemoteAppSettings;
use oauthclient_core::handlers::{AccountInfoHandler, AccountSetupHandler, RevokeHandler};
use oauthclient_core::registry::Provider;

use crate::{GitHubAccountInfo, GitHubAccountSetup, GitHubRevoke};

/// "Sign in with GitHub": [`crate::REMOTE_APP`], [`GitHubAccountInfo`],
/// [`GitHubAccountSetup`] and [`GitHubRevoke`]. Linked through `inventory` as the
/// provider `github`; an app using it names no handler.
///
/// ```
/// use oauthclient_core::registry::Provider;
/// use oauthclient_github::GitHub;
///
/// assert_eq!(GitHub.id(), "github");
/// assert_eq!(GitHub.defaults().title.as_deref(), Some("GitHub"));
/// assert!(GitHub.account_info().is_some() && GitHub.account_setup().is_some());
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct GitHub;

impl Provider for GitHub {
    fn id(&self) -> &str {
        crate::PROVIDER
    }

    fn defaults(&self) -> RemoteAppSettings {
        crate::remote_app()
    }

    fn account_info(&self) -> Option<Arc<dyn AccountInfoHandler>> {
        Some(Arc::new(GitHubAccountInfo))
    }

    fn account_setup(&self) -> Option<Arc<dyn AccountSetupHandler>> {
        Some(Arc::new(GitHubAccountSetup))
    }

    fn revoke(&self) -> Option<Arc<dyn RevokeHandler>> {
        Some(Arc::new(GitHubRevoke))
    }
}
