// Every page of an app in the pseudo-locale en-XA, then in German, Japanese and Arabic:
// headless chromium walks the host's pages and the library's (sign-up, linked accounts,
// connect, disconnect, sign-out, "is this your account?", "check your inbox", the
// confirmation link, e-mail settings, error pages, flashes) against an app in sandbox mode
// with the pseudo-locale switched on.
//
//   node i18n-walk.mjs ADAPTER HOME_URL SITE_URL SCREENSHOT_ROOT
//     ADAPTER: actix (the demo: password accounts, a mailbox, a login rate limit) or axum
//       (the axum example app: the library's pages only)
//     HOME_URL: the host's home (http://127.0.0.1:PORT)
//     SITE_URL: the library's site URL (HOME_URL, or HOME_URL/auth)
//
// In en-XA every page must say nothing that no catalog produced (i18n-text.mjs); every
// offender of every page is listed before the test fails. In de, ja and ar each page gets a
// full-page screenshot, SCREENSHOT_ROOT/ADAPTER/LANG/NN-page.png, its <html lang> must be the
// language, and in Arabic the document and the body must run right to left.

import path from 'node:path';

import {
  check,
  configure,
  expectCleanRun,
  navigate,
  newPage,
  run,
  sandboxDecide,
  sandboxLogin,
  setScreenshotDir,
  shot,
  site,
  step,
} from './lib.mjs';
import { dataRemover, pseudoProblems, readPage } from './i18n-text.mjs';

const [adapter, homeArg, siteArg, shotRootArg] = process.argv.slice(2);
if (!['actix', 'axum'].includes(adapter) || !homeArg || !siteArg || !shotRootArg) {
  console.error('usage: node i18n-walk.mjs actix|axum HOME_URL SITE_URL SCREENSHOT_ROOT');
  process.exit(2);
}
const home = homeArg.replace(/\/+$/, '');
const shotDir = (lang) => path.join(shotRootArg, adapter, lang);
// Four walks of some 30 pages, password hashing in a debug build included.
configure(siteArg, shotDir('en-XA'), { timeoutMs: 9 * 60_000 });

/** The demo has password accounts, a sandbox mailbox and a rate-limited login form. */
const LOCAL_ACCOUNTS = adapter === 'actix';
const PSEUDO = 'en-XA';
const LANGUAGES = ['de', 'ja', 'ar'];
/** The sandbox app's title in both apps' sandbox mode. */
const PROVIDER_TITLES = ['Sandbox'];
const WRONG_PASSWORD_ATTEMPTS = 15;

/** One walk in one language: visits pages, and checks or photographs each. */
class Walk {
  constructor(page, lang) {
    this.page = page;
    this.lang = lang;
    this.tag = lang.toLowerCase();
    this.problems = [];
    this.pages = 0;
    this.data = [...PROVIDER_TITLES];
  }

  /**
   * A sandbox username of this walk (the database is shared by the four walks); the sandbox
   * also gives it, capitalised, as the user's full name.
   */
  user(name) {
    const username = `${name}-${this.tag}`;
    this.data.push(username, username[0].toUpperCase() + username.slice(1));
    return username;
  }

  async go(url) {
    return navigate(this.page, () => this.page.goto(url));
  }

  /** Checks (en-XA) or photographs (other languages) the page the browser is on. */
  async visit(name) {
    const { page, lang } = this;
    await page.waitForLoadState('load');
    this.pages += 1;
    // A token in the path (the confirmation link's) would drown the report.
    const where = new URL(page.url()).pathname.replace(/[^/]{40,}/g, '...');
    const label = `${lang} ${String(this.pages).padStart(2, '0')}-${name} (${where})`;
    await shot(page, name);
    const read = await page.evaluate(readPage);
    const problems =
      lang === PSEUDO
        ? pseudoProblems(read, lang, dataRemover(this.data))
        : languageProblems(read, lang);
    for (const problem of problems) this.problems.push(`${label}: ${problem}`);
    if (problems.length) console.log(`     ${problems.length} problem(s) on ${label}`);
  }

  /** Fetches the run's data values the app knows: app titles, language names. */
  async learnData() {
    for (const [url, pick] of [
      [`${site}/api/oauth/providers`, (body) => body.providers?.map((app) => app.title)],
      [`${site}/api/oauth/locale`, (body) => body.available?.map((locale) => locale.name)],
    ]) {
      const response = await this.page.request.get(url);
      if (response.ok()) this.data.push(...(pick(await response.json()) ?? []));
    }
  }
}

/** Outside the pseudo-locale: the page's language, and right to left in Arabic. */
function languageProblems(read, lang) {
  const problems = [];
  if (read.lang !== lang) problems.push(`html[lang] is "${read.lang}", not ${lang}`);
  if (lang === 'ar') {
    if (read.dir !== 'rtl') problems.push(`document.dir is "${read.dir}", not rtl`);
    if (read.bodyDirection !== 'rtl') {
      problems.push(`body's computed direction is ${read.bodyDirection}, not rtl`);
    }
  }
  return problems;
}

// --- steps shared by the pages ----------------------------------------------------------

/** Signs in with the sandbox as `username` from a signed-out browser; back on the site. */
async function sandboxSignIn(walk, username, shareEmail, decision = 'approve') {
  await walk.go(`${site}/oauth/login/sandbox/`);
  await sandboxLogin(walk.page, username, shareEmail);
  return sandboxDecide(walk.page, decision);
}

/** Submits the form around `field` with `value`, past the browser's own validation. */
async function submitUnchecked(page, field, value) {
  const input = page.locator(field).first();
  await input.fill(value);
  await input.evaluate((element) => {
    element.form.noValidate = true;
  });
  return navigate(page, () => input.evaluate((element) => element.form.requestSubmit()));
}

async function signUp(walk, email) {
  await submitUnchecked(walk.page, 'form input[name=email]', email);
}

async function signOut(walk, visit = false) {
  await walk.go(`${site}/oauth/logout`);
  if (visit) await walk.visit('sign-out-confirm');
  await navigate(walk.page, () => walk.page.locator('[data-action=confirm-logout]').click());
  if (visit) await walk.visit('signed-out');
}

async function spa(walk, name) {
  await walk.go(`${home}/spa/`);
  await walk.page.locator('#loading').waitFor({ state: 'hidden' });
  await walk.page.waitForLoadState('networkidle');
  await walk.visit(name);
}

// --- the walk ---------------------------------------------------------------------------

/** Pages anyone sees; the first sets the language, which the cookie then carries. */
async function anonymousPages(walk) {
  step(`${walk.lang}: signed-out pages and errors`);
  await walk.go(`${site}/oauth/login/nope/?lang=${walk.lang}`);
  await walk.visit('error-404');
  await walk.learnData();
  await walk.go(`${home}/`);
  await walk.visit('home-signed-out');
  if (LOCAL_ACCOUNTS) {
    await walk.go(`${home}/login`);
    await walk.visit('login');
    await walk.go(`${home}/register`);
    await walk.visit('register');
  }
  await spa(walk, 'spa-signed-out');
  const forged = await walk.go(`${site}/oauth/authorized/sandbox/?code=forged&state=forged`);
  await walk.visit(`error-${forged.status()}-forged-state`);
  await sandboxSignIn(walk, walk.user('nobody'), false, 'deny');
  await walk.visit('provider-denied');
}

/** ada signs up (address not shared), then every page of a signed-in user. */
async function signedInPages(walk) {
  step(`${walk.lang}: sign-up, linked accounts, connect, disconnect, e-mail, sign-out`);
  const page = walk.page;
  await sandboxSignIn(walk, walk.user('ada'), false);
  await walk.visit('sign-up');
  await signUp(walk, 'not-an-address');
  await walk.visit('sign-up-invalid-address');
  await signUp(walk, `${walk.user('ada')}@demo.example`);
  await walk.visit('signed-up');
  await walk.go(`${home}/`);
  await walk.visit('home-signed-in');
  await walk.go(`${site}/account/settings/linkedaccounts/`);
  await walk.visit('linked-accounts');
  await walk.go(`${site}/oauth/login/sandbox/`);
  await walk.visit('connect-confirm');
  await walk.go(`${site}/oauth/disconnect/sandbox/`);
  await walk.visit('disconnect-confirm');
  await navigate(page, () => page.locator('[data-action=confirm-disconnect]').click());
  await walk.visit('disconnect-refused');
  await walk.go(`${site}/account/settings/email/`);
  await walk.visit('email-settings');
  await submitUnchecked(page, 'form.card input[name=email]', 'not-an-address');
  await walk.visit('email-settings-invalid-address');
  await walk.go(`${site}/account/settings/email/`);
  await navigate(page, () => page.locator('form[action*="/resend"] button').first().click());
  await walk.visit('new-link-asked');
  if (LOCAL_ACCOUNTS) {
    await walk.go(`${home}/mailbox`);
    await walk.visit('mailbox');
    const link = page.locator('[data-testid=message-link][href*="/oauth/confirm-email/"]');
    await navigate(page, () => link.first().click());
    await walk.visit('confirmation-link');
    await navigate(page, () => page.locator('form.card button[type=submit]').first().click());
    await walk.visit('address-confirmed');
  }
  await spa(walk, 'spa-signed-in');
  await signOut(walk, true);
  await askForLinkSignedOut(walk, `${walk.user('ada')}@demo.example`);
  await walk.visit('check-your-inbox');
}

/**
 * Someone signed out asks for a new confirmation link (the form of the confirmation page's
 * and the demo's "check your inbox" pages, which the walk does not otherwise reach): a real
 * POST with the session's CSRF token from the JSON API.
 */
async function askForLinkSignedOut(walk, email) {
  const page = walk.page;
  const response = await page.request.get(`${site}/api/oauth/csrf`);
  check(response.ok(), `GET ${site}/api/oauth/csrf answered ${response.status()}`);
  const { csrf_token: token } = await response.json();
  await navigate(page, () =>
    page.evaluate(
      ({ action, fields }) => {
        const form = document.createElement('form');
        form.method = 'post';
        form.action = action;
        for (const [name, value] of Object.entries(fields)) {
          const input = document.createElement('input');
          Object.assign(input, { type: 'hidden', name, value });
          form.append(input);
        }
        document.body.append(form);
        form.submit();
      },
      { action: `${site}/oauth/confirm-email/resend`, fields: { csrf_token: token, email } },
    ),
  );
}

/** "Is this your account?": eve claims carol's address unconfirmed, carol's sandbox vouches. */
async function claimPages(walk) {
  step(`${walk.lang}: "is this your account?", and the account whose claim ended`);
  const page = walk.page;
  const eve = walk.user('eve');
  const carol = walk.user('carol');
  await sandboxSignIn(walk, eve, false);
  await signUp(walk, `${carol}@sandbox.example`);
  await signOut(walk);
  await sandboxSignIn(walk, carol, true);
  await walk.visit('is-this-your-account');
  await navigate(page, () => page.locator('[data-choice=not-mine] button[type=submit]').click());
  await walk.visit('new-account-instead');
  await signOut(walk);
  await sandboxSignIn(walk, eve, false);
  await walk.visit('claim-ended-told');
  await walk.go(`${site}/account/settings/email/`);
  await walk.visit('email-settings-claim-ended');
}

/** Connects the sandbox as `username` to the signed-in account. */
async function connectSandbox(walk, username) {
  const page = walk.page;
  await walk.go(`${site}/oauth/login/sandbox/`);
  await navigate(page, () => page.locator('[data-action=confirm-connect]').click());
  await sandboxLogin(page, username, false);
  await sandboxDecide(page);
}

/**
 * The "linked" and "disconnected" flashes need an account with a second way to sign in: a
 * password account of the demo. The axum app's accounts all came through the sandbox, its
 * only app: a second sandbox account is refused there.
 */
async function linkPages(walk) {
  step(`${walk.lang}: linked and disconnected`);
  const page = walk.page;
  if (!LOCAL_ACCOUNTS) {
    await connectSandbox(walk, walk.user('frank'));
    await walk.visit('already-linked');
    return;
  }
  await signOut(walk);
  const bob = walk.user('bob');
  await walk.go(`${home}/register`);
  await page.getByTestId('register-email').fill(`${bob}@demo.example`);
  await page.getByTestId('register-password').fill('correct horse battery');
  await navigate(page, () => page.getByTestId('register-submit').click());
  await walk.visit('registered');
  await connectSandbox(walk, bob);
  await walk.visit('linked');
  await walk.go(`${site}/oauth/disconnect/sandbox/`);
  await navigate(page, () => page.locator('[data-action=confirm-disconnect]').click());
  await walk.visit('disconnected');
  await signOut(walk);
}

/** The demo's login form refused, then rate-limited (last: the limit outlasts the walk). */
async function rateLimitPages(walk) {
  step(`${walk.lang}: wrong password, then too many attempts`);
  const page = walk.page;
  await walk.go(`${home}/login`);
  for (let attempt = 1; attempt <= WRONG_PASSWORD_ATTEMPTS; attempt += 1) {
    await page.getByTestId('login-email').fill(walk.user('nobody'));
    await page.getByTestId('login-password').fill('not the password');
    const response = await navigate(page, () => page.getByTestId('login-submit').click());
    if (response.status() === 429) {
      await walk.visit('error-429-too-many-attempts');
      return;
    }
    if (attempt === 1) await walk.visit('login-refused');
  }
  check(false, `${WRONG_PASSWORD_ATTEMPTS} wrong passwords in a row were never refused with 429`);
}

async function walkAll(walk) {
  await anonymousPages(walk);
  await signedInPages(walk);
  await claimPages(walk);
  await linkPages(walk);
  if (LOCAL_ACCOUNTS) await rateLimitPages(walk);
  console.log(`${walk.lang}: ${walk.pages} pages, ${walk.problems.length} problem(s)`);
}

async function flow(firstPage) {
  const problems = [];
  let page = firstPage;
  for (const lang of [PSEUDO, ...LANGUAGES]) {
    if (lang !== PSEUDO) {
      setScreenshotDir(shotDir(lang));
      // A browser of its own: no language cookie, no session. The first stays open for
      // run()'s failure screenshot.
      const next = await newPage(page.context().browser());
      if (page !== firstPage) await page.context().close();
      page = next;
    }
    const walk = new Walk(page, lang);
    try {
      await walkAll(walk);
    } catch (err) {
      // run() photographs the first browser only; this one is the walk's own.
      await shot(page, 'failure').catch(() => {});
      throw new Error(`${lang}, at ${page.url()}: ${err.message}`);
    }
    problems.push(...walk.problems);
  }
  expectCleanRun();
  check(
    problems.length === 0,
    `${problems.length} problem(s) on ${adapter}'s pages:\n  ${problems.join('\n  ')}`,
  );
}

run(`i18n walk (${adapter})`, flow);
