// Bounded work for any query (docs/adr/0004-search-ranking-for-top-k.md):
//   counting  — exact up to `exactCount` matches; above, from a uniform 1/4^k sample chosen by the planner's
//               estimate (the sampling marks of search.text.ts), shown as "约 N 条";
//   ranking   — every match ranked up to `rankAll` matches; above, only a candidate pool: the newest title
//               matches and the newest matches, ranked together, the rest following newest first;
//   newest k  — every match collected and sorted when few, the years that hold the newest k (by the year
//               counts) when those hold few, else a walk down the published_date index.

import type { Executor } from '../../platform/db/database.ts';
import * as repo from './search.repository.ts';
import { PAGE_SIZE } from './search.schema.ts';
import type { SampleLevel } from './search.text.ts';

export interface SearchLimits {
  /** up to this many matches, counts and facets are exact */
  exactCount: number;
  /** up to this many matches, every match is ranked */
  rankAll: number;
  /** the candidate pool of a common query */
  titlePool: number;
  recentPool: number;
  /** collecting and sorting up to this many matches beats walking the date index */
  bitmap: number;
  /** date-ordered pages within the newest this-many matches are planned from the year counts */
  newestWindow: number;
  /** a sample aims at this many rows; fewer than minSample asks for a denser one, maxSample caps it */
  sampleTarget: number;
  minSample: number;
  maxSample: number;
}

/** Measured with bench/search.bench.ts at 100 k and 1 M items (docs/adr/0004). */
export const DEFAULT_LIMITS: SearchLimits = {
  exactCount: 2_000,
  rankAll: 1_000,
  titlePool: 200,
  recentPool: 200,
  bitmap: 10_000,
  newestWindow: 1_000,
  sampleTarget: 1_000,
  minSample: 100,
  maxSample: 8_000,
};

const MAX_LEVEL: SampleLevel = 5;

// --- counting -----------------------------------------------------------------------------------------------------

export interface Counted {
  total: number;
  /** true when total and the facet counts come from a sample */
  isEstimate: boolean;
  rows: repo.FacetRow[];
  /** what one sampled row stands for (4^level; 1 when exact) */
  scale: number;
}

/** The sample level for an expected number of matches: null (count everything) or k, for a 1/4^k sample. */
export function sampleLevelFor(expected: number, limits: SearchLimits = DEFAULT_LIMITS): SampleLevel | null {
  if (expected <= limits.exactCount) return null;
  const k = Math.floor(Math.log(expected / limits.sampleTarget) / Math.log(4));
  return Math.min(MAX_LEVEL, Math.max(1, k)) as SampleLevel;
}

/**
 * Expected matches from the column statistics, without asking the planner: the share of the least common
 * AND-ed group (a group's share is the sum of its alternatives'), times the rows. Taking the least common
 * group rather than the product assumes the words go together (乡村 and 振兴 do): it over-estimates rather
 * than under-estimates, which costs at most a sparse sample too many. Null before the table is analysed.
 */
export function estimateFromStats(stats: repo.TermStats, groups: readonly (readonly string[])[]): number | null {
  if (stats.rows === null) return null;
  let share = 1;
  for (const g of groups) share = Math.min(share, Math.min(1, g.reduce((sum, lexeme) => sum + (stats.frequency.get(lexeme) ?? stats.minFrequency / 2), 0)));
  return Math.round(share * stats.rows);
}

/** The AND-ed groups of a filter, text and marks, for estimateFromStats. */
export function groupsOf(f: repo.SearchFilter): string[][] {
  return [...f.textGroups.map((g) => [...g]), ...repo.filterTerms(f).groups];
}

/** An estimate shown as "约 N": two significant digits. */
export function roundEstimate(n: number): number {
  if (n < 100) return Math.round(n);
  const scale = 10 ** (Math.floor(Math.log10(n)) - 1);
  return Math.round(n / scale) * scale;
}

function totalOf(rows: readonly repo.FacetRow[]): number {
  return rows.find((r) => r.facet === 'total')?.count ?? 0;
}

/**
 * Exact counts and facets when the matches are few; otherwise from a uniform sample sized by the planner's
 * estimate and corrected by what the sample finds. A few thousand rows are read at most, whatever the query.
 */
export async function countMatches(ex: Executor, f: repo.SearchFilter, estimate: number, limits: SearchLimits = DEFAULT_LIMITS): Promise<Counted> {
  let level = sampleLevelFor(estimate, limits);
  const tried = new Set<SampleLevel | null>();
  for (;;) {
    tried.add(level);
    if (level === null) {
      const rows = await repo.selectFacetCounts(ex, f, { sample: null, limit: limits.exactCount + 1 });
      const n = totalOf(rows);
      if (n <= limits.exactCount) return { total: n, isEstimate: false, rows, scale: 1 };
      // the planner under-estimated: there are more than exactCount matches
      level = sampleLevelFor(limits.exactCount * 4, limits) ?? 1;
      continue;
    }
    const rows = await repo.selectFacetCounts(ex, f, { sample: level, limit: limits.maxSample });
    const n = totalOf(rows);
    const scale = 4 ** level;
    const next = n >= limits.maxSample && level < MAX_LEVEL ? ((level + 1) as SampleLevel) : n < limits.minSample ? sampleLevelFor(n * scale, limits) : level;
    if (next === level || tried.has(next)) {
      // too few in the densest sample tried, and few enough to count them all
      if (n < limits.minSample && n * scale <= limits.exactCount * 4 && !tried.has(null)) {
        level = null;
        continue;
      }
      return { total: roundEstimate(n * scale), isEstimate: true, rows, scale };
    }
    level = next;
  }
}

// --- newest first ---------------------------------------------------------------------------------------------------

/**
 * How to fetch the newest `k` matches: every match collected and sorted when they are few; otherwise the
 * years holding (twice) the newest k by the year counts, collected through their year marks when those hold
 * few enough; otherwise (dense recent matches) a walk down the date index.
 */
export function newestPlan(counted: Counted, k: number, toYear: number, limits: SearchLimits = DEFAULT_LIMITS): repo.NewestPlan {
  if (!counted.isEstimate) return { kind: 'bitmap', fromYear: null, toYear };
  const years = counted.rows
    .filter((r) => r.facet === 'publishedYear')
    .map((r) => ({ year: Number(r.key), count: r.count * counted.scale }))
    .sort((a, b) => b.year - a.year);
  const newest = Math.max(toYear, years[0]?.year ?? toYear);
  let acc = 0;
  for (const y of years) {
    acc += y.count;
    if (acc >= 2 * k) return acc <= limits.bitmap ? { kind: 'bitmap', fromYear: y.year, toYear: newest } : { kind: 'index' };
  }
  return counted.total <= limits.bitmap ? { kind: 'bitmap', fromYear: null, toYear: newest } : { kind: 'index' };
}

/** One page of matches, newest first. Exact: a year-limited plan that comes up short is widened. */
export async function newestPage(ex: Executor, f: repo.SearchFilter, counted: Counted, offset: number, toYear: number, limits: SearchLimits = DEFAULT_LIMITS): Promise<string[]> {
  const limit = PAGE_SIZE;
  if (offset + limit > limits.newestWindow) return repo.selectNewest(ex, f, { offset, limit, plan: { kind: 'index' } });
  const plan = newestPlan(counted, offset + limit, toYear, limits);
  const ids = await repo.selectNewest(ex, f, { offset, limit, plan });
  if (ids.length === limit || plan.kind !== 'bitmap' || plan.fromYear === null || offset + ids.length >= counted.total) return ids;
  const wider: repo.NewestPlan = counted.total <= 4 * limits.bitmap ? { kind: 'bitmap', fromYear: null, toYear } : { kind: 'index' };
  return repo.selectNewest(ex, f, { offset, limit, plan: wider });
}

// --- relevance --------------------------------------------------------------------------------------------------

export type RankMode = 'exact' | 'pooled';

export function rankModeFor(counted: Counted, limits: SearchLimits = DEFAULT_LIMITS): RankMode {
  return !counted.isEstimate && counted.total <= limits.rankAll ? 'exact' : 'pooled';
}

/** One page by relevance: all matches ranked, or the ranked pool followed by the other matches newest first. */
export async function rankedPage(ex: Executor, f: repo.SearchFilter & { tsquery: string }, counted: Counted, offset: number, toYear: number, limits: SearchLimits = DEFAULT_LIMITS): Promise<string[]> {
  const limit = PAGE_SIZE;
  if (rankModeFor(counted, limits) === 'exact') return repo.selectRankedAll(ex, f, offset, limit, limits.rankAll + 1);
  const plan = newestPlan(counted, Math.max(limits.titlePool, limits.recentPool), toYear, limits);
  const [titled, recent] = await Promise.all([
    repo.selectNewest(ex, f, { offset: 0, limit: limits.titlePool, plan, titleOnly: true }),
    repo.selectNewest(ex, f, { offset: 0, limit: limits.recentPool, plan }),
  ]);
  const pool = await repo.selectRankedIds(ex, f.tsquery, [...new Set([...titled, ...recent])]);
  const ids = pool.slice(offset, offset + limit);
  if (ids.length < limit) {
    const rest = Math.max(0, offset - pool.length);
    const restPlan = rest + limit > limits.newestWindow ? ({ kind: 'index' } as const) : newestPlan(counted, rest + limit + pool.length, toYear, limits);
    ids.push(...(await repo.selectNewest(ex, f, { offset: rest, limit: limit - ids.length, plan: restPlan, excludeIds: pool })));
  }
  return ids;
}
