//! # Bring your own users: an app with its own PostgreSQL `users` table
//!
//! The situation most apps are in when they add "Sign in with …": they already have users
//! (here a PostgreSQL table keyed by UUID, with the app's own password login and session), and
//! the OAuth library must not bring a second users table.
//!
//! What the app adds:
//! - [`directory`]: its users table as an [`oauthclient_core::UserDirectory`] — find by id,
//!   find by confirmed e-mail, create, remove a user whose link failed (~60 lines);
//! - [`app::AppSession`]: who is signed in, in the app's own session key;
//! - [`app::OwnUsersApp::start`]: oauthclient-rs's tables opened with
//!   `UsersTable::Host` (remote accounts, tokens and identities keyed by the app's UUIDs as
//!   text, no foreign key to any users table) and the client built with
//!   `.user_directory(...)`.
//!
//! `cargo run -p oauthclient-example-own-users -- --config examples/own-users/oauthclient.toml`
//! serves it on `127.0.0.1:8000` against `DATABASE_URL` (default
//! `postgres://postgres@127.0.0.1:5432/test`); `README.md` beside it has the details.
//! The tests in `tests/` run sign-up, sign-in, link, disconnect, the lock-out guard and a
//! failure injected between "create user" and "link" against a real PostgreSQL, when
//! `OAUTHCLIENT_TEST_POSTGRES_URL` names one.

pub mod app;
pub mod directory;
pub mod users;
