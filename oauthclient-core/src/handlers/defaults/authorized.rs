//! `authorized_default` and `authorized_signup`.

use async_trait::async_trait;

use crate::account::{AccountInfo, NewUser, RemoteAccount, UserId, same_mailbox};
use crate::audit::{self, AuditEvent};
use crate::error::OAuthError;
use crate::handlers::{AuthorizedHandler, AuthorizedOutcome, HandlerContext, OAuthEvent};
use crate::store::NewLink;
use crate::token::Token;

/// The seed's `authorized_default_handler`: keeps the token. Signed in → stored on the user's
/// remote account (linking it); anonymous → kept in the session only.
///
/// ```
/// use oauthclient_core::handlers::defaults::AuthorizedDefault;
/// let _handler = AuthorizedDefault;
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct AuthorizedDefault;

#[async_trait]
impl AuthorizedHandler for AuthorizedDefault {
    async fn authorized(
        &self,
        ctx: &HandlerContext<'_>,
        token: Token,
    ) -> Result<AuthorizedOutcome, OAuthError> {
        match ctx.current_user {
            Some(user_id) => {
                ctx.accounts
                    .save_token(user_id, &ctx.remote.credentials.consumer_key, &token)
                    .await?;
                Ok(AuthorizedOutcome::Linked { user_id })
            }
            None => Ok(AuthorizedOutcome::StoredInSession),
        }
    }
}

/// The seed's `authorized_signup_handler`: sign in or sign up through the remote account.
///
/// 1. Ask the app's `signup_handler.info` who the user is.
/// 2. Find the local user: by the stored access token, then by the identity
///    (method, external id), then by e-mail, but **only** an e-mail the provider marks
///    verified, on an app that trusts provider e-mails.
/// 3. Signed-in user: link the remote account to them ([`OAuthError::AlreadyLinked`] if the
///    identity belongs to someone else) → `Linked`.
/// 4. Anonymous: a found user is signed in (`LoggedIn`); a `link_only` app refuses
///    ([`OAuthError::LinkOnly`]); with a **verified** e-mail that is free, the user is
///    registered and linked in one transaction; otherwise (no e-mail, an unverified one, or a
///    taken one) the sign-up form is needed (`SignupRequired`).
///
/// The app's `signup_handler.setup` runs once, when the remote account is first linked.
///
/// ```
/// use oauthclient_core::handlers::defaults::AuthorizedSignup;
/// let _handler = AuthorizedSignup;
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct AuthorizedSignup;

#[async_trait]
impl AuthorizedHandler for AuthorizedSignup {
    async fn authorized(
        &self,
        ctx: &HandlerContext<'_>,
        token: Token,
    ) -> Result<AuthorizedOutcome, OAuthError> {
        let info = account_info(ctx, &token).await?;
        let client_id = ctx.remote.credentials.consumer_key.as_str();
        let known = known_user(ctx, &token, &info).await?;
        let link = NewLink {
            client_id: client_id.to_owned(),
            account_info: info.clone(),
            token,
            extra_data: serde_json::json!({}),
        };

        if let Some(current) = ctx.current_user {
            if known.identity_owner.is_some_and(|owner| owner != current) {
                return Err(OAuthError::AlreadyLinked {
                    remote: ctx.app.to_owned(),
                });
            }
            link_and_setup(ctx, current, &link).await?;
            return Ok(AuthorizedOutcome::Linked { user_id: current });
        }

        if ctx.remote.link_only {
            return Err(OAuthError::LinkOnly {
                remote: ctx.app.to_owned(),
            });
        }
        if let Some(user_id) = known.identity_owner {
            ensure_active(ctx, user_id).await?;
            // A returning user: keep the fresh token.
            ctx.accounts
                .save_token(user_id, client_id, &link.token)
                .await?;
            return Ok(AuthorizedOutcome::LoggedIn { user_id });
        }
        if let Some(user_id) = known.email_owner {
            ensure_active(ctx, user_id).await?;
            link_and_setup(ctx, user_id, &link).await?;
            return Ok(AuthorizedOutcome::LoggedIn { user_id });
        }
        // Only an address the provider vouches for may create an account without asking:
        // an unverified one could claim someone else's address before its owner registers.
        let Some(email) = info.trusted_email().map(str::to_owned) else {
            return Ok(AuthorizedOutcome::SignupRequired { account_info: info });
        };
        if ctx.users.user_by_email(&email).await?.is_some() {
            // Taken by someone we may not link to (unverified or untrusted e-mail): ask.
            return Ok(AuthorizedOutcome::SignupRequired { account_info: info });
        }
        let new_user = NewUser {
            email,
            username: None,
            full_name: info.full_name.clone(),
            confirmed: info.email_verified,
        };
        let user = match ctx.users.register_and_link(&new_user, &link).await {
            Ok(user) => user,
            // Lost a race for the e-mail: the form lets the user pick another.
            Err(OAuthError::Store(err)) if err.is_conflict() => {
                return Ok(AuthorizedOutcome::SignupRequired { account_info: info });
            }
            Err(err) => return Err(err),
        };
        audit::record(
            AuditEvent::SignUp,
            ctx.app,
            Some(user.id),
            "verified e-mail",
        );
        if let Some(account) = ctx.accounts.remote_account(user.id, client_id).await? {
            run_account_setup(ctx, user.id, &link, &account).await?;
        }
        Ok(AuthorizedOutcome::LoggedIn { user_id: user.id })
    }
}

/// Runs the app's `signup_handler.info` and announces the result.
pub(crate) async fn account_info(
    ctx: &HandlerContext<'_>,
    token: &Token,
) -> Result<AccountInfo, OAuthError> {
    let handler = ctx
        .handlers
        .account_info
        .as_ref()
        .ok_or_else(|| OAuthError::ClientError {
            remote: ctx.app.to_owned(),
            message: "authorized_signup needs signup_handler.info to learn who the user is".into(),
        })?;
    let mut info = handler.account_info(ctx, token).await?;
    // The identity method is the app name, whatever the handler wrote.
    ctx.app.clone_into(&mut info.external_method);
    ctx.events.emit(&OAuthEvent::AccountInfoReceived {
        app: ctx.app.to_owned(),
        account_info: info.clone(),
    });
    Ok(info)
}

/// A deactivated user may not sign in through a provider (a password login refuses them too).
async fn ensure_active(ctx: &HandlerContext<'_>, user_id: UserId) -> Result<(), OAuthError> {
    match ctx.users.user_by_id(user_id).await? {
        Some(user) if !user.active => Err(OAuthError::AccountDisabled {
            remote: ctx.app.to_owned(),
        }),
        _ => Ok(()),
    }
}

/// Local users the remote account points at.
struct KnownUser {
    /// Owner of the identity (or of the access token).
    identity_owner: Option<UserId>,
    /// Owner of the provider's verified e-mail, when the app trusts provider e-mails.
    email_owner: Option<UserId>,
}

async fn known_user(
    ctx: &HandlerContext<'_>,
    token: &Token,
    info: &AccountInfo,
) -> Result<KnownUser, OAuthError> {
    let client_id = ctx.remote.credentials.consumer_key.as_str();
    let by_token = ctx
        .accounts
        .account_by_token(client_id, &token.access_token, &token.token_type)
        .await?
        .map(|account| account.user_id);
    let by_identity = match by_token {
        Some(user_id) => Some(user_id),
        None => ctx
            .accounts
            .identity(&info.external_method, info.external_id.as_str())
            .await?
            .map(|identity| identity.user_id),
    };
    let email_owner = match (by_identity, info.trusted_email()) {
        (None, Some(email)) if ctx.remote.trust_email => {
            // The store may match more loosely (it folds case and compatibility forms);
            // signing in by e-mail needs the very same mailbox.
            ctx.users
                .user_by_email(email)
                .await?
                .filter(|user| same_mailbox(&user.email, email))
                .map(|user| user.id)
        }
        _ => None,
    };
    Ok(KnownUser {
        identity_owner: by_identity,
        email_owner,
    })
}

/// Links (identity + account + token, one transaction), then runs setup on a first link.
async fn link_and_setup(
    ctx: &HandlerContext<'_>,
    user_id: UserId,
    link: &NewLink,
) -> Result<(), OAuthError> {
    let had_account = ctx
        .accounts
        .remote_account(user_id, &link.client_id)
        .await?
        .is_some();
    let account = ctx.accounts.link(user_id, link).await?;
    if !had_account {
        run_account_setup(ctx, user_id, link, &account).await?;
    }
    Ok(())
}

/// Runs the app's `signup_handler.setup` for a newly linked `account` and stores the
/// `extra_data` it returns, firing `AccountSetupReceived` and `AccountSetupCommitted`. The
/// web layer calls it after the sign-up form; `authorized_signup` after a first link.
pub async fn run_account_setup(
    ctx: &HandlerContext<'_>,
    user_id: UserId,
    link: &NewLink,
    account: &RemoteAccount,
) -> Result<(), OAuthError> {
    if let Some(handler) = &ctx.handlers.account_setup {
        let extra_data = handler
            .account_setup(ctx, &link.token, account, &link.account_info)
            .await?;
        ctx.events.emit(&OAuthEvent::AccountSetupReceived {
            app: ctx.app.to_owned(),
            user_id,
        });
        ctx.accounts
            .update_extra_data(account.id, extra_data)
            .await?;
    }
    ctx.events.emit(&OAuthEvent::AccountSetupCommitted {
        app: ctx.app.to_owned(),
        user_id,
    });
    Ok(())
}
