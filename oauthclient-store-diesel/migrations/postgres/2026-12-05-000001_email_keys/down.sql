-- Back to the initial shape: one UNIQUE address per user. Addresses stay as they are now (as
-- given, not NFKC + case-folded). Adding the constraint fails while two users share an
-- address, e.g. two released users ('').
ALTER TABLE accounts_user DROP CONSTRAINT accounts_user_email_key_key;
ALTER TABLE accounts_user
    DROP COLUMN email_key,
    DROP COLUMN email_changed_at,
    DROP COLUMN confirmation_sent_at,
    DROP COLUMN session_epoch;
ALTER TABLE accounts_user ADD CONSTRAINT accounts_user_email_key UNIQUE (email);
