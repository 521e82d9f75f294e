//! Who is signed in: the glue between oauthclient and the host application's own login.

use actix_session::SessionExt;
use actix_web::HttpRequest;
use oauthclient_core::OAuthError;
use oauthclient_core::account::{User, UserId};

use crate::session::session_error;

/// Tells oauthclient who is signed in, and signs users in and out. Host apps with their own
/// login system implement it; [`SessionCurrentUser`] keeps the user id in the session.
pub trait CurrentUser: Send + Sync + 'static {
    /// The signed-in user, if any (as the session claims; oauthclient then checks the user
    /// still exists, is active and [`CurrentUser::is_current`]).
    fn user_id(&self, req: &HttpRequest) -> Option<UserId>;

    /// Signs `user` in. Must renew the session id first (no session fixation), and should
    /// remember `user.session_epoch` for [`CurrentUser::is_current`].
    fn sign_in(&self, req: &HttpRequest, user: &User, remember: bool) -> Result<(), OAuthError>;

    /// Whether this session still belongs to `user`: false once every session of the user was
    /// ended (their `session_epoch` moved on since this session signed in). The default
    /// trusts the session; [`SessionCurrentUser`] compares epochs.
    fn is_current(&self, req: &HttpRequest, user: &User) -> bool {
        let _ = (req, user);
        true
    }

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
/// Session key of the user's `session_epoch` when this session signed in.
pub const SESSION_EPOCH_KEY: &str = "_session_epoch";

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

    fn sign_in(&self, req: &HttpRequest, user: &User, remember: bool) -> Result<(), OAuthError> {
        let session = req.get_session();
        session.renew();
        session
            .insert(USER_ID_KEY, &user.id)
            .map_err(|err| session_error(&err))?;
        session
            .insert(SESSION_EPOCH_KEY, user.session_epoch)
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
        session.remove(SESSION_EPOCH_KEY);
        session.remove(PERMANENT_KEY);
        session.renew();
    }

    fn is_current(&self, req: &HttpRequest, user: &User) -> bool {
        // A session from before epochs existed carries none: it belongs to epoch 0.
        let epoch = req
            .get_session()
            .get::<i64>(SESSION_EPOCH_KEY)
            .ok()
            .flatten()
            .unwrap_or(0);
        epoch == user.session_epoch
    }

    fn login_url(&self) -> Option<&str> {
        self.login_url.as_deref()
    }
}

/// The signed-in user, checked against the store: a session whose user is gone, deactivated,
/// or whose sessions were all ended ([`CurrentUser::is_current`]) is signed out and counts as
/// anonymous.
pub(crate) async fn signed_in_user(
    glue: &dyn CurrentUser,
    users: &dyn oauthclient_core::UserStore,
    req: &HttpRequest,
) -> Result<Option<User>, OAuthError> {
    let Some(user_id) = glue.user_id(req) else {
        return Ok(None);
    };
    match users.user_by_id(&user_id).await? {
        Some(user) if user.active && glue.is_current(req, &user) => Ok(Some(user)),
        _ => {
            glue.sign_out(req);
            Ok(None)
        }
    }
}
