//! Who is signed in: the glue between oauthclient and the host application's own login.

use oauthclient_core::OAuthError;
use oauthclient_core::account::{User, UserId};

use crate::request::Request;
use crate::session::SessionData;

/// Tells oauthclient who is signed in, and signs users in and out. Host apps with their own
/// login system implement it; [`SessionCurrentUser`] keeps the user id in the session.
///
/// It sees the request's parts and its session as data, so one implementation serves every
/// framework adapter.
pub trait CurrentUser: Send + Sync + 'static {
    /// The signed-in user, if any (as the session claims; oauthclient then checks the user
    /// still exists, is active and [`CurrentUser::is_current`]).
    fn user_id(&self, request: &Request, session: &SessionData) -> Option<UserId>;

    /// Signs `user` in. Must renew the session id first ([`SessionData::renew`]: no session
    /// fixation), and should remember `user.session_epoch` for [`CurrentUser::is_current`].
    fn sign_in(
        &self,
        request: &Request,
        session: &mut SessionData,
        user: &User,
        remember: bool,
    ) -> Result<(), OAuthError>;

    /// Whether this session still belongs to `user`: false once every session of the user was
    /// ended (their `session_epoch` moved on since this session signed in). The default
    /// trusts the session; [`SessionCurrentUser`] compares epochs.
    fn is_current(&self, session: &SessionData, user: &User) -> bool {
        let _ = (session, user);
        true
    }

    /// Signs the user out.
    fn sign_out(&self, request: &Request, session: &mut SessionData);

    /// Where anonymous users go to sign in (the linked accounts page redirects there with
    /// `?next=`); `None` answers 401 instead.
    fn login_url(&self) -> Option<&str> {
        None
    }

    /// The session keys this glue reads, so an adapter whose session library cannot list its
    /// keys loads them too (default: none).
    fn session_keys(&self) -> Vec<String> {
        Vec::new()
    }
}

/// The default [`CurrentUser`]: the user id lives in the (signed, encrypted) session.
///
/// ```
/// use oauthclient_frontend::SessionCurrentUser;
/// let glue = SessionCurrentUser::default().with_login_url("/login");
/// # let _ = glue;
/// ```
#[derive(Debug, Clone, Default)]
pub struct SessionCurrentUser {
    login_url: Option<String>,
}

/// Session key of the signed-in user's id.
pub const USER_ID_KEY: &str = "_user_id";
/// Session key set when the user asked to be remembered (`remember` apps), for hosts that read
/// it. What a remembered session lasts is the front end's concern: it keeps its own lifetime
/// stamp ([`crate::SESSION_LIFETIME_KEY`]), so glue of a host's own needs no such key.
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
    fn user_id(&self, _request: &Request, session: &SessionData) -> Option<UserId> {
        session.get::<UserId>(USER_ID_KEY)
    }

    fn sign_in(
        &self,
        _request: &Request,
        session: &mut SessionData,
        user: &User,
        remember: bool,
    ) -> Result<(), OAuthError> {
        session.renew();
        session.insert(USER_ID_KEY, &user.id);
        session.insert(SESSION_EPOCH_KEY, &user.session_epoch);
        if remember {
            session.insert(PERMANENT_KEY, &true);
        }
        Ok(())
    }

    fn sign_out(&self, _request: &Request, session: &mut SessionData) {
        session.remove(USER_ID_KEY);
        session.remove(SESSION_EPOCH_KEY);
        session.remove(PERMANENT_KEY);
        session.renew();
    }

    fn is_current(&self, session: &SessionData, user: &User) -> bool {
        // A session from before epochs existed carries none: it belongs to epoch 0.
        let epoch = session.get::<i64>(SESSION_EPOCH_KEY).unwrap_or(0);
        epoch == user.session_epoch
    }

    fn login_url(&self) -> Option<&str> {
        self.login_url.as_deref()
    }

    fn session_keys(&self) -> Vec<String> {
        [USER_ID_KEY, PERMANENT_KEY, SESSION_EPOCH_KEY]
            .map(str::to_owned)
            .to_vec()
    }
}
