//! Talking to remote apps: the authorization request, the code exchange, and authenticated
//! API calls, over one shared HTTP client with timeouts, no redirects and capped bodies.
//!
//! Built on the `oauth2` crate (typed requests, PKCE S256), `oauth1-request` (RFC 5849
//! signatures) and `reqwest`; none of them leaks into this module's API.

mod api;
mod authorize;
mod client_auth;
mod exchange;
mod http;
mod oauth1;
mod protocol_handler;
mod protocols;
mod refresh;
mod remote_api;
mod remote_client;
mod revoke;

pub use api::HttpApi;
pub use authorize::{AuthorizationRequest, authorization_request};
pub use client_auth::{JWT_BEARER_ASSERTION_TYPE, TokenRequestAuth, token_request_auth};
pub use exchange::{exchange_code, token_from_response};
pub use http::{HttpClient, HttpError, HttpLimits};
pub use protocol_handler::{ProtocolContext, ProtocolHandler};
pub use protocols::{OAuth1Protocol, OAuth2Protocol};
pub use remote_api::{ApiAuth, ApiMethod, ApiRequest, ApiResponse, RemoteApi};
pub use remote_client::{DEFAULT_EXPIRY_LEEWAY_SECS, RemoteClient};
pub(crate) use revoke::revoke_token;
