// What i18n-walk.mjs reads on a page and how it tells catalog text from stray English.
//
// In the pseudo-locale en-XA every formatted catalog message is wrapped in ⟦ ⟧. A page's
// visible text, its title and the attributes a person reads or hears (title, placeholder,
// aria-label, alt, the value of input buttons) must hold nothing else but data: once every
// ⟦…⟧ segment and the run's known data values (provider titles, test users' addresses and
// usernames, URLs and paths, dates, digits, punctuation) are removed, no run of two Latin
// letters may be left, and no marker without its partner.

/** Reads, in the page, what the walk checks; run with `page.evaluate(readPage)`. */
export function readPage() {
  // Inside the page: this function's source is all that playwright sends there.
  const NODE_BREAK = '\u0001';
  const hiddenParents = 'script, style, noscript, template';
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement;
    if (!element || !node.data.trim() || element.closest(hiddenParents)) continue;
    if (!element.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
    texts.push(node.data);
  }
  const attributes = [];
  const named = ['title', 'placeholder', 'aria-label', 'alt'];
  const selector = `${named.map((name) => `[${name}]`).join(', ')}, input[value]`;
  for (const element of document.body.querySelectorAll(selector)) {
    const tag = element.tagName.toLowerCase();
    for (const name of named) {
      if (element.hasAttribute(name)) {
        attributes.push({ where: `${tag}[${name}]`, text: element.getAttribute(name) });
      }
    }
    if (tag === 'input' && ['submit', 'button', 'reset'].includes(element.type)) {
      attributes.push({ where: 'input[value]', text: element.value });
    }
  }
  return {
    // One string, so that a message whose markup splits it into several text nodes still
    // has its two markers together; the nodes stay apart for the report.
    text: texts.join(NODE_BREAK),
    attributes,
    title: document.title,
    lang: document.documentElement.lang,
    dir: document.dir,
    bodyDirection: getComputedStyle(document.body).direction,
  };
}

const OPEN = '⟦';
const CLOSE = '⟧';
/** Stands for a removed catalog message while the rest is examined. */
const GAP = '\u0000';
/** Between two text nodes of a page (`readPage`). */
const NODE_BREAK = '\u0001';

/** Patterns of data that is never translated: links, paths, addresses, dates, hosts. */
const DATA_PATTERNS = [
  /[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi,
  /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g,
  /(?<![\w/])\/[\w\-./?=&%~]*/g,
  /\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?/g,
  /\b(?:127\.0\.0\.1|localhost)(?::\d+)?/g,
];

/** Two or more Latin letters: text that no catalog produced. */
const LATIN_RUN = /[A-Za-z]{2,}/;

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A remover of the run's data: the patterns above, then each known value (longest first) where
 * it is not part of a longer word.
 */
export function dataRemover(knownValues) {
  const values = [...new Set(knownValues.filter((value) => value && value.trim()))].sort(
    (a, b) => b.length - a.length,
  );
  const known = values.map(
    (value) => new RegExp(`(?<![A-Za-z])${escapeRegExp(value)}(?![A-Za-z])`, 'g'),
  );
  return (text) => [...DATA_PATTERNS, ...known].reduce((rest, pattern) => rest.replace(pattern, ' '), text);
}

/**
 * What in `text` is not from a catalog: `{ stray: [pieces of the text], unmatched: bool }`.
 * Messages may nest (a message's argument formatted by another), so the innermost ⟦…⟧ goes
 * first, until none is left.
 */
export function strayText(text, removeData) {
  let rest = text;
  for (let before = ''; before !== rest; ) {
    before = rest;
    rest = rest.replace(/⟦[^⟦⟧]*⟧/g, GAP);
  }
  const unmatched = rest.includes(OPEN) || rest.includes(CLOSE);
  const stray = rest
    .split(new RegExp(`[${GAP}${NODE_BREAK}]`))
    .map((piece) => piece.replace(/\s+/g, ' ').trim())
    .filter((piece) => LATIN_RUN.test(removeData(piece)))
    .map((piece) => (piece.length > 160 ? `${piece.slice(0, 160)}...` : piece));
  return { stray, unmatched };
}

/**
 * The problems of one page read by `readPage` in the pseudo-locale `lang`: a list of
 * sentences, empty when the page is clean.
 */
export function pseudoProblems(read, lang, removeData) {
  const problems = [];
  if (read.lang !== lang) problems.push(`html[lang] is "${read.lang}", not ${lang}`);
  const sources = [
    { where: 'text', text: read.text },
    { where: 'document.title', text: read.title },
    ...read.attributes,
  ];
  for (const { where, text } of sources) {
    const { stray, unmatched } = strayText(text, removeData);
    if (stray.length) problems.push(`${where}: ${stray.map((piece) => `"${piece}"`).join(' | ')}`);
    if (unmatched) problems.push(`${where}: a ${OPEN} or ${CLOSE} without its partner`);
  }
  return problems;
}
