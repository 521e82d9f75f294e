// The walk's judge of stray text (i18n-text.mjs), checked without a browser:
// `node --test oauthclient-demo/browser-tests/i18n-text.test.mjs` (run by
// `cargo xtask integration i18n` before the walk).

import assert from 'node:assert/strict';
import test from 'node:test';

import { dataRemover, pseudoProblems, strayText } from './i18n-text.mjs';

const BREAK = '\u0001';
const removeData = dataRemover(['Sandbox', 'ada-en-xa', 'Ada-en-xa', 'Deutsch']);

test('catalog messages, nested ones included, leave nothing', () => {
  const text = `⟦Ƈooƞƞeeƈŧ⟧${BREAK}⟦Ŵeełƈoom ⟦ẏoouuř⟧ aaƈƈ⟧`;
  assert.deepEqual(strayText(text, removeData), { stray: [], unmatched: false });
});

test('each text node of stray English is reported on its own', () => {
  const text = `Mailbox${BREAK}⟦Ƈoo⟧${BREAK}Signed in as${BREAK}ada-en-xa`;
  assert.deepEqual(strayText(text, removeData).stray, ['Mailbox', 'Signed in as']);
});

test('English around a message in the same text node is reported', () => {
  assert.deepEqual(strayText('Welcome ⟦Ƈoo⟧ back', removeData).stray, ['Welcome', 'back']);
});

test('a marker without its partner is reported', () => {
  assert.equal(strayText('⟦Ƈoo ⟦ẋ⟧', removeData).unmatched, true);
  assert.equal(strayText('Ƈoo⟧', removeData).unmatched, true);
});

test('data is not text: links, paths, addresses, dates, hosts, known values, digits', () => {
  const data = [
    'http://127.0.0.1:5001/authorize?client_id=x',
    '/api/oauth/',
    'ada-en-xa@demo.example',
    '2026-12-07',
    '2026-12-07T09:53:48Z',
    '127.0.0.1:5000',
    'Sandbox',
    'Ada-en-xa',
    'Deutsch',
    '42 (3) · : ✓',
  ].join(BREAK);
  assert.deepEqual(strayText(data, removeData).stray, []);
});

test('a known value inside a longer word is still English', () => {
  assert.deepEqual(strayText('Sandboxes', removeData).stray, ['Sandboxes']);
});

test('a single Latin letter passes, two do not', () => {
  assert.deepEqual(strayText('⟦Ƈoo⟧ a', removeData).stray, []);
  assert.deepEqual(strayText('⟦Ƈoo⟧ an', removeData).stray, ['an']);
});

test('a page: its language, text, title and attributes', () => {
  const read = {
    lang: 'en',
    text: `⟦Ƈoo⟧${BREAK}Hello`,
    title: 'oauthclient-rs demo',
    attributes: [
      { where: 'input[value]', text: '⟦Ŝeeƞđ⟧' },
      { where: 'button[title]', text: 'End every session' },
    ],
  };
  assert.deepEqual(pseudoProblems(read, 'en-XA', removeData), [
    'html[lang] is "en", not en-XA',
    'text: "Hello"',
    'document.title: "oauthclient-rs demo"',
    'button[title]: "End every session"',
  ]);
  const clean = { lang: 'en-XA', text: '⟦Ƈoo⟧', title: '⟦Ƭiŧłee⟧', attributes: [] };
  assert.deepEqual(pseudoProblems(clean, 'en-XA', removeData), []);
});
