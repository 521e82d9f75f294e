-- User ids are opaque text (oauthclient_core::account::UserId): the same columns serve the
-- library's own numeric users and a host's own users table (UUIDs, ...). Text cannot
-- reference accounts_user's BIGINT key, so the two foreign keys go; deleting a user deletes
-- their remote accounts and identities in the same transaction instead (the store's
-- `delete_user`). Tokens keep their foreign key to their remote account.
-- (SQLite needs no step: its INTEGER columns keep the library's numeric ids, and the store
-- reads and compares them as text.)
ALTER TABLE oauthclient_remoteaccount DROP CONSTRAINT oauthclient_remoteaccount_user_id_fkey;
ALTER TABLE oauthclient_remoteaccount ALTER COLUMN user_id TYPE TEXT USING user_id::text;
ALTER TABLE oauthclient_useridentity DROP CONSTRAINT oauthclient_useridentity_id_user_fkey;
ALTER TABLE oauthclient_useridentity ALTER COLUMN id_user TYPE TEXT USING id_user::text;
