//! The built-in handlers, the seed's `handlers` module: what runs when configuration names no
//! handler, and what `"authorized_default"`, `"authorized_signup"`, `"disconnect"` and
//! `"signup"` name.
//!
//! | name | seed | does |
//! |---|---|---|
//! | `authorized_default` | `authorized_default_handler` | stores the token: in the user's account when signed in, else in the session |
//! | `authorized_signup` | `authorized_signup_handler` | signs in or up through the remote account (find by token, identity, verified e-mail; register; or ask) |
//! | `disconnect` | `disconnect_handler` | deletes the token, the remote account and the identity, then revokes at the provider (its `RevokeHandler`, else RFC 7009) |
//! | `signup` | `signup_handler` | validates the extra sign-up form (an e-mail address) |
//!
//! An app with no `authorized_handler` gets `authorized_signup` when it has account info (a
//! `signup_handler.info`, an `[account_info]` mapping run by [`MappedAccountInfo`], or its
//! provider's), otherwise `authorized_default` — which only a `token_only = true` or
//! `link_only` app may run (see [`crate::Registry::resolve`]).

mod authorized;
mod disconnect;
mod groups;
mod mapped;
mod signup;
mod vouched;

pub(crate) use authorized::ensure_may_use;
pub use authorized::{AuthorizedDefault, AuthorizedSignup, register_and_link, run_account_setup};
pub use disconnect::{DisconnectDefault, revoke_at_provider, unlink_guarded};
pub(crate) use groups::stored_groups_and_roles;
pub use mapped::{Documents, MAX_GROUP_CHARS, MAX_GROUPS, MappedAccountInfo, MappingError};
pub use signup::{AddressProblem, SignupDefault};
pub(crate) use vouched::{register_vouched, vouched_email};

/// Registered name of [`AuthorizedDefault`].
pub const AUTHORIZED_DEFAULT: &str = "authorized_default";
/// Registered name of the built-in OAuth 2.0 [`crate::client::OAuth2Protocol`].
pub const OAUTH2: &str = "oauth2";
/// Registered name of the built-in OAuth 1.0a [`crate::client::OAuth1Protocol`].
pub const OAUTH1: &str = "oauth1";
/// Registered name of [`AuthorizedSignup`].
pub const AUTHORIZED_SIGNUP: &str = "authorized_signup";
/// Registered name of [`DisconnectDefault`].
pub const DISCONNECT: &str = "disconnect";
/// Registered name of [`SignupDefault`].
pub const SIGNUP: &str = "signup";
