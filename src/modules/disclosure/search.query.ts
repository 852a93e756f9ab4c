// Query parsing (pure): what the search box accepts and the tsquery text it becomes.
//   政务公开 工作要点     every word must occur (AND), in any order
//   "人民政府办公厅"       a phrase: its words adjacent and in order (<->)
//   渝府办发〔2018〕76号   a 发文字号 in any of its written forms: looked up exactly first
// Words come from jieba's precise cut, as in the index (search.text.ts). The tsquery text is built here from
// lexemes that can hold no operator or quote, and is passed to PostgreSQL as a bound parameter.

import { documentNumberLookupKey } from './document-number.ts';
import { normalizeText, quoteLexeme, wordsOf } from './search.text.ts';

export type QueryPart = { kind: 'term'; lexeme: string } | { kind: 'phrase'; text: string; lexemes: readonly { lexeme: string; offset: number }[] };

export interface ParsedQuery {
  /** the query as typed, trimmed */
  text: string;
  /** the 文号 lookup key when the whole query reads as a 发文字号 */
  docKey: string | null;
  parts: readonly QueryPart[];
  /** tsquery text, or null when nothing searchable is left (only punctuation or stopwords) */
  tsquery: string | null;
  /** lexemes to mark in titles and snippets, longest first */
  highlight: readonly string[];
}

/** More parts than this are ignored: a query is a few words, not a paragraph. */
export const MAX_QUERY_PARTS = 24;

// Straight and curly double quotes close each other (people mix them); corner brackets close their own kind.
const DOUBLE = '"“”＂';
const QUOTES: Readonly<Record<string, string>> = { '"': DOUBLE, '“': DOUBLE, '”': DOUBLE, '＂': DOUBLE, '「': '」', '『': '』' };

/** Splits the input into quoted phrases and unquoted runs; an unclosed quote runs to the end. */
export function splitQuoted(text: string): { quoted: boolean; text: string }[] {
  const out: { quoted: boolean; text: string }[] = [];
  let i = 0;
  let plain = '';
  const chars = [...text];
  while (i < chars.length) {
    const c = chars[i] ?? '';
    const close = QUOTES[c];
    if (close === undefined) {
      plain += c;
      i++;
      continue;
    }
    if (plain.trim()) out.push({ quoted: false, text: plain });
    plain = '';
    let j = i + 1;
    let phrase = '';
    while (j < chars.length && !close.includes(chars[j] ?? '')) phrase += chars[j++];
    if (phrase.trim()) out.push({ quoted: true, text: phrase });
    i = j + 1;
  }
  if (plain.trim()) out.push({ quoted: false, text: plain });
  return out;
}

function phrasePart(text: string): QueryPart | null {
  const words = wordsOf(text);
  const lexemes: { lexeme: string; offset: number }[] = [];
  words.forEach((w, offset) => {
    if (w !== null) lexemes.push({ lexeme: w, offset });
  });
  const first = lexemes[0];
  if (!first) return null;
  if (lexemes.length === 1) return { kind: 'term', lexeme: first.lexeme };
  return { kind: 'phrase', text: text.trim(), lexemes: lexemes.map((l) => ({ lexeme: l.lexeme, offset: l.offset - first.offset })) };
}

/** tsquery text for one part: a quoted lexeme, or lexemes joined by <-> / <N> (stopwords keep their distance). */
export function partToTsquery(part: QueryPart): string {
  if (part.kind === 'term') return quoteLexeme(part.lexeme);
  let out = '';
  let previous = 0;
  part.lexemes.forEach((l, i) => {
    if (i === 0) out = quoteLexeme(l.lexeme);
    else {
      const distance = l.offset - previous;
      out += ` ${distance === 1 ? '<->' : `<${distance}>`} ${quoteLexeme(l.lexeme)}`;
    }
    previous = l.offset;
  });
  return `(${out})`;
}

function partKey(part: QueryPart): string {
  return part.kind === 'term' ? `t:${part.lexeme}` : `p:${part.lexemes.map((l) => `${l.offset}:${l.lexeme}`).join(' ')}`;
}

/** Parses what was typed into the search box. */
export function parseQuery(raw: string): ParsedQuery {
  const text = normalizeText(raw).replace(/\s+/g, ' ').trim();
  const parts: QueryPart[] = [];
  const seen = new Set<string>();
  const add = (part: QueryPart | null) => {
    if (!part || parts.length >= MAX_QUERY_PARTS) return;
    const key = partKey(part);
    if (seen.has(key)) return;
    seen.add(key);
    parts.push(part);
  };
  for (const piece of splitQuoted(text)) {
    if (piece.quoted) add(phrasePart(piece.text));
    else for (const w of wordsOf(piece.text)) if (w !== null) add({ kind: 'term', lexeme: w });
  }
  const highlight = new Set<string>();
  for (const p of parts) {
    if (p.kind === 'term') highlight.add(p.lexeme);
    else for (const l of p.lexemes) highlight.add(l.lexeme);
  }
  return {
    text,
    docKey: text ? documentNumberLookupKey(text) : null,
    parts,
    tsquery: parts.length ? parts.map(partToTsquery).join(' & ') : null,
    highlight: [...highlight].sort((a, b) => b.length - a.length),
  };
}

/** The text's lexemes as AND-ed groups (for estimates): a term is one group, each word of a phrase another. */
export function textGroupsOf(query: ParsedQuery): string[][] {
  return query.parts.flatMap((p) => (p.kind === 'term' ? [[p.lexeme]] : p.lexemes.map((l) => [l.lexeme])));
}
