### The demo's own pages (oauthclient-demo): ja catalog.

## The demo: navigation (base.html, oauthclient_base.html)

demo-brand = oauthclient-rs デモ
demo-nav-home = ホーム
demo-nav-mailbox = メールボックス
demo-nav-email = メールアドレス
demo-nav-email-unconfirmed = （未確認）
demo-nav-sign-in = ログイン
demo-nav-register = 新規登録
demo-nav-sign-out = ログアウト

## The demo: home page (home.html)

demo-home-welcome = ようこそ
demo-home-welcome-name = ようこそ、{ $name } さん
demo-home-sign-in-heading = ログイン
demo-home-linked-intro = あなたのアカウントに連携済みのサービスと、連携できるその他のサービス：
demo-home-sign-in-intro = お持ちのアカウントを使用してください：
demo-home-linked = { $provider } 連携済み ✓
demo-home-sign-in-with = { $provider } でログイン
demo-home-password-sign-in = または、{ $link }してください。
    .link = メールアドレスとパスワードでログイン
demo-home-sandbox = サンドボックスモード：{ $url } のプロバイダーはローカルの代替です。任意のユーザー名とパスワードでログインできます。

## The demo: password sign-in and registration (login.html, register.html, local_accounts.rs)

demo-login-title = ログイン
demo-login-identifier-label = メールアドレスまたはユーザー名
demo-login-password-label = パスワード
demo-login-submit = ログイン
demo-login-no-account = アカウントをお持ちでない場合は、{ $register }するか、{ $home }でプロバイダーを使ってログインしてください。
    .register = 新規登録
    .home = ホームページ
demo-login-wrong-credentials = メールアドレスまたはパスワードが正しくありません。
demo-login-email-unconfirmed = 先にメールアドレスを確認してください。送信したリンクを開くか、下のフォームで新しいリンクをリクエストしてください。
demo-login-rate-limited =
    { $seconds ->
       *[other] ログインの試行回数が多すぎます。{ $seconds } 秒待ってからもう一度お試しください。
    }
demo-register-title = 新規登録
demo-register-username-label = ユーザー名（任意：ログインに使える 2 つ目の方法になります）
demo-register-password-label = パスワード（{ $min } 文字以上）
demo-register-submit = 登録する
demo-register-password-too-short = { $min } 文字以上のパスワードを設定してください。
demo-register-password-unusable = このパスワードは使用できません。
demo-register-username-at = ユーザー名に「@」は使用できません（メールアドレスと区別できなくなるためです）。
demo-check-inbox-resend-label = 新しいリンクの送信先：
demo-flash-created = アカウントを作成しました。
demo-flash-created-link-sent = アカウントを作成しました。メールアドレスを確認するためのリンクを送信しました。
demo-flash-created-mail-failed = アカウントは作成されましたが、確認メールを送信できませんでした。「メールアドレス」から新しいリンクをリクエストしてください。
demo-error-form-expired = フォームの有効期限が切れました。ページを再読み込みしてください。
demo-not-found = 見つかりません。

## The demo: sandbox mailbox (mailbox.html)

demo-mailbox-title = サンドボックスのメールボックス
demo-mailbox-intro = このデモは SMTP サーバーなしで動作しています。送信されるはずのメールは、デモが停止するまで新しい順にここに保存されます。
demo-mailbox-to = 宛先：
demo-mailbox-subject = 件名：
demo-mailbox-empty = まだメールはありません。
demo-mailbox-smtp = メールは設定された SMTP サーバーから送信されます。

## The sandbox sign-in method, shown on the library's pages

app-sandbox-title = サンドボックス
app-sandbox-description = ローカルの代替プロバイダー：任意のユーザー名とパスワードでログインできます。
