//! [`random_token`]: the unguessable strings the provider hands out (codes, tokens, sandbox
//! ids and form tokens). Its own module so that both the provider's state and the sandbox's
//! pending sign-ins, which the state holds, can draw them.

use base64ct::{Base64UrlUnpadded, Encoding};
use rand::RngCore;

/// `prefix` + 256 random bits, base64url.
pub(crate) fn random_token(prefix: &str) -> String {
    let mut bytes = [0_u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    format!("{prefix}{}", Base64UrlUnpadded::encode_string(&bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random() {
        assert_ne!(random_token("x"), random_token("x"));
        assert_eq!(random_token("p_").len(), 2 + 43);
    }
}
