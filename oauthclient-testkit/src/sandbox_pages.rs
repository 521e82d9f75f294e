//! The sandbox's HTML: a login page, a consent page and an error page.
//!
//! Self-contained (an inline stylesheet, no scripts, no external resources), and every
//! echoed value goes through [`escape`].

use std::fmt::Write as _;

use crate::user::FakeUser;

/// What the login page shows.
pub(crate) struct LoginPage<'a> {
    pub client_name: &'a str,
    pub pending: &'a str,
    pub csrf: &'a str,
    pub username: &'a str,
    pub share_email: bool,
    pub error: Option<&'a str>,
}

/// What the consent page shows.
pub(crate) struct ConsentPage<'a> {
    pub client_name: &'a str,
    pub pending: &'a str,
    pub csrf: &'a str,
    pub user: &'a FakeUser,
    pub scope: Option<&'a str>,
    /// The origin the browser goes back to.
    pub return_to: &'a str,
}

const STYLE: &str = "\
*{box-sizing:border-box}\
body{margin:0;min-height:100vh;display:grid;place-items:center;background:#f3f4f6;color:#111827;\
font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}\
main{width:min(28rem,calc(100% - 2rem));margin:2rem 0;padding:2rem;background:#fff;\
border:1px solid #e5e7eb;border-radius:.75rem;box-shadow:0 1px 3px rgba(0,0,0,.08)}\
h1{font-size:1.375rem;margin:0 0 .25rem}\
h2{font-size:1.05rem;margin:1.25rem 0 .5rem}\
p{margin:.5rem 0}\
.note{margin:0 0 1.25rem;padding:.5rem .75rem;background:#eff6ff;border-radius:.4rem;color:#1e3a8a;\
font-size:.875rem}\
.hint{color:#4b5563;font-size:.875rem}\
label{display:block;font-weight:600;margin:1rem 0 .25rem}\
input[type=text],input[type=password]{width:100%;padding:.55rem .7rem;font:inherit;\
border:1px solid #9ca3af;border-radius:.4rem}\
label.check{display:flex;gap:.5rem;align-items:center;font-weight:400}\
input[type=checkbox]{width:1.1rem;height:1.1rem;margin:0}\
.actions{display:flex;gap:.75rem;margin-top:1.5rem}\
button{font:inherit;font-weight:600;padding:.6rem 1.25rem;border-radius:.4rem;cursor:pointer;\
border:1px solid transparent}\
.primary{background:#1d4ed8;color:#fff}.primary:hover{background:#1e40af}\
.secondary{background:#fff;color:#111827;border-color:#9ca3af}.secondary:hover{background:#f3f4f6}\
:focus-visible{outline:3px solid #93c5fd;outline-offset:2px}\
.error{padding:.6rem .8rem;background:#fef2f2;color:#991b1b;border:1px solid #fecaca;\
border-radius:.4rem}\
ul{margin:.25rem 0;padding-left:1.25rem}\
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em;\
background:#f3f4f6;padding:.05rem .3rem;border-radius:.25rem}";

const NOTE: &str = "<p class=\"note\">This is a local stand-in for a real OAuth provider: \
    nothing leaves this computer, and any password works.</p>";

/// The login page: username, password, "share my e-mail address".
pub(crate) fn login(page: &LoginPage<'_>) -> String {
    let error = page.error.map_or_else(String::new, |message| {
        format!(
            "<p class=\"error\" role=\"alert\" data-testid=\"sandbox-error\">{}</p>",
            escape(message)
        )
    });
    let checked = if page.share_email { " checked" } else { "" };
    let body = format!(
        "<h1>Sandbox provider</h1>{NOTE}\
         <p>Sign in to continue to <strong>{client}</strong>.</p>{error}\
         <form method=\"post\" action=\"/login\">{hidden}\
         <label for=\"username\">Username</label>\
         <input type=\"text\" id=\"username\" name=\"username\" value=\"{username}\" required \
         maxlength=\"39\" autocomplete=\"username\" autocapitalize=\"none\" spellcheck=\"false\" \
         aria-describedby=\"username-hint\" data-testid=\"sandbox-username\">\
         <p class=\"hint\" id=\"username-hint\">Each username is its own account: sign in as \
         someone else to try a second user.</p>\
         <label for=\"password\">Password</label>\
         <input type=\"password\" id=\"password\" name=\"password\" \
         autocomplete=\"current-password\" data-testid=\"sandbox-password\">\
         <label class=\"check\" for=\"share_email\"><input type=\"checkbox\" id=\"share_email\" \
         name=\"share_email\" value=\"yes\"{checked} data-testid=\"sandbox-share-email\">\
         Share my e-mail address</label>\
         <div class=\"actions\"><button type=\"submit\" class=\"primary\" \
         data-testid=\"sandbox-login\">Sign in</button></div></form>",
        client = escape(page.client_name),
        hidden = hidden_fields(page.pending, page.csrf),
        username = escape(page.username),
    );
    layout("Sign in", &body)
}

/// The consent page: who is signed in, what the client asks for, Approve and Deny.
pub(crate) fn consent(page: &ConsentPage<'_>) -> String {
    let user = page.user;
    let email = user
        .email
        .as_deref()
        .map_or_else(|| "e-mail address not shared".to_owned(), escape);
    let mut scopes = String::new();
    for scope in page.scope.unwrap_or_default().split_whitespace() {
        let _ = write!(scopes, "<li><code>{}</code></li>", escape(scope));
    }
    if scopes.is_empty() {
        scopes.push_str("<li>know who you are (no scope was requested)</li>");
    }
    let body = format!(
        "<h1>Sandbox provider</h1>{NOTE}\
         <p data-testid=\"sandbox-user\">Signed in as <strong>{login}</strong> ({email}).</p>\
         <h2><strong>{client}</strong> wants to:</h2>\
         <ul data-testid=\"sandbox-scopes\">{scopes}</ul>\
         <p class=\"hint\">Either answer sends you back to <code>{return_to}</code>.</p>\
         <form method=\"post\" action=\"/consent\">{hidden}\
         <div class=\"actions\">\
         <button type=\"submit\" name=\"decision\" value=\"approve\" class=\"primary\" \
         data-testid=\"sandbox-approve\">Approve</button>\
         <button type=\"submit\" name=\"decision\" value=\"deny\" class=\"secondary\" \
         data-testid=\"sandbox-deny\">Deny</button></div></form>",
        login = escape(&user.login),
        client = escape(page.client_name),
        return_to = escape(page.return_to),
        hidden = hidden_fields(page.pending, page.csrf),
    );
    layout("Authorize", &body)
}

/// An error page.
pub(crate) fn problem(title: &str, message: &str) -> String {
    let body = format!(
        "<h1>Sandbox provider</h1>\
         <h2>{title}</h2><p class=\"error\" role=\"alert\" data-testid=\"sandbox-error\">{message}</p>",
        title = escape(title),
        message = escape(message),
    );
    layout(title, &body)
}

/// The pending request's id and form token.
fn hidden_fields(pending: &str, csrf: &str) -> String {
    format!(
        "<input type=\"hidden\" name=\"pending\" value=\"{}\">\
         <input type=\"hidden\" name=\"csrf_token\" value=\"{}\">",
        escape(pending),
        escape(csrf),
    )
}

fn layout(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"referrer\" content=\"no-referrer\">\
         <title>{title} · Sandbox provider</title><style>{STYLE}</style></head>\
         <body><main>{body}</main></body></html>\n",
        title = escape(title),
    )
}

/// Escapes text for HTML content and double-quoted attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn pages_echo_nothing_raw() {
        let user = FakeUser {
            login: "<i>".into(),
            email: Some("\"@x".into()),
            ..FakeUser::default()
        };
        let html = consent(&ConsentPage {
            client_name: "<script>",
            pending: "p\"",
            csrf: "c",
            user: &user,
            scope: Some("a<b c"),
            return_to: "http://127.0.0.1:1",
        });
        for raw in ["<script>", "<i>", "\"@x", "a<b", "p\""] {
            assert!(!html.contains(raw), "{raw} is escaped");
        }
        assert!(html.contains("<code>a&lt;b</code>"));
        assert!(html.contains("<code>c</code>"));

        let html = login(&LoginPage {
            client_name: "app",
            pending: "p",
            csrf: "c",
            username: "\"><b>",
            share_email: false,
            error: Some("<bad>"),
        });
        assert!(!html.contains("\"><b>") && !html.contains("<bad>"));
        assert!(!html.contains(" checked"));
    }

    #[test]
    fn no_scope_still_says_what_is_shared() {
        let html = consent(&ConsentPage {
            client_name: "app",
            pending: "p",
            csrf: "c",
            user: &FakeUser::default(),
            scope: None,
            return_to: "http://127.0.0.1:1",
        });
        assert!(html.contains("know who you are"));
        assert!(html.contains("octo@example.org"));
    }
}
