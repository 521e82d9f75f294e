### oauthclient: Japanese catalog (reference: en.ftl; same ids, attributes and variables).
### Terms: ログイン (sign in; never サインイン), ログアウト (sign out), 登録 (sign up),
### 連携 (connect), 連携を解除 (disconnect), 連携済みアカウント (linked accounts),
### メールアドレス, 確認リンク. Polite form (です/ます). Plurals: only "other".

## Shared words

locale-name = 日本語
page-title-default = アカウント
common-back = 戻る
common-cancel = キャンセル
common-list-separator = {"、"}

## The connect page: linking a provider while signed in (connect.html)

login-connect-title = { $provider } と連携
login-connect-heading = { $provider } と連携しますか？
login-connect-explanation = ログイン中です。続行すると、ログインに使用する { $provider } アカウントがこのアカウントに連携されます。
login-connect-submit = { $provider } と連携する

## Linked accounts (linkedaccounts.html)

linked-accounts-title = 連携済みアカウント
linked-accounts-intro = これらのサービスとアカウントを連携すると、そのサービスでログインできるようになります。
linked-accounts-connect = 連携する
linked-accounts-disconnect = 連携を解除
linked-accounts-reconnect = 再連携
linked-accounts-reconnect-hint = 保存されている認可の有効期限が切れました。{ $provider } でもう一度ログインしてください
linked-accounts-sign-out-everywhere = すべての端末からログアウト
linked-accounts-sign-out-everywhere-hint = この端末を含む、すべての端末でのアカウントのセッションを終了します

## Disconnecting a provider (disconnect.html)

disconnect-title = { $provider } との連携を解除
disconnect-heading = { $provider } との連携を解除しますか？
disconnect-explanation = { $provider } でログインできなくなり、付与されていたアクセス権は削除されます。
disconnect-submit = 連携を解除

## Signing out (logout.html)

logout-title = ログアウト
logout-heading = ログアウトしますか？
logout-submit = ログアウト

## Sign-up step: the provider gave no usable e-mail address (signup.html)

signup-title = { $provider } で登録
signup-intro = { $provider } から利用可能なメールアドレスを取得できませんでした。アカウントの作成を完了するには、メールアドレスを入力してください。
signup-email-label = メールアドレス
signup-full-name-label = 氏名
signup-submit = 登録する

## Sign-up form errors (shown beside the field)

signup-error-email-missing = メールアドレスを入力してください。
signup-error-email-invalid = 有効なメールアドレスを入力してください。
signup-error-email-domain = このメールアドレスのドメインは、入力されたままの形では無効です（似た形の文字や全角文字が含まれていないか確認してください）。
signup-error-email-registered = このメールアドレスはすでに登録されています。先にこのアドレスでログインしてから、アカウントを連携してください。
signup-error-email-taken = このメールアドレスはすでに登録されています。
signup-error-username-taken = このユーザー名はすでに使われています。
signup-error-unconfirmed-claim-first = このメールアドレスのアカウントは存在しますが、まだ確認されていません。そのアカウントにログインして連携するか、新しいアカウントで続行してください。

## "Is this your account?": an unconfirmed account claims the address (unconfirmed_claim.html)

unconfirmed-claim-title = これはあなたのアカウントですか？
unconfirmed-claim-intro = アドレス { $email } のアカウントがここに存在しますが、そのアドレスはまだ確認されていません。
unconfirmed-claim-mine-heading = 自分のアカウントです
unconfirmed-claim-mine-explanation = そのアカウントに（パスワードで）ログインしてから、{ $provider } を連携してください。アドレスは { $provider } によって確認されます。
unconfirmed-claim-mine-sign-in = 自分のアカウントにログイン
unconfirmed-claim-mine-no-login = そのアカウントにログインしてから、連携済みアカウントのページで { $provider } を連携してください。
unconfirmed-claim-not-mine-heading = 自分のアカウントではありません
unconfirmed-claim-not-mine-explanation = { $email } 用に自分専用の新しいアカウントを作成し、{ $provider } でログインして続行します。もう一方のアカウントはこのアドレスに対する未確認の登録を失いますが、パスワードはそのまま残り、次回のログイン時にその旨が通知されます。
unconfirmed-claim-not-mine-submit = 新しいアカウントで続行

## Following a confirmation link (confirm_email.html)

confirm-email-title = メールアドレスの確認
confirm-email-intro = このリンクで、このアカウントの { $email } を確認します：
confirm-email-account-username = ユーザー名
confirm-email-account-name = 名前
confirm-email-account-created = 作成日
confirm-email-account-signs-in-with = ログイン方法
confirm-email-account-password-only = パスワードのみ
confirm-email-not-yours-warning = このアカウントを作成した覚えがない場合は、確認しないでください：
confirm-email-not-yours-explanation = このリンクと、それが届いたメールは無視してください。誰かが誤って（または故意に）あなたのアドレスを入力した可能性があります。アカウントの所有者が操作しない限り、何も起こりません。
confirm-email-submit-signed-in = 自分のアカウントの { $email } を確認する
confirm-email-other-account = 別のアカウントでログインしています。このリンクはそのアカウント用ではありません。
confirm-email-holder-only = このアカウントのアドレスを確認できるのは、アカウントの所有者だけです。
confirm-email-password-label = このアカウントのパスワード
confirm-email-submit-password = { $email } を確認する
confirm-email-or-sign-in-with = または、{ $providers } でこのアカウントにログインしてから確認してください。
confirm-email-sign-in-then-confirm = { $link }してから確認してください。
    .link = このアカウントにログイン

## "Check your inbox" (confirmation_sent.html)

confirmation-sent-title = 受信トレイを確認してください
confirmation-sent-created = アカウントが作成されました。メールアドレスに送信したリンクを開いてアドレスを確認してから、ログインしてください。
confirmation-sent-created-mail-failed = アカウントは作成されましたが、現在確認メールを送信できません。しばらくしてから、下のフォームで新しいリンクをリクエストしてください。
confirmation-sent-resent = このアドレスのアカウントが確認待ちの場合は、新しいリンクが送信されます。
confirmation-sent-resend-label = 届きませんか？ 新しいリンクの送信先：
confirmation-sent-resend-submit = 新しいリンクを送信

## E-mail settings (email_settings.html)

email-settings-title = メールアドレス
email-settings-ended-claim = アドレス { $email } はあなたのアカウントから外されました。このアドレスは確認されておらず、別のアカウントが確認したためです（または確認の期限が切れたためです）。下で確認可能なアドレスを設定してください。
email-settings-current = あなたのアドレス：{ $email }
email-settings-confirmed = （確認済み）
email-settings-unconfirmed = （未確認）
email-settings-resend-submit = 新しい確認リンクを送信
email-settings-no-address = あなたのアカウントにはメールアドレスがありません。アドレスの所有者が、そのアドレスが自分のものであることを証明しました。別のアドレスを設定してください。
email-settings-new-label = 新しいメールアドレス
email-settings-change-submit = アドレスを変更

## One-time messages shown on the next page (flashes)

flash-linked = { $provider } アカウントを連携しました。
flash-disconnected = { $provider } アカウントの連携を解除しました。
flash-email-confirmed = メールアドレス { $email } を確認しました。
flash-confirmation-sent = { $email } に確認リンクを送信しました。
flash-confirmation-resent = { $email } に新しいリンクを送信しました。
flash-already-confirmed = アドレスはすでに確認済みです。
flash-resend-cooldown = 先ほどリンクを送信しました。次のリンクをリクエストする前に、しばらくお待ちください。
flash-email-changed = メールアドレスを変更しました。
flash-email-changed-mail-failed = アドレスは変更されましたが、現在確認メールを送信できません。しばらくしてから新しいリンクをリクエストしてください。
flash-signup-mail-failed = アカウントは作成されましたが、確認メールを送信できませんでした。メール設定から新しいリンクをリクエストしてください。
flash-signed-out-everywhere = すべての端末からログアウトしました。
flash-ended-claim = アドレス { $email } はあなたのアカウントから外されました。このアドレスは確認されておらず、別のアカウントが確認したためです（または確認の期限が切れたためです）。メール設定で新しいアドレスを設定してください。

## Error pages: headings and messages by kind of failure (error.html)

error-forbidden-heading = リクエストが拒否されました
error-forbidden = このログインリクエストを検証できませんでした（期限切れか、すでに使用された可能性があります）。最初からやり直してください。
error-not-found-heading = 見つかりません
error-not-found = そのようなログイン方法はありません。
error-bad-gateway-heading = ログインに失敗しました
error-bad-gateway = { $provider } から想定どおりの応答がありませんでした。何も変更されていません。しばらくしてからもう一度お試しください。
error-unavailable-heading = 一時的に利用できません
error-unavailable = サービスは一時的に利用できません。しばらくしてからもう一度お試しください。
error-misconfigured-heading = ログインを利用できません
error-misconfigured = このログイン方法は正しく設定されていません。管理者に通知済みです。
error-conflict-heading = アカウントはすでに存在します
error-refused-heading = 許可されていません
error-bad-request-heading = うまくいきませんでした
error-malformed-request = リクエストを読み取れませんでした。
error-request-too-large = リクエストが大きすぎます。
error-rate-limited-heading = 試行回数が多すぎます
error-rate-limited = ログインの試行回数が多すぎます。しばらく待ってからもう一度お試しください。
error-sign-in-required-heading = ログインが必要です
error-sign-in-required = 連携済みアカウントを管理するには、ログインしてください。
error-sign-in-link = ログイン
error-resend-label = 新しい確認リンクの送信先：
error-resend-submit = 送信
error-render-failed-title = エラー
error-render-failed = このページを表示できませんでした。
error-conflict = 別のアカウントと競合しています。何も変更されていません。
error-csrf-header = X-CSRF-Token ヘッダーがないか、正しくありません。
error-origin-not-allowed = このオリジンからのリクエストは許可されていません。
error-invalid-state = state パラメーターが無効です。

## Why a sign-in, link or confirmation ended (one per kind of error)

error-rejected = 認証リクエストを拒否しました。
error-provider = { $provider } がエラーを返しました（{ $code }）。もう一度お試しください。
error-unknown-app = 「{ $app }」という名前のログイン方法はありません。
error-already-linked = この外部サービスはすでに別のアカウントに連携されています。
error-link-only = { $provider } は既存のアカウントにのみ連携できます。先にログインしてください。
error-account-disabled = このアカウントは無効になっています。
error-not-linked = { $provider } アカウントは連携されていません。
error-reconnect-required = { $provider } アカウントの再連携が必要です。
error-no-signup-in-progress = { $provider } での登録は進行中ではありません。もう一度ログインしてください。
error-last-login-method = { $provider } はあなたの唯一のログイン方法です。先にパスワードを設定するか、別のアカウントを連携してください。
error-email-in-use = このメールアドレスのアカウントはすでに存在します。先にそのアカウントにログインしてから、連携済みアカウントのページで { $provider } を連携してください。
error-signup-closed = 登録の受付は終了しています。新しいアカウントは作成できません。すでにアカウントをお持ちの場合は、そのアカウントにログインしてください。
error-not-in-allowed-group = お使いのアカウントは、ここで許可されているグループに属していません。
error-email-unconfirmed = 先にメールアドレスを確認してください。送信したリンクを開くか、新しいリンクをリクエストしてください。
error-mail-unavailable = 現在確認メールを送信できません。しばらくしてからもう一度お試しください。
error-login-option = このログインリクエストは拒否されました：{ $reason }。
error-confirmation-invalid = この確認リンクは無効です。
error-confirmation-expired = この確認リンクは期限切れです。新しいリンクをリクエストしてください。
error-confirmation-used = この確認リンクはすでに使用されています。
error-confirmation-other-address = この確認リンクは、現在のアドレスとは別のアドレスに送信されたものです。
error-confirmation-not-holder = このアカウントのアドレスを確認できるのは、アカウントの所有者だけです。アカウントにログインするか、パスワードを入力してください。
error-confirmation-held-by-another = 別のアカウントが先にこのアドレスを確認しました。

## Per-login options a request may carry (prompt, login_hint, max_age, acr_values, scope,
## remember). $option is the option's name as sent (e.g. max_age): do not translate it.

login-option-not-allowed = このログイン方法では `{ $option }` オプションは使用できません
login-option-scope-not-allowed = このログイン方法では `scope` オプションで `{ $scope }` を要求できません
login-option-invalid = `{ $option }` が無効です：{ $reason }
login-option-repeated = `{ $option }` オプションが複数回指定されています
login-option-reason-prompt-values = none、login、consent、select_account をスペース区切りで指定してください
login-option-reason-prompt-repeated = 値が重複しています
login-option-reason-prompt-none-alone = `none` は他の値と組み合わせられません
login-option-reason-login-hint = { $max } 文字以内で、制御文字を含めないでください
login-option-reason-max-age = 0 から { $max } までの整数の秒数を指定してください
login-option-reason-acr-values = 印字可能な値をスペース区切りで、{ $max } 文字以内で指定してください
login-option-reason-scope-empty = scope を 1 つ以上指定してください
login-option-reason-remember = 1 または 0 を指定してください

## JSON API messages (beside a stable machine "code")

api-sign-in-required = ログインが必要です。
api-disconnected = 連携を解除しました。
api-signed-up = 登録が完了しました。
api-confirmation-required = アカウントを作成しました。送信したリンクからメールアドレスを確認してから、ログインしてください。
api-invalid-form = フォームの内容を修正してください。
api-error-bad-gateway = { $provider } から想定どおりの応答がありませんでした。
api-error-unavailable = サービスは一時的に利用できません。
api-error-misconfigured = このログイン方法は正しく設定されていません。

## A REST app's flow result, sent to it as ?message=

rest-authorized = 認可されました。
rest-signup-required = 登録には追加の情報が必要です。
rest-unconfirmed-claim = このメールアドレスのアカウントは存在しますが、まだ確認されていません。あなたのアカウントであれば、ログインしてもう一度連携してください。そうでなければ、そのまま続行してください。

## The confirmation mail (email/confirm_subject.txt, confirm.txt, confirm.html)

email-confirm-subject = メールアドレスの確認
email-confirm-greeting = こんにちは。
email-confirm-intro = { $site } で、このメールアドレス（{ $email }）を使ってアカウントが作成または変更されました。
email-confirm-account-username = ユーザー名：{ $username }
email-confirm-account-created = 作成日：{ $date }
email-confirm-instructions-text = このアカウントがあなたのものであれば、次のリンクを開いてアドレスを確認してください（アカウントへのログイン、またはパスワードの入力を求められます）：
email-confirm-instructions-html = このアカウントがあなたのものであれば、アドレスを確認してください（アカウントへのログイン、またはパスワードの入力を求められます）：
email-confirm-link-label = 自分のアカウントのメールアドレスを確認する
email-confirm-expiry =
    { $hours ->
       *[other] このリンクは 1 回だけ使用でき、{ $hours } 時間で有効期限が切れます。
    }
email-confirm-not-yours-warning = このアカウントを作成した覚えがない場合は、このメールを無視し、確認しないでください：
email-confirm-not-yours-explanation = アドレスは引き続きあなたのものです。リンクとアカウントのパスワードがなければ、何も起こりません。
