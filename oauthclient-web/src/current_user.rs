//! Who is signed in: the glue between oauthclient and the host application's own login.

use actix_session::SessionExt;
use actix_web::HttpRequest;
use oauthclient_core::OAuthError;
use oauthclient_core::account::UserId;

use crate::session::session_error;

/// Tells oauthclient who is signed in, and signs users in and out. Host apps with their own
/// login system implement it; [`SessionCurrentUser`] keeps the user id in the session.
pub trait CurrentUser: Send + Sync + 'static {
    /// The signed-in user, if any.
    fn user_id(&self, req: &HttpRequest) -> Option<UserId>;

    /// Signs `user_id` in. Must renew the session id first (no session fixation).
    fn sign_in(&self, req: &HttpRequest, user_id: UserId, remember: bool)
    -> Result<(), OAuthError>;

    /// Signs the user out.
    fn sign_out(&self, req: &HttpRequest);

    /// Where anonymous users go to sign in (the linked accounts page redirects there with
    /// `?next=`); `None` answers 401 instead.
    fn login_url(&self) -> Option<&str> {
        None
    }
}

/// The default [`CurrentUser`]: the user id lives in the (signed, encrypted) session.
///
/// ```
/// use oauthclient_web::SessionCurrentUser;
/// let glue = SessionCurrentUser::default().with_login_url("/login");
/// # let _ = glue;
/// ```
#[derive(Debug, Clone, Default)]
pub struct SessionCurrentUser {
    login_url: Option<String>,
}

/// Session key of the signed-in user's id.
pub const USER_ID_KEY: &str = "_user_id";
/// Session key set when the user asked to be remembered (`remember` apps).
pub const PERMANENT_KEY: &str = "_permanent";

impl SessionCurrentUser {
    /// Sends anonymous visitors of the linked accounts page to `url`.
    #[must_use]
    pub fn with_login_url(mut self, url: impl Into<String>) -> Self {
        self.login_url = Some(url.into());
        self
    }
}

impl CurrentUser for SessionCurrentUser {
    fn user_id(&self, req: &HttpRequest) -> Option<UserId> {
        req.get_session().get::<UserId>(USER_ID_KEY).ok().flatten()
    }

    fn sign_in(
        &self,
        req: &HttpRequest,
        user_id: UserId,
        remember: bool,
    ) -> Result<(), OAuthError> {
        let session = req.get_session();
        session.renew();
        session
            .insert(USER_ID_KEY, user_id)
            .map_err(|err| session_error(&err))?;
        if remember {
            session
                .insert(PERMANENT_KEY, true)
                .map_err(|err| session_error(&err))?;
        }
        Ok(())
    }

    fn sign_out(&self, req: &HttpRequest) {
        let session = req.get_session();
        session.remove(USER_ID_KEY);
        session.remove(PERMANENT_KEY);
        session.renew();
    }

    fn login_url(&self) -> Option<&str> {
        self.login_url.as_deref()
    }
}
