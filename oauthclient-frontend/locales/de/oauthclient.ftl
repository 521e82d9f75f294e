### oauthclient: German catalog (reference: en.ftl; same ids, attributes and variables).
### Terms: anmelden/Anmeldung (sign in), abmelden (sign out), registrieren/Registrierung (sign up),
### verbinden (connect), trennen (disconnect), Verknüpfte Konten (linked accounts),
### E-Mail-Adresse, Bestätigungslink. Form of address: "Sie".

## Shared words

locale-name = Deutsch
page-title-default = Konten
common-back = Zurück
common-cancel = Abbrechen
common-list-separator = {", "}

## The connect page: linking a provider while signed in (connect.html)

login-connect-title = { $provider } verbinden
login-connect-heading = { $provider } verbinden?
login-connect-explanation = Sie sind angemeldet. Wenn Sie fortfahren, wird das { $provider }-Konto, mit dem Sie sich anmelden, mit diesem Konto verknüpft.
login-connect-submit = { $provider } verbinden

## Linked accounts (linkedaccounts.html)

linked-accounts-title = Verknüpfte Konten
linked-accounts-intro = Verbinden Sie Ihr Konto mit diesen Diensten, um sich darüber anzumelden.
linked-accounts-connect = Verbinden
linked-accounts-disconnect = Trennen
linked-accounts-reconnect = Erneut verbinden
linked-accounts-reconnect-hint = Die gespeicherte Autorisierung ist abgelaufen: Melden Sie sich erneut mit { $provider } an
linked-accounts-sign-out-everywhere = Überall abmelden
linked-accounts-sign-out-everywhere-hint = Beendet alle Sitzungen Ihres Kontos auf allen Geräten, auch auf diesem

## Disconnecting a provider (disconnect.html)

disconnect-title = { $provider } trennen
disconnect-heading = { $provider } trennen?
disconnect-explanation = Sie können sich dann nicht mehr mit { $provider } anmelden, und wir löschen den Zugriff, der uns gewährt wurde.
disconnect-submit = Trennen

## Signing out (logout.html)

logout-title = Abmelden
logout-heading = Abmelden?
logout-submit = Abmelden

## Sign-up step: the provider gave no usable e-mail address (signup.html)

signup-title = Mit { $provider } registrieren
signup-intro = { $provider } hat uns keine verwendbare E-Mail-Adresse übermittelt. Bitte geben Sie eine ein, um die Erstellung Ihres Kontos abzuschließen.
signup-email-label = E-Mail-Adresse
signup-full-name-label = Vollständiger Name
signup-submit = Registrieren

## Sign-up form errors (shown beside the field)

signup-error-email-missing = Bitte geben Sie Ihre E-Mail-Adresse ein.
signup-error-email-invalid = Bitte geben Sie eine gültige E-Mail-Adresse ein.
signup-error-email-domain = Die Domain dieser E-Mail-Adresse ist in dieser Schreibweise ungültig (prüfen Sie sie auf ähnlich aussehende Zeichen oder Zeichen voller Breite).
signup-error-email-registered = Diese E-Mail-Adresse ist bereits registriert. Melden Sie sich zuerst damit an und verknüpfen Sie dann Ihr Konto.
signup-error-email-taken = Diese E-Mail-Adresse ist bereits registriert.
signup-error-username-taken = Dieser Benutzername ist bereits vergeben.
signup-error-unconfirmed-claim-first = Ein Konto mit dieser E-Mail-Adresse existiert, wurde aber nie bestätigt: Melden Sie sich dort an und verbinden Sie es, oder fahren Sie mit einem neuen Konto fort.

## "Is this your account?": an unconfirmed account claims the address (unconfirmed_claim.html)

unconfirmed-claim-title = Ist das Ihr Konto?
unconfirmed-claim-intro = Hier existiert ein Konto mit der Adresse { $email }, aber diese Adresse wurde nie bestätigt.
unconfirmed-claim-mine-heading = Es ist meins
unconfirmed-claim-mine-explanation = Melden Sie sich (mit dem Passwort) bei diesem Konto an und verbinden Sie dann { $provider } damit: { $provider } bestätigt die Adresse dann für Sie.
unconfirmed-claim-mine-sign-in = Bei meinem Konto anmelden
unconfirmed-claim-mine-no-login = Melden Sie sich bei diesem Konto an und verbinden Sie dann { $provider } unter „Verknüpfte Konten“.
unconfirmed-claim-not-mine-heading = Es ist nicht meins
unconfirmed-claim-not-mine-explanation = Fahren Sie mit einem eigenen neuen Konto für { $email } fort, angemeldet mit { $provider }. Das andere Konto verliert seinen unbestätigten Anspruch auf die Adresse; es behält sein Passwort und erfährt davon bei der nächsten Anmeldung.
unconfirmed-claim-not-mine-submit = Mit einem neuen Konto fortfahren

## Following a confirmation link (confirm_email.html)

confirm-email-title = E-Mail-Adresse bestätigen
confirm-email-intro = Dieser Link bestätigt { $email } für dieses Konto:
confirm-email-account-username = Benutzername
confirm-email-account-name = Name
confirm-email-account-created = Erstellt am
confirm-email-account-signs-in-with = Anmeldung mit
confirm-email-account-password-only = nur einem Passwort
confirm-email-not-yours-warning = Wenn Sie dieses Konto nicht erstellt haben, bestätigen Sie nicht:
confirm-email-not-yours-explanation = Ignorieren Sie diesen Link und die E-Mail, mit der er kam. Vielleicht hat jemand Ihre Adresse versehentlich (oder absichtlich) eingegeben; ohne die Inhaberin oder den Inhaber des Kontos geschieht nichts.
confirm-email-submit-signed-in = { $email } für mein Konto bestätigen
confirm-email-other-account = Sie sind bei einem anderen Konto angemeldet: Dieser Link ist nicht dafür bestimmt.
confirm-email-holder-only = Nur die Inhaberin oder der Inhaber dieses Kontos kann seine Adresse bestätigen.
confirm-email-password-label = Passwort dieses Kontos
confirm-email-submit-password = { $email } bestätigen
confirm-email-or-sign-in-with = Oder melden Sie sich mit { $providers } bei dem Konto an und bestätigen Sie dann.
confirm-email-sign-in-then-confirm = { $link } und bestätigen Sie dann.
    .link = Melden Sie sich bei diesem Konto an

## "Check your inbox" (confirmation_sent.html)

confirmation-sent-title = Prüfen Sie Ihren Posteingang
confirmation-sent-created = Ihr Konto wurde erstellt. Folgen Sie dem Link, den wir an Ihre E-Mail-Adresse gesendet haben, um sie zu bestätigen, und melden Sie sich dann an.
confirmation-sent-created-mail-failed = Ihr Konto wurde erstellt, aber die Bestätigungs-E-Mail konnte gerade nicht gesendet werden. Fordern Sie in einem Moment unten einen neuen Link an.
confirmation-sent-resent = Falls ein Konto mit dieser Adresse auf Bestätigung wartet, ist ein neuer Link unterwegs.
confirmation-sent-resend-label = Nichts erhalten? Neuen Link senden an
confirmation-sent-resend-submit = Neuen Link senden

## E-mail settings (email_settings.html)

email-settings-title = E-Mail-Adresse
email-settings-ended-claim = Die Adresse { $email } gehört nicht mehr zu Ihrem Konto: Sie wurde nie bestätigt, und ein anderes Konto hat sie bestätigt (oder die Frist zur Bestätigung ist abgelaufen). Geben Sie unten eine Adresse an, die Sie bestätigen können.
email-settings-current = Ihre Adresse: { $email }
email-settings-confirmed = (bestätigt)
email-settings-unconfirmed = (nicht bestätigt)
email-settings-resend-submit = Neuen Bestätigungslink senden
email-settings-no-address = Ihr Konto hat keine E-Mail-Adresse: Die Person, der die Adresse gehört, hat nachgewiesen, dass sie ihr gehört. Bitte geben Sie eine andere an.
email-settings-new-label = Neue E-Mail-Adresse
email-settings-change-submit = Adresse ändern

## One-time messages shown on the next page (flashes)

flash-linked = Ihr { $provider }-Konto ist jetzt verknüpft.
flash-disconnected = Ihr { $provider }-Konto wurde getrennt.
flash-email-confirmed = Ihre E-Mail-Adresse { $email } ist bestätigt.
flash-confirmation-sent = Wir haben einen Bestätigungslink an { $email } gesendet.
flash-confirmation-resent = Wir haben einen neuen Link an { $email } gesendet.
flash-already-confirmed = Ihre Adresse ist bereits bestätigt.
flash-resend-cooldown = Vor einem Moment wurde bereits ein Link gesendet; bitte warten Sie, bevor Sie einen weiteren anfordern.
flash-email-changed = Ihre E-Mail-Adresse wurde geändert.
flash-email-changed-mail-failed = Ihre Adresse wurde geändert, aber die Bestätigungs-E-Mail konnte gerade nicht gesendet werden. Fordern Sie in einem Moment einen neuen Link an.
flash-signup-mail-failed = Ihr Konto wurde erstellt, aber die Bestätigungs-E-Mail konnte nicht gesendet werden. Fordern Sie in Ihren E-Mail-Einstellungen einen neuen Link an.
flash-signed-out-everywhere = Sie wurden auf allen Geräten abgemeldet.
flash-ended-claim = Die Adresse { $email } gehört nicht mehr zu Ihrem Konto: Sie wurde nie bestätigt, und ein anderes Konto hat sie bestätigt (oder die Frist zur Bestätigung ist abgelaufen). Geben Sie in Ihren E-Mail-Einstellungen eine neue Adresse an.

## Error pages: headings and messages by kind of failure (error.html)

error-forbidden-heading = Anfrage abgelehnt
error-forbidden = Diese Anmeldeanfrage konnte nicht überprüft werden (sie ist möglicherweise abgelaufen oder wurde bereits verwendet). Bitte beginnen Sie erneut.
error-not-found-heading = Nicht gefunden
error-not-found = Diese Anmeldemethode gibt es nicht.
error-bad-gateway-heading = Anmeldung fehlgeschlagen
error-bad-gateway = { $provider } hat nicht wie erwartet geantwortet. Es wurde nichts geändert; bitte versuchen Sie es später erneut.
error-unavailable-heading = Vorübergehend nicht verfügbar
error-unavailable = Der Dienst ist vorübergehend nicht verfügbar. Bitte versuchen Sie es in einem Moment erneut.
error-misconfigured-heading = Anmeldung nicht verfügbar
error-misconfigured = Diese Anmeldemethode ist nicht richtig konfiguriert. Die Administratoren wurden benachrichtigt.
error-conflict-heading = Konto existiert bereits
error-refused-heading = Nicht erlaubt
error-bad-request-heading = Das hat nicht funktioniert
error-malformed-request = Die Anfrage konnte nicht gelesen werden.
error-request-too-large = Die Anfrage ist zu groß.
error-rate-limited-heading = Zu viele Versuche
error-rate-limited = Zu viele Anmeldeversuche. Bitte warten Sie einen Moment und versuchen Sie es erneut.
error-sign-in-required-heading = Anmeldung erforderlich
error-sign-in-required = Bitte melden Sie sich an, um Ihre verknüpften Konten zu verwalten.
error-sign-in-link = Anmelden
error-resend-label = Neuen Bestätigungslink senden an
error-resend-submit = Senden
error-render-failed-title = Fehler
error-render-failed = Diese Seite konnte nicht angezeigt werden.
error-conflict = Dies steht im Konflikt mit einem anderen Konto. Es wurde nichts geändert.
error-csrf-header = Der Header X-CSRF-Token fehlt oder ist falsch.
error-origin-not-allowed = Anfragen von diesem Ursprung sind nicht erlaubt.
error-invalid-state = Ungültiger state-Parameter.

## Why a sign-in, link or confirmation ended (one per kind of error)

error-rejected = Sie haben die Authentifizierungsanfrage abgelehnt.
error-provider = { $provider } hat einen Fehler gemeldet ({ $code }). Bitte versuchen Sie es erneut.
error-unknown-app = Es gibt keine Anmeldemethode namens „{ $app }“.
error-already-linked = Der externe Dienst ist bereits mit einem anderen Konto verknüpft.
error-link-only = { $provider } kann nur mit einem bestehenden Konto verknüpft werden. Bitte melden Sie sich zuerst an.
error-account-disabled = Dieses Konto ist deaktiviert.
error-not-linked = Es ist kein { $provider }-Konto verknüpft.
error-reconnect-required = Ihr { $provider }-Konto muss erneut verbunden werden.
error-no-signup-in-progress = Für { $provider } läuft keine Registrierung. Bitte melden Sie sich erneut an.
error-last-login-method = { $provider } ist Ihre einzige Möglichkeit, sich anzumelden. Legen Sie zuerst ein Passwort fest oder verknüpfen Sie ein anderes Konto.
error-email-in-use = Ein Konto mit dieser E-Mail-Adresse existiert bereits. Melden Sie sich zuerst dort an und verbinden Sie dann { $provider } unter „Verknüpfte Konten“.
error-signup-closed = Die Registrierung ist geschlossen: Es können keine neuen Konten erstellt werden. Wenn Sie bereits ein Konto haben, melden Sie sich dort an.
error-not-in-allowed-group = Ihr Konto gehört keiner Gruppe an, die hier zugelassen ist.
error-email-unconfirmed = Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse: Folgen Sie dem Link, den wir Ihnen gesendet haben, oder fordern Sie einen neuen an.
error-mail-unavailable = Die Bestätigungs-E-Mail konnte gerade nicht gesendet werden. Bitte versuchen Sie es später erneut.
error-login-option = Diese Anmeldeanfrage wurde abgelehnt: { $reason }.
error-confirmation-invalid = Dieser Bestätigungslink ist ungültig.
error-confirmation-expired = Dieser Bestätigungslink ist abgelaufen. Fordern Sie einen neuen an.
error-confirmation-used = Dieser Bestätigungslink wurde bereits verwendet.
error-confirmation-other-address = Dieser Bestätigungslink wurde an eine andere als Ihre aktuelle Adresse gesendet.
error-confirmation-not-holder = Nur die Inhaberin oder der Inhaber dieses Kontos kann seine Adresse bestätigen: Melden Sie sich bei dem Konto an oder geben Sie sein Passwort ein.
error-confirmation-held-by-another = Ein anderes Konto hat diese Adresse zuerst bestätigt.

## Per-login options a request may carry (prompt, login_hint, max_age, acr_values, scope,
## remember). $option is the option's name as sent (e.g. max_age): do not translate it.

login-option-not-allowed = Die Option `{ $option }` ist für diese Anmeldemethode nicht erlaubt
login-option-scope-not-allowed = Die Option `scope` darf für diese Anmeldemethode `{ $scope }` nicht anfordern
login-option-invalid = ungültiger Wert für `{ $option }`: { $reason }
login-option-repeated = Die Option `{ $option }` wurde mehrfach angegeben
login-option-reason-prompt-values = Verwenden Sie none, login, consent oder select_account, durch Leerzeichen getrennt
login-option-reason-prompt-repeated = Ein Wert kommt mehrfach vor
login-option-reason-prompt-none-alone = `none` kann nicht mit anderen Werten kombiniert werden
login-option-reason-login-hint = höchstens { $max } Zeichen, keine Steuerzeichen
login-option-reason-max-age = eine ganze Zahl von Sekunden zwischen 0 und { $max }
login-option-reason-acr-values = druckbare Werte, durch Leerzeichen getrennt, höchstens { $max } Zeichen
login-option-reason-scope-empty = Geben Sie mindestens einen Scope an
login-option-reason-remember = Verwenden Sie 1 oder 0

## JSON API messages (beside a stable machine "code")

api-sign-in-required = Anmeldung erforderlich.
api-disconnected = Erfolgreich getrennt.
api-signed-up = Erfolgreich registriert.
api-confirmation-required = Konto erstellt. Bestätigen Sie die E-Mail-Adresse über den Link, den wir gesendet haben, und melden Sie sich dann an.
api-invalid-form = Bitte korrigieren Sie das Formular.
api-error-bad-gateway = { $provider } hat nicht wie erwartet geantwortet.
api-error-unavailable = Der Dienst ist vorübergehend nicht verfügbar.
api-error-misconfigured = Diese Anmeldemethode ist nicht richtig konfiguriert.

## A REST app's flow result, sent to it as ?message=

rest-authorized = Erfolgreich autorisiert.
rest-signup-required = Für die Registrierung werden weitere Angaben benötigt.
rest-unconfirmed-claim = Ein Konto mit dieser E-Mail-Adresse existiert, wurde aber nie bestätigt: Wenn es Ihres ist, melden Sie sich dort an und verbinden Sie erneut; wenn nicht, fahren Sie fort.

## The confirmation mail (email/confirm_subject.txt, confirm.txt, confirm.html)

email-confirm-subject = Bestätigen Sie Ihre E-Mail-Adresse
email-confirm-greeting = Hallo,
email-confirm-intro = jemand hat auf { $site } mit dieser E-Mail-Adresse ein Konto erstellt oder geändert: { $email }.
email-confirm-account-username = Benutzername: { $username }
email-confirm-account-created = Erstellt am: { $date }
email-confirm-instructions-text = Wenn dieses Konto Ihnen gehört, bestätigen Sie die Adresse, indem Sie diesen Link öffnen (Sie werden gebeten, sich bei dem Konto anzumelden oder sein Passwort einzugeben):
email-confirm-instructions-html = Wenn dieses Konto Ihnen gehört, bestätigen Sie die Adresse (Sie werden gebeten, sich bei dem Konto anzumelden oder sein Passwort einzugeben):
email-confirm-link-label = E-Mail-Adresse meines Kontos bestätigen
email-confirm-expiry =
    { $hours ->
        [one] Der Link funktioniert einmal und läuft in { $hours } Stunde ab.
       *[other] Der Link funktioniert einmal und läuft in { $hours } Stunden ab.
    }
email-confirm-not-yours-warning = Wenn Sie dieses Konto nicht erstellt haben, ignorieren Sie diese Nachricht und bestätigen Sie nicht:
email-confirm-not-yours-explanation = Die Adresse bleibt Ihre, und ohne den Link und das Passwort des Kontos geschieht nichts.
