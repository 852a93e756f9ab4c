// Cuts body text into units: sentences, numbered headings (一、 （一） 1． （1）), and the
// （牵头单位：…；责任单位：…） brackets that close a task in a work plan. Scraped pages often run everything
// into one line, so units are found by punctuation and markers, not by line breaks.

import { chineseNumeralValue } from './text.ts';

export type HeadingLevel = 1 | 2 | 3 | 4;

export interface HeadingMarker {
  level: HeadingLevel;
  number: number;
  /** the marker as written, e.g. （十一） */
  marker: string;
}

const MARKERS: readonly [HeadingLevel, RegExp][] = [
  [1, /^([一二三四五六七八九十]{1,3})、/],
  [2, /^[（(]([一二三四五六七八九十]{1,3})[）)]/],
  [3, /^(\d{1,2})\s*[．.、](?!\d)/],
  [4, /^[（(](\d{1,2})[）)]/],
];

/** The numbering marker a unit starts with, if any. */
export function headingMarkerOf(text: string): HeadingMarker | null {
  for (const [level, re] of MARKERS) {
    const m = re.exec(text);
    if (!m) continue;
    const number = chineseNumeralValue(m[1] ?? '');
    if (number === null || number === 0) continue;
    return { level, number, marker: m[0] };
  }
  return null;
}

/** A numbered unit longer than this is a numbered paragraph (a list item), not a heading. */
export const MAX_HEADING_LENGTH = 60;

const TASK_BRACKET = /^[（(](?:牵头单位|责任单位|牵头部门|责任部门|主办单位)[：:]/;

export function isTaskBracket(text: string): boolean {
  return TASK_BRACKET.test(text) && /[）)]$/.test(text);
}

const SENTENCE_END = '。！？!?';
const CLOSE_AFTER_END = '”’」』）)';
const OPEN_PAREN = '（(';
const CLOSE_PAREN = '）)';

/** Splits one line into sentences and task brackets, keeping every character. */
export function splitSentences(line: string): string[] {
  const chars = [...line];
  const out: string[] = [];
  let current = '';
  let paren = 0;
  let quote = 0;
  const flush = () => {
    const t = current.trim();
    if (t !== '') out.push(t);
    current = '';
  };
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] ?? '';
    if (paren === 0 && OPEN_PAREN.includes(c) && TASK_BRACKET.test(chars.slice(i, i + 8).join(''))) {
      // a task bracket is a unit of its own: read to its matching close
      flush();
      let depth = 0;
      let j = i;
      for (; j < chars.length; j++) {
        const d = chars[j] ?? '';
        current += d;
        if (OPEN_PAREN.includes(d)) depth++;
        else if (CLOSE_PAREN.includes(d) && --depth === 0) break;
      }
      flush();
      i = j;
      continue;
    }
    current += c;
    if (OPEN_PAREN.includes(c)) paren++;
    else if (CLOSE_PAREN.includes(c)) paren = Math.max(0, paren - 1);
    else if (c === '“' || c === '‘') quote++;
    else if (c === '”' || c === '’') quote = Math.max(0, quote - 1);
    if (SENTENCE_END.includes(c) && paren === 0 && quote === 0) {
      while (i + 1 < chars.length && CLOSE_AFTER_END.includes(chars[i + 1] ?? '') && !(CLOSE_PAREN.includes(chars[i + 1] ?? '') && paren === 0)) current += chars[++i];
      flush();
    } else if ((c === '”' || c === '’') && quote === 0 && paren === 0 && SENTENCE_END.includes(chars[i - 1] ?? '')) {
      flush();
    }
  }
  flush();
  return out.flatMap(splitRunInHeadings);
}

const DEEPER_MARKER = /[（(][一二三四五六七八九十]{1,3}[）)]|(?<![\d.．])\d{1,2}[．](?!\d)|[（(]\d{1,2}[）)]/g;

/**
 * A heading without its own full stop runs straight into the next one in scrapes: “二、努力提升政务服务工作实效（五）以规范…”.
 * Split where a deeper marker follows a heading text that has no sentence punctuation yet.
 */
function splitRunInHeadings(piece: string): string[] {
  const head = headingMarkerOf(piece);
  if (!head) return [piece];
  for (const m of piece.matchAll(DEEPER_MARKER)) {
    const at = m.index;
    if (at <= head.marker.length) continue;
    const before = piece.slice(0, at);
    if (/[。，；：,;:]/.test(before)) return [piece];
    // “第（一）项”, “（二）款” cite a provision; they do not start a heading
    if (before.endsWith('第') || /^[项款条目]/.test(piece.slice(at + m[0].length))) continue;
    const next = headingMarkerOf(piece.slice(at));
    if (!next || next.level <= head.level) continue;
    return [before, ...splitRunInHeadings(piece.slice(at))];
  }
  return [piece];
}
