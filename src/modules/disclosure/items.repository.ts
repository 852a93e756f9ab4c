// Every query of the items service: items, their revisions, issuers, catalog links, attachments, interpretation
// links, 索引号 counters and privacy overrides. Values are always bound parameters.

import { and, asc, desc, eq, getTableColumns, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import { agencies, type Agency } from '../agencies/index.ts';
import { attachments, catalogNodes, indexNumberCounters, interpretationLinks, itemAgencies, itemCatalogNodes, itemRevisions, items } from './disclosure.tables.ts';
import { attachmentConfirmations, itemRevisionProposals, privacyOverrides } from './items.tables.ts';
import type { AttachmentRecord, ItemRecord, RevisionRecord } from './items.schema.ts';

export type ItemValues = typeof items.$inferInsert;
export type RevisionValues = typeof itemRevisions.$inferInsert;
export type AttachmentValues = typeof attachments.$inferInsert;
export type CatalogNodeRecord = typeof catalogNodes.$inferSelect;

/** What a revision proposes for the item-level tables (migrations/0011). */
export interface RevisionProposals {
  coIssuerIds: string[];
  catalogNodeIds: string[];
  interpretsItemIds: string[];
  editedBy: string[];
}

const revisionColumns = {
  ...getTableColumns(itemRevisions),
  coIssuerIds: itemRevisionProposals.coIssuerIds,
  catalogNodeIds: itemRevisionProposals.catalogNodeIds,
  interpretsItemIds: itemRevisionProposals.interpretsItemIds,
  editedBy: itemRevisionProposals.editedBy,
};

const attachmentColumns = { ...getTableColumns(attachments), privacyConfirmedAt: attachmentConfirmations.privacyConfirmedAt };

/** A uuid[] literal for ANY/&& comparisons (drizzle would expand a bare JS array into a list). */
function uuidArray(ids: readonly string[]): SQL {
  if (ids.length === 0) return sql`'{}'::uuid[]`;
  return sql`ARRAY[${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )}]::uuid[]`;
}

function first<T>(rows: T[], what: string): T {
  const row = rows[0];
  if (!row) throw new Error(`${what} returned no row`);
  return row;
}

// ---------------------------------------------------------------------------------------------------------------
// Agencies and catalog nodes (read only)
// ---------------------------------------------------------------------------------------------------------------

export async function findAgency(ex: Executor, id: string): Promise<Agency | undefined> {
  return (await ex.select().from(agencies).where(eq(agencies.id, id)).limit(1))[0];
}

export async function selectAgencies(ex: Executor, ids: readonly string[]): Promise<Agency[]> {
  if (ids.length === 0) return [];
  return ex.select().from(agencies).where(inArray(agencies.id, [...ids]));
}

export async function selectCatalogNodes(ex: Executor, ids: readonly string[]): Promise<CatalogNodeRecord[]> {
  if (ids.length === 0) return [];
  return ex.select().from(catalogNodes).where(inArray(catalogNodes.id, [...ids]));
}

// ---------------------------------------------------------------------------------------------------------------
// Items
// ---------------------------------------------------------------------------------------------------------------

export async function findItem(ex: Executor, id: string, opts: { forUpdate?: boolean } = {}): Promise<ItemRecord | undefined> {
  const q = ex.select().from(items).where(eq(items.id, id)).limit(1);
  return (await (opts.forUpdate ? q.for('update') : q))[0];
}

export async function findItemByIndexNumber(ex: Executor, indexNumber: string): Promise<ItemRecord | undefined> {
  return (await ex.select().from(items).where(eq(items.indexNumber, indexNumber)).limit(1))[0];
}

/** Locks the rows of several items in id order, so two transactions never wait for each other in a circle. */
export async function lockItems(ex: Executor, ids: readonly string[]): Promise<ItemRecord[]> {
  if (ids.length === 0) return [];
  return ex
    .select()
    .from(items)
    .where(inArray(items.id, [...ids]))
    .orderBy(asc(items.id))
    .for('update');
}

export async function insertItem(ex: Executor, values: ItemValues): Promise<ItemRecord> {
  return first(await ex.insert(items).values(values).returning(), 'insert into items');
}

/** Updates an item if its version is still `version`, bumping it; undefined when it changed meanwhile. */
export async function updateItemRow(ex: Executor, id: string, version: number, values: Partial<ItemValues>): Promise<ItemRecord | undefined> {
  const rows = await ex
    .update(items)
    .set({ ...values, version: version + 1, updatedAt: new Date() })
    .where(and(eq(items.id, id), eq(items.version, version)))
    .returning();
  return rows[0];
}

// ---------------------------------------------------------------------------------------------------------------
// Revisions
// ---------------------------------------------------------------------------------------------------------------

export async function findRevision(ex: Executor, id: string, opts: { forUpdate?: boolean } = {}): Promise<RevisionRecord | undefined> {
  const q = ex.select(revisionColumns).from(itemRevisions).where(eq(itemRevisions.id, id)).limit(1);
  return (await (opts.forUpdate ? q.for('update') : q))[0];
}

export async function selectRevisionsOfItem(ex: Executor, itemId: string): Promise<RevisionRecord[]> {
  return ex.select(revisionColumns).from(itemRevisions).where(eq(itemRevisions.itemId, itemId)).orderBy(asc(itemRevisions.revisionNo));
}

/** The draft or submitted revision of an item, if any (at most one: item_revisions_one_open_key). */
export async function findOpenRevision(ex: Executor, itemId: string): Promise<RevisionRecord | undefined> {
  return (
    await ex
      .select(revisionColumns)
      .from(itemRevisions)
      .where(and(eq(itemRevisions.itemId, itemId), inArray(itemRevisions.state, ['draft', 'submitted'])))
      .limit(1)
  )[0];
}

export async function nextRevisionNo(ex: Executor, itemId: string): Promise<number> {
  const r = await ex.select({ n: sql<number>`coalesce(max(${itemRevisions.revisionNo}), 0)::int` }).from(itemRevisions).where(eq(itemRevisions.itemId, itemId));
  return (r[0]?.n ?? 0) + 1;
}

export async function insertRevision(ex: Executor, values: RevisionValues, proposals: RevisionProposals): Promise<RevisionRecord> {
  const row = first(await ex.insert(itemRevisions).values(values).returning({ id: itemRevisions.id }), 'insert into item_revisions');
  await ex.update(itemRevisionProposals).set(proposals).where(eq(itemRevisionProposals.id, row.id));
  const created = await findRevision(ex, row.id);
  if (!created) throw new Error('inserted revision not found');
  return created;
}

/** Updates a revision if its version is still `version`, bumping it; undefined when it changed meanwhile. */
export async function updateRevisionRow(
  ex: Executor,
  id: string,
  version: number,
  values: Partial<RevisionValues>,
  proposals: Partial<RevisionProposals> = {},
): Promise<RevisionRecord | undefined> {
  const rows = await ex
    .update(itemRevisions)
    .set({ ...values, version: version + 1, updatedAt: new Date() })
    .where(and(eq(itemRevisions.id, id), eq(itemRevisions.version, version)))
    .returning({ id: itemRevisions.id });
  if (!rows[0]) return undefined;
  if (Object.keys(proposals).length > 0) await ex.update(itemRevisionProposals).set(proposals).where(eq(itemRevisionProposals.id, id));
  return findRevision(ex, id);
}

/** Another item whose current (open or published) revision carries the same 发文字号. */
export async function findDocumentNumberHolder(ex: Executor, docKey: string, exceptItemId: string | null): Promise<{ itemId: string; title: string } | undefined> {
  const conditions = [eq(itemRevisions.docKey, docKey), inArray(itemRevisions.state, ['draft', 'submitted', 'published'])];
  if (exceptItemId) conditions.push(sql`${itemRevisions.itemId} <> ${exceptItemId}`);
  return (
    await ex
      .select({ itemId: itemRevisions.itemId, title: itemRevisions.title })
      .from(itemRevisions)
      .where(and(...conditions))
      .limit(1)
  )[0];
}

// ---------------------------------------------------------------------------------------------------------------
// Item-level links: issuers (联合发文), catalog nodes, interpretations — the public state
// ---------------------------------------------------------------------------------------------------------------

export async function replaceItemAgencies(ex: Executor, itemId: string, leadId: string, coIssuerIds: readonly string[]): Promise<void> {
  await ex.delete(itemAgencies).where(eq(itemAgencies.itemId, itemId));
  const rows = [{ itemId, agencyId: leadId, isLead: true }, ...coIssuerIds.filter((id) => id !== leadId).map((agencyId) => ({ itemId, agencyId, isLead: false }))];
  await ex.insert(itemAgencies).values(rows);
}

export async function replaceItemCatalogNodes(ex: Executor, itemId: string, nodeIds: readonly string[]): Promise<void> {
  await ex.delete(itemCatalogNodes).where(eq(itemCatalogNodes.itemId, itemId));
  if (nodeIds.length > 0) await ex.insert(itemCatalogNodes).values([...new Set(nodeIds)].map((nodeId) => ({ itemId, nodeId })));
}

/** The policies an interpretation links to; links kept when unchanged (their created_at is when they were made). */
export async function replaceInterpretationLinks(ex: Executor, interpretationItemId: string, policyItemIds: readonly string[]): Promise<void> {
  const wanted = [...new Set(policyItemIds)];
  const current = await ex.select({ policyItemId: interpretationLinks.policyItemId }).from(interpretationLinks).where(eq(interpretationLinks.interpretationItemId, interpretationItemId));
  const stale = current.map((c) => c.policyItemId).filter((id) => !wanted.includes(id));
  if (stale.length > 0) await ex.delete(interpretationLinks).where(and(eq(interpretationLinks.interpretationItemId, interpretationItemId), inArray(interpretationLinks.policyItemId, stale)));
  const fresh = wanted.filter((id) => !current.some((c) => c.policyItemId === id));
  if (fresh.length > 0) await ex.insert(interpretationLinks).values(fresh.map((policyItemId) => ({ interpretationItemId, policyItemId })));
}

export interface IssuerRow {
  agencyId: string;
  code: string;
  name: string;
  shortName: string;
  isLead: boolean;
}

export async function selectIssuers(ex: Executor, itemId: string): Promise<IssuerRow[]> {
  return ex
    .select({ agencyId: agencies.id, code: agencies.code, name: agencies.name, shortName: agencies.shortName, isLead: itemAgencies.isLead })
    .from(itemAgencies)
    .innerJoin(agencies, eq(agencies.id, itemAgencies.agencyId))
    .where(eq(itemAgencies.itemId, itemId))
    .orderBy(desc(itemAgencies.isLead), asc(agencies.sortOrder), asc(agencies.name));
}

export async function selectItemNodes(ex: Executor, itemId: string): Promise<{ id: string; agencyId: string; name: string }[]> {
  return ex
    .select({ id: catalogNodes.id, agencyId: catalogNodes.agencyId, name: catalogNodes.name })
    .from(itemCatalogNodes)
    .innerJoin(catalogNodes, eq(catalogNodes.id, itemCatalogNodes.nodeId))
    .where(eq(itemCatalogNodes.itemId, itemId))
    .orderBy(asc(catalogNodes.sortOrder), asc(catalogNodes.name));
}

export interface LinkedItemRow {
  itemId: string;
  indexNumber: string | null;
  status: ItemRecord['status'];
  validity: ItemRecord['validity'];
  title: string;
  genre: string;
  interpretationForm: string | null;
  publishedDate: string | null;
}

const linkedColumns = {
  itemId: items.id,
  indexNumber: items.indexNumber,
  status: items.status,
  validity: items.validity,
  title: itemRevisions.title,
  genre: itemRevisions.genre,
  interpretationForm: itemRevisions.interpretationForm,
  publishedDate: itemRevisions.publishedDate,
};

/** Public (published or withdrawn) interpretations of a policy, newest first. */
export async function selectPublicInterpretationsOf(ex: Executor, policyItemId: string): Promise<LinkedItemRow[]> {
  return ex
    .select(linkedColumns)
    .from(interpretationLinks)
    .innerJoin(items, eq(items.id, interpretationLinks.interpretationItemId))
    .innerJoin(itemRevisions, eq(itemRevisions.id, items.publishedRevisionId))
    .where(and(eq(interpretationLinks.policyItemId, policyItemId), inArray(items.status, ['published', 'withdrawn'])))
    .orderBy(desc(itemRevisions.publishedDate));
}

/** Public policies an interpretation explains. */
export async function selectPublicPoliciesOf(ex: Executor, interpretationItemId: string): Promise<LinkedItemRow[]> {
  return ex
    .select(linkedColumns)
    .from(interpretationLinks)
    .innerJoin(items, eq(items.id, interpretationLinks.policyItemId))
    .innerJoin(itemRevisions, eq(itemRevisions.id, items.publishedRevisionId))
    .where(and(eq(interpretationLinks.interpretationItemId, interpretationItemId), inArray(items.status, ['published', 'withdrawn'])))
    .orderBy(desc(itemRevisions.publishedDate));
}

/** Items by id with their current title (open revision first, else the published one), for the console. */
export async function selectItemTitles(ex: Executor, ids: readonly string[]): Promise<{ itemId: string; title: string; status: ItemRecord['status']; indexNumber: string | null }[]> {
  if (ids.length === 0) return [];
  const r = await ex.execute<{ itemId: string; title: string; status: ItemRecord['status']; indexNumber: string | null }>(sql`
    SELECT i.id AS "itemId", i.status, i.index_number AS "indexNumber",
           (SELECT r.title FROM item_revisions r WHERE r.item_id = i.id
             ORDER BY (r.id = i.published_revision_id) DESC, r.revision_no DESC LIMIT 1) AS title
      FROM items i WHERE i.id = ANY(${uuidArray(ids)})`);
  return r.rows;
}

/** Revisions ready to go out with a policy: 政策解读 submitted with 保密审查 confirmed, proposing a link to it. */
export async function selectReadyInterpretations(ex: Executor, policyItemId: string): Promise<RevisionRecord[]> {
  return ex
    .select(revisionColumns)
    .from(itemRevisions)
    .where(
      and(
        eq(itemRevisions.genre, 'interpretation'),
        eq(itemRevisions.state, 'submitted'),
        isNotNull(itemRevisions.secrecyCheckedAt),
        sql`${policyItemId}::uuid = ANY(${itemRevisionProposals.interpretsItemIds})`,
      ),
    )
    .orderBy(asc(itemRevisions.createdAt));
}

/** Every number registered as an agency contact (办公电话, 传真): public by law, never a finding of the gate. */
export async function selectAgencyContactNumbers(ex: Executor): Promise<string[]> {
  const rows = await ex.select({ phone: agencies.officePhone, fax: agencies.officeFax }).from(agencies);
  return [...new Set(rows.flatMap((r) => [r.phone, r.fax]).filter((n): n is string => !!n && /\d{3,}/.test(n)))];
}

/** Unpublished interpretations (draft or 待审核) that propose to explain a policy: what publishes with it. */
export async function selectOpenInterpretationsOf(ex: Executor, policyItemId: string): Promise<{ itemId: string; title: string; state: string; secrecyChecked: boolean }[]> {
  const rows = await ex
    .select({ itemId: itemRevisions.itemId, title: itemRevisions.title, state: itemRevisions.state, secrecyCheckedAt: itemRevisions.secrecyCheckedAt })
    .from(itemRevisions)
    .where(and(eq(itemRevisions.genre, 'interpretation'), inArray(itemRevisions.state, ['draft', 'submitted']), sql`${policyItemId}::uuid = ANY(${itemRevisionProposals.interpretsItemIds})`))
    .orderBy(asc(itemRevisions.createdAt));
  return rows.map((r) => ({ itemId: r.itemId, title: r.title, state: r.state, secrecyChecked: r.secrecyCheckedAt !== null }));
}

export type PolicyWithoutInterpretationRow = {
  itemId: string;
  indexNumber: string | null;
  title: string;
  genre: string;
  documentNumber: string | null;
  publishedDate: string | null;
  isMajorPolicy: boolean;
  interpretationException: string | null;
  /** an interpretation is drafted (open revision linking to it) but not yet published */
  hasDraftInterpretation: boolean;
};

/** Public policies of an agency that no public interpretation links to; 重大政策 first, then newest. */
export async function selectPoliciesWithoutInterpretation(ex: Executor, agencyId: string, policyGenres: readonly string[]): Promise<PolicyWithoutInterpretationRow[]> {
  const r = await ex.execute<PolicyWithoutInterpretationRow>(sql`
    SELECT i.id AS "itemId", i.index_number AS "indexNumber", r.title, r.genre, r.document_number AS "documentNumber",
           r.published_date AS "publishedDate", r.is_major_policy AS "isMajorPolicy",
           r.interpretation_exception AS "interpretationException",
           EXISTS (SELECT 1 FROM item_revisions d
                    WHERE d.genre = 'interpretation' AND d.state IN ('draft', 'submitted')
                      AND i.id = ANY(d.interprets_item_ids)) AS "hasDraftInterpretation"
      FROM items i
      JOIN item_revisions r ON r.id = i.published_revision_id
     WHERE i.agency_id = ${agencyId}
       AND i.status = 'published'
       AND (r.is_major_policy OR r.genre IN (${sql.join(
         policyGenres.map((g) => sql`${g}`),
         sql`, `,
       )}))
       AND NOT EXISTS (SELECT 1 FROM interpretation_links l JOIN items x ON x.id = l.interpretation_item_id
                        WHERE l.policy_item_id = i.id AND x.status IN ('published', 'withdrawn'))
     ORDER BY r.is_major_policy DESC, r.published_date DESC, i.id`);
  return r.rows;
}

// ---------------------------------------------------------------------------------------------------------------
// 索引号
// ---------------------------------------------------------------------------------------------------------------

/**
 * The next 索引号 sequence of an agency and year. The upsert takes the counter row's lock, so concurrent
 * publications queue and never share a number; a number is never handed out twice, even after an unpublish.
 */
export async function nextIndexSequence(ex: Executor, agencyId: string, year: number): Promise<number> {
  const rows = await ex
    .insert(indexNumberCounters)
    .values({ agencyId, year, lastSeq: 1 })
    .onConflictDoUpdate({ target: [indexNumberCounters.agencyId, indexNumberCounters.year], set: { lastSeq: sql`${indexNumberCounters.lastSeq} + 1` } })
    .returning({ lastSeq: indexNumberCounters.lastSeq });
  return first(rows, 'index number counter').lastSeq;
}

// ---------------------------------------------------------------------------------------------------------------
// Attachments
// ---------------------------------------------------------------------------------------------------------------

export async function selectAttachments(ex: Executor, revisionId: string): Promise<AttachmentRecord[]> {
  return ex.select(attachmentColumns).from(attachments).where(eq(attachments.revisionId, revisionId)).orderBy(asc(attachments.sortOrder), asc(attachments.createdAt));
}

export async function selectAttachmentsOfRevisions(ex: Executor, revisionIds: readonly string[]): Promise<AttachmentRecord[]> {
  if (revisionIds.length === 0) return [];
  return ex
    .select(attachmentColumns)
    .from(attachments)
    .where(inArray(attachments.revisionId, [...revisionIds]))
    .orderBy(asc(attachments.sortOrder), asc(attachments.createdAt));
}

export async function findAttachment(ex: Executor, id: string): Promise<AttachmentRecord | undefined> {
  return (await ex.select(attachmentColumns).from(attachments).where(eq(attachments.id, id)).limit(1))[0];
}

export async function insertAttachment(ex: Executor, values: AttachmentValues): Promise<AttachmentRecord> {
  const row = first(await ex.insert(attachments).values(values).returning({ id: attachments.id }), 'insert into attachments');
  const created = await findAttachment(ex, row.id);
  if (!created) throw new Error('inserted attachment not found');
  return created;
}

export async function nextAttachmentSortOrder(ex: Executor, revisionId: string): Promise<number> {
  const r = await ex.select({ n: sql<number>`coalesce(max(${attachments.sortOrder}), -1)::int` }).from(attachments).where(eq(attachments.revisionId, revisionId));
  return (r[0]?.n ?? -1) + 1;
}

/** Removes an attachment row of a draft revision (the stored file stays: older revisions may use it). */
export async function deleteAttachmentRow(ex: Executor, id: string): Promise<void> {
  await ex.delete(attachments).where(eq(attachments.id, id));
}

/** Copies a revision's attachment rows onto a new revision (same stored files, same confirmations). */
export async function copyAttachments(ex: Executor, fromRevisionId: string, toRevisionId: string): Promise<void> {
  await ex.execute(sql`
    INSERT INTO attachments (item_id, revision_id, filename, mime, size_bytes, sha256, storage_key, text_extracted,
                             privacy_confirmed_by, privacy_confirmed_at, sort_order)
    SELECT item_id, ${toRevisionId}, filename, mime, size_bytes, sha256, storage_key, text_extracted,
           privacy_confirmed_by, privacy_confirmed_at, sort_order
      FROM attachments WHERE revision_id = ${fromRevisionId}
     ORDER BY sort_order, created_at`);
}

export async function confirmAttachmentRow(ex: Executor, id: string, userId: string | null, at: Date): Promise<void> {
  await ex.update(attachmentConfirmations).set({ privacyConfirmedBy: userId, privacyConfirmedAt: at }).where(eq(attachmentConfirmations.id, id));
}

// ---------------------------------------------------------------------------------------------------------------
// Privacy overrides
// ---------------------------------------------------------------------------------------------------------------

export type PrivacyOverrideRow = typeof privacyOverrides.$inferSelect;

export async function selectPrivacyOverrides(ex: Executor, entityType: string, entityId: string): Promise<PrivacyOverrideRow[]> {
  return ex
    .select()
    .from(privacyOverrides)
    .where(and(eq(privacyOverrides.entityType, entityType), eq(privacyOverrides.entityId, entityId)))
    .orderBy(asc(privacyOverrides.id));
}

/** Records (or re-words) the reason a finding is kept. */
export async function upsertPrivacyOverride(ex: Executor, values: typeof privacyOverrides.$inferInsert): Promise<PrivacyOverrideRow> {
  const rows = await ex
    .insert(privacyOverrides)
    .values(values)
    .onConflictDoUpdate({
      target: [privacyOverrides.entityType, privacyOverrides.entityId, privacyOverrides.findingType, privacyOverrides.textHash],
      set: { reason: values.reason, masked: values.masked, actorId: values.actorId ?? null, actorLabel: values.actorLabel, at: new Date() },
    })
    .returning();
  return first(rows, 'upsert privacy override');
}

// ---------------------------------------------------------------------------------------------------------------
// Console reads
// ---------------------------------------------------------------------------------------------------------------

export interface Scope {
  agencyId: string;
  includeSubtree: boolean;
}

/** agency rows reachable through any of the scopes (the policy's grantCovers, in SQL). */
function scopeCondition(scopes: readonly Scope[]): SQL {
  const direct = scopes.map((s) => s.agencyId);
  const subtree = scopes.filter((s) => s.includeSubtree).map((s) => s.agencyId);
  return sql`(${agencies.id} = ANY(${uuidArray(direct)}) OR ${agencies.ancestors} && ${uuidArray(subtree)})`;
}

export interface ConsoleItemRow {
  itemId: string;
  agencyId: string;
  agencyName: string;
  indexNumber: string | null;
  status: ItemRecord['status'];
  validity: ItemRecord['validity'];
  itemVersion: number;
  /** the open revision if there is one, else the published one */
  revisionId: string;
  revisionState: RevisionRecord['state'];
  revisionVersion: number;
  revisionNo: number;
  title: string;
  documentNumber: string | null;
  genre: string;
  writtenDate: string;
  publishedDate: string | null;
  updatedAt: Date;
}

export interface ConsoleQuery {
  scopes: readonly Scope[];
  agencyId?: string | undefined;
  state?: 'draft' | 'submitted' | 'published' | 'withdrawn' | 'unpublished' | 'revoked' | undefined;
  genre?: string | undefined;
  q?: string | undefined;
  limit: number;
  offset: number;
}

/** Items in the actor's scopes, each with its current revision (open first), newest change first. */
export async function selectConsoleItems(ex: Executor, query: ConsoleQuery): Promise<{ total: number; rows: ConsoleItemRow[] }> {
  const current = sql`(SELECT r2.id FROM item_revisions r2 WHERE r2.item_id = ${items.id}
                        ORDER BY (r2.state IN ('draft', 'submitted')) DESC, (r2.id = ${items.publishedRevisionId}) DESC, r2.revision_no DESC LIMIT 1)`;
  const conditions: SQL[] = [scopeCondition(query.scopes), sql`${itemRevisions.id} = ${current}`];
  if (query.agencyId) conditions.push(sql`${items.agencyId} = ${query.agencyId}`);
  if (query.genre) conditions.push(sql`${itemRevisions.genre} = ${query.genre}`);
  switch (query.state) {
    case undefined:
      break;
    case 'draft':
    case 'submitted':
      conditions.push(sql`${itemRevisions.state} = ${query.state}`);
      break;
    case 'published':
    case 'withdrawn':
    case 'unpublished':
      conditions.push(sql`${items.status} = ${query.state}`);
      break;
    case 'revoked':
      conditions.push(sql`${items.validity} <> 'valid'`);
      break;
    default: {
      const unreachable: never = query.state;
      return unreachable;
    }
  }
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(sql`(${itemRevisions.title} ILIKE ${like} OR ${itemRevisions.documentNumber} ILIKE ${like} OR ${items.indexNumber} ILIKE ${like})`);
  }
  const where = and(...conditions);
  const base = ex
    .select({
      itemId: items.id,
      agencyId: items.agencyId,
      agencyName: agencies.name,
      indexNumber: items.indexNumber,
      status: items.status,
      validity: items.validity,
      itemVersion: items.version,
      revisionId: itemRevisions.id,
      revisionState: itemRevisions.state,
      revisionVersion: itemRevisions.version,
      revisionNo: itemRevisions.revisionNo,
      title: itemRevisions.title,
      documentNumber: itemRevisions.documentNumber,
      genre: itemRevisions.genre,
      writtenDate: itemRevisions.writtenDate,
      publishedDate: itemRevisions.publishedDate,
      updatedAt: itemRevisions.updatedAt,
    })
    .from(items)
    .innerJoin(agencies, eq(agencies.id, items.agencyId))
    .innerJoin(itemRevisions, eq(itemRevisions.itemId, items.id))
    .where(where);
  const rows = await base.orderBy(desc(itemRevisions.updatedAt), asc(items.id)).limit(query.limit).offset(query.offset);
  const totalRows = await ex
    .select({ n: sql<number>`count(*)::int` })
    .from(items)
    .innerJoin(agencies, eq(agencies.id, items.agencyId))
    .innerJoin(itemRevisions, eq(itemRevisions.itemId, items.id))
    .where(where);
  return { total: totalRows[0]?.n ?? 0, rows };
}

export interface BoardRow {
  itemId: string;
  itemStatus: ItemRecord['status'];
  revisionId: string;
  revisionNo: number;
  state: RevisionRecord['state'];
  title: string;
  genre: string;
  writtenDate: string;
  /** when the revision was opened, Asia/Shanghai: the 变更之日 of a revision of a published item */
  openedDate: string;
  submittedAt: Date | null;
  secrecyCheckedAt: Date | null;
}

/** Open (draft or submitted) 主动公开 revisions of an agency's items. */
export async function selectBoardRevisions(ex: Executor, agencyId: string): Promise<BoardRow[]> {
  return ex
    .select({
      itemId: items.id,
      itemStatus: items.status,
      revisionId: itemRevisions.id,
      revisionNo: itemRevisions.revisionNo,
      state: itemRevisions.state,
      title: itemRevisions.title,
      genre: itemRevisions.genre,
      writtenDate: itemRevisions.writtenDate,
      openedDate: sql<string>`to_char(${itemRevisions.createdAt} AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`,
      submittedAt: itemRevisions.submittedAt,
      secrecyCheckedAt: itemRevisions.secrecyCheckedAt,
    })
    .from(itemRevisions)
    .innerJoin(items, eq(items.id, itemRevisions.itemId))
    .where(and(eq(items.agencyId, agencyId), inArray(itemRevisions.state, ['draft', 'submitted']), eq(itemRevisions.disclosureMode, 'proactive')));
}

export interface HistoryRow {
  revisionNo: number;
  publishedDate: string | null;
  publishedAt: Date | null;
  changeNote: string | null;
  isMinorChange: boolean;
}

/** The public revisions of an item, oldest first. */
export async function selectPublicHistory(ex: Executor, itemId: string): Promise<HistoryRow[]> {
  return ex
    .select({
      revisionNo: itemRevisions.revisionNo,
      publishedDate: itemRevisions.publishedDate,
      publishedAt: itemRevisions.publishedAt,
      changeNote: itemRevisions.changeNote,
      isMinorChange: itemRevisions.isMinorChange,
    })
    .from(itemRevisions)
    .where(and(eq(itemRevisions.itemId, itemId), inArray(itemRevisions.state, ['published', 'superseded']), isNotNull(itemRevisions.publishedAt)))
    .orderBy(asc(itemRevisions.revisionNo));
}

/** Row counts of every table the items service writes (tests prove a refusal wrote nothing). */
export async function countRows(ex: Executor): Promise<Record<string, number>> {
  const r = await ex.execute<Record<string, number>>(sql`
    SELECT (SELECT count(*) FROM items)::int AS items,
           (SELECT count(*) FROM item_revisions)::int AS revisions,
           (SELECT count(*) FROM item_agencies)::int AS "itemAgencies",
           (SELECT count(*) FROM item_catalog_nodes)::int AS "itemNodes",
           (SELECT count(*) FROM attachments)::int AS attachments,
           (SELECT count(*) FROM interpretation_links)::int AS "interpretationLinks",
           (SELECT count(*) FROM privacy_overrides)::int AS "privacyOverrides",
           (SELECT count(*) FROM index_number_counters)::int AS counters,
           (SELECT count(*) FROM audit_log)::int AS audit`);
  return r.rows[0] ?? {};
}
