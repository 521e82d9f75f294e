// A real-browser test of the single-page app of examples/spa/ (plain JavaScript on the JSON
// API) against an app configured with two apps on a certified OpenID Provider (npm
// oidc-provider, started by `cargo xtask integration spa`): the demo (actix) or the axum
// example app (the library under /auth). Twice: the app served by the site itself at /spa/
// (same origin), and served by a static server of this script on another port (another
// origin: CORS with credentials; the site lists it in `cors_origins` and `trusted_hosts`).
// Each time: sign in, the session, link the second provider, a second browser signed in as
// the same user, disconnect, a refused disconnect showing the server's message, and sign out
// everywhere, which signs the second browser out too. Every step ends with a screenshot.
//
//   node spa.mjs SITE_URL ISSUER SPA_ORIGIN SCREENSHOT_DIR
//     SITE_URL: the library's site URL (http://127.0.0.1:PORT or http://127.0.0.1:PORT/auth)
//     SPA_ORIGIN: http://127.0.0.1:OTHER_PORT, where this script serves the app itself

import { readFile } from 'node:fs/promises';
import http from 'node:http';

import {
  check,
  configure,
  expectCleanRun,
  expectStatus,
  expectVisible,
  navigate,
  newPage,
  providerConsent,
  providerLoginAndConsent,
  run,
  shot,
  site,
  step,
} from './lib.mjs';

const [siteArg, issuerArg, spaOriginArg, shotDirArg] = process.argv.slice(2);
if (!siteArg || !issuerArg || !spaOriginArg || !shotDirArg) {
  console.error('usage: node spa.mjs SITE_URL ISSUER SPA_ORIGIN SCREENSHOT_DIR');
  process.exit(2);
}
const siteUrl = siteArg.replace(/\/+$/, '');
configure(new URL(siteUrl).origin, shotDirArg);
const issuerOrigin = new URL(issuerArg).origin;
const spaOrigin = new URL(spaOriginArg).origin;

/** The two apps of the configuration (`cargo xtask integration`'s spa step). */
const FIRST = { name: 'oidc', title: 'OpenID Provider' };
const SECOND = { name: 'oidc_public', title: 'OpenID Provider (public client)' };

// --- the other origin: the same files, config.json naming the site -----------------------

const SPA_FILES = new URL('../../examples/spa/', import.meta.url);
const CONTENT_TYPES = {
  'index.html': 'text/html; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'app.css': 'text/css; charset=utf-8',
};

/** Serves examples/spa/ at /spa/ on `origin`'s port, with `{"api": SITE_URL}` as config. */
function serveSpa(origin) {
  const csp =
    "default-src 'none'; script-src 'self'; style-src 'self'; " +
    `connect-src 'self' ${new URL(siteUrl).origin}; base-uri 'none'; form-action 'none'`;
  const server = http.createServer(async (request, response) => {
    const { pathname } = new URL(request.url, origin);
    const name = pathname === '/spa/' ? 'index.html' : pathname.replace(/^\/spa\//, '');
    if (name === 'config.json') {
      response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Security-Policy': csp });
      response.end(JSON.stringify({ api: siteUrl }));
    } else if (Object.hasOwn(CONTENT_TYPES, name) && pathname.startsWith('/spa/')) {
      const body = await readFile(new URL(name, SPA_FILES));
      response.writeHead(200, { 'Content-Type': CONTENT_TYPES[name], 'Content-Security-Policy': csp });
      response.end(body);
    } else {
      response.writeHead(404, { 'Content-Type': 'text/plain' });
      response.end('Not found.');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(Number(new URL(origin).port), '127.0.0.1', () => resolve(server));
  });
}

// --- the app's page ----------------------------------------------------------------------

function accountRow(page, app) {
  return page.locator(`#accounts li[data-app="${app.name}"]`);
}

async function expectSignedOut(page) {
  await expectVisible(page.locator('#providers li'), 'the sign-in methods');
  check(await page.locator('#signed-in').isHidden(), 'the session view should be hidden');
}

async function expectSignedInAs(page, email) {
  const who = page.getByTestId('who');
  await expectVisible(who, `"signed in as ${email}"`);
  const shown = (await who.innerText()).trim();
  check(shown === email, `expected to be signed in as ${email}, the page shows "${shown}"`);
}

async function expectLinked(page, app, linked) {
  const row = accountRow(page, app);
  await expectVisible(row, `the ${app.title} row`);
  const state = await row.getAttribute('data-linked');
  check(state === String(linked), `${app.title} should be ${linked ? '' : 'not '}linked (data-linked=${state})`);
}

/** At the provider: signs in when asked (a new browser), then consents; back on the app's page. */
async function atProvider(page, login, shotName, spaUrl) {
  const loginField = page.locator('input[name=login]');
  const back = (await loginField.count()) > 0
    ? await providerLoginAndConsent(page, issuerOrigin, login, shotName, new URL(spaUrl).origin)
    : await providerConsent(page, issuerOrigin, shotName, new URL(spaUrl).origin);
  expectStatus(back, 200);
  const here = new URL(page.url());
  check(
    here.origin + here.pathname === spaUrl,
    `the sign-in's next should have brought the browser back to ${spaUrl}, it is at ${page.url()}`,
  );
}

/** Opens the app at `spaUrl` on `page`, signed out, and signs in with `app` as `login`. */
async function signIn(page, spaUrl, app, login, shotName) {
  expectStatus(await navigate(page, () => page.goto(spaUrl)), 200);
  await expectSignedOut(page);
  await shot(page, `${shotName}-signed-out`);
  const signInButton = page.locator(`#providers li[data-app="${app.name}"] button[data-action=sign-in]`);
  await expectVisible(signInButton, `"Sign in with ${app.title}"`);
  await navigate(page, () => signInButton.click());
  await atProvider(page, login, shotName, spaUrl);
}

// --- one run: the app at `spaUrl` --------------------------------------------------------

async function scenario(page, spaUrl, login, label) {
  const email = `${login}@example.org`;
  const crossOrigin = new URL(spaUrl).origin !== new URL(site).origin;
  // Every API call must go to the site; cross-origin ones carry the app's Origin.
  const apiCalls = [];
  const onRequest = (request) => {
    const url = new URL(request.url());
    if (url.pathname.includes('/api/oauth/')) apiCalls.push({ url, origin: request.headers().origin });
  };
  page.on('request', onRequest);

  step(`${label}1. the app lists both sign-in methods; sign in with ${FIRST.title} as "${login}"`);
  await signIn(page, spaUrl, FIRST, login, `${label}-${login}`);

  step(`${label}2. back on the app: the session shows ${email}, ${FIRST.title} linked`);
  await expectSignedInAs(page, email);
  await expectLinked(page, FIRST, true);
  await expectLinked(page, SECOND, false);
  await shot(page, `${label}-signed-in`);

  step(`${label}3. connect ${SECOND.title}: linked to the same user`);
  const connect = accountRow(page, SECOND).locator('button[data-action=connect]');
  await navigate(page, () => connect.click());
  await atProvider(page, login, `${label}-link`, spaUrl);
  await expectSignedInAs(page, email);
  await expectLinked(page, SECOND, true);
  await shot(page, `${label}-linked`);

  step(`${label}4. a second browser signs in as "${login}" too`);
  const other = await newPage(page.context().browser());
  await signIn(other, spaUrl, FIRST, login, `${label}-second-browser`);
  await expectSignedInAs(other, email);
  await shot(other, `${label}-second-browser-signed-in`);

  step(`${label}5. disconnect ${SECOND.title}`);
  await accountRow(page, SECOND).locator('button[data-action=disconnect]').click();
  await expectVisible(accountRow(page, SECOND).locator('button[data-action=connect]'), `Connect ${SECOND.title}`);
  await expectLinked(page, SECOND, false);
  await expectVisible(page.getByTestId('status').getByText('disconnected'), 'the "disconnected" message');
  await shot(page, `${label}-disconnected`);

  step(`${label}6. disconnecting the last way to sign in is refused: the server's message is shown`);
  await accountRow(page, FIRST).locator('button[data-action=disconnect]').click();
  await expectVisible(page.getByTestId('error-message').getByText('only way to sign in'), "the server's refusal");
  const detail = await page.getByTestId('error-detail').innerText();
  check(detail.includes('HTTP 400'), `the error detail should name HTTP 400, it says "${detail}"`);
  await expectLinked(page, FIRST, true);
  await shot(page, `${label}-disconnect-refused`);

  step(`${label}7. sign out everywhere: this browser is signed out`);
  await page.getByTestId('sign-out-everywhere').click();
  await expectVisible(page.getByTestId('status').getByText('every device'), 'the "every device" message');
  await expectSignedOut(page);
  await shot(page, `${label}-signed-out-everywhere`);

  step(`${label}8. ... and so is the second browser`);
  expectStatus(await navigate(other, () => other.reload()), 200);
  await expectSignedOut(other);
  await shot(other, `${label}-second-browser-signed-out`);
  await other.context().close();

  const wrong = apiCalls.filter(({ url }) => url.origin !== new URL(site).origin);
  check(wrong.length === 0, `API calls went elsewhere than the site: ${wrong.map(({ url }) => url.href).join(', ')}`);
  if (crossOrigin) {
    check(apiCalls.length > 0, 'the app made no API call');
    const foreign = apiCalls.filter(({ origin }) => origin === spaOrigin);
    // Browsers send Origin on every cross-origin fetch: all the calls were cross-origin.
    check(
      foreign.length === apiCalls.length,
      `every API call should carry Origin ${spaOrigin}; ${apiCalls.length - foreign.length} did not`,
    );
  }
  page.off('request', onRequest);
}

async function flow(page) {
  const spaServer = await serveSpa(spaOrigin);
  try {
    await scenario(page, `${new URL(site).origin}/spa/`, 'ada', 'same-origin');
    // A fresh browser: the provider would otherwise still know ada.
    const fresh = await newPage(page.context().browser());
    await scenario(fresh, `${spaOrigin}/spa/`, 'grace', 'cross-origin');
  } finally {
    spaServer.close();
  }
  expectCleanRun();
}

run('single-page app browser flow', flow);
