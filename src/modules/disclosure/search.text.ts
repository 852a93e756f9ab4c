// Search text: how titles, bodies and queries become lexemes. Pure; shared by the indexer, the query
// parser and the benchmark, so documents and queries are always cut the same way.
//
// Positions follow jieba's precise cut (`segment`): one position per word. The shorter dictionary words
// inside a long word (search mode: 政务公开 → 政务, 公开) sit at the long word's position, so a phrase
// typed as words ("人民政府 办公厅") and a phrase typed as one run ("人民政府办公厅") both find it with `<->`.
// Lexemes are exactly what PostgreSQL's 'simple' configuration would make of each word (lower-cased,
// nothing stemmed or dropped by the dictionary); the vector is written as tsvector text, because
// to_tsvector would re-split words such as "covid-19" and lose the shared positions.

import { searchTokens, segment } from '../../platform/text/segment.ts';

/** Single characters that carry no meaning alone. Left out of vectors and queries; their positions stay. */
export const STOPWORDS: ReadonlySet<string> = new Set(['的', '了', '和', '与', '及', '或', '在', '是', '对', '为', '等', '将', '把', '被', '于', '之', '其', '并', '也', '都', '而', '以', '从', '向', '由', '这', '那', '个', '年', '月', '日', '号', '第', '中', '有', '就', '各']);

/** PostgreSQL limits: positions 1..16383, at most 256 positions per lexeme, lexemes under 2 KB. */
export const MAX_POSITION = 16383;
const MAX_POSITIONS_PER_LEXEME = 256;
const MAX_LEXEME_LENGTH = 100;

// A lexeme is letters, digits and marks, with . + # & % _ - inside (jieba keeps "covid-19", "c++", "3.5").
const LEXEME = /^[\p{L}\p{N}\p{M}][\p{L}\p{N}\p{M}.+#&%_-]*$/u;

/** True when every character is a CJK unified ideograph (most words: the fast path). */
function isAllHan(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c < 0x4e00 || c > 0x9fff) return false;
  }
  return true;
}

/** NFKC (full-width letters and digits to ASCII, compatibility forms folded); what both sides index. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC');
}

/** The lexeme for a jieba word, or null for punctuation, symbols and stopwords. */
export function toLexeme(word: string): string | null {
  if (word.length === 0 || word.length > MAX_LEXEME_LENGTH) return null;
  if (isAllHan(word)) return STOPWORDS.has(word) ? null : word;
  const w = word.toLowerCase();
  return LEXEME.test(w) ? w : null;
}

/** The words of a text in order (precise cut); null where a stopword or symbol held a position. */
export function wordsOf(text: string): (string | null)[] {
  return segment(normalizeText(text)).map(toLexeme);
}

// Shorter dictionary words inside a long word, as jieba's search mode finds them; cached per word, since a
// corpus repeats a small vocabulary and each jieba call crosses into native code.
const SUBWORD_CACHE_LIMIT = 200_000;
const subwordCache = new Map<string, readonly string[]>();
const NONE: readonly string[] = [];

/** Dictionary words inside `word` (not the word itself), e.g. 政府信息公开 → 政府, 信息, 公开. */
export function subwordsOf(word: string): readonly string[] {
  // search mode adds 2- and 3-character dictionary words inside longer Han words only
  if (word.length < 3 || !isAllHan(word)) return NONE;
  let hit = subwordCache.get(word);
  if (hit) return hit;
  const out = new Set<string>();
  for (const piece of searchTokens(word)) {
    const lexeme = toLexeme(piece);
    if (lexeme && lexeme !== word && word.includes(lexeme)) out.add(lexeme);
  }
  hit = [...out];
  if (subwordCache.size >= SUBWORD_CACHE_LIMIT) subwordCache.clear();
  subwordCache.set(word, hit);
  return hit;
}

export type Weight = 'A' | 'B' | 'C' | 'D';

const WEIGHTS: readonly Weight[] = ['D', 'C', 'B', 'A'];
const WEIGHT_INDEX: Readonly<Record<Weight, number>> = { D: 0, C: 1, B: 2, A: 3 };

/** Builds a tsvector's text form: lexemes with positions and weights. */
export class VectorBuilder {
  // per lexeme: positions encoded as position * 4 + weight index
  private readonly entries = new Map<string, number[]>();
  private readonly bare = new Set<string>();
  /** the next free position */
  position = 1;

  /** Adds a text's words at consecutive positions (sub-words beside their word) and leaves a gap after it. */
  addText(text: string, weight: Weight, gap = 8): this {
    const w = WEIGHT_INDEX[weight];
    for (const word of wordsOf(text)) {
      if (word !== null) {
        const code = this.position * 4 + w;
        this.addAt(word, code);
        const subs = subwordsOf(word);
        for (let i = 0; i < subs.length; i++) this.addAt(subs[i] as string, code);
      }
      if (this.position < MAX_POSITION) this.position++;
    }
    this.position = Math.min(MAX_POSITION, this.position + gap);
    return this;
  }

  /** A lexeme without a position (used for the sampling marks). */
  addBare(lexeme: string): this {
    this.bare.add(lexeme);
    return this;
  }

  private addAt(lexeme: string, code: number): void {
    const list = this.entries.get(lexeme);
    if (!list) this.entries.set(lexeme, [code]);
    else if (list.length < MAX_POSITIONS_PER_LEXEME && list[list.length - 1] !== code) list.push(code);
  }

  get size(): number {
    return this.entries.size + this.bare.size;
  }

  /** tsvector input syntax: `'政务公开':1A,40B '工作':2A`; PostgreSQL sorts and merges it. */
  toString(): string {
    const parts: string[] = [];
    for (const [lexeme, codes] of this.entries) {
      let text = quoteLexeme(lexeme) + ':';
      for (let i = 0; i < codes.length; i++) {
        const code = codes[i] as number;
        const weight = WEIGHTS[code & 3] as Weight;
        text += (i ? ',' : '') + (code >> 2) + (weight === 'D' ? '' : weight);
      }
      parts.push(text);
    }
    for (const lexeme of this.bare) if (!this.entries.has(lexeme)) parts.push(quoteLexeme(lexeme));
    return parts.join(' ');
  }
}

/** A lexeme quoted for tsvector/tsquery text: single quotes doubled, backslashes escaped. */
export function quoteLexeme(lexeme: string): string {
  if (isAllHan(lexeme)) return `'${lexeme}'`;
  return `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

// ---------------------------------------------------------------------------------------------------------------
// Sampling marks (docs/adr/0004): an item whose id hashes to 0 modulo 4^k carries the bare lexeme `~s<k>`, so
// `tsv @@ (query & '~s3')` is the query over a uniform 1/64 sample, answered by the GIN index. Facet counts and
// the "约 N 条" total of a common query come from such a sample. Users cannot type these lexemes: '~' is not a
// lexeme character.
// ---------------------------------------------------------------------------------------------------------------

export const SAMPLE_LEVELS = [1, 2, 3, 4, 5] as const;
export type SampleLevel = (typeof SAMPLE_LEVELS)[number];

export function sampleLexeme(level: SampleLevel): string {
  return `~s${level}`;
}

/** FNV-1a over the id's text: stable across processes and versions. */
export function sampleHash(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The sampling lexemes an item carries: level k when hash % 4^k == 0. */
export function sampleLexemesFor(id: string): string[] {
  const h = sampleHash(id);
  return SAMPLE_LEVELS.filter((k) => h % 4 ** k === 0).map(sampleLexeme);
}

// ---------------------------------------------------------------------------------------------------------------
// Filter marks (docs/adr/0004): each filterable value is also a bare lexeme, so a filter is one more term the
// GIN index intersects (`工作 & ~v:expired`) instead of a column check on every row the text matched. Columns
// stay the source for facet counts and date order.
// ---------------------------------------------------------------------------------------------------------------

/**
 * What a row's marks hold, stored in item_search.index_format. 2: month marks (`~m:2025-11`) as well. The search
 * plans by month only when no row of an older format is left (`gongkai search reindex` rewrites them).
 */
export const SEARCH_INDEX_FORMAT = 2;

export const MARK = {
  validity: (id: string) => `~v:${id}`,
  genre: (id: string) => `~g:${id}`,
  /** 主题分类: an item carries its class and, for a sub-class, the top class too */
  subject: (id: string) => `~t:${id}`,
  tag: (id: string) => `~p:${id}`,
  publishedYear: (year: number | string) => `~y:${year}`,
  /** YYYY-MM of the 发布日期: lets the newest matches of a mid-frequency word be collected month by month */
  publishedMonth: (month: string) => `~m:${month}`,
  writtenYear: (year: number | string) => `~w:${year}`,
  /** an issuer or any agency above one */
  scope: (agencyId: string) => `~a:${agencyId.toLowerCase()}`,
  /** an issuer itself */
  issuer: (agencyId: string) => `~i:${agencyId.toLowerCase()}`,
  node: (nodeId: string) => `~n:${nodeId.toLowerCase()}`,
} as const;

export interface MarkSource {
  validity: string;
  genre: string;
  subject: string;
  policyTags: readonly string[];
  publishedDate: string;
  writtenDate: string;
  agencyIds: readonly string[];
  agencyScope: readonly string[];
  nodeIds: readonly string[];
}

/** The filter marks of one item. */
export function filterMarksFor(src: MarkSource): string[] {
  const topSubject = src.subject.split('.')[0] ?? src.subject;
  const marks = new Set<string>([
    MARK.validity(src.validity),
    MARK.genre(src.genre),
    MARK.subject(src.subject),
    MARK.subject(topSubject),
    MARK.publishedYear(src.publishedDate.slice(0, 4)),
    MARK.publishedMonth(src.publishedDate.slice(0, 7)),
    MARK.writtenYear(src.writtenDate.slice(0, 4)),
    ...src.policyTags.map(MARK.tag),
    ...src.agencyIds.map(MARK.issuer),
    ...src.agencyScope.map(MARK.scope),
    ...src.nodeIds.map(MARK.node),
  ]);
  return [...marks];
}
