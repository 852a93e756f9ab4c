import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createDeps, type Deps } from '../../deps.ts';
import type { Actor, Role } from '../../platform/auth/actor.ts';
import { auditLog } from '../../platform/audit/audit.tables.ts';
import type { Database } from '../../platform/db/database.ts';
import { createTestDatabase } from '../../platform/db/testing.ts';
import { csrfTokenFor } from '../../platform/http/csrf.ts';
import type { Agency } from './agencies.schema.ts';
import { agencies } from './agencies.tables.ts';
import { buildNewAgency, createTestAgency, testCreditCode } from './agencies.testing.ts';

let database: Database;
let deps: Deps;
let app: App;
const sessions = new Map<string, Actor>();

beforeAll(async () => {
  database = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'gk-agencies-')) });
  // sessions straight from a map: these tests are about the agency pages, not sign-in
  deps = { ...createDeps(config, database), sessions: { load: async (sid: string) => sessions.get(sid) ?? null } };
  app = await buildApp(deps, { logger: false });
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

interface Session {
  cookie: string;
  csrf: string;
  actor: Actor;
}

function signIn(grants: { role: Role; agency: Agency; includeSubtree?: boolean }[]): Session {
  const sid = randomBytes(24).toString('base64url');
  const n = sessions.size + 1;
  const actor: Actor = { userId: `00000000-0000-4000-9000-${String(n).padStart(12, '0')}`, username: `h${n}`, name: `测试员${n}`, grants: grants.map((g) => ({ role: g.role, agencyId: g.agency.id, includeSubtree: g.includeSubtree ?? true })) };
  sessions.set(sid, actor);
  return { cookie: `gk_sid=${sid}`, csrf: csrfTokenFor(deps.config.sessionSecret, sid), actor };
}

async function tree() {
  const city = await createTestAgency(database.db, { kind: 'government' });
  const dept = await createTestAgency(database.db, { parentId: city.id, officeFax: '023-63000001', officeEmail: 'xxgk@dept.example.gov.cn' });
  const district = await createTestAgency(database.db, { parentId: city.id, kind: 'government' });
  const districtDept = await createTestAgency(database.db, { parentId: district.id });
  return { city, dept, district, districtDept };
}

function get(url: string, s?: Session) {
  return app.inject({ method: 'GET', url, headers: s ? { cookie: s.cookie } : {} });
}

function post(url: string, s: Session, fields: Record<string, string>, withCsrf = true) {
  const body = new URLSearchParams({ ...(withCsrf ? { _csrf: s.csrf } : {}), ...fields }).toString();
  return app.inject({ method: 'POST', url, headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: body });
}

/** A valid form for a new agency under `parent`. */
function form(parent: Agency | null, over: Record<string, string> = {}): Record<string, string> {
  const a = buildNewAgency();
  return {
    code: a.code,
    parentId: parent?.id ?? '',
    name: a.name,
    shortName: a.shortName,
    kind: 'department',
    divisionCode: '500000',
    creditCode: a.creditCode,
    docPrefix: '',
    officeName: a.officeName,
    officeAddress: a.officeAddress,
    officePhone: '023-63890000',
    officeHours: a.officeHours,
    officeFax: '',
    officeEmail: '',
    sortOrder: '3',
    fourEyes: '1',
    ...over,
  };
}

async function counts() {
  const [a] = await database.db.select({ n: count() }).from(agencies);
  const [l] = await database.db.select({ n: count() }).from(auditLog);
  return { agencies: a?.n ?? 0, audit: l?.n ?? 0 };
}

/** HTML text with tags removed and entities for the characters we check decoded. */
function textOf(html: string): string {
  return html.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'");
}

describe('portal', () => {
  it('/agencies lists active agencies grouped under their government', async () => {
    const t = await tree();
    const res = await get('/agencies');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`<h2 id="group-${t.city.code}">${t.city.name}</h2>`);
    expect(res.body).toContain(`<h2 id="group-${t.district.code}">${t.district.name}</h2>`);
    expect(res.body).toContain(`href="/agencies/${t.districtDept.code}"`);
    const districtGroup = res.body.slice(res.body.indexOf(`id="group-${t.district.code}"`));
    expect(districtGroup.slice(0, districtGroup.indexOf('</section>'))).toContain(t.districtDept.shortName);
  });

  it('/agencies/<code> shows the 政府信息公开工作机构 (条例 第十二条), parent, children and breadcrumbs', async () => {
    const t = await tree();
    const res = await get(`/agencies/${t.dept.code}`);
    expect(res.statusCode).toBe(200);
    const text = textOf(res.body);
    for (const s of ['政府信息公开工作机构', t.dept.officeName, t.dept.officeAddress, t.dept.officeHours, '023-63890000', '023-63000001', 'xxgk@dept.example.gov.cn', t.dept.creditCode, '演示', '政府部门']) expect(text).toContain(s);
    expect(res.body).toContain(`<a href="/agencies/${t.city.code}">${t.city.name}</a>`);
    expect(res.body).toMatch(/<nav aria-label="当前位置"/);
    expect(res.body).toContain(`<a href="/agencies">机关信息公开</a>`);
    const city = await get(`/agencies/${t.city.code}`);
    expect(city.body).toContain('下级机关');
    expect(city.body).toContain(`href="/agencies/${t.district.code}"`);
  });

  it('404 for an unknown code; a retired agency stays readable, marked 已撤销', async () => {
    expect((await get('/agencies/no-such-agency')).statusCode).toBe(404);
    const t = await tree();
    await deps.agencies.retireAgency({ system: 'test' }, t.districtDept.id, t.districtDept.version, '机构改革');
    const res = await get(`/agencies/${t.districtDept.code}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('该机关已撤销');
    expect((await get('/agencies')).body).not.toContain(`href="/agencies/${t.districtDept.code}"`);
  });
});

describe('JSON API', () => {
  it('GET /api/v1/agencies lists agencies in tree order with their office', async () => {
    const t = await tree();
    const res = await get('/api/v1/agencies');
    expect(res.statusCode).toBe(200);
    const items = (res.json() as { items: { code: string; parentCode: string | null; depth: number; kindName: string; office: { phone: string } }[] }).items;
    const codes = items.map((i) => i.code);
    expect(codes.indexOf(t.districtDept.code)).toBe(codes.indexOf(t.district.code) + 1);
    const dd = items.find((i) => i.code === t.districtDept.code);
    expect(dd).toMatchObject({ parentCode: t.district.code, depth: 2, kindName: '政府部门', office: { phone: '023-63890000' } });
    expect(JSON.stringify(items)).not.toContain(t.city.id); // no internal ids
  });

  it('GET /api/v1/agencies/{code}, and 404 NOT_FOUND in JSON', async () => {
    const t = await tree();
    const res = await get(`/api/v1/agencies/${t.dept.code}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ code: t.dept.code, name: t.dept.name, creditCode: t.dept.creditCode, isDemo: true, parentCode: t.city.code, retiredAt: null, office: { fax: '023-63000001', email: 'xxgk@dept.example.gov.cn' } });
    const missing = await get('/api/v1/agencies/no-such-agency');
    expect(missing.statusCode).toBe(404);
    expect((missing.json() as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    const tooLong = await get(`/api/v1/agencies/${'a'.repeat(41)}`);
    expect(tooLong.statusCode).toBe(400);
    expect((tooLong.json() as { error: { code: string; message: string } }).error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('机关代码') });
  });

  it('appears in the OpenAPI document, tagged 机关', async () => {
    const doc = (await get('/docs/json')).json() as { paths: Record<string, { get?: { tags?: string[] } }> };
    expect(doc.paths['/api/v1/agencies']?.get?.tags).toEqual(['机关']);
    expect(doc.paths['/api/v1/agencies/{code}']?.get?.tags).toEqual(['机关']);
  });
});

describe('console: who may do what', () => {
  it('sends a visitor without a session to sign in', async () => {
    const res = await get('/console/agencies');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(/^\/console\/login\?next=/);
  });

  it('the list: 403 without any role; a non-admin sees their agencies without actions; no one sees another agency', async () => {
    const t = await tree();
    const other = await tree();
    expect((await get('/console/agencies', signIn([]))).statusCode).toBe(403);
    const editor = signIn([{ role: 'editor', agency: t.district }]);
    const res = await get('/console/agencies', editor);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(t.districtDept.name);
    expect(res.body).not.toContain(t.dept.name);
    expect(res.body).not.toContain('/edit"');
    expect(res.body).not.toContain('新增机关');
    const otherAdmin = await get('/console/agencies', signIn([{ role: 'admin', agency: other.city }]));
    expect(otherAdmin.statusCode).toBe(200);
    expect(otherAdmin.body).not.toContain(t.city.name);
  });

  it('403 for a non-admin on every page and form: new, create, edit, save, retire', async () => {
    const t = await tree();
    for (const role of ['office', 'editor', 'reviewer', 'agent', 'handler'] as const) {
      const s = signIn([{ role, agency: t.city }]);
      const before = await counts();
      expect((await get('/console/agencies/new', s)).statusCode).toBe(403);
      expect((await post('/console/agencies', s, form(t.city))).statusCode).toBe(403);
      expect((await get(`/console/agencies/${t.dept.code}/edit`, s)).statusCode).toBe(403);
      expect((await post(`/console/agencies/${t.dept.code}/edit`, s, { ...form(t.city), version: '1' })).statusCode).toBe(403);
      expect((await get(`/console/agencies/${t.dept.code}/retire`, s)).statusCode).toBe(403);
      expect((await post(`/console/agencies/${t.dept.code}/retire`, s, { reason: '越权', version: '1' })).statusCode).toBe(403);
      expect(await counts()).toEqual(before);
    }
  });

  it('403 for the admin of another agency on every page and form of this one', async () => {
    const t = await tree();
    const other = await tree();
    const s = signIn([{ role: 'admin', agency: other.city }]);
    const before = await counts();
    expect((await post('/console/agencies', s, form(t.city))).statusCode).toBe(403);
    expect((await get(`/console/agencies/${t.dept.code}/edit`, s)).statusCode).toBe(403);
    expect((await post(`/console/agencies/${t.dept.code}/edit`, s, { ...form(t.city), version: '1' })).statusCode).toBe(403);
    expect((await get(`/console/agencies/${t.dept.code}/retire`, s)).statusCode).toBe(403);
    expect((await post(`/console/agencies/${t.dept.code}/retire`, s, { reason: '越权', version: '1' })).statusCode).toBe(403);
    const newPage = await get(`/console/agencies/new?parent=${t.city.code}`, s);
    expect(newPage.statusCode).toBe(200);
    expect(newPage.body).not.toContain(t.city.name);
    expect(await counts()).toEqual(before);
  });

  it('403 for a root agency unless the admin holds a root with its subtree', async () => {
    const t = await tree();
    const before = await counts();
    expect((await post('/console/agencies', signIn([{ role: 'admin', agency: t.district }]), form(null))).statusCode).toBe(403);
    expect((await post('/console/agencies', signIn([{ role: 'admin', agency: t.city, includeSubtree: false }]), form(null))).statusCode).toBe(403);
    expect(await counts()).toEqual(before);
    const res = await post('/console/agencies', signIn([{ role: 'admin', agency: t.city }]), form(null, { kind: 'government' }));
    expect(res.statusCode).toBe(303);
  });

  it('refuses a form without its CSRF token', async () => {
    const t = await tree();
    const s = signIn([{ role: 'admin', agency: t.city }]);
    const res = await post('/console/agencies', s, form(t.city), false);
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('CSRF');
  });
});

describe('console: managing agencies', () => {
  it('lists the tree indented, with kind, code, 信用代码 marked 演示 and the office phone', async () => {
    const t = await tree();
    const res = await get('/console/agencies', signIn([{ role: 'admin', agency: t.city }]));
    expect(res.statusCode).toBe(200);
    const text = textOf(res.body);
    for (const s of [t.city.name, t.districtDept.name, t.dept.code, t.dept.creditCode, '演示', '人民政府', '政府部门', '023-63890000']) expect(text).toContain(s);
    expect(text).toMatch(new RegExp(`　└ 第 3 级：${t.districtDept.name}`));
    expect(res.body).toContain(`href="/console/agencies/${t.districtDept.code}/edit"`);
    expect(res.body).toContain(`href="/console/agencies/new?parent=${t.district.code}"`);
  });

  it('new: the form preselects the parent; creating redirects with a flash and writes the agency', async () => {
    const t = await tree();
    const s = signIn([{ role: 'admin', agency: t.city }]);
    const page = await get(`/console/agencies/new?parent=${t.district.code}`, s);
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(new RegExp(`<option value="${t.district.id}" selected`));
    expect(page.body).toContain('name="_csrf"');
    const f = form(t.district, { docPrefix: '测发', officeEmail: 'xxgk@new.example.gov.cn', creditCode: testCreditCode().toLowerCase() });
    const res = await post('/console/agencies', s, f);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/console/agencies');
    expect(String(res.headers['set-cookie'])).toContain('gk_flash=');
    const created = await deps.agencies.getAgencyByCode(f.code ?? '');
    expect(created.ancestors).toEqual([t.city.id, t.district.id]);
    expect(created.creditCode).toBe(f.creditCode?.toUpperCase());
    expect([created.docPrefix, created.officeFax, created.sortOrder, created.fourEyes, created.isDemo]).toEqual(['测发', null, 3, true, false]);
  });

  it('bad input: each field gets its message in the error summary and beside it, with status 400 and nothing written', async () => {
    const t = await tree();
    const s = signIn([{ role: 'admin', agency: t.city }]);
    const good = testCreditCode();
    const cases: [Record<string, string>, string, string][] = [
      [{ creditCode: good.slice(0, 17) + (good[17] === '0' ? '1' : '0') }, 'creditCode', '统一社会信用代码校验位不正确'],
      [{ creditCode: '12345' }, 'creditCode', '统一社会信用代码：应为 18 位'],
      [{ code: t.dept.code }, 'code', '机关代码：已被其他机关使用'],
      [{ name: t.dept.name }, 'name', '机关名称：已有同名机关'],
      [{ creditCode: t.dept.creditCode }, 'creditCode', '统一社会信用代码：已被其他机关使用'],
      [{ parentId: '6f1f8f0e-0000-4000-8000-00000000abcd' }, 'parentId', '上级机关：不存在'],
      [{ parentId: 'garbage' }, 'parentId', '上级机关：不是有效的机关'],
      [{ name: '名'.repeat(101) }, 'name', '机关名称：不能超过 100 个字符'],
      [{ name: '' }, 'name', '机关名称：至少 2 个字符'],
      [{ shortName: '简'.repeat(31) }, 'shortName', '简称：不能超过 30 个字符'],
      [{ code: 'Has Spaces' }, 'code', '机关代码：应为 2–40 位小写字母'],
      [{ kind: 'ministry' }, 'kind', '机关类型：不是允许的选项'],
      [{ divisionCode: '50000x' }, 'divisionCode', '行政区划代码：应为 6 位数字'],
      [{ docPrefix: '代'.repeat(21) }, 'docPrefix', '机关代字：'],
      [{ officeName: '' }, 'officeName', '信息公开工作机构名称：'],
      [{ officeAddress: '' }, 'officeAddress', '办公地址：'],
      [{ officePhone: '请来电' }, 'officePhone', '联系电话：应为电话号码'],
      [{ officeHours: '' }, 'officeHours', '办公时间：'],
      [{ officeFax: 'fax' }, 'officeFax', '传真：应为传真号码'],
      [{ officeEmail: 'not-an-email' }, 'officeEmail', '电子邮箱：应为有效的电子邮箱'],
      [{ sortOrder: 'first' }, 'sortOrder', '排序：必须是数字'],
    ];
    const before = await counts();
    for (const [over, field, message] of cases) {
      const res = await post('/console/agencies', s, form(t.city, over));
      expect(res.statusCode, `${field} ${JSON.stringify(over)}`).toBe(400);
      expect(res.body).toContain('class="error-summary"');
      expect(res.body).toContain(`href="#field-${field}"`);
      expect(textOf(res.body)).toContain(message);
      expect(res.body).toContain(`id="field-${field}-error"`);
    }
    expect(await counts()).toEqual(before);
  });

  it('bad input in several fields at once names every one', async () => {
    const t = await tree();
    const s = signIn([{ role: 'admin', agency: t.city }]);
    const res = await post('/console/agencies', s, form(t.city, { code: '', name: 'x', kind: '', divisionCode: '1', creditCode: 'x', officePhone: 'x', officeFax: 'x', officeEmail: 'x', sortOrder: 'x', officeHours: '' }));
    expect(res.statusCode).toBe(400);
    for (const f of ['code', 'name', 'kind', 'divisionCode', 'creditCode', 'officePhone', 'officeFax', 'officeEmail', 'sortOrder', 'officeHours']) expect(res.body).toContain(`href="#field-${f}"`);
    expect(res.body).toContain('提交的内容有 10 处需要修改');
  });

  it('edit: carries the version; saving moves the subtree; a stale version is refused with 409 and nothing written', async () => {
    const t = await tree();
    const s = signIn([{ role: 'admin', agency: t.city }]);
    const page = await get(`/console/agencies/${t.district.code}/edit`, s);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`<input type="hidden" name="version" value="${t.district.version}"/>`);
    expect(page.body).not.toContain(`<option value="${t.districtDept.id}"`); // no cycles offered
    const f = { ...form(t.dept, { name: t.district.name, shortName: '改名后', kind: 'government', creditCode: t.district.creditCode }), version: String(t.district.version) };
    const res = await post(`/console/agencies/${t.district.code}/edit`, s, f);
    expect(res.statusCode).toBe(303);
    expect((await deps.agencies.getAgencyById(t.districtDept.id)).ancestors).toEqual([t.city.id, t.dept.id, t.district.id]);
    const before = await counts();
    const stale = await post(`/console/agencies/${t.district.code}/edit`, s, { ...f, shortName: '又改了' });
    expect(stale.statusCode).toBe(409);
    expect(textOf(stale.body)).toContain('此记录已被他人修改，请刷新后重试。');
    expect((await deps.agencies.getAgencyById(t.district.id)).shortName).toBe('改名后');
    expect(await counts()).toEqual(before);
  });

  it('edit: bad input re-renders with 400; a move under its own child is refused', async () => {
    const t = await tree();
    const s = signIn([{ role: 'admin', agency: t.city }]);
    const base = { ...form(t.city, { name: t.district.name, kind: 'government', creditCode: t.district.creditCode }), version: String(t.district.version) };
    const before = await counts();
    const bad = await post(`/console/agencies/${t.district.code}/edit`, s, { ...base, officeEmail: 'nope', name: t.dept.name });
    expect(bad.statusCode).toBe(400);
    expect(textOf(bad.body)).toContain('电子邮箱：应为有效的电子邮箱');
    expect(textOf(bad.body)).toContain('机关名称：已有同名机关');
    const cycle = await post(`/console/agencies/${t.district.code}/edit`, s, { ...base, parentId: t.districtDept.id });
    expect(cycle.statusCode).toBe(400);
    expect(textOf(cycle.body)).toContain('上级机关：不能是本机关或其下属机关');
    expect(await counts()).toEqual(before);
    expect((await get('/console/agencies/no-such-agency/edit', s)).statusCode).toBe(404);
  });

  it('retire: needs a reason, refuses an agency with children, and keeps the row', async () => {
    const t = await tree();
    const s = signIn([{ role: 'admin', agency: t.city }]);
    const page = await get(`/console/agencies/${t.districtDept.code}/retire`, s);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`name="version" value="${t.districtDept.version}"`);
    const noReason = await post(`/console/agencies/${t.districtDept.code}/retire`, s, { reason: ' ', version: String(t.districtDept.version) });
    expect(noReason.statusCode).toBe(400);
    expect(textOf(noReason.body)).toContain('撤销原因：');
    const withChildren = await post(`/console/agencies/${t.district.code}/retire`, s, { reason: '合并', version: String(t.district.version) });
    expect(withChildren.statusCode).toBe(409);
    expect(textOf(withChildren.body)).toContain('下属机关');
    const ok = await post(`/console/agencies/${t.districtDept.code}/retire`, s, { reason: '机构改革', version: String(t.districtDept.version) });
    expect(ok.statusCode).toBe(303);
    const kept = await deps.agencies.getAgencyByCode(t.districtDept.code);
    expect(kept.retiredAt).not.toBeNull();
    const list = await get('/console/agencies', s);
    expect(textOf(list.body)).toContain(`${t.districtDept.name} 已撤销`);
    expect(list.body).not.toContain(`href="/console/agencies/${t.districtDept.code}/edit"`);
  });
});
