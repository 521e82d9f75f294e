// A single-page app on oauthclient-rs's JSON API (docs/openapi.yaml), in plain JavaScript:
// the sign-in methods, signing in (the browser goes to the provider and comes back here),
// the session with its linked accounts, linking another provider, disconnecting one, and
// signing out everywhere.
//
// `config.json` beside this file says where the API is: `{"api": ""}` for the same origin
// at the root, `{"api": "/auth"}` under a prefix, `{"api": "https://auth.example.org"}` on
// another origin (which must list this page's origin in `cors_origins`, and its host in
// `trusted_hosts` so that the sign-in may come back here). Server data is only ever written
// with `textContent`.
//
// Texts come in the reader's language from `GET /api/oauth/locale` (the site's catalogs'
// `spa-*` messages, `[locales] client_prefixes`); the API's own `message` fields are already
// in that language (the browser sends `Accept-Language` and the site's language cookie).

'use strict';

/** The site URL of the library (no trailing slash): "" is this page's origin. */
let apiBase = '';

/** An error the API answered: its `message`, and the `code` and status as details. */
class ApiError extends Error {
  constructor(message, code, status, errors = []) {
    super(message);
    this.code = code;
    this.status = status;
    /** A form's field errors (`[{field, message}]`), as the sign-up step answers them. */
    this.errors = errors;
  }
}

// --- texts in the reader's language ------------------------------------------------------

/** The site's `spa-*` messages in the reader's language, variables left as `{ $name }`. */
let messages = {};

/** A variable in a message: `{ $name }`; in `split`, the name is captured. */
const VARIABLE = /\{\s*\$([A-Za-z][\w-]*)\s*\}/g;

/** The message `id` with its variables filled from `args` (the id itself if unknown). */
function t(id, args = {}) {
  const text = Object.hasOwn(messages, id) ? messages[id] : id;
  return text.replace(VARIABLE, (whole, name) => (Object.hasOwn(args, name) ? String(args[name]) : whole));
}

/**
 * Asks the API for the reader's language and its messages, and sets the page's `lang` and
 * `dir`. `lang` chooses a language: the API remembers it in a cookie.
 */
async function loadLocale(lang) {
  const query = lang ? `?lang=${encodeURIComponent(lang)}` : '';
  const locale = await api('GET', apiUrl(`/api/oauth/locale${query}`));
  messages = locale.messages && typeof locale.messages === 'object' ? locale.messages : {};
  document.documentElement.lang = locale.lang;
  document.documentElement.dir = locale.dir;
  return locale;
}

/**
 * Gives each `data-i18n` element the text of its message; a child marked `data-i18n-arg`
 * (markup the page owns) takes the place of the variable it names. Without the message the
 * element keeps the page's English.
 */
function translatePage() {
  for (const node of document.querySelectorAll('[data-i18n]')) {
    const id = node.dataset.i18n;
    if (!Object.hasOwn(messages, id)) continue;
    const slots = {};
    for (const child of node.querySelectorAll('[data-i18n-arg]')) slots[child.dataset.i18nArg] = child;
    // Odd parts are variable names (the captured group): the page's element, else nothing.
    const parts = messages[id].split(VARIABLE);
    node.replaceChildren(...parts.map((part, index) => (index % 2 === 1 ? slots[part] ?? '' : part)));
  }
}

/** The language picker: each available language by its own name; choosing one reloads. */
function showLanguages(locale) {
  const available = Array.isArray(locale.available) ? locale.available : [];
  const select = $('language');
  select.replaceChildren(...available.map(({ tag, name }) => {
    const option = element('option', name, { value: tag, lang: tag });
    option.selected = tag === locale.lang;
    return option;
  }));
  $('language-choice').hidden = available.length < 2;
  select.addEventListener('change', () => run(select, async () => {
    await loadLocale(select.value);
    window.location.reload();
  }));
}

// --- talking to the API ------------------------------------------------------------------

/** Reads `config.json`; without one the API is on this origin, at the root. */
async function loadConfig() {
  try {
    const response = await fetch('config.json', { cache: 'no-store' });
    if (!response.ok) return;
    const config = await response.json();
    if (typeof config.api === 'string') apiBase = config.api.replace(/\/+$/, '');
  } catch {
    // No (valid) config.json: same origin, at the root.
  }
}

/** An API path (`/api/oauth/...`, relative to the library's site URL) as a URL to fetch. */
function apiUrl(path) {
  return new URL(apiBase + path, window.location.href).href;
}

/** Whether the API is on this page's origin (then `next` may stay a path). */
function apiIsSameOrigin() {
  return new URL(apiUrl('/'), window.location.href).origin === window.location.origin;
}

/**
 * Calls the API with the session cookie (`credentials: "include"`, needed cross-origin).
 * Writes carry `X-CSRF-Token`, fetched just before: the token changes when the session
 * does (signing in, signing out), so a cached one would go stale. Resolves to the JSON
 * body; rejects with an ApiError carrying the server's `message`.
 */
async function api(method, url, body) {
  const headers = { Accept: 'application/json' };
  const init = { method, headers, credentials: 'include', cache: 'no-store' };
  if (method !== 'GET') {
    headers['X-CSRF-Token'] = await csrfToken();
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
  }
  let response;
  try {
    response = await fetch(url, init);
  } catch {
    throw new ApiError(t('spa-error-network'), null, 0);
  }
  let data = null;
  try {
    data = await response.json();
  } catch {
    // Not JSON (e.g. a proxy's error page): the status says enough.
  }
  if (!response.ok) {
    const message = data && typeof data.message === 'string'
      ? data.message
      : t('spa-error-http', { status: response.status });
    const errors = data && Array.isArray(data.errors) ? data.errors : [];
    throw new ApiError(message, data ? data.code : null, response.status, errors);
  }
  return data;
}

async function csrfToken() {
  const { csrf_token: token } = await api('GET', apiUrl('/api/oauth/csrf'));
  return token;
}

// --- showing things ----------------------------------------------------------------------

const $ = (id) => document.getElementById(id);

function showStatus(text) {
  $('status').textContent = text;
}

function showError(err) {
  const box = $('error');
  if (!err) {
    box.hidden = true;
    return;
  }
  $('error-message').textContent = err.message;
  const detail = [];
  if (err.status) detail.push(t('spa-error-detail-status', { status: err.status }));
  if (err.code !== null && err.code !== undefined && err.code !== err.status) {
    detail.push(t('spa-error-detail-code', { code: err.code }));
  }
  $('error-detail').textContent = detail.join(', ');
  box.hidden = false;
}

function element(tag, text, attributes = {}) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

function button(label, action, onClick, secondary = false) {
  const node = element('button', label, { type: 'button', 'data-action': action });
  if (secondary) node.className = 'secondary';
  node.addEventListener('click', () => run(node, onClick));
  return node;
}

/** Runs an action of a button: disabled meanwhile, its error shown. */
async function run(node, action) {
  node.disabled = true;
  showError(null);
  showStatus('');
  try {
    await action();
  } catch (err) {
    showError(err);
  } finally {
    node.disabled = false;
  }
}

function showSection(name) {
  $('loading').hidden = true;
  for (const id of ['signed-out', 'signed-in', 'signup']) $(id).hidden = id !== name;
}

// --- the views ---------------------------------------------------------------------------

/** The apps whose logins may ask to be remembered (their `login_options` list `remember`). */
const rememberAllowed = new Set();

async function showSignedOut() {
  const { providers } = await api('GET', apiUrl('/api/oauth/providers'));
  const list = $('providers');
  list.replaceChildren();
  rememberAllowed.clear();
  for (const provider of providers) {
    // A link-only app cannot sign anyone in; it is offered once signed in.
    if (provider.link_only) continue;
    if (provider.login_options.includes('remember')) rememberAllowed.add(provider.name);
    const item = element('li', undefined, { 'data-app': provider.name });
    const text = element('span');
    text.append(element('strong', provider.title));
    if (provider.description) text.append(element('span', provider.description, { class: 'state' }));
    item.append(text, button(t('spa-sign-in-with', { provider: provider.title }), 'sign-in', () => beginLogin(provider.name)));
    list.append(item);
  }
  // "Remember me" only where some app allows it; it is sent only to those.
  $('remember-choice').hidden = rememberAllowed.size === 0;
  showSection('signed-out');
}

function showSignedIn(session) {
  const { user } = session;
  $('who').textContent = user.email || user.username || user.id;
  $('unconfirmed').hidden = user.email_confirmed;
  const list = $('accounts');
  list.replaceChildren();
  for (const account of session.accounts) {
    const item = element('li', undefined, {
      'data-app': account.name,
      'data-linked': String(account.linked),
      'data-reconnect': String(account.reconnect),
    });
    const text = element('span');
    text.append(element('strong', account.title));
    let state = t('spa-account-not-connected');
    if (account.reconnect) state = t('spa-account-needs-reconnect');
    else if (account.linked) state = t('spa-account-connected');
    text.append(element('span', state, { class: 'state', 'data-testid': 'account-state' }));
    const actions = element('span');
    if (!account.linked) {
      actions.append(button(t('spa-connect', { provider: account.title }), 'connect', () => beginLogin(account.name)));
    } else {
      if (account.reconnect) {
        actions.append(button(t('spa-reconnect', { provider: account.title }), 'reconnect', () => beginLogin(account.name)));
      }
      actions.append(button(t('spa-disconnect', { provider: account.title }), 'disconnect', () => disconnect(account.name), true));
    }
    item.append(text, actions);
    list.append(item);
  }
  showSection('signed-in');
}

/** Asks the API who is signed in and shows the matching view. */
async function refresh() {
  const session = await api('GET', apiUrl('/api/oauth/session'));
  if (session.signed_in) showSignedIn(session);
  else await showSignedOut();
}

// --- the actions -------------------------------------------------------------------------

/**
 * Begins a login (or, signed in, links the app) and goes to the provider. `next` brings
 * the browser back to this page: a path on the same origin, else this page's URL (whose
 * host the site must trust, `trusted_hosts`, or it sends the browser to its home instead).
 */
async function beginLogin(app) {
  const here = window.location.origin + window.location.pathname;
  const next = apiIsSameOrigin() ? window.location.pathname : here;
  const body = { next };
  if ($('remember').checked && rememberAllowed.has(app)) body.remember = true;
  const { authorization_url: target } = await api(
    'POST',
    apiUrl(`/api/oauth/login/${encodeURIComponent(app)}`),
    body,
  );
  const url = new URL(target);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ApiError(t('spa-error-bad-authorization-url'), null, 0);
  }
  showStatus(t('spa-going-to-provider'));
  window.location.assign(url.href);
}

async function disconnect(app) {
  const { message } = await api('POST', apiUrl(`/api/oauth/disconnect/${encodeURIComponent(app)}`));
  await refresh();
  showStatus(message);
}

async function signOutEverywhere() {
  const { message } = await api('POST', apiUrl('/api/oauth/logout/everywhere'));
  await refresh();
  showStatus(message);
}

/** The sign-up form's fields' names in the reader's language, by the API's field names. */
const FIELD_NAMES = {
  email: () => t('spa-field-email'),
  full_name: () => t('spa-field-full-name'),
};

/** The sign-up step of a REST app's flow (`signup_redirect_url` pointing here with `?signup=APP`). */
async function signUp(app, form) {
  const body = { email: form.email.value };
  if (form.full_name.value.trim()) body.full_name = form.full_name.value;
  const errors = $('signup-errors');
  errors.replaceChildren();
  try {
    const result = await api('POST', apiUrl(`/api/oauth/signup/${encodeURIComponent(app)}`), body);
    history.replaceState(null, '', window.location.pathname);
    await refresh();
    showStatus(result.message);
  } catch (err) {
    for (const field of err.errors || []) {
      const name = Object.hasOwn(FIELD_NAMES, field.field) ? FIELD_NAMES[field.field]() : field.field;
      errors.append(element('li', t('spa-field-error', { field: name, message: field.message })));
    }
    throw err;
  }
}

// --- start -------------------------------------------------------------------------------

/** A REST app's flow ends here with `?message=...&code=...`: show it once. */
function takeQueryMessage() {
  const params = new URLSearchParams(window.location.search);
  const message = params.get('message');
  const signupApp = params.get('signup');
  if (message) {
    const code = Number(params.get('code'));
    if (code >= 400) showError(new ApiError(message, code, null));
    else showStatus(message);
  }
  if (!signupApp) {
    if (message) history.replaceState(null, '', window.location.pathname);
    return null;
  }
  return signupApp;
}

async function start() {
  await loadConfig();
  try {
    const locale = await loadLocale();
    translatePage();
    showLanguages(locale);
  } catch {
    // A site without the locale endpoint: the page stays in English.
  }
  $('sign-out-everywhere').addEventListener('click', (event) => run(event.currentTarget, signOutEverywhere));
  const signupApp = takeQueryMessage();
  if (signupApp) {
    const form = $('signup-form');
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      run(form.querySelector('button'), () => signUp(signupApp, form));
    });
    showSection('signup');
    return;
  }
  try {
    await refresh();
  } catch (err) {
    $('loading').hidden = true;
    showError(err);
  }
}

start();
