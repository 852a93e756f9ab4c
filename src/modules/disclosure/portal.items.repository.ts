// Reads behind the public item page, the feeds and the sitemap: straight from the items tables (the items
// service owns every write). Only items whose URL answers 200 (published, withdrawn) are listed anywhere.

import { and, asc, count, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
// the table, not the agencies index: see catalog.repository.ts
import { agencies } from '../agencies/agencies.tables.ts';
import { LISTED_STATUSES } from './catalog.repository.ts';
import { attachments, catalogNodes, interpretationLinks, itemAgencies, itemCatalogNodes, itemRevisions, items } from './disclosure.tables.ts';

export type ItemRow = typeof items.$inferSelect;
export type RevisionRow = typeof itemRevisions.$inferSelect;

export async function findItemByIndexNumber(ex: Executor, indexNumber: string): Promise<ItemRow | undefined> {
  const [row] = await ex.select().from(items).where(eq(items.indexNumber, indexNumber)).limit(1);
  return row;
}

export async function findRevisionById(ex: Executor, id: string): Promise<RevisionRow | undefined> {
  const [row] = await ex.select().from(itemRevisions).where(eq(itemRevisions.id, id)).limit(1);
  return row;
}

export interface Issuer {
  code: string;
  name: string;
  shortName: string;
  isLead: boolean;
}

/** 联合发文: every issuer, the lead first. Falls back to the owning agency when none is recorded. */
export async function selectIssuers(ex: Executor, item: Pick<ItemRow, 'id' | 'agencyId'>): Promise<Issuer[]> {
  const rows = await ex
    .select({ code: agencies.code, name: agencies.name, shortName: agencies.shortName, isLead: itemAgencies.isLead })
    .from(itemAgencies)
    .innerJoin(agencies, eq(agencies.id, itemAgencies.agencyId))
    .where(eq(itemAgencies.itemId, item.id))
    .orderBy(desc(itemAgencies.isLead), asc(agencies.sortOrder), asc(agencies.name));
  if (rows.length) return rows;
  const owner = await ex.select({ code: agencies.code, name: agencies.name, shortName: agencies.shortName }).from(agencies).where(eq(agencies.id, item.agencyId)).limit(1);
  return owner.map((o) => ({ ...o, isLead: true }));
}

/** Revisions that were public (published or since superseded), oldest first: the change history. */
export async function selectPublicRevisions(ex: Executor, itemId: string) {
  return ex
    .select({ revisionNo: itemRevisions.revisionNo, publishedDate: itemRevisions.publishedDate, publishedAt: itemRevisions.publishedAt, changeNote: itemRevisions.changeNote, isMinorChange: itemRevisions.isMinorChange })
    .from(itemRevisions)
    .where(and(eq(itemRevisions.itemId, itemId), inArray(itemRevisions.state, ['published', 'superseded'])))
    .orderBy(asc(itemRevisions.revisionNo));
}

export async function selectAttachments(ex: Executor, revisionId: string) {
  return ex
    .select({ id: attachments.id, filename: attachments.filename, mime: attachments.mime, sizeBytes: attachments.sizeBytes })
    .from(attachments)
    .where(eq(attachments.revisionId, revisionId))
    .orderBy(asc(attachments.sortOrder), asc(attachments.createdAt));
}

/** A listed item as a link target (interpretations, replacing item). */
export interface LinkedItem {
  indexNumber: string;
  title: string;
  publishedDate: string;
  validity: 'valid' | 'expired' | 'repealed';
  interpretationForm: string | null;
}

const linkedColumns = {
  indexNumber: sql<string>`${items.indexNumber}`,
  title: itemRevisions.title,
  publishedDate: sql<string>`${itemRevisions.publishedDate}`,
  validity: items.validity,
  interpretationForm: itemRevisions.interpretationForm,
};

async function selectLinked(ex: Executor, ids: readonly string[]): Promise<LinkedItem[]> {
  if (!ids.length) return [];
  return ex
    .select(linkedColumns)
    .from(items)
    .innerJoin(itemRevisions, eq(itemRevisions.id, items.publishedRevisionId))
    .where(and(inArray(items.id, [...ids]), inArray(items.status, [...LISTED_STATUSES])))
    .orderBy(desc(itemRevisions.publishedDate), asc(itemRevisions.title));
}

/** The listed interpretations of a policy. */
export async function selectInterpretationsOf(ex: Executor, policyItemId: string): Promise<LinkedItem[]> {
  const links = await ex.select({ id: interpretationLinks.interpretationItemId }).from(interpretationLinks).where(eq(interpretationLinks.policyItemId, policyItemId));
  return selectLinked(
    ex,
    links.map((l) => l.id),
  );
}

/** The listed policies an interpretation explains. */
export async function selectPoliciesInterpretedBy(ex: Executor, interpretationItemId: string): Promise<LinkedItem[]> {
  const links = await ex.select({ id: interpretationLinks.policyItemId }).from(interpretationLinks).where(eq(interpretationLinks.interpretationItemId, interpretationItemId));
  return selectLinked(
    ex,
    links.map((l) => l.id),
  );
}

export async function findLinkedItem(ex: Executor, id: string): Promise<LinkedItem | undefined> {
  return (await selectLinked(ex, [id]))[0];
}

/** The columns an item is filed in that the portal shows (not retired), with their agency's code. */
export async function selectItemColumns(ex: Executor, itemId: string) {
  return ex
    .select({ id: catalogNodes.id, name: catalogNodes.name, agencyCode: agencies.code, parentId: catalogNodes.parentId })
    .from(itemCatalogNodes)
    .innerJoin(catalogNodes, eq(catalogNodes.id, itemCatalogNodes.nodeId))
    .innerJoin(agencies, eq(agencies.id, catalogNodes.agencyId))
    .where(and(eq(itemCatalogNodes.itemId, itemId), isNull(catalogNodes.retiredAt)))
    .orderBy(asc(catalogNodes.sortOrder));
}

// ---------- feeds ----------

export interface FeedRow {
  itemId: string;
  indexNumber: string;
  title: string;
  summary: string | null;
  bodyHtml: string;
  documentNumber: string | null;
  genre: string;
  publishedDate: string;
  publishedAt: Date | null;
  firstPublishedAt: Date | null;
  agencyName: string;
}

const feedColumns = {
  itemId: items.id,
  indexNumber: sql<string>`${items.indexNumber}`,
  title: itemRevisions.title,
  summary: itemRevisions.summary,
  bodyHtml: itemRevisions.bodyHtml,
  documentNumber: itemRevisions.documentNumber,
  genre: itemRevisions.genre,
  publishedDate: sql<string>`${itemRevisions.publishedDate}`,
  publishedAt: itemRevisions.publishedAt,
  firstPublishedAt: items.firstPublishedAt,
  agencyName: agencies.name,
};

/**
 * The newest published items (withdrawn ones are no longer current and leave feeds) matching `where`,
 * by 发布日期 then first publication.
 */
async function selectFeedRows(ex: Executor, where: ReturnType<typeof sql>, limit: number): Promise<FeedRow[]> {
  return ex
    .select(feedColumns)
    .from(items)
    .innerJoin(itemRevisions, eq(itemRevisions.id, items.publishedRevisionId))
    .innerJoin(agencies, eq(agencies.id, items.agencyId))
    .where(and(eq(items.status, 'published'), where))
    .orderBy(desc(itemRevisions.publishedDate), desc(items.firstPublishedAt), desc(items.id))
    .limit(limit);
}

/** Items an agency issued: it owns them or is one of their issuers (联合发文). */
export async function selectAgencyFeedRows(ex: Executor, agencyId: string, limit: number): Promise<FeedRow[]> {
  const issued = or(eq(items.agencyId, agencyId), sql`${items.id} IN (SELECT ${itemAgencies.itemId} FROM ${itemAgencies} WHERE ${itemAgencies.agencyId} = ${agencyId})`);
  return selectFeedRows(ex, sql`${issued}`, limit);
}

export async function selectNodeFeedRows(ex: Executor, nodeIds: readonly string[], limit: number): Promise<FeedRow[]> {
  if (!nodeIds.length) return [];
  return selectFeedRows(ex, sql`${items.id} IN (SELECT ${itemCatalogNodes.itemId} FROM ${itemCatalogNodes} WHERE ${inArray(itemCatalogNodes.nodeId, [...nodeIds])})`, limit);
}

// ---------- sitemap ----------

export async function countListedItems(ex: Executor): Promise<number> {
  const [row] = await ex.select({ n: count() }).from(items).where(inArray(items.status, [...LISTED_STATUSES]));
  return row?.n ?? 0;
}

/** Listed items by 索引号 (a stable order for paging), with when each last changed. */
export async function selectListedItemUrls(ex: Executor, limit: number, offset: number): Promise<{ indexNumber: string; updatedAt: Date }[]> {
  return ex
    .select({ indexNumber: sql<string>`${items.indexNumber}`, updatedAt: items.updatedAt })
    .from(items)
    .where(inArray(items.status, [...LISTED_STATUSES]))
    .orderBy(asc(items.indexNumber))
    .limit(limit)
    .offset(offset);
}
