// Snippets and highlighting (pure). Built in JS from the stored body of the 20 hits on a page, never with
// ts_headline over every match (docs/adr/0004). Output is HTML: everything escaped, matches in <mark>.

import { normalizeText } from './search.text.ts';

const NAMED: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ensp: ' ', emsp: ' ', thinsp: ' ', ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’', mdash: '—', ndash: '–', hellip: '…', middot: '·', bull: '•', times: '×', divide: '÷', yen: '¥', copy: '©', reg: '®',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : ' ';
    }
    return NAMED[body.toLowerCase()] ?? whole;
  });
}

const BLOCK = /<\/?(?:p|div|br|li|ul|ol|h[1-6]|tr|td|th|table|section|article|blockquote|pre|hr)\b[^>]*>/gi;

/** The text of (sanitized) HTML: tags dropped, blocks separated, entities decoded, whitespace collapsed. */
export function htmlToText(html: string): string {
  const text = html
    .replace(/<(script|style|template)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(BLOCK, ' ')
    .replace(/<[^>]*>/g, '');
  return normalizeText(decodeEntities(text)).replace(/\s+/g, ' ').trim();
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function termPattern(terms: readonly string[]): RegExp | null {
  const list = [...new Set(terms.filter((t) => t.length > 0))].sort((a, b) => b.length - a.length);
  if (!list.length) return null;
  return new RegExp(list.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'giu');
}

/** The text escaped, each occurrence of a term wrapped in <mark>. */
export function highlightText(text: string, terms: readonly string[]): string {
  const re = termPattern(terms);
  if (!re) return escapeHtml(text);
  let out = '';
  let last = 0;
  for (const m of text.matchAll(re)) {
    out += escapeHtml(text.slice(last, m.index)) + `<mark>${escapeHtml(m[0])}</mark>`;
    last = m.index + m[0].length;
  }
  return out + escapeHtml(text.slice(last));
}

export const SNIPPET_LENGTH = 120;
const LEAD = 24;
const MAX_MATCHES = 200;

/** Where the snippet window starts: around the matches covering the most distinct terms, at a sentence start if one is close. */
function windowStart(text: string, chars: readonly string[], terms: readonly string[], length: number): number {
  const re = termPattern(terms);
  if (!re || chars.length <= length) return 0;
  // positions as code-point offsets, so a cut never splits a surrogate pair
  const matches: { at: number; term: string }[] = [];
  let unitToPoint = 0;
  let lastUnit = 0;
  for (const m of text.matchAll(re)) {
    unitToPoint += [...text.slice(lastUnit, m.index)].length;
    lastUnit = m.index;
    matches.push({ at: unitToPoint, term: m[0].toLowerCase() });
    if (matches.length >= MAX_MATCHES) break;
  }
  let start = 0;
  let best = -1;
  for (const m of matches) {
    const from = Math.max(0, m.at - LEAD);
    const covered = new Set(matches.filter((x) => x.at >= from && x.at < from + length).map((x) => x.term)).size;
    if (covered > best) {
      best = covered;
      start = from;
    }
  }
  const window = chars.slice(Math.max(0, start - LEAD), start + 1).join('');
  const stop = Math.max(window.lastIndexOf('。'), window.lastIndexOf('；'), window.lastIndexOf('！'), window.lastIndexOf('？'));
  if (stop >= 0 && start > 0) start = Math.max(0, start - LEAD) + [...window.slice(0, stop + 1)].length;
  return Math.min(start, Math.max(0, chars.length - length));
}

/** The snippet as plain text (for feeds): the same window, an ellipsis where the text was cut. */
export function plainSnippet(text: string, terms: readonly string[], length = SNIPPET_LENGTH): string {
  const chars = [...text];
  const start = windowStart(text, chars, terms, length);
  return (start > 0 ? '…' : '') + chars.slice(start, start + length).join('') + (start + length < chars.length ? '…' : '');
}

/**
 * A window of about `length` characters around the matches that cover the most distinct terms, escaped,
 * with <mark>s and an ellipsis where the text was cut. Without a match: the start of the text.
 */
export function makeSnippet(text: string, terms: readonly string[], length = SNIPPET_LENGTH): string {
  const chars = [...text];
  const start = windowStart(text, chars, terms, length);
  const piece = chars.slice(start, start + length).join('');
  return (start > 0 ? '…' : '') + highlightText(piece, terms) + (start + length < chars.length ? '…' : '');
}
