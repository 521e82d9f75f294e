//! [`OAuthSessionMiddleware`]: actix-session's middleware with the library's cookie settings,
//! the session lifetimes of `[session]` enforced on every request
//! ([`crate::session_lifetime`]), and a session store outage answered as `503` +
//! `Retry-After` (not a bare 500) without the host having to remember a second middleware.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use actix_session::SessionMiddleware;
use actix_session::storage::SessionStore;
use actix_web::Error;
use actix_web::body::MessageBody;
use actix_web::dev::{Service, ServiceRequest, ServiceResponse, Transform, forward_ready};

use oauthclient_frontend::Runtime;

use crate::lifetime_store::LifetimeStore;
use crate::session_lifetime::{LifetimeService, persist_cookie};
use crate::session_unavailable::store_failure_to_503;

/// The session middleware [`crate::OAuthClient::session_middleware`] returns; `wrap` it on the
/// `App`.
pub struct OAuthSessionMiddleware<St: SessionStore> {
    sessions: SessionMiddleware<LifetimeStore<St>>,
    runtime: Runtime,
    cookie_name: Rc<str>,
}

impl<St: SessionStore> OAuthSessionMiddleware<St> {
    pub(crate) fn new(
        sessions: SessionMiddleware<LifetimeStore<St>>,
        runtime: Runtime,
        cookie_name: String,
    ) -> Self {
        Self {
            sessions,
            runtime,
            cookie_name: cookie_name.into(),
        }
    }
}

impl<St: SessionStore> std::fmt::Debug for OAuthSessionMiddleware<St> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OAuthSessionMiddleware")
            .finish_non_exhaustive()
    }
}

type Sessions<S, St> = <SessionMiddleware<LifetimeStore<St>> as Transform<
    LifetimeService<S>,
    ServiceRequest,
>>::Transform;

impl<S, B, St> Transform<S, ServiceRequest> for OAuthSessionMiddleware<St>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error> + 'static,
    S::Future: 'static,
    B: MessageBody + 'static,
    St: SessionStore + 'static,
{
    type Response = ServiceResponse<B>;
    type Error = Error;
    type Transform = SessionService<Sessions<S, St>>;
    type InitError = ();
    type Future = Pin<Box<dyn Future<Output = Result<Self::Transform, ()>>>>;

    fn new_transform(&self, service: S) -> Self::Future {
        let lifetimes = LifetimeService::new(service, self.runtime.clone());
        let sessions = self.sessions.new_transform(lifetimes);
        let cookie_name = self.cookie_name.clone();
        let runtime = self.runtime.clone();
        Box::pin(async move {
            let inner = sessions.await?;
            Ok(SessionService {
                inner: Rc::new(inner),
                cookie_name,
                runtime,
            })
        })
    }
}

/// The service [`OAuthSessionMiddleware`] builds (plumbing; hosts never name it).
#[doc(hidden)]
pub struct SessionService<Inner> {
    inner: Rc<Inner>,
    cookie_name: Rc<str>,
    runtime: Runtime,
}

impl<Inner, B> Service<ServiceRequest> for SessionService<Inner>
where
    Inner: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error> + 'static,
    B: MessageBody + 'static,
{
    type Response = ServiceResponse<B>;
    type Error = Error;
    type Future = Pin<Box<dyn Future<Output = Result<ServiceResponse<B>, Error>>>>;

    forward_ready!(inner);

    fn call(&self, req: ServiceRequest) -> Self::Future {
        let path = req.path().to_owned();
        // A store failure (when the session is saved, after the handler) answers in the
        // request's language.
        let language = crate::adapter::language_request(req.request());
        let response = self.inner.call(req);
        let cookie_name = self.cookie_name.clone();
        let runtime = self.runtime.clone();
        Box::pin(async move {
            let mut response = response.await.map_err(|err| {
                store_failure_to_503(&path, err, || runtime.session_unavailable_for(&language))
            })?;
            persist_cookie(&mut response, &cookie_name);
            Ok(response)
        })
    }
}
