//! Filling the mailbox keys of rows that have an address but no key: every row when the
//! `email_keys` migration has just added the column, and rows copied in by hand (from
//! Invenio, say) since. The key is [`mailbox_key`], which SQL cannot compute. Every such row
//! gets its `claim_key`; a confirmed one also its `email_key` (it holds the mailbox).
//!
//! Two confirmed rows that would hold one key, or an address without a key, stop the fill
//! before anything changes, with a message naming the rows: which account is the mailbox's is
//! the operator's call, not the store's. Unconfirmed rows may share a key (an unconfirmed
//! claim blocks no one).
//!
//! A filled row whose address has a non-ASCII character loses its `confirmed_at`: the first
//! schema stored addresses NFKC + Unicode case-folded, so such a row holds the folded form of
//! what was confirmed (`JÜRGEN@…` or a decomposed `ü` became `jürgen@…`, `ςοφια@…` became
//! `σοφια@…`), and the key, which folds ASCII case only, may name another mailbox than the one
//! confirmed. Its holder must confirm again; a proven owner of the keyed mailbox no longer
//! signs in to it meanwhile. Pure-ASCII rows keep theirs: NFKC + case folding turns ASCII into
//! its lower case only, and the one letter outside compatibility forms that folds *to* ASCII is
//! `ß`/`ẞ` (to `ss`), which cannot be told from a genuine `ss` (see docs/security.md).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use diesel::prelude::*;
use oauthclient_core::email::mailbox_key;
use oauthclient_core::store::StoreError;

use crate::connection::AnyConnection;
use crate::error::{is_unique_violation, query_error};
use crate::schema::accounts_user as users;
use crate::transaction::write_transaction;

/// The migration that adds `email_key` (`…_email_keys`).
pub(crate) const MIGRATION_VERSION: &str = "20261205000001";

/// At most this many problems are spelled out in one message.
const MAX_PROBLEMS: usize = 20;

/// A row to give a key: id and address.
type Unkeyed = (i64, String);
/// A row and the key it gets (or holds): id, address, key.
type Keyed = (i64, String, String);

/// Whether the first schema's folding may have stored `email` for another mailbox than the
/// one confirmed (module docs): it has a character outside ASCII.
fn folding_may_have_rewritten(email: &str) -> bool {
    !email.is_ascii()
}

/// `user 3 (Ada@x.org)`, with control characters escaped for the terminal.
fn describe(id: i64, email: &str) -> String {
    format!("{id} ({})", email.escape_debug())
}

/// The keys to give `unkeyed` rows, or the message naming every row in the way. `holders` are
/// rows that already hold one of those keys.
fn plan(unkeyed: Vec<Unkeyed>, holders: Vec<Keyed>) -> Result<Vec<Keyed>, String> {
    let mut by_key: BTreeMap<String, Vec<(i64, String)>> = BTreeMap::new();
    for (id, email, key) in holders {
        by_key.entry(key).or_default().push((id, email));
    }
    let mut problems: Vec<(i64, String)> = Vec::new();
    let mut assignments = Vec::with_capacity(unkeyed.len());
    for (id, email) in unkeyed {
        match mailbox_key(&email) {
            Ok(key) => {
                by_key
                    .entry(key.clone())
                    .or_default()
                    .push((id, email.clone()));
                assignments.push((id, email, key));
            }
            Err(err) => problems.push((
                id,
                format!(
                    "cannot give user {} a mailbox key ({err}): change the address, then run \
                     migrate again",
                    describe(id, &email)
                ),
            )),
        }
    }
    for (key, mut rows) in by_key {
        if rows.len() < 2 {
            continue;
        }
        rows.sort_by_key(|(id, _)| *id);
        let mut names: Vec<String> = rows
            .iter()
            .map(|(id, email)| describe(*id, email))
            .collect();
        let last = names.pop().unwrap_or_default();
        let fix = if rows.len() == 2 {
            "merge or change one address"
        } else {
            "merge them or change all addresses but one"
        };
        problems.push((
            rows[0].0,
            format!(
                "cannot give users {} and {last} one mailbox key {}: {fix}, then run migrate again",
                names.join(", "),
                key.escape_debug()
            ),
        ));
    }
    if problems.is_empty() {
        return Ok(assignments);
    }
    problems.sort();
    let more = problems.len().saturating_sub(MAX_PROBLEMS);
    let mut message = problems
        .into_iter()
        .take(MAX_PROBLEMS)
        .map(|(_, problem)| problem)
        .collect::<Vec<_>>()
        .join("; ");
    if more > 0 {
        let _ = write!(message, "; and {more} more");
    }
    Err(message)
}

/// The keys of `rows` (id, address, confirmed), or the message naming every row in the way:
/// an address without a key, or two confirmed rows (or one and a `holders` row) on one key.
/// A row the first schema may have folded counts as unconfirmed (module docs).
fn plan_all(rows: Vec<(i64, String, bool)>, holders: Vec<Keyed>) -> Result<Vec<Keyed>, String> {
    let (holding, claiming): (Vec<_>, Vec<_>) = rows
        .into_iter()
        .partition(|(_, email, confirmed)| *confirmed && !folding_may_have_rewritten(email));
    let strip = |rows: Vec<(i64, String, bool)>| -> Vec<Unkeyed> {
        rows.into_iter().map(|(id, email, _)| (id, email)).collect()
    };
    let mut problems = Vec::new();
    let mut keyed = match plan(strip(holding), holders) {
        Ok(keyed) => keyed,
        Err(message) => {
            problems.push(message);
            Vec::new()
        }
    };
    // Claims may share a key: each is checked on its own, for a key at all.
    for row in strip(claiming) {
        match plan(vec![row], Vec::new()) {
            Ok(claimed) => keyed.extend(claimed),
            Err(message) => problems.push(message),
        }
    }
    if problems.is_empty() {
        keyed.sort();
        Ok(keyed)
    } else {
        Err(problems.join("; "))
    }
}

/// Before the `email_keys` migration runs on a database that has users: whether every
/// address gets a key, and no two confirmed ones the same. An `Err` stops the migration
/// before it changes anything.
pub(crate) fn check_before_migration(conn: &mut AnyConnection) -> Result<(), StoreError> {
    // Columns the table has before the migration too.
    let rows: Vec<(i64, String, bool)> = users::table
        .filter(users::email.ne(""))
        .order(users::id)
        .select((users::id, users::email, users::confirmed_at.is_not_null()))
        .load(conn)
        .map_err(|err| StoreError::unavailable(format!("cannot read the users: {err}")))?;
    plan_all(rows, Vec::new())
        .map(drop)
        .map_err(StoreError::conflict)
}

/// Gives every row with an address and no key its key, all or nothing; returns how many.
pub(crate) fn fill(conn: &mut AnyConnection) -> Result<usize, StoreError> {
    write_transaction(conn, |conn| {
        let unkeyed: Vec<(i64, String, bool)> = users::table
            .filter(users::claim_key.is_null())
            .filter(users::email.ne(""))
            .order(users::id)
            .select((users::id, users::email, users::confirmed_at.is_not_null()))
            .load(conn)
            .map_err(query_error)?;
        if unkeyed.is_empty() {
            return Ok(0);
        }
        let keys: Vec<String> = unkeyed
            .iter()
            .filter_map(|(_, email, _)| mailbox_key(email).ok())
            .collect();
        let mut holders: Vec<Keyed> = Vec::new();
        // Bounded chunks: SQLite caps the number of bound parameters per statement.
        for chunk in keys.chunks(500) {
            holders.extend(
                users::table
                    .filter(users::email_key.eq_any(chunk))
                    .select((users::id, users::email, users::email_key.assume_not_null()))
                    .load::<Keyed>(conn)
                    .map_err(query_error)?,
            );
        }
        let confirmed: Vec<i64> = unkeyed
            .iter()
            .filter(|(_, _, confirmed)| *confirmed)
            .map(|(id, _, _)| *id)
            .collect();
        let assignments = plan_all(unkeyed, holders).map_err(StoreError::conflict)?;
        let mut filled = 0;
        for (id, email, key) in assignments {
            let rewritten = folding_may_have_rewritten(&email);
            if rewritten {
                unconfirm(conn, id)?;
            }
            let holds = confirmed.contains(&id) && !rewritten;
            // Only the row as read: an address changed meanwhile keeps its own key.
            let updated = diesel::update(
                users::table
                    .filter(users::id.eq(id))
                    .filter(users::claim_key.is_null())
                    .filter(users::email.eq(&email)),
            )
            .set((
                users::claim_key.eq(Some(&key)),
                users::email_key.eq(holds.then_some(&key)),
            ))
            .execute(conn);
            match updated {
                Ok(count) => filled += count,
                Err(err) if is_unique_violation(&err) => {
                    return Err(StoreError::conflict(format!(
                        "cannot give user {} the mailbox key {}: another user confirmed it \
                         meanwhile; run migrate again",
                        describe(id, &email),
                        key.escape_debug()
                    )));
                }
                Err(err) => return Err(query_error(err)),
            }
        }
        Ok(filled)
    })
}

/// Clears a just-keyed row's confirmation (module docs), and says so in the audit log.
fn unconfirm(conn: &mut AnyConnection, id: i64) -> Result<(), StoreError> {
    let cleared = diesel::update(
        users::table
            .filter(users::id.eq(id))
            .filter(users::confirmed_at.is_not_null()),
    )
    .set(users::confirmed_at.eq(None::<chrono::NaiveDateTime>))
    .execute(conn)
    .map_err(query_error)?;
    if cleared > 0 {
        tracing::warn!(
            target: "oauthclient::audit",
            event = "email_unconfirmed",
            user_id = id,
            detail = "the first schema may have case-folded this non-ASCII address from another \
                      mailbox: its confirmation was cleared, the user must confirm it again"
        );
    }
    Ok(())
}

/// How many rows have an address and no key yet.
pub(crate) fn unfilled(conn: &mut AnyConnection) -> Result<i64, StoreError> {
    users::table
        .filter(users::claim_key.is_null())
        .filter(users::email.ne(""))
        .count()
        .get_result(conn)
        .map_err(query_error)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(rows: &[(i64, &str)]) -> Vec<Unkeyed> {
        rows.iter()
            .map(|(id, email)| (*id, (*email).to_owned()))
            .collect()
    }

    #[test]
    fn only_non_ascii_addresses_may_have_been_rewritten() {
        for rewritten in ["jürgen@example.org", "straße@x.org", "ada@bücher.example"] {
            assert!(folding_may_have_rewritten(rewritten), "{rewritten}");
        }
        for kept in ["ada@example.org", "Bob@X.org", "strasse@x.org"] {
            assert!(!folding_may_have_rewritten(kept), "{kept}");
        }
    }

    #[test]
    fn distinct_mailboxes_get_their_keys() {
        let planned = plan(rows(&[(1, "Ada@X.org"), (2, "straße@x.org")]), Vec::new());
        assert_eq!(
            planned,
            Ok(vec![
                (1, "Ada@X.org".to_owned(), "ada@x.org".to_owned()),
                (2, "straße@x.org".to_owned(), "straße@x.org".to_owned()),
            ])
        );
    }

    #[test]
    fn a_shared_key_names_both_rows() {
        let err = plan(rows(&[(7, "ada@x.org"), (3, "Ada@x.org")]), Vec::new())
            .expect_err("one key for two rows");
        assert_eq!(
            err,
            "cannot give users 3 (Ada@x.org) and 7 (ada@x.org) one mailbox key ada@x.org: \
             merge or change one address, then run migrate again"
        );
    }

    #[test]
    fn a_key_already_held_counts_as_a_collision() {
        let held = vec![(1, "ADA@x.org".to_owned(), "ada@x.org".to_owned())];
        let err = plan(rows(&[(4, "ada@X.org")]), held).expect_err("taken");
        assert!(
            err.contains("users 1 (ADA@x.org) and 4 (ada@X.org)"),
            "{err}"
        );
    }

    #[test]
    fn three_rows_and_invalid_addresses_are_all_named_in_id_order() {
        let err = plan(
            rows(&[
                (9, "a@x.org"),
                (2, "not-an-address"),
                (5, "A@x.org"),
                (6, "A@X.ORG"),
                (8, "ok@x.org"),
            ]),
            Vec::new(),
        )
        .expect_err("problems");
        assert_eq!(
            err,
            "cannot give user 2 (not-an-address) a mailbox key (not a valid e-mail address): \
             change the address, then run migrate again; cannot give users 5 (A@x.org), \
             6 (A@X.ORG) and 9 (a@x.org) one mailbox key a@x.org: merge them or change all \
             addresses but one, then run migrate again"
        );
    }

    #[test]
    fn long_lists_are_cut() {
        let many: Vec<Unkeyed> = (0..30).map(|id| (id, format!("bad{id}"))).collect();
        let err = plan(many, Vec::new()).expect_err("all invalid");
        assert!(err.ends_with("; and 10 more"), "{err}");
        assert_eq!(err.matches("cannot give user").count(), MAX_PROBLEMS);
    }
}
