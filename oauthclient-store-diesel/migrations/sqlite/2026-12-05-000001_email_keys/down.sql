-- Back to the initial shape: one UNIQUE address per user. Addresses go back as they are now
-- (as given, not NFKC + case-folded). This fails (UNIQUE constraint failed:
-- accounts_user.email) while two users share an address, e.g. two released users ('').
-- Rebuilt like up.sql, outside diesel's transaction, with foreign keys off around it.
PRAGMA foreign_keys = OFF;

BEGIN IMMEDIATE;

CREATE TABLE old_accounts_user (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    email TEXT NOT NULL UNIQUE,
    username TEXT UNIQUE,
    full_name TEXT,
    password_hash TEXT,
    active BOOLEAN NOT NULL DEFAULT 1,
    confirmed_at TIMESTAMP,
    created TIMESTAMP NOT NULL,
    updated TIMESTAMP NOT NULL
);

INSERT INTO old_accounts_user (
    id, email, username, full_name, password_hash, active, confirmed_at, created, updated
)
SELECT id, email, username, full_name, password_hash, active, confirmed_at, created, updated
FROM accounts_user;

DELETE FROM sqlite_sequence WHERE name = 'old_accounts_user';
INSERT INTO sqlite_sequence (name, seq)
    SELECT 'old_accounts_user', seq FROM sqlite_sequence WHERE name = 'accounts_user';

DROP TABLE accounts_user;
ALTER TABLE old_accounts_user RENAME TO accounts_user;

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
