//! The tables, as Diesel sees them. Names are fixed: other tools and tests read them.

diesel::table! {
    accounts_user (id) {
        id -> BigInt,
        /// As given (trimmed); `''` when the user lost it to its proven owner.
        email -> Text,
        /// `oauthclient_core::email::mailbox_key(email)` while the address is confirmed
        /// (the account holds the mailbox), UNIQUE; NULL otherwise.
        email_key -> Nullable<Text>,
        /// The mailbox key of the address as given, confirmed or not (indexed, not unique:
        /// unconfirmed claims block no one); NULL without an address.
        claim_key -> Nullable<Text>,
        /// An unconfirmed address this account lost (confirmed by another account, or
        /// expired), until a new one is set.
        ended_claim -> Nullable<Text>,
        username -> Nullable<Text>,
        full_name -> Nullable<Text>,
        password_hash -> Nullable<Text>,
        active -> Bool,
        confirmed_at -> Nullable<Timestamp>,
        /// When the address was last set, in whole seconds.
        email_changed_at -> Timestamp,
        /// When the last confirmation mail went out (the resend cooldown).
        confirmation_sent_at -> Nullable<Timestamp>,
        /// Bumped to end every session of the user.
        session_epoch -> BigInt,
        created -> Timestamp,
        updated -> Timestamp,
    }
}

diesel::table! {
    use diesel::sql_types::{BigInt, Text, Timestamp};
    use crate::json::JsonDocumentType;

    oauthclient_remoteaccount (id) {
        id -> BigInt,
        user_id -> Text,
        client_id -> Text,
        extra_data -> JsonDocumentType,
        created -> Timestamp,
        updated -> Timestamp,
    }
}

diesel::table! {
    oauthclient_remotetoken (id_remote_account, token_type) {
        id_remote_account -> BigInt,
        token_type -> Text,
        access_token -> Text,
        access_token_hash -> Text,
        secret -> Nullable<Text>,
        refresh_token -> Nullable<Text>,
        key_id -> Text,
        scopes -> Text,
        expires -> Nullable<Timestamp>,
        created -> Timestamp,
        updated -> Timestamp,
    }
}

diesel::table! {
    oauthclient_useridentity (id, method) {
        id -> Text,
        method -> Text,
        id_user -> Text,
        created -> Timestamp,
    }
}

diesel::table! {
    oauthclient_pendingsignup (id_hash) {
        /// `PendingSignupId::storage_key`: the SHA-256 of the id the session holds.
        id_hash -> Text,
        /// The sign-up as JSON, sealed.
        payload -> Text,
        key_id -> Text,
        /// Unix seconds.
        expires -> BigInt,
    }
}

diesel::joinable!(oauthclient_remotetoken -> oauthclient_remoteaccount (id_remote_account));

diesel::allow_tables_to_appear_in_same_query!(
    accounts_user,
    oauthclient_remoteaccount,
    oauthclient_remotetoken,
    oauthclient_useridentity,
);
