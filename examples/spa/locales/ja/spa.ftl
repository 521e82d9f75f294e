### The single-page app's static strings (examples/spa), served by GET /api/oauth/locale: ja catalog.

## The single-page app (examples/spa/index.html, app.js)

spa-title = oauthclient-rs シングルページアプリ
spa-intro = { $path } 以下の JSON API と通信する、素の HTML と JavaScript です。
spa-loading = 読み込み中…
spa-sign-in-heading = ログイン
spa-signed-out-intro = ログインしていません。ログイン方法を選んでください：
spa-remember-me = この端末でログイン状態を保持する
spa-signup-heading = 登録を完了する
spa-signup-full-name-label = 氏名（任意）
spa-session-heading = セッション
spa-signed-in-as = { $user } としてログイン中
spa-email-unconfirmed = （メールアドレス未確認）
spa-sign-out-everywhere-explanation = このブラウザーと他のすべての端末で、アカウントのすべてのセッションを終了します。
spa-sign-in-with = { $provider } でログイン
spa-reconnect = { $provider } と再連携
spa-account-connected = 連携済み
spa-account-not-connected = 未連携
spa-account-needs-reconnect = 再連携が必要です：このアカウントでもう一度ログインしてください
spa-going-to-provider = プロバイダーに移動しています…
spa-error-network = サーバーに接続できませんでした（ネットワークエラー、またはクロスオリジンリクエストが拒否されました）。
spa-error-http = サーバーが HTTP { $status } を返しました。
spa-error-detail-status = HTTP { $status }
spa-error-detail-code = コード { $code }
spa-error-bad-authorization-url = サーバーが http(s) ではない認可 URL を返しました。
spa-field-error = { $field }：{ $message }
spa-field-email = メールアドレス
spa-field-full-name = 氏名

## The single-page app: texts the library's pages also show (the same words as the
## library's catalog; the API serves a client only spa-* messages)

spa-language-label = 言語
spa-signup-submit = 登録する
spa-linked-accounts-heading = 連携済みアカウント
spa-sign-out-heading = ログアウト
spa-sign-out-everywhere = すべての端末からログアウト
spa-connect = { $provider } と連携する
spa-disconnect = { $provider } との連携を解除
