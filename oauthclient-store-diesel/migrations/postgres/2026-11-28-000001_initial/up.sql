-- oauthclient-rs schema, PostgreSQL. Table and column names are fixed: other tools read them.
CREATE TABLE accounts_user (
    id BIGSERIAL PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,             -- NFKC + case-folded
    username TEXT UNIQUE,
    full_name TEXT,
    password_hash TEXT,                     -- NULL: can only sign in through a remote account
    active BOOLEAN NOT NULL DEFAULT TRUE,
    confirmed_at TIMESTAMP,
    created TIMESTAMP NOT NULL,
    updated TIMESTAMP NOT NULL
);

CREATE TABLE oauthclient_remoteaccount (
    id BIGSERIAL PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES accounts_user (id) ON DELETE CASCADE,
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
    id_user BIGINT NOT NULL REFERENCES accounts_user (id) ON DELETE CASCADE,
    created TIMESTAMP NOT NULL,
    PRIMARY KEY (id, method),
    UNIQUE (id_user, method)
);
