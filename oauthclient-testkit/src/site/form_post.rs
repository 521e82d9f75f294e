//! A `response_mode=form_post` sign-in as a browser goes through it: the provider's page
//! POSTs the response cross-site — so without the site's `SameSite=Lax` session cookie — and
//! the site's relay page POSTs it again from the site's own origin, with the cookie.

use super::{Site, location};
use crate::html::form_fields;

/// A form a page would submit: where to, and its fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostedForm {
    /// The absolute URL the form posts to.
    pub action: String,
    /// Its fields, in order.
    pub fields: Vec<(String, String)>,
}

impl PostedForm {
    /// The value of the first field called `name`.
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(field, _)| field == name)
            .map(|(_, value)| value.as_str())
    }

    /// The first form of `page`, its action resolved against `page_url`.
    pub fn of_page(page: &str, page_url: &str) -> Self {
        let (action, fields) =
            form_fields(page).unwrap_or_else(|| panic!("no form in the page:\n{page}"));
        let action = url::Url::parse(page_url)
            .and_then(|base| base.join(&action))
            .unwrap_or_else(|err| panic!("form action {action:?}: {err}"))
            .to_string();
        Self { action, fields }
    }
}

/// A browser of its own without cookies: what a cross-site POST looks like to a site whose
/// session cookie is `SameSite=Lax`.
pub fn cookieless() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

impl<P> Site<P> {
    /// Visits the provider's authorize URL of a `form_post` app: the form its page posts back.
    pub async fn authorize_form_post(
        &self,
        browser: &reqwest::Client,
        authorize_url: &str,
    ) -> PostedForm {
        let response = browser.get(authorize_url).send().await.expect("authorize");
        assert_eq!(
            response.status(),
            200,
            "a form_post provider answers with a page, not a redirect ({})",
            location(&response)
        );
        let page = response.text().await.expect("the provider's page");
        PostedForm::of_page(&page, authorize_url)
    }

    /// POSTs `form` as the provider's page does: cross-site, so without the site's cookies,
    /// and saying so (`Sec-Fetch-Site: cross-site`). The site's answer: its relay page.
    pub async fn post_cross_site(&self, form: &PostedForm) -> reqwest::Response {
        cookieless()
            .post(&form.action)
            .header("sec-fetch-site", "cross-site")
            .form(&form.fields)
            .send()
            .await
            .expect("form_post")
    }

    /// Submits the relay page `page` (at `page_url`) as `browser`, from the site's own origin
    /// (`Sec-Fetch-Site: same-origin`, the session cookie sent).
    pub async fn submit_relay(
        &self,
        browser: &reqwest::Client,
        relay: &PostedForm,
    ) -> reqwest::Response {
        browser
            .post(&relay.action)
            .header("sec-fetch-site", "same-origin")
            .form(&relay.fields)
            .send()
            .await
            .expect("relayed form_post")
    }

    /// The whole `form_post` round trip as `browser`: the login, the provider's page, its
    /// cross-site POST (the relay page, checked to be one), the relayed POST. Returns the
    /// relayed form and the relayed POST's response.
    pub async fn login_form_post(
        &self,
        browser: &reqwest::Client,
        next: Option<&str>,
    ) -> (PostedForm, reqwest::Response) {
        let authorize_url = self.start_login(browser, next).await;
        let posted = self.authorize_form_post(browser, &authorize_url).await;
        let relay_page = self.post_cross_site(&posted).await;
        assert_eq!(relay_page.status(), 200, "the relay page");
        let url = relay_page.url().to_string();
        let page = relay_page.text().await.expect("the relay page");
        let relay = PostedForm::of_page(&page, &url);
        let response = self.submit_relay(browser, &relay).await;
        (relay, response)
    }
}
