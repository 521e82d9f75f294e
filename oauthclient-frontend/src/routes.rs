//! The route table: every endpoint once, with its method and path pattern, and the URLs the
//! pages link to, under the site's prefix.
//!
//! Patterns use `{name}` for the one path parameter a route may have — the syntax of both
//! actix-web and axum 0.8 — and are relative to where the adapter is mounted. The URLs the
//! front end writes into pages and redirects carry the public prefix: the path of
//! `site_url` (`https://example.org/auth` → `/auth/oauth/login/github/`). Mount the adapter
//! there (`web::scope("/auth")`, `Router::nest("/auth", ...)`) or behind a proxy that strips
//! it.

use http::Method;

/// What a route does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Endpoint {
    /// `GET /oauth/login/{app}/`: start a flow (a signed-in user gets a confirmation page).
    Login,
    /// `POST /oauth/login/{app}/`: start a flow from a form (CSRF-checked).
    LoginForm,
    /// `GET /oauth/authorized/{app}/`: the provider's redirect back.
    Authorized,
    /// `POST /oauth/authorized/{app}/`: a `response_mode=form_post` response. The
    /// provider's cross-site POST gets a page that re-POSTs it same-origin (the session is
    /// neither read nor written); that second POST is checked like the GET.
    AuthorizedPost,
    /// `GET /oauth/signup/{app}/`: the sign-up form (or the unconfirmed-claim choice).
    SignupForm,
    /// `POST /oauth/signup/{app}/`: the sign-up form submitted.
    SignupSubmit,
    /// `POST /oauth/signup/{app}/continue`: "none of these accounts is mine".
    SignupContinue,
    /// `GET /oauth/disconnect/{app}/`: confirm a disconnect.
    DisconnectConfirm,
    /// `POST /oauth/disconnect/{app}/`: disconnect.
    DisconnectSubmit,
    /// `GET /oauth/logout`: confirm signing out.
    LogoutConfirm,
    /// `POST /oauth/logout`: sign out.
    LogoutSubmit,
    /// `POST /oauth/logout/everywhere`: end every session of the user, this one included.
    LogoutEverywhere,
    /// `POST /oauth/confirm-email/resend`: a new confirmation link.
    ConfirmEmailResend,
    /// `GET /oauth/confirm-email/pending`: back to the link being followed.
    ConfirmEmailPending,
    /// `GET /oauth/confirm-email/{token}`: a confirmation link's page.
    ConfirmEmailPage,
    /// `POST /oauth/confirm-email/{token}`: confirm.
    ConfirmEmailSubmit,
    /// `GET /account/settings/email/`: the address settings.
    EmailSettings,
    /// `POST /account/settings/email/`: change the address.
    EmailChange,
    /// `GET /account/settings/linkedaccounts/`: the linked accounts page.
    LinkedAccounts,
    /// `GET /api/oauth/accounts`: linked accounts as JSON.
    ApiAccounts,
    /// `GET /api/oauth/csrf`: the session's CSRF token.
    ApiCsrf,
    /// `POST /api/oauth/disconnect/{app}`: disconnect, as JSON.
    ApiDisconnect,
    /// `POST /api/oauth/signup/{app}`: the sign-up step, as JSON.
    ApiSignup,
    /// `POST /api/oauth/signup/{app}/continue`: "none of these accounts is mine", as JSON.
    ApiSignupContinue,
    /// `GET /api/oauth/providers`: the visible sign-in methods, for a single-page app's own
    /// sign-in page (public).
    ApiProviders,
    /// `GET /api/oauth/locale`: the request's locale, the enabled locales and the messages
    /// under `[locales] client_prefixes`, for a single-page app's own texts (public).
    ApiLocale,
    /// `GET /api/oauth/session`: whether someone is signed in, who, and their linked accounts.
    ApiSession,
    /// `POST /api/oauth/login/{app}`: begin a login as JSON; answers the provider's
    /// authorization URL.
    ApiLogin,
    /// `POST /api/oauth/logout/everywhere`: end every session of the user, as JSON.
    ApiLogoutEverywhere,
    /// `OPTIONS` on every `/api/oauth/` pattern: the CORS preflight (204 with the allowed
    /// methods and headers for an origin on `cors_origins`, else 403).
    ApiPreflight,
}

/// One route: method, pattern, endpoint.
#[derive(Debug, Clone, Copy)]
pub struct Route {
    /// `GET`, `POST` or `OPTIONS`.
    pub method: RouteMethod,
    /// The path pattern, e.g. `/oauth/login/{app}/`.
    pub pattern: &'static str,
    /// What it does.
    pub endpoint: Endpoint,
}

impl Route {
    /// The name of the route's path parameter (`app`, `token`), if it has one.
    pub fn param_name(&self) -> Option<&'static str> {
        let start = self.pattern.find('{')? + 1;
        let end = self.pattern[start..].find('}')? + start;
        Some(&self.pattern[start..end])
    }
}

/// The methods routes answer (a `const`-friendly subset of [`http::Method`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RouteMethod {
    /// `GET` (and `HEAD`, where the framework adds it).
    Get,
    /// `POST`.
    Post,
    /// `OPTIONS` (the CORS preflight of the JSON API).
    Options,
}

impl From<RouteMethod> for Method {
    fn from(method: RouteMethod) -> Self {
        match method {
            Get => Method::GET,
            Post => Method::POST,
            Options => Method::OPTIONS,
        }
    }
}

const fn route(method: RouteMethod, pattern: &'static str, endpoint: Endpoint) -> Route {
    Route {
        method,
        pattern,
        endpoint,
    }
}

use RouteMethod::{Get, Options, Post};

/// Every route. A fixed path comes before a `{token}` pattern it would also match.
pub const ROUTES: &[Route] = &[
    route(Get, "/oauth/login/{app}/", Endpoint::Login),
    route(Post, "/oauth/login/{app}/", Endpoint::LoginForm),
    route(Get, "/oauth/authorized/{app}/", Endpoint::Authorized),
    route(Post, "/oauth/authorized/{app}/", Endpoint::AuthorizedPost),
    route(Get, "/oauth/signup/{app}/", Endpoint::SignupForm),
    route(Post, "/oauth/signup/{app}/", Endpoint::SignupSubmit),
    route(
        Post,
        "/oauth/signup/{app}/continue",
        Endpoint::SignupContinue,
    ),
    route(Get, "/oauth/disconnect/{app}/", Endpoint::DisconnectConfirm),
    route(Post, "/oauth/disconnect/{app}/", Endpoint::DisconnectSubmit),
    route(Get, "/oauth/logout", Endpoint::LogoutConfirm),
    route(Post, "/oauth/logout", Endpoint::LogoutSubmit),
    route(Post, "/oauth/logout/everywhere", Endpoint::LogoutEverywhere),
    route(
        Post,
        "/oauth/confirm-email/resend",
        Endpoint::ConfirmEmailResend,
    ),
    route(
        Get,
        "/oauth/confirm-email/pending",
        Endpoint::ConfirmEmailPending,
    ),
    route(
        Get,
        "/oauth/confirm-email/{token}",
        Endpoint::ConfirmEmailPage,
    ),
    route(
        Post,
        "/oauth/confirm-email/{token}",
        Endpoint::ConfirmEmailSubmit,
    ),
    route(Get, "/account/settings/email/", Endpoint::EmailSettings),
    route(Post, "/account/settings/email/", Endpoint::EmailChange),
    route(
        Get,
        "/account/settings/linkedaccounts/",
        Endpoint::LinkedAccounts,
    ),
    route(Get, "/api/oauth/accounts", Endpoint::ApiAccounts),
    route(Get, "/api/oauth/csrf", Endpoint::ApiCsrf),
    route(Post, "/api/oauth/disconnect/{app}", Endpoint::ApiDisconnect),
    route(Post, "/api/oauth/signup/{app}", Endpoint::ApiSignup),
    route(
        Post,
        "/api/oauth/signup/{app}/continue",
        Endpoint::ApiSignupContinue,
    ),
    route(Get, "/api/oauth/providers", Endpoint::ApiProviders),
    route(Get, "/api/oauth/locale", Endpoint::ApiLocale),
    route(Get, "/api/oauth/session", Endpoint::ApiSession),
    route(Post, "/api/oauth/login/{app}", Endpoint::ApiLogin),
    route(
        Post,
        "/api/oauth/logout/everywhere",
        Endpoint::ApiLogoutEverywhere,
    ),
    route(Options, "/api/oauth/accounts", Endpoint::ApiPreflight),
    route(Options, "/api/oauth/csrf", Endpoint::ApiPreflight),
    route(
        Options,
        "/api/oauth/disconnect/{app}",
        Endpoint::ApiPreflight,
    ),
    route(Options, "/api/oauth/signup/{app}", Endpoint::ApiPreflight),
    route(
        Options,
        "/api/oauth/signup/{app}/continue",
        Endpoint::ApiPreflight,
    ),
    route(Options, "/api/oauth/providers", Endpoint::ApiPreflight),
    route(Options, "/api/oauth/locale", Endpoint::ApiPreflight),
    route(Options, "/api/oauth/session", Endpoint::ApiPreflight),
    route(Options, "/api/oauth/login/{app}", Endpoint::ApiPreflight),
    route(
        Options,
        "/api/oauth/logout/everywhere",
        Endpoint::ApiPreflight,
    ),
];

/// The URLs pages and redirects use: the library's own under the public prefix, and the
/// host's (home, sign-in) as the host gave them.
#[derive(Debug, Clone)]
pub struct Paths {
    /// The public prefix, without a trailing slash (`""` at the root).
    prefix: String,
    /// Where people land after signing in without a `next`.
    pub(crate) home: String,
}

impl Paths {
    /// Paths under `prefix` (the path of `site_url`; `/` and `""` mean the root).
    pub(crate) fn new(prefix: &str, home: String) -> Self {
        Self {
            prefix: prefix.trim_end_matches('/').to_owned(),
            home,
        }
    }

    /// The public prefix (`""` at the root, else `/auth` without a trailing slash).
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// Where people land after signing in without a `next`.
    pub fn home(&self) -> &str {
        &self.home
    }

    /// A library path under the prefix.
    pub fn at(&self, path: &str) -> String {
        format!("{}{path}", self.prefix)
    }

    /// `/oauth/login/{app}/`.
    pub fn login(&self, app: &str) -> String {
        self.at(&format!("/oauth/login/{app}/"))
    }

    /// `/api/oauth/login/{app}`: begin a login as JSON (a single-page app's sign-in button).
    pub fn api_login(&self, app: &str) -> String {
        self.at(&format!("/api/oauth/login/{app}"))
    }

    /// `/oauth/authorized/{app}/`: the callback (the relay page's form action).
    pub fn authorized(&self, app: &str) -> String {
        self.at(&format!("/oauth/authorized/{app}/"))
    }

    /// `/oauth/signup/{app}/`.
    pub fn signup(&self, app: &str) -> String {
        self.at(&format!("/oauth/signup/{app}/"))
    }

    /// `/oauth/signup/{app}/continue`.
    pub fn signup_continue(&self, app: &str) -> String {
        self.at(&format!("/oauth/signup/{app}/continue"))
    }

    /// `/oauth/disconnect/{app}/`.
    pub fn disconnect(&self, app: &str) -> String {
        self.at(&format!("/oauth/disconnect/{app}/"))
    }

    /// `/oauth/logout`.
    pub fn logout(&self) -> String {
        self.at("/oauth/logout")
    }

    /// `/oauth/logout/everywhere`: end every session of the user.
    pub fn logout_everywhere(&self) -> String {
        self.at("/oauth/logout/everywhere")
    }

    /// `/oauth/confirm-email/{token}`.
    pub fn confirm_email(&self, token: &str) -> String {
        self.at(&format!("/oauth/confirm-email/{token}"))
    }

    /// `/oauth/confirm-email/resend`.
    pub fn resend(&self) -> String {
        self.at("/oauth/confirm-email/resend")
    }

    /// `/oauth/confirm-email/pending`: where a sign-in started on a confirmation page comes
    /// back (the link's token never travels in a `next`).
    pub fn confirm_pending(&self) -> String {
        self.at("/oauth/confirm-email/pending")
    }

    /// `/account/settings/email/`.
    pub fn email_settings(&self) -> String {
        self.at("/account/settings/email/")
    }

    /// `/account/settings/linkedaccounts/`.
    pub fn settings(&self) -> String {
        self.at("/account/settings/linkedaccounts/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_endpoint_has_one_route_and_patterns_have_one_parameter_at_most() {
        let mut seen = std::collections::HashSet::new();
        for route in ROUTES {
            if route.endpoint != Endpoint::ApiPreflight {
                assert!(seen.insert(route.endpoint), "{:?} twice", route.endpoint);
            }
            assert!(route.pattern.matches('{').count() <= 1, "{}", route.pattern);
        }
    }

    #[test]
    fn every_api_pattern_and_only_those_have_a_preflight() {
        let api: std::collections::BTreeSet<_> = ROUTES
            .iter()
            .filter(|route| route.pattern.starts_with("/api/oauth/"))
            .filter(|route| route.method != Options)
            .map(|route| route.pattern)
            .collect();
        let preflights: std::collections::BTreeSet<_> = ROUTES
            .iter()
            .filter(|route| route.method == Options)
            .inspect(|route| assert_eq!(route.endpoint, Endpoint::ApiPreflight))
            .map(|route| route.pattern)
            .collect();
        assert_eq!(api, preflights);
    }

    #[test]
    fn urls_carry_the_public_prefix() {
        let root = Paths::new("/", "/".into());
        assert_eq!(root.login("github"), "/oauth/login/github/");
        let nested = Paths::new("/auth/", "/".into());
        assert_eq!(nested.login("github"), "/auth/oauth/login/github/");
        assert_eq!(nested.settings(), "/auth/account/settings/linkedaccounts/");
        assert_eq!(nested.home(), "/");
        assert_eq!(nested.api_login("github"), "/auth/api/oauth/login/github");
    }
}
