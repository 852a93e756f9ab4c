import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import type { Agency } from './agencies.schema.ts';
import { agencies } from './agencies.tables.ts';

export type AgencyRowValues = typeof agencies.$inferInsert;

/**
 * Serialises writers of the agency tree for the rest of the transaction: a move rewrites the ancestors
 * of a whole subtree, and a child created meanwhile under it would keep the old ones.
 */
export async function lockAgencyTree(ex: Executor): Promise<void> {
  await ex.execute(sql`SELECT pg_advisory_xact_lock(71400003)`);
}

export async function findAgencyById(ex: Executor, id: string): Promise<Agency | undefined> {
  const rows = await ex.select().from(agencies).where(eq(agencies.id, id)).limit(1);
  return rows[0];
}

export async function findAgencyByCode(ex: Executor, code: string): Promise<Agency | undefined> {
  const rows = await ex.select().from(agencies).where(eq(agencies.code, code)).limit(1);
  return rows[0];
}

export async function findAgencyByName(ex: Executor, name: string): Promise<Agency | undefined> {
  const rows = await ex.select().from(agencies).where(eq(agencies.name, name)).limit(1);
  return rows[0];
}

export async function findAgencyByCreditCode(ex: Executor, creditCode: string): Promise<Agency | undefined> {
  const rows = await ex.select().from(agencies).where(eq(agencies.creditCode, creditCode)).limit(1);
  return rows[0];
}

/** The direct children of an agency that are not retired. */
export async function selectActiveChildren(ex: Executor, parentId: string): Promise<Agency[]> {
  return ex.select().from(agencies).where(and(eq(agencies.parentId, parentId), isNull(agencies.retiredAt)));
}

/** Roots that are not retired. */
export async function selectActiveRoots(ex: Executor): Promise<Agency[]> {
  return ex.select().from(agencies).where(and(isNull(agencies.parentId), isNull(agencies.retiredAt)));
}

export async function selectAgenciesByIds(ex: Executor, ids: readonly string[]): Promise<Agency[]> {
  if (!ids.length) return [];
  return ex.select().from(agencies).where(inArray(agencies.id, [...ids]));
}

/** Every agency, unordered (the service puts them in tree order). */
export async function selectAgencies(ex: Executor, opts: { includeRetired?: boolean } = {}): Promise<Agency[]> {
  const q = ex.select().from(agencies);
  return opts.includeRetired ? q : q.where(isNull(agencies.retiredAt));
}

export async function insertAgency(ex: Executor, values: AgencyRowValues): Promise<Agency> {
  const rows = await ex.insert(agencies).values(values).returning();
  const row = rows[0];
  if (!row) throw new Error('insert into agencies returned no row');
  return row;
}

/** Optimistic update: changes the row only if it still has `version`; returns undefined otherwise. */
export async function updateAgencyRow(ex: Executor, id: string, version: number, values: Partial<AgencyRowValues>): Promise<Agency | undefined> {
  const rows = await ex
    .update(agencies)
    .set({ ...values, version: sql`${agencies.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(agencies.id, id), eq(agencies.version, version)))
    .returning();
  return rows[0];
}

/**
 * After `id` moved from ancestors `oldAncestors` to `newAncestors`, rewrites the ancestors of every
 * descendant: the prefix up to and including `id` is replaced, the rest kept.
 */
export async function rewriteDescendantAncestors(ex: Executor, id: string, oldAncestors: readonly string[], newAncestors: readonly string[]): Promise<number> {
  const keepFrom = oldAncestors.length + 1; // 1-based position of `id` in a descendant's ancestors
  const prefix = sql`ARRAY[${sql.join(
    newAncestors.map((a) => sql`${a}::uuid`),
    sql`, `,
  )}]::uuid[]`;
  const r = await ex.execute(sql`
    UPDATE agencies
       SET ancestors = ${newAncestors.length ? prefix : sql`'{}'::uuid[]`} || ancestors[${keepFrom}:],
           updated_at = now()
     WHERE ${id}::uuid = ANY(ancestors)`);
  return r.rowCount ?? 0;
}

/** The ids of `id` and all its descendants (retired ones included). */
export async function selectSubtreeIds(ex: Executor, id: string): Promise<string[]> {
  const rows = await ex
    .select({ id: agencies.id })
    .from(agencies)
    .where(sql`${agencies.id} = ${id}::uuid OR ${id}::uuid = ANY(${agencies.ancestors})`);
  return rows.map((r) => r.id);
}

export async function countAgencies(ex: Executor): Promise<number> {
  const r = await ex.execute(sql`SELECT count(*)::int AS n FROM agencies`);
  return Number(r.rows[0]?.n ?? 0);
}
