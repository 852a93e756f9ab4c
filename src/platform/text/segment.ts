import { readFileSync } from 'node:fs';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

// jieba with our own 政务 dictionary on top of the default one. Intl.Segmenter is too slow and too coarse.
const ZHENGWU_DICT = readFileSync(new URL('./zhengwu.dict.txt', import.meta.url));

let instance: Jieba | null = null;

function jieba(): Jieba {
  if (!instance) {
    instance = Jieba.withDict(dict);
    instance.loadDict(ZHENGWU_DICT);
  }
  return instance;
}

const PUNCT = /^[\s\p{P}\p{S}]+$/u;

/** Words of a text, in order, punctuation and whitespace dropped. */
export function segment(text: string): string[] {
  return jieba().cut(text, true).filter((w) => !PUNCT.test(w));
}

/** Search-mode tokens (long words plus their shorter parts), lower-cased, for indexing and queries. */
export function searchTokens(text: string): string[] {
  return jieba().cutForSearch(text, true).filter((w) => !PUNCT.test(w)).map((w) => w.toLowerCase());
}
