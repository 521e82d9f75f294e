//! [`Orcid`]: the two provider values, production and sandbox.

use std::sync::Arc;

use oauthclient_core::config::RemoteAppSettings;
use oauthclient_core::handlers::{AccountInfoHandler, AccountSetupHandler};
use oauthclient_core::registry::Provider;

use crate::{OrcidAccountInfo, OrcidAccountSetup};

/// "Sign in with ORCID" on one registry: [`OrcidAccountInfo`] and [`OrcidAccountSetup`] with
/// that registry's defaults. Both are linked through `inventory`; disconnecting uses core's
/// default handler.
///
/// ```
/// use oauthclient_core::registry::Provider;
/// use oauthclient_orcid::Orcid;
///
/// assert_eq!(Orcid::PRODUCTION.id(), "orcid");
/// assert_eq!(Orcid::SANDBOX.id(), "orcid_sandbox");
/// assert!(Orcid::SANDBOX.account_info().is_some() && Orcid::SANDBOX.revoke().is_none());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Orcid {
    sandbox: bool,
}

impl Orcid {
    /// orcid.org, the provider `orcid` ([`crate::REMOTE_APP`]).
    pub const PRODUCTION: Orcid = Orcid { sandbox: false };
    /// sandbox.orcid.org, the provider `orcid_sandbox` ([`crate::REMOTE_SANDBOX_APP`]).
    pub const SANDBOX: Orcid = Orcid { sandbox: true };
}

impl Provider for Orcid {
    fn id(&self) -> &str {
        if self.sandbox {
            crate::SANDBOX_PROVIDER
        } else {
            crate::PROVIDER
        }
    }

    fn defaults(&self) -> RemoteAppSettings {
        if self.sandbox {
            crate::remote_sandbox_app()
        } else {
            crate::remote_app()
        }
    }

    fn account_info(&self) -> Option<Arc<dyn AccountInfoHandler>> {
        Some(Arc::new(OrcidAccountInfo))
    }

    fn account_setup(&self) -> Option<Arc<dyn AccountSetupHandler>> {
        Some(Arc::new(OrcidAccountSetup))
    }
}
