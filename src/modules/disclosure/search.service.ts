// Search use-cases: the portal page, the JSON API and the feeds all call search()/feed() here, so they get the
// same validation, the same ranking and the same bounded work. The ranking design (exact for few matches, a
// bounded candidate pool for common words, sampled counts) is explained in docs/adr/0004.

import type { Db, Executor } from '../../platform/db/database.ts';
import { isIsoDate, shanghaiDate } from '../../platform/calendar/workdays.ts';
import { isAppError, validationError, type FieldError } from '../../platform/http/errors.ts';
import { validateInput } from '../../platform/http/validate.ts';
import type { AgencyService } from '../agencies/index.ts';
import type { Validity } from './disclosure.tables.ts';
import { reindexAgencyItems, reindexItem, type ReindexOutcome } from './search.indexer.ts';
import { parseQuery, textGroupsOf, type ParsedQuery } from './search.query.ts';
import * as repo from './search.repository.ts';
import { MAX_PAGE, PAGE_SIZE, SearchQuery, type DateField, type SearchSort } from './search.schema.ts';
import { highlightText, htmlToText, makeSnippet, plainSnippet } from './search.snippet.ts';
import { countMatches, DEFAULT_LIMITS, estimateFromStats, estimateTitleMatches, newestPage, rankedPage, rankModeFor, roundEstimate, type Counted, type PlanContext, type SearchLimits } from './search.ranking.ts';
import { genreName, isGenreId, isValidity, validityName } from './taxonomy.ts';

const FACET_VALUES = 12;
const STATS_TTL_MS = 5 * 60_000;

export interface SearchParams {
  q: string;
  agency: repo.AgencyRef | null;
  subtree: boolean;
  node: repo.NodeRef | null;
  nodeIds: string[] | null;
  subject: string | null;
  genre: string | null;
  tag: string | null;
  validity: Validity | null;
  dateField: DateField;
  /** as typed (a year or a date), for the form */
  fromInput: string | null;
  toInput: string | null;
  /** inclusive date bounds */
  from: string | null;
  to: string | null;
  sort: SearchSort;
  page: number;
}

export interface SearchHit {
  itemId: string;
  indexNumber: string;
  url: string;
  title: string;
  /** the title escaped, matched words in <mark> */
  titleHtml: string;
  documentNumber: string | null;
  agencies: string[];
  writtenDate: string;
  publishedDate: string;
  validity: Validity;
  isWithdrawn: boolean;
  /** 体裁 id */
  genre: string;
  /** when it first went out (null for imported items without a time) */
  firstPublishedAt: Date | null;
  /** HTML: escaped text, matched words in <mark> */
  snippet: string;
  /** the same snippet as plain text */
  snippetText: string;
}

export interface FacetValue {
  /** the filter value (agency code, genre id, validity id, year) */
  value: string;
  label: string;
  count: number;
}

export interface Facets {
  agency: FacetValue[];
  genre: FacetValue[];
  year: FacetValue[];
  validity: FacetValue[];
}

/** How the page was found: browsing by date, by 文号, every match ranked (or counted), a ranked pool of a common query. */
export type SearchMode = 'browse' | 'doc_key' | 'exact' | 'pooled' | 'no_terms';

export interface SearchOutcome {
  params: SearchParams;
  query: ParsedQuery;
  mode: SearchMode;
  total: number;
  /** true when total (and the facet counts) come from a sample: show "约" */
  totalIsEstimate: boolean;
  page: number;
  pageSize: number;
  pageCount: number;
  hits: SearchHit[];
  facets: Facets;
}

export interface FeedOutcome {
  params: SearchParams;
  query: ParsedQuery;
  hits: SearchHit[];
}

export interface FilterOptions {
  /** agencies in tree order, for the agency filter */
  agencies: { code: string; name: string; depth: number }[];
  /** the chosen agency's catalog nodes in tree order */
  nodes: repo.NodeRef[];
}

/** The search page: results and the filters' options, or the field errors (nothing searched). */
export type SearchPageResult = ({ ok: true; outcome: SearchOutcome } & FilterOptions) | { ok: false; errors: FieldError[]; agencies: FilterOptions['agencies'] };

export interface SearchService {
  /** Searches the public items. Throws VALIDATION_FAILED (bad parameter, unknown agency or catalog node). */
  search(input: Record<string, unknown>): Promise<SearchOutcome>;
  /** search() plus what the page's filters offer; bad parameters come back as field errors. */
  searchPage(input: Record<string, unknown>): Promise<SearchPageResult>;
  /** The newest 20 matches of a search, for RSS and Atom. Throws VALIDATION_FAILED. */
  feed(input: Record<string, unknown>): Promise<FeedOutcome>;
  /** See search.indexer.ts: call inside the transaction of every public change of an item. */
  reindexItem(tx: Executor, itemId: string): Promise<ReindexOutcome>;
  reindexAgencyItems(tx: Executor, agencyId: string): Promise<number>;
  /** Rebuilds the whole index (after a restore or a tokenizer change), in batches; returns the items indexed. */
  reindexAll(onProgress?: (done: number) => void): Promise<{ indexed: number; removed: number }>;
}

// --- parameters ---------------------------------------------------------------------------------------------------

const KNOWN_PARAMS = Object.keys(SearchQuery.properties);

/** Query-string values as the schema wants them: known keys only, blanks dropped, the page a number. */
export function compactParams(input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of KNOWN_PARAMS) {
    let v = input[key];
    if (typeof v === 'string') v = v.trim();
    if (v === undefined || v === null || v === '') continue;
    if (key === 'page' && typeof v === 'string' && /^[0-9]{1,9}$/.test(v)) v = Number(v);
    out[key] = v;
  }
  return out;
}

function boundOf(text: string, end: 'from' | 'to'): string | null {
  if (/^[0-9]{4}$/.test(text)) return end === 'from' ? `${text}-01-01` : `${text}-12-31`;
  return isIsoDate(text) ? text : null;
}

/** Validates the parameters and resolves the agency and catalog node. Throws VALIDATION_FAILED. */
export async function parseSearchParams(ex: Executor, input: Record<string, unknown>): Promise<SearchParams> {
  const v = validateInput(SearchQuery, compactParams(input));
  const errors: FieldError[] = [];
  const from = v.from ? boundOf(v.from, 'from') : null;
  const to = v.to ? boundOf(v.to, 'to') : null;
  if (v.from && !from) errors.push({ field: 'from', message: `起始时间：${v.from} 不是有效日期` });
  if (v.to && !to) errors.push({ field: 'to', message: `截止时间：${v.to} 不是有效日期` });
  if (from && to && from > to) errors.push({ field: 'to', message: '截止时间：不能早于起始时间' });
  const agency = v.agency ? ((await repo.selectAgencyByCode(ex, v.agency)) ?? null) : null;
  if (v.agency && !agency) errors.push({ field: 'agency', message: `发布机关：找不到机关代码为 ${v.agency} 的机关` });
  const nodes = v.node ? await repo.selectNodeSubtree(ex, v.node.toLowerCase()) : [];
  if (v.node && !nodes.length) errors.push({ field: 'node', message: '目录：找不到该目录' });
  if (errors.length) throw validationError(errors);
  const q = v.q?.trim() ?? '';
  return {
    q,
    agency,
    subtree: v.subtree !== '0',
    node: nodes[0] ?? null,
    nodeIds: nodes.length ? nodes.map((n) => n.id) : null,
    subject: v.subject ?? null,
    genre: v.type ?? null,
    tag: v.tag ?? null,
    validity: v.validity ?? null,
    dateField: v.dateField ?? 'published',
    fromInput: v.from ?? null,
    toInput: v.to ?? null,
    from,
    to,
    sort: q ? (v.sort ?? 'relevance') : 'date',
    page: v.page ?? 1,
  };
}

function filterOf(p: SearchParams, query: ParsedQuery, docKey: string | null = null): repo.SearchFilter {
  return {
    tsquery: docKey ? null : query.tsquery,
    textGroups: docKey ? [] : textGroupsOf(query),
    docKey,
    agencyId: p.agency?.id ?? null,
    agencySubtree: p.subtree,
    nodeIds: p.nodeIds,
    subject: p.subject,
    genre: p.genre,
    tag: p.tag,
    validity: p.validity,
    dateField: p.dateField,
    from: p.from,
    to: p.to,
  };
}

// --- facets -------------------------------------------------------------------------------------------------------

/** Facet values from the counted rows, scaled up when they come from a sample. */
export function facetsOf(counted: Counted): Facets {
  const scaled = (n: number) => (counted.scale === 1 ? n : roundEstimate(n * counted.scale));
  const facets: Facets = { agency: [], genre: [], year: [], validity: [] };
  for (const r of counted.rows) {
    switch (r.facet) {
      case 'agency':
        facets.agency.push({ value: r.code, label: r.name, count: scaled(r.count) });
        break;
      case 'genre':
        facets.genre.push({ value: r.key, label: isGenreId(r.key) ? genreName(r.key) : r.key, count: scaled(r.count) });
        break;
      case 'year':
        facets.year.push({ value: r.key, label: `${r.key} 年`, count: scaled(r.count) });
        break;
      case 'validity':
        facets.validity.push({ value: r.key, label: isValidity(r.key) ? validityName(r.key) : r.key, count: scaled(r.count) });
        break;
      case 'publishedMonth':
      case 'total':
        break;
      default: {
        const never: never = r;
        throw new Error(`unknown facet ${String(never)}`);
      }
    }
  }
  const byCount = (a: FacetValue, b: FacetValue) => b.count - a.count || a.label.localeCompare(b.label, 'zh-CN');
  facets.agency = facets.agency.sort(byCount).slice(0, FACET_VALUES);
  facets.genre.sort(byCount);
  facets.validity.sort(byCount);
  facets.year.sort((a, b) => Number(b.value) - Number(a.value));
  return facets;
}

// --- hits ---------------------------------------------------------------------------------------------------------

export function itemUrl(indexNumber: string): string {
  return `/xxgk/${indexNumber}`;
}

async function loadHits(ex: Executor, ids: readonly string[], query: ParsedQuery): Promise<SearchHit[]> {
  const rows = new Map((await repo.selectHits(ex, ids)).map((r) => [r.itemId, r]));
  return ids.flatMap((id) => {
    const r = rows.get(id);
    if (!r) return [];
    const body = htmlToText(r.bodyHtml);
    const terms = query.highlight;
    const bodyHasTerm = terms.some((t) => body.toLowerCase().includes(t));
    const source = !bodyHasTerm && r.summary ? r.summary : body || (r.summary ?? '');
    return [
      {
        itemId: r.itemId,
        indexNumber: r.indexNumber,
        url: itemUrl(r.indexNumber),
        title: r.title,
        titleHtml: highlightText(r.title, terms),
        documentNumber: r.documentNumber,
        agencies: r.agencyNames,
        writtenDate: r.writtenDate,
        publishedDate: r.publishedDate,
        validity: r.validity,
        isWithdrawn: r.status === 'withdrawn',
        genre: r.genre,
        firstPublishedAt: r.firstPublishedAt ? new Date(r.firstPublishedAt) : null,
        snippet: makeSnippet(source, terms),
        snippetText: plainSnippet(source, terms),
      },
    ];
  });
}

const NO_FACETS: Facets = { agency: [], genre: [], year: [], validity: [] };

export interface SearchServiceDeps {
  db: Db;
  /** for the agency filter's options */
  agencies?: AgencyService;
  /** the bounds of docs/adr/0004; tests shrink them to reach every path with few items */
  limits?: Partial<SearchLimits>;
}

/** Until when publication years may run: next year in Shanghai (a date a little ahead is tolerated). */
function lastYear(): number {
  return Number(shanghaiDate().slice(0, 4)) + 1;
}

export function createSearchService({ db, agencies, limits: overrides }: SearchServiceDeps): SearchService {
  const limits: SearchLimits = { ...DEFAULT_LIMITS, ...overrides };
  let stats: { at: number; value: repo.TermStats } | null = null;

  /** The column statistics, re-read every few minutes (autovacuum keeps them fresh). */
  async function termStats(): Promise<repo.TermStats> {
    if (!stats || Date.now() - stats.at > STATS_TTL_MS) stats = { at: Date.now(), value: await repo.selectTermStats(db) };
    return stats.value;
  }
  async function search(input: Record<string, unknown>): Promise<SearchOutcome> {
    const params = await parseSearchParams(db, input);
    const query = parseQuery(params.q);
    const offset = (params.page - 1) * PAGE_SIZE;
    const base = { params, query, page: params.page, pageSize: PAGE_SIZE };
    const pageCountOf = (total: number) => Math.min(MAX_PAGE, Math.ceil(total / PAGE_SIZE));

    // 文号 lookup: a query that reads as a 发文字号 finds that document before anything else
    if (query.docKey) {
      const f = filterOf(params, query, query.docKey);
      const ids = await repo.selectNewest(db, f, { offset: 0, limit: PAGE_SIZE * MAX_PAGE, plan: { kind: 'walk', cap: null } });
      if (ids.length) {
        const [counted, hits] = await Promise.all([countMatches(db, f, ids.length, limits), loadHits(db, ids.slice(offset, offset + PAGE_SIZE), query)]);
        return { ...base, mode: 'doc_key', total: ids.length, totalIsEstimate: false, pageCount: pageCountOf(ids.length), hits, facets: facetsOf(counted) };
      }
    }
    if (params.q && !query.tsquery) return { ...base, mode: 'no_terms', total: 0, totalIsEstimate: false, pageCount: 0, hits: [], facets: NO_FACETS };

    const f = filterOf(params, query);
    // the planner's estimate sizes the sample; the counts (exact or sampled) choose how to rank and how to
    // find the newest matches
    const st = await termStats();
    const counted = await countMatches(db, f, estimateFromStats(st, f) ?? limits.exactCount, limits);
    const toYear = lastYear();
    const latestYear = f.to && f.dateField === 'published' ? Math.min(toYear - 1, Number(f.to.slice(0, 4))) : toYear - 1;
    const ctx: PlanContext = { counted, tableRows: st.rows, titleMatches: estimateTitleMatches(st, f), toYear, latestYear, monthMarks: st.monthMarks, limits };
    const ids = f.tsquery && params.sort === 'relevance' ? await rankedPage(db, { ...f, tsquery: f.tsquery }, ctx, offset) : await newestPage(db, f, ctx, offset);
    const mode: SearchMode = !f.tsquery ? 'browse' : rankModeFor(counted, limits);
    return { ...base, mode, total: counted.total, totalIsEstimate: counted.isEstimate, pageCount: pageCountOf(counted.total), hits: await loadHits(db, ids, query), facets: facetsOf(counted) };
  }

  async function agencyOptions(): Promise<FilterOptions['agencies']> {
    if (!agencies) return [];
    return (await agencies.listAgencies()).map((a) => ({ code: a.code, name: a.name, depth: a.ancestors.length }));
  }

  async function searchPage(input: Record<string, unknown>): Promise<SearchPageResult> {
    try {
      const outcome = await search(input);
      const nodes = outcome.params.agency ? await repo.selectAgencyNodes(db, outcome.params.agency.id) : [];
      return { ok: true, outcome, agencies: await agencyOptions(), nodes };
    } catch (err) {
      if (isAppError(err) && err.code === 'VALIDATION_FAILED') return { ok: false, errors: err.fields, agencies: await agencyOptions() };
      throw err;
    }
  }

  async function feed(input: Record<string, unknown>): Promise<FeedOutcome> {
    // a feed is the first page of the same search, newest first
    const outcome = await search({ ...input, sort: 'date', page: undefined });
    return { params: outcome.params, query: outcome.query, hits: outcome.hits };
  }

  async function reindexAll(onProgress?: (done: number) => void): Promise<{ indexed: number; removed: number }> {
    let after: string | null = null;
    let indexed = 0;
    for (;;) {
      const ids = await repo.selectPublicItemIds(db, after, 200);
      if (!ids.length) break;
      await db.transaction(async (tx) => {
        for (const id of ids) if ((await reindexItem(tx, id)) === 'indexed') indexed++;
      });
      after = ids[ids.length - 1] ?? null;
      onProgress?.(indexed);
    }
    const removed = await repo.deleteStaleSearchRows(db);
    return { indexed, removed };
  }

  return {
    search,
    searchPage,
    feed,
    reindexItem,
    reindexAgencyItems,
    reindexAll,
  };
}
