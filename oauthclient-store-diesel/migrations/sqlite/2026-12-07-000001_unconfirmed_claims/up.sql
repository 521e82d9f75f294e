-- An unconfirmed claim on an address blocks no one (docs/security.md, "unconfirmed claims").
-- `email_key` keeps its UNIQUE constraint but now means "holds this mailbox": it is set only
-- while the address is confirmed, so at most one account holds a mailbox. `claim_key` is the
-- mailbox key of the address as given, confirmed or not: any number of accounts may claim one
-- without confirming it. Whoever confirms first sets `email_key`; the other claims end then
-- (`email` emptied, `claim_key` NULL, the address kept in `ended_claim` to tell the user).
-- Plain ALTER TABLE ADD COLUMN: no table rebuild, so foreign keys are untouched.
ALTER TABLE accounts_user ADD COLUMN claim_key TEXT;
ALTER TABLE accounts_user ADD COLUMN ended_claim TEXT;
UPDATE accounts_user SET claim_key = email_key;
UPDATE accounts_user SET email_key = NULL WHERE confirmed_at IS NULL;
CREATE INDEX accounts_user_claim_key ON accounts_user (claim_key);
