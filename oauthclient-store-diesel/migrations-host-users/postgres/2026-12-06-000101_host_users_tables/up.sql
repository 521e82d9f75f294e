-- oauthclient-rs tables for a host that brings its own users table (UsersTable::Host):
-- remote accounts, tokens, identities and pending sign-ups. `user_id` / `id_user` hold the
-- host's user keys as text (a UUID, a number, ...) with no foreign key: the host's table may
-- live in another schema or database. Deleting a host user means deleting their rows here
-- too (UserStore::delete_user does).
CREATE TABLE oauthclient_remoteaccount (
    id BIGSERIAL PRIMARY KEY,
    user_id TEXT NOT NULL,
    client_id TEXT NOT NULL,
    extra_data JSONB NOT NULL DEFAULT '{}'::jsonb,
    created TIMESTAMP NOT NULL,
    updated TIMESTAMP NOT NULL,
    UNIQUE (user_id, client_id)
);

CREATE TABLE oauthclient_remotetoken (
    id_remote_account BIGINT NOT NULL REFERENCES oauthclient_remoteaccount (id) ON DELETE CASCADE,
    token_type TEXT NOT NULL DEFAULT '',
    access_token TEXT NOT NULL,             -- AEAD ciphertext
    access_token_hash TEXT NOT NULL,        -- keyed HMAC, for get_by_token
    secret TEXT,                            -- AEAD ciphertext (OAuth1)
    refresh_token TEXT,                     -- AEAD ciphertext
    key_id TEXT NOT NULL,                   -- the key the three values are encrypted under
    scopes TEXT NOT NULL DEFAULT '',
    expires TIMESTAMP,
    created TIMESTAMP NOT NULL,
    updated TIMESTAMP NOT NULL,
    PRIMARY KEY (id_remote_account, token_type)
);
CREATE INDEX ix_oauthclient_remotetoken_access_token_hash
    ON oauthclient_remotetoken (access_token_hash);

CREATE TABLE oauthclient_useridentity (
    id TEXT NOT NULL,
    method TEXT NOT NULL,
    id_user TEXT NOT NULL,
    created TIMESTAMP NOT NULL,
    PRIMARY KEY (id, method),
    UNIQUE (id_user, method)
);

CREATE TABLE oauthclient_pendingsignup (
    id_hash TEXT PRIMARY KEY NOT NULL,
    payload TEXT NOT NULL,
    key_id TEXT NOT NULL,
    expires BIGINT NOT NULL
);
CREATE INDEX ix_oauthclient_pendingsignup_expires ON oauthclient_pendingsignup (expires);
