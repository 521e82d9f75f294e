//! The app: its own login pages and session, plus oauthclient-web's routes wired to the
//! app's users (the only OAuth-specific code is [`OwnUsersApp::start`] and [`AppSession`]).

use std::fmt::Write as _;
use std::sync::Arc;

use actix_session::SessionExt;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use oauthclient_core::account::{User, UserId};
use oauthclient_core::error::BuildError;
use oauthclient_core::next_url::safe_next_url;
use oauthclient_core::registry::Registry;
use oauthclient_core::store::StoreError;
use oauthclient_core::{OAuthClientConfig, OAuthError};
use oauthclient_store_diesel::{DieselStore, StoreOptions, TokenKeys, UsersTable};
use oauthclient_web::{CurrentUser, OAuthClient, Request, SessionData, csrf_token, verify_csrf};
use serde::Deserialize;

use crate::users::{AppUsers, UserRow};

/// The app's session key for the signed-in user: the app's, not the library's.
const SESSION_USER: &str = "uid";

/// The app's sign-in glue: oauthclient-web asks it who is signed in and signs users in and
/// out the way the app's own login does.
#[derive(Debug, Clone, Copy, Default)]
pub struct AppSession;

impl AppSession {
    /// The app's own sign-in (its password form): a new session id, then the user's id.
    fn sign_in_id(req: &HttpRequest, id: &str) -> Result<(), String> {
        let session = req.get_session();
        // A new session id at every sign-in: no session fixation.
        session.renew();
        session
            .insert(SESSION_USER, id)
            .map_err(|err| err.to_string())
    }

    /// Who is signed in, read by the app's own pages.
    fn signed_in(req: &HttpRequest) -> Option<String> {
        req.get_session().get::<String>(SESSION_USER).ok().flatten()
    }
}

/// The same session, as oauthclient's front end sees it (the session as data: whatever
/// framework serves the app).
impl CurrentUser for AppSession {
    fn user_id(&self, _request: &Request, session: &SessionData) -> Option<UserId> {
        session.get::<String>(SESSION_USER).map(UserId::new)
    }

    fn sign_in(
        &self,
        _request: &Request,
        session: &mut SessionData,
        user: &User,
        _remember: bool,
    ) -> Result<(), OAuthError> {
        // A new session id at every sign-in: no session fixation.
        session.renew();
        session.insert(SESSION_USER, user.id.as_str());
        Ok(())
    }

    fn sign_out(&self, _request: &Request, session: &mut SessionData) {
        session.remove(SESSION_USER);
        session.renew();
    }

    fn login_url(&self) -> Option<&str> {
        Some("/login")
    }

    fn session_keys(&self) -> Vec<String> {
        vec![SESSION_USER.to_owned()]
    }
}

/// Why the app could not start.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StartError {
    /// The configuration has no usable secret key for token encryption.
    #[error("the configuration has no secret key to encrypt tokens with")]
    NoTokenKey,
    /// The database could not be opened or migrated.
    #[error("database: {0}")]
    Store(#[from] StoreError),
    /// The OAuth client could not be built.
    #[error("oauth client: {0}")]
    Client(#[from] BuildError),
}

/// The running app's parts.
#[derive(Clone)]
pub struct OwnUsersApp {
    /// oauthclient-web, configured with the app's users.
    pub oauth: OAuthClient,
    /// The app's users table.
    pub users: AppUsers,
    /// oauthclient-rs's tables (remote accounts, tokens, identities) in the same database.
    pub store: Arc<DieselStore>,
    /// The remote apps to offer on the login page: (name, title).
    providers: Arc<Vec<(String, String)>>,
}

impl OwnUsersApp {
    /// Opens the app's users table and oauthclient-rs's tables (created with
    /// [`UsersTable::Host`]: no users table of the library's, user ids are the app's UUIDs)
    /// in `database_url`, and builds the OAuth client on them.
    pub async fn start(
        config: OAuthClientConfig,
        registry: Registry,
        database_url: &str,
    ) -> Result<Self, StartError> {
        let url = database_url.to_owned();
        let users = tokio::task::spawn_blocking(move || AppUsers::connect(&url))
            .await
            .map_err(|err| StoreError::unavailable(err.to_string()))??;
        let providers = config
            .remote_apps
            .values()
            .filter(|app| !app.hide)
            .map(|app| (app.name.clone(), app.title.clone()))
            .collect();
        let keys = TokenKeys::from_config(&config.secret_keys).ok_or(StartError::NoTokenKey)?;
        let options = StoreOptions {
            users_table: UsersTable::Host,
            ..StoreOptions::default()
        };
        let store = Arc::new(DieselStore::connect(database_url, keys, options).await?);
        let oauth = OAuthClient::builder(config, registry)
            .accounts(store.clone())
            .user_directory(Arc::new(users.clone()))
            .current_user(Arc::new(AppSession))
            .build()?;
        Ok(Self {
            oauth,
            users,
            store,
            providers: Arc::new(providers),
        })
    }

    /// The app's routes and oauthclient-web's.
    pub fn configure(&self) -> impl FnOnce(&mut web::ServiceConfig) + use<> {
        let oauth = self.oauth.configure();
        let users = web::Data::new(self.users.clone());
        let providers = web::Data::from(self.providers.clone());
        move |cfg| {
            cfg.app_data(users)
                .app_data(providers)
                .route("/", web::get().to(home))
                .route("/whoami", web::get().to(whoami))
                .route("/login", web::get().to(login_page))
                .route("/login", web::post().to(login))
                .route("/register", web::post().to(register));
            oauth(cfg);
        }
    }
}

/// The home page. Sign-out is oauthclient-web's `/oauth/logout` (a confirmation page whose
/// CSRF-checked form signs out through [`AppSession`]): no route of the app's own.
async fn home(req: HttpRequest) -> HttpResponse {
    let who = AppSession::signed_in(&req);
    let body = match who {
        Some(id) => format!(
            "<p>Signed in as {id}.</p>\
             <p><a href=\"/account/settings/linkedaccounts/\">Linked accounts</a> · \
             <a href=\"/oauth/logout\">Sign out</a></p>"
        ),
        None => "<p><a href=\"/login\">Sign in</a></p>".to_owned(),
    };
    html(&body)
}

/// The signed-in user's UUID, or `anonymous` (what the tests read).
async fn whoami(req: HttpRequest) -> HttpResponse {
    let who = AppSession::signed_in(&req);
    HttpResponse::Ok().body(who.unwrap_or_else(|| "anonymous".to_owned()))
}

#[derive(Deserialize)]
struct NextQuery {
    next: Option<String>,
}

async fn login_page(
    req: HttpRequest,
    providers: web::Data<Vec<(String, String)>>,
    query: web::Query<NextQuery>,
) -> HttpResponse {
    let Ok(csrf) = csrf_token(&req) else {
        return HttpResponse::ServiceUnavailable().body("sessions are unavailable");
    };
    let next = escape(query.next.as_deref().unwrap_or("/"));
    let mut with_providers = String::new();
    for (name, title) in providers.iter() {
        let _ = write!(
            with_providers,
            "<p><a href=\"/oauth/login/{}/\">Sign in with {}</a></p>",
            escape(name),
            escape(title)
        );
    }
    html(&format!(
        "<form method=\"post\" action=\"/login\">\
         <input type=\"hidden\" name=\"csrf_token\" value=\"{csrf}\">\
         <input type=\"hidden\" name=\"next\" value=\"{next}\">\
         <input name=\"email\" type=\"email\"> <input name=\"password\" type=\"password\">\
         <button>Sign in</button></form>{with_providers}"
    ))
}

#[derive(Deserialize)]
struct Credentials {
    email: String,
    password: String,
    csrf_token: Option<String>,
    next: Option<String>,
}

/// A form without this session's CSRF token is refused: no login CSRF.
fn refuse_forged(req: &HttpRequest, form: &Credentials) -> Option<HttpResponse> {
    verify_csrf(req, form.csrf_token.as_deref())
        .is_err()
        .then(|| HttpResponse::Forbidden().body("the form expired: reload the page"))
}

async fn login(
    req: HttpRequest,
    users: web::Data<AppUsers>,
    form: web::Form<Credentials>,
) -> HttpResponse {
    if let Some(refused) = refuse_forged(&req, &form) {
        return refused;
    }
    match users.verify_password(&form.email, &form.password).await {
        Ok(Some(user)) => signed_in(&req, &user, form.next.as_deref()),
        Ok(None) => HttpResponse::Unauthorized().body("wrong e-mail address or password"),
        Err(err) => unavailable(&err),
    }
}

async fn register(
    req: HttpRequest,
    users: web::Data<AppUsers>,
    form: web::Form<Credentials>,
) -> HttpResponse {
    if let Some(refused) = refuse_forged(&req, &form) {
        return refused;
    }
    match users.register(&form.email, &form.password).await {
        Ok(user) => signed_in(&req, &user, form.next.as_deref()),
        Err(err) if err.is_conflict() => HttpResponse::Conflict().body(err.message().to_owned()),
        Err(err) => unavailable(&err),
    }
}

fn signed_in(req: &HttpRequest, user: &UserRow, next: Option<&str>) -> HttpResponse {
    if let Err(reason) = AppSession::sign_in_id(req, &user.id) {
        tracing::error!(%reason, "sign-in failed");
        return HttpResponse::ServiceUnavailable().body("sessions are unavailable");
    }
    // Only local paths: the app's login must not become an open redirect.
    let next = next
        .and_then(|next| safe_next_url(next, &[]).ok())
        .unwrap_or_else(|| "/".to_owned());
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, next))
        .finish()
}

fn unavailable(err: &StoreError) -> HttpResponse {
    tracing::error!(error = %err, "users table unavailable");
    HttpResponse::ServiceUnavailable()
        .insert_header((header::RETRY_AFTER, "5"))
        .body("the service is temporarily unavailable")
}

fn html(body: &str) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(format!("<!doctype html><title>Own users</title>{body}"))
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
