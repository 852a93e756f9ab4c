import { describe, expect, it } from 'vitest';
import type { FacetRow, SearchFilter, TermStats } from './search.repository.ts';
import { DEFAULT_LIMITS, estimateFromStats, estimateTitleMatches, newestPlan, rankModeFor, roundEstimate, sampleLevelFor, type Counted, type PlanContext } from './search.ranking.ts';
import { linkFromInput, searchHref } from './search.paths.ts';
import { formatCount } from './views/search-page.tsx';

const filter = (over: Partial<SearchFilter> = {}): SearchFilter => ({ tsquery: null, textGroups: [], docKey: null, agencyId: null, agencySubtree: true, nodeIds: null, subject: null, genre: null, tag: null, validity: null, dateField: 'published', from: null, to: null, ...over });

describe('counting', () => {
  it('counts exactly up to exactCount and samples 1/4^k above, aiming at sampleTarget rows', () => {
    expect(sampleLevelFor(DEFAULT_LIMITS.exactCount)).toBeNull();
    expect(sampleLevelFor(DEFAULT_LIMITS.exactCount + 1)).toBe(1);
    expect(sampleLevelFor(1_000_000)).toBe(5);
    const k = sampleLevelFor(100_000) ?? 0;
    expect(100_000 / 4 ** k).toBeGreaterThanOrEqual(DEFAULT_LIMITS.sampleTarget);
    expect(100_000 / 4 ** k).toBeLessThan(4 * DEFAULT_LIMITS.sampleTarget);
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
  const sampled = (years: Record<string, number>, total: number, scale = 64): Counted => ({
    total,
    isEstimate: true,
    scale,
    rows: Object.entries(years).map(([key, count]): FacetRow => ({ facet: 'publishedYear', key, count })),
  });
  const ctx = (counted: Counted, over: Partial<PlanContext> = {}): PlanContext => ({ counted, tableRows: 1_000_000, titleMatches: null, toYear: 2026, latestYear: 2025, limits: DEFAULT_LIMITS, ...over });

  it('collects and sorts every match when they were counted exactly', () => {
    expect(newestPlan(ctx({ total: 1500, isEstimate: false, rows: [], scale: 1 }), 200)).toEqual({ kind: 'bitmap', fromYear: null, toYear: 2026 });
  });

  it('walks the date index, a bounded number of rows, when matches are dense', () => {
    const plan = newestPlan(ctx(sampled({ 2025: 1800, 2024: 1700 }, 980_000, 256)), 200);
    expect(plan.kind).toBe('walk');
    expect(plan.kind === 'walk' && plan.cap).toBeLessThan(1000);
  });

  it('collects through the year marks when the newest years hold few matches, or none (a correlated filter)', () => {
    expect(newestPlan(ctx(sampled({ 2025: 60, 2024: 50, 2023: 40 }, 30_000)), 200)).toEqual({ kind: 'bitmap', fromYear: 2025, toYear: 2026 });
    expect(newestPlan(ctx(sampled({ 2021: 80, 2020: 90 }, 19_000)), 200)).toEqual({ kind: 'bitmap', fromYear: 2021, toYear: 2026 });
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
