//! Local users (`accounts_user`) and e-mail normalisation.

use diesel::prelude::*;
use oauthclient_core::OAuthError;
use oauthclient_core::account::{NewUser, User, UserId};
use oauthclient_core::store::StoreError;
use unicode_normalization::UnicodeNormalization;

use crate::connection::AnyConnection;
use crate::error::{is_unique_violation, query_error};
use crate::models::{NewUserRow, UserRow};
use crate::schema::accounts_user as users;
use crate::tokens::now;

/// The form an e-mail address is stored and compared in: trimmed, NFKC, case-folded (Unicode
/// full case folding), NFKC again (folding can denormalise). `Ada@EXAMPLE.org` and
/// `ａｄａ@example.org` (full-width) are the same address.
///
/// ```
/// use oauthclient_store_diesel::normalize_email;
/// assert_eq!(normalize_email(" Ada@EXAMPLE.org "), "ada@example.org");
/// assert_eq!(normalize_email("ａｄａ@example.org"), "ada@example.org");
/// assert_eq!(normalize_email("STRASSE@example.org"), normalize_email("straße@example.org"));
/// ```
pub fn normalize_email(email: &str) -> String {
    let composed: String = email.trim().nfkc().collect();
    caseless::default_case_fold_str(&composed).nfkc().collect()
}

impl From<UserRow> for User {
    fn from(row: UserRow) -> Self {
        Self {
            id: row.id,
            email: row.email,
            username: row.username,
            full_name: row.full_name,
            active: row.active,
            has_password: row.password_hash.is_some(),
        }
    }
}

pub(crate) fn by_id(conn: &mut AnyConnection, user_id: UserId) -> Result<Option<User>, OAuthError> {
    users::table
        .find(user_id)
        .select(UserRow::as_select())
        .first(conn)
        .optional()
        .map(|row| row.map(Into::into))
        .map_err(query_error)
}

pub(crate) fn by_email(conn: &mut AnyConnection, email: &str) -> Result<Option<User>, OAuthError> {
    users::table
        .filter(users::email.eq(normalize_email(email)))
        .select(UserRow::as_select())
        .first(conn)
        .optional()
        .map(|row| row.map(Into::into))
        .map_err(query_error)
}

/// Inserts a user; a taken e-mail or username is a conflict naming which.
pub(crate) fn create(conn: &mut AnyConnection, user: &NewUser) -> Result<User, OAuthError> {
    let email = normalize_email(&user.email);
    if email.is_empty() || !email.contains('@') {
        return Err(OAuthError::Store(StoreError::conflict(
            "an e-mail address needs a local part and a domain",
        )));
    }
    let time = now();
    let inserted = diesel::insert_into(users::table)
        .values(NewUserRow {
            email: &email,
            username: user.username.as_deref(),
            full_name: user.full_name.as_deref(),
            active: true,
            confirmed_at: user.confirmed.then_some(time),
            created: time,
            updated: time,
        })
        .execute(conn);
    match inserted {
        Ok(_) => {
            by_email(conn, &email)?.ok_or_else(|| query_error(diesel::result::Error::NotFound))
        }
        Err(err) if is_unique_violation(&err) => {
            let taken = if violated_column(&err).is_some_and(|column| column.contains("username")) {
                "this username is already taken"
            } else {
                "this e-mail address is already registered"
            };
            Err(OAuthError::Store(StoreError::conflict(taken)))
        }
        Err(err) => Err(query_error(err)),
    }
}

/// The constraint (PostgreSQL: `accounts_user_username_key`) or column (SQLite: "UNIQUE
/// constraint failed: accounts_user.username") a unique violation names. Read from the error,
/// because a PostgreSQL transaction cannot run another query after one.
fn violated_column(err: &diesel::result::Error) -> Option<String> {
    match err {
        diesel::result::Error::DatabaseError(_, info) => Some(
            info.constraint_name()
                .map_or_else(|| info.message().to_owned(), str::to_owned),
        ),
        _ => None,
    }
}

pub(crate) fn delete(conn: &mut AnyConnection, user_id: UserId) -> Result<(), OAuthError> {
    diesel::delete(users::table.find(user_id))
        .execute(conn)
        .map(drop)
        .map_err(query_error)
}
