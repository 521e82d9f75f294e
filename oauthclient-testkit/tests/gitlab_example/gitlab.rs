use std::{collections::BTreeMap, sync::Arc};
use oauthclient_core::config::{RemoteAppParams as Params, RemoteAppSettings as Settings};
use oauthclient_core::handlers::{AccountInfoHandler, ApiRequest, ProviderContext};
use oauthclient_core::{AccountInfo, ExternalId, OAuthError, Token, inventory, registry::{Provider, ProviderEntry}};

/// "Sign in with GitLab": GitLab.com's endpoints, the scope `read_user`, and who signed in.
pub struct GitLab;
inventory::submit! { ProviderEntry::new(&GitLab).with_origin(module_path!()) }
impl Provider for GitLab {
    fn id(&self) -> &str { "gitlab" }
    fn defaults(&self) -> Settings {
        let params = Params {
            authorize_url: Some("https://gitlab.com/oauth/authorize".into()),
            access_token_url: Some("https://gitlab.com/oauth/token".into()),
            base_url: Some("https://gitlab.com/api/v4/".into()),
            request_token_params: BTreeMap::from([("scope".into(), "read_user".into())]),
            app_key: Some("GITLAB_APP_CREDENTIALS".into()),
            ..Params::default()
        };
        Settings { title: Some("GitLab".into()), icon: Some("fa fa-gitlab".into()), params, ..Settings::default() }
    }
    fn account_info(&self) -> Option<Arc<dyn AccountInfoHandler>> { Some(Arc::new(GitLab)) }
}

#[async_trait::async_trait]
impl AccountInfoHandler for GitLab { // `GET user`; the e-mail is verified once confirmed
    async fn account_info(&self, ctx: &ProviderContext<'_>, token: &Token) -> Result<AccountInfo, OAuthError> {
        let user: serde_json::Value = ctx.api.send(ApiRequest::get("user").with_token(token.clone())).await?.json(ctx.app)?;
        let no_id = || OAuthError::InvalidResponse { remote: ctx.app.into(), reason: "no id".into() };
        let mut info = AccountInfo::new(ExternalId::new(user["id"].as_u64().ok_or_else(no_id)?.to_string()), ctx.app);
        let text = |key: &str| user[key].as_str().map(str::to_owned);
        (info.username, info.full_name, info.email, info.email_verified) = (text("username"), text("name"), text("email"), user["confirmed_at"].is_string());
        Ok(info)
    }
}
