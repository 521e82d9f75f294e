### oauthclient: Brazilian Portuguese catalog (reference: en.ftl; same ids, attributes and variables).
### Terms: entrar (sign in), sair (sign out), cadastrar-se/cadastro (sign up), vincular (connect),
### desvincular (disconnect), Contas vinculadas (linked accounts), endereço de e-mail,
### link de confirmação. Form of address: "você".

## Shared words

locale-name = Português (Brasil)
page-title-default = Contas
common-back = Voltar
common-cancel = Cancelar
common-list-separator = {", "}

## The connect page: linking a provider while signed in (connect.html)

login-connect-title = Vincular { $provider }
login-connect-heading = Vincular { $provider }?
login-connect-explanation = Você já entrou na sua conta. Se continuar, a conta do { $provider } com que você entrar será vinculada a esta conta.
login-connect-submit = Vincular { $provider }

## Linked accounts (linkedaccounts.html)

linked-accounts-title = Contas vinculadas
linked-accounts-intro = Vincule sua conta a estes serviços para entrar com eles.
linked-accounts-connect = Vincular
linked-accounts-disconnect = Desvincular
linked-accounts-reconnect = Vincular novamente
linked-accounts-reconnect-hint = A autorização salva expirou: entre com { $provider } novamente
linked-accounts-sign-out-everywhere = Sair de todos os dispositivos
linked-accounts-sign-out-everywhere-hint = Encerra todas as sessões da sua conta, em todos os dispositivos, inclusive neste

## Disconnecting a provider (disconnect.html)

disconnect-title = Desvincular { $provider }
disconnect-heading = Desvincular { $provider }?
disconnect-explanation = Você não poderá mais entrar com { $provider }, e excluiremos o acesso que nos foi concedido.
disconnect-submit = Desvincular

## Signing out (logout.html)

logout-title = Sair
logout-heading = Sair?
logout-submit = Sair

## Sign-up step: the provider gave no usable e-mail address (signup.html)

signup-title = Cadastrar-se com { $provider }
signup-intro = O { $provider } não nos informou um endereço de e-mail que possamos usar. Informe um para concluir a criação da sua conta.
signup-email-label = Endereço de e-mail
signup-full-name-label = Nome completo
signup-submit = Cadastrar-se

## Sign-up form errors (shown beside the field)

signup-error-email-missing = Informe seu endereço de e-mail.
signup-error-email-invalid = Informe um endereço de e-mail válido.
signup-error-email-domain = O domínio deste endereço de e-mail não é válido como está escrito (verifique se há caracteres parecidos ou de largura total).
signup-error-email-registered = Este endereço de e-mail já está cadastrado. Entre com ele primeiro e depois vincule sua conta.
signup-error-email-taken = Este endereço de e-mail já está cadastrado.
signup-error-username-taken = Este nome de usuário já está em uso.
signup-error-unconfirmed-claim-first = Existe uma conta com este endereço de e-mail, mas ela nunca foi confirmada: entre nela e vincule, ou continue com uma conta nova.

## "Is this your account?": an unconfirmed account claims the address (unconfirmed_claim.html)

unconfirmed-claim-title = Esta conta é sua?
unconfirmed-claim-intro = Existe aqui uma conta com o endereço { $email }, mas esse endereço nunca foi confirmado.
unconfirmed-claim-mine-heading = É minha
unconfirmed-claim-mine-explanation = Entre nessa conta (com a senha dela) e depois vincule o { $provider } a ela: o { $provider } então confirma o endereço para você.
unconfirmed-claim-mine-sign-in = Entrar na minha conta
unconfirmed-claim-mine-no-login = Entre nela e depois vincule o { $provider } em suas contas vinculadas.
unconfirmed-claim-not-mine-heading = Não é minha
unconfirmed-claim-not-mine-explanation = Continue com uma conta nova e sua para { $email }, na qual você entra com { $provider }. A outra conta perde a reivindicação não confirmada do endereço; ela mantém a senha e será avisada no próximo acesso.
unconfirmed-claim-not-mine-submit = Continuar com uma conta nova

## Following a confirmation link (confirm_email.html)

confirm-email-title = Confirmar um endereço de e-mail
confirm-email-intro = Este link confirma { $email } para esta conta:
confirm-email-account-username = Nome de usuário
confirm-email-account-name = Nome
confirm-email-account-created = Criada em
confirm-email-account-signs-in-with = Entra com
confirm-email-account-password-only = apenas uma senha
confirm-email-not-yours-warning = Se você não criou esta conta, não confirme:
confirm-email-not-yours-explanation = ignore este link e o e-mail em que ele veio. Alguém pode ter digitado seu endereço por engano (ou de propósito); nada acontece sem o titular da conta.
confirm-email-submit-signed-in = Confirmar { $email } para minha conta
confirm-email-other-account = Você entrou em outra conta: este link não é para ela.
confirm-email-holder-only = Somente o titular desta conta pode confirmar o endereço dela.
confirm-email-password-label = Senha desta conta
confirm-email-submit-password = Confirmar { $email }
confirm-email-or-sign-in-with = Ou entre nela com { $providers } e depois confirme.
confirm-email-sign-in-then-confirm = { $link } e depois confirme.
    .link = Entre nesta conta

## "Check your inbox" (confirmation_sent.html)

confirmation-sent-title = Verifique sua caixa de entrada
confirmation-sent-created = Sua conta foi criada. Siga o link que enviamos para seu endereço de e-mail para confirmá-lo e depois entre.
confirmation-sent-created-mail-failed = Sua conta foi criada, mas não foi possível enviar o e-mail de confirmação agora. Peça um novo link abaixo daqui a pouco.
confirmation-sent-resent = Se houver uma conta com este endereço aguardando confirmação, um novo link está a caminho.
confirmation-sent-resend-label = Não recebeu? Enviar um novo link para
confirmation-sent-resend-submit = Enviar um novo link

## E-mail settings (email_settings.html)

email-settings-title = Endereço de e-mail
email-settings-ended-claim = O endereço { $email } não está mais na sua conta: ele nunca foi confirmado, e outra conta o confirmou (ou o prazo para confirmá-lo terminou). Informe abaixo um endereço que você possa confirmar.
email-settings-current = Seu endereço: { $email }
email-settings-confirmed = (confirmado)
email-settings-unconfirmed = (não confirmado)
email-settings-resend-submit = Enviar um novo link de confirmação
email-settings-no-address = Sua conta não tem endereço de e-mail: a pessoa dona do endereço comprovou que ele pertence a ela. Informe outro.
email-settings-new-label = Novo endereço de e-mail
email-settings-change-submit = Alterar endereço

## One-time messages shown on the next page (flashes)

flash-linked = Sua conta do { $provider } agora está vinculada.
flash-disconnected = Sua conta do { $provider } foi desvinculada.
flash-email-confirmed = Seu endereço de e-mail { $email } está confirmado.
flash-confirmation-sent = Enviamos um link de confirmação para { $email }.
flash-confirmation-resent = Enviamos um novo link para { $email }.
flash-already-confirmed = Seu endereço já está confirmado.
flash-resend-cooldown = Um link acabou de ser enviado; aguarde antes de pedir outro.
flash-email-changed = Seu endereço de e-mail foi alterado.
flash-email-changed-mail-failed = Seu endereço foi alterado, mas não foi possível enviar o e-mail de confirmação agora. Peça um novo link daqui a pouco.
flash-signup-mail-failed = Sua conta foi criada, mas não foi possível enviar o e-mail de confirmação. Peça um novo link nas configurações de e-mail.
flash-signed-out-everywhere = Você saiu de todos os dispositivos.
flash-ended-claim = O endereço { $email } não está mais na sua conta: ele nunca foi confirmado, e outra conta o confirmou (ou o prazo para confirmá-lo terminou). Informe um novo endereço nas configurações de e-mail.

## Error pages: headings and messages by kind of failure (error.html)

error-forbidden-heading = Solicitação recusada
error-forbidden = Não foi possível verificar esta solicitação de entrada (ela pode ter expirado ou já ter sido usada). Comece de novo.
error-not-found-heading = Não encontrado
error-not-found = Esse método de entrada não existe.
error-bad-gateway-heading = Falha ao entrar
error-bad-gateway = O { $provider } não respondeu como esperado. Nada foi alterado; tente novamente mais tarde.
error-unavailable-heading = Temporariamente indisponível
error-unavailable = O serviço está temporariamente indisponível. Tente novamente daqui a pouco.
error-misconfigured-heading = Entrada indisponível
error-misconfigured = Este método de entrada não está configurado corretamente. Os administradores foram avisados.
error-conflict-heading = A conta já existe
error-refused-heading = Não permitido
error-bad-request-heading = Algo deu errado
error-malformed-request = Não foi possível ler a solicitação.
error-request-too-large = A solicitação é grande demais.
error-rate-limited-heading = Tentativas demais
error-rate-limited = Tentativas de entrada demais. Aguarde um pouco e tente novamente.
error-sign-in-required-heading = É preciso entrar
error-sign-in-required = Entre para gerenciar suas contas vinculadas.
error-sign-in-link = Entrar
error-resend-label = Enviar um novo link de confirmação para
error-resend-submit = Enviar
error-render-failed-title = Erro
error-render-failed = Não foi possível exibir esta página.
error-conflict = Isto conflita com outra conta. Nada foi alterado.
error-csrf-header = O cabeçalho X-CSRF-Token está ausente ou incorreto.
error-origin-not-allowed = Solicitações desta origem não são permitidas.
error-invalid-state = Parâmetro state inválido.

## Why a sign-in, link or confirmation ended (one per kind of error)

error-rejected = Você recusou a solicitação de autenticação.
error-provider = O { $provider } informou um erro ({ $code }). Tente novamente.
error-unknown-app = Não existe nenhum método de entrada chamado “{ $app }”.
error-already-linked = O serviço externo já está vinculado a outra conta.
error-link-only = O { $provider } só pode ser vinculado a uma conta existente. Entre primeiro.
error-account-disabled = Esta conta está desativada.
error-not-linked = Nenhuma conta do { $provider } está vinculada.
error-reconnect-required = Sua conta do { $provider } precisa ser vinculada novamente.
error-no-signup-in-progress = Nenhum cadastro em andamento com { $provider }. Entre novamente.
error-last-login-method = O { $provider } é sua única forma de entrar. Defina uma senha ou vincule outra conta primeiro.
error-email-in-use = Já existe uma conta com este endereço de e-mail. Entre nela primeiro e depois vincule o { $provider } em Contas vinculadas.
error-signup-closed = O cadastro está fechado: não é possível criar novas contas. Se você já tem uma conta, entre nela.
error-not-in-allowed-group = Sua conta não pertence a nenhum grupo permitido aqui.
error-email-unconfirmed = Confirme seu endereço de e-mail primeiro: siga o link que enviamos ou peça um novo.
error-mail-unavailable = Não foi possível enviar o e-mail de confirmação agora. Tente novamente mais tarde.
error-login-option = Esta solicitação de entrada foi recusada: { $reason }.
error-confirmation-invalid = Este link de confirmação não é válido.
error-confirmation-expired = Este link de confirmação expirou. Peça um novo.
error-confirmation-used = Este link de confirmação já foi usado.
error-confirmation-other-address = Este link de confirmação foi enviado para um endereço diferente do seu endereço atual.
error-confirmation-not-holder = Somente o titular desta conta pode confirmar o endereço dela: entre nela ou digite a senha dela.
error-confirmation-held-by-another = Outra conta confirmou este endereço primeiro.

## Per-login options a request may carry (prompt, login_hint, max_age, acr_values, scope,
## remember). $option is the option's name as sent (e.g. max_age): do not translate it.

login-option-not-allowed = a opção `{ $option }` não é permitida para este método de entrada
login-option-scope-not-allowed = a opção `scope` não pode solicitar `{ $scope }` para este método de entrada
login-option-invalid = `{ $option }` inválido: { $reason }
login-option-repeated = a opção `{ $option }` foi informada mais de uma vez
login-option-reason-prompt-values = use none, login, consent ou select_account, separados por espaços
login-option-reason-prompt-repeated = há um valor repetido
login-option-reason-prompt-none-alone = `none` não pode ser combinado com outros valores
login-option-reason-login-hint = use no máximo { $max } caracteres, sem caracteres de controle
login-option-reason-max-age = use um número inteiro de segundos de 0 a { $max }
login-option-reason-acr-values = use valores imprimíveis separados por espaços, com no máximo { $max } caracteres
login-option-reason-scope-empty = informe pelo menos um scope
login-option-reason-remember = use 1 ou 0

## JSON API messages (beside a stable machine "code")

api-sign-in-required = É preciso entrar.
api-disconnected = Desvinculada com sucesso.
api-signed-up = Cadastro concluído com sucesso.
api-confirmation-required = Conta criada. Confirme o endereço de e-mail pelo link que enviamos e depois entre.
api-invalid-form = Corrija o formulário.
api-error-bad-gateway = O { $provider } não respondeu como esperado.
api-error-unavailable = O serviço está temporariamente indisponível.
api-error-misconfigured = Este método de entrada não está configurado corretamente.

## A REST app's flow result, sent to it as ?message=

rest-authorized = Autorizado com sucesso.
rest-signup-required = São necessárias mais informações para concluir o cadastro.
rest-unconfirmed-claim = Existe uma conta com este endereço de e-mail, mas ela nunca foi confirmada: se for sua, entre nela e vincule novamente; se não for, continue.

## The confirmation mail (email/confirm_subject.txt, confirm.txt, confirm.html)

email-confirm-subject = Confirme seu endereço de e-mail
email-confirm-greeting = Olá,
email-confirm-intro = Alguém criou ou alterou uma conta em { $site } com este endereço de e-mail: { $email }.
email-confirm-account-username = Nome de usuário: { $username }
email-confirm-account-created = Criada em: { $date }
email-confirm-instructions-text = Se esta conta for sua, confirme o endereço abrindo este link (será pedido que você entre na conta ou digite a senha dela):
email-confirm-instructions-html = Se esta conta for sua, confirme o endereço (será pedido que você entre na conta ou digite a senha dela):
email-confirm-link-label = Confirmar o endereço de e-mail da minha conta
email-confirm-expiry =
    { $hours ->
        [one] O link funciona uma única vez e expira em { $hours } hora.
       *[other] O link funciona uma única vez e expira em { $hours } horas.
    }
email-confirm-not-yours-warning = Se você não criou esta conta, ignore esta mensagem e não confirme:
email-confirm-not-yours-explanation = o endereço continua sendo seu, e nada acontece sem o link e a senha da conta.
