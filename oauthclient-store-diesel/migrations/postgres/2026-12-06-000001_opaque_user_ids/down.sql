-- Rows whose user is not a row of accounts_user (possible without the foreign key: a deleted
-- user, or a host's non-numeric id) are dropped first. CASE, not OR: PostgreSQL may evaluate
-- OR's operands in any order, and the cast fails on non-numeric text.
DELETE FROM oauthclient_remoteaccount
    WHERE CASE WHEN user_id ~ '^[0-9]{1,18}$'
               THEN user_id::bigint NOT IN (SELECT id FROM accounts_user)
               ELSE TRUE END;
DELETE FROM oauthclient_useridentity
    WHERE CASE WHEN id_user ~ '^[0-9]{1,18}$'
               THEN id_user::bigint NOT IN (SELECT id FROM accounts_user)
               ELSE TRUE END;
ALTER TABLE oauthclient_remoteaccount ALTER COLUMN user_id TYPE BIGINT USING user_id::bigint;
ALTER TABLE oauthclient_remoteaccount ADD CONSTRAINT oauthclient_remoteaccount_user_id_fkey
    FOREIGN KEY (user_id) REFERENCES accounts_user (id) ON DELETE CASCADE;
ALTER TABLE oauthclient_useridentity ALTER COLUMN id_user TYPE BIGINT USING id_user::bigint;
ALTER TABLE oauthclient_useridentity ADD CONSTRAINT oauthclient_useridentity_id_user_fkey
    FOREIGN KEY (id_user) REFERENCES accounts_user (id) ON DELETE CASCADE;
