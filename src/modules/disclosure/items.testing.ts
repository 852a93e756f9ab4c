// Test factories for items: each builds its own parents (agency, editor, reviewer), so tests share no state
// (Outline's buildShare). Small real files of every accepted type come from platform/storage/testing.ts.

import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../config.ts';
import type { Actor, Role } from '../../platform/auth/actor.ts';
import { createCalendarService } from '../../platform/calendar/index.ts';
import type { Db, Executor } from '../../platform/db/database.ts';
import { createLocalFileStorage, type FileStorage } from '../../platform/storage/index.ts';
import type { Agency, NewAgency } from '../agencies/index.ts';
import { createTestAgency } from '../agencies/agencies.testing.ts';
import { createTestUser } from '../staff/staff.testing.ts';
import { catalogNodes } from './disclosure.tables.ts';
import type { CatalogNodeRecord } from './items.repository.ts';
import type { ItemRecord, NewItemDraft, RevisionRecord } from './items.schema.ts';
import { createItemsService, type ItemIndexer, type ItemsService, type ItemsServiceOptions } from './items.service.ts';

let counter = 0;

/** A staff member with one role at one agency (a real users row, so foreign keys hold). */
export async function createTestActor(db: Executor, role: Role, agency: { id: string }, opts: { includeSubtree?: boolean; extraRoles?: Role[] } = {}): Promise<Actor> {
  const grants = [role, ...(opts.extraRoles ?? [])].map((r) => ({ role: r, agencyId: agency.id, includeSubtree: opts.includeSubtree ?? false }));
  const user = await createTestUser(db, { grants });
  return { userId: user.id, username: user.username, name: user.name, grants };
}

/** An items service over `db` with files in a fresh temporary directory and the real calendar. */
export function createTestItemsService(db: Db, overrides: Partial<Omit<ItemsServiceOptions, 'db'>> & { indexer?: ItemIndexer } = {}): ItemsService & { storage: FileStorage; dataDir: string } {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'gk-items-'));
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir });
  const storage = overrides.storage ?? createLocalFileStorage(path.join(dataDir, 'files'));
  const service = createItemsService({
    db,
    config: overrides.config ?? config,
    calendar: overrides.calendar ?? createCalendarService(db),
    storage,
    ...(overrides.indexer ? { indexer: overrides.indexer } : {}),
    ...(overrides.now ? { now: overrides.now } : {}),
  });
  return Object.assign(service, { storage, dataDir });
}

/** A valid draft input (an ordinary 通知公告 written yesterday-ish); overrides win. */
export function buildItemDraft(overrides: Partial<NewItemDraft> = {}): NewItemDraft {
  counter++;
  return {
    title: `关于做好测试工作的通知（第${counter}号）`,
    writtenDate: '2025-03-03',
    subject: 'general_affairs.openness',
    genre: 'notice',
    bodyHtml: `<p>各区县人民政府，市政府各部门：</p><p>现将测试工作有关事项通知如下（${counter}）。</p>`,
    disclosureMode: 'proactive',
    ...overrides,
  };
}

/** A catalog node of an agency, inserted directly (the catalog service owns the real tree). */
export async function createTestCatalogNode(db: Executor, agencyId: string, overrides: Partial<typeof catalogNodes.$inferInsert> = {}): Promise<CatalogNodeRecord> {
  counter++;
  const rows = await db
    .insert(catalogNodes)
    .values({ agencyId, name: `测试栏目${counter}`, ...overrides })
    .returning();
  const row = rows[0];
  if (!row) throw new Error('insert into catalog_nodes returned no row');
  return row;
}

export type TestItemState = 'draft' | 'submitted' | 'reviewed' | 'published';

export interface TestItem {
  item: ItemRecord;
  revision: RevisionRecord;
  agency: Agency;
  editor: Actor;
  reviewer: Actor;
  service: ItemsService;
}

/**
 * An item in the requested state, with its own agency (unless given), editor and reviewer. `reviewed` means
 * submitted with the 保密审查 confirmed.
 */
export async function createTestItem(
  db: Db,
  opts: { service?: ItemsService; agency?: Agency; agencyOverrides?: Partial<NewAgency>; state?: TestItemState; draft?: Partial<NewItemDraft>; editor?: Actor; reviewer?: Actor } = {},
): Promise<TestItem> {
  const service = opts.service ?? createTestItemsService(db);
  const agency = opts.agency ?? (await createTestAgency(db, opts.agencyOverrides ?? {}));
  const editor = opts.editor ?? (await createTestActor(db, 'editor', agency));
  const reviewer = opts.reviewer ?? (await createTestActor(db, 'reviewer', agency));
  const created = await service.createDraft(editor, buildItemDraft({ agencyId: agency.id, ...opts.draft }));
  let revision = created.revision;
  const state = opts.state ?? 'draft';
  if (state !== 'draft') revision = await service.submit(editor, revision.id, revision.version);
  if (state === 'reviewed' || state === 'published') revision = await service.confirmSecrecyReview(reviewer, revision.id, revision.version);
  let item = created.item;
  if (state === 'published') {
    const result = await service.publish(reviewer, revision.id, revision.version);
    if (!result.ok) throw new Error(`createTestItem: publish refused: ${result.message}`);
    item = result.item;
    revision = result.revision;
  }
  return { item, revision, agency, editor, reviewer, service };
}

export { testDocx, testOfd, testPdf, testPng, testXlsx, testZip } from '../../platform/storage/testing.ts';
