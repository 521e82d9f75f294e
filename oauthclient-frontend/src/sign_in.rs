//! Who is signed in, as the library's pages see it (checked against the store), and signing
//! in: the session's lifecycle around a user.

use oauthclient_core::OAuthError;
use oauthclient_core::account::{User, UserId};

use crate::parts::Parts;
use crate::request::Request;
use crate::session::{SessionData, SessionVerdict, lifetime};

/// The signed-in user, checked against the store: a session whose user is gone, deactivated,
/// or whose sessions were all ended ([`CurrentUser::is_current`]) is signed out and counts as
/// anonymous.
pub(crate) async fn signed_in_user(
    parts: &Parts,
    request: &Request,
    session: &mut SessionData,
) -> Result<Option<User>, OAuthError> {
    let glue = parts.current_user.as_ref();
    // The session layer ends expired sessions before any handler; this holds without it too
    // (an actix-web host's own `SessionMiddleware`).
    let now = parts.clock.now();
    if lifetime::enforce(session, now, &parts.config.session) == SessionVerdict::Expired {
        return Ok(None);
    }
    let Some(user_id) = glue.user_id(request, session) else {
        return Ok(None);
    };
    match parts.users.user_by_id(&user_id).await? {
        Some(user) if user.active && glue.is_current(session, &user) => Ok(Some(user)),
        _ => {
            glue.sign_out(request, session);
            Ok(None)
        }
    }
}

/// The signed-in user's id, checked against the store (see [`signed_in_user`]).
pub(crate) async fn signed_in_id(
    parts: &Parts,
    request: &Request,
    session: &mut SessionData,
) -> Result<Option<UserId>, OAuthError> {
    Ok(signed_in_user(parts, request, session)
        .await?
        .map(|user| user.id))
}

/// Signs `user` in through the host's glue (which renews the session id), starts the session's
/// lifetime (remembered or not), then drops what the anonymous session held that must not
/// survive into the signed-in one: the CSRF token (rotated), pending flows and a pending
/// sign-up (OWASP session management).
pub(crate) fn start_signed_in(
    parts: &Parts,
    request: &Request,
    session: &mut SessionData,
    user: &User,
    remember: bool,
) -> Result<(), OAuthError> {
    parts
        .current_user
        .sign_in(request, session, user, remember)?;
    lifetime::start(session, parts.clock.now(), remember);
    crate::csrf::rotate(session);
    let mut oauth_session = parts.oauth_session(session);
    oauth_session.clear_flows();
    oauth_session.clear_signup();
    oauth_session.clear_proven_holder();
    if let Some(address) = &user.ended_claim {
        crate::flash::push_message(
            session,
            "warning",
            "flash-ended-claim",
            &[("email", address.as_str().into())],
        );
    }
    Ok(())
}
