-- Rows whose user is gone (possible without the foreign key) are dropped first.
DELETE FROM oauthclient_remoteaccount
    WHERE user_id !~ '^[0-9]+$' OR user_id::bigint NOT IN (SELECT id FROM accounts_user);
DELETE FROM oauthclient_useridentity
    WHERE id_user !~ '^[0-9]+$' OR id_user::bigint NOT IN (SELECT id FROM accounts_user);
ALTER TABLE oauthclient_remoteaccount ALTER COLUMN user_id TYPE BIGINT USING user_id::bigint;
ALTER TABLE oauthclient_remoteaccount ADD CONSTRAINT oauthclient_remoteaccount_user_id_fkey
    FOREIGN KEY (user_id) REFERENCES accounts_user (id) ON DELETE CASCADE;
ALTER TABLE oauthclient_useridentity ALTER COLUMN id_user TYPE BIGINT USING id_user::bigint;
ALTER TABLE oauthclient_useridentity ADD CONSTRAINT oauthclient_useridentity_id_user_fkey
    FOREIGN KEY (id_user) REFERENCES accounts_user (id) ON DELETE CASCADE;
