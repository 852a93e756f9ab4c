// Test factories for the catalog and the public pages. Items are built with direct inserts (no policy, no audit)
// until the items module's own factories exist; each call makes its own rows, so tests share nothing.

import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Actor, RoleGrant } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { createTestAgency } from '../agencies/agencies.testing.ts';
import type { Agency, NewAgency } from '../agencies/index.ts';
import { createTestUser } from '../staff/staff.testing.ts';
import { ensureCatalog } from './catalog.setup.ts';
import type { CatalogNode } from './catalog.schema.ts';
import { selectNodes } from './catalog.repository.ts';
import { attachments, interpretationLinks, itemAgencies, itemCatalogNodes, itemRevisions, items, type ItemStatus, type Validity } from './disclosure.tables.ts';

/** An agency with its standard catalog; `nodes` by template key. */
export async function createTestCatalogAgency(db: Db, overrides: Partial<NewAgency> = {}): Promise<{ agency: Agency; nodes: Map<string, CatalogNode> }> {
  const agency = await createTestAgency(db, overrides);
  await db.transaction((tx) => ensureCatalog(tx, agency.id, { system: 'test' }));
  const nodes = await selectNodes(db, agency.id);
  return { agency, nodes: new Map(nodes.filter((n) => n.templateKey).map((n) => [n.templateKey as string, n])) };
}

/** The template node of `key`; throws if the factory's agency lacks it. */
export function templateNode(nodes: Map<string, CatalogNode>, key: string): CatalogNode {
  const n = nodes.get(key);
  if (!n) throw new Error(`template node ${key} missing`);
  return n;
}

/** A real user (catalog_changes.actor_id references users) holding `grants`, as an Actor. */
export async function createTestCatalogActor(db: Db, grants: { role: RoleGrant['role']; agency: Agency; includeSubtree?: boolean }[]): Promise<Actor> {
  const g: RoleGrant[] = grants.map((x) => ({ role: x.role, agencyId: x.agency.id, includeSubtree: x.includeSubtree ?? true }));
  const user = await createTestUser(db, { grants: g });
  return { userId: user.id, username: user.username, name: user.name, grants: g };
}

let sequence = Math.floor(Math.random() * 50_000);

export interface TestListedItemOptions {
  agency: Agency;
  /** 联合发文: the other issuers, after the lead */
  coIssuers?: Agency[];
  nodeIds?: string[];
  title?: string;
  documentNumber?: string | null;
  writtenDate?: string;
  publishedDate?: string;
  publishedAt?: Date;
  subject?: string;
  genre?: string;
  summary?: string | null;
  bodyHtml?: string;
  status?: ItemStatus;
  withdrawnAt?: Date;
  withdrawalNotice?: string;
  unpublishedAt?: Date;
  unpublishReason?: string;
  validity?: Validity;
  validityDate?: string;
  validityReason?: string;
  replacedByItemId?: string;
  /** earlier public revisions, oldest first; the current one gets `changeNote` */
  earlier?: { publishedDate: string; publishedAt?: Date; title?: string }[];
  changeNote?: string | null;
  isMinorChange?: boolean;
  attachments?: { filename: string; mime: string; sizeBytes: number }[];
  interpretationForm?: string | null;
}

export interface TestListedItem {
  id: string;
  indexNumber: string;
  revisionId: string;
  title: string;
}

/** A public item (published unless `status` says otherwise) with its published revision, issuers and columns. */
export async function createTestListedItem(db: Db, o: TestListedItemOptions): Promise<TestListedItem> {
  sequence = (sequence % 99_998) + 1;
  const publishedDate = o.publishedDate ?? '2024-03-05';
  const writtenDate = o.writtenDate ?? (publishedDate < '2024-03-01' ? publishedDate : '2024-03-01');
  const year = writtenDate.slice(0, 4);
  const indexNumber = `${o.agency.creditCode}/${year}-${String(sequence).padStart(5, '0')}`;
  const title = o.title ?? `测试信息${randomBytes(3).toString('hex')}`;
  const status = o.status ?? 'published';
  const publishedAt = o.publishedAt ?? new Date(`${publishedDate}T10:00:00+08:00`);
  return db.transaction(async (tx) => {
    const [item] = await tx
      .insert(items)
      .values({
        agencyId: o.agency.id,
        indexNumber,
        status,
        firstPublishedAt: o.earlier?.[0] ? (o.earlier[0].publishedAt ?? new Date(`${o.earlier[0].publishedDate}T10:00:00+08:00`)) : publishedAt,
        validity: o.validity ?? 'valid',
        validityDate: o.validityDate ?? null,
        validityReason: o.validityReason ?? null,
        replacedByItemId: o.replacedByItemId ?? null,
        withdrawnAt: status === 'withdrawn' ? (o.withdrawnAt ?? new Date('2024-04-01T09:00:00+08:00')) : null,
        withdrawalNotice: status === 'withdrawn' ? (o.withdrawalNotice ?? '该信息已不再适用。') : null,
        unpublishedAt: status === 'unpublished' ? (o.unpublishedAt ?? new Date('2024-04-02T09:00:00+08:00')) : null,
        unpublishReason: status === 'unpublished' ? (o.unpublishReason ?? '误发布。') : null,
      })
      .returning();
    if (!item) throw new Error('insert item failed');
    const base = {
      itemId: item.id,
      documentNumber: o.documentNumber === undefined ? null : o.documentNumber,
      writtenDate,
      subject: o.subject ?? 'general_affairs.openness',
      genre: o.genre ?? 'notice',
      summary: o.summary ?? null,
      bodyHtml: o.bodyHtml ?? '<p>正文。</p>',
      secrecyCheckedAt: publishedAt,
      interpretationForm: o.interpretationForm ?? null,
    };
    let no = 0;
    for (const e of o.earlier ?? []) {
      no++;
      await tx.insert(itemRevisions).values({ ...base, revisionNo: no, state: 'superseded', title: e.title ?? title, publishedDate: e.publishedDate, publishedAt: e.publishedAt ?? new Date(`${e.publishedDate}T10:00:00+08:00`), changeNote: no === 1 ? null : '修订', isMinorChange: false });
    }
    no++;
    const [rev] = await tx
      .insert(itemRevisions)
      .values({ ...base, revisionNo: no, state: 'published', title, publishedDate, publishedAt, changeNote: o.changeNote ?? (no > 1 && !o.isMinorChange ? '修订' : null), isMinorChange: o.isMinorChange ?? false })
      .returning();
    if (!rev) throw new Error('insert revision failed');
    await tx.update(items).set({ publishedRevisionId: rev.id }).where(eq(items.id, item.id));
    await tx.insert(itemAgencies).values([{ itemId: item.id, agencyId: o.agency.id, isLead: true }, ...(o.coIssuers ?? []).map((a) => ({ itemId: item.id, agencyId: a.id, isLead: false }))]);
    if (o.nodeIds?.length) await tx.insert(itemCatalogNodes).values(o.nodeIds.map((nodeId) => ({ itemId: item.id, nodeId })));
    let k = 0;
    for (const a of o.attachments ?? []) {
      k++;
      await tx.insert(attachments).values({ itemId: item.id, revisionId: rev.id, filename: a.filename, mime: a.mime, sizeBytes: a.sizeBytes, sha256: randomBytes(32).toString('hex'), storageKey: randomBytes(32).toString('hex'), sortOrder: k });
    }
    return { id: item.id, indexNumber, revisionId: rev.id, title };
  });
}

/** 政策解读 ↔ policy. */
export async function linkInterpretation(db: Db, interpretationItemId: string, policyItemId: string): Promise<void> {
  await db.insert(interpretationLinks).values({ interpretationItemId, policyItemId });
}
