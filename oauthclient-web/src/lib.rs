#![doc = include_str!("../README.md")]

mod builder;
mod client;
mod confirmation;
mod csrf;
mod current_user;
mod flash;
mod frame_ancestors;
mod mail_queue;
mod rate_limit;
#[cfg(feature = "redis")]
mod redis;
mod respond;
mod session;
mod session_middleware;
mod session_store;
mod session_unavailable;
mod templates;
mod views;

pub use builder::OAuthClientBuilder;
pub use client::OAuthClient;
pub use csrf::{csrf_token, verify_csrf};
pub use current_user::{
    CurrentUser, PERMANENT_KEY, SESSION_EPOCH_KEY, SessionCurrentUser, USER_ID_KEY,
};
pub use flash::{Flash, push_flash, take_flashes};
pub use frame_ancestors::{FrameAncestors, InvalidFrameAncestor};
pub use rate_limit::check_rate_limit;
#[cfg(feature = "redis")]
pub use redis::connect_redis_store;
pub use session_middleware::OAuthSessionMiddleware;
pub use session_store::SessionBackend;
pub use session_unavailable::session_unavailable;
pub use templates::DEFAULT_TEMPLATES;
