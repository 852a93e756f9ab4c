// E-mail addresses and URLs, found by expanding around '@' and 'http'/'www.' with bounded loops (linear time).
import type { Finding } from './finding.ts';

export interface Range {
  start: number;
  end: number;
}

const LOCAL_MAX = 64;
const DOMAIN_MAX = 253;

function isLocalChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45;
}

function isDomainChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 46 || c === 45;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || isLetter(c);
}

/** Labels of 1–63 characters separated by dots, at least two, the last 2–24 letters. Checked in place. */
function isDomain(text: string, start: number, end: number): boolean {
  let labelStart = start;
  let dots = 0;
  for (let i = start; i <= end; i++) {
    if (i < end && text.charCodeAt(i) !== 46) continue;
    const len = i - labelStart;
    if (len === 0 || len > 63) return false;
    if (i < end) dots++;
    labelStart = i + 1;
  }
  if (dots === 0) return false;
  const tldStart = text.lastIndexOf('.', end - 1) + 1;
  const tldLen = end - tldStart;
  if (tldLen < 2 || tldLen > 24) return false;
  for (let i = tldStart; i < end; i++) if (!isLetter(text.charCodeAt(i))) return false;
  return true;
}

/** Agency mailboxes (*.gov.cn) are public contact points, not personal information. */
export function isPublicEmailDomain(domain: string): boolean {
  const d = domain.toLowerCase();
  return d === 'gov.cn' || d.endsWith('.gov.cn');
}

/** The next '@' from i: a few characters by hand first, so text dense in '@' does not pay a native call per '@'. */
function nextAt(text: string, i: number): number {
  const stop = Math.min(text.length, i + 8);
  for (let k = i; k < stop; k++) if (text.charCodeAt(k) === 64) return k;
  return stop >= text.length ? -1 : text.indexOf('@', stop);
}

/** Every e-mail address; `excluded` receives each address (and agency ones) so digit scanners skip them. */
export function scanEmails(text: string, excluded: Range[]): Finding[] {
  const out: Finding[] = [];
  let lastEnd = 0;
  const n = text.length;
  for (let at = text.indexOf('@'); at !== -1; at = nextAt(text, at + 1)) {
    if (at < lastEnd) continue;
    let s = at;
    const sMin = Math.max(lastEnd, at - LOCAL_MAX);
    while (s > sMin && isLocalChar(text.charCodeAt(s - 1))) s--;
    while (s < at && !isAlnum(text.charCodeAt(s))) s++; // a local part starts with a letter or digit
    if (s === at) continue;
    let e = at + 1;
    const eMax = Math.min(n, at + 1 + DOMAIN_MAX);
    while (e < eMax && isDomainChar(text.charCodeAt(e))) e++;
    while (e > at + 1 && !isAlnum(text.charCodeAt(e - 1))) e--; // no trailing '.' or '-'
    if (!isDomain(text, at + 1, e)) continue;
    const domain = text.slice(at + 1, e);
    excluded.push({ start: s, end: e });
    lastEnd = e;
    if (isPublicEmailDomain(domain)) continue;
    out.push({ type: 'email', start: s, end: e, text: text.slice(s, e) });
  }
  return out;
}

const URL_STARTS = ['http://', 'https://', 'www.'];

function isUrlChar(c: number): boolean {
  // RFC 3986 unreserved + reserved + '%'
  return c > 32 && c < 127 && c !== 34 && c !== 60 && c !== 62 && c !== 92 && c !== 94 && c !== 96 && c !== 123 && c !== 124 && c !== 125;
}

/** URLs: the numbers in them (article ids, dates) are not personal information. */
export function scanUrls(text: string, excluded: Range[]): void {
  for (const prefix of URL_STARTS) {
    for (let i = text.indexOf(prefix); i !== -1; i = text.indexOf(prefix, i + 1)) {
      let e = i + prefix.length;
      while (e < text.length && isUrlChar(text.charCodeAt(e))) e++;
      excluded.push({ start: i, end: e });
      i = e - 1;
    }
  }
}
