// A real-browser test of the axum example app (examples/axum-app) configured with an app on a
// certified OpenID Provider (npm oidc-provider, started by `cargo xtask integration`), the
// oauthclient pages mounted under the path of its site URL (`/auth`). Sign-in and consent at
// the provider, back signed in on the app's own page, the linked accounts page under the
// prefix, sign-out through the confirmation page and the provider's RP-initiated logout.
// Every step ends with a full-page screenshot.
//
//   node axum.mjs SITE_URL ISSUER SCREENSHOT_DIR     (SITE_URL: http://127.0.0.1:PORT/auth)

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
  console.error('usage: node axum.mjs SITE_URL ISSUER SCREENSHOT_DIR');
  process.exit(2);
}
// The app's own pages are at the origin; the library's under the site URL's path.
const prefix = new URL(siteArg).pathname.replace(/\/+$/, '');
configure(new URL(siteArg).origin, shotDirArg);
const issuerOrigin = new URL(issuerArg).origin;

/** `/whoami`: the signed-in user's id, or "anonymous". */
async function whoami(page) {
  const response = await navigate(page, () => page.goto(`${site}/whoami`));
  expectStatus(response, 200);
  return (await page.locator('body').innerText()).trim();
}

async function flow(page) {
  step('1. the home page offers "Sign in with OpenID Provider" under the prefix');
  expectStatus(await navigate(page, () => page.goto(`${site}/`)), 200);
  const signIn = page.getByRole('link', { name: 'Sign in with OpenID Provider' });
  await expectVisible(signIn, 'the OpenID Connect sign-in link');
  const href = await signIn.getAttribute('href');
  check(href === `${prefix}/oauth/login/oidc/`, `the sign-in link is ${href}`);
  check((await whoami(page)) === 'anonymous', 'anonymous before signing in');
  await navigate(page, () => page.goto(`${site}/`));
  await shot(page, 'axum-home');

  step('2. sign in at the provider as "ada" and consent: back on the app, signed in');
  await navigate(page, () => signIn.click());
  expectStatus(await providerLoginAndConsent(page, issuerOrigin, 'ada', 'axum-ada'), 200);
  expectPath(page, '/');
  const who = page.getByTestId('signed-in-as');
  await expectVisible(who, '"signed in as"');
  const shown = (await who.innerText()).trim();
  check(shown === 'ada@example.org', `expected ada@example.org, the page shows "${shown}"`);
  await shot(page, 'axum-signed-in');
  const userId = await whoami(page);
  check(userId !== '' && userId !== 'anonymous', `/whoami says "${userId}"`);
  await shot(page, 'axum-whoami');

  step('3. linked accounts (under the prefix) shows the provider connected');
  await navigate(page, () => page.goto(`${site}/`));
  await navigate(page, () => page.getByTestId('linked-accounts').click());
  expectPath(page, `${prefix}/account/settings/linkedaccounts/`);
  const row = page.locator('li[data-app=oidc]');
  await expectVisible(row.locator('[data-action=disconnect]'), 'Disconnect (connected)');
  await shot(page, 'axum-linked-accounts');

  step('4. sign out: the confirmation page, then the provider ends its session too');
  await navigate(page, () => page.goto(`${site}/`));
  await navigate(page, () => page.getByTestId('sign-out').click());
  expectPath(page, `${prefix}/oauth/logout`);
  await shot(page, 'axum-sign-out');
  await navigate(page, () => page.locator('[data-action=confirm-logout]').click());
  await providerLogout(page, issuerOrigin, 'axum-provider-logout');
  expectPath(page, '/');
  check((await page.getByTestId('signed-in-as').count()) === 0, 'signed out on the home page');
  await shot(page, 'axum-signed-out');
  check((await whoami(page)) === 'anonymous', '/whoami is anonymous after signing out');

  expectCleanRun();
}

run('axum app OpenID Connect browser flow', flow);
