//! `authorized_default` and `authorized_signup`.

use async_trait::async_trait;

use crate::account::{AccountInfo, NewUser, RemoteAccount, User, UserId};
use crate::audit::{self, AuditEvent};
use crate::config::EmailVerification;
use crate::error::OAuthError;
use crate::flow::AuthorizedOutcome;
use crate::handlers::{AuthorizedHandler, HandlerContext, OAuthEvent};
use crate::host_policy::{HostEvent, PreSignIn, SignInAttempt, populated};
use crate::store::NewLink;
use crate::token::Token;

use super::groups::{ensure_in_required_group, record_groups, roles_of};
use super::vouched::{claims_since, confirm_if_vouched, register_vouched, vouched_email};

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
                ctx.policy
                    .on_event(&HostEvent::Linked {
                        app: ctx.app.to_owned(),
                        user_id: user_id.clone(),
                        groups: Vec::new(),
                        roles: std::collections::BTreeSet::new(),
                    })
                    .await;
                Ok(AuthorizedOutcome::Linked {
                    user_id: user_id.clone(),
                })
            }
            None => Ok(AuthorizedOutcome::StoredInSession),
        }
    }
}

/// The seed's `authorized_signup_handler`: sign in or sign up through the remote account.
///
/// 1. Ask the app's `signup_handler.info` who the user is.
/// 2. Find the local user by the stored access token, then by the identity (method,
///    external id): a returning user signs in.
/// 3. Signed-in user: link the remote account to them ([`OAuthError::AlreadyLinked`] if the
///    identity belongs to someone else) → `Linked`.
/// 4. Anonymous, by e-mail. The provider *vouches* for its address when it marks it verified
///    **and** the app trusts its e-mails (`trust_email`). For the local account holding the
///    same mailbox:
///    - address confirmed, provider vouches → link and sign in;
///    - address confirmed, provider does not vouch → [`OAuthError::EmailInUse`], nothing
///      written: sign in to that account first, then connect;
///    - nobody holds it confirmed, provider vouches, but accounts claim it **unconfirmed**
///      (within `email_unconfirmed_expires`) → `UnconfirmedClaim`: the person is asked
///      whether one of them is theirs (sign in to it, then connect) or not (continue: an
///      account of their own, which ends those claims). Nobody loses an account by one
///      unexplained step, and a squatter can neither hijack nor block the real owner;
///    - nobody claims it, provider vouches → register (confirmed) and link in one
///      transaction;
///    - otherwise → the sign-up form (`SignupRequired`).
///
///    A vouched address that is the signing-in (or linking) user's own unconfirmed address
///    confirms it: the provider proved the user holds the mailbox.
///
///    A `link_only` app refuses ([`OAuthError::LinkOnly`]); `signup = "closed"` refuses every
///    new account ([`OAuthError::SignupClosed`]); with `email_verification = "mandatory"` an
///    unconfirmed account may not sign in ([`OAuthError::EmailUnconfirmed`]).
///
/// The app's `signup_handler.setup` runs once, when the remote account is first linked.
/// The host's [`crate::host_policy::HostPolicy`] is asked first
/// ([`crate::host_policy::HostPolicy::pre_sign_in`]: continue, redirect or refuse, before
/// anything is written), decides whether sign-up is open, completes new users, and hears of
/// sign-ups and links.
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
        ensure_in_required_group(ctx, &info)?;
        ask_host(ctx, &info).await?;
        let client_id = ctx.remote.credentials.consumer_key.as_str();
        let identity_owner = identity_owner(ctx, &token, &info).await?;
        let link = NewLink {
            client_id: client_id.to_owned(),
            account_info: info.clone(),
            token,
            extra_data: serde_json::json!({}),
        };

        if let Some(current) = ctx.current_user {
            if identity_owner
                .as_ref()
                .is_some_and(|owner| owner != current)
            {
                return Err(OAuthError::AlreadyLinked {
                    remote: ctx.app.to_owned(),
                });
            }
            link_and_setup(ctx, current, &link).await?;
            record_groups(ctx, current, &info).await?;
            // Only a vouched address can confirm: no read otherwise.
            if vouched_email(ctx, &info).is_some()
                && let Some(user) = ctx.users.user_by_id(current).await?
            {
                confirm_if_vouched(ctx, &user, &info).await?;
            }
            announce_link(ctx, current, &info).await;
            return Ok(AuthorizedOutcome::Linked {
                user_id: current.clone(),
            });
        }

        if ctx.remote.link_only {
            return Err(OAuthError::LinkOnly {
                remote: ctx.app.to_owned(),
            });
        }
        if let Some(user_id) = identity_owner {
            if let Err(refused) = ensure_may_sign_in(ctx, &user_id, &info).await {
                return pending_confirmation(refused, user_id);
            }
            // A returning user: keep the fresh token.
            ctx.accounts
                .save_token(&user_id, client_id, &link.token)
                .await?;
            record_groups(ctx, &user_id, &info).await?;
            return Ok(AuthorizedOutcome::LoggedIn { user_id });
        }

        let vouched = vouched_email(ctx, &info).map(str::to_owned);
        let holder = match info.email.as_deref() {
            Some(email) => ctx.users.user_holding_email(email).await?,
            None => None,
        };
        match (holder, vouched) {
            (Some(holder), Some(_)) => {
                ensure_may_sign_in(ctx, &holder.id, &info).await?;
                link_and_setup(ctx, &holder.id, &link).await?;
                record_groups(ctx, &holder.id, &info).await?;
                announce_link(ctx, &holder.id, &info).await;
                Ok(AuthorizedOutcome::LoggedIn { user_id: holder.id })
            }
            (Some(_), None) => {
                audit::record(
                    AuditEvent::SignInRefused,
                    ctx.app,
                    None,
                    "address held by a confirmed account; provider does not vouch for it",
                );
                Err(OAuthError::EmailInUse {
                    remote: ctx.app.to_owned(),
                })
            }
            (None, Some(email)) => {
                ensure_signup_open(ctx, &info).await?;
                let claimed_since = claims_since(ctx);
                if !ctx
                    .users
                    .unconfirmed_claims(&email, claimed_since)
                    .await?
                    .is_empty()
                {
                    return Ok(AuthorizedOutcome::UnconfirmedClaim { account_info: info });
                }
                match register_vouched(ctx, email, link).await? {
                    Some(user_id) => Ok(AuthorizedOutcome::LoggedIn { user_id }),
                    // Lost a race for the address: the form lets the user pick another.
                    None => Ok(AuthorizedOutcome::SignupRequired { account_info: info }),
                }
            }
            (None, None) => {
                ensure_signup_open(ctx, &info).await?;
                Ok(AuthorizedOutcome::SignupRequired { account_info: info })
            }
        }
    }
}

/// A refusal for an unconfirmed address (verification mandatory) becomes
/// `ConfirmationPending`: the person proved they hold the account, which lets a confirmation
/// link confirm for them. Any other refusal stays one.
fn pending_confirmation(
    refused: OAuthError,
    user_id: UserId,
) -> Result<AuthorizedOutcome, OAuthError> {
    match refused {
        OAuthError::EmailUnconfirmed { .. } => {
            Ok(AuthorizedOutcome::ConfirmationPending { user_id })
        }
        other => Err(other),
    }
}

/// The host's [`crate::host_policy::HostPolicy::pre_sign_in`]: a refusal or a redirect ends
/// the flow here, before anything is written.
async fn ask_host(ctx: &HandlerContext<'_>, info: &AccountInfo) -> Result<(), OAuthError> {
    let roles = roles_of(ctx.remote, info);
    let attempt = SignInAttempt {
        app: ctx.remote,
        account_info: info,
        current_user: ctx.current_user,
        groups: &info.groups,
        roles: &roles,
    };
    match ctx.policy.pre_sign_in(&attempt).await {
        PreSignIn::Continue => Ok(()),
        PreSignIn::Redirect { url } => Err(OAuthError::RedirectedByHost {
            remote: ctx.app.to_owned(),
            url,
        }),
        PreSignIn::Refuse {
            message,
            message_id,
        } => {
            audit::record(
                AuditEvent::SignInRefused,
                ctx.app,
                ctx.current_user,
                "refused by the host's policy",
            );
            Err(OAuthError::RefusedByHost {
                remote: ctx.app.to_owned(),
                message,
                message_id,
            })
        }
    }
}

/// Tells the host a remote account was linked to `user_id`.
async fn announce_link(ctx: &HandlerContext<'_>, user_id: &UserId, info: &AccountInfo) {
    ctx.policy
        .on_event(&HostEvent::Linked {
            app: ctx.app.to_owned(),
            user_id: user_id.clone(),
            groups: info.groups.clone(),
            roles: roles_of(ctx.remote, info),
        })
        .await;
}

/// [`OAuthError::SignupClosed`] unless this app may create accounts (the host's
/// [`crate::host_policy::HostPolicy::is_open_for_signup`]; by default the app's `signup`).
pub(crate) async fn ensure_signup_open(
    ctx: &HandlerContext<'_>,
    info: &AccountInfo,
) -> Result<(), OAuthError> {
    if !ctx.policy.is_open_for_signup(ctx.remote, info).await {
        audit::record(AuditEvent::SignInRefused, ctx.app, None, "sign-up closed");
        return Err(OAuthError::SignupClosed {
            remote: ctx.app.to_owned(),
        });
    }
    Ok(())
}

/// Creates the user (completed by the host's `populate_user`) and links the remote account
/// (one transaction), then runs setup, records the provider's groups and their roles in the
/// account's `extra_data`, and tells the host (`SignedUp`). A **confirmed** new
/// address makes the new user its holder: the store ends every unconfirmed claim on it in the
/// same transaction (those accounts are told at their next sign-in).
pub async fn register_and_link(
    ctx: &HandlerContext<'_>,
    new_user: &NewUser,
    link: &NewLink,
) -> Result<User, OAuthError> {
    let new_user = populated(ctx.policy, ctx.remote, &link.account_info, new_user).await;
    let user = ctx.users.register_and_link(&new_user, link).await?;
    if let Some(account) = ctx
        .accounts
        .remote_account(&user.id, &link.client_id)
        .await?
    {
        run_account_setup(ctx, &user.id, link, &account).await?;
    }
    record_groups(ctx, &user.id, &link.account_info).await?;
    ctx.policy
        .on_event(&HostEvent::SignedUp {
            app: ctx.app.to_owned(),
            user_id: user.id.clone(),
            groups: link.account_info.groups.clone(),
            roles: roles_of(ctx.remote, &link.account_info),
        })
        .await;
    Ok(user)
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
    let mut info = handler.account_info(&ctx.provider(), token).await?;
    // The identity method is the app name, whatever the handler wrote.
    ctx.app.clone_into(&mut info.external_method);
    ctx.events.emit(&OAuthEvent::AccountInfoReceived {
        app: ctx.app.to_owned(),
        account_info: info.clone(),
    });
    Ok(info)
}

/// A deactivated user may not sign in through a provider (a password login refuses them
/// too), nor, when verification is mandatory, one whose address is unconfirmed, unless this
/// sign-in's provider vouches for that very address (which confirms it).
async fn ensure_may_sign_in(
    ctx: &HandlerContext<'_>,
    user_id: &UserId,
    info: &AccountInfo,
) -> Result<(), OAuthError> {
    let Some(user) = ctx.users.user_by_id(user_id).await? else {
        return Ok(());
    };
    let confirmed = user.email_confirmed || confirm_if_vouched(ctx, &user, info).await?;
    ensure_may_use(ctx.app, ctx.remote, &user, confirmed)
}

/// The rule every sign-in through `remote` follows, whoever decided it (the default handler
/// or a custom one): the user is active, and confirmed when verification is mandatory.
pub(crate) fn ensure_may_use(
    app: &str,
    remote: &crate::config::RemoteApp,
    user: &User,
    confirmed: bool,
) -> Result<(), OAuthError> {
    if !user.active {
        audit::record(
            AuditEvent::SignInRefused,
            app,
            Some(&user.id),
            "account disabled",
        );
        return Err(OAuthError::AccountDisabled {
            remote: app.to_owned(),
        });
    }
    if !confirmed && remote.email_verification == EmailVerification::Mandatory {
        audit::record(
            AuditEvent::SignInRefused,
            app,
            Some(&user.id),
            "address not confirmed (verification mandatory)",
        );
        return Err(OAuthError::EmailUnconfirmed {
            remote: app.to_owned(),
        });
    }
    Ok(())
}

/// The local user the remote account already belongs to: by the stored access token, then
/// by the identity ([`crate::store::AccountStore::owner_of`]: one store call).
async fn identity_owner(
    ctx: &HandlerContext<'_>,
    token: &Token,
    info: &AccountInfo,
) -> Result<Option<UserId>, OAuthError> {
    let client_id = ctx.remote.credentials.consumer_key.as_str();
    Ok(ctx
        .accounts
        .owner_of(
            client_id,
            token,
            &info.external_method,
            info.external_id.as_str(),
        )
        .await?)
}

/// Links (identity + account + token, one transaction), then runs setup on a first link.
async fn link_and_setup(
    ctx: &HandlerContext<'_>,
    user_id: &UserId,
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
    user_id: &UserId,
    link: &NewLink,
    account: &RemoteAccount,
) -> Result<(), OAuthError> {
    if let Some(handler) = &ctx.handlers.account_setup {
        let extra_data = handler
            .account_setup(&ctx.provider(), &link.token, &link.account_info)
            .await?;
        ctx.events.emit(&OAuthEvent::AccountSetupReceived {
            app: ctx.app.to_owned(),
            user_id: user_id.clone(),
        });
        ctx.accounts
            .update_extra_data(account.id, extra_data)
            .await?;
    }
    ctx.events.emit(&OAuthEvent::AccountSetupCommitted {
        app: ctx.app.to_owned(),
        user_id: user_id.clone(),
    });
    Ok(())
}
