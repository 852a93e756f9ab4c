// Every query on hotline_kb_entries (migrations/0035__hotline__knowledge_base.sql).
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import type { KbEntry, KbHit, KbStatus } from './kb.schema.ts';

interface Row {
  id: string;
  category_code: string;
  owner_agency_id: string;
  owner_agency_name: string;
  title: string;
  answer: string;
  keywords: string[];
  legal_basis: string | null;
  reviewed_on: string;
  review_due_on: string;
  status: KbStatus;
  retired_at: Date | string | null;
  retired_reason: string | null;
  used_count: number;
  version: number;
  created_at: Date | string;
  updated_at: Date | string;
  rank?: number | string | null;
  [k: string]: unknown;
}

const asDate = (v: Date | string): Date => (v instanceof Date ? v : new Date(v));

function toEntry(r: Row): KbEntry {
  return {
    id: r.id,
    categoryCode: r.category_code,
    ownerAgencyId: r.owner_agency_id,
    ownerAgencyName: r.owner_agency_name,
    title: r.title,
    answer: r.answer,
    keywords: r.keywords ?? [],
    legalBasis: r.legal_basis,
    reviewedOn: r.reviewed_on,
    reviewDueOn: r.review_due_on,
    status: r.status,
    retiredAt: r.retired_at === null ? null : asDate(r.retired_at),
    retiredReason: r.retired_reason,
    usedCount: Number(r.used_count),
    version: Number(r.version),
    createdAt: asDate(r.created_at),
    updatedAt: asDate(r.updated_at),
  };
}

const SELECT = sql`SELECT e.id, e.category_code, e.owner_agency_id, a.name AS owner_agency_name, e.title, e.answer, e.keywords,
  e.legal_basis, e.reviewed_on, e.review_due_on, e.status, e.retired_at, e.retired_reason, e.used_count, e.version,
  e.created_at, e.updated_at
  FROM hotline_kb_entries e JOIN agencies a ON a.id = e.owner_agency_id`;

/** The vector expression for title lexemes (weight A) and the other lexemes (weight B). */
function vector(titleLexemes: readonly string[], otherLexemes: readonly string[]): SQL {
  return sql`(setweight(array_to_tsvector(${sql.param([...titleLexemes])}::text[]), 'A') || setweight(array_to_tsvector(${sql.param([...otherLexemes])}::text[]), 'B'))`;
}

export interface EntryWrite {
  categoryCode: string;
  ownerAgencyId: string;
  title: string;
  answer: string;
  keywords: string[];
  legalBasis: string | null;
  reviewedOn: string;
  reviewDueOn: string;
  titleLexemes: string[];
  otherLexemes: string[];
  userId: string | null;
}

export async function insertEntry(ex: Executor, w: EntryWrite): Promise<string> {
  const r = await ex.execute<{ id: string }>(sql`INSERT INTO hotline_kb_entries
    (category_code, owner_agency_id, title, answer, keywords, legal_basis, reviewed_on, review_due_on, tsv, created_by, updated_by)
    VALUES (${w.categoryCode}, ${w.ownerAgencyId}, ${w.title}, ${w.answer}, ${sql.param(w.keywords)}::text[], ${w.legalBasis}, ${w.reviewedOn}, ${w.reviewDueOn},
      ${vector(w.titleLexemes, w.otherLexemes)}, ${w.userId}, ${w.userId})
    RETURNING id`);
  return (r.rows[0] as { id: string }).id;
}

/** Optimistic lock: false when the version moved on. */
export async function updateEntry(ex: Executor, id: string, version: number, w: EntryWrite): Promise<boolean> {
  const r = await ex.execute(sql`UPDATE hotline_kb_entries SET category_code = ${w.categoryCode}, owner_agency_id = ${w.ownerAgencyId},
      title = ${w.title}, answer = ${w.answer}, keywords = ${sql.param(w.keywords)}::text[], legal_basis = ${w.legalBasis},
      reviewed_on = ${w.reviewedOn}, review_due_on = ${w.reviewDueOn}, tsv = ${vector(w.titleLexemes, w.otherLexemes)},
      updated_by = ${w.userId}, updated_at = now(), version = version + 1
    WHERE id = ${id} AND version = ${version}`);
  return (r.rowCount ?? 0) === 1;
}

export async function markReviewed(ex: Executor, id: string, version: number, reviewedOn: string, dueOn: string, userId: string | null): Promise<boolean> {
  const r = await ex.execute(sql`UPDATE hotline_kb_entries SET reviewed_on = ${reviewedOn}, review_due_on = ${dueOn}, updated_by = ${userId},
      updated_at = now(), version = version + 1
    WHERE id = ${id} AND version = ${version} AND status = 'active'`);
  return (r.rowCount ?? 0) === 1;
}

export async function retireEntry(ex: Executor, id: string, version: number, reason: string, userId: string | null): Promise<boolean> {
  const r = await ex.execute(sql`UPDATE hotline_kb_entries SET status = 'retired', retired_at = now(), retired_reason = ${reason},
      updated_by = ${userId}, updated_at = now(), version = version + 1
    WHERE id = ${id} AND version = ${version} AND status = 'active'`);
  return (r.rowCount ?? 0) === 1;
}

/** Counts one use in a 直接答复 (inside the answering transaction). */
export async function countUse(ex: Executor, id: string): Promise<void> {
  await ex.execute(sql`UPDATE hotline_kb_entries SET used_count = used_count + 1 WHERE id = ${id}`);
}

export async function findEntry(ex: Executor, id: string): Promise<KbEntry | undefined> {
  const r = await ex.execute<Row>(sql`${SELECT} WHERE e.id = ${id}`);
  const row = r.rows[0];
  return row ? toEntry(row) : undefined;
}

export interface SearchFilters {
  tsquery: string | null;
  /** the category and its subtree */
  categoryPrefix: string | null;
  ownerAgencyId: string | null;
  status: KbStatus | 'all';
  /** ranks entries of this category (and its parents) higher */
  preferCategory?: string | null;
  limit: number;
  offset: number;
}

function where(f: SearchFilters): SQL {
  const parts: SQL[] = [sql`TRUE`];
  if (f.tsquery) parts.push(sql`e.tsv @@ ${f.tsquery}::tsquery`);
  if (f.categoryPrefix) parts.push(sql`e.category_code LIKE ${`${f.categoryPrefix}%`}`);
  if (f.ownerAgencyId) parts.push(sql`e.owner_agency_id = ${f.ownerAgencyId}`);
  if (f.status !== 'all') parts.push(sql`e.status = ${f.status}`);
  return sql.join(parts, sql` AND `);
}

/** Matching entries, most relevant first (or newest first without words), and the total. */
export async function searchEntries(ex: Executor, f: SearchFilters): Promise<{ total: number; rows: KbHit[] }> {
  const rank = f.tsquery ? sql`ts_rank('{0.1, 0.2, 0.4, 1.0}', e.tsv, ${f.tsquery}::tsquery)` : sql`0`;
  const prefer = f.preferCategory ? sql`CASE WHEN ${f.preferCategory} LIKE e.category_code || '%' THEN 1 ELSE 0 END` : sql`0`;
  const count = await ex.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM hotline_kb_entries e WHERE ${where(f)}`);
  const rows = await ex.execute<Row>(sql`SELECT e.id, e.category_code, e.owner_agency_id, a.name AS owner_agency_name, e.title, e.answer, e.keywords,
      e.legal_basis, e.reviewed_on, e.review_due_on, e.status, e.retired_at, e.retired_reason, e.used_count, e.version,
      e.created_at, e.updated_at, round((${rank})::numeric, 4)::float8 AS rank, ${prefer} AS prefer
    FROM hotline_kb_entries e JOIN agencies a ON a.id = e.owner_agency_id
    WHERE ${where(f)}
    ORDER BY prefer DESC, rank DESC, e.updated_at DESC, e.id
    LIMIT ${f.limit} OFFSET ${f.offset}`);
  return { total: Number(count.rows[0]?.n ?? 0), rows: rows.rows.map((row) => ({ ...toEntry(row), rank: Number(row.rank ?? 0) })) };
}

/** Active entries due for review on or before `until`, soonest first, optionally only the given owners. */
export async function listDueForReview(ex: Executor, until: string, ownerIds: readonly string[] | null): Promise<KbEntry[]> {
  const owners = ownerIds ? sql`AND e.owner_agency_id = ANY(${sql.param([...ownerIds])}::uuid[])` : sql``;
  const r = await ex.execute<Row>(sql`${SELECT} WHERE e.status = 'active' AND e.review_due_on <= ${until} ${owners}
    ORDER BY e.review_due_on, e.title LIMIT 500`);
  return r.rows.map(toEntry);
}
