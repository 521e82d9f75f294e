// Shared by the browser tests (flow.mjs: the sandbox flow; oidc.mjs and axum.mjs: OpenID
// Connect against oidc-provider, the demo and the axum example app; spa.mjs: the single-page
// app on the JSON API; form_post.mjs: response_mode=form_post, cross-site; i18n-walk.mjs: every
// page in the pseudo-locale and three languages): chromium launched headless with every
// off-machine request aborted, navigation that waits for the next page, checks that fail with
// what the page said, the sandbox provider's pages, and a numbered full-page screenshot per step.

import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

export const STEP_TIMEOUT_MS = 10_000;
export const NAVIGATION_TIMEOUT_MS = 15_000;
const OVERALL_TIMEOUT_MS = 180_000;
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The site under test (no trailing slash) and where screenshots go; set by `configure`. */
export let site = '';
let shotDir = '';
/** How many screenshots were taken before the current directory was set (numbering restarts). */
let shotsBefore = 0;

/**
 * Sets the site and the screenshot directory, and arms the overall watchdog (`timeoutMs`, 3
 * minutes unless a longer test says otherwise).
 */
export function configure(siteUrl, screenshotDir, { timeoutMs = OVERALL_TIMEOUT_MS } = {}) {
  site = siteUrl.replace(/\/+$/, '');
  setScreenshotDir(screenshotDir);
  const watchdog = setTimeout(() => {
    console.error(`browser test: gave up after ${timeoutMs / 1000} s`);
    process.exit(1);
  }, timeoutMs);
  watchdog.unref();
}

/** Later screenshots go to `screenshotDir` (created), numbered from 01 again. */
export function setScreenshotDir(screenshotDir) {
  shotDir = path.resolve(screenshotDir);
  mkdirSync(shotDir, { recursive: true });
  shotsBefore = screenshots.length;
}

// A CommonJS require honours NODE_PATH (an ES `import` would not).
const require = createRequire(import.meta.url);
let chromium;
try {
  ({ chromium } = require('playwright-core'));
} catch (err) {
  console.error(
    `browser test: cannot load playwright-core (${err.message}).\n` +
      'Run this through `cargo xtask integration`, which installs it and sets NODE_PATH.',
  );
  process.exit(2);
}

// --- small helpers ---------------------------------------------------------------------------

export const screenshots = [];
export const blocked = [];
export const pageErrors = [];

export function check(condition, message) {
  if (!condition) throw new Error(message);
}

export function step(label) {
  console.log(`step ${label}`);
}

export async function shot(page, name) {
  const number = screenshots.length - shotsBefore + 1;
  const file = path.join(shotDir, `${String(number).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  screenshots.push(file);
  console.log(`     screenshot ${file}`);
}

/** Runs `action` (a click, a goto) and waits for the page it leads to; returns its response. */
export async function navigate(page, action) {
  const responses = [];
  const onResponse = (response) => {
    if (response.frame() === page.mainFrame() && response.request().isNavigationRequest()) {
      responses.push(response);
    }
  };
  page.on('response', onResponse);
  try {
    await Promise.all([page.waitForEvent('load', { timeout: NAVIGATION_TIMEOUT_MS }), action()]);
  } finally {
    page.off('response', onResponse);
  }
  const last = responses.at(-1);
  check(last, `no page was loaded (still at ${page.url()})`);
  console.log(`     -> ${last.status()} ${shortUrl(page.url())}`);
  return last;
}

export async function bodyText(page) {
  return page.locator('body').innerText();
}

export async function expectText(page, text) {
  const body = await bodyText(page);
  check(body.includes(text), `expected the page to say "${text}"; it says:\n${snippet(body)}`);
}

/** The URL without its query string (the authorize URLs are long). */
export function shortUrl(href) {
  const url = new URL(href);
  return `${url.origin}${url.pathname}${url.search ? '?...' : ''}`;
}

export function snippet(text) {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 600 ? `${flat.slice(0, 600)}...` : flat;
}

export function expectPath(page, expected) {
  const url = new URL(page.url());
  check(
    url.origin === new URL(site).origin && url.pathname === expected,
    `expected to be on ${site}${expected}, but the page is ${page.url()}`,
  );
}

export function expectStatus(response, expected) {
  check(
    response.status() === expected,
    `expected HTTP ${expected} from ${response.url()}, got ${response.status()}`,
  );
}

export async function expectVisible(locator, what) {
  try {
    await locator.first().waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  } catch {
    throw new Error(`expected ${what} to be visible`);
  }
}

// --- the sandbox provider's pages (flow.mjs, i18n-walk.mjs) -------------------------------

/**
 * On the sandbox provider's login page: signs in as `username`, sharing the e-mail address or
 * not, then expects the consent page. `sandboxOrigin`, when the test knows it, must be the
 * page's; `shotName` takes a screenshot of both pages.
 */
export async function sandboxLogin(page, username, shareEmail, { sandboxOrigin, shotName } = {}) {
  const origin = new URL(page.url()).origin;
  check(
    sandboxOrigin ? origin === sandboxOrigin : origin !== new URL(site).origin,
    `expected the sandbox provider's page${sandboxOrigin ? ` (${sandboxOrigin})` : ''}, got ${page.url()}`,
  );
  await expectVisible(page.getByTestId('sandbox-username'), 'the sandbox username field');
  await page.getByTestId('sandbox-username').fill(username);
  await page.getByTestId('sandbox-password').fill('any password at all');
  const share = page.getByTestId('sandbox-share-email');
  await (shareEmail ? share.check() : share.uncheck());
  check((await share.isChecked()) === shareEmail, 'the "share my e-mail" box did not change');
  if (shotName) await shot(page, `${shotName}-login`);

  const consent = await navigate(page, () => page.getByTestId('sandbox-login').click());
  expectStatus(consent, 200);
  await expectVisible(page.getByTestId('sandbox-approve'), 'the sandbox Approve button');
  const who = await page.getByTestId('sandbox-user').innerText();
  check(who.includes(username), `the consent page names "${who}", not ${username}`);
  check(
    shareEmail === !who.includes('not shared'),
    `the consent page says "${who}" though share e-mail was ${shareEmail ? 'ticked' : 'unticked'}`,
  );
  if (shotName) await shot(page, `${shotName}-consent`);
}

/** On the sandbox provider's consent page: approves (or denies); back on the site. */
export async function sandboxDecide(page, decision = 'approve') {
  const response = await navigate(page, () => page.getByTestId(`sandbox-${decision}`).click());
  check(
    new URL(page.url()).origin === new URL(site).origin,
    `after ${decision} the browser should be back on the site, it is at ${page.url()}`,
  );
  return response;
}

// --- oidc-provider's pages (oidc.mjs, axum.mjs) ---------------------------------------------

/** The page must be the OpenID Provider's (at `issuerOrigin`). */
export function expectProvider(page, issuerOrigin) {
  check(
    new URL(page.url()).origin === issuerOrigin,
    `expected the OpenID Provider's page (${issuerOrigin}), got ${page.url()}`,
  );
}

/**
 * On oidc-provider's sign-in page: signs in as `login` and consents; back at `backOrigin`
 * (the site's, unless a `next` leads elsewhere).
 */
export async function providerLoginAndConsent(page, issuerOrigin, login, shotName, backOrigin) {
  expectProvider(page, issuerOrigin);
  await expectVisible(page.locator('input[name=login]'), 'the provider login field');
  await page.locator('input[name=login]').fill(login);
  await page.locator('input[name=password]').fill('any password');
  await shot(page, `${shotName}-provider-login`);
  await navigate(page, () => page.locator('button[type=submit]', { hasText: 'Sign-in' }).click());
  return providerConsent(page, issuerOrigin, shotName, backOrigin);
}

/** On oidc-provider's consent page (signed in there already): consents; back at `backOrigin`. */
export async function providerConsent(page, issuerOrigin, shotName, backOrigin = new URL(site).origin) {
  expectProvider(page, issuerOrigin);
  await expectVisible(page.locator('button', { hasText: 'Continue' }), 'the consent button');
  await shot(page, `${shotName}-provider-consent`);
  const back = await navigate(page, () => page.locator('button', { hasText: 'Continue' }).click());
  check(
    new URL(page.url()).origin === backOrigin,
    `after consent the browser should be back at ${backOrigin}, it is at ${page.url()}`,
  );
  return back;
}

/** On oidc-provider's RP-initiated logout page: confirms ending its session too. */
export async function providerLogout(page, issuerOrigin, shotName) {
  expectProvider(page, issuerOrigin);
  await expectText(page, 'sign me out');
  await shot(page, shotName);
  return navigate(page, () => page.locator('button[name=logout][value=yes]').click());
}

/** The browser test must not have asked for anything off this machine, nor thrown. */
export function expectCleanRun() {
  check(
    blocked.length === 0,
    `the pages asked for resources off this machine (aborted): ${blocked.join(', ')}`,
  );
  check(pageErrors.length === 0, `script errors on the pages: ${pageErrors.join('; ')}`);
}

// --- running a test --------------------------------------------------------------------------

/**
 * Runs `flow(page)` in a fresh headless chromium (with `extraArgs` on its command line);
 * exits the process with its outcome.
 */
export function run(name, flow, extraArgs = []) {
  main(name, flow, extraArgs).then(
    (code) => process.exit(code),
    (err) => {
      console.error(`${name} FAILED to start: ${err.stack || err}`);
      process.exit(1);
    },
  );
}

/**
 * A page in a fresh browser context (cookies of its own: another browser, as far as the
 * site can tell): off-machine requests aborted and counted, script errors collected.
 * `run` opens the first; a test wanting a second browser passes `page.context().browser()`.
 */
export async function newPage(browser) {
  const context = await browser.newContext({ viewport: { width: 1024, height: 720 } });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT_MS);
  // Everything the page asks for must be on this machine: abort anything else.
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (LOOPBACK.has(url.hostname)) return route.continue();
    blocked.push(url.href);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(err.message));
  return page;
}

async function main(name, flow, extraArgs) {
  const started = Date.now();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: 30_000,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
  console.log(`chromium ${browser.version()} started in ${Date.now() - started} ms`);
  let page;
  try {
    page = await newPage(browser);
    await flow(page);
    console.log(
      `${name} passed: ${screenshots.length} screenshots in ${shotDir} (${Date.now() - started} ms)`,
    );
    return 0;
  } catch (err) {
    console.error(`\n${name} FAILED: ${err.message}`);
    if (page) {
      try {
        const file = path.join(shotDir, 'failure.png');
        await page.screenshot({ path: file, fullPage: true, timeout: 5_000 });
        console.error(`  failure screenshot: ${file}`);
        console.error(`  page: ${page.url()}`);
        console.error(`  text: ${snippet(await bodyText(page))}`);
      } catch (inner) {
        console.error(`  (could not capture the page: ${inner.message})`);
      }
    }
    if (blocked.length) console.error(`  aborted off-machine requests: ${blocked.join(', ')}`);
    if (pageErrors.length) console.error(`  script errors: ${pageErrors.join('; ')}`);
    return 1;
  } finally {
    await Promise.race([browser.close(), new Promise((done) => setTimeout(done, 10_000))]);
  }
}
