#![doc = include_str!("../README.md")]

mod app_text;
mod builder;
mod confirmation;
mod cookie;
mod cors;
mod csrf;
mod current_user;
mod errors;
mod flash;
mod frame_ancestors;
mod handlers;
mod i18n;
mod mail_queue;
mod messages;
mod oauth_session;
mod parts;
mod rate_limit;
#[cfg(feature = "redis")]
mod redis_connection;
mod reply;
mod request;
mod routes;
mod runtime;
mod session;
mod sign_in;
mod template_functions;
mod templates;

pub use builder::RuntimeBuilder;
pub use cookie::{is_https, session_cookie_name, session_key_material};
pub use csrf::{csrf_token, verify_csrf};
pub use current_user::{
    CurrentUser, PERMANENT_KEY, SESSION_EPOCH_KEY, SessionCurrentUser, USER_ID_KEY,
};
pub use errors::session_unavailable;
pub use flash::{Flash, push_flash, push_flash_message, take_flashes};
pub use frame_ancestors::{FrameAncestors, InvalidFrameAncestor};
pub use i18n::{Arg, CatalogError, Dir, LANGUAGE_COOKIE, Locale, Localizer};
pub use rate_limit::check_rate_limit;
#[cfg(feature = "redis")]
pub use redis_connection::{REDIS_OPERATION_TIMEOUT, RedisConnection, RedisError};
pub use reply::{RETRY_AFTER_UNAVAILABLE_SECS, Reply};
pub use request::Request;
pub use routes::{Endpoint, Paths, ROUTES, Route, RouteMethod};
pub use runtime::Runtime;
pub use session::{SESSION_LIFETIME_KEY, SessionData, SessionExpiry, SessionOp, SessionVerdict};
pub use template_functions::register_template_functions;
pub use templates::DEFAULT_TEMPLATES;
