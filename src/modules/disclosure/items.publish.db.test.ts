// Publishing against a real database: 索引号 under concurrency, the privacy gate (issue 4) with its overrides and
// 全部去标识化, and 重大政策 published together with its 政策解读.

import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../platform/audit/audit.tables.ts';
import type { Database } from '../../platform/db/database.ts';
import { createTestDatabase } from '../../platform/db/testing.ts';
import { AppError } from '../../platform/http/errors.ts';
import { createTestAgency } from '../agencies/agencies.testing.ts';
import { indexNumberCounters, interpretationLinks, items } from './disclosure.tables.ts';
import { countRows } from './items.repository.ts';
import type { RevisionRecord } from './items.schema.ts';
import { createTestActor, createTestItem, createTestItemsService, testDocx, testPng, type TestItem } from './items.testing.ts';
import { privacyOverrides } from './items.tables.ts';

let database: Database;
let service: ReturnType<typeof createTestItemsService>;
const reindexed: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  service = createTestItemsService(database.db, { indexer: { reindexItem: async (_tx, id) => void reindexed.push(id) } });
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

async function submitAndReview(t: Pick<TestItem, 'editor' | 'reviewer'>, r: RevisionRecord): Promise<RevisionRecord> {
  const s = await service.submit(t.editor, r.id, r.version);
  return service.confirmSecrecyReview(t.reviewer, s.id, s.version);
}

const PERSONAL = '<p>来信人张三反映问题，联系电话13800138000，身份证号码110101199003078515。</p>';

describe('索引号', () => {
  it('stays unique and gapless when many items of one agency are published at once', async () => {
    const first = await item({ state: 'reviewed' });
    const rest = await Promise.all(Array.from({ length: 7 }, () => item({ state: 'reviewed', agency: first.agency, editor: first.editor, reviewer: first.reviewer })));
    const all = [first, ...rest];
    const results = await Promise.all(all.map((t) => service.publish(t.reviewer, t.revision.id, t.revision.version)));
    const numbers = results.map((r) => (r.ok ? r.indexNumber : 'refused'));
    expect(new Set(numbers).size).toBe(all.length);
    const year = numbers[0]?.slice(19, 23) ?? '';
    expect(numbers.map((n) => n.slice(-5)).sort()).toEqual(['00001', '00002', '00003', '00004', '00005', '00006', '00007', '00008']);
    for (const n of numbers) expect(n.startsWith(`${first.agency.creditCode}/${year}-`)).toBe(true);
    const [counter] = await database.db.select().from(indexNumberCounters).where(eq(indexNumberCounters.agencyId, first.agency.id));
    expect(counter?.lastSeq).toBe(8);
  });

  it('is never reused: an unpublished item keeps its number and the next item gets a new one', async () => {
    const a = await item({ state: 'published' });
    await service.unpublish(a.reviewer, a.item.id, a.item.version, { reason: '误发' });
    const b = await item({ state: 'published', agency: a.agency, editor: a.editor, reviewer: a.reviewer });
    expect(b.item.indexNumber?.slice(-5)).toBe('00002');
    const [row] = await database.db.select().from(items).where(eq(items.id, a.item.id));
    expect(row?.indexNumber).toBe(a.item.indexNumber);
  });

  it('numbers agencies separately and re-indexes each published item for search', async () => {
    const a = await item({ state: 'published' });
    const b = await item({ state: 'published' });
    expect(a.item.indexNumber?.slice(-5)).toBe('00001');
    expect(b.item.indexNumber?.slice(-5)).toBe('00001');
    expect(reindexed).toContain(a.item.id);
    expect(reindexed).toContain(b.item.id);
  });
});

describe('the privacy gate', () => {
  it('blocks publication while personal information is unresolved, returning the findings; nothing is written', async () => {
    const t = await item({ state: 'reviewed', draft: { bodyHtml: PERSONAL } });
    const before = await countRows(database.db);
    const result = await service.publish(t.reviewer, t.revision.id, t.revision.version);
    expect(result.ok).toBe(false);
    if (result.ok || result.reason !== 'privacy') throw new Error('expected a privacy refusal');
    expect(result.message).toContain('身份证号码 1 处');
    const report = result.reports[0];
    expect(report?.policy).toBe('default');
    expect(report?.result.unresolved.map((f) => f.type).sort()).toEqual(['id_card', 'mobile', 'name']);
    expect(report?.result.unresolved.find((f) => f.type === 'mobile')?.masked).toBe('138****8000');
    expect(await countRows(database.db)).toEqual(before);
  });

  it('treats a number registered as an agency contact as public, and blocks any other landline', async () => {
    const contact = await item({ state: 'reviewed', agencyOverrides: { officePhone: '023-61234567' }, draft: { bodyHtml: '<p>如有疑问，请与本机关联系：023-61234567。</p>' } });
    const published = await service.publish(contact.reviewer, contact.revision.id, contact.revision.version);
    expect(published.ok).toBe(true);
    const other = await item({ state: 'reviewed', draft: { bodyHtml: '<p>如有疑问，请拨打 023-69998888。</p>' } });
    const refused = await service.publish(other.reviewer, other.revision.id, other.revision.version);
    expect(refused.ok || refused.reason).toBe('privacy');
  });

  it('publishes once every finding is overridden with a reason; stores hashes, not values, and audits each', async () => {
    const t = await item({ state: 'reviewed', draft: { bodyHtml: PERSONAL } });
    const reason = '当事人书面同意公开（条例第十五条）';
    const overrides = [
      { type: 'name', text: '张三', reason },
      { type: 'mobile', text: '13800138000', reason },
      { type: 'id_card', text: '110101199003078515', reason },
    ];
    // an override without a reason is refused by the schema
    await expectError(service.publish(t.reviewer, t.revision.id, t.revision.version, { privacyOverrides: [{ type: 'mobile', text: '13800138000', reason: '' }] }), 'VALIDATION_FAILED');
    const result = await service.publish(t.reviewer, t.revision.id, t.revision.version, { privacyOverrides: overrides });
    expect(result.ok).toBe(true);
    const stored = await database.db.select().from(privacyOverrides).where(eq(privacyOverrides.entityId, t.item.id));
    expect(stored).toHaveLength(3);
    expect(JSON.stringify(stored)).not.toContain('13800138000');
    expect(stored.find((o) => o.findingType === 'mobile')).toMatchObject({ masked: '138****8000', reason, actorId: t.reviewer.userId });
    const audits = await database.db.select().from(auditLog).where(eq(auditLog.entityId, t.item.id));
    const overrideRows = audits.filter((a) => a.action === 'item.privacy_override');
    expect(overrideRows).toHaveLength(3);
    expect(JSON.stringify(overrideRows)).not.toContain('110101199003078515');
  });

  it('keeps overrides recorded one by one before publishing, for the next revision too', async () => {
    const t = await item({ state: 'reviewed', draft: { bodyHtml: '<p>联系人手机13900139000。</p>' } });
    await expectError(service.overridePrivacyFinding(t.editor, t.revision.id, { type: 'mobile', text: '13900139000', reason: '联系人同意公开' }), 'FORBIDDEN');
    await expectError(service.overridePrivacyFinding(t.reviewer, t.revision.id, { type: 'mobile', text: '13700137000', reason: '不在稿件中' }), 'VALIDATION_FAILED');
    await expectError(service.overridePrivacyFinding(t.reviewer, t.revision.id, { type: 'mobile', text: '13900139000', reason: '' }), 'VALIDATION_FAILED');
    await service.overridePrivacyFinding(t.reviewer, t.revision.id, { type: 'mobile', text: '13900139000', reason: '联系人同意公开' });
    const gate = await service.checkPrivacy(t.reviewer, t.revision.id);
    expect(gate.result.ok).toBe(true);
    expect(gate.result.findings[0]).toMatchObject({ status: 'overridden', reason: '联系人同意公开' });
    const published = await service.publish(t.reviewer, t.revision.id, t.revision.version);
    expect(published.ok).toBe(true);
    const draft = await service.createRevision(t.editor, t.item.id, { changeNote: '补充说明' });
    expect((await service.checkPrivacy(t.editor, draft.id)).result.ok).toBe(true);
    // published revisions are past the gate
    await expectError(service.overridePrivacyFinding(t.reviewer, t.revision.id, { type: 'mobile', text: '13900139000', reason: '已发布' }), 'ILLEGAL_TRANSITION');
  });

  it('全部去标识化 masks the draft in one step', async () => {
    const t = await item({ draft: { bodyHtml: PERSONAL, summary: '张三来信，电话13800138000' } });
    const masked = await service.deidentifyDraft(t.editor, t.revision.id, t.revision.version);
    expect(masked.bodyHtml).not.toContain('13800138000');
    expect(masked.bodyHtml).not.toContain('110101199003078515');
    expect(masked.bodyHtml).toContain('138****8000');
    expect(masked.version).toBe(t.revision.version + 1);
    expect((await service.checkPrivacy(t.editor, masked.id)).result.ok).toBe(true);
    await expectError(service.deidentifyDraft(t.editor, t.revision.id, t.revision.version), 'STALE_RECORD');
    await expectError(service.deidentifyDraft(t.reviewer, masked.id, masked.version), 'FORBIDDEN');
    const s = await service.submit(t.editor, masked.id, masked.version);
    await expectError(service.deidentifyDraft(t.editor, s.id, s.version), 'ILLEGAL_TRANSITION');
    const audits = await database.db.select().from(auditLog).where(eq(auditLog.entityId, t.item.id));
    expect(audits.map((a) => a.action)).toContain('item.deidentify');
  });

  it('reads attachment text: personal information inside a DOCX blocks publication too', async () => {
    const t = await item();
    await service.addAttachment(t.editor, t.revision.id, { filename: '名单.docx', bytes: await testDocx('联系人李四，手机13800138000') });
    const reviewed = await submitAndReview(t, t.revision);
    const result = await service.publish(t.reviewer, reviewed.id, reviewed.version);
    if (result.ok || result.reason !== 'privacy') throw new Error('expected a privacy refusal');
    expect(result.message).toContain('附件“名单.docx”含有未处理的个人信息');
  });

  it('an attachment whose text cannot be read needs the reviewer’s confirmation', async () => {
    const t = await item();
    const png = await service.addAttachment(t.editor, t.revision.id, { filename: '图解.png', bytes: testPng() });
    expect(png.textExtracted).toBe(false);
    const reviewed = await submitAndReview(t, t.revision);
    const refused = await service.publish(t.reviewer, reviewed.id, reviewed.version);
    if (refused.ok || refused.reason !== 'privacy') throw new Error('expected a privacy refusal');
    expect(refused.reports[0]?.result.attachments[0]?.needsConfirmation).toBe(true);
    await expectError(service.confirmAttachmentPrivacy(t.editor, png.id), 'FORBIDDEN');
    const confirmed = await service.confirmAttachmentPrivacy(t.reviewer, png.id);
    expect(confirmed.privacyConfirmedBy).toBe(t.reviewer.userId);
    expect(confirmed.privacyConfirmedAt).toBeInstanceOf(Date);
    expect((await service.publish(t.reviewer, reviewed.id, reviewed.version)).ok).toBe(true);
  });

  it('takes the masking policy from the genre, not the clerk: 行政执法信息 gets the protective default', async () => {
    const t = await item({ state: 'reviewed', draft: { genre: 'enforcement', bodyHtml: '<p>当事人王五经营的商店存在违法行为。</p>' } });
    const gate = await service.checkPrivacy(t.reviewer, t.revision.id);
    expect(gate.policy).toBe('default');
    expect(gate.result.ok).toBe(false);
  });
});

describe('政策解读 and 重大政策', () => {
  async function majorPolicyWithInterpretation() {
    const agency = await createTestAgency(database.db);
    const editor = await createTestActor(database.db, 'editor', agency);
    const reviewer = await createTestActor(database.db, 'reviewer', agency);
    const policy = await item({ agency, editor, reviewer, draft: { genre: 'normative', isMajorPolicy: true, documentNumber: `渝测规〔2025〕${Math.floor(Math.random() * 900000) + 1}号`, title: '关于进一步优化营商环境的若干措施' } });
    // 谁起草、谁解读: without an agency the interpretation belongs to the policy's drafting agency
    const interp = await service.createDraft(editor, { title: '《关于进一步优化营商环境的若干措施》政策解读', writtenDate: '2025-03-03', subject: 'general_affairs.openness', genre: 'interpretation', interpretationForm: 'qa', interpretsItemIds: [policy.item.id], bodyHtml: '<p>一、出台背景</p>' });
    expect(interp.item.agencyId).toBe(agency.id);
    return { agency, editor, reviewer, policy, interp };
  }

  it('holds a 重大政策 without a ready interpretation; nothing is written', async () => {
    const { policy, reviewer, editor } = await majorPolicyWithInterpretation();
    const reviewed = await submitAndReview({ editor, reviewer }, policy.revision);
    const before = await countRows(database.db);
    const result = await service.publish(reviewer, reviewed.id, reviewed.version);
    if (result.ok || result.reason !== 'interpretation_missing') throw new Error('expected the interpretation refusal');
    expect(result.message).toContain('重大政策须与解读同步发布');
    expect(result.refusals[0]?.field).toBe('interpretation');
    expect(await countRows(database.db)).toEqual(before);
  });

  it('publishes the policy and its ready interpretation together, in one action, linked both ways', async () => {
    const { policy, reviewer, editor, interp } = await majorPolicyWithInterpretation();
    const policyReady = await submitAndReview({ editor, reviewer }, policy.revision);
    await submitAndReview({ editor, reviewer }, interp.revision);
    const result = await service.publish(reviewer, policyReady.id, policyReady.version);
    if (!result.ok) throw new Error(result.message);
    expect(result.published.map((p) => p.itemId).sort()).toEqual([policy.item.id, interp.item.id].sort());
    expect(new Set(result.published.map((p) => p.indexNumber)).size).toBe(2);
    const policyPage = await service.getItemForPortal(policy.item.id);
    expect(policyPage.flags.isMajorPolicy).toBe(true);
    expect(policyPage.interpretations.map((i) => i.itemId)).toEqual([interp.item.id]);
    const interpPage = await service.getItemForPortal(interp.item.id);
    expect(interpPage.policies.map((p) => p.itemId)).toEqual([policy.item.id]);
    expect(interpPage.revision.interpretationForm).toBe('qa');
    const audits = await database.db.select().from(auditLog).where(eq(auditLog.entityId, interp.item.id));
    expect(audits.find((a) => a.action === 'item.publish')?.after).toMatchObject({ publishedTogetherWith: [policy.item.id] });
    expect(await service.listPoliciesWithoutInterpretation(reviewer, policy.agency.id)).toEqual([]);
  });

  it('publishes a 重大政策 alone only with the reviewer’s exception reason, and lists it as lacking an interpretation', async () => {
    const { policy, reviewer, editor } = await majorPolicyWithInterpretation();
    const reviewed = await submitAndReview({ editor, reviewer }, policy.revision);
    const result = await service.publish(reviewer, reviewed.id, reviewed.version, { interpretationException: '解读需待新闻发布会后发布' });
    if (!result.ok) throw new Error('expected publication');
    expect(result.published).toHaveLength(1);
    expect(result.revision.interpretationException).toBe('解读需待新闻发布会后发布');
    const missing = await service.listPoliciesWithoutInterpretation(reviewer, policy.agency.id);
    expect(missing).toMatchObject([{ itemId: policy.item.id, isMajorPolicy: true, hasDraftInterpretation: true, interpretationException: '解读需待新闻发布会后发布' }]);
    const other = await createTestActor(database.db, 'office', await createTestAgency(database.db));
    await expectError(service.listPoliciesWithoutInterpretation(other, policy.agency.id), 'FORBIDDEN');
  });

  it('an interpretation cannot go out before its policy; afterwards it can, and the links stay', async () => {
    const { policy, reviewer, editor, interp } = await majorPolicyWithInterpretation();
    const interpReady = await submitAndReview({ editor, reviewer }, interp.revision);
    await expectError(service.publish(reviewer, interpReady.id, interpReady.version), 'ILLEGAL_TRANSITION');
    const policyReady = await submitAndReview({ editor, reviewer }, policy.revision);
    // the ready interpretation goes with it
    const r = await service.publish(reviewer, policyReady.id, policyReady.version);
    expect(r.ok && r.published.length).toBe(2);
    const links = await database.db.select().from(interpretationLinks).where(eq(interpretationLinks.policyItemId, policy.item.id));
    expect(links.map((l) => l.interpretationItemId)).toEqual([interp.item.id]);
  });

  it('refuses an interpretation without policies or form, and links to another interpretation', async () => {
    const { editor, agency, interp } = await majorPolicyWithInterpretation();
    const before = await countRows(database.db);
    const err = await expectError(service.createDraft(editor, { agencyId: agency.id, title: '某政策解读', writtenDate: '2025-03-03', subject: 'other', genre: 'interpretation' }), 'VALIDATION_FAILED');
    expect(err.fields.map((f) => f.field).sort()).toEqual(['interpretationForm', 'interpretsItemIds']);
    await expectError(service.createDraft(editor, { agencyId: agency.id, title: '解读的解读', writtenDate: '2025-03-03', subject: 'other', genre: 'interpretation', interpretationForm: 'text', interpretsItemIds: [interp.item.id] }), 'VALIDATION_FAILED');
    await expectError(service.createDraft(editor, { agencyId: agency.id, title: '普通通知', writtenDate: '2025-03-03', subject: 'other', genre: 'notice', interpretsItemIds: [interp.item.id] }), 'VALIDATION_FAILED');
    expect(await countRows(database.db)).toEqual(before);
  });
});
