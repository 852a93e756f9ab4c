// Character classes shared by the scanners. Everything here is O(1) per character.

/** ASCII or full-width digit. */
export function isDigitCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19);
}

export function isAsciiLetterCode(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** A character of a code token: digits (ASCII, full-width) and ASCII letters. */
export function isAlnumCode(c: number): boolean {
  return isDigitCode(c) || isAsciiLetterCode(c);
}

/** CJK unified ideographs (basic block and extension A) — where Chinese names and place names live. */
export function isHanCode(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf);
}

export function isHan(ch: string | undefined): boolean {
  return ch !== undefined && ch.length > 0 && isHanCode(ch.charCodeAt(0));
}

/** Full-width digits → ASCII digits; everything else unchanged (same length, so offsets hold). */
export function asciiDigits(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += c >= 0xff10 && c <= 0xff19 ? String.fromCharCode(c - 0xff10 + 48) : s[i];
  }
  return out;
}

/** Only the digits of a string, ASCII. */
export function digitsOf(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) out += s[i];
    else if (c >= 0xff10 && c <= 0xff19) out += String.fromCharCode(c - 0xff10 + 48);
  }
  return out;
}

/** A 64 KB membership table over UTF-16 code units: one array read per character in hot loops. */
export function codeTable(chars: Iterable<string>): Uint8Array {
  const t = new Uint8Array(65536);
  for (const ch of chars) if (ch.length > 0) t[ch.charCodeAt(0)] = 1;
  return t;
}

// 。；;\n\r！？!?，,
const CLAUSE_BREAKS = codeTable(['。', '；', ';', '\n', '\r', '！', '？', '!', '?', '，', ',']);

/** Where the label in front of `start` begins: back to the previous clause break, at most `max` characters. */
export function labelStart(text: string, start: number, max = 20): number {
  let i = start;
  const stop = Math.max(0, start - max);
  while (i > stop && CLAUSE_BREAKS[text.charCodeAt(i - 1)] !== 1) i--;
  return i;
}

/**
 * The label in front of a value: the text back to the previous clause break, at most `max` characters.
 * "咨询电话：023-63899999" → "咨询电话：". Bounded, so scanning stays linear.
 */
export function labelBefore(text: string, start: number, max = 20): string {
  return text.slice(labelStart(text, start, max), start);
}

/** Does any of the words occur in s? (Short lists, short strings.) */
export function containsAny(s: string, words: readonly string[]): boolean {
  for (const w of words) if (s.includes(w)) return true;
  return false;
}

/**
 * Two code units folded into a small integer (a V8 Smi: no heap number, no allocation in Map lookups). Lossy, so
 * callers confirm a hit by comparing the characters.
 */
function pairHash(c0: number, c1: number): number {
  return ((c0 & 0x7fff) << 15) | (c1 & 0x7fff);
}

/** An exact set of two-character sequences, looked up by code units without allocating. */
export class PairSet {
  private readonly firsts = new Uint8Array(65536);
  private readonly bySecond = new Map<number, Set<number>>();

  constructor(words: Iterable<string> = []) {
    for (const w of words) if (w.length >= 2) this.add(w.charCodeAt(0), w.charCodeAt(1));
  }

  add(c0: number, c1: number): void {
    this.firsts[c0] = 1;
    const set = this.bySecond.get(c0) ?? new Set<number>();
    set.add(c1);
    this.bySecond.set(c0, set);
  }

  /** Do the two code units at text[i] form a member? */
  hasAt(text: string, i: number): boolean {
    const c0 = text.charCodeAt(i);
    return this.firsts[c0] === 1 && (this.bySecond.get(c0)?.has(text.charCodeAt(i + 1)) ?? false);
  }
}

/**
 * A set of short words looked up at a position without allocating: a table read on the first code unit rejects most
 * positions, then the first two code units (as one integer) select the few candidate words.
 */
export class WordIndex {
  /** 1 where some word starts with this code unit */
  readonly firsts = new Uint8Array(65536);
  /** 1 where some word ends with this code unit */
  readonly lasts = new Uint8Array(65536);
  private readonly singles = new Uint8Array(65536);
  private readonly byPair = new Map<number, string[]>();
  private readonly all: Set<string>;
  private readonly lengths: number[];

  constructor(words: Iterable<string>) {
    this.all = new Set([...words].filter((w) => w.length > 0));
    for (const w of this.all) {
      this.firsts[w.charCodeAt(0)] = 1;
      this.lasts[w.charCodeAt(w.length - 1)] = 1;
      if (w.length === 1) {
        this.singles[w.charCodeAt(0)] = 1;
        continue;
      }
      const key = pairHash(w.charCodeAt(0), w.charCodeAt(1));
      const list = this.byPair.get(key) ?? [];
      list.push(w);
      this.byPair.set(key, list);
    }
    for (const list of this.byPair.values()) list.sort((a, b) => b.length - a.length);
    this.lengths = [...new Set([...this.all].map((w) => w.length))].sort((a, b) => b - a);
  }

  /** The longest word starting at text[i], or null. */
  matchAt(text: string, i: number): string | null {
    const c0 = text.charCodeAt(i);
    if (this.firsts[c0] !== 1) return null;
    const list = this.byPair.get(pairHash(c0, text.charCodeAt(i + 1)));
    if (list) for (const w of list) if (text.startsWith(w, i)) return w;
    return this.singles[c0] === 1 ? String.fromCharCode(c0) : null;
  }

  /** The longest word ending exactly at `end` (exclusive), or null. */
  matchEndingAt(text: string, end: number): string | null {
    if (end <= 0 || this.lasts[text.charCodeAt(end - 1)] !== 1) return null;
    for (const len of this.lengths) {
      if (len > end) continue;
      const s = end - len;
      const c0 = text.charCodeAt(s);
      if (this.firsts[c0] !== 1) continue;
      if (len === 1) {
        if (this.singles[c0] === 1) return String.fromCharCode(c0);
        continue;
      }
      const list = this.byPair.get(pairHash(c0, text.charCodeAt(s + 1)));
      if (list) for (const w of list) if (w.length === len && text.startsWith(w, s)) return w;
    }
    return null;
  }

  has(word: string): boolean {
    return this.all.has(word);
  }

  /** Does any word occur entirely within text[from, to)? */
  occursIn(text: string, from: number, to: number): boolean {
    for (let i = from; i < to; i++) {
      const c0 = text.charCodeAt(i);
      if (this.firsts[c0] !== 1) continue;
      if (this.singles[c0] === 1) return true;
      const list = this.byPair.get(pairHash(c0, text.charCodeAt(i + 1)));
      if (list) for (const w of list) if (i + w.length <= to && text.startsWith(w, i)) return true;
    }
    return false;
  }
}
