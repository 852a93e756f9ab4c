import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createDeps } from '../../deps.ts';
import type { RoleGrant } from '../../platform/auth/actor.ts';
import type { Database } from '../../platform/db/database.ts';
import { createTestDatabase } from '../../platform/db/testing.ts';
import { createTestAgency } from '../agencies/agencies.testing.ts';
import type { Agency } from '../agencies/agencies.schema.ts';
import { createTestUser, signInAs } from './staff.testing.ts';

let database: Database;
let app: App;
let city: Agency;
let dept: Agency;
let other: Agency;
let ipCounter = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  const deps = createDeps(loadConfig({ NODE_ENV: 'test', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'gk-staff-http-')) }), database);
  app = await buildApp(deps, { logger: false });
  city = await createTestAgency(database.db, { kind: 'government' });
  dept = await createTestAgency(database.db, { parentId: city.id });
  other = await createTestAgency(database.db, { parentId: city.id });
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

/** Each test signs in from its own address, so the per-address limit only bites where a test wants it. */
function newIp(): string {
  ipCounter++;
  return `192.0.2.${ipCounter}`;
}

async function loginForm(ip: string, cookie = ''): Promise<{ cookie: string; csrf: string; body: string }> {
  const res = await app.inject({ method: 'GET', url: '/console/login', headers: { 'x-forwarded-for': ip, ...(cookie ? { cookie } : {}) } });
  const anon = /gk_anon=([^;]+)/.exec(String(res.headers['set-cookie'] ?? ''))?.[1];
  const csrf = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1] ?? '';
  return { cookie: [cookie, anon ? `gk_anon=${anon}` : ''].filter(Boolean).join('; '), csrf, body: res.body };
}

async function postLogin(username: string, password: string, opts: { ip?: string; next?: string; cookie?: string; proto?: string } = {}) {
  const ip = opts.ip ?? newIp();
  const form = await loginForm(ip, opts.cookie);
  return app.inject({
    method: 'POST',
    url: '/console/login',
    headers: { cookie: form.cookie, 'x-forwarded-for': ip, ...(opts.proto ? { 'x-forwarded-proto': opts.proto } : {}) },
    payload: { _csrf: form.csrf, username, password, ...(opts.next !== undefined ? { next: opts.next } : {}) },
  });
}

function sidOf(res: { headers: Record<string, unknown> }): string {
  return /gk_sid=([A-Za-z0-9_-]+)/.exec(String(res.headers['set-cookie'] ?? ''))?.[1] ?? '';
}

async function userCount(): Promise<number> {
  const r = await database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM users`);
  return r.rows[0]?.n ?? -1;
}

const editorAt = (agencyId: string): RoleGrant[] => [{ role: 'editor', agencyId, includeSubtree: false }];
const cityAdmin = (): RoleGrant[] => [{ role: 'admin', agencyId: city.id, includeSubtree: true }];

describe('sign-in page', () => {
  it('is a Chinese form with a CSRF field, never cached', async () => {
    const { body } = await loginForm(newIp());
    const res = await app.inject({ method: 'GET', url: '/console/login' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(body).toContain('<html lang="zh-CN"');
    expect(body).toContain('登录管理后台');
    expect(body).toContain('name="_csrf"');
    expect(body).toContain('autocomplete="current-password"');
  });

  it('signs in, sets a HttpOnly SameSite=Lax cookie and follows a local next', async () => {
    const user = await createTestUser(database.db, { grants: editorAt(dept.id) });
    const res = await postLogin(user.username, user.password, { next: '/console/agencies?x=1' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/console/agencies?x=1');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/gk_sid=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax/);
    expect(cookie).not.toContain('Secure');
    const dash = await app.inject({ method: 'GET', url: '/console', headers: { cookie: `gk_sid=${sidOf(res)}` } });
    expect(dash.statusCode).toBe(200);
  });

  it('marks the cookie Secure behind HTTPS', async () => {
    const user = await createTestUser(database.db, { grants: editorAt(dept.id) });
    const res = await postLogin(user.username, user.password, { proto: 'https' });
    expect(res.statusCode).toBe(303);
    expect(String(res.headers['set-cookie'])).toContain('Secure');
  });

  it.each(['//evil.example/console', 'https://evil.example/', '/console\\@evil.example', '/consolex', '/portal', '/console/login', '/console/\r\nx'])('ignores an unsafe next %j', async (next) => {
    const user = await createTestUser(database.db, { grants: editorAt(dept.id) });
    const res = await postLogin(user.username, user.password, { next });
    expect(res.headers.location).toBe('/console');
  });

  it('issues a new session id on sign-in and ends the old one', async () => {
    // a browser still holding someone's session posts the form (its token is bound to that session)
    const before = await signInAs(app, database.db, editorAt(dept.id));
    const user = await createTestUser(database.db, { grants: editorAt(dept.id) });
    const res = await app.inject({ method: 'POST', url: '/console/login', headers: { cookie: before.cookie, 'x-forwarded-for': newIp() }, payload: { _csrf: before.csrfToken, username: user.username, password: user.password } });
    expect(res.statusCode).toBe(303);
    expect(sidOf(res)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(`gk_sid=${sidOf(res)}`).not.toBe(before.cookie);
    const old = await app.inject({ method: 'GET', url: '/console', headers: { cookie: before.cookie } });
    expect(old.statusCode).toBe(303);
    const fresh = await app.inject({ method: 'GET', url: '/console', headers: { cookie: `gk_sid=${sidOf(res)}` } });
    expect(fresh.body).toContain(user.name);
  });

  it('sends a signed-in user away from the sign-in page', async () => {
    const s = await signInAs(app, database.db, editorAt(dept.id));
    const res = await app.inject({ method: 'GET', url: '/console/login?next=/console/users', headers: { cookie: s.cookie } });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/console/users');
  });

  it('shows a generic Chinese error for a wrong password or an unknown user, with the error summary', async () => {
    const user = await createTestUser(database.db, { grants: editorAt(dept.id) });
    for (const res of [await postLogin(user.username, 'wrong-password'), await postLogin('nobody-here', 'wrong-password')]) {
      expect(res.statusCode).toBe(401);
      expect(res.body).toContain('用户名或密码错误');
      expect(res.body).toContain('class="error-summary"');
      expect(res.body).toContain('href="#field-username"');
      expect(res.headers['set-cookie'] ?? '').not.toContain('gk_sid');
    }
  });

  it('asks for both fields when empty', async () => {
    const res = await postLogin('', '');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('用户名：必须填写');
    expect(res.body).toContain('密码：必须填写');
  });

  it('locks the account after 5 failures and says until when', async () => {
    const user = await createTestUser(database.db, { grants: editorAt(dept.id) });
    for (let i = 0; i < 4; i++) expect((await postLogin(user.username, 'wrong-password')).statusCode).toBe(401);
    const locked = await postLogin(user.username, 'wrong-password');
    expect(locked.statusCode).toBe(423);
    expect(locked.body).toMatch(/已被锁定，请于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 后再试/);
    expect((await postLogin(user.username, user.password)).statusCode).toBe(423);
  });

  it('rate-limits attempts on one username with 429 and a Chinese message', async () => {
    let last = await postLogin('ghost-user', 'x');
    for (let i = 0; i < 10; i++) last = await postLogin('ghost-user', 'x');
    expect(last.statusCode).toBe(429);
    expect(last.headers['retry-after']).toMatch(/^\d+$/);
    expect(last.body).toContain('登录尝试过于频繁');
  });

  it('rate-limits attempts from one address', async () => {
    const ip = newIp();
    let last = await postLogin('addr-user-0', 'x', { ip });
    for (let i = 1; i <= 30; i++) last = await postLogin(`addr-user-${i}`, 'x', { ip });
    expect(last.statusCode).toBe(429);
  });

  it('refuses a sign-in POST without the CSRF token', async () => {
    const user = await createTestUser(database.db, { grants: editorAt(dept.id) });
    const form = await loginForm(newIp());
    const res = await app.inject({ method: 'POST', url: '/console/login', headers: { cookie: form.cookie }, payload: { username: user.username, password: user.password } });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('CSRF_FAILED');
    expect(res.headers['set-cookie'] ?? '').not.toContain('gk_sid');
  });
});

describe('sign-out', () => {
  it('ends the session server-side and clears the cookie', async () => {
    const s = await signInAs(app, database.db, editorAt(dept.id));
    const res = await app.inject({ method: 'POST', url: '/console/logout', headers: { cookie: s.cookie }, payload: { _csrf: s.csrfToken } });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/console/login');
    expect(String(res.headers['set-cookie'])).toMatch(/gk_sid=;/);
    const r = await database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM sessions WHERE user_id = ${s.actor.userId}`);
    expect(r.rows[0]?.n).toBe(0);
    const a = await database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'session.sign_out' AND entity_id = ${s.actor.userId}`);
    expect(a.rows[0]?.n).toBe(1);
  });

  it('refuses a sign-out POST without the CSRF token', async () => {
    const s = await signInAs(app, database.db, editorAt(dept.id));
    const res = await app.inject({ method: 'POST', url: '/console/logout', headers: { cookie: s.cookie } });
    expect(res.statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/console', headers: { cookie: s.cookie } })).statusCode).toBe(200);
  });
});

describe('dashboard', () => {
  it('sends visitors without a session to sign-in, keeping where they were going', async () => {
    const res = await app.inject({ method: 'GET', url: '/console/users?page=2' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/console/login?next=%2Fconsole%2Fusers%3Fpage%3D2');
  });

  it('shows the name, each agency and role in Chinese, and only permitted links', async () => {
    const s = await signInAs(app, database.db, [...editorAt(dept.id), { role: 'reviewer', agencyId: other.id, includeSubtree: true }]);
    const res = await app.inject({ method: 'GET', url: '/console', headers: { cookie: s.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`您好，${s.actor.name}`);
    expect(res.body).toContain(dept.name);
    expect(res.body).toContain('部门编辑');
    expect(res.body).toContain(other.name);
    expect(res.body).toContain('部门审核');
    expect(res.body).toContain('本单位及下级单位');
    expect(res.body).toContain('href="/console/agencies"');
    expect(res.body).not.toContain('新建账号、分配角色');
    const admin = await signInAs(app, database.db, cityAdmin());
    const adminPage = await app.inject({ method: 'GET', url: '/console', headers: { cookie: admin.cookie } });
    expect(adminPage.body).toContain('新建账号、分配角色');
  });

  it('warns about a missing holiday schedule, linking the editor only for a city 系统管理员', async () => {
    // this test database has no calendar rows at all, so the current year counts as missing
    const year = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date());
    const editor = await signInAs(app, database.db, editorAt(dept.id));
    const editorPage = await app.inject({ method: 'GET', url: '/console', headers: { cookie: editor.cookie } });
    expect(editorPage.body).toContain(`${year} 年节假日安排尚未录入`);
    expect(editorPage.body).not.toContain('/console/calendar?year=');
    const admin = await signInAs(app, database.db, cityAdmin());
    const adminPage = await app.inject({ method: 'GET', url: '/console', headers: { cookie: admin.cookie } });
    expect(adminPage.body).toContain(`/console/calendar?year=${year}`);
    const districtAdmin = await signInAs(app, database.db, [{ role: 'admin', agencyId: dept.id, includeSubtree: true }]);
    const districtPage = await app.inject({ method: 'GET', url: '/console', headers: { cookie: districtAdmin.cookie } });
    expect(districtPage.body).not.toContain('/console/calendar?year=');
  });

  it('refuses an account without any role', async () => {
    const s = await signInAs(app, database.db, []);
    const res = await app.inject({ method: 'GET', url: '/console', headers: { cookie: s.cookie } });
    expect(res.statusCode).toBe(403);
  });
});

describe('user management pages', () => {
  it('refuses every /console/users route to roles other than 系统管理员 (403)', async () => {
    const target = await createTestUser(database.db, { grants: editorAt(dept.id) });
    for (const role of ['office', 'editor', 'reviewer', 'agent', 'handler'] as const) {
      const s = await signInAs(app, database.db, [{ role, agencyId: city.id, includeSubtree: true }]);
      const routes: [method: 'GET' | 'POST', url: string][] = [
        ['GET', '/console/users'],
        ['GET', '/console/users/new'],
        ['POST', '/console/users'],
        ['GET', `/console/users/${target.id}`],
        ['POST', `/console/users/${target.id}`],
        ['POST', `/console/users/${target.id}/grants`],
        ['POST', `/console/users/${target.id}/grants/00000000-0000-4000-8000-000000000000/delete`],
        ['POST', `/console/users/${target.id}/password`],
        ['POST', `/console/users/${target.id}/unlock`],
        ['POST', `/console/users/${target.id}/disable`],
        ['POST', `/console/users/${target.id}/enable`],
      ];
      for (const [method, url] of routes) {
        const res = await app.inject({ method, url, headers: { cookie: s.cookie }, ...(method === 'POST' ? { payload: { _csrf: s.csrfToken, version: '1', name: 'x' } } : {}) });
        expect(res.statusCode, `${role} ${method} ${url}`).toBe(403);
      }
    }
  });

  it('refuses an admin of another agency (cross-agency access is denied)', async () => {
    const target = await createTestUser(database.db, { grants: editorAt(dept.id) });
    const s = await signInAs(app, database.db, [{ role: 'admin', agencyId: other.id, includeSubtree: true }]);
    const page = await app.inject({ method: 'GET', url: `/console/users/${target.id}`, headers: { cookie: s.cookie } });
    expect(page.statusCode).toBe(403);
    const list = await app.inject({ method: 'GET', url: '/console/users', headers: { cookie: s.cookie } });
    expect(list.body).not.toContain(target.username);
    const disable = await app.inject({ method: 'POST', url: `/console/users/${target.id}/disable`, headers: { cookie: s.cookie }, payload: { _csrf: s.csrfToken, version: '1' } });
    expect(disable.statusCode).toBe(403);
  });

  it('needs a session for POSTs (401) and the CSRF token (403), writing nothing', async () => {
    const before = await userCount();
    const form = await loginForm(newIp());
    const anon = await app.inject({ method: 'POST', url: '/console/users', headers: { cookie: form.cookie }, payload: { _csrf: form.csrf, username: 'anon-made', name: '匿名', password: 'Chongqing-2025', role: 'editor', agencyId: dept.id } });
    expect(anon.statusCode).toBe(401);
    const s = await signInAs(app, database.db, cityAdmin());
    const countAfterAdmin = await userCount();
    const noCsrf = await app.inject({ method: 'POST', url: '/console/users', headers: { cookie: s.cookie }, payload: { username: 'no-csrf', name: '无令牌', password: 'Chongqing-2025', role: 'editor', agencyId: dept.id } });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.body).toContain('CSRF_FAILED');
    const wrongCsrf = await app.inject({ method: 'POST', url: '/console/users', headers: { cookie: s.cookie }, payload: { _csrf: 'forged', username: 'no-csrf', name: '无令牌', password: 'Chongqing-2025', role: 'editor', agencyId: dept.id } });
    expect(wrongCsrf.statusCode).toBe(403);
    expect(countAfterAdmin).toBe(before + 1);
    expect(await userCount()).toBe(countAfterAdmin);
  });

  it('lists users in scope and shows the new-user form with agencies in scope', async () => {
    const target = await createTestUser(database.db, { grants: editorAt(dept.id), name: '赵六' });
    const s = await signInAs(app, database.db, cityAdmin());
    const list = await app.inject({ method: 'GET', url: '/console/users', headers: { cookie: s.cookie } });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(target.username);
    expect(list.body).toContain('赵六');
    const form = await app.inject({ method: 'GET', url: '/console/users/new', headers: { cookie: s.cookie } });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(dept.name);
    expect(form.body).toContain('部门审核');
  });

  it.each([
    ['duplicate username', { username: '@existing' }, '用户名：已被使用'],
    ['weak password', { password: 'abcdefghijk' }, '初始密码：密码须包含字母、数字、符号中的至少两类'],
    ['unknown agency', { agencyId: '00000000-0000-4000-8000-000000000000' }, '所属机关：不存在或已撤销'],
    ['over-long name', { name: '张'.repeat(51) }, '姓名：不能超过 50 个字符'],
    ['missing role', { role: '' }, '角色：'],
  ])('re-renders the form with 400 for a %s, writing nothing', async (_label, override, message) => {
    const existing = await createTestUser(database.db, { grants: editorAt(dept.id) });
    const s = await signInAs(app, database.db, cityAdmin());
    const before = await userCount();
    const payload = { _csrf: s.csrfToken, username: `form-${ipCounter++}`, name: '钱七', password: 'Chongqing-2025', role: 'editor', agencyId: dept.id, ...override };
    if (payload.username === '@existing') payload.username = existing.username;
    const res = await app.inject({ method: 'POST', url: '/console/users', headers: { cookie: s.cookie }, payload });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('class="error-summary"');
    expect(res.body).toContain(message);
    expect(res.body).toContain(`value="${payload.username}"`);
    expect(await userCount()).toBe(before);
  });

  it('creates a user, then adds a role, disables and re-enables them through the forms', async () => {
    const s = await signInAs(app, database.db, cityAdmin());
    const created = await app.inject({ method: 'POST', url: '/console/users', headers: { cookie: s.cookie }, payload: { _csrf: s.csrfToken, username: 'sun.ba', name: '孙八', password: 'Chongqing-2025', role: 'editor', agencyId: dept.id } });
    expect(created.statusCode).toBe(303);
    const url = String(created.headers.location);
    expect(url).toMatch(/^\/console\/users\/[0-9a-f-]{36}$/);
    const page = await app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });
    expect(page.body).toContain('孙八（sun.ba）');
    expect(page.body).toContain('停用账号');
    const grant = await app.inject({ method: 'POST', url: `${url}/grants`, headers: { cookie: s.cookie }, payload: { _csrf: s.csrfToken, version: '1', role: 'reviewer', agencyId: dept.id } });
    expect(grant.statusCode).toBe(303);
    const stale = await app.inject({ method: 'POST', url: `${url}/disable`, headers: { cookie: s.cookie }, payload: { _csrf: s.csrfToken, version: '1' } });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('此记录已被他人修改');
    const disabled = await app.inject({ method: 'POST', url: `${url}/disable`, headers: { cookie: s.cookie }, payload: { _csrf: s.csrfToken, version: '2' } });
    expect(disabled.statusCode).toBe(303);
    const signIn = await postLogin('sun.ba', 'Chongqing-2025');
    expect(signIn.statusCode).toBe(403);
    expect(signIn.body).toContain('已停用');
    const enabled = await app.inject({ method: 'POST', url: `${url}/enable`, headers: { cookie: s.cookie }, payload: { _csrf: s.csrfToken, version: '3' } });
    expect(enabled.statusCode).toBe(303);
    expect((await postLogin('sun.ba', 'Chongqing-2025')).statusCode).toBe(303);
  });

  it('re-renders the user page with 400 for a weak new password or a bad grant', async () => {
    const target = await createTestUser(database.db, { grants: editorAt(dept.id) });
    const s = await signInAs(app, database.db, cityAdmin());
    const pw = await app.inject({ method: 'POST', url: `/console/users/${target.id}/password`, headers: { cookie: s.cookie }, payload: { _csrf: s.csrfToken, version: '1', password: 'short' } });
    expect(pw.statusCode).toBe(400);
    expect(pw.body).toContain('新密码：密码至少 10 个字符');
    const grant = await app.inject({ method: 'POST', url: `/console/users/${target.id}/grants`, headers: { cookie: s.cookie }, payload: { _csrf: s.csrfToken, version: '1', role: 'boss', agencyId: 'nope' } });
    expect(grant.statusCode).toBe(400);
    expect(grant.body).toContain('角色：不是允许的选项');
    expect(grant.body).toContain('所属机关：请选择机关');
    const name = await app.inject({ method: 'POST', url: `/console/users/${target.id}`, headers: { cookie: s.cookie }, payload: { _csrf: s.csrfToken, version: '1', name: '' } });
    expect(name.statusCode).toBe(400);
    expect(name.body).toContain('姓名：必须填写');
  });
});
