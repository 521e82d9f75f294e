### oauthclient: Dutch catalog (reference: en.ftl; same ids, attributes and variables).
### Terms: inloggen (sign in), uitloggen (sign out), registreren/registratie (sign up),
### koppelen (connect), ontkoppelen (disconnect), Gekoppelde accounts (linked accounts),
### e-mailadres, bevestigingslink. Form of address: "je".

## Shared words

locale-name = Nederlands
page-title-default = Accounts
common-back = Terug
common-cancel = Annuleren
common-list-separator = {", "}

## The connect page: linking a provider while signed in (connect.html)

login-connect-title = { $provider } koppelen
login-connect-heading = { $provider } koppelen?
login-connect-explanation = Je bent ingelogd. Als je doorgaat, wordt het { $provider }-account waarmee je inlogt aan dit account gekoppeld.
login-connect-submit = { $provider } koppelen

## Linked accounts (linkedaccounts.html)

linked-accounts-title = Gekoppelde accounts
linked-accounts-intro = Koppel je account aan deze diensten om ermee in te loggen.
linked-accounts-connect = Koppelen
linked-accounts-disconnect = Ontkoppelen
linked-accounts-reconnect = Opnieuw koppelen
linked-accounts-reconnect-hint = De opgeslagen autorisatie is verlopen: log opnieuw in met { $provider }
linked-accounts-sign-out-everywhere = Overal uitloggen
linked-accounts-sign-out-everywhere-hint = Beëindigt elke sessie van je account, op elk apparaat, ook dit

## Disconnecting a provider (disconnect.html)

disconnect-title = { $provider } ontkoppelen
disconnect-heading = { $provider } ontkoppelen?
disconnect-explanation = Je kunt dan niet meer inloggen met { $provider } en we verwijderen de toegang die we hebben gekregen.
disconnect-submit = Ontkoppelen

## Signing out (logout.html)

logout-title = Uitloggen
logout-heading = Uitloggen?
logout-submit = Uitloggen

## Sign-up step: the provider gave no usable e-mail address (signup.html)

signup-title = Registreren met { $provider }
signup-intro = { $provider } heeft ons geen bruikbaar e-mailadres gegeven. Vul er een in om het aanmaken van je account af te ronden.
signup-email-label = E-mailadres
signup-full-name-label = Volledige naam
signup-submit = Registreren

## Sign-up form errors (shown beside the field)

signup-error-email-missing = Vul je e-mailadres in.
signup-error-email-invalid = Vul een geldig e-mailadres in.
signup-error-email-domain = Het domein van dit e-mailadres is niet geldig zoals het geschreven is (controleer op tekens die op andere lijken of tekens met volledige breedte).
signup-error-email-registered = Dit e-mailadres is al geregistreerd. Log er eerst mee in en koppel daarna je account.
signup-error-email-taken = Dit e-mailadres is al geregistreerd.
signup-error-username-taken = Deze gebruikersnaam is al in gebruik.
signup-error-unconfirmed-claim-first = Er bestaat een account met dit e-mailadres, maar het is nooit bevestigd: log in op dat account en koppel, of ga verder met een nieuw account.

## "Is this your account?": an unconfirmed account claims the address (unconfirmed_claim.html)

unconfirmed-claim-title = Is dit jouw account?
unconfirmed-claim-intro = Hier bestaat een account met het adres { $email }, maar dat adres is nooit bevestigd.
unconfirmed-claim-mine-heading = Het is van mij
unconfirmed-claim-mine-explanation = Log in op dat account (met het wachtwoord ervan) en koppel er daarna { $provider } aan: { $provider } bevestigt dan het adres voor je.
unconfirmed-claim-mine-sign-in = Inloggen op mijn account
unconfirmed-claim-mine-no-login = Log in op dat account en koppel daarna { $provider } via je gekoppelde accounts.
unconfirmed-claim-not-mine-heading = Het is niet van mij
unconfirmed-claim-not-mine-explanation = Ga verder met een eigen nieuw account voor { $email }, ingelogd met { $provider }. Het andere account verliest zijn onbevestigde aanspraak op het adres; het houdt zijn wachtwoord en krijgt dit te horen bij de volgende keer inloggen.
unconfirmed-claim-not-mine-submit = Doorgaan met een nieuw account

## Following a confirmation link (confirm_email.html)

confirm-email-title = Een e-mailadres bevestigen
confirm-email-intro = Deze link bevestigt { $email } voor dit account:
confirm-email-account-username = Gebruikersnaam
confirm-email-account-name = Naam
confirm-email-account-created = Aangemaakt op
confirm-email-account-signs-in-with = Logt in met
confirm-email-account-password-only = alleen een wachtwoord
confirm-email-not-yours-warning = Als je dit account niet hebt aangemaakt, bevestig dan niet:
confirm-email-not-yours-explanation = negeer deze link en de e-mail waarin hij zat. Misschien heeft iemand je adres per ongeluk (of expres) ingevuld; zonder de houder van het account gebeurt er niets.
confirm-email-submit-signed-in = { $email } bevestigen voor mijn account
confirm-email-other-account = Je bent ingelogd op een ander account: deze link is daar niet voor bedoeld.
confirm-email-holder-only = Alleen de houder van dit account kan het adres ervan bevestigen.
confirm-email-password-label = Wachtwoord van dit account
confirm-email-submit-password = { $email } bevestigen
confirm-email-or-sign-in-with = Of log erop in met { $providers } en bevestig daarna.
confirm-email-sign-in-then-confirm = { $link } en bevestig daarna.
    .link = Log in op dit account

## "Check your inbox" (confirmation_sent.html)

confirmation-sent-title = Kijk in je inbox
confirmation-sent-created = Je account is aangemaakt. Volg de link die we naar je e-mailadres hebben gestuurd om het te bevestigen en log daarna in.
confirmation-sent-created-mail-failed = Je account is aangemaakt, maar de bevestigingsmail kon nu niet worden verstuurd. Vraag hieronder over een moment een nieuwe link aan.
confirmation-sent-resent = Als er een account met dit adres op bevestiging wacht, is er een nieuwe link onderweg.
confirmation-sent-resend-label = Niets ontvangen? Stuur een nieuwe link naar
confirmation-sent-resend-submit = Nieuwe link sturen

## E-mail settings (email_settings.html)

email-settings-title = E-mailadres
email-settings-ended-claim = Het adres { $email } hoort niet meer bij je account: het is nooit bevestigd en een ander account heeft het bevestigd (of de tijd om het te bevestigen is verstreken). Stel hieronder een adres in dat je kunt bevestigen.
email-settings-current = Je adres: { $email }
email-settings-confirmed = (bevestigd)
email-settings-unconfirmed = (niet bevestigd)
email-settings-resend-submit = Nieuwe bevestigingslink sturen
email-settings-no-address = Je account heeft geen e-mailadres: de eigenaar van het adres heeft aangetoond dat het van hem of haar is. Stel een ander adres in.
email-settings-new-label = Nieuw e-mailadres
email-settings-change-submit = Adres wijzigen

## One-time messages shown on the next page (flashes)

flash-linked = Je { $provider }-account is nu gekoppeld.
flash-disconnected = Je { $provider }-account is ontkoppeld.
flash-email-confirmed = Je e-mailadres { $email } is bevestigd.
flash-confirmation-sent = We hebben een bevestigingslink gestuurd naar { $email }.
flash-confirmation-resent = We hebben een nieuwe link gestuurd naar { $email }.
flash-already-confirmed = Je adres is al bevestigd.
flash-resend-cooldown = Er is net een link verstuurd; wacht even voordat je een nieuwe aanvraagt.
flash-email-changed = Je e-mailadres is gewijzigd.
flash-email-changed-mail-failed = Je adres is gewijzigd, maar de bevestigingsmail kon nu niet worden verstuurd. Vraag over een moment een nieuwe link aan.
flash-signup-mail-failed = Je account is aangemaakt, maar de bevestigingsmail kon niet worden verstuurd. Vraag een nieuwe link aan via je e-mailinstellingen.
flash-signed-out-everywhere = Je bent op alle apparaten uitgelogd.
flash-ended-claim = Het adres { $email } hoort niet meer bij je account: het is nooit bevestigd en een ander account heeft het bevestigd (of de tijd om het te bevestigen is verstreken). Stel een nieuw adres in via je e-mailinstellingen.

## Error pages: headings and messages by kind of failure (error.html)

error-forbidden-heading = Verzoek geweigerd
error-forbidden = Dit inlogverzoek kon niet worden geverifieerd (het is mogelijk verlopen of al gebruikt). Begin opnieuw.
error-not-found-heading = Niet gevonden
error-not-found = Deze inlogmethode bestaat niet.
error-bad-gateway-heading = Inloggen mislukt
error-bad-gateway = { $provider } antwoordde niet zoals verwacht. Er is niets gewijzigd; probeer het later opnieuw.
error-unavailable-heading = Tijdelijk niet beschikbaar
error-unavailable = De dienst is tijdelijk niet beschikbaar. Probeer het over een moment opnieuw.
error-misconfigured-heading = Inloggen niet beschikbaar
error-misconfigured = Deze inlogmethode is niet goed geconfigureerd. De beheerders zijn op de hoogte gebracht.
error-conflict-heading = Account bestaat al
error-refused-heading = Niet toegestaan
error-bad-request-heading = Dat is niet gelukt
error-malformed-request = Het verzoek kon niet worden gelezen.
error-request-too-large = Het verzoek is te groot.
error-rate-limited-heading = Te veel pogingen
error-rate-limited = Te veel inlogpogingen. Wacht even en probeer het opnieuw.
error-sign-in-required-heading = Inloggen vereist
error-sign-in-required = Log in om je gekoppelde accounts te beheren.
error-sign-in-link = Inloggen
error-resend-label = Stuur een nieuwe bevestigingslink naar
error-resend-submit = Versturen
error-render-failed-title = Fout
error-render-failed = Deze pagina kon niet worden weergegeven.
error-conflict = Dit conflicteert met een ander account. Er is niets gewijzigd.
error-csrf-header = De header X-CSRF-Token ontbreekt of is onjuist.
error-origin-not-allowed = Verzoeken vanaf deze origin zijn niet toegestaan.
error-invalid-state = Ongeldige state-parameter.

## Why a sign-in, link or confirmation ended (one per kind of error)

error-rejected = Je hebt het authenticatieverzoek geweigerd.
error-provider = { $provider } meldde een fout ({ $code }). Probeer het opnieuw.
error-unknown-app = Er bestaat geen inlogmethode met de naam ‘{ $app }’.
error-already-linked = De externe dienst is al aan een ander account gekoppeld.
error-link-only = { $provider } kan alleen aan een bestaand account worden gekoppeld. Log eerst in.
error-account-disabled = Dit account is uitgeschakeld.
error-not-linked = Er is geen { $provider }-account gekoppeld.
error-reconnect-required = Je { $provider }-account moet opnieuw worden gekoppeld.
error-no-signup-in-progress = Er loopt geen registratie voor { $provider }. Log opnieuw in.
error-last-login-method = { $provider } is je enige manier om in te loggen. Stel eerst een wachtwoord in of koppel een ander account.
error-email-in-use = Er bestaat al een account met dit e-mailadres. Log daar eerst op in en koppel daarna { $provider } via Gekoppelde accounts.
error-signup-closed = Registreren is gesloten: er kunnen geen nieuwe accounts worden aangemaakt. Heb je al een account, log daar dan op in.
error-not-in-allowed-group = Je account hoort niet bij een groep die hier is toegestaan.
error-email-unconfirmed = Bevestig eerst je e-mailadres: volg de link die we je hebben gestuurd of vraag een nieuwe aan.
error-mail-unavailable = De bevestigingsmail kon nu niet worden verstuurd. Probeer het later opnieuw.
error-login-option = Dit inlogverzoek is geweigerd: { $reason }.
error-confirmation-invalid = Deze bevestigingslink is niet geldig.
error-confirmation-expired = Deze bevestigingslink is verlopen. Vraag een nieuwe aan.
error-confirmation-used = Deze bevestigingslink is al gebruikt.
error-confirmation-other-address = Deze bevestigingslink is naar een ander adres gestuurd dan je huidige.
error-confirmation-not-holder = Alleen de houder van dit account kan het adres ervan bevestigen: log erop in of vul het wachtwoord ervan in.
error-confirmation-held-by-another = Een ander account heeft dit adres eerder bevestigd.

## Per-login options a request may carry (prompt, login_hint, max_age, acr_values, scope,
## remember). $option is the option's name as sent (e.g. max_age): do not translate it.

login-option-not-allowed = de optie `{ $option }` is niet toegestaan voor deze inlogmethode
login-option-scope-not-allowed = de optie `scope` mag voor deze inlogmethode geen `{ $scope }` aanvragen
login-option-invalid = ongeldige waarde voor `{ $option }`: { $reason }
login-option-repeated = de optie `{ $option }` is meer dan eens opgegeven
login-option-reason-prompt-values = gebruik none, login, consent of select_account, gescheiden door spaties
login-option-reason-prompt-repeated = een waarde komt meer dan eens voor
login-option-reason-prompt-none-alone = `none` kan niet met andere waarden worden gecombineerd
login-option-reason-login-hint = gebruik hoogstens { $max } tekens, geen stuurtekens
login-option-reason-max-age = gebruik een geheel aantal seconden van 0 tot en met { $max }
login-option-reason-acr-values = gebruik afdrukbare waarden gescheiden door spaties, hoogstens { $max } tekens
login-option-reason-scope-empty = geef minstens één scope op
login-option-reason-remember = gebruik 1 of 0

## JSON API messages (beside a stable machine "code")

api-sign-in-required = Inloggen vereist.
api-disconnected = Ontkoppelen gelukt.
api-signed-up = Registreren gelukt.
api-confirmation-required = Account aangemaakt. Bevestig het e-mailadres via de link die we hebben gestuurd en log daarna in.
api-invalid-form = Corrigeer het formulier.
api-error-bad-gateway = { $provider } antwoordde niet zoals verwacht.
api-error-unavailable = De dienst is tijdelijk niet beschikbaar.
api-error-misconfigured = Deze inlogmethode is niet goed geconfigureerd.

## A REST app's flow result, sent to it as ?message=

rest-authorized = Autoriseren gelukt.
rest-signup-required = Er is meer informatie nodig om te registreren.
rest-unconfirmed-claim = Er bestaat een account met dit e-mailadres, maar het is nooit bevestigd: als het van jou is, log erop in en koppel opnieuw; zo niet, ga dan verder.

## The confirmation mail (email/confirm_subject.txt, confirm.txt, confirm.html)

email-confirm-subject = Bevestig je e-mailadres
email-confirm-greeting = Hallo,
email-confirm-intro = Iemand heeft op { $site } een account aangemaakt of gewijzigd met dit e-mailadres: { $email }.
email-confirm-account-username = Gebruikersnaam: { $username }
email-confirm-account-created = Aangemaakt op: { $date }
email-confirm-instructions-text = Als dit account van jou is, bevestig het adres dan door deze link te openen (je wordt gevraagd in te loggen op het account of het wachtwoord ervan in te vullen):
email-confirm-instructions-html = Als dit account van jou is, bevestig het adres dan (je wordt gevraagd in te loggen op het account of het wachtwoord ervan in te vullen):
email-confirm-link-label = Het e-mailadres van mijn account bevestigen
email-confirm-expiry =
    { $hours ->
        [one] De link werkt één keer en verloopt over { $hours } uur.
       *[other] De link werkt één keer en verloopt over { $hours } uur.
    }
email-confirm-not-yours-warning = Als je dit account niet hebt aangemaakt, negeer dit bericht dan en bevestig niet:
email-confirm-not-yours-explanation = het adres blijft van jou en zonder de link en het wachtwoord van het account gebeurt er niets.
