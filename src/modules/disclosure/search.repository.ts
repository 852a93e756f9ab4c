// Every query of the search: the item_search rows (write and read) and the few reads it needs from items,
// revisions, agencies and catalog nodes. Conditions are composed with drizzle's sql template, so every value
// is a bound parameter; the tsquery text arrives already built from sanitized lexemes (search.query.ts).

import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import type { Validity } from './disclosure.tables.ts';
import type { DateField } from './search.schema.ts';
import { MARK, quoteLexeme, sampleLexeme, SEARCH_INDEX_FORMAT, type SampleLevel } from './search.text.ts';

// ---------------------------------------------------------------------------------------------------------------
// Indexing
// ---------------------------------------------------------------------------------------------------------------

export type IndexSource = {
  itemId: string;
  status: string;
  validity: Validity;
  ownerAgencyId: string;
  revisionId: string | null;
  title: string | null;
  summary: string | null;
  bodyHtml: string | null;
  keywords: string[] | null;
  documentNumber: string | null;
  docKey: string | null;
  writtenDate: string | null;
  publishedDate: string | null;
  subject: string | null;
  genre: string | null;
  policyTags: string[] | null;
  disclosureMode: string | null;
};

export type IndexAgency = {
  id: string;
  name: string;
  shortName: string;
  ancestors: string[];
  isLead: boolean;
};

export async function selectIndexSource(ex: Executor, itemId: string): Promise<IndexSource | undefined> {
  const r = await ex.execute<IndexSource>(sql`
    SELECT i.id AS "itemId", i.status, i.validity, i.agency_id AS "ownerAgencyId", r.id AS "revisionId",
           r.title, r.summary, r.body_html AS "bodyHtml", r.keywords, r.document_number AS "documentNumber",
           r.doc_key AS "docKey", r.written_date AS "writtenDate", r.published_date AS "publishedDate",
           r.subject, r.genre, r.policy_tags AS "policyTags", r.disclosure_mode AS "disclosureMode"
      FROM items i
      LEFT JOIN item_revisions r ON r.id = i.published_revision_id
     WHERE i.id = ${itemId}`);
  return r.rows[0];
}

/** The issuing agencies: the owner first, then the other 联合发文 agencies (lead before the rest). */
export async function selectIndexAgencies(ex: Executor, itemId: string, ownerAgencyId: string): Promise<IndexAgency[]> {
  const r = await ex.execute<IndexAgency>(sql`
    SELECT a.id, a.name, a.short_name AS "shortName", a.ancestors, coalesce(ia.is_lead, false) AS "isLead"
      FROM agencies a
      LEFT JOIN item_agencies ia ON ia.agency_id = a.id AND ia.item_id = ${itemId}
     WHERE a.id = ${ownerAgencyId} OR ia.item_id IS NOT NULL
     ORDER BY (a.id = ${ownerAgencyId}) DESC, coalesce(ia.is_lead, false) DESC, a.sort_order, a.name`);
  return r.rows;
}

export async function selectItemNodeIds(ex: Executor, itemId: string): Promise<string[]> {
  const r = await ex.execute<{ nodeId: string }>(sql`SELECT node_id AS "nodeId" FROM item_catalog_nodes WHERE item_id = ${itemId} ORDER BY node_id`);
  return r.rows.map((x) => x.nodeId);
}

export async function selectAttachmentNames(ex: Executor, revisionId: string): Promise<string[]> {
  const r = await ex.execute<{ filename: string }>(sql`SELECT filename FROM attachments WHERE revision_id = ${revisionId} ORDER BY sort_order, filename`);
  return r.rows.map((x) => x.filename);
}

export interface SearchRowValues {
  itemId: string;
  agencyId: string;
  agencyIds: string[];
  agencyScope: string[];
  nodeIds: string[];
  subject: string;
  genre: string;
  policyTags: string[];
  validity: Validity;
  writtenDate: string;
  publishedDate: string;
  docKey: string | null;
  title: string;
  /** tsvector text (search.text.ts VectorBuilder) */
  titleTsv: string;
  tsv: string;
}

export async function upsertSearchRow(ex: Executor, v: SearchRowValues): Promise<void> {
  await ex.execute(sql`
    INSERT INTO item_search (item_id, agency_id, agency_ids, agency_scope, node_ids, subject, genre, policy_tags, validity,
                             written_date, published_date, doc_key, title, title_tsv, tsv, index_format, updated_at)
    VALUES (${v.itemId}, ${v.agencyId}, ${sql.param(v.agencyIds)}::uuid[], ${sql.param(v.agencyScope)}::uuid[], ${sql.param(v.nodeIds)}::uuid[],
            ${v.subject}, ${v.genre}, ${sql.param(v.policyTags)}::text[], ${v.validity}, ${v.writtenDate}, ${v.publishedDate},
            ${v.docKey}, ${v.title}, ${v.titleTsv}::tsvector, ${v.tsv}::tsvector, ${SEARCH_INDEX_FORMAT}, now())
    ON CONFLICT (item_id) DO UPDATE SET
      agency_id = EXCLUDED.agency_id, agency_ids = EXCLUDED.agency_ids, agency_scope = EXCLUDED.agency_scope,
      node_ids = EXCLUDED.node_ids, subject = EXCLUDED.subject, genre = EXCLUDED.genre, policy_tags = EXCLUDED.policy_tags,
      validity = EXCLUDED.validity, written_date = EXCLUDED.written_date, published_date = EXCLUDED.published_date,
      doc_key = EXCLUDED.doc_key, title = EXCLUDED.title, title_tsv = EXCLUDED.title_tsv, tsv = EXCLUDED.tsv,
      index_format = EXCLUDED.index_format, updated_at = now()`);
}

export async function deleteSearchRow(ex: Executor, itemId: string): Promise<boolean> {
  const r = await ex.execute(sql`DELETE FROM item_search WHERE item_id = ${itemId}`);
  return (r.rowCount ?? 0) > 0;
}

/** Ids of items that may be public, in id order after `afterId`, for a full rebuild in batches. */
export async function selectPublicItemIds(ex: Executor, afterId: string | null, limit: number): Promise<string[]> {
  const r = await ex.execute<{ id: string }>(sql`
    SELECT id FROM items
     WHERE status IN ('published', 'withdrawn') AND published_revision_id IS NOT NULL
       ${afterId ? sql`AND id > ${afterId}` : sql``}
     ORDER BY id LIMIT ${limit}`);
  return r.rows.map((x) => x.id);
}

/** Indexed items whose issuers are the agency or below it (their agency scope names it). */
export async function selectIndexedItemIdsUnderAgency(ex: Executor, agencyId: string): Promise<string[]> {
  const r = await ex.execute<{ itemId: string }>(sql`SELECT item_id AS "itemId" FROM item_search WHERE agency_scope @> ARRAY[${agencyId}]::uuid[]`);
  return r.rows.map((x) => x.itemId);
}

/** Rows in item_search whose item is no longer public (left behind if a caller forgot to reindex). */
export async function deleteStaleSearchRows(ex: Executor): Promise<number> {
  const r = await ex.execute(sql`
    DELETE FROM item_search s USING items i
     WHERE i.id = s.item_id AND (i.status NOT IN ('published', 'withdrawn') OR i.published_revision_id IS NULL)`);
  return r.rowCount ?? 0;
}

// ---------------------------------------------------------------------------------------------------------------
// Searching
// ---------------------------------------------------------------------------------------------------------------

export interface SearchFilter {
  /** tsquery text built by search.query.ts, or null for no text condition */
  tsquery: string | null;
  /** the text's lexemes as AND-ed groups (for estimates): a term is one group, a phrase one group per word */
  textGroups: readonly (readonly string[])[];
  docKey: string | null;
  agencyId: string | null;
  /** true: the agency or any agency below it issued the item; false: the agency itself did */
  agencySubtree: boolean;
  /** the node and the nodes below it */
  nodeIds: readonly string[] | null;
  subject: string | null;
  genre: string | null;
  tag: string | null;
  validity: Validity | null;
  dateField: DateField;
  /** inclusive YYYY-MM-DD bounds */
  from: string | null;
  to: string | null;
}

const MAX_MARK_ALTERNATIVES = 64;
const MAX_YEAR_SPAN = 30;

function orOf(lexemes: readonly string[]): string {
  return lexemes.length === 1 ? quoteLexeme(lexemes[0] as string) : `(${lexemes.map(quoteLexeme).join(' | ')})`;
}

/**
 * The filters as AND-ed groups of alternative filter marks (search.text.ts), and the conditions only a column
 * can answer (a 文号, a date bound inside a year, very wide year spans, very many catalog nodes). `dates`:
 * 'range' leaves the date bounds usable by the published_date index, for a walk down it; 'filter' writes
 * them as a test the index cannot serve, so that the GIN index drives (the planner, blind to how the marks
 * go together, once chose to read three years of rows by date for a query its marks narrowed to 600).
 */
export function filterTerms(f: SearchFilter, dates: 'range' | 'filter' = 'filter'): { groups: string[][]; terms: string[]; conds: SQL[] } {
  const groups: string[][] = [];
  const conds: SQL[] = [];
  if (f.docKey) conds.push(sql`s.doc_key = ${f.docKey}`);
  if (f.validity) groups.push([MARK.validity(f.validity)]);
  if (f.genre) groups.push([MARK.genre(f.genre)]);
  if (f.subject) groups.push([MARK.subject(f.subject)]);
  if (f.tag) groups.push([MARK.tag(f.tag)]);
  if (f.agencyId) groups.push([f.agencySubtree ? MARK.scope(f.agencyId) : MARK.issuer(f.agencyId)]);
  if (f.nodeIds && f.nodeIds.length <= MAX_MARK_ALTERNATIVES) groups.push(f.nodeIds.map(MARK.node));
  else if (f.nodeIds) conds.push(sql`s.node_ids && ${sql.param([...f.nodeIds])}::uuid[]`);
  if (f.from || f.to) {
    const fromYear = f.from ? Number(f.from.slice(0, 4)) : null;
    const toYear = f.to ? Number(f.to.slice(0, 4)) : null;
    if (fromYear !== null && toYear !== null && toYear - fromYear < MAX_YEAR_SPAN) {
      const mark = f.dateField === 'written' ? MARK.writtenYear : MARK.publishedYear;
      groups.push(Array.from({ length: toYear - fromYear + 1 }, (_, i) => mark(fromYear + i)));
    }
    // the column bounds as well: exact inside a year, and a range on the published_date index for a walk
    // newest-first (a 发布日期 is never before its 成文日期, so a written-from bound also bounds publication)
    const column = (name: 'written_date' | 'published_date') => (dates === 'range' ? sql`s.${sql.raw(name)}` : sql`(s.${sql.raw(name)} + 0)`);
    const dateColumn = column(f.dateField === 'written' ? 'written_date' : 'published_date');
    if (f.from) conds.push(sql`${dateColumn} >= ${f.from}::date`);
    if (f.to) conds.push(sql`${dateColumn} <= ${f.to}::date`);
    if (f.from && f.dateField === 'written') conds.push(sql`${column('published_date')} >= ${f.from}::date`);
  }
  return { groups, terms: groups.map(orOf), conds };
}

/** The tsquery over `tsv`: the text, the filter marks and the sample mark, or null when there is none. */
export function vectorQuery(f: SearchFilter, sample: SampleLevel | null = null, withText = true, extra: readonly string[] = []): string | null {
  const parts = [...(withText && f.tsquery ? [`(${f.tsquery})`] : []), ...filterTerms(f).terms, ...extra, ...(sample ? [quoteLexeme(sampleLexeme(sample))] : [])];
  return parts.length ? parts.join(' & ') : null;
}

/** The text, filter-mark and sample conditions on the vectors of the row aliased `alias`. */
function vectorConds(f: SearchFilter, alias: 's' | 'w', opts: { sample?: SampleLevel | null; titleOnly?: boolean; extra?: readonly string[] }): SQL[] {
  const conds: SQL[] = [];
  const a = sql.raw(alias);
  const q = vectorQuery(f, opts.sample ?? null, true, opts.extra);
  if (q) conds.push(sql`${a}.tsv @@ ${q}::tsquery`);
  // title matches are matches: tsv's index finds the candidates (text, filters, years together) and the title
  // is tested on each — written so that it cannot use its own index, whose bitmap for a common word would be
  // the whole table (the planner, blind to how words go together, likes to AND it in)
  if (opts.titleOnly && f.tsquery) conds.push(sql`(${a}.title_tsv @@ ${f.tsquery}::tsquery) IS TRUE`);
  return conds;
}

/**
 * The WHERE clause over item_search aliased `s`: the column-only conditions, then one `tsv @@` for text,
 * filters and sample together, answered by the GIN index. With `titleOnly`, the text must also match the title.
 */
export function whereClause(f: SearchFilter, opts: { sample?: SampleLevel | null; titleOnly?: boolean; extra?: readonly string[]; conds?: readonly SQL[]; dates?: 'range' | 'filter' } = {}): SQL {
  const vector = vectorConds(f, 's', opts);
  // date bounds as a plain test only where the GIN index has something to drive with
  const conds = [...filterTerms(f, opts.dates ?? (vector.length ? 'filter' : 'range')).conds, ...(opts.conds ?? []), ...vector];
  return conds.length ? sql.join(conds, sql` AND `) : sql`true`;
}

export interface ColumnStats {
  /** share of rows holding each of the most common lexemes (pg_stats most_common_elems) */
  frequency: ReadonlyMap<string, number>;
  /** the smallest tracked share: rarer lexemes have less */
  minFrequency: number;
}

export interface TermStats {
  /** the table's row count as last analysed (pg_class.reltuples), or null before any ANALYZE */
  rows: number | null;
  tsv: ColumnStats;
  title: ColumnStats;
  /** every row carries month marks (no row of an older index format is left) */
  monthMarks: boolean;
}

/**
 * The planner's statistics of the two vectors: the most common lexemes (and marks) with their shares; and
 * whether every row has month marks (item_search_old_format_idx holds the rows that do not).
 */
export async function selectTermStats(ex: Executor): Promise<TermStats> {
  const r = await ex.execute<{ rows: number | null; column: string | null; elems: string[] | null; freqs: number[] | null; oldRows: boolean }>(sql`
    SELECT (SELECT CASE WHEN reltuples < 0 THEN NULL ELSE reltuples END FROM pg_class WHERE oid = 'item_search'::regclass)::float8 AS rows,
           EXISTS (SELECT 1 FROM item_search WHERE index_format < ${SEARCH_INDEX_FORMAT}) AS "oldRows",
           st.attname AS column, st.most_common_elems::text::text[] AS elems, st.most_common_elem_freqs AS freqs
      FROM (SELECT 1) one
      LEFT JOIN pg_stats st ON st.schemaname = current_schema() AND st.tablename = 'item_search' AND st.attname IN ('tsv', 'title_tsv')`);
  const columnOf = (name: string): ColumnStats => {
    const row = r.rows.find((x) => x.column === name);
    const elems = row?.elems ?? [];
    const freqs = row?.freqs ?? [];
    // most_common_elem_freqs ends with the minimum, the maximum and the null share
    return { frequency: new Map(elems.map((e, i) => [e, freqs[i] ?? 0])), minFrequency: freqs[elems.length] ?? 0 };
  };
  return { rows: r.rows[0]?.rows ?? null, tsv: columnOf('tsv'), title: columnOf('title_tsv'), monthMarks: r.rows[0]?.oldRows === false };
}

export type FacetRow =
  | { facet: 'agency'; key: string; count: number; code: string; name: string }
  | { facet: 'genre' | 'validity' | 'year'; key: string; count: number }
  /** by month of publication (YYYY-MM), with the matches in the title: what the newest-first plans read */
  | { facet: 'publishedMonth'; key: string; count: number; titled: number }
  | { facet: 'total'; key: null; count: number };

type FacetSqlRow = { agencyId: string | null; code: string | null; name: string | null; genre: string | null; validity: string | null; year: number | null; pmonth: string | null; g: number; n: number; t: number };

/**
 * Counts by lead agency, 体裁, 有效性, year (of the date the filter uses) and month of publication, plus the total,
 * over the matches — all of them up to `limit` rows (an exact count when fewer come back), or over the
 * 1/4^level sample.
 */
export async function selectFacetCounts(ex: Executor, f: SearchFilter, opts: { sample: SampleLevel | null; limit: number | null }): Promise<FacetRow[]> {
  const dateColumn = f.dateField === 'written' ? sql`s.written_date` : sql`s.published_date`;
  const r = await ex.execute<FacetSqlRow>(sql`
    SELECT c."agencyId", a.code, a.name, c.genre, c.validity, c.year, c.pmonth, c.g, c.n, c.t
      FROM (SELECT agency_id AS "agencyId", genre, validity, year, pmonth, GROUPING(agency_id, genre, validity, year, pmonth) AS g,
                   count(*)::int AS n, count(*) FILTER (WHERE in_title)::int AS t
              FROM (SELECT s.agency_id, s.genre, s.validity, extract(year FROM ${dateColumn})::int AS year, to_char(s.published_date, 'YYYY-MM') AS pmonth,
                           ${f.tsquery ? sql`(s.title_tsv @@ ${f.tsquery}::tsquery)` : sql`false`} AS in_title
                      FROM item_search s WHERE ${whereClause(f, { sample: opts.sample })}
                      ${opts.limit !== null ? sql`LIMIT ${opts.limit}` : sql``}) m
             GROUP BY GROUPING SETS ((agency_id), (genre), (validity), (year), (pmonth), ())) c
      LEFT JOIN agencies a ON a.id = c."agencyId"`);
  return r.rows.flatMap((row): FacetRow[] => {
    // GROUPING bits, most significant first: agency_id, genre, validity, year, pmonth (1 = rolled up)
    switch (row.g) {
      case 0b01111:
        return row.agencyId && row.code && row.name ? [{ facet: 'agency', key: row.agencyId, count: row.n, code: row.code, name: row.name }] : [];
      case 0b10111:
        return row.genre ? [{ facet: 'genre', key: row.genre, count: row.n }] : [];
      case 0b11011:
        return row.validity ? [{ facet: 'validity', key: row.validity, count: row.n }] : [];
      case 0b11101:
        return row.year !== null ? [{ facet: 'year', key: String(row.year), count: row.n }] : [];
      case 0b11110:
        return row.pmonth !== null ? [{ facet: 'publishedMonth', key: row.pmonth, count: row.n, titled: row.t }] : [];
      default:
        return [{ facet: 'total', key: null, count: row.n }];
    }
  });
}

/**
 * How to find the newest matches (docs/adr/0004). `walk`: down the published_date index, testing each row,
 * at most `cap` rows (null: as far as needed, the planner's choice) — good when matches are dense among
 * recent items. `bitmap`: every match collected through the GIN index, then sorted — good when they are few;
 * `fromMonth` (YYYY-MM) limits it to the months holding the newest matches (by their month and year marks),
 * so matches concentrated in old years (失效 documents) cost no walk through the newer ones. A plan from a
 * month other than January needs month marks in every row (TermStats.monthMarks). `titles` (title matches
 * only): the title matches collected through title_tsv's own index — good when they are few, however many
 * bodies match.
 */
export type NewestPlan = { kind: 'walk'; cap: number | null } | { kind: 'bitmap'; fromMonth: string | null; toYear: number } | { kind: 'titles' };

/**
 * The period from `fromMonth` to the end of `toYear` as one OR of marks: the rest of the first year month by
 * month, then whole years. Empty (no condition) without a start, or when the span is too long for marks.
 */
export function periodTerms(plan: NewestPlan): string[] {
  if (plan.kind !== 'bitmap' || plan.fromMonth === null) return [];
  const fromYear = Number(plan.fromMonth.slice(0, 4));
  const fromMonth = Number(plan.fromMonth.slice(5, 7));
  const months = fromMonth > 1 ? Array.from({ length: 13 - fromMonth }, (_, i) => MARK.publishedMonth(`${fromYear}-${String(fromMonth + i).padStart(2, '0')}`)) : [];
  const firstWholeYear = fromMonth > 1 ? fromYear + 1 : fromYear;
  const years = Array.from({ length: Math.max(0, plan.toYear - firstWholeYear + 1) }, (_, i) => MARK.publishedYear(firstWholeYear + i));
  const marks = [...months, ...years];
  return marks.length && years.length <= MAX_YEAR_SPAN ? [orOf(marks)] : [];
}

/** The period as a column bound, for a span too long to write as marks. */
function periodBound(plan: NewestPlan & { kind: 'bitmap' }, terms: readonly string[]): SQL[] {
  return plan.fromMonth !== null && !terms.length ? [sql`s.published_date >= ${`${plan.fromMonth}-01`}::date`] : [];
}

/** Item ids newest first (published date, then id, as the published_date index is ordered). */
export async function selectNewest(
  ex: Executor,
  f: SearchFilter,
  opts: { offset: number; limit: number; plan: NewestPlan; titleOnly?: boolean; excludeIds?: readonly string[] },
): Promise<string[]> {
  const exclude = opts.excludeIds?.length ? [sql`NOT (s.item_id = ANY (${sql.param([...opts.excludeIds])}::uuid[]))`] : [];
  const plan = opts.plan;
  let r;
  if (plan.kind === 'walk' && plan.cap !== null) {
    // the walk made explicit: the newest `cap` rows by the column conditions alone (an index range scan), then
    // the vector conditions on those; the planner cannot know how dense the matches are, we estimated it
    const inner = [...filterTerms(f, 'range').conds, ...exclude];
    const outer = vectorConds(f, 'w', { titleOnly: opts.titleOnly ?? false });
    r = await ex.execute<{ itemId: string }>(sql`
      SELECT w.item_id AS "itemId" FROM (
        SELECT s.item_id, s.published_date, s.tsv, s.title_tsv FROM item_search s
         WHERE ${inner.length ? sql.join(inner, sql` AND `) : sql`true`}
         ORDER BY s.published_date DESC, s.item_id LIMIT ${plan.cap}) w
       WHERE ${outer.length ? sql.join(outer, sql` AND `) : sql`true`}
       ORDER BY w.published_date DESC, w.item_id OFFSET ${opts.offset} LIMIT ${opts.limit}`);
  } else if (plan.kind === 'titles' && f.tsquery) {
    // the text through the title's index, the filters through the vector's marks, both from GIN
    const marks = vectorQuery(f, null, false);
    const conds = [sql`s.title_tsv @@ ${f.tsquery}::tsquery`, ...(marks ? [sql`s.tsv @@ ${marks}::tsquery`] : []), ...filterTerms(f).conds, ...exclude];
    r = await ex.execute<{ itemId: string }>(sql`
      WITH m AS MATERIALIZED (SELECT s.item_id, s.published_date FROM item_search s WHERE ${sql.join(conds, sql` AND `)})
      SELECT item_id AS "itemId" FROM m ORDER BY published_date DESC, item_id OFFSET ${opts.offset} LIMIT ${opts.limit}`);
  } else if (plan.kind === 'bitmap') {
    const period = periodTerms(plan);
    const where = whereClause(f, { titleOnly: opts.titleOnly ?? false, extra: period, conds: [...exclude, ...periodBound(plan, period)] });
    r = await ex.execute<{ itemId: string }>(sql`
      WITH m AS MATERIALIZED (SELECT s.item_id, s.published_date FROM item_search s WHERE ${where})
      SELECT item_id AS "itemId" FROM m ORDER BY published_date DESC, item_id OFFSET ${opts.offset} LIMIT ${opts.limit}`);
  } else {
    const where = whereClause(f, { titleOnly: opts.titleOnly ?? false, conds: exclude, dates: 'range' });
    r = await ex.execute<{ itemId: string }>(sql`
      SELECT s.item_id AS "itemId" FROM item_search s WHERE ${where}
       ORDER BY s.published_date DESC, s.item_id OFFSET ${opts.offset} LIMIT ${opts.limit}`);
  }
  return r.rows.map((x) => x.itemId);
}

/**
 * Both candidate pools from one collection of the matches (a bitmap plan): the newest `recent` matches and
 * the newest `titled` title matches, reading each matching row once.
 */
export async function selectPoolsByBitmap(ex: Executor, f: SearchFilter & { tsquery: string }, plan: NewestPlan & { kind: 'bitmap' }, titled: number, recent: number): Promise<{ titled: string[]; recent: string[] }> {
  const period = periodTerms(plan);
  const r = await ex.execute<{ itemId: string; pool: 't' | 'r' }>(sql`
    WITH m AS MATERIALIZED (
      SELECT s.item_id, s.published_date, (s.title_tsv @@ ${f.tsquery}::tsquery) AS in_title FROM item_search s
       WHERE ${whereClause(f, { extra: period, conds: periodBound(plan, period) })})
    (SELECT item_id AS "itemId", 'r' AS pool FROM m ORDER BY published_date DESC, item_id LIMIT ${recent})
    UNION ALL
    (SELECT item_id, 't' FROM m WHERE in_title ORDER BY published_date DESC, item_id LIMIT ${titled})`);
  return { titled: r.rows.filter((x) => x.pool === 't').map((x) => x.itemId), recent: r.rows.filter((x) => x.pool === 'r').map((x) => x.itemId) };
}

// ts_rank weights {D, C, B, A}: title lexemes carry A, everything else B (search.indexer.ts).
const RANK_WEIGHTS = '{0.1, 0.2, 0.4, 1.0}';
// normalization 1: divide by 1 + log(document length), so long documents do not win by length alone
const RANK_NORMALIZATION = 1;

// rounded, so that ranks differing only by a few characters of length tie and the newer item goes first
function rankExpr(tsquery: string): SQL {
  return sql`round(ts_rank(${RANK_WEIGHTS}::float4[], s.tsv, ${tsquery}::tsquery, ${RANK_NORMALIZATION})::numeric, 3)`;
}

/**
 * Exact ranking: every match ranked, for queries with few matches. `cap` bounds the work should the matches
 * be more than expected (then only the first `cap` found are ranked; the caller re-plans).
 */
export async function selectRankedAll(ex: Executor, f: SearchFilter & { tsquery: string }, offset: number, limit: number, cap: number): Promise<string[]> {
  const r = await ex.execute<{ itemId: string }>(sql`
    SELECT m.item_id AS "itemId" FROM (
      SELECT s.item_id, s.published_date, ${rankExpr(f.tsquery)} AS rank FROM item_search s WHERE ${whereClause(f)} LIMIT ${cap}) m
     ORDER BY m.rank DESC, m.published_date DESC, m.item_id OFFSET ${offset} LIMIT ${limit}`);
  return r.rows.map((x) => x.itemId);
}

/** The given items (a candidate pool) in rank order. */
export async function selectRankedIds(ex: Executor, tsquery: string, ids: readonly string[]): Promise<string[]> {
  if (!ids.length) return [];
  const r = await ex.execute<{ itemId: string }>(sql`
    SELECT s.item_id AS "itemId" FROM item_search s WHERE s.item_id = ANY (${sql.param([...ids])}::uuid[])
     ORDER BY ${rankExpr(tsquery)} DESC, s.published_date DESC, s.item_id`);
  return r.rows.map((x) => x.itemId);
}

export type HitRow = {
  itemId: string;
  genre: string;
  firstPublishedAt: Date | null;
  indexNumber: string;
  status: string;
  validity: Validity;
  title: string;
  documentNumber: string | null;
  writtenDate: string;
  publishedDate: string;
  summary: string | null;
  bodyHtml: string;
  agencyNames: string[];
};

/** What a result line shows, for the given ids (in no particular order). */
export async function selectHits(ex: Executor, ids: readonly string[]): Promise<HitRow[]> {
  if (!ids.length) return [];
  const r = await ex.execute<HitRow>(sql`
    SELECT i.id AS "itemId", i.index_number AS "indexNumber", i.status, i.validity, r.title, s.genre, i.first_published_at AS "firstPublishedAt",
           r.document_number AS "documentNumber", s.written_date AS "writtenDate", s.published_date AS "publishedDate",
           r.summary, r.body_html AS "bodyHtml",
           coalesce((SELECT array_agg(a.name ORDER BY u.ord) FROM unnest(s.agency_ids) WITH ORDINALITY u(id, ord)
                      JOIN agencies a ON a.id = u.id), '{}') AS "agencyNames"
      FROM item_search s
      JOIN items i ON i.id = s.item_id
      JOIN item_revisions r ON r.id = i.published_revision_id
     WHERE s.item_id = ANY (${sql.param([...ids])}::uuid[])`);
  return r.rows;
}

export type AgencyRef = {
  id: string;
  code: string;
  name: string;
};

export async function selectAgencyByCode(ex: Executor, code: string): Promise<AgencyRef | undefined> {
  const r = await ex.execute<AgencyRef>(sql`SELECT id, code, name FROM agencies WHERE code = ${code}`);
  return r.rows[0];
}

export async function selectAgencyRefs(ex: Executor, ids: readonly string[]): Promise<AgencyRef[]> {
  if (!ids.length) return [];
  const r = await ex.execute<AgencyRef>(sql`SELECT id, code, name FROM agencies WHERE id = ANY (${sql.param([...ids])}::uuid[])`);
  return r.rows;
}

export type NodeRef = {
  id: string;
  agencyId: string;
  name: string;
  depth: number;
};

/** A catalog node and every node below it (depth 0 is the node itself); empty when it does not exist. */
export async function selectNodeSubtree(ex: Executor, nodeId: string): Promise<NodeRef[]> {
  const r = await ex.execute<NodeRef>(sql`
    WITH RECURSIVE t AS (
      SELECT id, agency_id, name, 0 AS depth FROM catalog_nodes WHERE id = ${nodeId}
      UNION ALL
      SELECT c.id, c.agency_id, c.name, t.depth + 1 FROM catalog_nodes c JOIN t ON c.parent_id = t.id WHERE t.depth < 20)
    SELECT id, agency_id AS "agencyId", name, depth FROM t ORDER BY depth`);
  return r.rows;
}

/** An agency's catalog nodes in tree order (for the filter's select box). */
export async function selectAgencyNodes(ex: Executor, agencyId: string): Promise<NodeRef[]> {
  const r = await ex.execute<NodeRef>(sql`
    WITH RECURSIVE t AS (
      SELECT id, agency_id, name, 0 AS depth, ARRAY[lpad(sort_order::text, 8, '0') || name || id::text] AS path FROM catalog_nodes
       WHERE agency_id = ${agencyId} AND parent_id IS NULL AND retired_at IS NULL
      UNION ALL
      SELECT c.id, c.agency_id, c.name, t.depth + 1, t.path || (lpad(c.sort_order::text, 8, '0') || c.name || c.id::text) FROM catalog_nodes c JOIN t ON c.parent_id = t.id
       WHERE c.retired_at IS NULL AND t.depth < 20)
    SELECT id, agency_id AS "agencyId", name, depth FROM t ORDER BY path`);
  return r.rows;
}
