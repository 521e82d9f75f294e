### The demo's own pages (oauthclient-demo): zh-Hans catalog.

## The demo: navigation (base.html, oauthclient_base.html)

demo-brand = oauthclient-rs 演示
demo-nav-home = 首页
demo-nav-mailbox = 收件箱
demo-nav-email = 邮箱地址
demo-nav-email-unconfirmed = （未确认）
demo-nav-sign-in = 登录
demo-nav-register = 注册
demo-nav-sign-out = 退出登录

## The demo: home page (home.html)

demo-home-welcome = 欢迎
demo-home-welcome-name = 欢迎，{ $name }
demo-home-sign-in-heading = 登录
demo-home-linked-intro = 已关联到你账户的服务，以及其他可关联的服务：
demo-home-sign-in-intro = 使用你已有的账户：
demo-home-linked = 已关联 { $provider } ✓
demo-home-sign-in-with = 使用 { $provider } 登录
demo-home-password-sign-in = 或{ $link }。
    .link = 使用邮箱地址和密码登录
demo-home-sandbox = 沙盒模式：位于 { $url } 的提供方是本地替身；任意用户名和密码均可使用。

## The demo: password sign-in and registration (login.html, register.html, local_accounts.rs)

demo-login-title = 登录
demo-login-identifier-label = 邮箱地址或用户名
demo-login-password-label = 密码
demo-login-submit = 登录
demo-login-no-account = 没有账户？请{ $register }，或在{ $home }使用提供方登录。
    .register = 注册
    .home = 首页
demo-login-wrong-credentials = 邮箱地址或密码错误。
demo-login-email-unconfirmed = 请先确认你的邮箱地址：打开我们发送给你的链接，或在下方申请新的链接。
demo-login-rate-limited =
    { $seconds ->
       *[other] 登录尝试次数过多。请等待 { $seconds } 秒后重试。
    }
demo-register-title = 注册
demo-register-username-label = 用户名（可选：另一种登录方式）
demo-register-password-label = 密码（至少 { $min } 个字符）
demo-register-submit = 注册
demo-register-password-too-short = 请设置至少 { $min } 个字符的密码。
demo-register-password-unusable = 此密码无法使用。
demo-register-username-at = 用户名不能包含“@”（否则会被当作邮箱地址）。
demo-check-inbox-resend-label = 重新发送链接至
demo-flash-created = 你的账户已创建。
demo-flash-created-link-sent = 你的账户已创建。我们已向你发送用于确认邮箱地址的链接。
demo-flash-created-mail-failed = 你的账户已创建，但无法发送确认邮件。请在“邮箱地址”页面申请新的链接。
demo-error-form-expired = 表单已过期；请重新加载页面。
demo-not-found = 未找到。

## The demo: sandbox mailbox (mailbox.html)

demo-mailbox-title = 沙盒收件箱
demo-mailbox-intro = 此演示在没有 SMTP 服务器的情况下运行：它本应发送的邮件会保存在这里，最新的在前，直到演示停止。
demo-mailbox-to = 收件人：
demo-mailbox-subject = 主题：
demo-mailbox-empty = 暂无邮件。
demo-mailbox-smtp = 邮件通过已配置的 SMTP 服务器发送。

## The sandbox sign-in method, shown on the library's pages

app-sandbox-title = 沙盒
app-sandbox-description = 本地替身提供方：任意用户名和密码均可使用。
