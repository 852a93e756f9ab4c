import { describe, expect, it } from 'vitest';
import { compareTexts, jaccard, RepeatIndex, shingles } from './dedupe.ts';

const A = '依托全市政务信息资源共享平台，统一数据标准，集中归集全市重大建设项目、公共资源配置以及社会公益事业建设领域政府信息，统一向各公开渠道发布。';

describe('near-duplicate detection', () => {
  it('builds character shingles and their Jaccard similarity', () => {
    expect([...shingles('政务公开')]).toEqual(['政务公', '务公开']);
    expect([...shingles('政务')]).toEqual(['政务']);
    expect(jaccard(shingles('政务公开'), shingles('政务公开'))).toBe(1);
    expect(jaccard(shingles('政务公开'), shingles('数据开放'))).toBe(0);
  });

  it('tells exact, near, contained and distinct texts apart', () => {
    expect(compareTexts(A, ` ${A} `)).toBe('same');
    expect(compareTexts(A, A.replace('，统一数据标准', '，统一数据的标准'))).toBe('near');
    expect(compareTexts(A, A.slice(0, 30))).toBe('contained');
    expect(compareTexts(A.slice(0, 30), A)).toBe('contains');
    expect(compareTexts(A, '完善政府网站安全保障机制，做好防攻击、防篡改、防病毒等工作。')).toBe('distinct');
    // 0.9 is the line: one changed character in a short sentence is not enough to call it a repeat
    expect(compareTexts('加强新闻发言人队伍建设。', '加强新闻发言人制度建设。')).toBe('distinct');
  });

  it('only removes short texts when they repeat exactly', () => {
    expect(compareTexts('附件：', '附件：')).toBe('same');
    expect(compareTexts('一、总则', '一、总')).toBe('distinct');
  });

  it('finds the earliest kept text a candidate repeats, and whether it is the more complete copy', () => {
    const other = '第二段，内容完全不同的一句话。';
    const index = new RepeatIndex();
    index.add(other);
    index.add(A.slice(0, 40));
    expect(index.find(A)).toEqual({ index: 1, moreComplete: true });
    index.replace(1, A);
    expect(index.find(A.slice(0, 40))).toEqual({ index: 1, moreComplete: false });
    expect(index.find(` ${A}`)).toEqual({ index: 1, moreComplete: false });
    expect(index.find(A.replace('，统一数据标准', '，统一数据的标准'))).toEqual({ index: 1, moreComplete: true });
    expect(index.find(A.replace('，统一数据标准', '，统一数据标'))).toEqual({ index: 1, moreComplete: false });
    expect(index.find('完善政府网站安全保障机制，做好防攻击、防篡改、防病毒等工作。')).toBeNull();
  });

  it('agrees with compareTexts on every pair of a sample', () => {
    const sample = [A, A.slice(0, 30), A.slice(10), A.replace('全市', '全省'), '附件：', '附件：', '一、总则', '一、总', '加强新闻发言人队伍建设。', '加强新闻发言人制度建设。'];
    for (let i = 0; i < sample.length; i++) {
      for (let j = 0; j < sample.length; j++) {
        if (i === j) continue;
        const index = new RepeatIndex();
        index.add(sample[i] ?? '');
        expect(index.find(sample[j] ?? '') !== null, `${sample[i]} / ${sample[j]}`).toBe(compareTexts(sample[i] ?? '', sample[j] ?? '') !== 'distinct');
      }
    }
  });

  it('only compares short texts exactly', () => {
    const index = new RepeatIndex();
    index.add('附件：');
    expect(index.find('附件：')).toEqual({ index: 0, moreComplete: false });
    expect(index.find('附件')).toBeNull();
  });
});
