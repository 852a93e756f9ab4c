import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createDeps, type Deps } from '../../deps.ts';
import type { Role } from '../../platform/auth/actor.ts';
import type { Database } from '../../platform/db/database.ts';
import { createTestDatabase } from '../../platform/db/testing.ts';
import type { Agency } from '../agencies/index.ts';
import { createTestAgency } from '../agencies/agencies.testing.ts';
import { signInAs } from '../staff/staff.testing.ts';

let database: Database;
let deps: Deps;
let app: App;
let root: Agency;
let district: Agency;
let dept: Agency;
type Session = { cookie: string; csrfToken: string };
let handler: Session;
let otherHandler: Session;
let agent: Session;
let editor: Session;

const session = (role: Role, at: Agency) => signInAs(app, database.db, [{ role, agencyId: at.id, includeSubtree: false }]);
const get = (url: string, s: Session) => app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });
function post(url: string, s: Session, fields: Record<string, string | string[]>) {
  const body = new URLSearchParams();
  body.append('_csrf', s.csrfToken);
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  return app.inject({ method: 'POST', url, headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: body.toString() });
}
async function count(table: 'hotline_kb_entries' | 'hotline_directory'): Promise<number> {
  const r = await database.db.execute<{ n: number }>(sql.raw(`SELECT count(*)::int AS n FROM ${table}`));
  return Number(r.rows[0]?.n);
}

beforeAll(async () => {
  database = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'gk-hotline-kb-')) });
  deps = createDeps(config, database);
  app = await buildApp(deps, { logger: false });
  root = await createTestAgency(database.db, { kind: 'government' });
  district = await createTestAgency(database.db, { parentId: root.id, kind: 'government', divisionCode: '500103', shortName: '渝中区政府' });
  dept = await createTestAgency(database.db, { parentId: district.id, divisionCode: '500103' });
  handler = await session('handler', dept);
  otherHandler = await session('handler', district);
  agent = await session('agent', root);
  editor = await session('editor', dept);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const entry = () => ({ categoryCode: '090302', ownerAgencyId: dept.id, title: '公积金提取材料', answer: '提取住房公积金需提供身份证、购房合同和本人银行卡，线上即可办理。', keywords: '公积金 提取' });

describe('/console/hotline/kb', () => {
  let id = '';
  it('a handler creates an entry of their agency, the agent finds it by words', async () => {
    const form = await get('/console/hotline/kb/new', handler);
    expect(form.statusCode).toBe(200);
    const res = await post('/console/hotline/kb', handler, entry());
    expect(res.statusCode).toBe(303);
    id = String(res.headers.location).split('/').pop() ?? '';
    const list = await get('/console/hotline/kb?q=%E5%85%AC%E7%A7%AF%E9%87%91', agent);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('公积金提取材料');
    const page = await get(`/console/hotline/kb/${id}`, agent);
    expect(page.body).toContain('提取住房公积金需提供身份证');
    expect(page.body).not.toContain('停用理由');
  });

  it('shows every bad field at once, keeps the input and writes nothing', async () => {
    const before = await count('hotline_kb_entries');
    const res = await post('/console/hotline/kb', handler, { categoryCode: '', ownerAgencyId: dept.id, title: '', answer: '太短', keywords: '保留的关键词' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('诉求分类：');
    expect(res.body).toContain('标题（常见问题）：');
    expect(res.body).toContain('答复口径：');
    expect(res.body).toContain('保留的关键词');
    expect(await count('hotline_kb_entries')).toBe(before);
  });

  it('edits, confirms the review and retires; a stale version is told, not overwritten', async () => {
    const page = await get(`/console/hotline/kb/${id}`, handler);
    const version = /name="version" value="(\d+)"/.exec(page.body)?.[1] ?? '0';
    expect((await post(`/console/hotline/kb/${id}`, handler, { ...entry(), title: '公积金提取需要的材料', version })).statusCode).toBe(303);
    const stale = await post(`/console/hotline/kb/${id}`, handler, { ...entry(), version });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('此记录已被他人修改');
    const v2 = String(Number(version) + 1);
    expect((await post(`/console/hotline/kb/${id}/review`, handler, { version: v2 })).statusCode).toBe(303);
    const v3 = String(Number(version) + 2);
    const noReason = await post(`/console/hotline/kb/${id}/retire`, handler, { version: v3, reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('停用理由');
    expect((await post(`/console/hotline/kb/${id}/retire`, handler, { version: v3, reason: '政策已调整' })).statusCode).toBe(303);
    const again = await post(`/console/hotline/kb/${id}/retire`, handler, { version: String(Number(version) + 3), reason: '再停用一次' });
    expect(again.statusCode).toBe(409);
  });

  it('refuses other roles and agencies on every route', async () => {
    expect((await get('/console/hotline/kb', editor)).statusCode).toBe(403);
    expect((await get('/console/hotline/kb/new', editor)).statusCode).toBe(403);
    expect((await get('/console/hotline/kb/review', editor)).statusCode).toBe(403);
    expect((await get(`/console/hotline/kb/${id}`, editor)).statusCode).toBe(403);
    expect((await post('/console/hotline/kb', editor, entry())).statusCode).toBe(403);
    const before = await count('hotline_kb_entries');
    expect((await post('/console/hotline/kb', otherHandler, entry())).statusCode).toBe(400);
    expect(await count('hotline_kb_entries')).toBe(before);
    expect((await post(`/console/hotline/kb/${id}`, otherHandler, { ...entry(), version: '9' })).statusCode).toBe(403);
    expect((await post(`/console/hotline/kb/${id}/review`, otherHandler, { version: '9' })).statusCode).toBe(403);
    expect((await post(`/console/hotline/kb/${id}/retire`, otherHandler, { version: '9', reason: '不是我的' })).statusCode).toBe(403);
    const anon = await get('/console/hotline/kb', { cookie: '', csrfToken: '' });
    expect(anon.statusCode).toBe(303);
    expect(String(anon.headers.location)).toContain('/console/login');
  });

  it('lists entries due for review', async () => {
    const res = await get('/console/hotline/kb/review', handler);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('待审核知识条目');
  });
});

describe('/console/hotline/directory', () => {
  it('the center sets an entry; the page lists it', async () => {
    const res = await post('/console/hotline/directory', agent, { categoryCode: '090302', divisionCode: '500103', agencyId: dept.id, assistingAgencyIds: [district.id], basis: '权责清单' });
    expect(res.statusCode).toBe(303);
    const page = await get('/console/hotline/directory', agent);
    expect(page.body).toContain('住房 / 住房保障 / 住房公积金');
    expect(page.body).toContain('渝中区');
  });

  it('shows every bad field at once and writes nothing', async () => {
    const before = await count('hotline_directory');
    const res = await post('/console/hotline/directory', agent, { categoryCode: '123456', divisionCode: '999999', agencyId: 'x' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('诉求分类：请从列表中选择');
    expect(res.body).toContain('区县：请从列表中选择');
    expect(res.body).toContain('主办单位：请从列表中选择');
    expect(await count('hotline_directory')).toBe(before);
  });

  it('removes with a reason; without one it says so', async () => {
    const page = await get('/console/hotline/directory', agent);
    const m = /action="\/console\/hotline\/directory\/([0-9a-f-]{36})\/remove"[\s\S]*?name="version" value="(\d+)"/.exec(page.body);
    expect(m).not.toBeNull();
    const [, entryId, version] = m as RegExpExecArray;
    const bad = await post(`/console/hotline/directory/${entryId}/remove`, agent, { version: version as string, reason: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain(`#field-remove-${entryId}`);
    expect((await post(`/console/hotline/directory/${entryId}/remove`, agent, { version: version as string, reason: '职责调整' })).statusCode).toBe(303);
  });

  it('the center adds and removes keyword rules; bad input is named and nothing written', async () => {
    const bad = await post('/console/hotline/directory/rules', agent, { 'rule.keywords': '', 'rule.agencyId': '', 'rule.weight': '2', 'rule.note': '保留的说明' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#field-rule.keywords"');
    expect(bad.body).toContain('权重：应为 0.01 到 1 之间的小数');
    expect(bad.body).toContain('保留的说明');
    const ok = await post('/console/hotline/directory/rules', agent, { 'rule.keywords': '解放碑，步行街', 'rule.agencyId': dept.id, 'rule.divisionCode': '500103' });
    expect(ok.statusCode).toBe(303);
    const page = await get('/console/hotline/directory', agent);
    expect(page.body).toContain('解放碑、步行街');
    const id = /action="\/console\/hotline\/directory\/rules\/([0-9a-f-]{36})\/remove"/.exec(page.body)?.[1] ?? '';
    expect((await post(`/console/hotline/directory/rules/${id}/remove`, handler, { reason: '越权删除' })).statusCode).toBe(403);
    expect((await post(`/console/hotline/directory/rules`, handler, { 'rule.keywords': '越权', 'rule.agencyId': dept.id })).statusCode).toBe(403);
    const noReason = await post(`/console/hotline/directory/rules/${id}/remove`, agent, { reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain(`#field-rule-remove-${id}`);
    expect((await post(`/console/hotline/directory/rules/${id}/remove`, agent, { reason: '规则不再需要' })).statusCode).toBe(303);
  });

  it('the center retrains the dispatch model from the page', async () => {
    const res = await post('/console/hotline/directory/retrain', agent, {});
    expect(res.statusCode).toBe(303);
    const page = await get('/console/hotline/directory', agent);
    expect(page.body).toContain('尚未训练'); // no answered tickets yet: nothing learnt, nothing stored
  });

  it('refuses other roles', async () => {
    expect((await post('/console/hotline/directory/retrain', handler, {})).statusCode).toBe(403);
    expect((await get('/console/hotline/directory', editor)).statusCode).toBe(403);
    const before = await count('hotline_directory');
    expect((await post('/console/hotline/directory', handler, { categoryCode: '090302', agencyId: dept.id })).statusCode).toBe(403);
    expect((await post(`/console/hotline/directory/${root.id}/remove`, handler, { version: '1', reason: '不允许的删除' })).statusCode).toBe(403);
    expect(await count('hotline_directory')).toBe(before);
  });
});
