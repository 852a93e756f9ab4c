// All SQL of the annual report. Counting queries mirror the pure rules of report.tally.ts (same dates, same
// buckets) as GROUP BY aggregates, so a city-wide report reads a few hundred rows, not millions.
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import type { CategoryCount, ConcludedCount, RequestCounts } from './report.tally.ts';
import { yearEnd, yearStart } from './report.tally.ts';

export interface Scope {
  agencyId: string;
  subtree: boolean;
}

function scopeIds(s: Scope): SQL {
  return s.subtree
    ? sql`(SELECT id FROM agencies WHERE id = ${s.agencyId}::uuid OR ${s.agencyId}::uuid = ANY(ancestors))`
    : sql`(SELECT ${s.agencyId}::uuid)`;
}

async function rows<T>(ex: Executor, q: SQL): Promise<T[]> {
  const r = await ex.execute(q);
  return r.rows as T[];
}

const int = (v: unknown): number => Number(v ?? 0);

/** 规章 and 行政规范性文件: issued, repealed, in force (report.tally.ts documentBuckets). */
export async function countDocuments(ex: Executor, s: Scope, year: number): Promise<{ genre: string; issued: number; repealed: number; inForce: number }[]> {
  const start = yearStart(year);
  const end = yearEnd(year);
  const r = await rows<Record<string, unknown>>(
    ex,
    sql`SELECT r.genre,
               count(*) FILTER (WHERE r.written_date BETWEEN ${start}::date AND ${end}::date) AS issued,
               count(*) FILTER (WHERE i.validity <> 'valid' AND i.validity_date BETWEEN ${start}::date AND ${end}::date) AS repealed,
               count(*) FILTER (WHERE r.written_date <= ${end}::date
                                  AND NOT (i.validity <> 'valid' AND i.validity_date IS NOT NULL AND i.validity_date <= ${end}::date)
                                  AND NOT (i.withdrawn_at IS NOT NULL AND (i.withdrawn_at AT TIME ZONE 'Asia/Shanghai')::date <= ${end}::date)) AS in_force
          FROM items i JOIN item_revisions r ON r.id = i.published_revision_id
         WHERE i.agency_id IN ${scopeIds(s)} AND i.status IN ('published', 'withdrawn') AND r.genre IN ('rule', 'normative')
         GROUP BY r.genre`,
  );
  return r.map((x) => ({ genre: String(x.genre), issued: int(x.issued), repealed: int(x.repealed), inForce: int(x.in_force) }));
}

/** Items first published in the year per 重点领域 node (nodes marked is_key_area), summed by node name over the scope. */
export async function countKeyAreas(ex: Executor, s: Scope, year: number): Promise<{ node: string; published: number }[]> {
  const r = await rows<Record<string, unknown>>(
    ex,
    sql`SELECT n.name, min(n.sort_order) AS so,
               count(DISTINCT i.id) FILTER (WHERE i.first_published_at >= (${yearStart(year)}::date::timestamp AT TIME ZONE 'Asia/Shanghai')
                                              AND i.first_published_at < (${yearStart(year + 1)}::date::timestamp AT TIME ZONE 'Asia/Shanghai')) AS published
          FROM catalog_nodes n
          LEFT JOIN item_catalog_nodes icn ON icn.node_id = n.id
          LEFT JOIN items i ON i.id = icn.item_id AND i.status IN ('published', 'withdrawn')
         WHERE n.agency_id IN ${scopeIds(s)} AND n.is_key_area AND n.retired_at IS NULL AND n.template_key IS DISTINCT FROM 'key_areas'
         GROUP BY n.name
         ORDER BY min(n.sort_order), n.name`,
  );
  return r.map((x) => ({ node: String(x.name), published: int(x.published) }));
}

/** Whether the requests helper's tables exist yet (migrations 0020–0029). */
export async function hasRequestTables(ex: Executor): Promise<boolean> {
  const r = await rows<{ ok: boolean }>(ex, sql`SELECT to_regclass('requests') IS NOT NULL AND to_regclass('request_review_cases') IS NOT NULL AS ok`);
  return r[0]?.ok === true;
}

/** Section 三's grouped counts (report.tally.ts bucketsOf). */
export async function countRequests(ex: Executor, s: Scope, year: number): Promise<RequestCounts> {
  const start = yearStart(year);
  const end = yearEnd(year);
  const byCategory = await rows<Record<string, unknown>>(
    ex,
    sql`SELECT applicant_category AS category,
               count(*) FILTER (WHERE received_on BETWEEN ${start}::date AND ${end}::date) AS new,
               count(*) FILTER (WHERE received_on < ${start}::date AND (concluded_on IS NULL OR concluded_on >= ${start}::date)) AS carried_in,
               count(*) FILTER (WHERE received_on <= ${end}::date AND (concluded_on IS NULL OR concluded_on > ${end}::date)) AS carried_out
          FROM requests
         WHERE agency_id IN ${scopeIds(s)} AND received_on IS NOT NULL AND received_on <= ${end}::date
         GROUP BY applicant_category`,
  );
  const concluded = await rows<Record<string, unknown>>(
    ex,
    sql`SELECT applicant_category AS category, outcome_code, withhold_reasons[1] AS main_reason, count(*) AS n
          FROM requests
         WHERE agency_id IN ${scopeIds(s)} AND concluded_on BETWEEN ${start}::date AND ${end}::date
         GROUP BY 1, 2, 3`,
  );
  const pick = (k: string): CategoryCount[] => byCategory.map((x) => ({ category: String(x.category), n: int(x[k]) })).filter((x) => x.n > 0);
  return {
    new: pick('new'),
    carriedIn: pick('carried_in'),
    carriedOut: pick('carried_out'),
    concluded: concluded.map((x): ConcludedCount => ({ category: String(x.category), outcomeCode: x.outcome_code === null ? null : String(x.outcome_code), mainReason: x.main_reason === null || x.main_reason === undefined ? null : String(x.main_reason), n: int(x.n) })),
  };
}

/** 信息处理费 collected on applications concluded in the year (元), and applications received per month. */
export async function requestExtras(ex: Executor, s: Scope, year: number): Promise<{ feeYuan: number; perMonth: number[] }> {
  const start = yearStart(year);
  const end = yearEnd(year);
  const fee = await rows<{ yuan: string | null }>(ex, sql`SELECT sum(fee_collected_yuan)::text AS yuan FROM requests WHERE agency_id IN ${scopeIds(s)} AND concluded_on BETWEEN ${start}::date AND ${end}::date`);
  const months = await rows<{ m: number; n: unknown }>(
    ex,
    sql`SELECT extract(month FROM received_on)::int AS m, count(*) AS n FROM requests
         WHERE agency_id IN ${scopeIds(s)} AND received_on BETWEEN ${start}::date AND ${end}::date GROUP BY 1`,
  );
  const perMonth = Array.from({ length: 12 }, () => 0);
  for (const m of months) perMonth[Number(m.m) - 1] = int(m.n);
  return { feeYuan: Number(fee[0]?.yuan ?? 0), perMonth };
}

/** Section 四's grouped counts (report.tally.ts reviewColumnForYear): kind and the result as of 12月31日. */
export async function countReviewCases(ex: Executor, s: Scope, year: number): Promise<{ kind: string; result: string; n: number }[]> {
  const start = yearStart(year);
  const end = yearEnd(year);
  const r = await rows<Record<string, unknown>>(
    ex,
    sql`SELECT kind, CASE WHEN concluded_on IS NULL OR concluded_on > ${end}::date THEN 'pending' ELSE result END AS result, count(*) AS n
          FROM request_review_cases
         WHERE agency_id IN ${scopeIds(s)}
           AND (filed_on BETWEEN ${start}::date AND ${end}::date OR (filed_on < ${start}::date AND (concluded_on IS NULL OR concluded_on >= ${start}::date)))
         GROUP BY 1, 2`,
  );
  return r.map((x) => ({ kind: String(x.kind), result: String(x.result), n: int(x.n) }));
}

// ─── outside figures ────────────────────────────────────────────────────────────

export interface OutsideFigures {
  licensing: number | null;
  penalty: number | null;
  enforcement: number | null;
  feesWanYuan: number | null;
}
export interface OutsideFiguresRow extends OutsideFigures {
  agencyId: string;
  year: number;
  source: string;
  version: number;
}

const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** The figures summed over the scope; null where no agency in it has one. */
export async function sumOutsideFigures(ex: Executor, s: Scope, year: number): Promise<OutsideFigures> {
  const r = await rows<Record<string, unknown>>(
    ex,
    sql`SELECT sum(licensing) AS licensing, sum(penalty) AS penalty, sum(enforcement) AS enforcement, sum(fees_wan_yuan)::text AS fees
          FROM report_outside_figures WHERE agency_id IN ${scopeIds(s)} AND year = ${year}`,
  );
  const x = r[0] ?? {};
  return { licensing: numOrNull(x.licensing), penalty: numOrNull(x.penalty), enforcement: numOrNull(x.enforcement), feesWanYuan: numOrNull(x.fees) };
}

export async function findOutsideFigures(ex: Executor, agencyId: string, year: number): Promise<OutsideFiguresRow | undefined> {
  const r = await rows<Record<string, unknown>>(ex, sql`SELECT agency_id, year, licensing, penalty, enforcement, fees_wan_yuan::text AS fees, source, version FROM report_outside_figures WHERE agency_id = ${agencyId}::uuid AND year = ${year}`);
  const x = r[0];
  if (!x) return undefined;
  return { agencyId: String(x.agency_id), year: Number(x.year), licensing: numOrNull(x.licensing), penalty: numOrNull(x.penalty), enforcement: numOrNull(x.enforcement), feesWanYuan: numOrNull(x.fees), source: String(x.source), version: Number(x.version) };
}

export async function upsertOutsideFigures(ex: Executor, v: OutsideFigures & { agencyId: string; year: number; source: 'form' | 'import'; userId: string | null }): Promise<void> {
  await ex.execute(sql`
    INSERT INTO report_outside_figures (agency_id, year, licensing, penalty, enforcement, fees_wan_yuan, source, updated_by)
    VALUES (${v.agencyId}::uuid, ${v.year}, ${v.licensing}, ${v.penalty}, ${v.enforcement}, ${v.feesWanYuan === null ? null : String(v.feesWanYuan)}::numeric, ${v.source}, ${v.userId}::uuid)
    ON CONFLICT (agency_id, year) DO UPDATE SET licensing = EXCLUDED.licensing, penalty = EXCLUDED.penalty, enforcement = EXCLUDED.enforcement,
      fees_wan_yuan = EXCLUDED.fees_wan_yuan, source = EXCLUDED.source, updated_by = EXCLUDED.updated_by, updated_at = now(),
      version = report_outside_figures.version + 1`);
}

// ─── drafts and published reports ───────────────────────────────────────────────

export interface ReportRecord {
  id: string;
  agencyId: string;
  year: number;
  subtree: boolean;
  state: 'draft' | 'published';
  overview: string;
  problems: string;
  assessment: string;
  otherMatters: string;
  explanations: Record<string, string>;
  snapshot: unknown;
  itemId: string | null;
  publishedAt: Date | null;
  version: number;
}

function toRecord(x: Record<string, unknown>): ReportRecord {
  return {
    id: String(x.id),
    agencyId: String(x.agency_id),
    year: Number(x.year),
    subtree: x.subtree === true,
    state: x.state === 'published' ? 'published' : 'draft',
    overview: String(x.overview ?? ''),
    problems: String(x.problems ?? ''),
    assessment: String(x.assessment ?? ''),
    otherMatters: String(x.other_matters ?? ''),
    explanations: (typeof x.explanations === 'string' ? JSON.parse(x.explanations) : (x.explanations ?? {})) as Record<string, string>,
    snapshot: typeof x.snapshot === 'string' ? JSON.parse(x.snapshot) : (x.snapshot ?? null),
    itemId: x.item_id ? String(x.item_id) : null,
    publishedAt: x.published_at ? new Date(x.published_at as string) : null,
    version: Number(x.version),
  };
}

export async function findReport(ex: Executor, agencyId: string, year: number): Promise<ReportRecord | undefined> {
  const r = await rows<Record<string, unknown>>(ex, sql`SELECT * FROM annual_reports WHERE agency_id = ${agencyId}::uuid AND year = ${year}`);
  return r[0] ? toRecord(r[0]) : undefined;
}

export async function findReportForUpdate(ex: Executor, agencyId: string, year: number): Promise<ReportRecord | undefined> {
  const r = await rows<Record<string, unknown>>(ex, sql`SELECT * FROM annual_reports WHERE agency_id = ${agencyId}::uuid AND year = ${year} FOR UPDATE`);
  return r[0] ? toRecord(r[0]) : undefined;
}

export async function insertReport(ex: Executor, agencyId: string, year: number, subtree: boolean): Promise<ReportRecord> {
  const r = await rows<Record<string, unknown>>(ex, sql`INSERT INTO annual_reports (agency_id, year, subtree) VALUES (${agencyId}::uuid, ${year}, ${subtree}) ON CONFLICT (agency_id, year) DO NOTHING RETURNING *`);
  if (r[0]) return toRecord(r[0]);
  const again = await findReportForUpdate(ex, agencyId, year);
  if (!again) throw new Error('annual_reports: insert returned no row');
  return again;
}

export async function updateReportText(ex: Executor, id: string, version: number, v: { overview: string; problems: string; assessment: string; otherMatters: string; explanations: Record<string, string>; subtree: boolean; userId: string | null }): Promise<ReportRecord | undefined> {
  const r = await rows<Record<string, unknown>>(
    ex,
    sql`UPDATE annual_reports SET overview = ${v.overview}, problems = ${v.problems}, assessment = ${v.assessment}, other_matters = ${v.otherMatters},
               explanations = ${JSON.stringify(v.explanations)}::jsonb, subtree = ${v.subtree}, updated_by = ${v.userId}::uuid, updated_at = now(), version = version + 1
         WHERE id = ${id}::uuid AND version = ${version} AND state = 'draft' RETURNING *`,
  );
  return r[0] ? toRecord(r[0]) : undefined;
}

export async function markPublished(ex: Executor, id: string, version: number, v: { snapshot: unknown; itemId: string; userId: string | null }): Promise<ReportRecord | undefined> {
  const r = await rows<Record<string, unknown>>(
    ex,
    sql`UPDATE annual_reports SET state = 'published', snapshot = ${JSON.stringify(v.snapshot)}::jsonb, item_id = ${v.itemId}::uuid, published_at = now(),
               published_by = ${v.userId}::uuid, updated_at = now(), version = version + 1
         WHERE id = ${id}::uuid AND version = ${version} AND state = 'draft' RETURNING *`,
  );
  return r[0] ? toRecord(r[0]) : undefined;
}

/** For the deadline board: every agency in the subtree with its report for `year`, if any. */
export async function listBoard(ex: Executor, rootId: string, year: number): Promise<{ agencyId: string; code: string; name: string; kind: string; depth: number; state: string | null; publishedAt: Date | null }[]> {
  const r = await rows<Record<string, unknown>>(
    ex,
    sql`SELECT a.id, a.code, a.name, a.kind, cardinality(a.ancestors) AS depth, ar.state, ar.published_at
          FROM agencies a LEFT JOIN annual_reports ar ON ar.agency_id = a.id AND ar.year = ${year}
         WHERE (a.id = ${rootId}::uuid OR ${rootId}::uuid = ANY(a.ancestors)) AND a.retired_at IS NULL
         ORDER BY a.ancestors, a.sort_order, a.code`,
  );
  return r.map((x) => ({ agencyId: String(x.id), code: String(x.code), name: String(x.name), kind: String(x.kind), depth: Number(x.depth), state: x.state ? String(x.state) : null, publishedAt: x.published_at ? new Date(x.published_at as string) : null }));
}

/** Agencies without a published report for `year` (reminders). */
export async function listUnpublished(ex: Executor, year: number): Promise<{ agencyId: string; kind: string; name: string }[]> {
  const r = await rows<Record<string, unknown>>(
    ex,
    sql`SELECT a.id, a.kind, a.name FROM agencies a
         WHERE a.retired_at IS NULL AND NOT EXISTS (SELECT 1 FROM annual_reports ar WHERE ar.agency_id = a.id AND ar.year = ${year} AND ar.state = 'published')`,
  );
  return r.map((x) => ({ agencyId: String(x.id), kind: String(x.kind), name: String(x.name) }));
}

/** Records a reminder once; false when it was already sent. */
export async function insertReminder(ex: Executor, agencyId: string, year: number, dueOn: string, daysBefore: number): Promise<boolean> {
  const r = await ex.execute(sql`INSERT INTO report_reminders (agency_id, year, due_on, days_before) VALUES (${agencyId}::uuid, ${year}, ${dueOn}::date, ${daysBefore}) ON CONFLICT DO NOTHING`);
  return (r.rowCount ?? 0) > 0;
}

/** The id of an agency's catalog node created from a template key (政府信息公开年报: 'annual_reports'). */
export async function findTemplateNodeId(ex: Executor, agencyId: string, templateKey: string): Promise<string | null> {
  const r = await rows<{ id: string }>(ex, sql`SELECT id FROM catalog_nodes WHERE agency_id = ${agencyId}::uuid AND template_key = ${templateKey} AND retired_at IS NULL`);
  return r[0]?.id ?? null;
}
