// Small text helpers for scraped pages: dates in the forms 公文 and web pages use, whitespace, and bracket depth.

import { isIsoDate, type IsoDate } from '../../../platform/calendar/workdays.ts';
import { toAsciiDigits } from '../document-number.ts';

const CN_DIGITS: Record<string, number> = { 〇: 0, 零: 0, Ｏ: 0, O: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一 … 九十九 (and 百) as a number; null when the text is not a Chinese numeral. */
export function chineseNumeralValue(text: string): number | null {
  if (text === '') return null;
  if (/^\d+$/.test(text)) return Number(text);
  if (text === '百') return 100;
  if (!/^[一二三四五六七八九十〇零]+$/.test(text)) return null;
  const ten = text.indexOf('十');
  if (ten < 0) return text.length === 1 ? (CN_DIGITS[text] ?? null) : null;
  if (text.indexOf('十', ten + 1) >= 0) return null;
  const tens = ten === 0 ? 1 : (CN_DIGITS[text.slice(0, ten)] ?? NaN);
  const units = ten === text.length - 1 ? 0 : (CN_DIGITS[text.slice(ten + 1)] ?? NaN);
  const v = tens * 10 + units;
  return Number.isNaN(v) ? null : v;
}

function iso(y: number, m: number, d: number): IsoDate | null {
  const s = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return isIsoDate(s) ? s : null;
}

/** Date patterns, longest first; each captures year, month, day. */
export const DATE_PATTERN = '(?:\\d{4}|[〇零一二三四五六七八九Ｏ]{4})\\s*年\\s*(?:\\d{1,2}|[一二三四五六七八九十]{1,3})\\s*月\\s*(?:\\d{1,2}|[一二三四五六七八九十]{1,3})\\s*日|\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}';

/** `2018年6月6日`, `二〇一八年六月六日`, `2018-06-13`, `2018/6/13`, `2018.06.13` (optionally with a time) → '2018-06-13'. */
export function parseLooseDate(raw: string): IsoDate | null {
  const s = toAsciiDigits(raw).trim();
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[\sT].*)?$/.exec(s);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4}|[〇零一二三四五六七八九Ｏ]{4})\s*年\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日$/.exec(s);
  if (!m) return null;
  const yearText = m[1] ?? '';
  const year = /^\d{4}$/.test(yearText) ? Number(yearText) : Number([...yearText].map((c) => CN_DIGITS[c] ?? 'x').join(''));
  const month = chineseNumeralValue(m[2] ?? '');
  const day = chineseNumeralValue(m[3] ?? '');
  if (Number.isNaN(year) || month === null || day === null) return null;
  return iso(year, month, day);
}

/** One line of text: NFC, no control characters, runs of spaces collapsed, trimmed (full-width indents too). */
export function cleanLine(text: string): string {
  return text
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- scraped pages carry stray control characters; they are dropped
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f\u200b-\u200d\ufeff\ufdd0-\ufdef]/g, '')
    .replace(/[ \t\u00a0\u2002-\u200a\u3000]+/g, ' ')
    .trim();
}

/** Text for comparing: no whitespace at all (scrapes differ in spacing, not wording). */
export function compact(text: string): string {
  return text.replace(/[\s\u00a0\u3000]+/g, '');
}

const OPENERS = '（(〔[【《“‘';
const CLOSERS = '）)〕]】》”’';

/** Splits at top-level separators, ignoring those inside brackets or quotes. */
export function splitTopLevel(text: string, separators: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const c of text) {
    if (OPENERS.includes(c)) depth++;
    else if (CLOSERS.includes(c)) depth = Math.max(0, depth - 1);
    if (depth === 0 && separators.includes(c)) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
