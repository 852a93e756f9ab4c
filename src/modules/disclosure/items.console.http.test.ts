import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createDeps, type Deps } from '../../deps.ts';
import type { Actor, Role } from '../../platform/auth/actor.ts';
import { syncCalendarFromPackage } from '../../platform/calendar/calendar.sync.ts';
import { shanghaiDate } from '../../platform/calendar/workdays.ts';
import type { Database } from '../../platform/db/database.ts';
import { createTestDatabase } from '../../platform/db/testing.ts';
import type { Agency } from '../agencies/index.ts';
import { createTestAgency } from '../agencies/agencies.testing.ts';
import { signInAs } from '../staff/staff.testing.ts';
import { createTestItem, testPng, type TestItemState } from './items.testing.ts';
import type { NewItemDraft } from './items.schema.ts';

let database: Database;
let deps: Deps;
let app: App;
let agency: Agency;

interface Session {
  cookie: string;
  csrfToken: string;
  actor: Actor;
}

let editor: Session;
let reviewer: Session;
let agent: Session;
let otherEditor: Session;

async function sessionFor(role: Role, at: Agency): Promise<Session> {
  return signInAs(app, database.db, [{ role, agencyId: at.id, includeSubtree: false }]);
}

beforeAll(async () => {
  database = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'gk-items-console-')), MAX_UPLOAD_MB: '1' });
  deps = createDeps(config, database);
  app = await buildApp(deps, { logger: false });
  await syncCalendarFromPackage(database.db);
  agency = await createTestAgency(database.db);
  editor = await sessionFor('editor', agency);
  reviewer = await sessionFor('reviewer', agency);
  agent = await sessionFor('agent', agency);
  otherEditor = await sessionFor('editor', await createTestAgency(database.db));
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

function get(url: string, s: Session) {
  return app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });
}

function post(url: string, s: Session, fields: Record<string, string | string[]>) {
  const body = new URLSearchParams();
  body.append('_csrf', s.csrfToken);
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  return app.inject({ method: 'POST', url, headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: body.toString() });
}

function postFile(url: string, s: Session, file: { name: string; type: string; bytes: Buffer }) {
  const boundary = '----gongkaiTestBoundary7MA4YWxk';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${s.csrfToken}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`),
    file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return app.inject({ method: 'POST', url, headers: { cookie: s.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
}

async function counts(): Promise<string> {
  const r = await database.db.execute(sql`SELECT
    (SELECT count(*) FROM items) AS items,
    (SELECT count(*) FROM item_revisions) AS revisions,
    (SELECT count(*) FROM attachments) AS attachments,
    (SELECT count(*) FROM audit_log) AS audits`);
  return JSON.stringify(r.rows[0]);
}

function item(state: TestItemState, draft: Partial<NewItemDraft> = {}) {
  return createTestItem(database.db, { service: deps.items, agency, editor: editor.actor, reviewer: reviewer.actor, state, draft });
}

/** A day a few working days back, so a new draft is well inside the 20-working-day rule. */
const recentDay = (): string => shanghaiDate(new Date(Date.now() - 2 * 86_400_000));

function goodForm(overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    agencyId: agency.id,
    title: '关于开展政务公开测试工作的通知',
    documentNumber: '渝府办发[2026]12号',
    writtenDate: recentDay(),
    subject: 'general_affairs.openness',
    genre: 'notice',
    policyTags: ['public_benefit'],
    keywords: '政务公开，测试',
    bodyHtml: '<p>各区县人民政府：</p><p>现将有关事项通知如下。</p><script>alert(1)</script>',
    disclosureMode: 'proactive',
    ...overrides,
  };
}

function formsOf(html: string): string[] {
  return html.match(/<form method="post"[\s\S]*?<\/form>/g) ?? [];
}

describe('forbidden roles', () => {
  it('turns away a role without item rights from every page', async () => {
    const t = await item('draft');
    for (const url of ['/console/items', '/console/items/board', '/console/items/interpretations', '/console/items/new', `/console/items/${t.item.id}`, `/console/items/${t.item.id}/edit`]) {
      const res = await get(url, agent);
      expect(res.statusCode, url).toBe(403);
    }
  });

  it('keeps another agency’s editor out of an item and its verbs', async () => {
    const t = await item('draft');
    expect((await get(`/console/items/${t.item.id}`, otherEditor)).statusCode).toBe(403);
    const before = await counts();
    const res = await post(`/console/items/${t.item.id}/submit`, otherEditor, { version: String(t.revision.version) });
    expect(res.statusCode).toBe(403);
    expect(await counts()).toBe(before);
  });

  it('does not let an agent create a draft, nor a reviewer edit one, nor an editor publish', async () => {
    const before = await counts();
    expect((await post('/console/items/new', agent, goodForm())).statusCode).toBe(403);
    expect((await post('/console/items/new', reviewer, goodForm())).statusCode).toBe(403);
    expect(await counts()).toBe(before);
    const draft = await item('draft');
    expect((await get(`/console/items/${draft.item.id}/edit`, reviewer)).statusCode).toBe(403);
    const reviewed = await item('reviewed');
    const res = await post(`/console/items/${reviewed.item.id}/publish`, editor, { version: String(reviewed.revision.version) });
    expect(res.statusCode).toBe(403);
    expect((await deps.items.getItemForConsole(reviewer.actor, reviewed.item.id)).item.status).toBe('never_published');
  });

  it('does not let an agent upload an attachment', async () => {
    const t = await item('draft');
    const before = await counts();
    const res = await postFile(`/console/items/${t.item.id}/attachments`, agent, { name: 'a.png', type: 'image/png', bytes: Buffer.from('x') });
    expect(res.statusCode).toBe(403);
    expect(await counts()).toBe(before);
  });
});

describe('the drafting form', () => {
  it('shows every field and a CSRF token on the form', async () => {
    const res = await get('/console/items/new', editor);
    expect(res.statusCode).toBe(200);
    for (const label of ['标题', '联合发文机关', '发文字号', '成文日期', '主题分类', '体裁', '五类政策信息', '行政执法', '关键词', '正文（HTML）', '公开属性', '不予公开的法定理由', '重大政策', '解读形式', '所解读的政策', '主动公开目录栏目']) {
      expect(res.body, label).toContain(label);
    }
    for (const f of formsOf(res.body)) expect(f).toContain(`name="_csrf" value="${editor.csrfToken}"`);
  });

  it('refuses a malformed 发文字号 with a summary and a message at the field, writing nothing', async () => {
    const before = await counts();
    const res = await post('/console/items/new', editor, goodForm({ documentNumber: '渝府办发2026' }));
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('class="error-summary"');
    expect(res.body).toContain('href="#field-documentNumber"');
    expect(res.body).toContain('发文字号有误');
    expect(res.body).toContain('id="field-documentNumber-error"');
    // what was typed comes back
    expect(res.body).toContain('关于开展政务公开测试工作的通知');
    expect(await counts()).toBe(before);
  });

  it('refuses a 成文日期 in the future, writing nothing', async () => {
    const before = await counts();
    const res = await post('/console/items/new', editor, goodForm({ writtenDate: '2099-01-01', documentNumber: '' }));
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('成文日期不能晚于今天');
    expect(res.body).toContain('href="#field-writtenDate"');
    expect(await counts()).toBe(before);
  });

  it('asks for the reason of 依申请公开 at the reason field', async () => {
    const before = await counts();
    const res = await post('/console/items/new', editor, goodForm({ disclosureMode: 'on_request' }));
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('href="#field-withholdNote"');
    expect(res.body).toContain('依申请公开须说明不主动公开的理由');
    expect(await counts()).toBe(before);
  });

  it('saves a draft, sanitizes the body, and edits it with the version', async () => {
    const res = await post('/console/items/new', editor, goodForm({ title: '关于保存草稿的测试通知' }));
    expect(res.statusCode).toBe(303);
    const itemId = String(res.headers.location).split('/').pop() ?? '';
    const data = await deps.items.getItemForConsole(editor.actor, itemId);
    const open = data.openRevision;
    expect(open?.documentNumber).toBe('渝府办发〔2026〕12号');
    expect(open?.bodyHtml).not.toContain('<script');
    expect(open?.keywords).toEqual(['政务公开', '测试']);

    const form = await get(`/console/items/${itemId}/edit`, editor);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('关于保存草稿的测试通知');
    for (const f of formsOf(form.body)) expect(f).toContain(`name="_csrf" value="${editor.csrfToken}"`);

    const saved = await post(`/console/items/${itemId}/edit`, editor, goodForm({ title: '关于保存草稿的测试通知（修改）', version: String(open?.version) }));
    expect(saved.statusCode).toBe(303);
    const stale = await post(`/console/items/${itemId}/edit`, editor, goodForm({ title: '过期的修改', version: String(open?.version) }));
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('此记录已被他人修改');
    expect((await deps.items.getItemForConsole(editor.actor, itemId)).openRevision?.title).toBe('关于保存草稿的测试通知（修改）');
  });

  it('uploads an attachment through the multipart form and removes it again', async () => {
    const t = await item('draft');
    const res = await postFile(`/console/items/${t.item.id}/attachments`, editor, { name: '示意图.png', type: 'image/png', bytes: testPng() });
    expect(res.statusCode).toBe(303);
    const files = (await deps.items.getItemForConsole(editor.actor, t.item.id)).attachments[t.revision.id] ?? [];
    expect(files.map((f) => f.filename)).toEqual(['示意图.png']);
    const form = await get(`/console/items/${t.item.id}/edit`, editor);
    expect(form.body).toContain('示意图.png');
    const id = files[0]?.id ?? '';
    expect((await post(`/console/items/${t.item.id}/attachments/${id}/remove`, agent, {})).statusCode).toBe(403);
    expect((await post(`/console/items/${t.item.id}/attachments/${id}/remove`, editor, {})).statusCode).toBe(303);
    expect((await deps.items.getItemForConsole(editor.actor, t.item.id)).attachments[t.revision.id]).toEqual([]);
  });

  it('refuses a file over the size limit with 413 at the field, and a body far over it outright', async () => {
    const t = await item('draft');
    const before = await counts();
    const over = await postFile(`/console/items/${t.item.id}/attachments`, editor, { name: '大图.png', type: 'image/png', bytes: Buffer.concat([testPng(), Buffer.alloc(1024 * 1024)]) });
    expect(over.statusCode).toBe(413);
    expect(over.body).toContain('id="field-file-error"');
    const huge = await postFile(`/console/items/${t.item.id}/attachments`, editor, { name: '巨大.png', type: 'image/png', bytes: Buffer.alloc(3 * 1024 * 1024) });
    expect(huge.statusCode).toBe(413);
    expect(await counts()).toBe(before);
  });

  it('shows a file of the wrong type as a field error (415), writing nothing', async () => {
    const t = await item('draft');
    const before = await counts();
    const res = await postFile(`/console/items/${t.item.id}/attachments`, editor, { name: '通知.pdf', type: 'application/pdf', bytes: Buffer.from('这不是 PDF 文件，只是一段文字。') });
    expect(res.statusCode).toBe(415);
    expect(res.body).toContain('href="#field-file"');
    expect(res.body).toContain('id="field-file-error"');
    expect(await counts()).toBe(before);
  });
});

describe('the item page and its workflow', () => {
  it('goes editor → submit → reviewer confirms 保密审查 → publishes', async () => {
    const created = await post('/console/items/new', editor, goodForm({ title: '关于发布流程测试的通知', documentNumber: '' }));
    expect(created.statusCode).toBe(303);
    const itemId = String(created.headers.location).split('/').pop() ?? '';
    const url = `/console/items/${itemId}`;
    const version = async () => String((await deps.items.getItemForConsole(reviewer.actor, itemId)).openRevision?.version);

    const page = await get(url, editor);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('草稿');
    expect(page.body).toContain('提交审核');
    expect(page.body).toContain('剩余');
    for (const f of formsOf(page.body)) expect(f).toContain(`name="_csrf" value="${editor.csrfToken}"`);

    expect((await post(`${url}/submit`, editor, { version: await version() })).statusCode).toBe(303);
    const review = await get(url, reviewer);
    expect(review.body).toContain('待审核');
    expect(review.body).toContain('确认已完成保密审查');
    expect((await post(`${url}/secrecy-review`, reviewer, { version: await version() })).statusCode).toBe(303);
    const published = await post(`${url}/publish`, reviewer, { version: await version() });
    expect(published.statusCode).toBe(303);

    const data = await deps.items.getItemForConsole(reviewer.actor, itemId);
    expect(data.item.status).toBe('published');
    expect(data.item.indexNumber).toMatch(/\/\d{4}-\d{5}$/);
    const list = await get(`/console/items?agency=${agency.id}&state=published`, reviewer);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('关于发布流程测试的通知');
    expect(list.body).toContain('已发布');
  });

  it('refuses to publish without 保密审查, with an error summary, writing nothing', async () => {
    const t = await item('submitted');
    const before = await counts();
    const res = await post(`/console/items/${t.item.id}/publish`, reviewer, { version: String(t.revision.version) });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('class="error-summary"');
    expect(res.body).toContain('发布前须由审核人确认保密审查');
    expect(await counts()).toBe(before);
    expect((await deps.items.getItemForConsole(reviewer.actor, t.item.id)).item.status).toBe('never_published');
  });

  it('shows a workflow refusal (wrong state) as an error summary', async () => {
    const t = await item('draft');
    const res = await post(`/console/items/${t.item.id}/return`, reviewer, { version: String(t.revision.version), comment: '请补充' });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('class="error-summary"');
  });

  it('asks for the return comment at its field', async () => {
    const t = await item('submitted');
    const before = await counts();
    const res = await post(`/console/items/${t.item.id}/return`, reviewer, { version: String(t.revision.version), comment: '' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('退回修改时请写明退回意见');
    expect(await counts()).toBe(before);
  });

  it('changes a published item through a new revision that needs a change note', async () => {
    const t = await item('published');
    expect((await post(`/console/items/${t.item.id}/revision`, reviewer, { version: String(t.item.version) })).statusCode).toBe(403);
    const noNote = await counts();
    const refused = await post(`/console/items/${t.item.id}/revision`, editor, { version: String(t.item.version) });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('href="#field-changeNote"');
    expect(await counts()).toBe(noNote);
    const opened = await post(`/console/items/${t.item.id}/revision`, editor, { version: String(t.item.version), changeNote: '补充联系方式' });
    expect(opened.statusCode).toBe(303);
    expect(opened.headers.location).toBe(`/console/items/${t.item.id}/edit`);
    const form = await get(`/console/items/${t.item.id}/edit`, editor);
    expect(form.body).toContain('修改说明');
    const open = (await deps.items.getItemForConsole(editor.actor, t.item.id)).openRevision;
    const before = await counts();
    const res = await post(`/console/items/${t.item.id}/edit`, editor, goodForm({ documentNumber: '', version: String(open?.version) }));
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('href="#field-changeNote"');
    expect(await counts()).toBe(before);
    const saved = await post(`/console/items/${t.item.id}/edit`, editor, goodForm({ documentNumber: '', version: String(open?.version), changeNote: '更正了联系方式' }));
    expect(saved.statusCode).toBe(303);
  });

  it('unpublishes an item published in error, asking for the reason', async () => {
    const t = await item('published');
    expect((await post(`/console/items/${t.item.id}/unpublish`, editor, { version: String(t.item.version), unpublishReason: '误发' })).statusCode).toBe(403);
    const missing = await post(`/console/items/${t.item.id}/unpublish`, reviewer, { version: String(t.item.version), unpublishReason: '' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('href="#field-unpublishReason"');
    const res = await post(`/console/items/${t.item.id}/unpublish`, reviewer, { version: String(t.item.version), unpublishReason: '误发了内部文件' });
    expect(res.statusCode).toBe(303);
    expect((await get(`/console/items/${t.item.id}`, reviewer)).body).toContain('误发了内部文件');
  });

  it('withdraws and revokes a published item', async () => {
    const t = await item('published');
    const page = await get(`/console/items/${t.item.id}`, reviewer);
    for (const label of ['撤回', '宣布失效或废止', '撤销发布']) expect(page.body, label).toContain(label);
    expect(page.body).not.toContain('新建修订');
    expect((await get(`/console/items/${t.item.id}`, editor)).body).toContain('新建修订');
    const missing = await post(`/console/items/${t.item.id}/withdraw`, reviewer, { version: String(t.item.version), notice: '' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('href="#field-notice"');
    const revoked = await post(`/console/items/${t.item.id}/revoke`, reviewer, { version: String(t.item.version), validity: 'repealed', effectiveDate: recentDay(), reason: '已被新文件替代' });
    expect(revoked.statusCode).toBe(303);
    const after = await get(`/console/items/${t.item.id}`, reviewer);
    expect(after.body).toContain('该文件已废止');
  });
});

describe('重大政策 and its interpretation', () => {
  async function draftThroughForm(form: Record<string, string | string[]>): Promise<string> {
    const res = await post('/console/items/new', editor, goodForm({ documentNumber: '', ...form }));
    expect(res.statusCode, res.body.slice(0, 2000)).toBe(303);
    return String(res.headers.location).split('/').pop() ?? '';
  }

  async function submitAndReview(itemId: string): Promise<void> {
    let open = (await deps.items.getItemForConsole(editor.actor, itemId)).openRevision;
    expect((await post(`/console/items/${itemId}/submit`, editor, { version: String(open?.version) })).statusCode).toBe(303);
    open = (await deps.items.getItemForConsole(reviewer.actor, itemId)).openRevision;
    expect((await post(`/console/items/${itemId}/secrecy-review`, reviewer, { version: String(open?.version) })).statusCode).toBe(303);
  }

  it('holds a 重大政策 without an interpretation, with the message at the exception field', async () => {
    const policyId = await draftThroughForm({ title: '关于支持中小企业发展的若干政策', genre: 'normative', isMajorPolicy: '1' });
    await submitAndReview(policyId);
    const open = (await deps.items.getItemForConsole(reviewer.actor, policyId)).openRevision;
    const before = await counts();
    const res = await post(`/console/items/${policyId}/publish`, reviewer, { version: String(open?.version) });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('href="#field-interpretationException"');
    expect(res.body).toContain('重大政策须与解读同步发布');
    expect(await counts()).toBe(before);
  });

  it('publishes a 重大政策 together with the interpretation drafted for it', async () => {
    const policyId = await draftThroughForm({ title: '关于促进民营经济高质量发展的意见', genre: 'normative', isMajorPolicy: '1' });
    const form = await get(`/console/items/new?interprets=${policyId}`, editor);
    expect(form.body).toContain('关于促进民营经济高质量发展的意见');
    const missingForm = await post('/console/items/new', editor, goodForm({ documentNumber: '', title: '一图读懂：促进民营经济高质量发展', genre: 'interpretation', interpretsItemIds: policyId }));
    expect(missingForm.statusCode).toBe(400);
    expect(missingForm.body).toContain('href="#field-interpretationForm"');
    const interpretationId = await draftThroughForm({ title: '一图读懂：促进民营经济高质量发展', genre: 'interpretation', interpretationForm: 'graphic', interpretsItemIds: policyId });
    await submitAndReview(interpretationId);
    await submitAndReview(policyId);
    const open = (await deps.items.getItemForConsole(reviewer.actor, policyId)).openRevision;
    const res = await post(`/console/items/${policyId}/publish`, reviewer, { version: String(open?.version) });
    expect(res.statusCode).toBe(303);
    expect((await deps.items.getItemForConsole(reviewer.actor, interpretationId)).item.status).toBe('published');
    const page = await get(`/console/items/${policyId}`, reviewer);
    expect(page.body).toContain('政策解读：');
    expect(page.body).toContain('一图读懂：促进民营经济高质量发展');
  });
});

describe('privacy findings', () => {
  const body = '<p>经核实，申请人张三（身份证号 11010519491231002X，手机 13800138000）的补贴已发放。</p>';

  it('marks the findings in place and blocks publishing until they are handled', async () => {
    const t = await item('reviewed', { bodyHtml: body });
    const page = await get(`/console/items/${t.item.id}`, reviewer);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<mark');
    expect(page.body).toContain('身份证号码');
    expect(page.body).toContain('保留并说明理由');
    const before = await counts();
    const res = await post(`/console/items/${t.item.id}/publish`, reviewer, { version: String(t.revision.version) });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('class="error-summary"');
    expect(res.body).toContain('未处理的个人信息');
    expect(await counts()).toBe(before);
    expect((await deps.items.getItemForConsole(reviewer.actor, t.item.id)).item.status).toBe('never_published');
  });

  it('masks every finding with 全部去标识化 on a draft', async () => {
    const t = await item('draft', { bodyHtml: body });
    const page = await get(`/console/items/${t.item.id}`, editor);
    expect(page.body).toContain('全部去标识化');
    const res = await post(`/console/items/${t.item.id}/deidentify`, editor, { version: String(t.revision.version) });
    expect(res.statusCode).toBe(303);
    const open = (await deps.items.getItemForConsole(editor.actor, t.item.id)).openRevision;
    expect(open?.bodyHtml).not.toContain('13800138000');
    expect(open?.bodyHtml).not.toContain('11010519491231002X');
  });

  it('keeps one finding with a reviewer’s reason, and asks for the reason', async () => {
    const t = await item('submitted', { bodyHtml: '<p>经核实，申请人张三的手机 13800138000 已登记。</p>' });
    const found = (await deps.items.checkPrivacy(reviewer.actor, t.revision.id)).result.unresolved.find((f) => f.type === 'mobile');
    expect(found).toBeDefined();
    const finding = { type: found?.type ?? 'mobile', text: found?.text ?? '' };
    const before = await counts();
    const noReason = await post(`/console/items/${t.item.id}/privacy-override`, reviewer, { ...finding, reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('请写明保留理由');
    expect(await counts()).toBe(before);
    const res = await post(`/console/items/${t.item.id}/privacy-override`, reviewer, { ...finding, reason: '申请人书面同意公开其联系电话' });
    expect(res.statusCode).toBe(303);
    const after = (await deps.items.checkPrivacy(reviewer.actor, t.revision.id)).result.findings.find((f) => f.type === 'mobile');
    expect(after?.status).toBe('overridden');
  });
});

describe('the supervision pages', () => {
  it('shows overdue drafts on the 20-working-day board and in the list', async () => {
    const t = await item('draft', { title: '一份早已超期的草稿', writtenDate: '2025-03-03' });
    const board = await get(`/console/items/board?agency=${agency.id}`, reviewer);
    expect(board.statusCode).toBe(200);
    expect(board.body).toContain('一份早已超期的草稿');
    expect(board.body).toContain('已超期');
    const list = await get(`/console/items?agency=${agency.id}&state=draft`, editor);
    expect(list.body).toContain(`/console/items/${t.item.id}`);
    expect(list.body).toContain('chip--overdue');
  });

  it('answers 400 with a summary for a bad list filter', async () => {
    const res = await get('/console/items?state=nonsense', editor);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('class="error-summary"');
  });

  it('lists published policies without an interpretation', async () => {
    await item('published', { title: '一份尚无解读的规范性文件', genre: 'normative' });
    const res = await get(`/console/items/interpretations?agency=${agency.id}`, reviewer);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('一份尚无解读的规范性文件');
    expect(res.body).toContain('起草解读');
  });
});
