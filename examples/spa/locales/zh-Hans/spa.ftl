### The single-page app's static strings (examples/spa), served by GET /api/oauth/locale: zh-Hans catalog.

## The single-page app (examples/spa/index.html, app.js)

spa-title = oauthclient-rs 单页应用
spa-intro = 使用纯 HTML 和 JavaScript 与 { $path } 下的 JSON API 通信。
spa-loading = 正在加载…
spa-sign-in-heading = 登录
spa-signed-out-intro = 你尚未登录。请选择登录方式：
spa-remember-me = 在此设备上记住我
spa-signup-heading = 完成注册
spa-signup-full-name-label = 姓名（可选）
spa-session-heading = 你的会话
spa-signed-in-as = 已以 { $user } 身份登录
spa-email-unconfirmed = （邮箱地址未确认）
spa-sign-out-everywhere-explanation = 结束你的账户的全部会话：包括此浏览器和其他所有设备。
spa-sign-in-with = 使用 { $provider } 登录
spa-reconnect = 重新关联 { $provider }
spa-account-connected = 已关联
spa-account-not-connected = 未关联
spa-account-needs-reconnect = 需要重新关联：请再次使用它登录
spa-going-to-provider = 正在前往提供方…
spa-error-network = 无法连接服务器（网络错误或跨域请求被拒绝）。
spa-error-http = 服务器返回了 HTTP { $status }。
spa-error-detail-status = HTTP { $status }
spa-error-detail-code = 代码 { $code }
spa-error-bad-authorization-url = 服务器返回的授权 URL 不是 http(s)。
spa-field-error = { $field }：{ $message }
spa-field-email = 邮箱地址
spa-field-full-name = 姓名

## The single-page app: texts the library's pages also show (the same words as the
## library's catalog; the API serves a client only spa-* messages)

spa-language-label = 语言
spa-signup-submit = 注册
spa-linked-accounts-heading = 已关联的账户
spa-sign-out-heading = 退出登录
spa-sign-out-everywhere = 在所有设备上退出登录
spa-connect = 关联 { $provider }
spa-disconnect = 解除关联 { $provider }
