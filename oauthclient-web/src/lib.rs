#![doc = include_str!("../README.md")]

mod client;
mod csrf;
mod current_user;
mod flash;
mod respond;
mod session;
mod templates;
mod views;

pub use client::{OAuthClient, OAuthClientBuilder};
pub use current_user::{CurrentUser, PERMANENT_KEY, SessionCurrentUser, USER_ID_KEY};
pub use flash::Flash;
pub use templates::DEFAULT_TEMPLATES;
