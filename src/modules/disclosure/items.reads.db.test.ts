// Reads against a real database: the portal item page (flags, 410), the console list within scopes, the item
// page's actions, the 20-working-day board (条例 第二十六条) and the search hook.

import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../platform/db/database.ts';
import { createTestDatabase } from '../../platform/db/testing.ts';
import { AppError } from '../../platform/http/errors.ts';
import { createTestAgency } from '../agencies/agencies.testing.ts';
import { itemSearch } from './disclosure.tables.ts';
import { createSearchIndexer } from './search.indexer.ts';
import { buildItemDraft, createTestActor, createTestCatalogNode, createTestItem, createTestItemsService, testPng } from './items.testing.ts';

let database: Database;
let service: ReturnType<typeof createTestItemsService>;

beforeAll(async () => {
  database = await createTestDatabase();
  service = createTestItemsService(database.db, { indexer: createSearchIndexer() });
});
afterAll(async () => {
  await database.close();
});

async function expectError(p: Promise<unknown>, code: string): Promise<AppError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
  return err as AppError;
}

const item = (opts: Parameters<typeof createTestItem>[1] = {}) => createTestItem(database.db, { service, ...opts });

describe('getItemForPortal', () => {
  it('shows a published item by 索引号 or id with its metadata, issuers, nodes, attachments and history', async () => {
    const agency = await createTestAgency(database.db);
    const partner = await createTestAgency(database.db);
    const node = await createTestCatalogNode(database.db, agency.id, { name: '法规文件' });
    const t = await item({ agency, draft: { genre: 'normative', documentNumber: `渝测门〔2025〕${Date.now() % 100000}号`, coIssuerAgencyIds: [partner.id], catalogNodeIds: [node.id], policyTags: ['tendering'] } });
    const png = await service.addAttachment(t.editor, t.revision.id, { filename: '附件.png', bytes: testPng() });
    await service.confirmAttachmentPrivacy(t.reviewer, png.id);
    const s = await service.submit(t.editor, t.revision.id, t.revision.version);
    const r = await service.confirmSecrecyReview(t.reviewer, s.id, s.version);
    const published = await service.publish(t.reviewer, r.id, r.version);
    if (!published.ok) throw new Error(published.message);

    const page = await service.getItemForPortal(published.indexNumber);
    expect(page.item).toMatchObject({ id: t.item.id, indexNumber: published.indexNumber, status: 'published', validity: 'valid', validityName: '有效' });
    expect(page.revision).toMatchObject({ genre: 'normative', genreName: '行政规范性文件', subjectName: '综合政务 / 政务公开', disclosureModeName: '主动公开', policyTags: ['tendering'] });
    expect(page.agencies.map((a) => [a.agencyId, a.isLead])).toEqual([[agency.id, true], [partner.id, false]]);
    expect(page.catalogNodes.map((n) => n.name)).toEqual(['法规文件']);
    expect(page.attachments).toEqual([{ id: png.id, filename: '附件.png', mime: 'image/png', sizeBytes: testPng().length, sha256: png.sha256 }]);
    expect(page.history).toMatchObject([{ revisionNo: 1, note: '首次发布' }]);
    expect((await service.getItemForPortal(t.item.id)).item.id).toBe(t.item.id);
    expect((await service.getItemForPortal(published.indexNumber.toLowerCase())).item.id).toBe(t.item.id);
  });

  it('knows nothing of drafts or unknown numbers', async () => {
    const d = await item();
    await expectError(service.getItemForPortal(d.item.id), 'NOT_FOUND');
    await expectError(service.getItemForPortal('11500000MB1532221K/2018-00001'), 'NOT_FOUND');
    await expectError(service.getItemForPortal('nonsense'), 'NOT_FOUND');
    await expectError(service.getItemHistory(d.item.id), 'NOT_FOUND');
  });

  it('keeps the search index in step inside each transaction: indexed on publish, kept when withdrawn, removed when unpublished', async () => {
    const t = await item({ state: 'published', draft: { title: '关于开展政务公开专项检查的通知' } });
    const row = async () => (await database.db.select().from(itemSearch).where(eq(itemSearch.itemId, t.item.id)))[0];
    expect((await row())?.title).toBe('关于开展政务公开专项检查的通知');
    const w = await service.withdraw(t.reviewer, t.item.id, t.item.version, { notice: '检查已结束' });
    expect(await row()).toBeDefined();
    const revoked = await service.revoke(t.reviewer, t.item.id, w.version, { validity: 'expired', effectiveDate: '2026-01-05', reason: '检查结束' });
    expect((await row())?.validity).toBe('expired');
    await service.unpublish(t.reviewer, t.item.id, revoked.version, { reason: '误发' });
    expect(await row()).toBeUndefined();
  });
});

describe('listItemsForConsole', () => {
  it('lists what the actor may read: 公开办 with the subtree sees the departments, others see nothing of them', async () => {
    const city = await createTestAgency(database.db, { kind: 'government' });
    const dept = await createTestAgency(database.db, { parentId: city.id });
    const draft = await item({ agency: dept, draft: { title: '部门草稿甲' } });
    const pub = await item({ agency: dept, editor: draft.editor, reviewer: draft.reviewer, state: 'published', draft: { title: '部门已发布乙' } });
    const office = await createTestActor(database.db, 'office', city, { includeSubtree: true });
    const all = await service.listItemsForConsole(office, { agencyId: dept.id });
    expect(all.rows.map((r) => r.title).sort()).toEqual(['部门已发布乙', '部门草稿甲']);
    expect(all.total).toBe(2);
    expect((await service.listItemsForConsole(office, { agencyId: dept.id, state: 'draft' })).rows.map((r) => r.itemId)).toEqual([draft.item.id]);
    expect((await service.listItemsForConsole(office, { agencyId: dept.id, state: 'published' })).rows.map((r) => r.itemId)).toEqual([pub.item.id]);
    expect((await service.listItemsForConsole(office, { q: '已发布乙' })).rows.map((r) => r.itemId)).toEqual([pub.item.id]);
    expect((await service.listItemsForConsole(office, { q: '100%_' })).rows).toEqual([]);

    const cityOnly = await createTestActor(database.db, 'office', city);
    expect((await service.listItemsForConsole(cityOnly, { agencyId: dept.id })).total).toBe(0);
    const stranger = await createTestActor(database.db, 'editor', await createTestAgency(database.db));
    expect((await service.listItemsForConsole(stranger, { agencyId: dept.id })).rows).toEqual([]);
  });

  it('is forbidden to roles without item access and refuses bad filters', async () => {
    const agency = await createTestAgency(database.db);
    await expectError(service.listItemsForConsole(await createTestActor(database.db, 'agent', agency)), 'FORBIDDEN');
    const office = await createTestActor(database.db, 'office', agency);
    const err = await expectError(service.listItemsForConsole(office, { state: 'lost', page: 0 }), 'VALIDATION_FAILED');
    expect(err.fields.map((f) => f.field).sort()).toEqual(['page', 'state']);
  });
});

describe('getItemForConsole', () => {
  it('offers each actor the moves the state and the policy allow', async () => {
    const t = await item({ state: 'reviewed' });
    const forReviewer = await service.getItemForConsole(t.reviewer, t.item.id);
    expect(forReviewer.actions).toMatchObject({ publish: true, return: true, secrecyReview: true, edit: false, submit: false, withdraw: false });
    expect(forReviewer.openRevision?.id).toBe(t.revision.id);
    expect(forReviewer.deadline?.dueDate).toBe('2025-03-31');
    const forEditor = await service.getItemForConsole(t.editor, t.item.id);
    expect(forEditor.actions).toMatchObject({ publish: false, edit: false, createRevision: false });
    const published = await service.publish(t.reviewer, t.revision.id, t.revision.version);
    if (!published.ok) throw new Error(published.message);
    const after = await service.getItemForConsole(t.editor, t.item.id);
    expect(after.actions).toMatchObject({ createRevision: true, withdraw: false, publish: false });
    expect(after.publishedRevision?.id).toBe(t.revision.id);
    expect(after.deadline).toBeNull();
    const stranger = await createTestActor(database.db, 'reviewer', await createTestAgency(database.db));
    await expectError(service.getItemForConsole(stranger, t.item.id), 'FORBIDDEN');
  });
});

describe('a policy\'s unpublished interpretations on its console page', () => {
  it('lists draft and 待审核 interpretations with their 保密审查 state, and drops them once published', async () => {
    const policy = await item({ state: 'reviewed', draft: { genre: 'normative', isMajorPolicy: true } });
    const interp = await service.createDraft(policy.editor, buildItemDraft({ title: '《关于做好测试工作的通知》政策解读', genre: 'interpretation', interpretationForm: 'text', interpretsItemIds: [policy.item.id] }));
    const asDraft = await service.getItemForConsole(policy.reviewer, policy.item.id);
    expect(asDraft.openInterpretations).toEqual([{ itemId: interp.item.id, title: '《关于做好测试工作的通知》政策解读', state: 'draft', secrecyChecked: false }]);
    const submitted = await service.submit(policy.editor, interp.revision.id, interp.revision.version);
    await service.confirmSecrecyReview(policy.reviewer, submitted.id, submitted.version);
    const ready = await service.getItemForConsole(policy.reviewer, policy.item.id);
    expect(ready.openInterpretations).toMatchObject([{ itemId: interp.item.id, state: 'submitted', secrecyChecked: true }]);
    const published = await service.publish(policy.reviewer, policy.revision.id, policy.revision.version);
    expect(published.ok && published.published.length).toBe(2);
    const after = await service.getItemForConsole(policy.reviewer, policy.item.id);
    expect(after.openInterpretations).toEqual([]);
    expect(after.interpretations.map((x) => x.itemId)).toEqual([interp.item.id]);
  });
});

describe('dueBoard (条例 第二十六条)', () => {
  it('lists open revisions with due dates, remaining working days and due-soon/overdue, soonest first', async () => {
    // 2025-03-25 (Tuesday) noon in Shanghai
    const clocked = createTestItemsService(database.db, { now: () => new Date('2025-03-25T04:00:00Z') });
    const agency = await createTestAgency(database.db);
    const editor = await createTestActor(database.db, 'editor', agency);
    const reviewer = await createTestActor(database.db, 'reviewer', agency);
    const make = (writtenDate: string, title: string) => createTestItem(database.db, { service: clocked, agency, editor, reviewer, draft: { writtenDate, title } });
    await make('2025-03-04', '按期稿件');
    await make('2025-02-28', '即将到期稿件');
    const late = await make('2025-02-24', '逾期稿件');
    await make('2025-03-05', '依申请公开稿件').then((t) => clocked.updateDraft(editor, t.revision.id, t.revision.version, { disclosureMode: 'on_request', withholdReason: '过程性信息' }));
    await clocked.submit(editor, late.revision.id, late.revision.version);

    const board = await clocked.dueBoard(reviewer, agency.id);
    expect(board.today).toBe('2025-03-25');
    expect(board.rows.map((r) => [r.title, r.dueDate, r.status, r.chip, r.state])).toEqual([
      ['逾期稿件', '2025-03-24', 'overdue', '已逾期 1 个工作日', 'submitted'],
      ['即将到期稿件', '2025-03-28', 'due_soon', '剩余 3 个工作日', 'draft'],
      ['按期稿件', '2025-04-01', 'on_track', '剩余 5 个工作日', 'draft'],
    ]);
    expect(board.counts).toEqual({ overdue: 1, due_soon: 1, on_track: 1 });
  });

  it('is forbidden across agencies and NOT_FOUND for an unknown agency', async () => {
    const agency = await createTestAgency(database.db);
    const stranger = await createTestActor(database.db, 'office', await createTestAgency(database.db));
    await expectError(service.dueBoard(stranger, agency.id), 'FORBIDDEN');
    await expectError(service.dueBoard(stranger, 'x'), 'NOT_FOUND');
  });

  it('records the working days a published item took', async () => {
    const clocked = createTestItemsService(database.db, { now: () => new Date('2025-03-25T04:00:00Z') });
    const t = await createTestItem(database.db, { service: clocked, draft: buildItemDraft({ writtenDate: '2025-03-04' }), state: 'published' });
    expect(t.item.workingDaysTaken).toBe(15);
    expect(t.revision.publishedDate).toBe('2025-03-25');
  });
});
