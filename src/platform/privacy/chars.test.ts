import { expect, it } from 'vitest';
import { labelBefore, PairSet, WordIndex } from './chars.ts';

it('WordIndex finds the longest word at a position, before a position, and inside a range', () => {
  const w = new WordIndex(['路', '大道', '新闻发言人', '发言人']);
  expect(w.matchAt('新闻发言人李明', 0)).toBe('新闻发言人');
  expect(w.matchAt('新闻发言人李明', 2)).toBe('发言人');
  expect(w.matchAt('新闻', 0)).toBeNull();
  expect(w.matchEndingAt('江南大道88号', 4)).toBe('大道');
  expect(w.matchEndingAt('民族路188号', 3)).toBe('路');
  expect(w.matchEndingAt('民族188号', 2)).toBeNull();
  expect(w.occursIn('请拨打发言人电话', 0, 8)).toBe(true);
  expect(w.occursIn('请拨打发言人电话', 0, 5)).toBe(false);
});

it('PairSet tells exact two-character prefixes apart, even above U+8000', () => {
  const p = new PairSet(['欧阳', '司马']);
  expect(p.hasAt('欧阳修', 0)).toBe(true);
  expect(p.hasAt('司马光', 0)).toBe(true);
  expect(p.hasAt('欧美', 0)).toBe(false);
  expect(p.hasAt('阳欧', 0)).toBe(false);
});

it('labelBefore stops at the previous clause break and at the limit', () => {
  expect(labelBefore('工单号：123，咨询电话：023', 13)).toBe('咨询电话：');
  expect(labelBefore('一二三四五六七八九十', 10, 4)).toBe('七八九十');
});
