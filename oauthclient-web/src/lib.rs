#![doc = include_str!("../README.md")]

mod adapter;
mod client;
mod host;
mod lifetime_store;
#[cfg(feature = "redis")]
mod redis_store;
mod session_lifetime;
mod session_middleware;
mod session_store;
mod session_unavailable;

pub use client::{OAuthClient, OAuthClientBuilder};
pub use host::{
    check_rate_limit, csrf_token, locale, push_flash, push_flash_message, take_flashes, verify_csrf,
};
pub use oauthclient_frontend::{
    CurrentUser, DEFAULT_TEMPLATES, Flash, FrameAncestors, InvalidFrameAncestor, Locale,
    PERMANENT_KEY, Request, SESSION_EPOCH_KEY, SESSION_LIFETIME_KEY, SessionCurrentUser,
    SessionData, USER_ID_KEY,
};
#[cfg(feature = "redis")]
pub use oauthclient_frontend::{REDIS_OPERATION_TIMEOUT, RedisConnection};
#[cfg(feature = "redis")]
pub use redis_store::{RedisSessionStore, connect_redis_store};
pub use session_middleware::OAuthSessionMiddleware;
pub use session_store::SessionBackend;
pub use session_unavailable::session_unavailable;

/// The framework-neutral front end under this adapter, for what hosts rarely need directly.
pub use oauthclient_frontend as frontend;
