import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createDeps } from '../../deps.ts';
import type { Database } from '../../platform/db/database.ts';
import { createTestDatabase } from '../../platform/db/testing.ts';
import { frontCacheFor } from '../../platform/views/front-cache.ts';
import { createTestAgency } from '../agencies/agencies.testing.ts';

let database: Database;
let app: App;
const names = { city: '', department: '', district: '', districtDepartment: '', retired: '' };
const codes = { city: '', department: '', district: '' };

beforeAll(async () => {
  database = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'gk-portal-')), BASE_URL: 'https://www.example.gov.cn' });
  app = await buildApp(createDeps(config, database), { logger: false });
  // agencies first: the home page is cached for a few seconds after the first request
  const city = await createTestAgency(database.db, { kind: 'government', name: '测试市人民政府' });
  const department = await createTestAgency(database.db, { parentId: city.id, kind: 'department', shortName: '测试市财政局' });
  const district = await createTestAgency(database.db, { parentId: city.id, kind: 'government', shortName: '测试区政府' });
  const districtDepartment = await createTestAgency(database.db, { parentId: district.id, kind: 'department', shortName: '测试区教委' });
  Object.assign(names, { city: city.name, department: department.shortName, district: district.shortName, districtDepartment: districtDepartment.shortName });
  Object.assign(codes, { city: city.code, department: department.code, district: district.code });
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

function meta(html: string, name: string): string | undefined {
  return new RegExp(`<meta name="${name}" content="([^"]*)"`).exec(html)?.[1];
}

describe('GET /', () => {
  it('serves the home page with the national site meta tags and footer, and sets no cookie', async () => {
    const res = await app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['set-cookie']).toBeUndefined();
    const html = res.body;
    expect(html.startsWith('<!doctype html><html lang="zh-CN">')).toBe(true);
    expect(meta(html, 'SiteName')).toBe('重庆市人民政府');
    expect(meta(html, 'SiteDomain')).toBe('www.example.gov.cn');
    expect(meta(html, 'SiteIDCode')).toBe('5000000001');
    expect(meta(html, 'ColumnName')).toBe('首页');
    expect(meta(html, 'ColumnType')).toBe('首页');
    for (const text of ['主办单位', '重庆市人民政府办公厅', '联系方式', '023-63899999', '网站标识码', '渝ICP备05003300号', '渝公网安备 50010302000001号']) expect(html).toContain(text);
    expect(html).toContain('href="/sitemap"');
    expect(html).toContain('href="/accessibility"');
    expect(html).toMatch(/<form class="site-search" role="search" method="get" action="\/search"/);
    expect(html).not.toContain('_csrf');
    expect(html).not.toMatch(/<script>|style="/);
  });

  it('lists agencies as 市政府 / 市政府部门 / 区县政府, linking each agency page', async () => {
    const html = (await app.inject({ method: 'GET', url: '/' })).body;
    const section = (id: string) => html.slice(html.indexOf(`id="${id}"`), html.indexOf('</ul>', html.indexOf(`id="${id}"`)));
    expect(section('home-city')).toContain(`<a href="/agencies/${codes.city}">${names.city}</a>`);
    expect(section('home-departments')).toContain(`<a href="/agencies/${codes.department}">${names.department}</a>`);
    expect(section('home-districts')).toContain(`<a href="/agencies/${codes.district}">${names.district}</a>`);
    expect(section('home-departments')).not.toContain(names.district);
    // a district's own departments are on the district's page, not the home page
    expect(html).not.toContain(names.districtDepartment);
  });

  it('is publicly cacheable: ETag revalidates to 304, varies by encoding and 长者模式 cookie', async () => {
    const first = await app.inject({ method: 'GET', url: '/' });
    expect(first.headers['cache-control']).toMatch(/^public, max-age=\d+$/);
    expect(String(first.headers.vary)).toContain('Cookie');
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[^"]+"$/);
    const again = await app.inject({ method: 'GET', url: '/', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const elder = await app.inject({ method: 'GET', url: '/', headers: { cookie: 'gk_elder=1', 'if-none-match': etag } });
    expect(elder.statusCode).toBe(200);
    expect(elder.headers.etag).not.toBe(etag);
  });

  it('sends pre-compressed bytes that decode to the same page', async () => {
    const plain = await app.inject({ method: 'GET', url: '/' });
    const br = await app.inject({ method: 'GET', url: '/', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload).toString('utf8')).toBe(plain.body);
    const gz = await app.inject({ method: 'GET', url: '/', headers: { 'accept-encoding': 'gzip;q=1, br;q=0' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString('utf8')).toBe(plain.body);
    expect(gz.headers.etag).not.toBe(plain.headers.etag);
  });

  it('shows a pending flash message once, and then the page is not cached', async () => {
    const flash = Buffer.from(JSON.stringify({ kind: 'success', text: '已退出登录。' })).toString('base64url');
    const res = await app.inject({ method: 'GET', url: '/', headers: { cookie: `gk_flash=${flash}` } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('已退出登录。');
    expect(res.headers['cache-control']).toContain('no-store');
    expect((await app.inject({ method: 'GET', url: '/' })).body).not.toContain('已退出登录。');
  });
});

describe('front cache', () => {
  it('over a real socket, a repeat request is answered ahead of Fastify with the same bytes and headers', async () => {
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const front = frontCacheFor(app.server, 0);
    const first = await fetch(`${url}/`, { headers: { 'accept-encoding': 'gzip' } });
    const firstBody = Buffer.from(await first.arrayBuffer());
    const hits = front.hits;
    const second = await fetch(`${url}/`, { headers: { 'accept-encoding': 'gzip' } });
    expect(front.hits).toBe(hits + 1);
    expect(Buffer.from(await second.arrayBuffer()).equals(firstBody)).toBe(true);
    const names = (h: Headers) => [...h.keys()].filter((k) => k !== 'date' && k !== 'keep-alive' && k !== 'connection').sort();
    expect(names(second.headers)).toEqual(names(first.headers));
    for (const name of ['content-security-policy', 'etag', 'cache-control', 'vary', 'content-encoding', 'x-content-type-options']) expect(second.headers.get(name)).toBe(first.headers.get(name));
    expect(second.headers.get('x-request-id')).not.toBe(first.headers.get('x-request-id'));
    const elder = await fetch(`${url}/`, { headers: { cookie: 'gk_elder=1' } });
    expect(await elder.text()).toContain('<body class="portal elder">');
  });
});

describe('长者模式', () => {
  it('a plain link turns it on with a cookie and returns to the page (303)', async () => {
    const res = await app.inject({ method: 'GET', url: '/elder-mode?on=1&next=%2Fsitemap%3Fa%3D1' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/sitemap?a=1');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^gk_elder=1;/);
    expect(cookie).toContain('Max-Age=31536000');
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
  });

  it('toggles the body class and the switch link', async () => {
    const off = await app.inject({ method: 'GET', url: '/' });
    expect(off.body).toContain('<body class="portal">');
    expect(off.body).toContain('href="/elder-mode?on=1&amp;next=%2F"');
    const on = await app.inject({ method: 'GET', url: '/', headers: { cookie: 'gk_elder=1' } });
    expect(on.body).toContain('<body class="portal elder">');
    expect(on.body).toContain('退出长者模式');
    expect(on.body).toContain('href="/elder-mode?on=0&amp;next=%2F"');
  });

  it('turning it off clears the cookie; a missing next returns home', async () => {
    const res = await app.inject({ method: 'GET', url: '/elder-mode?on=0', headers: { cookie: 'gk_elder=1' } });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/');
    expect(String(res.headers['set-cookie'])).toMatch(/^gk_elder=;.*Expires=Thu, 01 Jan 1970/);
  });

  it.each([
    ['another host', '//evil.example/x'],
    ['an absolute URL', 'https://evil.example/'],
    ['a backslash host', '/\\evil.example'],
    ['a scheme', 'javascript:alert(1)'],
    ['a relative path', 'evil'],
    ['a header injection', '/a\r\nSet-Cookie: x=1'],
  ])('refuses %s as next (no open redirect) with 400 and sets nothing', async (_label, next) => {
    const res = await app.inject({ method: 'GET', url: `/elder-mode?on=1&next=${encodeURIComponent(next)}` });
    expect(res.statusCode).toBe(400);
    expect(res.headers.location).toBeUndefined();
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.body).toContain('“返回页面”必须是本网站内的地址');
  });

  it('refuses a switch value other than 1 or 0', async () => {
    const res = await app.inject({ method: 'GET', url: '/elder-mode?on=yes&next=%2F' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('长者模式开关');
    expect(res.headers['set-cookie']).toBeUndefined();
  });
});

describe('网站地图 and 无障碍说明', () => {
  it('the sitemap lists the columns and every listed agency', async () => {
    const res = await app.inject({ method: 'GET', url: '/sitemap' });
    expect(res.statusCode).toBe(200);
    expect(meta(res.body, 'ColumnName')).toBe('网站地图');
    for (const label of ['政务公开', '政务服务', '互动交流', '数据开放', '依申请公开', '市长信箱']) expect(res.body).toContain(label);
    expect(res.body).toContain(`href="/agencies/${codes.department}"`);
    expect(res.body).toContain('aria-label="当前位置"');
  });

  it('the accessibility statement names GB/T 37668-2019, 长者模式 and keyboard use', async () => {
    const res = await app.inject({ method: 'GET', url: '/accessibility' });
    expect(res.statusCode).toBe(200);
    for (const text of ['GB/T 37668-2019', '长者模式', '键盘操作', 'Tab']) expect(res.body).toContain(text);
  });
});

describe('errors', () => {
  it('an unknown page is a Chinese HTML 404 in the portal frame', async () => {
    const res = await app.inject({ method: 'GET', url: '/no-such-page' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('<html lang="zh-CN">');
    expect(res.body).toContain('页面不存在');
    expect(res.body).toContain('网站标识码');
  });

  it('an unknown API path is a JSON 404 with a stable code', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/no-such-thing' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});
