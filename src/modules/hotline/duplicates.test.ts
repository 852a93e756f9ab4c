import { describe, expect, it } from 'vitest';
import { findDuplicates, haversineMeters, normalizeAddress, prepareSubject, resolveMergeRoot, samePlace, type DuplicateSubject } from './duplicates.ts';
import { DEFAULT_HOTLINE_CONFIG } from './hotline.config.ts';
import { cosineSimilarity, jaccard, termCounts, ticketSearchTokens } from './ticket-text.ts';

const cfg = DEFAULT_HOTLINE_CONFIG.duplicates;
const t0 = new Date('2025-10-20T09:00:00+08:00');
const hoursLater = (h: number) => new Date(t0.getTime() + h * 3_600_000);

function subject(over: Partial<DuplicateSubject> & { id: string }): DuplicateSubject {
  return {
    categoryCode: '010101',
    district: '500103',
    address: '渝中区解放碑八一路口',
    lat: 29.5578,
    long: 106.5772,
    createdAt: t0,
    text: '你好，我要反映解放碑步行街八一路口的路面有个大坑，下雨积水，电动车差点摔倒，希望尽快修补。',
    ...over,
  };
}

const first = prepareSubject(subject({ id: 'A' }));

describe('findDuplicates', () => {
  it('finds the same pothole reported again nearby, in other words, a few hours later', () => {
    const again = prepareSubject(subject({ id: 'B', lat: 29.5583, long: 106.5776, createdAt: hoursLater(5), text: '解放碑八一路路口路面塌了一个大坑，很危险，请相关部门尽快修补路面。' }));
    const [m, ...rest] = findDuplicates(again, [first], cfg);
    expect(rest).toEqual([]);
    expect(m?.id).toBe('A');
    expect(m?.mergeIntoId).toBe('A');
    expect(m?.place.by).toBe('coordinates');
    expect(m?.place.distanceMeters).toBeLessThan(100);
    expect(m?.reasons).toEqual(['诉求类别相同', expect.stringMatching(/^位置相距 \d+ 米$/), '相隔 5 小时', expect.stringMatching(/^内容相似度 0\.\d\d$/)]);
  });

  it('requires each criterion: category, time window, place and text', () => {
    const again = (over: Partial<DuplicateSubject>) => prepareSubject(subject({ id: 'B', createdAt: hoursLater(2), ...over }));
    expect(findDuplicates(again({}), [first], cfg)).toHaveLength(1);
    expect(findDuplicates(again({ categoryCode: '010102' }), [first], cfg)).toEqual([]);
    expect(findDuplicates(again({ createdAt: hoursLater(73) }), [first], cfg)).toEqual([]);
    expect(findDuplicates(again({ createdAt: hoursLater(-73) }), [first], cfg)).toEqual([]);
    expect(findDuplicates(again({ lat: 29.5678 }), [first], cfg)).toEqual([]); // ~1.1 km north
    expect(findDuplicates(again({ district: '500105' }), [first], cfg)).toEqual([]);
    expect(findDuplicates(again({ text: '小区门口有人长期占道卖水果，影响通行。' }), [first], cfg)).toEqual([]);
    expect(findDuplicates(first, [first], cfg)).toEqual([]);
  });

  it('falls back to the address when coordinates are missing', () => {
    const noCoords = prepareSubject(subject({ id: 'C', lat: null, long: null, address: '渝中区 解放碑八一路口附近', createdAt: hoursLater(1) }));
    const [m] = findDuplicates(noCoords, [first], cfg);
    expect(m?.place).toMatchObject({ by: 'address', addressSimilarity: 1 });
    const elsewhere = prepareSubject(subject({ id: 'D', lat: null, long: null, address: '江北区观音桥步行街', createdAt: hoursLater(1) }));
    expect(findDuplicates(elsewhere, [first], cfg)).toEqual([]);
    const nowhere = prepareSubject(subject({ id: 'E', lat: null, long: null, address: null }));
    expect(samePlace(nowhere, first, cfg)).toEqual({ same: false, by: 'none', distanceMeters: null, addressSimilarity: null });
  });

  it('sorts by similarity and points at the ticket already answered for all', () => {
    const merged = prepareSubject(subject({ id: 'B', createdAt: hoursLater(1), mergedIntoId: 'A', text: '解放碑八一路口路面有个大坑，下雨积水，请尽快修补。' }));
    const other = prepareSubject(subject({ id: 'C', createdAt: hoursLater(2), text: '八一路口路面大坑一直没人修，积水严重。' }));
    const newest = prepareSubject(subject({ id: 'N', createdAt: hoursLater(3), text: '解放碑八一路口路面有个大坑，下雨积水，请尽快修补。' }));
    const matches = findDuplicates(newest, [first, merged, other], cfg, new Map([['C', 'A']]));
    expect(matches.map((m) => m.id)).toEqual(['B', 'A', 'C']);
    expect(matches.map((m) => m.mergeIntoId)).toEqual(['A', 'A', 'A']);
    const sims = matches.map((m) => m.textSimilarity);
    expect([...sims].sort((a, b) => b - a)).toEqual(sims);
  });
});

describe('helpers', () => {
  it('measures distance on the sphere', () => {
    expect(haversineMeters({ lat: 29.5578, long: 106.5772 }, { lat: 29.5578, long: 106.5772 })).toBe(0);
    // one degree of latitude is about 111.2 km
    expect(haversineMeters({ lat: 29, long: 106 }, { lat: 30, long: 106 })).toBeCloseTo(111_195, -2);
  });
  it('normalizes addresses', () => {
    expect(normalizeAddress(' 渝中区，解放碑 八一路口 附近 ')).toBe('渝中区解放碑八一路口');
    expect(normalizeAddress('附近')).toBeNull();
    expect(normalizeAddress(null)).toBeNull();
  });
  it('follows merge links to the root and survives cycles', () => {
    expect(resolveMergeRoot('C', new Map([['C', 'B'], ['B', 'A']]))).toBe('A');
    expect(resolveMergeRoot('A', new Map())).toBe('A');
    expect(['A', 'B']).toContain(resolveMergeRoot('A', new Map([['A', 'B'], ['B', 'A']])));
  });
  it('computes cosine and Jaccard similarity', () => {
    const a = termCounts(ticketSearchTokens('小区门口的路灯坏了'));
    expect(cosineSimilarity(a, a)).toBeCloseTo(1);
    expect(cosineSimilarity(a, new Map())).toBe(0);
    expect(cosineSimilarity(termCounts(['x']), termCounts(['y']))).toBe(0);
    expect(jaccard(new Set(['a', 'b']), new Set(['b', 'c']))).toBeCloseTo(1 / 3);
    expect(jaccard(new Set(), new Set())).toBe(0);
  });
  it('drops the hotline boilerplate from tokens', () => {
    const tokens = ticketSearchTokens('你好，我要反映一下，小区门口的路灯坏了，希望相关部门尽快处理这个问题，谢谢！');
    expect(tokens).toEqual(expect.arrayContaining(['路灯']));
    for (const w of ['你好', '反映', '希望', '相关', '部门', '尽快', '处理', '问题', '谢谢']) expect(tokens).not.toContain(w);
  });
});
