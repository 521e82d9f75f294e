### The demo's own pages (oauthclient-demo): fr catalog.

## The demo: navigation (base.html, oauthclient_base.html)

demo-brand = Démo oauthclient-rs
demo-nav-home = Accueil
demo-nav-mailbox = Boîte aux lettres
demo-nav-email = E-mail
demo-nav-email-unconfirmed = (non confirmée)
demo-nav-sign-in = Se connecter
demo-nav-register = S’inscrire
demo-nav-sign-out = Se déconnecter

## The demo: home page (home.html)

demo-home-welcome = Bienvenue
demo-home-welcome-name = Bienvenue, { $name }
demo-home-sign-in-heading = Se connecter
demo-home-linked-intro = Services liés à votre compte, et d’autres que vous pouvez associer :
demo-home-sign-in-intro = Utilisez un compte que vous avez déjà :
demo-home-linked = { $provider } lié ✓
demo-home-sign-in-with = Se connecter avec { $provider }
demo-home-password-sign-in = Ou { $link }.
    .link = connectez-vous avec votre e-mail et votre mot de passe
demo-home-sandbox = Mode bac à sable : le fournisseur à l’adresse { $url } est une simulation locale ; n’importe quel nom d’utilisateur et mot de passe fonctionnent.

## The demo: password sign-in and registration (login.html, register.html, local_accounts.rs)

demo-login-title = Se connecter
demo-login-identifier-label = Adresse e-mail ou nom d’utilisateur
demo-login-password-label = Mot de passe
demo-login-submit = Se connecter
demo-login-no-account = Pas de compte ? { $register }, ou connectez-vous avec un fournisseur sur la { $home }.
    .register = Inscrivez-vous
    .home = page d’accueil
demo-login-wrong-credentials = Adresse e-mail ou mot de passe incorrect.
demo-login-email-unconfirmed = Veuillez d’abord confirmer votre adresse e-mail : suivez le lien que nous vous avons envoyé, ou demandez-en un nouveau ci-dessous.
demo-login-rate-limited =
    { $seconds ->
        [one] Trop de tentatives de connexion. Veuillez patienter { $seconds } seconde, puis réessayer.
       *[other] Trop de tentatives de connexion. Veuillez patienter { $seconds } secondes, puis réessayer.
    }
demo-register-title = S’inscrire
demo-register-username-label = Nom d’utilisateur (facultatif : un second moyen de vous connecter)
demo-register-password-label = Mot de passe (au moins { $min } caractères)
demo-register-submit = S’inscrire
demo-register-password-too-short = Veuillez choisir un mot de passe d’au moins { $min } caractères.
demo-register-password-unusable = Ce mot de passe ne peut pas être utilisé.
demo-register-username-at = Un nom d’utilisateur ne peut pas contenir « @ » (il serait lu comme une adresse e-mail).
demo-check-inbox-resend-label = Envoyer un nouveau lien à
demo-flash-created = Votre compte a été créé.
demo-flash-created-link-sent = Votre compte a été créé. Nous vous avons envoyé un lien pour confirmer votre adresse e-mail.
demo-flash-created-mail-failed = Votre compte a été créé, mais l’e-mail de confirmation n’a pas pu être envoyé. Demandez un nouveau lien dans la rubrique E-mail.
demo-error-form-expired = Le formulaire a expiré ; veuillez recharger la page.
demo-not-found = Introuvable.

## The demo: sandbox mailbox (mailbox.html)

demo-mailbox-title = Boîte aux lettres du bac à sable
demo-mailbox-intro = La démo fonctionne sans serveur SMTP : les e-mails qu’elle enverrait sont conservés ici, du plus récent au plus ancien, jusqu’à son arrêt.
demo-mailbox-to = À :
demo-mailbox-subject = Objet :
demo-mailbox-empty = Aucun e-mail pour l’instant.
demo-mailbox-smtp = Les e-mails sont envoyés par le serveur SMTP configuré.

## The sandbox sign-in method, shown on the library's pages

app-sandbox-title = Bac à sable
app-sandbox-description = Un fournisseur simulé en local : n’importe quel nom d’utilisateur et mot de passe fonctionnent.
