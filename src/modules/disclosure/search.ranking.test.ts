import { describe, expect, it } from 'vitest';
import { periodTerms, type FacetRow, type SearchFilter, type TermStats } from './search.repository.ts';
import { DEFAULT_LIMITS, estimateFromStats, estimateTitleMatches, newestPlan, titlePlan, rankModeFor, roundEstimate, sampleLevelFor, type Counted, type PlanContext } from './search.ranking.ts';
import { linkFromInput, searchHref } from './search.paths.ts';
import { formatCount } from './views/search-page.tsx';

const filter = (over: Partial<SearchFilter> = {}): SearchFilter => ({ tsquery: null, textGroups: [], docKey: null, agencyId: null, agencySubtree: true, nodeIds: null, subject: null, genre: null, tag: null, validity: null, dateField: 'published', from: null, to: null, ...over });

describe('counting', () => {
  it('counts exactly up to exactCount and samples 1/4^k above, aiming at sampleTarget rows', () => {
    expect(sampleLevelFor(DEFAULT_LIMITS.exactCount)).toBeNull();
    expect(sampleLevelFor(DEFAULT_LIMITS.exactCount + 1)).toBe(1);
    expect(sampleLevelFor(1_000_000)).toBe(5);
    const k = sampleLevelFor(100_000) ?? 0;
    expect(100_000 / 4 ** k).toBeGreaterThanOrEqual(DEFAULT_LIMITS.sampleTarget / 2);
    expect(100_000 / 4 ** k).toBeLessThan(2 * DEFAULT_LIMITS.sampleTarget);
    const j = sampleLevelFor(30_000) ?? 0;
    expect(30_000 / 4 ** j).toBeGreaterThanOrEqual(DEFAULT_LIMITS.sampleTarget / 2);
    expect(30_000 / 4 ** j).toBeLessThan(2 * DEFAULT_LIMITS.sampleTarget);
  });

  it('rounds estimates to two significant digits and shows 万 for large ones', () => {
    expect(roundEstimate(123_456)).toBe(120_000);
    expect(roundEstimate(987)).toBe(990);
    expect(roundEstimate(42)).toBe(42);
    expect(formatCount(120_000, true)).toBe('约 12 万');
    expect(formatCount(15_000, true)).toBe('约 1.5 万');
    expect(formatCount(990, true)).toBe('约 990');
    expect(formatCount(12_345, false)).toBe('12,345');
  });
});

describe('estimates from the statistics', () => {
  const stats: TermStats = {
    rows: 1_000_000,
    tsv: { frequency: new Map([['工作', 0.98], ['乡村', 0.09], ['振兴', 0.093], ['~v:expired', 0.02], ['~y:2021', 0.08], ['~y:2022', 0.09]]), minFrequency: 0.002 },
    title: { frequency: new Map([['工作', 0.3], ['乡村', 0.04]]), minFrequency: 0.001 },
    monthMarks: true,
  };

  it('takes the least common AND-ed group, sums alternatives, and halves the smallest tracked share for rare words', () => {
    expect(estimateFromStats(stats, filter({ textGroups: [['乡村'], ['振兴']] }))).toBe(90_000);
    expect(estimateFromStats(stats, filter({ textGroups: [['工作']], validity: 'expired' }))).toBe(20_000);
    expect(estimateFromStats(stats, filter({ textGroups: [['工作']], from: '2021-01-01', to: '2022-12-31' }))).toBe(170_000);
    expect(estimateFromStats(stats, filter({ textGroups: [['磁悬浮']] }))).toBe(1_000);
    expect(estimateTitleMatches(stats, filter({ textGroups: [['工作']] }))).toBe(300_000);
    expect(estimateFromStats({ ...stats, rows: null }, filter())).toBeNull();
  });
});

describe('newest-first plans', () => {
  // a month's sampled matches, or [matches, of which in the title] (all in the title when not given)
  const sampled = (months: Record<string, number | [number, number]>, total: number, scale = 64): Counted => ({
    total,
    isEstimate: true,
    scale,
    rows: Object.entries(months).map(([key, n]): FacetRow => ({ facet: 'publishedMonth', key, count: typeof n === 'number' ? n : n[0], titled: typeof n === 'number' ? n : n[1] })),
  });
  const ctx = (counted: Counted, over: Partial<PlanContext> = {}): PlanContext => ({ counted, tableRows: 1_000_000, titleMatches: null, toYear: 2026, latestYear: 2025, monthMarks: true, limits: DEFAULT_LIMITS, ...over });

  it('collects and sorts every match when they were counted exactly', () => {
    expect(newestPlan(ctx({ total: 1500, isEstimate: false, rows: [], scale: 1 }), 200)).toEqual({ kind: 'bitmap', fromMonth: null, toYear: 2026 });
  });

  it('walks the date index, a bounded number of rows, when matches are dense', () => {
    const plan = newestPlan(ctx(sampled({ '2025-12': 160, '2025-11': 150, '2025-10': 170 }, 980_000, 256)), 200);
    expect(plan.kind).toBe('walk');
    expect(plan.kind === 'walk' && plan.cap).toBeLessThan(1000);
  });

  it('collects the newest months that hold twice k matches, through their month marks', () => {
    const months = { '2025-12': 20, '2025-11': 15, '2025-10': 12, '2024-06': 40 };
    expect(newestPlan(ctx(sampled(months, 30_000, 16)), 200)).toEqual({ kind: 'bitmap', fromMonth: '2025-11', toYear: 2026 });
    // without month marks in every row, from January of that year
    expect(newestPlan(ctx(sampled(months, 30_000, 16), { monthMarks: false }), 200)).toEqual({ kind: 'bitmap', fromMonth: '2025-01', toYear: 2026 });
  });

  it('does not trust a window of too few sampled rows, however many matches they stand for', () => {
    // 2025-12 stands for 448 ≥ 2k matches, but 7 sampled rows are too few to be sure of 200
    expect(newestPlan(ctx(sampled({ '2025-12': 7, '2025-11': 5, '2025-10': 12 }, 50_000)), 200)).toEqual({ kind: 'bitmap', fromMonth: '2025-11', toYear: 2026 });
  });

  it('reaches back until the months also hold twice the title pool in title matches', () => {
    const months: Record<string, [number, number]> = { '2025-12': [20, 2], '2025-11': [15, 2], '2025-10': [12, 3], '2025-09': [14, 6], '2025-08': [10, 4], '2025-07': [11, 5] };
    expect(newestPlan(ctx(sampled(months, 30_000, 16)), 200)).toEqual({ kind: 'bitmap', fromMonth: '2025-11', toYear: 2026 });
    // 200 title matches are 12.5 sampled rows: 2025-12 … 2025-09 hold 13
    expect(newestPlan(ctx(sampled(months, 30_000, 16)), 200, 100)).toEqual({ kind: 'bitmap', fromMonth: '2025-09', toYear: 2026 });
    // not when that would collect more than poolWindow matches: the title pool then takes what k's months hold
    expect(newestPlan(ctx(sampled(months, 30_000, 16), { limits: { ...DEFAULT_LIMITS, poolWindow: 900 } }), 200, 100)).toEqual({ kind: 'bitmap', fromMonth: '2025-11', toYear: 2026 });
    // nor when title matches are too few anywhere
    expect(newestPlan(ctx(sampled({ '2025-12': [20, 0], '2025-11': [15, 1], '2025-10': [12, 0] }, 30_000, 16)), 200, 100)).toEqual({ kind: 'bitmap', fromMonth: '2025-11', toYear: 2026 });
  });

  it('collects from old months when a filter leaves no recent match (a correlated filter such as 失效)', () => {
    expect(newestPlan(ctx(sampled({ '2021-12': 6, '2021-03': 70, '2020-05': 90 }, 19_000)), 200)).toEqual({ kind: 'bitmap', fromMonth: '2021-03', toYear: 2026 });
  });

  it('writes the period as the rest of the first year by month, then whole years', () => {
    expect(periodTerms({ kind: 'bitmap', fromMonth: '2025-11', toYear: 2026 })).toEqual([`('~m:2025-11' | '~m:2025-12' | '~y:2026')`]);
    expect(periodTerms({ kind: 'bitmap', fromMonth: '2024-01', toYear: 2026 })).toEqual([`('~y:2024' | '~y:2025' | '~y:2026')`]);
    expect(periodTerms({ kind: 'bitmap', fromMonth: '2026-12', toYear: 2026 })).toEqual([`'~m:2026-12'`]);
    expect(periodTerms({ kind: 'bitmap', fromMonth: null, toYear: 2026 })).toEqual([]);
    expect(periodTerms({ kind: 'walk', cap: 100 })).toEqual([]);
    // too long for marks: the caller bounds the date column instead
    expect(periodTerms({ kind: 'bitmap', fromMonth: '1980-05', toYear: 2026 })).toEqual([]);
  });

  it('collects a few title matches through the title index when the recent pool walks', () => {
    const dense = sampled({ '2025-12': 160, '2025-11': 150, '2025-10': 170 }, 980_000, 256);
    const walk = newestPlan(ctx(dense), 200);
    expect(titlePlan(ctx(dense, { titleMatches: 500 }), walk)).toEqual({ kind: 'titles' });
    expect(titlePlan(ctx(dense, { titleMatches: 300_000 }), walk).kind).toBe('walk');
    const bitmap = { kind: 'bitmap', fromMonth: '2025-11', toYear: 2026 } as const;
    expect(titlePlan(ctx(dense, { titleMatches: 500 }), bitmap)).toBe(bitmap);
  });

  it('ranks every match only when they were counted exactly and are few', () => {
    expect(rankModeFor({ total: 100, isEstimate: false, rows: [], scale: 1 })).toBe('exact');
    expect(rankModeFor({ total: 100_000, isEstimate: true, rows: [], scale: 64 })).toBe('pooled');
  });
});

describe('search links', () => {
  it('keeps the other parameters, returns to page 1 and drops the node when the agency changes', () => {
    const link = { q: '政务公开', agency: 'cq', node: 'n1', page: '3' };
    expect(searchHref('/search', link, { type: 'notice' })).toBe('/search?q=%E6%94%BF%E5%8A%A1%E5%85%AC%E5%BC%80&agency=cq&node=n1&type=notice');
    expect(searchHref('/search', link, { agency: 'cq-bgt' })).toBe('/search?q=%E6%94%BF%E5%8A%A1%E5%85%AC%E5%BC%80&agency=cq-bgt');
    expect(searchHref('/search', link, { page: '4' })).toBe('/search?q=%E6%94%BF%E5%8A%A1%E5%85%AC%E5%BC%80&agency=cq&node=n1&page=4');
    expect(searchHref('/search', {})).toBe('/search');
    expect(linkFromInput({ q: ' x ', agency: '', colour: 'red', page: ['1', '2'] })).toEqual({ q: 'x' });
  });
});
