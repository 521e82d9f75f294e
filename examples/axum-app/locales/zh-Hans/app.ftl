### The axum example app (examples/axum-app): zh-Hans catalog.

## The sandbox sign-in method, shown on the library's pages

app-sandbox-title = 沙盒
app-sandbox-description = 本地替身提供方：任意用户名和密码均可使用。

## The axum example app (examples/axum-app/templates/home.html)

axum-app-brand = 基于 axum 的 oauthclient
axum-app-signed-in-as = 已以 { $user } 身份登录。
axum-app-signed-out = 未登录。
axum-app-sign-in-with = 使用 { $provider } 登录
axum-app-not-found = 未找到。
