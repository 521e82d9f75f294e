//! The demo's own pages: home, and rendering with the flashes, the signed-in user and the
//! request's locale.

use std::sync::Arc;

use actix_web::http::header::{self, ContentType};
use actix_web::{HttpRequest, HttpResponse, web};
use minijinja::Environment;
use oauthclient_core::AccountStore;
use oauthclient_web::frontend::{Localizer, register_template_functions};
use serde_json::json;

use crate::i18n::Texts;
use crate::local_accounts::MIN_PASSWORD_CHARS;
use crate::server::DemoState;

/// The page shell, with the "Mailbox" link only when there is a mailbox page (the offline
/// sandbox): with real providers no page may show confirmation links.
pub fn base_template(has_mailbox: bool) -> String {
    let base = include_str!("../templates/base.html");
    if has_mailbox {
        return base.to_owned();
    }
    base.lines()
        .filter(|line| !line.contains("href=\"/mailbox\""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The demo's templates, with `t()` / `tm()` formatting the catalogs' messages in the page's
/// `locale`.
pub fn templates(
    has_mailbox: bool,
    localizer: &Arc<Localizer>,
) -> Result<Environment<'static>, minijinja::Error> {
    let mut env = Environment::new();
    register_template_functions(&mut env, Arc::clone(localizer));
    env.add_template_owned("base.html", base_template(has_mailbox))?;
    env.add_template("home.html", include_str!("../templates/home.html"))?;
    env.add_template("login.html", include_str!("../templates/login.html"))?;
    env.add_template("register.html", include_str!("../templates/register.html"))?;
    env.add_template("mailbox.html", include_str!("../templates/mailbox.html"))?;
    env.add_template(
        "check_inbox.html",
        include_str!("../templates/check_inbox.html"),
    )?;
    Ok(env)
}

/// Renders `template` in the request's locale with the signed-in user, the flashes and a
/// CSRF token added.
pub async fn render(
    state: &DemoState,
    req: &HttpRequest,
    template: &str,
    context: serde_json::Value,
) -> HttpResponse {
    let texts = Texts::of(&state.localizer, req).await;
    render_in(state, req, &texts, template, context).await
}

/// [`render`] with the request's texts already at hand.
pub async fn render_in(
    state: &DemoState,
    req: &HttpRequest,
    texts: &Texts,
    template: &str,
    mut context: serde_json::Value,
) -> HttpResponse {
    let user = state.oauth.signed_in_user(req).await.ok().flatten();
    if let Some(map) = context.as_object_mut() {
        map.insert("locale".into(), json!(texts.locale()));
        map.insert("min_password_chars".into(), json!(MIN_PASSWORD_CHARS));
        map.insert("user".into(), json!(user));
        map.insert("flashes".into(), json!(state.oauth.take_flashes(req).await));
        map.insert(
            "csrf_token".into(),
            json!(oauthclient_web::csrf_token(req).unwrap_or_default()),
        );
    }
    let html = state
        .templates
        .get_template(template)
        .and_then(|page| page.render(&context));
    match html {
        Ok(html) => HttpResponse::Ok()
            .content_type(ContentType::html())
            .insert_header((header::CONTENT_LANGUAGE, texts.locale().tag()))
            .body(html),
        Err(err) => {
            tracing::error!(template, error = %err, "page failed to render");
            HttpResponse::InternalServerError()
                .content_type(ContentType::plaintext())
                .body(texts.get("error-render-failed"))
        }
    }
}

/// `GET /`: a "Sign in with ..." button per visible app.
pub async fn home(req: HttpRequest, state: web::Data<DemoState>) -> HttpResponse {
    let texts = Texts::of(&state.localizer, &req).await;
    let signed_in = state.oauth.signed_in_user(&req).await.ok().flatten();
    let linked: Vec<String> = match signed_in {
        Some(user) => state
            .store
            .remote_accounts_of(&user.id)
            .await
            .map(|accounts| {
                accounts
                    .into_iter()
                    .map(|account| account.client_id)
                    .collect()
            })
            .unwrap_or_default(),
        None => Vec::new(),
    };
    let apps: Vec<_> = state
        .apps
        .iter()
        .map(|app| {
            json!({
                "name": app.name,
                "title": texts.app_title(&app.name, &app.title),
                "linked": linked.contains(&app.client_id),
            })
        })
        .collect();
    render_in(
        &state,
        &req,
        &texts,
        "home.html",
        json!({"apps": apps, "sandbox_url": state.sandbox_url}),
    )
    .await
}

/// `GET /mailbox`: the sandbox mailbox, what the demo "sent" without an SMTP server.
pub async fn mailbox(req: HttpRequest, state: web::Data<DemoState>) -> HttpResponse {
    let messages: Vec<_> = state
        .mailbox
        .as_ref()
        .map(oauthclient_core::email::MemoryMailbox::messages)
        .unwrap_or_default()
        .into_iter()
        .rev()
        .map(|message| {
            let links: Vec<&str> = message
                .text
                .split_whitespace()
                .filter(|word| word.starts_with("http://") || word.starts_with("https://"))
                .collect();
            json!({"to": message.to, "subject": message.subject, "text": message.text, "links": links})
        })
        .collect();
    render(
        &state,
        &req,
        "mailbox.html",
        json!({"sandbox": state.mailbox.is_some(), "messages": messages}),
    )
    .await
}
