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
import { signInAs } from '../staff/staff.testing.ts';
import { createTestCatalogAgency, createTestListedItem, templateNode } from './catalog.testing.ts';

let database: Database;
let deps: Deps;
let app: App;

beforeAll(async () => {
  database = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'gk-catalog-')), BASE_URL: 'https://xxgk.example.gov.cn' });
  deps = createDeps(config, database);
  app = await buildApp(deps, { logger: false });
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

interface Session {
  cookie: string;
  csrf: string;
}

async function signIn(grants: { role: Role; agency: Agency; includeSubtree?: boolean }[]): Promise<Session> {
  const s = await signInAs(app, database.db, grants.map((g) => ({ role: g.role, agencyId: g.agency.id, includeSubtree: g.includeSubtree ?? true })));
  return { cookie: s.cookie, csrf: s.csrfToken };
}

function get(url: string, s?: Session) {
  return app.inject({ method: 'GET', url, headers: s ? { cookie: s.cookie } : {} });
}

function post(url: string, s: Session, fields: Record<string, string>, withCsrf = true) {
  const body = new URLSearchParams({ ...(withCsrf ? { _csrf: s.csrf } : {}), ...fields }).toString();
  return app.inject({ method: 'POST', url, headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: body });
}

async function counts() {
  const r = await database.db.execute<{ nodes: number; changes: number; audit: number }>(
    sql`SELECT (SELECT count(*) FROM catalog_nodes)::int AS nodes, (SELECT count(*) FROM catalog_changes)::int AS changes, (SELECT count(*) FROM audit_log)::int AS audit`,
  );
  return r.rows[0];
}

function textOf(html: string): string {
  return html.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}

async function setup() {
  const city = await createTestCatalogAgency(database.db, { kind: 'government' });
  const dept = await createTestCatalogAgency(database.db, { parentId: city.agency.id, officeFax: '023-63000001', officeEmail: 'xxgk@dept.example.gov.cn' });
  return { city, dept };
}

async function versionOf(id: string): Promise<number> {
  const r = await database.db.execute<{ version: number }>(sql`SELECT version FROM catalog_nodes WHERE id = ${id}`);
  return Number(r.rows[0]?.version);
}

/** The session cookie plus the flash cookie a redirect set. */
function withFlash(s: Session, setCookie: string | string[] | undefined): Session {
  const flash = [setCookie].flat().find((c): c is string => typeof c === 'string' && c.startsWith('gk_flash='));
  return { ...s, cookie: flash ? `${s.cookie}; ${flash.split(';')[0]}` : s.cookie };
}

describe('the agency 信息公开 page', () => {
  it('has the 指南 (条例 第十二条), the catalog with counts, the 年报 link and an honest 依申请公开 entry', async () => {
    const { dept } = await setup();
    const reports = templateNode(dept.nodes, 'annual_reports');
    await createTestListedItem(database.db, { agency: dept.agency, nodeIds: [reports.id], title: '2023年政府信息公开工作年度报告', genre: 'annual_report', publishedDate: '2024-01-20', writtenDate: '2024-01-15' });
    const res = await get(`/agencies/${dept.agency.code}`);
    expect(res.statusCode).toBe(200);
    const text = textOf(res.body);
    for (const h of ['政府信息公开指南', '主动公开目录', '政府信息公开工作年度报告', '依申请公开']) expect(res.body).toContain(`>${h}</h2>`);
    // the guide: 分类、编排体系、获取方式 and the office with name, address, hours, phone, fax, web
    for (const s of ['一、分类', '二、编排体系', '三、获取方式', '四、政府信息公开工作机构', dept.agency.officeName, dept.agency.officeAddress, dept.agency.officeHours, '023-63890000', '023-63000001', `https://xxgk.example.gov.cn/agencies/${dept.agency.code}`, 'xxgk@dept.example.gov.cn', `${dept.agency.creditCode}/`]) {
      expect(text).toContain(s);
    }
    expect(text).toContain('重点领域（重大建设项目、公共资源配置、社会公益事业、招商引资、营商环境）');
    // the catalog tree with counts, linking to each column
    expect(res.body).toContain(`href="/agencies/${dept.agency.code}/catalog/${reports.id}"`);
    expect(text).toContain('政府信息公开年报（1 条）');
    expect(text).toContain('最新一期：2023年政府信息公开工作年度报告');
    // 依申请公开: the online form with this agency chosen, the status query, and the written channels
    expect(res.body).toContain(`href="/requests/new?agency=${dept.agency.id}"`);
    expect(res.body).toContain('href="/requests/status"');
    expect(text).toContain('也可以通过信函、传真或当面提交申请');
    expect(res.body).toContain(`href="/agencies/${dept.agency.code}/catalog/${templateNode(dept.nodes, 'requests').id}"`);
    expect(res.body).toContain(`href="/agencies/${dept.agency.code}/feed.rss"`);
  });

  it('an agency without any annual report says so', async () => {
    const { dept } = await setup();
    expect(textOf((await get(`/agencies/${dept.agency.code}`)).body)).toContain('本机关尚未在本网站发布政府信息公开工作年度报告');
  });
});

describe('public catalog pages', () => {
  it('/catalog shows the whole tree; a column lists 20 a page, newest first, with 索引号, 名称, 生成日期 and 发布日期', async () => {
    const { dept } = await setup();
    const plans = templateNode(dept.nodes, 'plans');
    for (let i = 1; i <= 21; i++) await createTestListedItem(database.db, { agency: dept.agency, nodeIds: [plans.id], title: `规划${String(i).padStart(2, '0')}`, publishedDate: `2024-02-${String(i).padStart(2, '0')}`, writtenDate: '2024-01-31', summary: i === 21 ? '概述：<b>不是标签</b>' : null });
    const tree = await get(`/agencies/${dept.agency.code}/catalog`);
    expect(tree.statusCode).toBe(200);
    expect(textOf(tree.body)).toContain('规划计划（21 条）');
    expect(tree.body).toMatch(/<nav aria-label="当前位置"/);

    const p1 = await get(`/agencies/${dept.agency.code}/catalog/${plans.id}`);
    expect(p1.statusCode).toBe(200);
    expect(p1.headers['cache-control']).toBe('public, max-age=60');
    const t1 = textOf(p1.body);
    for (const h of ['索引号', '名称', '生成日期', '发布日期']) expect(p1.body).toContain(`<th scope="col">${h}</th>`);
    expect(t1).toContain('共 21 条（第 1 / 2 页）');
    expect(t1.indexOf('规划21')).toBeLessThan(t1.indexOf('规划20'));
    expect(t1).not.toContain('规划01');
    expect(t1).toContain('2024年02月21日');
    expect(t1).toContain('2024年01月31日');
    expect(p1.body).toContain('概述：&lt;b>不是标签&lt;/b>');
    expect(p1.body).not.toContain('<b>不是标签');
    expect(p1.body).toContain(`href="/agencies/${dept.agency.code}/catalog/${plans.id}?page=2"`);
    const p2 = await get(`/agencies/${dept.agency.code}/catalog/${plans.id}?page=2`);
    expect(textOf(p2.body)).toContain('规划01');
    expect(textOf(p2.body)).not.toContain('规划02');
    expect((await get(`/agencies/${dept.agency.code}/catalog/${plans.id}?page=3`)).statusCode).toBe(404);
    expect((await get(`/agencies/${dept.agency.code}/catalog/${plans.id}?page=abc`)).statusCode).toBe(400);
    expect((await get(`/agencies/${dept.agency.code}/catalog/not-a-node`)).statusCode).toBe(404);
    expect((await get(`/agencies/no-such-agency/catalog`)).statusCode).toBe(404);
  });

  it('a retired column hides from the tree but its page and items stay reachable, marked', async () => {
    const { dept } = await setup();
    const powers = templateNode(dept.nodes, 'powers');
    const item = await createTestListedItem(database.db, { agency: dept.agency, nodeIds: [powers.id], title: '权责清单2023' });
    await deps.catalog.retireNode({ system: 'test' }, powers.id, powers.version, { reason: '并入机构职能' });
    expect((await get(`/agencies/${dept.agency.code}/catalog`)).body).not.toContain(powers.id);
    const page = await get(`/agencies/${dept.agency.code}/catalog/${powers.id}`);
    expect(page.statusCode).toBe(200);
    expect(textOf(page.body)).toContain('该栏目已停用');
    expect(textOf(page.body)).toContain('权责清单2023');
    expect((await get(`/xxgk/${item.indexNumber}`)).statusCode).toBe(200);
  });

  it('the 依申请公开 column explains how to apply and links to the online form with the agency chosen', async () => {
    const { dept } = await setup();
    const res = await get(`/agencies/${dept.agency.code}/catalog/${templateNode(dept.nodes, 'requests').id}`);
    expect(res.statusCode).toBe(200);
    expect(textOf(res.body)).toContain('条例 第二十九条');
    expect(res.body).toContain(`href="/requests/new?agency=${dept.agency.id}"`);
    expect(textOf(res.body)).not.toContain('尚未开通');
  });

  it('/catalog/changes lists every adjustment with when, what, why and who, newest first, paged', async () => {
    const { dept } = await setup();
    const s = await signIn([{ role: 'reviewer', agency: dept.agency }]);
    const plans = templateNode(dept.nodes, 'plans');
    expect((await post(`/console/catalog/nodes/${plans.id}/rename`, s, { name: '发展规划', reason: '与市级目录统一', version: String(plans.version) })).statusCode).toBe(303);
    const res = await get(`/agencies/${dept.agency.code}/catalog/changes`);
    expect(res.statusCode).toBe(200);
    const text = textOf(res.body);
    expect(text).toContain('共 18 条');
    expect(text).toContain('栏目“规划计划”更名为“发展规划”');
    expect(text).toContain('与市级目录统一');
    expect(text.indexOf('发展规划')).toBeLessThan(text.indexOf('按主动公开基本目录标准模板建立'));
    expect(text).toContain('系统（标准模板）');
    expect(textOf((await get(`/agencies/${dept.agency.code}/catalog/changes?page=1`)).body)).toContain('发展规划');
    expect((await get(`/agencies/${dept.agency.code}/catalog/changes?page=9`)).statusCode).toBe(404);
  });
});

describe('console: who may adjust a catalog', () => {
  it('sends a visitor without a session to sign in', async () => {
    const res = await get('/console/catalog');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(/^\/console\/login\?next=/);
  });

  it('403 on every page and form for 部门编辑, 坐席, 承办人 and other agencies, writing nothing', async () => {
    const { city, dept } = await setup();
    const other = await createTestCatalogAgency(database.db, { parentId: city.agency.id });
    const plans = templateNode(dept.nodes, 'plans');
    const refused = [
      await signIn([{ role: 'editor', agency: dept.agency }]),
      await signIn([{ role: 'agent', agency: city.agency }]),
      await signIn([{ role: 'handler', agency: dept.agency }]),
      await signIn([{ role: 'reviewer', agency: other.agency }]),
      await signIn([{ role: 'office', agency: other.agency }]),
    ];
    const before = await counts();
    for (const s of refused) {
      expect((await get(`/console/catalog?agency=${dept.agency.code}`, s)).statusCode).toBe(403);
      expect((await get(`/console/catalog/new?agency=${dept.agency.code}`, s)).statusCode).toBe(403);
      expect((await post(`/console/catalog/new?agency=${dept.agency.code}`, s, { name: '越权栏目', parentId: '', reason: '越权添加' })).statusCode).toBe(403);
      for (const action of ['rename', 'move', 'up', 'down', 'retire', 'restore']) {
        expect((await get(`/console/catalog/nodes/${plans.id}/${action}`, s)).statusCode, action).toBe(403);
        expect((await post(`/console/catalog/nodes/${plans.id}/${action}`, s, { name: '越权', parentId: 'top', reason: '越权调整', version: '1' })).statusCode, action).toBe(403);
      }
    }
    // no catalog to manage anywhere: the index is refused too
    expect((await get('/console/catalog', refused[0])).statusCode).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it('refuses a form without its CSRF token', async () => {
    const { dept } = await setup();
    const s = await signIn([{ role: 'reviewer', agency: dept.agency }]);
    const before = await counts();
    const res = await post(`/console/catalog/new?agency=${dept.agency.code}`, s, { name: '新栏目', parentId: '', reason: '增加栏目' }, false);
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('CSRF');
    expect(await counts()).toEqual(before);
  });
});

describe('console: adjusting a catalog', () => {
  it('lists the agencies, then the tree with actions; 公开办 of the city reaches a department', async () => {
    const { city, dept } = await setup();
    const s = await signIn([{ role: 'office', agency: city.agency }]);
    const index = await get('/console/catalog', s);
    expect(index.statusCode).toBe(200);
    expect(index.body).toContain(`href="/console/catalog?agency=${dept.agency.code}"`);
    const page = await get(`/console/catalog?agency=${dept.agency.code}`, s);
    expect(page.statusCode).toBe(200);
    const plans = templateNode(dept.nodes, 'plans');
    const guide = templateNode(dept.nodes, 'guide');
    expect(page.body).toContain(`href="/console/catalog/nodes/${plans.id}/retire"`);
    expect(page.body).not.toContain(`href="/console/catalog/nodes/${guide.id}/retire"`);
    expect(textOf(page.body)).toContain('法定栏目');
    expect(textOf(page.body)).toContain('└ 第 2 级：重大建设项目');
  });

  it('adds a column: the form preselects the parent, bad input re-renders with the error summary (400) and writes nothing, success redirects with a flash', async () => {
    const { dept } = await setup();
    const s = await signIn([{ role: 'reviewer', agency: dept.agency }]);
    const keyAreas = templateNode(dept.nodes, 'key_areas');
    const form = await get(`/console/catalog/new?agency=${dept.agency.code}&parent=${keyAreas.id}`, s);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`<option value="${keyAreas.id}" selected`);
    expect(form.body).toContain('name="_csrf"');
    expect(form.body).toMatch(/name="isKeyArea" value="1" checked/);

    const before = await counts();
    const bad = await post(`/console/catalog/new?agency=${dept.agency.code}`, s, { name: '长'.repeat(61), parentId: '00000000-0000-4000-8000-000000000000', reason: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('class="error-summary"');
    for (const f of ['name', 'parentId', 'reason']) expect(bad.body).toContain(`href="#field-${f}"`);
    expect(textOf(bad.body)).toContain('栏目名称：不能超过 60 个字符');
    expect(textOf(bad.body)).toContain('上级栏目：不存在');
    expect(textOf(bad.body)).toContain('调整理由：');
    const empty = await post(`/console/catalog/new?agency=${dept.agency.code}`, s, { name: '', parentId: '', reason: '增加栏目' });
    expect(empty.statusCode).toBe(400);
    expect(textOf(empty.body)).toContain('栏目名称：必须填写');
    expect(await counts()).toEqual(before);

    const ok = await post(`/console/catalog/new?agency=${dept.agency.code}`, s, { name: '生态环境', parentId: keyAreas.id, isKeyArea: '1', reason: '按年度重点领域清单增加' });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(`/console/catalog?agency=${dept.agency.code}`);
    const after = await get(ok.headers.location as string, withFlash(s, ok.headers['set-cookie']));
    expect(textOf(after.body)).toContain('已添加栏目“生态环境”');
    expect(textOf(after.body)).toContain('生态环境');
  });

  it('moving a column under its own descendant re-renders the form (400) and writes nothing', async () => {
    const { dept } = await setup();
    const s = await signIn([{ role: 'reviewer', agency: dept.agency }]);
    const keyAreas = templateNode(dept.nodes, 'key_areas');
    const child = templateNode(dept.nodes, 'investment');
    const form = await get(`/console/catalog/nodes/${keyAreas.id}/move`, s);
    expect(form.statusCode).toBe(200);
    expect(form.body).not.toContain(`<option value="${child.id}"`);
    const before = await counts();
    const res = await post(`/console/catalog/nodes/${keyAreas.id}/move`, s, { parentId: child.id, reason: '调整结构', version: String(keyAreas.version) });
    expect(res.statusCode).toBe(400);
    expect(textOf(res.body)).toContain('上级栏目：不能是本栏目或其下级栏目');
    const missing = await post(`/console/catalog/nodes/${keyAreas.id}/move`, s, { parentId: '', reason: '调整结构', version: String(keyAreas.version) });
    expect(missing.statusCode).toBe(400);
    expect(textOf(missing.body)).toContain('上级栏目：必须填写');
    expect(await counts()).toEqual(before);
    const toTop = await post(`/console/catalog/nodes/${child.id}/move`, s, { parentId: 'top', reason: '招商引资单列为顶级栏目', version: String(child.version) });
    expect(toTop.statusCode).toBe(303);
  });

  it('a stale version re-renders with 此记录已被他人修改 (409); a missing reason is a 400; nothing is written', async () => {
    const { dept } = await setup();
    const s = await signIn([{ role: 'reviewer', agency: dept.agency }]);
    const plans = templateNode(dept.nodes, 'plans');
    expect((await post(`/console/catalog/nodes/${plans.id}/up`, s, { reason: '前移', version: String(plans.version) })).statusCode).toBe(303);
    const before = await counts();
    const stale = await post(`/console/catalog/nodes/${plans.id}/rename`, s, { name: '发展规划', reason: '统一表述', version: String(plans.version) });
    expect(stale.statusCode).toBe(409);
    expect(textOf(stale.body)).toContain('此记录已被他人修改，请刷新后重试。');
    const noReason = await post(`/console/catalog/nodes/${plans.id}/retire`, s, { reason: '', version: String(await versionOf(plans.id)) });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('href="#field-reason"');
    const first = templateNode(dept.nodes, 'organization');
    const edge = await post(`/console/catalog/nodes/${first.id}/up`, s, { reason: '前移', version: String(first.version) });
    expect(edge.statusCode).toBe(409);
    expect((await get(`/console/catalog/nodes/${plans.id}/explode`, s)).statusCode).toBe(404);
    expect(await counts()).toEqual(before);
  });
});
