### The single-page app's static strings (examples/spa), served by GET /api/oauth/locale: pt-BR catalog.

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

## The single-page app: texts the library's pages also show (the same words as the
## library's catalog; the API serves a client only spa-* messages)

spa-language-label = Idioma
spa-signup-submit = Cadastrar-se
spa-linked-accounts-heading = Contas vinculadas
spa-sign-out-heading = Sair
spa-sign-out-everywhere = Sair de todos os dispositivos
spa-connect = Vincular { $provider }
spa-disconnect = Desvincular { $provider }
