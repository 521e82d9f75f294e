-- E-mail addresses are stored as given and looked up by their mailbox key
-- (oauthclient_core::email::mailbox_key: ASCII case folded, domain in IDNA2008 A-label form,
-- nothing else). The key, not the address, is what is unique; a user who lost their address to
-- its proven owner keeps `email = ''` and claims no key (NULL), and any number of such users
-- coexist. The store fills `email_key` for existing rows in Rust right after this migration
-- (`DieselStore::migrate`), refusing to go on if two addresses would share one key.
-- The stored addresses are NFKC + case-folded (what the old store wrote): that is all there
-- is, so they are kept.
ALTER TABLE accounts_user DROP CONSTRAINT accounts_user_email_key;

ALTER TABLE accounts_user
    ADD COLUMN email_key TEXT,              -- mailbox key; NULL: claims no mailbox
    ADD COLUMN email_changed_at TIMESTAMP,  -- whole seconds; links issued before are void
    ADD COLUMN confirmation_sent_at TIMESTAMP, -- the last confirmation mail (resend cooldown)
    ADD COLUMN session_epoch BIGINT NOT NULL DEFAULT 0; -- bumped to end every session

-- Named as PostgreSQL would name a column UNIQUE, like accounts_user_username_key.
ALTER TABLE accounts_user
    ADD CONSTRAINT accounts_user_email_key_key UNIQUE (email_key);

-- Until now an address was last set when its user was created (in whole seconds, as
-- confirmation links count time).
UPDATE accounts_user SET email_changed_at = date_trunc('second', created);
ALTER TABLE accounts_user ALTER COLUMN email_changed_at SET NOT NULL;
