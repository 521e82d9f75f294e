#![doc = include_str!("../README.md")]

mod adapter;
mod cookie_store;
mod host;
#[cfg(feature = "redis")]
mod redis_store;
mod router;
mod session_layer;

pub use adapter::BODY_LIMIT;
pub use host::check_rate_limit;
pub use oauthclient_frontend::{
    CurrentUser, DEFAULT_TEMPLATES, Flash, FrameAncestors, InvalidFrameAncestor, Locale,
    PERMANENT_KEY, Request, SESSION_EPOCH_KEY, SESSION_LIFETIME_KEY, SessionCurrentUser,
    SessionData, USER_ID_KEY,
};
#[cfg(feature = "redis")]
pub use redis_store::{
    REDIS_OPERATION_TIMEOUT, RedisConnection, RedisSessionStore, connect_redis_store,
};
pub use router::{OAuthRouter, OAuthRouterBuilder};
pub use session_layer::{OAuthSessionLayer, OAuthSessionService};
/// The session type host handlers extract (`session: Session`), the one
/// [`OAuthRouter::session_layer`] provides.
pub use tower_sessions::Session;

/// The framework-neutral front end under this adapter, for what hosts rarely need directly.
pub use oauthclient_frontend as frontend;
