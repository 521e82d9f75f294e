### The demo's own pages (oauthclient-demo): pt-BR catalog.

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
