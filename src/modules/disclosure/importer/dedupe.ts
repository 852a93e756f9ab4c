// Repeated passages in scraped pages: exact repeats, and near-repeats that differ by a few characters
// (a dropped comma, a truncated tail). Near means character-shingle Jaccard similarity ≥ 0.9, or one text
// wholly containing the other. The first occurrence keeps its place; if a later copy is more complete, its
// wording replaces the first.

import { compact } from './text.ts';

export const NEAR_DUPLICATE_THRESHOLD = 0.9;
export const SHINGLE_SIZE = 3;
/** Texts shorter than this are only removed when repeated exactly (short phrases repeat legitimately). */
export const MIN_NEAR_DUPLICATE_LENGTH = 12;

/** The set of overlapping character n-grams of a text (whitespace ignored). */
export function shingles(text: string, size: number = SHINGLE_SIZE): Set<string> {
  const s = compact(text);
  // code units are characters unless the text has astral characters (rare Han in extension B and beyond)
  const chars: ArrayLike<string> & { slice(a: number, b: number): string | string[] } = /[\uD800-\uDFFF]/.test(s) ? [...s] : s;
  const out = new Set<string>();
  if (chars.length < size) {
    if (chars.length > 0) out.add(s);
    return out;
  }
  for (let i = 0; i + size <= chars.length; i++) {
    const piece = chars.slice(i, i + size);
    out.add(typeof piece === 'string' ? piece : piece.join(''));
  }
  return out;
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let inter = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const s of small) if (large.has(s)) inter++;
  return inter / (a.size + b.size - inter);
}

export type DuplicateVerdict = 'distinct' | 'same' | 'near' | 'contained' | 'contains';

/** How `candidate` relates to an earlier `kept` text. `contains`: the candidate is the more complete copy. */
export function compareTexts(kept: string, candidate: string, threshold: number = NEAR_DUPLICATE_THRESHOLD): DuplicateVerdict {
  const a = compact(kept);
  const b = compact(candidate);
  if (a === b) return 'same';
  const shorter = Math.min(a.length, b.length);
  if (shorter < MIN_NEAR_DUPLICATE_LENGTH) return 'distinct';
  if (a.includes(b)) return 'contained';
  if (b.includes(a)) return 'contains';
  // Jaccard ≥ t needs the smaller shingle set to be at least t of the larger one
  if (shorter / Math.max(a.length, b.length) < threshold - 0.05) return 'distinct';
  return jaccard(shingles(a), shingles(b)) >= threshold ? 'near' : 'distinct';
}

/**
 * The texts kept so far, indexed by shingle so that a new text is compared only with those sharing shingles with
 * it (a long page has thousands of sentences). Same verdicts as `compareTexts`.
 */
export class RepeatIndex {
  private readonly texts: string[] = [];
  private readonly sets: Set<string>[] = [];
  private readonly postings = new Map<string, number[]>();
  private readonly exact = new Map<string, number>();
  /** scratch counters for `find`, reused (all zero between calls) */
  private counts = new Int32Array(64);

  /** Adds a text; returns its index. */
  add(text: string): number {
    const index = this.texts.length;
    this.texts.push('');
    this.sets.push(new Set());
    this.store(index, text);
    return index;
  }

  /** Replaces the wording at `index` (a more complete copy was found). */
  replace(index: number, text: string): void {
    for (const s of this.sets[index] ?? []) {
      const list = this.postings.get(s);
      if (list) this.postings.set(s, list.filter((i) => i !== index));
    }
    if (this.exact.get(this.texts[index] ?? '') === index) this.exact.delete(this.texts[index] ?? '');
    this.store(index, text);
  }

  /** The earliest kept text that `candidate` repeats, and whether the candidate is the more complete wording. */
  find(candidate: string, threshold: number = NEAR_DUPLICATE_THRESHOLD): { index: number; moreComplete: boolean } | null {
    const b = compact(candidate);
    const same = this.exact.get(b);
    if (same !== undefined) return { index: same, moreComplete: false };
    if (b.length < MIN_NEAR_DUPLICATE_LENGTH) return null;
    const bs = shingles(b);
    if (this.counts.length < this.texts.length) this.counts = new Int32Array(this.texts.length * 2);
    const shared = this.counts;
    const touched: number[] = [];
    for (const s of bs) {
      const list = this.postings.get(s);
      if (!list) continue;
      for (const i of list) {
        const seen = shared[i] ?? 0;
        shared[i] = seen + 1;
        if (seen === 0) touched.push(i);
      }
    }
    let best: { index: number; moreComplete: boolean } | null = null;
    for (const i of touched) {
      const c = shared[i] ?? 0;
      shared[i] = 0;
      if (best && i > best.index) continue;
      const a = this.texts[i] ?? '';
      const as = this.sets[i] ?? new Set<string>();
      if (a.length < MIN_NEAR_DUPLICATE_LENGTH) continue;
      if (c === bs.size && a.includes(b)) best = { index: i, moreComplete: false };
      else if (c === as.size && b.includes(a)) best = { index: i, moreComplete: true };
      else if (c / (as.size + bs.size - c) >= threshold) best = { index: i, moreComplete: b.length > a.length };
    }
    return best;
  }

  private store(index: number, text: string): void {
    const a = compact(text);
    const set = a.length >= MIN_NEAR_DUPLICATE_LENGTH ? shingles(a) : new Set<string>();
    this.texts[index] = a;
    this.sets[index] = set;
    if (!this.exact.has(a)) this.exact.set(a, index);
    for (const s of set) {
      const list = this.postings.get(s);
      if (list) list.push(index);
      else this.postings.set(s, [index]);
    }
  }
}
