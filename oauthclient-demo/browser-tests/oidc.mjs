// A real-browser test of OpenID Connect in oauthclient-demo: the demo configured with an app
// on a certified OpenID Provider (npm oidc-provider, started by `cargo xtask integration`),
// whose own login and consent pages are filled in here. Sign-up of a new user, the linked
// accounts page, connecting the provider to a local account and disconnecting it, and the
// RP-initiated logout. Every step ends with a full-page screenshot.
//
//   node oidc.mjs SITE_URL ISSUER SCREENSHOT_DIR

import {
  check,
  configure,
  expectCleanRun,
  expectPath,
  expectStatus,
  expectVisible,
  navigate,
  providerLoginAndConsent,
  providerLogout,
  run,
  shot,
  site,
  step,
} from './lib.mjs';

const [siteArg, issuerArg, shotDirArg] = process.argv.slice(2);
if (!siteArg || !issuerArg || !shotDirArg) {
  console.error('usage: node oidc.mjs SITE_URL ISSUER SCREENSHOT_DIR');
  process.exit(2);
}
configure(siteArg, shotDirArg);
const issuerOrigin = new URL(issuerArg).origin;

async function expectSignedInAs(page, email) {
  const who = page.getByTestId('signed-in-as');
  await expectVisible(who, `"signed in as ${email}"`);
  const shown = (await who.innerText()).trim();
  check(shown === email, `expected to be signed in as ${email}, the page shows "${shown}"`);
}

function oidcRow(page) {
  return page.locator('li[data-app=oidc]');
}

async function flow(page) {
  step('a1. the home page offers "Sign in with OpenID Provider"');
  expectStatus(await navigate(page, () => page.goto(`${site}/`)), 200);
  await expectVisible(page.getByTestId('sign-in-oidc'), 'the OpenID Connect sign-in button');
  await shot(page, 'oidc-home');

  step('a2. sign in at the provider as "grace" and consent: signed up and in');
  await navigate(page, () => page.getByTestId('sign-in-oidc').click());
  expectStatus(await providerLoginAndConsent(page, issuerOrigin, 'grace', 'grace'), 200);
  expectPath(page, '/');
  await expectSignedInAs(page, 'grace@example.org');
  await shot(page, 'oidc-signed-up-grace');

  step('a3. linked accounts lists the provider');
  await navigate(page, () => page.goto(`${site}/account/settings/linkedaccounts/`));
  await expectVisible(oidcRow(page).locator('[data-action=disconnect]'), 'Disconnect (OIDC)');
  await shot(page, 'oidc-linked-accounts-grace');

  step('a4. sign out: the provider asks to end its session too (RP-initiated logout)');
  await navigate(page, () => page.goto(`${site}/`));
  await navigate(page, () => page.getByTestId('logout').click());
  await providerLogout(page, issuerOrigin, 'oidc-provider-logout');
  expectPath(page, '/');
  check(
    (await page.getByTestId('signed-in-as').count()) === 0,
    'expected to be signed out after the provider logout',
  );
  await shot(page, 'oidc-signed-out');

  step('b1. register heidi@demo.example with a password');
  await navigate(page, () => page.getByRole('link', { name: 'Register', exact: true }).click());
  await page.getByTestId('register-email').fill('heidi@demo.example');
  await page.getByTestId('register-password').fill('correct horse battery');
  await navigate(page, () => page.getByTestId('register-submit').click());
  await expectSignedInAs(page, 'heidi@demo.example');

  step('b2. linked accounts: Connect the provider as "heidi"');
  await navigate(page, () => page.goto(`${site}/account/settings/linkedaccounts/`));
  await expectVisible(oidcRow(page).locator('[data-action=connect]'), 'Connect (OIDC)');
  await navigate(page, () => oidcRow(page).locator('[data-action=connect]').click());
  expectStatus(await providerLoginAndConsent(page, issuerOrigin, 'heidi', 'heidi'), 200);
  expectPath(page, '/account/settings/linkedaccounts/');
  await expectVisible(oidcRow(page).locator('[data-action=disconnect]'), 'Disconnect (OIDC)');
  await shot(page, 'oidc-linked-heidi');

  step('b3. disconnect: heidi has a password, so it works');
  await navigate(page, () => oidcRow(page).locator('[data-action=disconnect]').click());
  expectPath(page, '/account/settings/linkedaccounts/');
  await expectVisible(page.locator('.flash.success', { hasText: 'disconnected' }), 'the success message');
  await expectVisible(oidcRow(page).locator('[data-action=connect]'), 'Connect (OIDC) again');
  await shot(page, 'oidc-disconnected-heidi');

  expectCleanRun();
}

run('OpenID Connect browser flow', flow);
