// A real-browser test of oauthclient-demo in sandbox mode: headless Debian chromium driven by
// playwright-core, clicking through sign-up, the lock-out guard, linking, disconnecting and
// signing in again. Every step ends with a full-page screenshot.
//
//   node flow.mjs SITE_URL SANDBOX_URL SCREENSHOT_DIR
//
// `cargo xtask integration` starts the demo, installs playwright-core into
// target/browser-tests/ and runs this with NODE_PATH pointing there. Requests to any host but
// 127.0.0.1 / localhost are aborted, and counted as a failure: the pages must work offline.

import {
  check,
  configure,
  expectCleanRun,
  expectPath,
  expectStatus,
  expectText,
  expectVisible,
  navigate,
  run,
  sandboxDecide,
  sandboxLogin as signInAtSandbox,
  shot,
  site,
  step,
} from './lib.mjs';

const [siteArg, sandboxArg, shotDirArg] = process.argv.slice(2);
if (!siteArg || !sandboxArg || !shotDirArg) {
  console.error('usage: node flow.mjs SITE_URL SANDBOX_URL SCREENSHOT_DIR');
  process.exit(2);
}
configure(siteArg, shotDirArg);
const sandboxOrigin = new URL(sandboxArg).origin;

async function expectSignedInAs(page, email) {
  const who = page.getByTestId('signed-in-as');
  await expectVisible(who, `"signed in as ${email}"`);
  const shown = (await who.innerText()).trim();
  check(shown === email, `expected to be signed in as ${email}, the page shows "${shown}"`);
}

async function expectSignedOut(page) {
  check(
    (await page.getByTestId('signed-in-as').count()) === 0,
    'expected to be signed out, but the page shows a signed-in user',
  );
  await expectText(page, 'Sign in with Sandbox');
}

async function expectFlash(page, category, text) {
  const flash = page.locator(`.flash.${category}`, { hasText: text });
  await expectVisible(flash, `a ${category} message containing "${text}"`);
}

/** On the sandbox's login page: signs in as `username`, then expects the consent page. */
function sandboxLogin(page, username, shareEmail, shotName) {
  return signInAtSandbox(page, username, shareEmail, { sandboxOrigin, shotName });
}

function approve(page) {
  return sandboxDecide(page);
}

function sandboxRow(page) {
  return page.locator('li[data-app=sandbox]');
}

async function logout(page) {
  await navigate(page, () => page.goto(`${site}/`));
  await navigate(page, () => page.getByTestId('logout').click());
  expectPath(page, '/');
  await expectSignedOut(page);
}

/** Registers `email` with a password and `username`, never confirming it, and signs out. */
async function registerUnconfirmed(page, email, username) {
  await navigate(page, () => page.goto(`${site}/register`));
  await page.getByTestId('register-email').fill(email);
  await page.getByTestId('register-username').fill(username);
  await page.getByTestId('register-password').fill('correct horse battery');
  await navigate(page, () => page.getByTestId('register-submit').click());
  await expectSignedInAs(page, email);
  await expectText(page, 'E-mail (unconfirmed)');
  await logout(page);
}

/** Signs in with Sandbox as `username` (e-mail shared): the site asks "Is this your account?". */
async function sandboxMeetsTheClaim(page, username, shotName) {
  await navigate(page, () => page.getByTestId('sign-in-sandbox').click());
  await sandboxLogin(page, username, true, shotName);
  expectStatus(await approve(page), 200);
  expectPath(page, '/oauth/signup/sandbox/');
  await expectText(page, 'Is this your account?');
  await expectVisible(page.locator('[data-unconfirmed-claim]'), 'the unconfirmed-claim notice');
  await shot(page, `${shotName}-choice`);
}

// Account linking, round 2: a provider sign-in that meets an account which claims the same
// address without having confirmed it asks first, and both answers keep every account.
async function unconfirmedClaimChoice(page) {
  step('e1. carol registers carol@sandbox.example with a password and never confirms it');
  await registerUnconfirmed(page, 'carol@sandbox.example', 'carol');

  step('e2. carol signs in with Sandbox (same address, verified): "is this your account?"');
  await sandboxMeetsTheClaim(page, 'carol', 'sandbox-carol');

  step('e3. "it is mine": sign in with the password, then connect Sandbox');
  await navigate(page, () => page.locator('[data-choice=mine] [data-sign-in]').click());
  expectPath(page, '/login');
  await page.getByTestId('login-email').fill('carol');
  await page.getByTestId('login-password').fill('correct horse battery');
  await navigate(page, () => page.getByTestId('login-submit').click());
  await expectVisible(page.locator('[data-action=confirm-connect]'), 'Connect Sandbox');
  await shot(page, 'carol-connect');
  await navigate(page, () => page.locator('[data-action=confirm-connect]').click());
  await sandboxLogin(page, 'carol', true, 'sandbox-carol-connect');
  expectStatus(await approve(page), 200);
  await expectFlash(page, 'success', 'now linked');
  await navigate(page, () => page.goto(`${site}/`));
  await expectSignedInAs(page, 'carol@sandbox.example');
  check(
    (await page.getByText('E-mail (unconfirmed)').count()) === 0,
    "Sandbox's verified address should have confirmed carol's own",
  );
  await shot(page, 'carol-linked-and-confirmed');
  await logout(page);

  step('e4. dave registers dave@sandbox.example (username "dave"), never confirms it');
  await registerUnconfirmed(page, 'dave@sandbox.example', 'dave');

  step('e5. someone signs in with Sandbox as "dave" and answers "it is not mine"');
  await sandboxMeetsTheClaim(page, 'dave', 'sandbox-dave');
  await navigate(page, () =>
    page.getByRole('button', { name: 'Continue with a new account' }).click(),
  );
  expectPath(page, '/');
  await expectSignedInAs(page, 'dave@sandbox.example');
  await shot(page, 'dave-new-account');
  await logout(page);

  step('e6. the first account still signs in with its username and password, and is told');
  await navigate(page, () => page.goto(`${site}/login`));
  await page.getByTestId('login-email').fill('dave');
  await page.getByTestId('login-password').fill('correct horse battery');
  await navigate(page, () => page.getByTestId('login-submit').click());
  await expectFlash(page, 'warning', 'is no longer on your account');
  await shot(page, 'dave-first-account-told');
  await logout(page);
}

// --- the flow --------------------------------------------------------------------------------

async function flow(page) {
  step('a1. home page offers "Sign in with Sandbox"');
  expectStatus(await navigate(page, () => page.goto(`${site}/`)), 200);
  await expectSignedOut(page);
  await shot(page, 'home');

  step('a2. sign in with Sandbox as "ada", e-mail not shared, then the consent page');
  await navigate(page, () => page.getByTestId('sign-in-sandbox').click());
  await sandboxLogin(page, 'ada', false, 'sandbox-ada');

  step('a3. approve: the sign-up form asks for an e-mail address');
  expectStatus(await approve(page), 200);
  expectPath(page, '/oauth/signup/sandbox/');
  const email = page.locator('input[name=email]');
  await expectVisible(email, 'the sign-up e-mail field');
  await shot(page, 'signup-form');

  step('a4. an invalid e-mail address is refused');
  await email.fill('not-an-address');
  check(
    await email.evaluate((input) => input.validity.typeMismatch),
    'the browser accepted "not-an-address" as an e-mail address',
  );
  // Past the browser's own check, the server must refuse it too.
  await email.evaluate((input) => {
    input.form.noValidate = true;
  });
  const refused = await navigate(page, () => page.getByRole('button', { name: 'Sign up' }).click());
  expectStatus(refused, 400);
  expectPath(page, '/oauth/signup/sandbox/');
  await expectVisible(page.locator('.error[data-field=email]'), 'the e-mail error message');
  await shot(page, 'signup-invalid-email');

  step('a5. a valid e-mail address signs ada up and in');
  await page.locator('input[name=email]').fill('ada@demo.example');
  await navigate(page, () => page.getByRole('button', { name: 'Sign up' }).click());
  expectPath(page, '/');
  await expectSignedInAs(page, 'ada@demo.example');
  await shot(page, 'signed-up-ada');

  step('b1. linked accounts lists Sandbox with a Disconnect button');
  await navigate(page, () => page.goto(`${site}/account/settings/linkedaccounts/`));
  await expectVisible(sandboxRow(page), 'the Sandbox row');
  await expectVisible(sandboxRow(page).locator('[data-action=disconnect]'), 'Disconnect (Sandbox)');
  await shot(page, 'linked-accounts-ada');

  step('b2. disconnecting the only way ada can sign in is refused');
  const guard = await navigate(page, () =>
    sandboxRow(page).locator('[data-action=disconnect]').click(),
  );
  expectStatus(guard, 400);
  await expectText(page, 'only way to sign in');
  await shot(page, 'disconnect-refused');

  step('c1. sign out');
  await logout(page);
  await shot(page, 'signed-out');

  step('c2. register bob@demo.example with a password');
  await navigate(page, () => page.getByRole('link', { name: 'Register', exact: true }).click());
  expectPath(page, '/register');
  await page.getByTestId('register-email').fill('bob@demo.example');
  await page.getByTestId('register-password').fill('correct horse battery');
  await shot(page, 'register-form');
  await navigate(page, () => page.getByTestId('register-submit').click());
  expectPath(page, '/');
  await expectSignedInAs(page, 'bob@demo.example');
  await expectFlash(page, 'success', 'account was created');
  await shot(page, 'registered-bob');
  await expectText(page, 'E-mail (unconfirmed)');

  step('c2b. the sandbox mailbox holds bob\'s confirmation mail; its link confirms the address');
  await navigate(page, () => page.getByTestId('mailbox').click());
  expectPath(page, '/mailbox');
  const newest = page.getByTestId('message').first();
  await expectVisible(newest, 'the newest message in the sandbox mailbox');
  const to = (await newest.getByTestId('message-to').innerText()).trim();
  check(to === 'bob@demo.example', `the newest mail goes to bob@demo.example, not "${to}"`);
  await shot(page, 'mailbox-bob');
  const confirmLink = newest.locator('[data-testid=message-link][href*="/oauth/confirm-email/"]');
  await navigate(page, () => confirmLink.first().click());
  await expectText(page, 'Confirm an e-mail address');
  await expectText(page, 'If you did not create this account');
  await shot(page, 'confirm-page-bob');
  await navigate(page, () => page.getByRole('button', { name: 'Confirm' }).click());
  expectPath(page, '/');
  await expectFlash(page, 'success', 'is confirmed');
  check(
    (await page.getByText('E-mail (unconfirmed)').count()) === 0,
    'after confirming, the banner still says the address is unconfirmed',
  );
  await shot(page, 'confirmed-bob');

  step('c3. linked accounts: Connect Sandbox as "bob", e-mail shared');
  await navigate(page, () => page.getByRole('link', { name: 'Linked accounts' }).click());
  expectPath(page, '/account/settings/linkedaccounts/');
  await expectVisible(sandboxRow(page).locator('[data-action=connect]'), 'Connect (Sandbox)');
  await shot(page, 'linked-accounts-bob');
  await navigate(page, () => sandboxRow(page).locator('[data-action=connect]').click());
  await sandboxLogin(page, 'bob', true, 'sandbox-bob');

  step('c4. approve: back on linked accounts, Sandbox is linked');
  expectStatus(await approve(page), 200);
  expectPath(page, '/account/settings/linkedaccounts/');
  await expectFlash(page, 'success', 'now linked');
  await expectVisible(sandboxRow(page).locator('[data-action=disconnect]'), 'Disconnect (Sandbox)');
  await shot(page, 'linked-bob');

  step('c5. bob has a password, so disconnecting works');
  await navigate(page, () => sandboxRow(page).locator('[data-action=disconnect]').click());
  expectPath(page, '/account/settings/linkedaccounts/');
  await expectFlash(page, 'success', 'disconnected');
  await expectVisible(sandboxRow(page).locator('[data-action=connect]'), 'Connect (Sandbox)');
  await shot(page, 'disconnected-bob');

  step('d1. sign out; ada signs in again with Sandbox');
  await logout(page);
  await navigate(page, () => page.getByTestId('sign-in-sandbox').click());
  await sandboxLogin(page, 'ada', false, 'sandbox-ada-again');

  step('d2. approve: ada is signed in as ada@demo.example (a returning user)');
  expectStatus(await approve(page), 200);
  expectPath(page, '/');
  await expectSignedInAs(page, 'ada@demo.example');
  await shot(page, 'returning-ada');

  await unconfirmedClaimChoice(page);

  expectCleanRun();
}

run('browser flow', flow);
