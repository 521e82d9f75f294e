//! Encryption at rest for token values, and keyed hashes to find a row by its access token.
//!
//! Each value is sealed with XChaCha20-Poly1305 (random 192-bit nonce) under a key derived by
//! HKDF-SHA256 from an application secret; the associated data binds the ciphertext to its
//! column and row, so values cannot be swapped between rows or columns. A row records the id
//! of the key its values are sealed under, so keys can rotate: new writes use the first key,
//! reads use the row's key, and [`crate::DieselStore::rotate_token_keys`] re-seals old rows.

use base64ct::{Base64, Encoding};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use oauthclient_core::secret::SecretKey;
use oauthclient_core::store::StoreError;
use rand::RngCore;
use sha2::Sha256;
use zeroize::Zeroizing;

const AEAD_INFO: &[u8] = b"oauthclient-rs token encryption v1";
const LOOKUP_INFO: &[u8] = b"oauthclient-rs token lookup v1";
const NONCE_LEN: usize = 24;

/// One token encryption key: an id and the two keys derived from its secret.
#[derive(Clone)]
pub struct TokenKey {
    id: String,
    aead_key: Zeroizing<[u8; 32]>,
    lookup_key: Zeroizing<[u8; 32]>,
}

impl std::fmt::Debug for TokenKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenKey")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

impl TokenKey {
    /// Derives the encryption and lookup keys for key id `id` from an application secret.
    pub fn derive(id: impl Into<String>, secret: &SecretKey) -> Self {
        let hkdf = Hkdf::<Sha256>::new(None, secret.expose_secret().as_bytes());
        let mut aead_key = Zeroizing::new([0_u8; 32]);
        let mut lookup_key = Zeroizing::new([0_u8; 32]);
        // 32 bytes is far below HKDF-SHA256's limit; a failure is impossible, and falling back
        // to random keys would only make every value unreadable (fail closed).
        if hkdf.expand(AEAD_INFO, aead_key.as_mut()).is_err()
            || hkdf.expand(LOOKUP_INFO, lookup_key.as_mut()).is_err()
        {
            rand::rngs::OsRng.fill_bytes(aead_key.as_mut());
            rand::rngs::OsRng.fill_bytes(lookup_key.as_mut());
        }
        Self {
            id: id.into(),
            aead_key,
            lookup_key,
        }
    }

    /// The key id stored beside values sealed with this key.
    pub fn id(&self) -> &str {
        &self.id
    }

    fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new(self.aead_key.as_ref().into())
    }

    /// HMAC-SHA256 of an access token under this key's lookup key, base64.
    fn lookup_hash(&self, access_token: &str) -> String {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(self.lookup_key.as_ref())
            .unwrap_or_else(|_| unreachable!("HMAC accepts any key length"));
        mac.update(access_token.as_bytes());
        Base64::encode_string(&mac.finalize().into_bytes())
    }
}

/// The keys a store knows: the first seals new values, every one opens.
#[derive(Debug, Clone)]
pub struct TokenKeys {
    keys: Vec<TokenKey>,
}

/// Which stored value a ciphertext is, bound into its associated data.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Column {
    AccessToken,
    Secret,
    RefreshToken,
    /// A sign-up waiting for its form (`oauthclient_pendingsignup.payload`).
    PendingSignup,
}

impl Column {
    fn name(self) -> &'static str {
        match self {
            Column::AccessToken => "access_token",
            Column::Secret => "secret",
            Column::RefreshToken => "refresh_token",
            Column::PendingSignup => "pending_signup",
        }
    }
}

impl TokenKeys {
    /// A key list, current key first; `None` when empty.
    pub fn new(keys: Vec<TokenKey>) -> Option<Self> {
        (!keys.is_empty()).then_some(Self { keys })
    }

    /// The keys for an oauthclient configuration's `secret_key` / `secret_keys`.
    pub fn from_config(entries: &[oauthclient_core::config::SecretKeyEntry]) -> Option<Self> {
        Self::new(
            entries
                .iter()
                .map(|entry| TokenKey::derive(entry.id.clone(), &entry.secret))
                .collect(),
        )
    }

    /// The key new values are sealed with.
    pub fn current(&self) -> &TokenKey {
        &self.keys[0]
    }

    fn by_id(&self, id: &str) -> Result<&TokenKey, StoreError> {
        self.keys.iter().find(|key| key.id == id).ok_or_else(|| {
            // `default` is the id a lone `secret_key` gets: an operator who rotated by listing
            // that secret under a new id needs to hear where the id came from.
            let hint = if id == "default" {
                " (`default` is the id of `secret_key`: keep the old secret as secret_key or \
                 OAUTHCLIENT_SECRET_KEY beside secret_keys, see docs/key-rotation.md)"
            } else {
                ""
            };
            StoreError::corrupt(format!(
                "a token is encrypted under key id `{id}`, which is not configured{hint}; \
                 add that key back (as a non-current key) or have the user re-link the account"
            ))
        })
    }

    /// Lookup hashes of `access_token` under every key (rows not yet rotated use old keys).
    pub(crate) fn lookup_hashes(&self, access_token: &str) -> Vec<String> {
        self.keys
            .iter()
            .map(|key| key.lookup_hash(access_token))
            .collect()
    }

    /// The lookup hash under the current key.
    pub(crate) fn current_lookup_hash(&self, access_token: &str) -> String {
        self.current().lookup_hash(access_token)
    }

    /// Seals `plaintext` under the current key for `column` of the row (`account`, `token_type`).
    pub(crate) fn seal(
        &self,
        column: Column,
        account: i64,
        token_type: &str,
        plaintext: &str,
    ) -> Result<String, StoreError> {
        let mut nonce = [0_u8; NONCE_LEN];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let aad = associated_data(column, account, token_type);
        let ciphertext = self
            .current()
            .cipher()
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: plaintext.as_bytes(),
                    aad: aad.as_bytes(),
                },
            )
            .map_err(|_| StoreError::corrupt("token encryption failed"))?;
        let mut sealed = Vec::with_capacity(NONCE_LEN + ciphertext.len());
        sealed.extend_from_slice(&nonce);
        sealed.extend_from_slice(&ciphertext);
        Ok(Base64::encode_string(&sealed))
    }

    /// Opens a value sealed under key `key_id`; a wrong key, a moved or altered value is a
    /// [`StoreError::corrupt`], never garbage.
    pub(crate) fn open(
        &self,
        key_id: &str,
        column: Column,
        account: i64,
        token_type: &str,
        sealed: &str,
    ) -> Result<Zeroizing<String>, StoreError> {
        let key = self.by_id(key_id)?;
        let unreadable = || {
            StoreError::corrupt(format!(
                "the stored {} of remote account {account} cannot be decrypted with key `{key_id}`",
                column.name()
            ))
        };
        let sealed = Base64::decode_vec(sealed).map_err(|_| unreadable())?;
        if sealed.len() < NONCE_LEN {
            return Err(unreadable());
        }
        let (nonce, ciphertext) = sealed.split_at(NONCE_LEN);
        let aad = associated_data(column, account, token_type);
        let plaintext = key
            .cipher()
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: ciphertext,
                    aad: aad.as_bytes(),
                },
            )
            .map_err(|_| unreadable())?;
        String::from_utf8(plaintext)
            .map(Zeroizing::new)
            .map_err(|_| unreadable())
    }
}

fn associated_data(column: Column, account: i64, token_type: &str) -> String {
    format!(
        "oauthclient_remotetoken.{}:{account}:{token_type}",
        column.name()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(ids: &[(&str, &str)]) -> TokenKeys {
        TokenKeys::new(
            ids.iter()
                .map(|(id, secret)| TokenKey::derive(*id, &SecretKey::new(*secret)))
                .collect(),
        )
        .expect("non-empty")
    }

    #[test]
    fn the_first_key_is_current() {
        assert!(TokenKeys::new(Vec::new()).is_none());
        let keys = keys(&[
            ("new", "a-very-long-random-secret-of-32+bytes"),
            ("old", "another-long-random-secret-of-32+bytes"),
        ]);
        assert_eq!(keys.current().id(), "new");
    }

    #[test]
    fn config_entries_keep_their_ids_and_order() {
        use oauthclient_core::config::SecretKeyEntry;
        use oauthclient_core::state::StateAlgorithm;
        let entry = |id: &str| SecretKeyEntry {
            id: id.into(),
            secret: SecretKey::new("a-very-long-random-secret-of-32+bytes"),
            algorithm: StateAlgorithm::Hs256,
        };
        assert!(TokenKeys::from_config(&[]).is_none());
        let keys = TokenKeys::from_config(&[entry("2026-12"), entry("default")]).expect("two keys");
        assert_eq!(keys.current().id(), "2026-12");
    }

    const ONE: (&str, &str) = ("k1", "first-secret-first-secret-first-secret");
    const TWO: (&str, &str) = ("k2", "second-secret-second-secret-second-se");

    #[test]
    fn seal_then_open() {
        let keys = keys(&[ONE]);
        let sealed = keys
            .seal(Column::AccessToken, 7, "", "gho_secret")
            .expect("seal");
        assert!(!sealed.contains("gho_secret"));
        let opened = keys
            .open("k1", Column::AccessToken, 7, "", &sealed)
            .expect("open");
        assert_eq!(opened.as_str(), "gho_secret");
    }

    #[test]
    fn same_plaintext_seals_differently() {
        let keys = keys(&[ONE]);
        let a = keys.seal(Column::AccessToken, 7, "", "x").expect("seal");
        let b = keys.seal(Column::AccessToken, 7, "", "x").expect("seal");
        assert_ne!(a, b);
    }

    #[test]
    fn values_are_bound_to_their_row_and_column() {
        let keys = keys(&[ONE]);
        let sealed = keys.seal(Column::AccessToken, 7, "", "t").expect("seal");
        assert!(
            keys.open("k1", Column::RefreshToken, 7, "", &sealed)
                .is_err()
        );
        assert!(
            keys.open("k1", Column::AccessToken, 8, "", &sealed)
                .is_err()
        );
        assert!(
            keys.open("k1", Column::AccessToken, 7, "login", &sealed)
                .is_err()
        );
    }

    #[test]
    fn altered_or_truncated_values_are_errors() {
        let keys = keys(&[ONE]);
        let sealed = keys.seal(Column::Secret, 1, "", "s").expect("seal");
        let mut bytes = Base64::decode_vec(&sealed).expect("base64");
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        let altered = Base64::encode_string(&bytes);
        assert!(keys.open("k1", Column::Secret, 1, "", &altered).is_err());
        assert!(keys.open("k1", Column::Secret, 1, "", "AAAA").is_err());
        assert!(
            keys.open("k1", Column::Secret, 1, "", "not base64!")
                .is_err()
        );
    }

    #[test]
    fn old_keys_open_and_removed_keys_are_a_clear_error() {
        let sealed = keys(&[ONE])
            .seal(Column::AccessToken, 1, "", "t")
            .expect("seal");
        let rotated = keys(&[TWO, ONE]);
        assert_eq!(
            rotated
                .open("k1", Column::AccessToken, 1, "", &sealed)
                .expect("open")
                .as_str(),
            "t"
        );
        let removed = keys(&[TWO]);
        let err = removed
            .open("k1", Column::AccessToken, 1, "", &sealed)
            .expect_err("gone");
        assert!(err.message().contains("`k1`"), "{err}");
        assert_eq!(err.kind(), oauthclient_core::store::StoreErrorKind::Corrupt);
    }

    #[test]
    fn a_missing_default_key_points_at_secret_key() {
        let sealed = keys(&[("default", ONE.1)])
            .seal(Column::AccessToken, 1, "", "t")
            .expect("seal");
        let err = keys(&[TWO])
            .open("default", Column::AccessToken, 1, "", &sealed)
            .expect_err("gone");
        assert!(err.message().contains("OAUTHCLIENT_SECRET_KEY"), "{err}");
        // Other ids get no such hint.
        let err = keys(&[TWO])
            .open("k1", Column::AccessToken, 1, "", &sealed)
            .expect_err("gone");
        assert!(!err.message().contains("secret_key"), "{err}");
    }

    #[test]
    fn lookup_hashes_are_keyed_and_stable() {
        let one = keys(&[ONE]);
        assert_eq!(one.current_lookup_hash("t"), one.current_lookup_hash("t"));
        assert_ne!(
            one.current_lookup_hash("t"),
            keys(&[TWO]).current_lookup_hash("t")
        );
        assert_eq!(
            keys(&[TWO, ONE]).lookup_hashes("t")[1],
            one.current_lookup_hash("t")
        );
    }
}
