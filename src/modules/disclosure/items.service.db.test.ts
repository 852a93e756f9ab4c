// The items lifecycle against a real database: every verb's happy path, its illegal states, forbidden roles,
// bad input with nothing written, and optimistic-lock conflicts.

import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../platform/audit/audit.tables.ts';
import { verifyAuditChain } from '../../platform/audit/audit.ts';
import { shanghaiDate } from '../../platform/calendar/workdays.ts';
import type { Database } from '../../platform/db/database.ts';
import { createTestDatabase } from '../../platform/db/testing.ts';
import { AppError } from '../../platform/http/errors.ts';
import { createTestAgency } from '../agencies/agencies.testing.ts';
import { itemAgencies, itemCatalogNodes, itemRevisions } from './disclosure.tables.ts';
import { countRows } from './items.repository.ts';
import { buildItemDraft, createTestActor, createTestCatalogNode, createTestItem, createTestItemsService } from './items.testing.ts';

let database: Database;
let service: ReturnType<typeof createTestItemsService>;

beforeAll(async () => {
  database = await createTestDatabase();
  service = createTestItemsService(database.db);
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

/** Expects the error and that no table the service writes changed. */
async function expectNothingWritten(run: () => Promise<unknown>, code: string, fields?: string[]): Promise<AppError> {
  const before = await countRows(database.db);
  const err = await expectError(run(), code);
  if (fields) expect(err.fields.map((f) => f.field).sort()).toEqual([...fields].sort());
  expect(await countRows(database.db)).toEqual(before);
  return err;
}

async function auditActions(itemId: string): Promise<string[]> {
  const rows = await database.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, itemId)).orderBy(auditLog.id);
  return rows.map((r) => r.action);
}

const item = (opts: Parameters<typeof createTestItem>[1] = {}) => createTestItem(database.db, { service, ...opts });

describe('createDraft', () => {
  it('creates an item with its first draft revision, issuers, catalog nodes and an audit row', async () => {
    const agency = await createTestAgency(database.db);
    const partner = await createTestAgency(database.db);
    const node = await createTestCatalogNode(database.db, agency.id);
    const partnerNode = await createTestCatalogNode(database.db, partner.id);
    const editor = await createTestActor(database.db, 'editor', agency);
    const { item: created, revision } = await service.createDraft(
      editor,
      buildItemDraft({
        agencyId: agency.id,
        genre: 'normative',
        documentNumber: '渝测发[2025]7号',
        coIssuerAgencyIds: [partner.id],
        catalogNodeIds: [node.id, partnerNode.id],
        keywords: [' 政务公开 ', '政务公开', '测试'],
        policyTags: ['burden_relief'],
      }),
    );
    expect(created.status).toBe('never_published');
    expect(created.indexNumber).toBeNull();
    expect(revision).toMatchObject({ revisionNo: 1, state: 'draft', documentNumber: '渝测发〔2025〕7号', docPrefix: '渝测发', docYear: 2025, docSerial: 7, docKey: '渝测发〔2025〕7号', createdBy: editor.userId, editedBy: [editor.userId], keywords: ['政务公开', '测试'] });
    const issuers = await database.db.select().from(itemAgencies).where(eq(itemAgencies.itemId, created.id));
    expect(issuers.map((r) => [r.agencyId, r.isLead]).sort()).toEqual([[agency.id, true], [partner.id, false]].sort());
    const nodes = await database.db.select().from(itemCatalogNodes).where(eq(itemCatalogNodes.itemId, created.id));
    expect(nodes.map((n) => n.nodeId).sort()).toEqual([node.id, partnerNode.id].sort());
    expect(await auditActions(created.id)).toEqual(['item.create']);
  });

  it('sanitizes body HTML: scripts, event handlers, javascript: links and foreign iframes go', async () => {
    const agency = await createTestAgency(database.db);
    const editor = await createTestActor(database.db, 'editor', agency);
    const { revision } = await service.createDraft(
      editor,
      buildItemDraft({
        agencyId: agency.id,
        bodyHtml: '<h1>标题</h1><p onclick="steal()">正文<script>alert(1)</script></p><a href="javascript:alert(1)">链接</a><iframe src="https://evil.example/x"></iframe><img src="data:image/png;base64,AAAA">',
      }),
    );
    expect(revision.bodyHtml).not.toMatch(/script|onclick|javascript:|iframe|data:|alert/);
    expect(revision.bodyHtml).toContain('<h2>标题</h2>');
    expect(revision.bodyHtml).toContain('<p>正文</p>');
  });

  it('refuses a malformed 文号 naming the field, and writes nothing', async () => {
    const agency = await createTestAgency(database.db);
    const editor = await createTestActor(database.db, 'editor', agency);
    const err = await expectNothingWritten(() => service.createDraft(editor, buildItemDraft({ agencyId: agency.id, documentNumber: '渝府办发〔18〕076号' })), 'VALIDATION_FAILED', ['documentNumber']);
    expect(err.fields[0]?.message).toContain('发文字号有误');
  });

  it('refuses a 成文日期 in the future and a 发布日期 before the 成文日期, each by field', async () => {
    const agency = await createTestAgency(database.db);
    const editor = await createTestActor(database.db, 'editor', agency);
    await expectNothingWritten(() => service.createDraft(editor, buildItemDraft({ agencyId: agency.id, writtenDate: '2999-01-01' })), 'VALIDATION_FAILED', ['writtenDate']);
    const err = await expectNothingWritten(() => service.createDraft(editor, buildItemDraft({ agencyId: agency.id, writtenDate: '2025-03-03', publishedDate: '2025-03-01' })), 'VALIDATION_FAILED', ['publishedDate']);
    expect(err.fields[0]?.message).toBe('发布日期不能早于成文日期');
  });

  it('refuses an unknown catalog node, or one of an agency that does not issue the item', async () => {
    const agency = await createTestAgency(database.db);
    const stranger = await createTestAgency(database.db);
    const foreignNode = await createTestCatalogNode(database.db, stranger.id);
    const retired = await createTestCatalogNode(database.db, agency.id, { retiredAt: new Date() });
    const editor = await createTestActor(database.db, 'editor', agency);
    for (const ids of [['00000000-0000-4000-8000-000000000000'], [foreignNode.id], [retired.id]]) {
      await expectNothingWritten(() => service.createDraft(editor, buildItemDraft({ agencyId: agency.id, catalogNodeIds: ids })), 'VALIDATION_FAILED', ['catalogNodeIds']);
    }
  });

  it('names every bad field at once', async () => {
    const agency = await createTestAgency(database.db);
    const editor = await createTestActor(database.db, 'editor', agency);
    await expectNothingWritten(
      () => service.createDraft(editor, { agencyId: agency.id, title: '', writtenDate: '2025-13-01', subject: 'nonsense', genre: 'notice', disclosureMode: 'withheld', isMajorPolicy: true }),
      'VALIDATION_FAILED',
      ['title', 'writtenDate', 'subject', 'withholdReason', 'isMajorPolicy'],
    );
    await expectNothingWritten(() => service.createDraft(editor, { agencyId: agency.id, genre: 'bogus', title: 'x', extra: 1 }), 'VALIDATION_FAILED');
  });

  it('refuses a 发文字号 another item already carries', async () => {
    const agency = await createTestAgency(database.db);
    const editor = await createTestActor(database.db, 'editor', agency);
    await service.createDraft(editor, buildItemDraft({ agencyId: agency.id, documentNumber: '渝测重〔2025〕1号' }));
    await expectNothingWritten(() => service.createDraft(editor, buildItemDraft({ agencyId: agency.id, documentNumber: '渝测重(2025)1号' })), 'VALIDATION_FAILED', ['documentNumber']);
  });

  it('is forbidden to reviewers, 公开办 and editors of another agency', async () => {
    const agency = await createTestAgency(database.db);
    const other = await createTestAgency(database.db);
    for (const actor of [await createTestActor(database.db, 'reviewer', agency), await createTestActor(database.db, 'office', agency), await createTestActor(database.db, 'editor', other)]) {
      await expectNothingWritten(() => service.createDraft(actor, buildItemDraft({ agencyId: agency.id })), 'FORBIDDEN');
    }
  });

  it('lets an editor with the subtree draft for a department below', async () => {
    const city = await createTestAgency(database.db, { kind: 'government' });
    const dept = await createTestAgency(database.db, { parentId: city.id });
    const editor = await createTestActor(database.db, 'editor', city, { includeSubtree: true });
    const { item: created } = await service.createDraft(editor, buildItemDraft({ agencyId: dept.id }));
    expect(created.agencyId).toBe(dept.id);
  });
});

describe('updateDraft', () => {
  it('changes the draft, sanitizes again, bumps the version and audits', async () => {
    const t = await item();
    const updated = await service.updateDraft(t.editor, t.revision.id, t.revision.version, { title: '关于修改后的测试通知', bodyHtml: '<p>新正文</p><script>x()</script>' });
    expect(updated).toMatchObject({ title: '关于修改后的测试通知', bodyHtml: '<p>新正文</p>', version: t.revision.version + 1 });
    expect(await auditActions(t.item.id)).toEqual(['item.create', 'item.update']);
  });

  it('refuses a stale version (optimistic lock) and changes nothing', async () => {
    const t = await item();
    await service.updateDraft(t.editor, t.revision.id, t.revision.version, { title: '第一次修改的标题' });
    await expectNothingWritten(() => service.updateDraft(t.editor, t.revision.id, t.revision.version, { title: '过时的修改' }), 'STALE_RECORD');
    const [row] = await database.db.select().from(itemRevisions).where(eq(itemRevisions.id, t.revision.id));
    expect(row?.title).toBe('第一次修改的标题');
  });

  it('refuses bad input by field, writing nothing', async () => {
    const t = await item();
    await expectNothingWritten(() => service.updateDraft(t.editor, t.revision.id, t.revision.version, { writtenDate: '2999-12-31', documentNumber: '渝府发2018' }), 'VALIDATION_FAILED', ['writtenDate', 'documentNumber']);
  });

  it('is an illegal move once submitted', async () => {
    const t = await item({ state: 'submitted' });
    await expectNothingWritten(() => service.updateDraft(t.editor, t.revision.id, t.revision.version, { title: '已提交后修改' }), 'ILLEGAL_TRANSITION');
  });

  it('is forbidden to a reviewer and to another agency', async () => {
    const t = await item();
    const other = await createTestActor(database.db, 'editor', await createTestAgency(database.db));
    for (const actor of [t.reviewer, other]) await expectNothingWritten(() => service.updateDraft(actor, t.revision.id, t.revision.version, { title: '越权修改标题' }), 'FORBIDDEN');
  });

  it('answers NOT_FOUND for an unknown revision', async () => {
    const t = await item();
    await expectError(service.updateDraft(t.editor, '00000000-0000-4000-8000-000000000000', 1, {}), 'NOT_FOUND');
    await expectError(service.updateDraft(t.editor, 'not-a-uuid', 1, {}), 'NOT_FOUND');
  });
});

describe('submit', () => {
  it('moves a draft to 待审核 and records who submitted', async () => {
    const t = await item();
    const submitted = await service.submit(t.editor, t.revision.id, t.revision.version);
    expect(submitted).toMatchObject({ state: 'submitted', submittedBy: t.editor.userId });
    expect(await auditActions(t.item.id)).toEqual(['item.create', 'item.submit']);
  });

  it('is illegal twice, stale with an old version, forbidden to a reviewer', async () => {
    const t = await item({ state: 'submitted' });
    await expectNothingWritten(() => service.submit(t.editor, t.revision.id, t.revision.version), 'ILLEGAL_TRANSITION');
    const d = await item();
    await expectNothingWritten(() => service.submit(d.editor, d.revision.id, d.revision.version + 1), 'STALE_RECORD');
    await expectNothingWritten(() => service.submit(d.reviewer, d.revision.id, d.revision.version), 'FORBIDDEN');
  });

  it('refuses a draft with neither body nor attachments', async () => {
    const t = await item({ draft: { bodyHtml: '<p> </p>' } });
    await expectNothingWritten(() => service.submit(t.editor, t.revision.id, t.revision.version), 'VALIDATION_FAILED', ['bodyHtml']);
  });
});

describe('returnToDraft', () => {
  it('sends a submitted revision back with the comment and clears the 保密审查', async () => {
    const t = await item({ state: 'reviewed' });
    expect(t.revision.secrecyCheckedAt).not.toBeNull();
    const back = await service.returnToDraft(t.reviewer, t.revision.id, t.revision.version, { comment: '请补充政策依据' });
    expect(back).toMatchObject({ state: 'draft', returnComment: '请补充政策依据', secrecyCheckedAt: null, secrecyCheckedBy: null });
    expect((await auditActions(t.item.id)).at(-1)).toBe('item.return');
  });

  it('needs a comment', async () => {
    const t = await item({ state: 'submitted' });
    await expectNothingWritten(() => service.returnToDraft(t.reviewer, t.revision.id, t.revision.version, { comment: '  ' }), 'VALIDATION_FAILED', ['comment']);
  });

  it('is illegal for a draft and forbidden to the editor', async () => {
    const d = await item();
    await expectNothingWritten(() => service.returnToDraft(d.reviewer, d.revision.id, d.revision.version, { comment: '退回' }), 'ILLEGAL_TRANSITION');
    const s = await item({ state: 'submitted' });
    await expectNothingWritten(() => service.returnToDraft(s.editor, s.revision.id, s.revision.version, { comment: '退回' }), 'FORBIDDEN');
  });
});

describe('confirmSecrecyReview', () => {
  it('records who confirmed and when', async () => {
    const t = await item({ state: 'submitted' });
    const reviewed = await service.confirmSecrecyReview(t.reviewer, t.revision.id, t.revision.version);
    expect(reviewed.secrecyCheckedBy).toBe(t.reviewer.userId);
    expect(reviewed.secrecyCheckedAt).toBeInstanceOf(Date);
    expect((await auditActions(t.item.id)).at(-1)).toBe('item.secrecy_review');
  });

  it('is illegal on a draft, forbidden to the editor, stale with an old version', async () => {
    const d = await item();
    await expectNothingWritten(() => service.confirmSecrecyReview(d.reviewer, d.revision.id, d.revision.version), 'ILLEGAL_TRANSITION');
    const s = await item({ state: 'submitted' });
    await expectNothingWritten(() => service.confirmSecrecyReview(s.editor, s.revision.id, s.revision.version), 'FORBIDDEN');
    await expectNothingWritten(() => service.confirmSecrecyReview(s.reviewer, s.revision.id, s.revision.version - 1), 'STALE_RECORD');
  });

  it('cannot be confirmed by the revision’s own author under four-eyes', async () => {
    const agency = await createTestAgency(database.db);
    const both = await createTestActor(database.db, 'editor', agency, { extraRoles: ['reviewer'] });
    const t = await item({ agency, editor: both, state: 'submitted' });
    const err = await expectNothingWritten(() => service.confirmSecrecyReview(both, t.revision.id, t.revision.version), 'FORBIDDEN');
    expect(err.message).toContain('保密审查须由编辑以外的审核人确认');
  });
});

describe('publish', () => {
  it('assigns the 索引号, 发布日期 and working days taken, and audits', async () => {
    const t = await item({ state: 'reviewed' });
    const result = await service.publish(t.reviewer, t.revision.id, t.revision.version);
    if (!result.ok) throw new Error(result.message);
    const year = new Date().getFullYear();
    expect(result.indexNumber).toBe(`${t.agency.creditCode}/${shanghaiDate().slice(0, 4)}-00001`);
    expect(Number(result.indexNumber.slice(19, 23))).toBeGreaterThanOrEqual(year - 1);
    expect(result.item).toMatchObject({ status: 'published', publishedRevisionId: t.revision.id, indexNumber: result.indexNumber });
    expect(result.item.firstPublishedAt).toBeInstanceOf(Date);
    expect(result.item.workingDaysTaken).toBeGreaterThan(0);
    expect(result.revision).toMatchObject({ state: 'published', publishedBy: t.reviewer.userId, publishedDate: shanghaiDate() });
    expect((await auditActions(t.item.id)).at(-1)).toBe('item.publish');
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
  });

  it('keeps the 发布日期 an import supplies, and numbers it in that year', async () => {
    const t = await item({ state: 'reviewed', draft: { writtenDate: '2018-06-06', publishedDate: '2018-06-13' } });
    const result = await service.publish(t.reviewer, t.revision.id, t.revision.version);
    if (!result.ok) throw new Error(result.message);
    expect(result.revision.publishedDate).toBe('2018-06-13');
    expect(result.indexNumber).toBe(`${t.agency.creditCode}/2018-00001`);
    // 2018-06-06 (Wed) → 06-13 (Wed): five working days
    expect(result.item.workingDaysTaken).toBe(5);
  });

  it('refuses to publish without the 保密审查, writing nothing', async () => {
    const t = await item({ state: 'submitted' });
    const err = await expectNothingWritten(() => service.publish(t.reviewer, t.revision.id, t.revision.version), 'VALIDATION_FAILED', ['secrecyReview']);
    expect(err.message).toContain('保密审查');
  });

  it('refuses an editor publishing their own draft under four-eyes, and allows it when four-eyes is off', async () => {
    const agency = await createTestAgency(database.db);
    const both = await createTestActor(database.db, 'editor', agency, { extraRoles: ['reviewer'] });
    const t = await item({ agency, editor: both, state: 'reviewed' });
    const err = await expectNothingWritten(() => service.publish(both, t.revision.id, t.revision.version), 'FORBIDDEN');
    expect(err.message).toContain('不能发布自己编辑的稿件');

    const relaxed = await createTestAgency(database.db, { fourEyes: false });
    const solo = await createTestActor(database.db, 'editor', relaxed, { extraRoles: ['reviewer'] });
    const s = await item({ agency: relaxed, editor: solo, reviewer: solo, state: 'reviewed' });
    expect((await service.publish(solo, s.revision.id, s.revision.version)).ok).toBe(true);
  });

  it('is illegal for a draft, forbidden to the editor, stale with an old version', async () => {
    const d = await item();
    await expectNothingWritten(() => service.publish(d.reviewer, d.revision.id, d.revision.version), 'ILLEGAL_TRANSITION');
    const r = await item({ state: 'reviewed' });
    await expectNothingWritten(() => service.publish(r.editor, r.revision.id, r.revision.version), 'FORBIDDEN');
    await expectNothingWritten(() => service.publish(r.reviewer, r.revision.id, r.revision.version - 1), 'STALE_RECORD');
    await expectNothingWritten(() => service.publish(r.reviewer, r.revision.id, r.revision.version, { bogus: true }), 'VALIDATION_FAILED');
  });

  it('does not publish what is not 主动公开', async () => {
    const t = await item({ state: 'reviewed', draft: { disclosureMode: 'on_request', withholdReason: '涉及正在研究的过程性内容' } });
    await expectNothingWritten(() => service.publish(t.reviewer, t.revision.id, t.revision.version), 'VALIDATION_FAILED', ['disclosureMode']);
  });

  it('is illegal on a published revision', async () => {
    const t = await item({ state: 'published' });
    await expectNothingWritten(() => service.publish(t.reviewer, t.revision.id, t.revision.version), 'ILLEGAL_TRANSITION');
  });
});

describe('system actors (importer, seed, jobs)', () => {
  it('run the same verbs, keep an import’s 发布日期, and record no user ids', async () => {
    const agency = await createTestAgency(database.db);
    const system = { system: 'import' };
    const { revision } = await service.createDraft(system, buildItemDraft({ agencyId: agency.id, writtenDate: '2018-06-06', publishedDate: '2018-06-13' }));
    expect(revision).toMatchObject({ createdBy: null, editedBy: [] });
    const s = await service.submit(system, revision.id, revision.version);
    const r = await service.confirmSecrecyReview(system, s.id, s.version);
    expect(r).toMatchObject({ secrecyCheckedBy: null });
    const result = await service.publish(system, r.id, r.version);
    if (!result.ok) throw new Error(result.message);
    expect(result.revision).toMatchObject({ publishedBy: null, publishedDate: '2018-06-13' });
    const rows = await database.db.select().from(auditLog).where(eq(auditLog.entityId, result.item.id));
    expect(rows.every((a) => a.actorId === null && a.actorLabel === '系统:import')).toBe(true);
  });
});

describe('createRevision', () => {
  it('opens a draft from the public revision; publishing it supersedes the old one and keeps the 索引号', async () => {
    const t = await item({ state: 'published', draft: { catalogNodeIds: [] } });
    const draft = await service.createRevision(t.editor, t.item.id, { changeNote: '更正附件名称' });
    expect(draft).toMatchObject({ revisionNo: 2, state: 'draft', title: t.revision.title, changeNote: '更正附件名称', publishedDate: null, secrecyCheckedAt: null });
    const edited = await service.updateDraft(t.editor, draft.id, draft.version, { title: '关于做好测试工作的通知（修订）' });
    const submitted = await service.submit(t.editor, edited.id, edited.version);
    const reviewed = await service.confirmSecrecyReview(t.reviewer, submitted.id, submitted.version);
    const result = await service.publish(t.reviewer, reviewed.id, reviewed.version);
    if (!result.ok) throw new Error(result.message);
    expect(result.indexNumber).toBe(t.item.indexNumber);
    const [old] = await database.db.select().from(itemRevisions).where(eq(itemRevisions.id, t.revision.id));
    expect(old?.state).toBe('superseded');
    expect(result.item.workingDaysTaken).toBe(t.item.workingDaysTaken);
    const history = await service.getItemHistory(t.item.indexNumber ?? '');
    expect(history.map((h) => h.note)).toEqual(['首次发布', '更正附件名称']);
    expect((await service.getItemForPortal(t.item.id)).revision.title).toBe('关于做好测试工作的通知（修订）');
  });

  it('a draft of a published item changes the public catalog links only when it is published', async () => {
    const agency = await createTestAgency(database.db);
    const first = await createTestCatalogNode(database.db, agency.id);
    const second = await createTestCatalogNode(database.db, agency.id);
    const t = await item({ agency, state: 'published', draft: { catalogNodeIds: [first.id] } });
    const draft = await service.createRevision(t.editor, t.item.id, { changeNote: '调整栏目' });
    expect(draft.catalogNodeIds).toEqual([first.id]);
    const moved = await service.updateDraft(t.editor, draft.id, draft.version, { catalogNodeIds: [second.id] });
    const publicNodes = async () => (await database.db.select().from(itemCatalogNodes).where(eq(itemCatalogNodes.itemId, t.item.id))).map((n) => n.nodeId);
    expect(await publicNodes()).toEqual([first.id]);
    const s = await service.submit(t.editor, moved.id, moved.version);
    const r = await service.confirmSecrecyReview(t.reviewer, s.id, s.version);
    expect((await service.publish(t.reviewer, r.id, r.version)).ok).toBe(true);
    expect(await publicNodes()).toEqual([second.id]);
  });

  it('a minor change needs no note; without either the form names the field', async () => {
    const t = await item({ state: 'published' });
    await expectNothingWritten(() => service.createRevision(t.editor, t.item.id, {}), 'VALIDATION_FAILED', ['changeNote']);
    expect((await service.createRevision(t.editor, t.item.id, { isMinorChange: true })).isMinorChange).toBe(true);
  });

  it('is illegal for a never-published item, a conflict when a revision is pending, forbidden to a reviewer', async () => {
    const d = await item();
    await expectNothingWritten(() => service.createRevision(d.editor, d.item.id, { changeNote: '修订' }), 'ILLEGAL_TRANSITION');
    const p = await item({ state: 'published' });
    await service.createRevision(p.editor, p.item.id, { changeNote: '第一次修订' });
    await expectNothingWritten(() => service.createRevision(p.editor, p.item.id, { changeNote: '第二次修订' }), 'CONFLICT');
    const q = await item({ state: 'published' });
    await expectNothingWritten(() => service.createRevision(q.reviewer, q.item.id, { changeNote: '越权' }), 'FORBIDDEN');
  });

  it('a revision of a published item needs its change note at publication too', async () => {
    const t = await item({ state: 'published' });
    const draft = await service.createRevision(t.editor, t.item.id, { isMinorChange: true });
    const cleared = await service.updateDraft(t.editor, draft.id, draft.version, { isMinorChange: false, changeNote: '调整了第三段' });
    expect(cleared.changeNote).toBe('调整了第三段');
    await expectNothingWritten(() => service.updateDraft(t.editor, cleared.id, cleared.version, { changeNote: '' }), 'VALIDATION_FAILED', ['changeNote']);
  });
});

describe('withdraw, revoke, unpublish', () => {
  it('withdraws with a dated notice; the item stays visible', async () => {
    const t = await item({ state: 'published' });
    const withdrawn = await service.withdraw(t.reviewer, t.item.id, t.item.version, { notice: '该通知已完成阶段性任务' });
    expect(withdrawn).toMatchObject({ status: 'withdrawn', withdrawalNotice: '该通知已完成阶段性任务' });
    expect(withdrawn.withdrawnAt).toBeInstanceOf(Date);
    const page = await service.getItemForPortal(t.item.indexNumber ?? '');
    expect(page.flags.isWithdrawn).toBe(true);
    expect(page.item.withdrawalNotice).toBe('该通知已完成阶段性任务');
    expect((await auditActions(t.item.id)).at(-1)).toBe('item.withdraw');
  });

  it('withdraw: notice required, illegal twice or before publication, forbidden to the editor, stale', async () => {
    const t = await item({ state: 'published' });
    await expectNothingWritten(() => service.withdraw(t.reviewer, t.item.id, t.item.version, { notice: '' }), 'VALIDATION_FAILED', ['notice']);
    await expectNothingWritten(() => service.withdraw(t.editor, t.item.id, t.item.version, { notice: '撤回' }), 'FORBIDDEN');
    await expectNothingWritten(() => service.withdraw(t.reviewer, t.item.id, t.item.version - 1, { notice: '撤回' }), 'STALE_RECORD');
    const w = await service.withdraw(t.reviewer, t.item.id, t.item.version, { notice: '撤回' });
    await expectNothingWritten(() => service.withdraw(t.reviewer, t.item.id, w.version, { notice: '再次撤回' }), 'ILLEGAL_TRANSITION');
    const d = await item();
    await expectNothingWritten(() => service.withdraw(d.reviewer, d.item.id, d.item.version, { notice: '撤回' }), 'ILLEGAL_TRANSITION');
  });

  it('revokes (失效/废止) with date, reason and the replacing item; kept, with a banner', async () => {
    const old = await item({ state: 'published' });
    const successor = await item({ state: 'published', agency: old.agency, editor: old.editor, reviewer: old.reviewer });
    const revoked = await service.revoke(old.reviewer, old.item.id, old.item.version, { validity: 'repealed', effectiveDate: shanghaiDate(), reason: '已被新文件替代', replacedByItemId: successor.item.id });
    expect(revoked).toMatchObject({ validity: 'repealed', validityDate: shanghaiDate(), validityReason: '已被新文件替代', replacedByItemId: successor.item.id, status: 'published' });
    const page = await service.getItemForPortal(old.item.id);
    expect(page.flags.isRevoked).toBe(true);
    expect(page.item.validityName).toBe('废止');
    expect(page.item.replacedBy).toMatchObject({ itemId: successor.item.id, indexNumber: successor.item.indexNumber });
    await expectNothingWritten(() => service.revoke(old.reviewer, old.item.id, revoked.version, { validity: 'expired', effectiveDate: shanghaiDate(), reason: '再次' }), 'CONFLICT');
  });

  it('revoke: bad date, missing reason, replacing itself, a future date, or a replacement not public are refused', async () => {
    const t = await item({ state: 'published' });
    const v = t.item.version;
    await expectNothingWritten(() => service.revoke(t.reviewer, t.item.id, v, { validity: 'expired', effectiveDate: '2025-02-30', reason: '' }), 'VALIDATION_FAILED', ['effectiveDate', 'reason']);
    await expectNothingWritten(() => service.revoke(t.reviewer, t.item.id, v, { validity: 'expired', effectiveDate: shanghaiDate(), reason: '替代', replacedByItemId: t.item.id }), 'VALIDATION_FAILED', ['replacedByItemId']);
    await expectNothingWritten(() => service.revoke(t.reviewer, t.item.id, v, { validity: 'expired', effectiveDate: '2999-01-01', reason: '到期' }), 'VALIDATION_FAILED', ['effectiveDate']);
    const draft = await item();
    await expectNothingWritten(() => service.revoke(t.reviewer, t.item.id, v, { validity: 'expired', effectiveDate: shanghaiDate(), reason: '替代', replacedByItemId: draft.item.id }), 'VALIDATION_FAILED', ['replacedByItemId']);
    await expectNothingWritten(() => service.revoke(t.editor, t.item.id, v, { validity: 'expired', effectiveDate: shanghaiDate(), reason: '到期' }), 'FORBIDDEN');
    await expectNothingWritten(() => service.revoke(draft.reviewer, draft.item.id, draft.item.version, { validity: 'expired', effectiveDate: shanghaiDate(), reason: '到期' }), 'ILLEGAL_TRANSITION');
  });

  it('unpublishes an error: the URL answers GONE with the reason; a corrected revision brings it back under the same 索引号', async () => {
    const t = await item({ state: 'published' });
    const gone = await service.unpublish(t.reviewer, t.item.id, t.item.version, { reason: '误发了内部工作稿' });
    expect(gone).toMatchObject({ status: 'unpublished', unpublishReason: '误发了内部工作稿' });
    const err = await expectError(service.getItemForPortal(t.item.indexNumber ?? ''), 'GONE');
    expect(err.details?.reason).toBe('误发了内部工作稿');
    expect(err.status).toBe(410);
    // nothing is deleted
    expect((await database.db.select().from(itemRevisions).where(eq(itemRevisions.itemId, t.item.id))).length).toBe(1);

    const draft = await service.createRevision(t.editor, t.item.id, { changeNote: '删除了内部内容后重新发布' });
    const s = await service.submit(t.editor, draft.id, draft.version);
    const r = await service.confirmSecrecyReview(t.reviewer, s.id, s.version);
    const result = await service.publish(t.reviewer, r.id, r.version);
    if (!result.ok) throw new Error(result.message);
    expect(result.item).toMatchObject({ status: 'published', indexNumber: t.item.indexNumber, unpublishReason: null });
  });

  it('unpublish: reason required, forbidden to the editor, illegal before publication', async () => {
    const t = await item({ state: 'published' });
    await expectNothingWritten(() => service.unpublish(t.reviewer, t.item.id, t.item.version, { reason: ' ' }), 'VALIDATION_FAILED', ['reason']);
    await expectNothingWritten(() => service.unpublish(t.editor, t.item.id, t.item.version, { reason: '误发' }), 'FORBIDDEN');
    const d = await item();
    await expectNothingWritten(() => service.unpublish(d.reviewer, d.item.id, d.item.version, { reason: '误发' }), 'ILLEGAL_TRANSITION');
  });

  it('writes one audit row per move, chained', async () => {
    const t = await item({ state: 'published' });
    const w = await service.withdraw(t.reviewer, t.item.id, t.item.version, { notice: '阶段性任务完成' });
    await service.unpublish(t.reviewer, t.item.id, w.version, { reason: '误发' });
    expect(await auditActions(t.item.id)).toEqual(['item.create', 'item.submit', 'item.secrecy_review', 'item.publish', 'item.withdraw', 'item.unpublish']);
    const rows = await database.db.select().from(auditLog).where(and(eq(auditLog.entityId, t.item.id), eq(auditLog.action, 'item.unpublish')));
    expect(rows[0]?.reason).toBe('误发');
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
  });
});
