### oauthclient: Simplified Chinese catalog (reference: en.ftl; same ids, attributes and variables).
### Terms: 登录 (sign in), 退出登录 (sign out), 注册 (sign up), 关联 (connect),
### 解除关联 (disconnect), 已关联的账户 (linked accounts), 账户 (account), 邮箱地址,
### 确认链接. Plurals: only "other".

## Shared words

locale-name = 简体中文
page-title-default = 账户
common-back = 返回
common-cancel = 取消
common-list-separator = {"、"}

## The connect page: linking a provider while signed in (connect.html)

login-connect-title = 关联 { $provider }
login-connect-heading = 要关联 { $provider } 吗？
login-connect-explanation = 你已登录。继续后，你用于登录的 { $provider } 账户将与此账户关联。
login-connect-submit = 关联 { $provider }

## Linked accounts (linkedaccounts.html)

linked-accounts-title = 已关联的账户
linked-accounts-intro = 将你的账户与这些服务关联，即可使用它们登录。
linked-accounts-connect = 关联
linked-accounts-disconnect = 解除关联
linked-accounts-reconnect = 重新关联
linked-accounts-reconnect-hint = 已保存的授权已过期：请重新使用 { $provider } 登录
linked-accounts-sign-out-everywhere = 在所有设备上退出登录
linked-accounts-sign-out-everywhere-hint = 结束你的账户在所有设备上的全部会话，包括当前设备

## Disconnecting a provider (disconnect.html)

disconnect-title = 解除关联 { $provider }
disconnect-heading = 要解除与 { $provider } 的关联吗？
disconnect-explanation = 你将无法再使用 { $provider } 登录，我们也会删除此前获得的访问权限。
disconnect-submit = 解除关联

## Signing out (logout.html)

logout-title = 退出登录
logout-heading = 要退出登录吗？
logout-submit = 退出登录

## Sign-up step: the provider gave no usable e-mail address (signup.html)

signup-title = 使用 { $provider } 注册
signup-intro = { $provider } 没有提供可用的邮箱地址。请输入一个邮箱地址以完成账户创建。
signup-email-label = 邮箱地址
signup-full-name-label = 姓名
signup-submit = 注册

## Sign-up form errors (shown beside the field)

signup-error-email-missing = 请输入你的邮箱地址。
signup-error-email-invalid = 请输入有效的邮箱地址。
signup-error-email-domain = 此邮箱地址的域名按当前写法无效（请检查是否有形近字符或全角字符）。
signup-error-email-registered = 此邮箱地址已被注册。请先用它登录，然后再关联你的账户。
signup-error-email-taken = 此邮箱地址已被注册。
signup-error-username-taken = 此用户名已被占用。
signup-error-unconfirmed-claim-first = 已存在使用此邮箱地址的账户，但该地址从未确认：请登录该账户并进行关联，或使用新账户继续。

## "Is this your account?": an unconfirmed account claims the address (unconfirmed_claim.html)

unconfirmed-claim-title = 这是你的账户吗？
unconfirmed-claim-intro = 此处已存在地址为 { $email } 的账户，但该地址从未确认。
unconfirmed-claim-mine-heading = 是我的
unconfirmed-claim-mine-explanation = 请（使用密码）登录该账户，然后将 { $provider } 关联到该账户：{ $provider } 随后会为你确认该地址。
unconfirmed-claim-mine-sign-in = 登录我的账户
unconfirmed-claim-mine-no-login = 请登录该账户，然后在“已关联的账户”中关联 { $provider }。
unconfirmed-claim-not-mine-heading = 不是我的
unconfirmed-claim-not-mine-explanation = 为 { $email } 创建一个属于你自己的新账户并继续，使用 { $provider } 登录。另一个账户将失去对该地址的未确认认领；它的密码保持不变，并会在下次登录时收到通知。
unconfirmed-claim-not-mine-submit = 使用新账户继续

## Following a confirmation link (confirm_email.html)

confirm-email-title = 确认邮箱地址
confirm-email-intro = 此链接用于为此账户确认 { $email }：
confirm-email-account-username = 用户名
confirm-email-account-name = 姓名
confirm-email-account-created = 创建时间
confirm-email-account-signs-in-with = 登录方式
confirm-email-account-password-only = 仅密码
confirm-email-not-yours-warning = 如果此账户不是你创建的，请不要确认：
confirm-email-not-yours-explanation = 请忽略此链接及其所在的邮件。可能有人误填了（或故意填写了）你的地址；没有账户持有人的操作，什么都不会发生。
confirm-email-submit-signed-in = 为我的账户确认 { $email }
confirm-email-other-account = 你已登录另一个账户：此链接不适用于该账户。
confirm-email-holder-only = 只有此账户的持有人才能确认其地址。
confirm-email-password-label = 此账户的密码
confirm-email-submit-password = 确认 { $email }
confirm-email-or-sign-in-with = 或使用 { $providers } 登录该账户，然后确认。
confirm-email-sign-in-then-confirm = { $link }，然后确认。
    .link = 登录此账户

## "Check your inbox" (confirmation_sent.html)

confirmation-sent-title = 请查收邮件
confirmation-sent-created = 你的账户已创建。请打开我们发送到你邮箱的链接以确认地址，然后登录。
confirmation-sent-created-mail-failed = 你的账户已创建，但暂时无法发送确认邮件。请稍后在下方申请新的链接。
confirmation-sent-resent = 如果有使用此地址的账户正在等待确认，新的链接已在发送途中。
confirmation-sent-resend-label = 没有收到？重新发送链接至
confirmation-sent-resend-submit = 发送新链接

## E-mail settings (email_settings.html)

email-settings-title = 邮箱地址
email-settings-ended-claim = 地址 { $email } 已不再属于你的账户：它从未确认，且另一个账户已确认了它（或确认期限已过）。请在下方设置一个你能确认的地址。
email-settings-current = 你的地址：{ $email }
email-settings-confirmed = （已确认）
email-settings-unconfirmed = （未确认）
email-settings-resend-submit = 发送新的确认链接
email-settings-no-address = 你的账户没有邮箱地址：该地址的所有者已证明地址归其所有。请设置另一个地址。
email-settings-new-label = 新邮箱地址
email-settings-change-submit = 更改地址

## One-time messages shown on the next page (flashes)

flash-linked = 你的 { $provider } 账户已关联。
flash-disconnected = 你的 { $provider } 账户已解除关联。
flash-email-confirmed = 你的邮箱地址 { $email } 已确认。
flash-confirmation-sent = 我们已向 { $email } 发送确认链接。
flash-confirmation-resent = 我们已向 { $email } 发送新的链接。
flash-already-confirmed = 你的地址已经确认。
flash-resend-cooldown = 刚刚已发送过链接；请稍候再申请新的链接。
flash-email-changed = 你的邮箱地址已更改。
flash-email-changed-mail-failed = 你的地址已更改，但暂时无法发送确认邮件。请稍后申请新的链接。
flash-signup-mail-failed = 你的账户已创建，但无法发送确认邮件。请在邮箱设置中申请新的链接。
flash-signed-out-everywhere = 你已在所有设备上退出登录。
flash-ended-claim = 地址 { $email } 已不再属于你的账户：它从未确认，且另一个账户已确认了它（或确认期限已过）。请在邮箱设置中设置新地址。

## Error pages: headings and messages by kind of failure (error.html)

error-forbidden-heading = 请求被拒绝
error-forbidden = 无法验证此登录请求（它可能已过期或已被使用）。请重新开始。
error-not-found-heading = 未找到
error-not-found = 不存在这种登录方式。
error-bad-gateway-heading = 登录失败
error-bad-gateway = { $provider } 未按预期响应。未做任何更改；请稍后重试。
error-unavailable-heading = 暂时不可用
error-unavailable = 服务暂时不可用。请稍后重试。
error-misconfigured-heading = 无法登录
error-misconfigured = 此登录方式配置不正确。已通知管理员。
error-conflict-heading = 账户已存在
error-refused-heading = 不允许
error-bad-request-heading = 操作未成功
error-malformed-request = 无法读取该请求。
error-request-too-large = 请求过大。
error-rate-limited-heading = 尝试次数过多
error-rate-limited = 登录尝试次数过多。请稍候再试。
error-sign-in-required-heading = 需要登录
error-sign-in-required = 请登录以管理已关联的账户。
error-sign-in-link = 登录
error-resend-label = 重新发送确认链接至
error-resend-submit = 发送
error-render-failed-title = 错误
error-render-failed = 无法显示此页面。
error-conflict = 这与另一个账户冲突。未做任何更改。
error-csrf-header = 缺少 X-CSRF-Token 请求头或其值错误。
error-origin-not-allowed = 不允许来自此来源的请求。
error-invalid-state = state 参数无效。

## Why a sign-in, link or confirmation ended (one per kind of error)

error-rejected = 你拒绝了身份验证请求。
error-provider = { $provider } 报告了一个错误（{ $code }）。请重试。
error-unknown-app = 不存在名为“{ $app }”的登录方式。
error-already-linked = 该外部服务已关联到另一个账户。
error-link-only = { $provider } 只能关联到现有账户。请先登录。
error-account-disabled = 此账户已被停用。
error-not-linked = 未关联任何 { $provider } 账户。
error-reconnect-required = 你的 { $provider } 账户需要重新关联。
error-no-signup-in-progress = 没有正在进行的 { $provider } 注册。请重新登录。
error-last-login-method = { $provider } 是你唯一的登录方式。请先设置密码或关联另一个账户。
error-email-in-use = 已存在使用此邮箱地址的账户。请先登录该账户，然后在“已关联的账户”中关联 { $provider }。
error-signup-closed = 注册已关闭：无法创建新账户。如果你已有账户，请登录该账户。
error-not-in-allowed-group = 你的账户不属于此处允许的任何群组。
error-email-unconfirmed = 请先确认你的邮箱地址：打开我们发送给你的链接，或申请新的链接。
error-mail-unavailable = 暂时无法发送确认邮件。请稍后重试。
error-login-option = 此登录请求被拒绝：{ $reason }。
error-confirmation-invalid = 此确认链接无效。
error-confirmation-expired = 此确认链接已过期。请申请新的链接。
error-confirmation-used = 此确认链接已被使用。
error-confirmation-other-address = 此确认链接发送到的地址不是你当前的地址。
error-confirmation-not-holder = 只有此账户的持有人才能确认其地址：请登录该账户，或输入该账户的密码。
error-confirmation-held-by-another = 另一个账户已先确认了此地址。

## Per-login options a request may carry (prompt, login_hint, max_age, acr_values, scope,
## remember). $option is the option's name as sent (e.g. max_age): do not translate it.

login-option-not-allowed = 此登录方式不允许使用 `{ $option }` 选项
login-option-scope-not-allowed = 对于此登录方式，`scope` 选项不能请求 `{ $scope }`
login-option-invalid = `{ $option }` 无效：{ $reason }
login-option-repeated = `{ $option }` 选项被指定了多次
login-option-reason-prompt-values = 请使用 none、login、consent 或 select_account，以空格分隔
login-option-reason-prompt-repeated = 有重复的值
login-option-reason-prompt-none-alone = `none` 不能与其他值组合使用
login-option-reason-login-hint = 最多 { $max } 个字符，且不含控制字符
login-option-reason-max-age = 请使用 0 到 { $max } 之间的整数秒数
login-option-reason-acr-values = 请使用以空格分隔的可打印值，最多 { $max } 个字符
login-option-reason-scope-empty = 请至少指定一个 scope
login-option-reason-remember = 请使用 1 或 0

## JSON API messages (beside a stable machine "code")

api-sign-in-required = 需要登录。
api-disconnected = 已成功解除关联。
api-signed-up = 注册成功。
api-confirmation-required = 账户已创建。请通过我们发送的链接确认邮箱地址，然后登录。
api-invalid-form = 请更正表单。
api-error-bad-gateway = { $provider } 未按预期响应。
api-error-unavailable = 服务暂时不可用。
api-error-misconfigured = 此登录方式配置不正确。

## A REST app's flow result, sent to it as ?message=

rest-authorized = 授权成功。
rest-signup-required = 注册需要更多信息。
rest-unconfirmed-claim = 已存在使用此邮箱地址的账户，但该地址从未确认：如果它是你的，请登录该账户并重新关联；如果不是，请继续。

## The confirmation mail (email/confirm_subject.txt, confirm.txt, confirm.html)

email-confirm-subject = 确认你的邮箱地址
email-confirm-greeting = 你好：
email-confirm-intro = 有人在 { $site } 使用此邮箱地址创建或更改了账户：{ $email }。
email-confirm-account-username = 用户名：{ $username }
email-confirm-account-created = 创建时间：{ $date }
email-confirm-instructions-text = 如果此账户是你的，请打开以下链接确认该地址（系统会要求你登录该账户或输入其密码）：
email-confirm-instructions-html = 如果此账户是你的，请确认该地址（系统会要求你登录该账户或输入其密码）：
email-confirm-link-label = 确认我的账户的邮箱地址
email-confirm-expiry =
    { $hours ->
       *[other] 此链接只能使用一次，将在 { $hours } 小时后失效。
    }
email-confirm-not-yours-warning = 如果此账户不是你创建的，请忽略此邮件，不要确认：
email-confirm-not-yours-explanation = 该地址仍然属于你，没有链接和账户密码，什么都不会发生。
