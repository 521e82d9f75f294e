//! `GET /authorize`: the authorization endpoint (RFC 6749 §4.1.1, RFC 7636 §4.3).
//!
//! The user is always already signed in and answers the consent screen as told
//! ([`crate::Consent`]), so the endpoint redirects straight back to the client — or, asked
//! for `response_mode=form_post`, answers with a page whose form POSTs the response back. Who is signed
//! in is the provider's user, unless the browser carries a [`SIGNED_IN_COOKIE`] naming a
//! [sandbox user](crate::FakeUser::sandbox): that lets many concurrent clients (a load test)
//! each be somebody else. In sandbox mode a checked request shows the login page instead
//! ([`crate::sandbox`]).

use std::sync::Arc;

use axum::extract::State;
use axum::http::header::{COOKIE, HeaderMap};
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use url::Url;

use crate::protocol::{Params, Refusal, ResponseMode, respond};
use crate::sandbox_state::Pending;
use crate::state::Shared;
use crate::user::{Consent, FakeUser};

/// Handles `GET /authorize`.
pub(crate) async fn authorize(
    State(shared): State<Arc<Shared>>,
    uri: Uri,
    headers: HeaderMap,
) -> Result<Response, Refusal> {
    // The raw query, not a map: a repeated parameter must be noticed (RFC 6749 §3.1).
    let params = Params::parse(uri.query().unwrap_or_default().as_bytes());
    shared.lock().authorize_log.push(params.map.clone());

    // Problems with the client or the redirect URI are shown, never redirected (§4.1.2.1).
    if let Some(name @ ("client_id" | "redirect_uri")) = params.repeated.as_deref() {
        return Err(Refusal::invalid_request(&format!(
            "parameter `{name}` is repeated"
        )));
    }
    match params.get("client_id") {
        None => return Err(Refusal::invalid_request("client_id is required")),
        Some(id) if id != shared.client_id => {
            return Err(Refusal::new(
                StatusCode::BAD_REQUEST,
                "invalid_client",
                "unknown client_id",
            ));
        }
        Some(_) => {}
    }
    let raw_redirect = params
        .get("redirect_uri")
        .ok_or_else(|| Refusal::invalid_request("redirect_uri is required"))?;
    let redirect_uri = match Url::parse(raw_redirect) {
        Ok(url) if url.fragment().is_none() && !url.cannot_be_a_base() => url,
        _ => {
            return Err(Refusal::invalid_request(
                "redirect_uri must be an absolute URL without a fragment",
            ));
        }
    };

    // Everything else goes back to the client as an error redirect.
    let state = params.get("state");
    let mode = ResponseMode::of(&params);
    let back = |error: &str, description: &str| {
        Ok(respond(
            mode,
            &redirect_uri,
            &[("error", error), ("error_description", description)],
            state,
        ))
    };
    if let Some(name) = &params.repeated {
        return back(
            "invalid_request",
            &format!("parameter `{name}` is repeated"),
        );
    }
    match params.get("response_type") {
        Some("code") => {}
        Some(_) => return back("unsupported_response_type", "only response_type=code"),
        None => return back("invalid_request", "response_type is required"),
    }
    if state.is_none() {
        return back("invalid_request", "state is required");
    }
    let challenge = match check_pkce(&params) {
        Ok(challenge) => challenge,
        Err(description) => return back("invalid_request", description),
    };

    let mut locked = shared.lock();
    if let Some(error) = locked.authorize_error.clone() {
        drop(locked);
        return back(&error, "The fake provider was told to refuse this request.");
    }
    if shared.interactive {
        drop(locked);
        let pending = Pending::new(
            redirect_uri,
            raw_redirect,
            state,
            challenge,
            params.get("scope"),
        );
        return Ok(crate::sandbox::begin(&shared, pending));
    }
    if locked.consent == Consent::Deny {
        drop(locked);
        return back("access_denied", "The user denied the request.");
    }
    let user = signed_in_as(&headers).unwrap_or_else(|| locked.user.clone());
    let code = locked.issue_code_for(
        user,
        &shared.client_id,
        raw_redirect,
        challenge,
        params.get("scope"),
    );
    let extra = locked.callback_extra.clone();
    drop(locked);
    let mut pairs: Vec<(&str, &str)> = vec![("code", &code)];
    pairs.extend(
        extra
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_str())),
    );
    Ok(respond(mode, &redirect_uri, &pairs, state))
}

/// The name of the cookie that signs a browser in at the provider as
/// [`FakeUser::sandbox`]`(value)` (non-interactive mode).
pub const SIGNED_IN_COOKIE: &str = "testkit_user";

/// The sandbox user named by the [`SIGNED_IN_COOKIE`], if the browser sent one.
fn signed_in_as(headers: &HeaderMap) -> Option<FakeUser> {
    let value = cookie(headers, SIGNED_IN_COOKIE)?;
    let name = value.trim();
    (!name.is_empty()).then(|| FakeUser::sandbox(name))
}

/// The percent-decoded value of the first cookie called `name` in the `Cookie` headers
/// (RFC 6265 §5.4: `name=value` pairs separated by `;`).
fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|header| header.to_str().ok())
        .flat_map(|header| header.split(';'))
        .filter_map(|pair| pair.split_once('='))
        .find(|(key, _)| key.trim() == name)
        .and_then(|(_, value)| {
            percent_encoding::percent_decode_str(value.trim())
                .decode_utf8()
                .ok()
                .map(std::borrow::Cow::into_owned)
        })
}

/// The PKCE challenge, if any: S256 only, 43–128 unreserved characters (RFC 7636 §4.2).
fn check_pkce(params: &Params) -> Result<Option<&str>, &'static str> {
    let Some(challenge) = params.get("code_challenge") else {
        return match params.get("code_challenge_method") {
            Some(_) => Err("code_challenge_method without code_challenge"),
            None => Ok(None),
        };
    };
    match params.get("code_challenge_method") {
        Some("S256") => {}
        Some("plain") | None => return Err("only code_challenge_method=S256 is accepted"),
        Some(_) => return Err("unknown code_challenge_method"),
    }
    if is_pkce_string(challenge) {
        Ok(Some(challenge))
    } else {
        Err("code_challenge must be 43 to 128 unreserved characters")
    }
}

/// RFC 7636's `code-verifier` / `code-challenge` alphabet and length.
pub(crate) fn is_pkce_string(value: &str) -> bool {
    (43..=128).contains(&value.len())
        && value
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || b"-._~".contains(&byte))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pkce_strings() {
        assert!(is_pkce_string(&"a".repeat(43)));
        assert!(!is_pkce_string(&"a".repeat(42)));
        assert!(!is_pkce_string(&"a".repeat(129)));
        assert!(!is_pkce_string(&format!("{}+", "a".repeat(43))));
    }

    #[test]
    fn the_signed_in_cookie_is_found_among_others() {
        let mut headers = HeaderMap::new();
        headers.append(
            COOKIE,
            "a=1; testkit_user=mary%2Djane ".parse().expect("header"),
        );
        headers.append(COOKIE, "testkit_user=second".parse().expect("header"));
        assert_eq!(
            cookie(&headers, SIGNED_IN_COOKIE).as_deref(),
            Some("mary-jane")
        );
        assert_eq!(cookie(&headers, "b"), None);
        assert!(signed_in_as(&HeaderMap::new()).is_none());
    }
}
