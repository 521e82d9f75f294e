### The axum example app (examples/axum-app): ja catalog.

## The sandbox sign-in method, shown on the library's pages

app-sandbox-title = サンドボックス
app-sandbox-description = ローカルの代替プロバイダー：任意のユーザー名とパスワードでログインできます。

## The axum example app (examples/axum-app/templates/home.html)

axum-app-brand = axum 上の oauthclient
axum-app-signed-in-as = { $user } としてログイン中です。
axum-app-signed-out = ログインしていません。
axum-app-sign-in-with = { $provider } でログイン
axum-app-not-found = 見つかりません。
