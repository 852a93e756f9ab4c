// Bounded work for any query (docs/adr/0004-search-ranking-for-top-k.md):
//   counting  — exact up to `exactCount` matches; above, from a uniform 1/4^k sample chosen by the planner's
//               estimate (the sampling marks of search.text.ts), shown as "约 N 条";
//   ranking   — every match ranked up to `rankAll` matches; above, only a candidate pool: the newest title
//               matches and the newest matches, ranked together, the rest following newest first;
//   newest k  — every match collected and sorted when few, the months that hold the newest k (by the sampled
//               month counts) when those hold few, else a walk down the published_date index.

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
  /** collecting and sorting up to this many matches can beat walking the date index */
  bitmap: number;
  /**
   * what collecting one match through the GIN index costs, in rows walked down the date index: collected rows
   * lie scattered over the table, walked rows are neighbours among the newest pages, which every date-ordered
   * page reads and keeps in the buffer cache (measured at 1 M items: about 8 µs against 1 µs)
   */
  bitmapRowCost: number;
  /** date-ordered pages within the newest this-many matches are planned from the year counts */
  newestWindow: number;
  /** a sample aims at this many rows; fewer than minSample asks for a denser one, maxSample caps it */
  sampleTarget: number;
  minSample: number;
  maxSample: number;
  /** the months chosen for the newest k must hold at least this many sampled rows (a figure to trust) */
  windowSample: number;
  /** the months of the candidate pool reach back for its title matches while they hold at most this many matches */
  poolWindow: number;
  /** …and until they hold this many sampled title matches (sampled rows are real rows: a floor, not an estimate) */
  titleWindowSample: number;
}

/** Measured with bench/search.bench.ts at 100 k and 1 M items (docs/adr/0004). */
export const DEFAULT_LIMITS: SearchLimits = {
  exactCount: 2_000,
  rankAll: 2_000,
  titlePool: 100,
  recentPool: 200,
  bitmap: 10_000,
  bitmapRowCost: 8,
  newestWindow: 1_000,
  sampleTarget: 500,
  minSample: 100,
  maxSample: 8_000,
  windowSample: 10,
  poolWindow: 4_000,
  titleWindowSample: 3,
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

/**
 * The sample level for an expected number of matches: null (count everything) or k, for a 1/4^k sample of
 * half to twice sampleTarget rows.
 */
export function sampleLevelFor(expected: number, limits: SearchLimits = DEFAULT_LIMITS): SampleLevel | null {
  if (expected <= limits.exactCount) return null;
  const k = Math.round(Math.log(expected / limits.sampleTarget) / Math.log(4));
  return Math.min(MAX_LEVEL, Math.max(1, k)) as SampleLevel;
}

function shareOf(stats: repo.ColumnStats, group: readonly string[]): number {
  return Math.min(1, group.reduce((sum, lexeme) => sum + (stats.frequency.get(lexeme) ?? stats.minFrequency / 2), 0));
}

/**
 * Expected matches from the column statistics, without asking the planner: the share of the least common
 * AND-ed group (a group's share is the sum of its alternatives'), times the rows. Taking the least common
 * group rather than the product assumes the words go together (乡村 and 振兴 do): it over-estimates rather
 * than under-estimates, which costs at most a sparse sample too many. Null before the table is analysed.
 */
export function estimateFromStats(stats: repo.TermStats, f: repo.SearchFilter): number | null {
  if (stats.rows === null) return null;
  let share = 1;
  for (const g of [...f.textGroups, ...repo.filterTerms(f).groups]) share = Math.min(share, shareOf(stats.tsv, g));
  return Math.round(share * stats.rows);
}

/** Expected title matches, the same way: the text's words by the title statistics, the filters by the vector's. */
export function estimateTitleMatches(stats: repo.TermStats, f: repo.SearchFilter): number | null {
  if (stats.rows === null) return null;
  let share = 1;
  for (const g of f.textGroups) share = Math.min(share, shareOf(stats.title, g));
  for (const g of repo.filterTerms(f).groups) share = Math.min(share, shareOf(stats.tsv, g));
  return Math.round(share * stats.rows);
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
 * Exact counts and facets when the matches are few; otherwise from a uniform sample sized by the estimate and
 * corrected by what the sample finds (denser when it holds too few rows, exact when it shows the matches are
 * few after all). A few thousand rows are read at most, whatever the query.
 */
export async function countMatches(ex: Executor, f: repo.SearchFilter, estimate: number, limits: SearchLimits = DEFAULT_LIMITS): Promise<Counted> {
  let level = sampleLevelFor(estimate, limits);
  let sampled: Counted | null = null;
  const tried = new Set<SampleLevel | null>();
  while (!tried.has(level)) {
    tried.add(level);
    if (level === null) {
      const rows = await repo.selectFacetCounts(ex, f, { sample: null, limit: limits.exactCount + 1 });
      const n = totalOf(rows);
      if (n <= limits.exactCount) return { total: n, isEstimate: false, rows, scale: 1 };
      // more than exactCount after all
      if (sampled) return sampled;
      level = sampleLevelFor(Math.max(estimate, limits.exactCount * 4), limits) ?? 1;
      continue;
    }
    const rows = await repo.selectFacetCounts(ex, f, { sample: level, limit: limits.maxSample });
    const n = totalOf(rows);
    const scale = 4 ** level;
    sampled = { total: roundEstimate(n * scale), isEstimate: true, rows, scale };
    if (n >= limits.maxSample && level < MAX_LEVEL) level = (level + 1) as SampleLevel;
    else if (n * scale <= limits.exactCount) level = null;
    else if (n < limits.minSample) level = sampleLevelFor(n * scale, limits);
  }
  return sampled ?? { total: 0, isEstimate: false, rows: [], scale: 1 };
}

// --- newest first ---------------------------------------------------------------------------------------------------

/** What planning a page needs besides the filter: the counts, the table size, the title estimate, the limits. */
export interface PlanContext {
  counted: Counted;
  /** rows in item_search (statistics); null when unknown */
  tableRows: number | null;
  /** expected title matches; null when unknown */
  titleMatches: number | null;
  /** the last publication year to look in (next year) */
  toYear: number;
  /** the newest year a match can have: this year, or the year of a 发布日期 upper bound */
  latestYear: number;
  /** every row has month marks: the newest matches can be collected from a month on, not only a year */
  monthMarks: boolean;
  limits: SearchLimits;
}

/** Rows a walk down the date index examines to find k matches of `matches` spread over `rows`, with margin. */
function walkCap(k: number, matches: number, rows: number): number {
  return Math.ceil((3 * k * rows) / Math.max(1, matches)) + 200;
}

/**
 * How to fetch the newest `k` matches (and, for the candidate pool, the newest `titled` title matches from
 * the same rows). Exact counts: collect and sort them all. Otherwise, by the sampled month counts: the newest
 * months that hold twice k matches and twice `titled` title matches (from January of that year without
 * month marks); if matches are missing from the latest years (a filter such as 失效 that only old items
 * pass), or those months hold fewer matches than a walk would examine rows, collect them through their month
 * and year marks; else walk the date index, examining a bounded number of rows.
 */
export function newestPlan(ctx: PlanContext, k: number, titled = 0): repo.NewestPlan {
  const { counted, tableRows, toYear, limits } = ctx;
  if (!counted.isEstimate) return { kind: 'bitmap', fromMonth: null, toYear };
  const months = counted.rows
    .flatMap((r) => (r.facet === 'publishedMonth' ? [{ month: r.key, sampled: r.count, titled: r.titled }] : []))
    .sort((a, b) => b.month.localeCompare(a.month));
  // enough matches, and for k enough sampled rows for that figure to be trusted (a short date page is re-run;
  // a title pool that comes out a little short only ranks fewer title matches, so it takes the figure as it is)
  const enough = (sampled: number, wanted: number, minSampled: number) => wanted === 0 || (sampled * counted.scale >= 2 * wanted && sampled >= minSampled);
  let fromK: string | null = null;
  let fromTitled: string | null = null;
  let inTitled = 0;
  let sampled = 0;
  let sampledTitled = 0;
  for (const m of months) {
    sampled += m.sampled;
    sampledTitled += m.titled;
    if (fromK === null && enough(sampled, k, limits.windowSample)) fromK = m.month;
    if (fromTitled === null && enough(sampledTitled, titled, limits.titleWindowSample)) [fromTitled, inTitled] = [m.month, sampled * counted.scale];
    if (fromK !== null && fromTitled !== null) break;
  }
  // reach back for the title pool too while that stays cheap; else it takes the title matches of k's months
  let fromMonth = fromK !== null && fromTitled !== null && fromTitled < fromK && inTitled <= limits.poolWindow ? fromTitled : fromK;
  if (fromMonth !== null && !ctx.monthMarks) fromMonth = `${fromMonth.slice(0, 4)}-01`;
  const inWindow = fromMonth === null ? counted.total : months.filter((m) => m.month >= (fromMonth as string)).reduce((sum, m) => sum + m.sampled * counted.scale, 0);
  const newestWithMatches = months[0] ? Number(months[0].month.slice(0, 4)) : toYear;
  // matches that stop well before the newest year a match could have make a walk cross years of non-matches
  const correlated = newestWithMatches < ctx.latestYear - 1;
  const cap = tableRows === null ? Infinity : walkCap(k, counted.total, tableRows);
  if (correlated || (inWindow <= limits.bitmap && inWindow * limits.bitmapRowCost <= cap) || tableRows === null) return { kind: 'bitmap', fromMonth, toYear: Math.max(toYear, newestWithMatches) };
  return { kind: 'walk', cap };
}

/**
 * The title pool's plan when the recent pool walks, by the title estimate: collect the title matches through
 * the title's index when that costs less than walking to the newest titlePool of them.
 */
export function titlePlan(ctx: PlanContext, recent: repo.NewestPlan): repo.NewestPlan {
  const { titleMatches, tableRows, limits } = ctx;
  if (recent.kind !== 'walk' || titleMatches === null || tableRows === null) return recent;
  const cap = walkCap(limits.titlePool, titleMatches, tableRows);
  if (titleMatches <= limits.bitmap && titleMatches * limits.bitmapRowCost <= cap) return { kind: 'titles' };
  return { kind: 'walk', cap };
}

/** One page of matches, newest first. Exact: a bounded plan that comes up short is re-run unbounded. */
export async function newestPage(ex: Executor, f: repo.SearchFilter, ctx: PlanContext, offset: number): Promise<string[]> {
  const limit = PAGE_SIZE;
  if (offset + limit > ctx.limits.newestWindow) return repo.selectNewest(ex, f, { offset, limit, plan: { kind: 'walk', cap: null } });
  const plan = newestPlan(ctx, offset + limit);
  const ids = await repo.selectNewest(ex, f, { offset, limit, plan });
  const bounded = (plan.kind === 'bitmap' && plan.fromMonth !== null) || (plan.kind === 'walk' && plan.cap !== null);
  if (ids.length === limit || !bounded || offset + ids.length >= ctx.counted.total) return ids;
  const wider: repo.NewestPlan = ctx.counted.total <= 4 * ctx.limits.bitmap ? { kind: 'bitmap', fromMonth: null, toYear: ctx.toYear } : { kind: 'walk', cap: null };
  return repo.selectNewest(ex, f, { offset, limit, plan: wider });
}

// --- relevance --------------------------------------------------------------------------------------------------

export type RankMode = 'exact' | 'pooled';

export function rankModeFor(counted: Counted, limits: SearchLimits = DEFAULT_LIMITS): RankMode {
  return !counted.isEstimate && counted.total <= limits.rankAll ? 'exact' : 'pooled';
}

/** The candidate pool of a common query, ranked: the newest title matches and the newest matches. */
export async function rankedPool(ex: Executor, f: repo.SearchFilter & { tsquery: string }, ctx: PlanContext): Promise<string[]> {
  const { limits } = ctx;
  const recentPlan = newestPlan(ctx, limits.recentPool, limits.titlePool);
  const { titled, recent } =
    recentPlan.kind === 'bitmap'
      ? await repo.selectPoolsByBitmap(ex, f, recentPlan, limits.titlePool, limits.recentPool)
      : await Promise.all([
          repo.selectNewest(ex, f, { offset: 0, limit: limits.titlePool, plan: titlePlan(ctx, recentPlan), titleOnly: true }),
          repo.selectNewest(ex, f, { offset: 0, limit: limits.recentPool, plan: recentPlan }),
        ]).then(([t, r]) => ({ titled: t, recent: r }));
  return repo.selectRankedIds(ex, f.tsquery, [...new Set([...titled, ...recent])]);
}

/** One page by relevance: all matches ranked, or the ranked pool followed by the other matches newest first. */
export async function rankedPage(ex: Executor, f: repo.SearchFilter & { tsquery: string }, ctx: PlanContext, offset: number): Promise<string[]> {
  const { counted, limits } = ctx;
  const limit = PAGE_SIZE;
  if (rankModeFor(counted, limits) === 'exact') return repo.selectRankedAll(ex, f, offset, limit, limits.rankAll + 1);
  const pool = await rankedPool(ex, f, ctx);
  const ids = pool.slice(offset, offset + limit);
  if (ids.length < limit) {
    const rest = Math.max(0, offset - pool.length);
    const restPlan: repo.NewestPlan = rest + limit > limits.newestWindow ? { kind: 'walk', cap: null } : newestPlan(ctx, rest + limit + pool.length);
    ids.push(...(await repo.selectNewest(ex, f, { offset: rest, limit: limit - ids.length, plan: restPlan, excludeIds: pool })));
  }
  return ids;
}
