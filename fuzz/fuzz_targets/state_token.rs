//! `state_token`: `StateCodec::decode` / `StateCodec::verify` on arbitrary bytes taken as the
//! callback's `state` parameter.
//!
//! Besides never panicking, it asserts what `oauthclient_core::state` promises:
//! - `decode` only accepts a token whose `header.payload` was signed with one of the codec's
//!   keys (the MAC covers the segments exactly as received), that has not expired and is for
//!   the expected app;
//! - `verify` fails exactly when `decode` fails (with the same error), and a refused token
//!   leaves the session untouched (a forgery does not burn a flow);
//! - an accepted state is single use: it removes its flow, and a second `verify` is `Replayed`.
//!
//! When the input also parses as `StateClaims` JSON, the claims are signed with the codec's
//! current key and verified: the round trip must give the claims back, or exactly `Expired`
//! (checked first) or `WrongApp`, or a session error.

#![no_main]

use libfuzzer_sys::fuzz_target;
use oauthclient_core::state::{StateClaims, StateError};
use oauthclient_fuzz::{APP, OTHER_APP, T0, codec, session, signed_inputs};

fuzz_target!(|data: &[u8]| {
    let token = String::from_utf8_lossy(data);
    check_token(&token);
    if let Ok(claims) = serde_json::from_slice::<StateClaims>(data) {
        check_signed_claims(&claims);
    }
});

fn check_token(token: &str) {
    let codec = codec();
    let decoded = codec.decode(token, APP);
    // The other app's view of the same token must not panic either.
    let _ = codec.decode(token, OTHER_APP);

    if let Ok(claims) = &decoded {
        let signing_input = token.rsplit_once('.').map(|(input, _)| input);
        assert!(
            signing_input.is_some_and(|input| signed_inputs().iter().any(|known| known == input)),
            "decode accepted a token the codec never signed: {token:?}"
        );
        assert_eq!(claims.app, APP);
        assert!(claims.exp > T0, "decode accepted an expired token");
    }

    let fresh = session();
    let mut flows = fresh.clone();
    let verified = codec.verify(token, APP, &mut flows);
    match (&decoded, &verified) {
        (Err(decode_error), Err(verify_error)) => {
            assert_eq!(decode_error, verify_error);
            assert_eq!(flows, fresh, "a refused token changed the session");
        }
        (Err(decode_error), Ok(_)) => {
            panic!("verify accepted what decode refused ({decode_error:?})")
        }
        (Ok(claims), Ok((verified_claims, flow))) => {
            assert_eq!(claims, verified_claims);
            assert_eq!(flow.app, APP);
            assert_eq!(flow.nonce, claims.nonce);
            assert_eq!(flows.len() + 1, fresh.len(), "the flow was not consumed");
            assert_eq!(
                codec.verify(token, APP, &mut flows).err(),
                Some(StateError::Replayed),
                "an accepted state was accepted twice"
            );
        }
        (Ok(_), Err(error)) => assert!(
            matches!(
                error,
                StateError::UnknownNonce | StateError::Replayed | StateError::WrongApp
            ),
            "decode accepted but verify refused with {error:?}"
        ),
    }
}

fn check_signed_claims(claims: &StateClaims) {
    let codec = codec();
    let Ok(token) = codec.sign(claims) else {
        return;
    };
    let decoded = codec.decode(&token, APP);
    if T0 >= claims.exp {
        assert_eq!(decoded, Err(StateError::Expired), "claims {claims:?}");
    } else if claims.app != APP {
        assert_eq!(decoded, Err(StateError::WrongApp), "claims {claims:?}");
    } else {
        assert_eq!(
            decoded.as_ref(),
            Ok(claims),
            "signed claims did not round-trip"
        );
    }
    let mut flows = session();
    let verified = codec.verify(&token, APP, &mut flows);
    if let Ok((verified_claims, flow)) = verified {
        assert_eq!(&verified_claims, claims);
        assert_eq!(flow.nonce, claims.nonce);
        assert_eq!(flow.app, APP);
    }
}
