// Tokens of a ticket's text for duplicate detection and the dispatch classifier: jieba words (src/platform/text/segment.ts)
// without the words every hotline call has ("你好，我要反映…希望尽快处理").
import { searchTokens, segment } from '../../platform/text/segment.ts';

/** Words that say nothing about what or where: greetings, the hotline's own vocabulary, function words. */
export const HOTLINE_STOPWORDS: ReadonlySet<string> = new Set([
  // function words
  '的', '了', '是', '在', '有', '和', '与', '就', '都', '也', '很', '又', '还', '被', '把', '让', '给', '对', '到', '从', '向',
  '及', '或', '等', '着', '过', '吗', '呢', '吧', '啊', '呀', '哦', '嗯', '这', '那', '这个', '那个', '这些', '那些', '这里', '那里',
  '一个', '一些', '一下', '一直', '已经', '没有', '不', '没', '能', '会', '要', '想', '说', '去', '来', '看', '做', '但', '但是',
  '而且', '并且', '因为', '所以', '如果', '虽然', '然后', '现在', '目前', '今天', '昨天', '每天', '经常', '非常', '特别', '比较',
  '什么', '怎么', '为什么', '如何', '哪里', '多少', '几', '个', '些', '次', '上', '下', '里', '中', '后', '前', '时', '时候',
  '我', '我们', '你', '你们', '他', '他们', '她', '它', '自己', '大家', '本人', '其', '该',
  // hotline boilerplate
  '你好', '您好', '喂', '请问', '谢谢', '麻烦', '市民', '来电', '反映', '反应', '投诉', '举报', '咨询', '建议', '求助', '诉求',
  '希望', '要求', '请求', '恳请', '尽快', '及时', '处理', '解决', '相关', '部门', '有关', '政府', '问题', '情况', '帮助', '帮忙',
  '一下子', '多次', '始终', '仍然', '依然', '至今', '管', '没人管', '12345', '我要', '有个', '请', '您', '想问', '问一下',
]);

const NUMERIC = /^[\d.,:：%-]+$/;

/** Precise-mode words, lower-cased, stopwords and bare numbers dropped. */
export function ticketWords(text: string): string[] {
  return segment(text).map((w) => w.toLowerCase()).filter((w) => !HOTLINE_STOPWORDS.has(w) && !NUMERIC.test(w));
}

/** Search-mode tokens (long words plus their parts), stopwords and bare numbers dropped. */
export function ticketSearchTokens(text: string): string[] {
  return searchTokens(text).filter((w) => !HOTLINE_STOPWORDS.has(w) && !NUMERIC.test(w));
}

/** Token → count. */
export function termCounts(tokens: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of tokens) out.set(t, (out.get(t) ?? 0) + 1);
  return out;
}

/** Cosine similarity of two term-count vectors, 0..1. */
export function cosineSimilarity(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [t, n] of small) dot += n * (large.get(t) ?? 0);
  if (dot === 0) return 0;
  let na = 0;
  let nb = 0;
  for (const n of a.values()) na += n * n;
  for (const n of b.values()) nb += n * n;
  return dot / Math.sqrt(na * nb);
}

/** Jaccard similarity of two sets, 0..1 (two empty sets: 0). */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let inter = 0;
  for (const t of a) if (b.has(t)) inter++;
  return inter / (a.size + b.size - inter);
}
