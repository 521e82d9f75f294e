//! The site's data and mail, for set-up and assertions: users, SQL on the SQLite file,
//! confirmation links.

use oauthclient_core::UserStore;
use oauthclient_core::account::{NewUser, UserId};

use super::Site;

/// A stand-in password hash: the library only stores it (the host verifies passwords).
const PASSWORD_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaA";

impl<P> Site<P> {
    /// A local user (registered with the site, not through the provider), address confirmed;
    /// with `password`, a password too (another way to sign in, so the lock-out guard lets a
    /// disconnect through).
    pub async fn local_user(&self, email: &str, password: bool) -> UserId {
        let user = self
            .store
            .create_user(&NewUser {
                email: email.to_owned(),
                username: None,
                full_name: None,
                confirmed: true,
            })
            .await
            .expect("user");
        if password {
            self.store
                .set_password_hash(&user.id, Some(PASSWORD_HASH.into()))
                .await
                .expect("password");
        }
        user.id
    }

    /// A local account with a password (the host's own sign-up), its address unconfirmed.
    pub async fn password_user(&self, email: &str) -> UserId {
        let user = self
            .store
            .create_user(&NewUser {
                email: email.to_owned(),
                username: None,
                full_name: None,
                confirmed: false,
            })
            .await
            .expect("user");
        self.store
            .set_password_hash(&user.id, Some(PASSWORD_HASH.into()))
            .await
            .expect("password");
        user.id
    }

    fn sqlite(&self) -> diesel::SqliteConnection {
        use diesel::Connection;
        let path = self.db_dir.path().join("site.sqlite");
        diesel::SqliteConnection::establish(&path.display().to_string()).expect("open")
    }

    /// Runs SQL on the site's SQLite file (test set-up the store API does not offer).
    pub fn execute(&self, sql: &str) {
        use diesel::connection::SimpleConnection;
        self.sqlite().batch_execute(sql).expect("execute");
    }

    /// Rows in a table, counted through a fresh SQLite connection.
    pub fn count(&self, table: &str) -> i64 {
        use diesel::RunQueryDsl;
        #[derive(diesel::QueryableByName)]
        struct Count {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            n: i64,
        }
        diesel::sql_query(format!("SELECT COUNT(*) AS n FROM {table}"))
            .get_result::<Count>(&mut self.sqlite())
            .expect("count")
            .n
    }

    /// The confirmation link of the newest message to `to`, as a path on this site.
    pub fn confirmation_path(&self, to: &str) -> String {
        let message = self
            .mailbox
            .messages()
            .into_iter()
            .rev()
            .find(|message| message.to == to)
            .unwrap_or_else(|| panic!("no mail to {to}"));
        confirmation_path_in(&message.text, &self.base)
    }

    /// Follows a confirmation link: the page, then its button. Returns the final response.
    pub async fn confirm(&self, browser: &reqwest::Client, path: &str) -> reqwest::Response {
        let (status, body, csrf) = self.page_with_csrf(browser, path).await;
        if status != 200 {
            return browser.get(self.url(path)).send().await.expect("page");
        }
        assert!(body.contains("Confirm"), "{body}");
        browser
            .post(self.url(path))
            .form(&[("csrf_token", csrf.as_str())])
            .send()
            .await
            .expect("confirm")
    }

    /// The addresses mailed so far, once at least `count` messages arrived (mail sent off
    /// the request path), waiting at most 5 s.
    pub async fn mailed(&self, count: usize) -> Vec<String> {
        for _ in 0..500 {
            if self.mailbox.messages().len() >= count {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
        self.mailbox
            .messages()
            .into_iter()
            .map(|mail| mail.to)
            .collect()
    }
}

/// The `/oauth/confirm-email/...` path in a mail body that links to `base`.
pub fn confirmation_path_in(text: &str, base: &str) -> String {
    text.split_whitespace()
        .find_map(|word| {
            word.strip_prefix(base)
                .filter(|path| path.starts_with("/oauth/confirm-email/"))
        })
        .unwrap_or_else(|| panic!("no confirmation link in {text}"))
        .to_owned()
}
