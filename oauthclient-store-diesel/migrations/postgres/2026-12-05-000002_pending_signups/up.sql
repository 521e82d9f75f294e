-- Sign-ups waiting for their form (oauthclient_core::pending_signup): the account info and
-- token a callback got, sealed like tokens (AEAD under `key_id`, bound to the row), filed
-- under the SHA-256 of the random id the session holds. Short-lived: rows past `expires`
-- (Unix seconds) are purged whenever a new one is saved.
CREATE TABLE oauthclient_pendingsignup (
    id_hash TEXT PRIMARY KEY NOT NULL,
    payload TEXT NOT NULL,
    key_id TEXT NOT NULL,
    expires BIGINT NOT NULL
);
CREATE INDEX ix_oauthclient_pendingsignup_expires ON oauthclient_pendingsignup (expires);
