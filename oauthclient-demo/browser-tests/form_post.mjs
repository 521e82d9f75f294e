// A real-browser test of `response_mode=form_post`: the demo at http://localhost:PORT with an
// OpenID Connect app answering with form_post, the provider (npm oidc-provider) at
// http://127.0.0.1:PORT — another site, so its auto-submitted POST back is cross-site and the
// demo's SameSite=Lax session cookie stays behind, as in production. The demo's relay page
// re-POSTs the response from its own origin, with the cookie. Checked: the headers of both
// POSTs, the sign-in, a replayed relayed POST (403), and a relayed POST submitted from another
// browser (403) that its own browser can still complete.
//
//   node form_post.mjs SITE_URL ISSUER SCREENSHOT_DIR

import {
  NAVIGATION_TIMEOUT_MS,
  STEP_TIMEOUT_MS,
  blocked,
  check,
  configure,
  expectCleanRun,
  expectStatus,
  expectVisible,
  navigate,
  newPage,
  run,
  shot,
  site,
  step,
} from './lib.mjs';

const APP = 'oidc_form_post';
const [siteArg, issuerArg, shotDirArg] = process.argv.slice(2);
if (!siteArg || !issuerArg || !shotDirArg) {
  console.error('usage: node form_post.mjs SITE_URL ISSUER SCREENSHOT_DIR');
  process.exit(2);
}
configure(siteArg, shotDirArg);
const issuerOrigin = new URL(issuerArg).origin;
const siteOrigin = new URL(site).origin;
const callbackPath = `${new URL(site).pathname.replace(/\/$/, '')}/oauth/authorized/${APP}/`;
check(
  new URL(site).hostname !== new URL(issuerArg).hostname,
  `the site (${site}) and the provider (${issuerArg}) must be on different hosts to be cross-site`,
);

function isCallbackPost(request) {
  const url = new URL(request.url());
  return request.method() === 'POST' && url.origin === siteOrigin && url.pathname === callbackPath;
}

/** Records every POST of `page` to the callback: its body and (a promise of) its headers. */
function recordCallbackPosts(page) {
  const seen = [];
  page.on('request', (request) => {
    if (isCallbackPost(request)) {
      seen.push({ body: request.postData() ?? '', headers: request.allHeaders() });
    }
  });
  return seen;
}

/** Starts a sign-in with the form_post app and signs in at the provider as `login`; stops on
 * the provider's consent page. */
async function toConsent(page, login, shotName) {
  await navigate(page, () => page.goto(`${site}/oauth/login/${APP}/`));
  check(new URL(page.url()).origin === issuerOrigin, `expected the provider's page, got ${page.url()}`);
  await expectVisible(page.locator('input[name=login]'), 'the provider login field');
  await page.locator('input[name=login]').fill(login);
  await page.locator('input[name=password]').fill('any password');
  await navigate(page, () => page.locator('button[type=submit]', { hasText: 'Sign-in' }).click());
  await expectVisible(page.locator('button', { hasText: 'Continue' }), 'the consent button');
  await shot(page, `${shotName}-provider-consent`);
}

function consent(page) {
  return page.locator('button', { hasText: 'Continue' }).click();
}

async function waitForHome(page) {
  await page.waitForURL(
    (url) => url.origin === siteOrigin && url.pathname === `${new URL(site).pathname.replace(/\/$/, '')}/`,
    { timeout: NAVIGATION_TIMEOUT_MS },
  );
}

async function expectSignedInAs(page, email) {
  const who = page.getByTestId('signed-in-as');
  await expectVisible(who, `"signed in as ${email}"`);
  const shown = (await who.innerText()).trim();
  check(shown === email, `expected to be signed in as ${email}, the page shows "${shown}"`);
}

/** Submits `body` (urlencoded) to the callback from a page of the site, as the relay page's
 * form does: a same-origin POST with this browser's cookies. Returns the final response. */
async function submitFromSite(page, body) {
  await navigate(page, () => page.goto(`${site}/`));
  return navigate(page, () =>
    page.evaluate(
      ({ action, fields }) => {
        const form = document.createElement('form');
        form.method = 'post';
        form.action = action;
        for (const [name, value] of fields) {
          const input = document.createElement('input');
          input.type = 'hidden';
          input.name = name;
          input.value = value;
          form.append(input);
        }
        document.body.append(form);
        form.submit();
      },
      { action: callbackPath, fields: [...new URLSearchParams(body)] },
    ),
  );
}

/**
 * A page in a fresh context whose requests are observed, not intercepted: with request
 * interception (lib.mjs's `newPage`) chromium does not report the headers its network layer
 * adds — `Sec-Fetch-Site` and `Cookie` among them — and those are what step 1 checks. Requests
 * off this machine are still counted (as `blocked`, failing the run).
 */
async function observedPage(browser) {
  const context = await browser.newContext({ viewport: { width: 1024, height: 720 } });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT_MS);
  const page = await context.newPage();
  page.on('request', (request) => {
    const host = new URL(request.url()).hostname;
    if (!['127.0.0.1', 'localhost', '[::1]'].includes(host)) blocked.push(request.url());
  });
  return page;
}

async function flow(firstPage) {
  step('1. sign in with the form_post app: the provider POSTs back cross-site, the relay page same-origin');
  const page = await observedPage(firstPage.context().browser());
  const seen = recordCallbackPosts(page);
  await toConsent(page, 'frank', 'form-post');
  await consent(page);
  await waitForHome(page);
  await expectSignedInAs(page, 'frank@example.org');
  await shot(page, 'form-post-signed-in');
  check(seen.length === 2, `expected two POSTs to ${callbackPath}, saw ${seen.length}`);
  const [first, relayed] = await Promise.all(
    seen.map(async (post) => ({ body: post.body, headers: await post.headers })),
  );
  console.log(`     provider's POST: sec-fetch-site=${first.headers['sec-fetch-site']}, cookie=${first.headers.cookie ? 'yes' : 'none'}`);
  console.log(`     relayed POST:    sec-fetch-site=${relayed.headers['sec-fetch-site']}, cookie=${relayed.headers.cookie ? 'yes' : 'none'}`);
  check(first.headers['sec-fetch-site'] === 'cross-site', `the provider's POST should be cross-site, it was ${first.headers['sec-fetch-site']}`);
  check(!first.headers.cookie, `the provider's POST should carry no cookie (SameSite=Lax), it carried: ${first.headers.cookie}`);
  check(!first.body.includes('oauthclient_relay'), "the provider's POST has no relay marker");
  check(relayed.headers['sec-fetch-site'] === 'same-origin', `the relayed POST should be same-origin, it was ${relayed.headers['sec-fetch-site']}`);
  check(Boolean(relayed.headers.cookie), 'the relayed POST should carry the session cookie');
  check(relayed.body.includes('oauthclient_relay=1'), 'the relayed POST carries the marker');
  check(new URLSearchParams(relayed.body).get('state') === new URLSearchParams(first.body).get('state'), 'the relay keeps the state');

  step('2. the captured relayed POST, submitted again: refused (the nonce was spent)');
  const replay = await submitFromSite(page, relayed.body);
  expectStatus(replay, 403);
  await shot(page, 'form-post-replay-refused');

  step('3. a relayed POST held back in one browser and submitted from another: refused');
  const browser = page.context().browser();
  const victim = await newPage(browser);
  let held = null;
  await victim.route(`**${callbackPath}`, (route) => {
    const request = route.request();
    const body = request.postData() ?? '';
    if (held === null && request.method() === 'POST' && body.includes('oauthclient_relay=1')) {
      held = body;
      return route.abort();
    }
    return route.continue();
  });
  await toConsent(victim, 'heidi', 'form-post-victim');
  await consent(victim);
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  while (held === null && Date.now() < deadline) await new Promise((done) => setTimeout(done, 100));
  check(held !== null, 'the relayed POST of the second browser was not seen');
  await victim.unroute(`**${callbackPath}`);
  const attacker = await newPage(browser);
  const stolen = await submitFromSite(attacker, held);
  expectStatus(stolen, 403);
  await shot(attacker, 'form-post-other-browser-refused');
  await navigate(attacker, () => attacker.goto(`${site}/`));
  check((await attacker.getByTestId('signed-in-as').count()) === 0, 'the other browser must not be signed in');

  step('4. the browser that started that flow completes it with the same body');
  const own = await submitFromSite(victim, held);
  expectStatus(own, 200);
  await expectSignedInAs(victim, 'heidi@example.org');
  await shot(victim, 'form-post-own-browser-signed-in');

  expectCleanRun();
}

run('form_post browser flow', flow, ['--host-resolver-rules=MAP localhost 127.0.0.1']);
