//! `POST /api/oauth/logout/everywhere`: every session of the signed-in user ends, this one
//! purged like the normal sign-out.

use super::{unauthorized, verify_write};
use crate::errors::codes;
use crate::handlers::Call;
use crate::handlers::logout::{SIGNED_OUT_EVERYWHERE, end_this_session};
use crate::reply::Reply;

/// `POST /api/oauth/logout/everywhere`: 200 JSON, 401 anonymous, the write checks' 403.
pub(crate) async fn logout_everywhere(call: &mut Call<'_>) -> Reply {
    let user_id = match call.signed_in_id().await {
        Ok(Some(user_id)) => user_id,
        Ok(None) => return unauthorized(call),
        Err(err) => return call.json_error(&err),
    };
    if let Err(err) = verify_write(call) {
        return call.json_error(&err);
    }
    if let Err(err) = call.parts.engine().sign_out_everywhere(&user_id).await {
        return call.json_error(&err);
    }
    end_this_session(call);
    call.json_message(200, codes::SIGNED_OUT_EVERYWHERE, SIGNED_OUT_EVERYWHERE)
}
