// 知识库 search text: jieba tokens as 'simple' lexemes, and tsquery text built from lexemes that can hold no operator.
// Documents are cut in search mode (long words plus their dictionary parts: 公积金贷款 → 公积金, 贷款); a query in precise
// mode, so "公积金 提取" and "公积金提取" find the same entries. Pure.
import { searchTokens, segment } from '../../platform/text/segment.ts';

// A lexeme: letters, digits and marks, with . + # & % _ - inside ("covid-19", "c++"); never a quote, space or operator.
const LEXEME = /^[\p{L}\p{N}\p{M}][\p{L}\p{N}\p{M}.+#&%_-]*$/u;
const STOP = new Set(['的', '了', '和', '与', '及', '或', '在', '是', '对', '为', '等', '把', '被', '于', '之', '其', '并', '也', '都', '吗', '呢', '吧', '怎么', '如何', '什么', '哪里', '请问', '我', '我们', '你', '您']);

function lexemes(words: readonly string[]): string[] {
  const out = new Set<string>();
  for (const raw of words) {
    const w = raw.normalize('NFKC').toLowerCase();
    if (w.length === 0 || w.length > 60 || STOP.has(w) || !LEXEME.test(w)) continue;
    out.add(w);
  }
  return [...out];
}

/** The lexemes a text is indexed under (search mode, deduplicated). */
export function kbDocumentLexemes(text: string): string[] {
  return lexemes(searchTokens(text.normalize('NFKC')));
}

/** The lexemes of a query (precise mode, deduplicated). */
export function kbQueryLexemes(text: string): string[] {
  return lexemes(segment(text.normalize('NFKC')));
}

/**
 * tsquery text: every lexeme quoted; `all` joins with & (the search box), otherwise | (matching a caller's whole
 * account against the knowledge base). null when nothing searchable is left.
 */
export function kbTsquery(lexemesIn: readonly string[], mode: 'all' | 'any'): string | null {
  const safe = lexemesIn.filter((l) => LEXEME.test(l));
  if (safe.length === 0) return null;
  return safe.map((l) => `'${l}'`).join(mode === 'all' ? ' & ' : ' | ');
}

/** Keywords typed as "公积金，提取; 贷款" → ['公积金', '提取', '贷款'] (trimmed, deduplicated, at most 20). */
export function parseKeywords(text: string | null | undefined): string[] {
  if (!text) return [];
  const out: string[] = [];
  for (const k of text.split(/[,，;；、\s]+/u)) {
    const t = k.trim();
    if (t && !out.includes(t)) out.push(t);
  }
  return out.slice(0, 20);
}
