// Every query of the catalog: its nodes and 动态调整 rows, the agencies it hangs on, and the public items filed in
// its columns (read straight from the items tables; anything that changes items goes through the items service).

import { and, asc, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
// The table itself, not the agencies module's index: the agencies service imports catalog.setup.ts (which uses
// this repository) inside createAgency, and the index would make that a cycle.
import { agencies } from '../agencies/agencies.tables.ts';
import type { Agency } from '../agencies/index.ts';
import type { CatalogChange, CatalogNode } from './catalog.schema.ts';
import { catalogChanges, catalogNodes, itemCatalogNodes, itemRevisions, items } from './disclosure.tables.ts';

/** Item statuses whose URL answers 200: listed in the catalog. `unpublished` answers 410 and is never listed. */
export const LISTED_STATUSES = ['published', 'withdrawn'] as const;

export type NodeValues = typeof catalogNodes.$inferInsert;
export type ChangeValues = typeof catalogChanges.$inferInsert;

/** Serialises changes to one agency's catalog for the rest of the transaction (sibling order, cycle checks, template fill-in). */
export async function lockCatalog(ex: Executor, agencyId: string): Promise<void> {
  await ex.execute(sql`SELECT pg_advisory_xact_lock(71400013, hashtext(${agencyId}))`);
}

// ---------- agencies (reads) ----------

export async function findAgencyByCode(ex: Executor, code: string): Promise<Agency | undefined> {
  const [row] = await ex.select().from(agencies).where(eq(agencies.code, code)).limit(1);
  return row;
}

export async function findAgencyById(ex: Executor, id: string): Promise<Agency | undefined> {
  const [row] = await ex.select().from(agencies).where(eq(agencies.id, id)).limit(1);
  return row;
}

export async function selectAgenciesByIds(ex: Executor, ids: readonly string[]): Promise<Agency[]> {
  if (!ids.length) return [];
  return ex.select().from(agencies).where(inArray(agencies.id, [...ids]));
}

/** Active agencies by sort order and name (callers that need tree order sort themselves). */
export async function selectActiveAgencies(ex: Executor): Promise<Agency[]> {
  return ex.select().from(agencies).where(isNull(agencies.retiredAt)).orderBy(asc(agencies.sortOrder), asc(agencies.name));
}

export async function selectActiveAgencyIds(ex: Executor): Promise<string[]> {
  const rows = await ex.select({ id: agencies.id }).from(agencies).where(isNull(agencies.retiredAt)).orderBy(asc(agencies.id));
  return rows.map((r) => r.id);
}

/** Active agencies without a single catalog node. */
export async function selectAgencyIdsWithoutCatalog(ex: Executor): Promise<string[]> {
  const r = await ex.execute<{ id: string }>(
    sql`SELECT a.id FROM agencies a WHERE a.retired_at IS NULL AND NOT EXISTS (SELECT 1 FROM catalog_nodes n WHERE n.agency_id = a.id) ORDER BY a.id`,
  );
  return r.rows.map((x) => x.id);
}

// ---------- nodes ----------

export async function selectNodes(ex: Executor, agencyId: string): Promise<CatalogNode[]> {
  return ex.select().from(catalogNodes).where(eq(catalogNodes.agencyId, agencyId));
}

export async function selectAllActiveNodes(ex: Executor): Promise<CatalogNode[]> {
  return ex.select().from(catalogNodes).where(isNull(catalogNodes.retiredAt));
}

export async function findNodeById(ex: Executor, id: string): Promise<CatalogNode | undefined> {
  const [row] = await ex.select().from(catalogNodes).where(eq(catalogNodes.id, id)).limit(1);
  return row;
}

export async function findTemplateNode(ex: Executor, agencyId: string, templateKey: string): Promise<CatalogNode | undefined> {
  const [row] = await ex.select().from(catalogNodes).where(and(eq(catalogNodes.agencyId, agencyId), eq(catalogNodes.templateKey, templateKey))).limit(1);
  return row;
}

export async function insertNode(ex: Executor, values: NodeValues): Promise<CatalogNode> {
  const [row] = await ex.insert(catalogNodes).values(values).returning();
  if (!row) throw new Error('insert into catalog_nodes returned no row');
  return row;
}

export async function insertNodes(ex: Executor, values: NodeValues[]): Promise<CatalogNode[]> {
  if (!values.length) return [];
  return ex.insert(catalogNodes).values(values).returning();
}

/** Optimistic update: changes the row only if it still has `version`; returns undefined otherwise. */
export async function updateNodeRow(ex: Executor, id: string, version: number, values: Partial<Pick<NodeValues, 'name' | 'parentId' | 'sortOrder' | 'retiredAt' | 'isKeyArea'>>): Promise<CatalogNode | undefined> {
  const [row] = await ex
    .update(catalogNodes)
    .set({ ...values, version: sql`${catalogNodes.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(catalogNodes.id, id), eq(catalogNodes.version, version)))
    .returning();
  return row;
}

/** A sibling's new place after a reorder (its own content is unchanged, so its version stays). */
export async function setSortOrder(ex: Executor, id: string, sortOrder: number): Promise<void> {
  await ex.update(catalogNodes).set({ sortOrder }).where(eq(catalogNodes.id, id));
}

// ---------- 动态调整 ----------

export async function insertChange(ex: Executor, values: ChangeValues): Promise<CatalogChange> {
  const [row] = await ex.insert(catalogChanges).values(values).returning();
  if (!row) throw new Error('insert into catalog_changes returned no row');
  return row;
}

export async function insertChanges(ex: Executor, values: ChangeValues[]): Promise<void> {
  if (values.length) await ex.insert(catalogChanges).values(values);
}

/** An agency's changes, newest first. */
export async function selectChanges(ex: Executor, agencyId: string, limit: number, offset: number): Promise<CatalogChange[]> {
  return ex.select().from(catalogChanges).where(eq(catalogChanges.agencyId, agencyId)).orderBy(desc(catalogChanges.at), desc(catalogChanges.id)).limit(limit).offset(offset);
}

export async function countChanges(ex: Executor, agencyId: string): Promise<number> {
  const [row] = await ex.select({ n: count() }).from(catalogChanges).where(eq(catalogChanges.agencyId, agencyId));
  return row?.n ?? 0;
}

export async function selectChangesOfNode(ex: Executor, nodeId: string): Promise<CatalogChange[]> {
  return ex.select().from(catalogChanges).where(eq(catalogChanges.nodeId, nodeId)).orderBy(asc(catalogChanges.id));
}

// ---------- items in columns (reads) ----------

/** node id → distinct listed items filed in the node or any node below it, for one agency's catalog. */
export async function countListedItemsBySubtree(ex: Executor, agencyId: string): Promise<Map<string, number>> {
  const r = await ex.execute<{ root: string; n: number }>(sql`
    WITH RECURSIVE sub AS (
      SELECT id, id AS root FROM catalog_nodes WHERE agency_id = ${agencyId}
      UNION ALL
      SELECT c.id, sub.root FROM catalog_nodes c JOIN sub ON c.parent_id = sub.id
    )
    SELECT sub.root, count(DISTINCT icn.item_id)::int AS n
      FROM sub
      JOIN item_catalog_nodes icn ON icn.node_id = sub.id
      JOIN items i ON i.id = icn.item_id AND i.status IN ('published', 'withdrawn')
     GROUP BY sub.root`);
  return new Map(r.rows.map((x) => [x.root, Number(x.n)]));
}

/** One row of a column's list: 条例 第十二条 目录 = 索引、名称、内容概述、生成日期. */
export interface ListedItem {
  itemId: string;
  indexNumber: string;
  status: 'published' | 'withdrawn';
  validity: 'valid' | 'expired' | 'repealed';
  title: string;
  summary: string | null;
  documentNumber: string | null;
  writtenDate: string;
  publishedDate: string;
  publishedAt: Date | null;
  firstPublishedAt: Date | null;
}

const listedColumns = {
  itemId: items.id,
  indexNumber: sql<string>`${items.indexNumber}`,
  status: sql<'published' | 'withdrawn'>`${items.status}`,
  validity: items.validity,
  title: itemRevisions.title,
  summary: itemRevisions.summary,
  documentNumber: itemRevisions.documentNumber,
  writtenDate: itemRevisions.writtenDate,
  publishedDate: sql<string>`${itemRevisions.publishedDate}`,
  publishedAt: itemRevisions.publishedAt,
  firstPublishedAt: items.firstPublishedAt,
};

const inNodes = (nodeIds: readonly string[]) =>
  sql`${items.id} IN (SELECT ${itemCatalogNodes.itemId} FROM ${itemCatalogNodes} WHERE ${inArray(itemCatalogNodes.nodeId, [...nodeIds])})`;

/** Listed items filed in any of `nodeIds`, newest first (发布日期, then first publication). */
export async function selectItemsInNodes(ex: Executor, nodeIds: readonly string[], limit: number, offset: number): Promise<ListedItem[]> {
  if (!nodeIds.length) return [];
  return ex
    .select(listedColumns)
    .from(items)
    .innerJoin(itemRevisions, eq(itemRevisions.id, items.publishedRevisionId))
    .where(and(inArray(items.status, [...LISTED_STATUSES]), inNodes(nodeIds)))
    .orderBy(desc(itemRevisions.publishedDate), desc(items.firstPublishedAt), desc(items.id))
    .limit(limit)
    .offset(offset);
}

export async function countItemsInNodes(ex: Executor, nodeIds: readonly string[]): Promise<number> {
  if (!nodeIds.length) return 0;
  const [row] = await ex
    .select({ n: count() })
    .from(items)
    .where(and(inArray(items.status, [...LISTED_STATUSES]), sql`${items.publishedRevisionId} IS NOT NULL`, inNodes(nodeIds)));
  return row?.n ?? 0;
}
