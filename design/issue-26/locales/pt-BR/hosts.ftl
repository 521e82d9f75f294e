### Example hosts (demo, axum example app, single-page app): Brazilian Portuguese catalog (reference: en-hosts.ftl).

## The demo: navigation (base.html, oauthclient_base.html)

demo-brand = Demo do oauthclient-rs
demo-nav-home = Início
demo-nav-mailbox = Caixa de correio
demo-nav-email = E-mail
demo-nav-email-unconfirmed = (não confirmado)
demo-nav-sign-in = Entrar
demo-nav-register = Cadastrar-se
demo-nav-sign-out = Sair

## The demo: home page (home.html)

demo-home-welcome = Boas-vindas
demo-home-welcome-name = Boas-vindas, { $name }
demo-home-sign-in-heading = Entrar
demo-home-linked-intro = Serviços vinculados à sua conta e outros que você pode vincular:
demo-home-sign-in-intro = Use uma conta que você já tem:
demo-home-linked = { $provider } vinculado ✓
demo-home-sign-in-with = Entrar com { $provider }
demo-home-password-sign-in = Ou { $link }.
    .link = entre com seu e-mail e senha
demo-home-sandbox = Modo sandbox: o provedor em { $url } é um substituto local; qualquer nome de usuário e senha funcionam.

## The demo: password sign-in and registration (login.html, register.html, local_accounts.rs)

demo-login-title = Entrar
demo-login-identifier-label = Endereço de e-mail ou nome de usuário
demo-login-password-label = Senha
demo-login-submit = Entrar
demo-login-no-account = Não tem conta? { $register } ou entre com um provedor na { $home }.
    .register = Cadastre-se
    .home = página inicial
demo-login-wrong-credentials = Endereço de e-mail ou senha incorretos.
demo-login-email-unconfirmed = Confirme seu endereço de e-mail primeiro: siga o link que enviamos ou peça um novo abaixo.
demo-login-rate-limited =
    { $seconds ->
        [one] Tentativas de entrada demais. Aguarde { $seconds } segundo e tente novamente.
       *[other] Tentativas de entrada demais. Aguarde { $seconds } segundos e tente novamente.
    }
demo-register-title = Cadastrar-se
demo-register-username-label = Nome de usuário (opcional: uma segunda forma de entrar)
demo-register-password-label = Senha (pelo menos { $min } caracteres)
demo-register-submit = Cadastrar-se
demo-register-password-too-short = Escolha uma senha com pelo menos { $min } caracteres.
demo-register-password-unusable = Esta senha não pode ser usada.
demo-register-username-at = Um nome de usuário não pode conter “@” (ele seria lido como um endereço de e-mail).
demo-check-inbox-resend-label = Enviar um novo link para
demo-flash-created = Sua conta foi criada.
demo-flash-created-link-sent = Sua conta foi criada. Enviamos um link para confirmar seu endereço de e-mail.
demo-flash-created-mail-failed = Sua conta foi criada, mas não foi possível enviar o e-mail de confirmação. Peça um novo link em E-mail.
demo-error-form-expired = O formulário expirou; recarregue a página.
demo-not-found = Não encontrado.

## The demo: sandbox mailbox (mailbox.html)

demo-mailbox-title = Caixa de correio do sandbox
demo-mailbox-intro = A demo funciona sem servidor SMTP: os e-mails que ela enviaria ficam guardados aqui, dos mais recentes aos mais antigos, até ela ser encerrada.
demo-mailbox-to = Para:
demo-mailbox-subject = Assunto:
demo-mailbox-empty = Nenhum e-mail ainda.
demo-mailbox-smtp = Os e-mails são enviados pelo servidor SMTP configurado.

## The sandbox sign-in method, shown on the library's pages

app-sandbox-title = Sandbox
app-sandbox-description = Um provedor substituto local: qualquer nome de usuário e senha funcionam.

## The axum example app (examples/axum-app/templates/home.html)

axum-app-brand = oauthclient com axum
axum-app-signed-in-as = Você entrou como { $user }.
axum-app-signed-out = Você não entrou.
axum-app-sign-in-with = Entrar com { $provider }
axum-app-not-found = Não encontrado.

## The single-page app (examples/spa/index.html, app.js)

spa-title = Aplicativo de página única do oauthclient-rs
spa-intro = HTML e JavaScript simples conversando com a API JSON em { $path }.
spa-loading = Carregando…
spa-sign-in-heading = Entrar
spa-signed-out-intro = Você não entrou. Escolha como entrar:
spa-remember-me = Lembrar de mim neste dispositivo
spa-signup-heading = Conclua seu cadastro
spa-signup-full-name-label = Nome completo (opcional)
spa-session-heading = Sua sessão
spa-signed-in-as = Você entrou como { $user }
spa-email-unconfirmed = (endereço de e-mail não confirmado)
spa-sign-out-everywhere-explanation = Encerra todas as sessões da sua conta: neste navegador e em todos os outros dispositivos.
spa-sign-in-with = Entrar com { $provider }
spa-reconnect = Vincular { $provider } novamente
spa-account-connected = Vinculada
spa-account-not-connected = Não vinculada
spa-account-needs-reconnect = Precisa ser vinculada novamente: entre com ela de novo
spa-going-to-provider = Indo para o provedor…
spa-error-network = Não foi possível acessar o servidor (erro de rede ou solicitação entre origens recusada).
spa-error-http = O servidor respondeu HTTP { $status }.
spa-error-detail-status = HTTP { $status }
spa-error-detail-code = código { $code }
spa-error-bad-authorization-url = O servidor respondeu com uma URL de autorização que não é http(s).
spa-field-error = { $field }: { $message }
spa-field-email = Endereço de e-mail
spa-field-full-name = Nome completo
