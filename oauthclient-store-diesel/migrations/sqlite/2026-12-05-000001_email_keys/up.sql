-- E-mail addresses are stored as given and looked up by their mailbox key
-- (oauthclient_core::email::mailbox_key: ASCII case folded, domain in IDNA2008 A-label form,
-- nothing else). The key, not the address, is what is unique; a user who lost their address to
-- its proven owner keeps `email = ''` and claims no key (NULL), and any number of such users
-- coexist. The store fills `email_key` for existing rows in Rust right after this migration
-- (`DieselStore::migrate`), refusing to go on if two addresses would share one key.
--
-- SQLite cannot drop the UNIQUE of the `email` column, so the table is rebuilt the way SQLite
-- documents (https://sqlite.org/lang_altertable.html#otheralter): create the new table, copy,
-- drop the old one, rename the new one. With foreign keys on, dropping `accounts_user` would
-- delete every remote account and identity through their ON DELETE CASCADE, and
-- `PRAGMA foreign_keys` is a no-op inside a transaction: hence `run_in_transaction = false`
-- (metadata.toml) and the pragma around a transaction of our own. If a statement fails, the
-- store rolls back and switches foreign keys on again on this connection.
PRAGMA foreign_keys = OFF;

BEGIN IMMEDIATE;

CREATE TABLE new_accounts_user (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    email TEXT NOT NULL,                    -- as given (trimmed); '' when released
    email_key TEXT UNIQUE,                  -- mailbox key; NULL: claims no mailbox
    username TEXT UNIQUE,
    full_name TEXT,
    password_hash TEXT,                     -- NULL: can only sign in through a remote account
    active BOOLEAN NOT NULL DEFAULT 1,
    confirmed_at TIMESTAMP,                 -- NULL: the address is not confirmed
    email_changed_at TIMESTAMP NOT NULL,    -- whole seconds; links issued before are void
    confirmation_sent_at TIMESTAMP,         -- the last confirmation mail (resend cooldown)
    session_epoch BIGINT NOT NULL DEFAULT 0, -- bumped to end every session of the user
    created TIMESTAMP NOT NULL,
    updated TIMESTAMP NOT NULL
);

-- Ids are kept, so the remote accounts and identities still point at their users. Until now
-- an address was last set when its user was created (in whole seconds, as confirmation links
-- count time). The stored addresses are NFKC + case-folded (what the old store wrote): that is
-- all there is, so they are kept.
INSERT INTO new_accounts_user (
    id, email, email_key, username, full_name, password_hash, active, confirmed_at,
    email_changed_at, confirmation_sent_at, session_epoch, created, updated
)
SELECT
    id, email, NULL, username, full_name, password_hash, active, confirmed_at,
    COALESCE(strftime('%Y-%m-%d %H:%M:%S', created), created), NULL, 0, created, updated
FROM accounts_user;

-- AUTOINCREMENT never hands out an id again, even a deleted user's (a session or a link may
-- still name it): carry the counter over, not just the largest id left.
DELETE FROM sqlite_sequence WHERE name = 'new_accounts_user';
INSERT INTO sqlite_sequence (name, seq)
    SELECT 'new_accounts_user', seq FROM sqlite_sequence WHERE name = 'accounts_user';

DROP TABLE accounts_user;
ALTER TABLE new_accounts_user RENAME TO accounts_user;

-- What `PRAGMA foreign_key_check` would report for the tables pointing at users must still be
-- nothing; a failure here stops the migration before COMMIT.
CREATE TEMP TABLE email_keys_foreign_key_check (
    violations INTEGER NOT NULL,
    CONSTRAINT every_remote_account_and_identity_keeps_its_user CHECK (violations = 0)
);
INSERT INTO email_keys_foreign_key_check
    SELECT count(*) FROM pragma_foreign_key_check('oauthclient_remoteaccount');
INSERT INTO email_keys_foreign_key_check
    SELECT count(*) FROM pragma_foreign_key_check('oauthclient_useridentity');
DROP TABLE temp.email_keys_foreign_key_check;

COMMIT;

PRAGMA foreign_keys = ON;
