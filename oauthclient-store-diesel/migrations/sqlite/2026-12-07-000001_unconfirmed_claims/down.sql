-- Back to one claim per mailbox: unconfirmed claims beside a holder, or beside each other,
-- end (the oldest unconfirmed claim stays when nobody holds the mailbox).
UPDATE accounts_user SET email = '', claim_key = NULL
    WHERE confirmed_at IS NULL AND claim_key IS NOT NULL AND (
        claim_key IN (SELECT email_key FROM accounts_user WHERE email_key IS NOT NULL)
        OR id > (SELECT min(other.id) FROM accounts_user AS other
                 WHERE other.claim_key = accounts_user.claim_key AND other.confirmed_at IS NULL));
UPDATE accounts_user SET email_key = claim_key;
DROP INDEX accounts_user_claim_key;
ALTER TABLE accounts_user DROP COLUMN ended_claim;
ALTER TABLE accounts_user DROP COLUMN claim_key;
