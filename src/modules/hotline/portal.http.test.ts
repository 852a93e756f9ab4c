import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createDeps, type Deps } from '../../deps.ts';
import type { Database } from '../../platform/db/database.ts';
import { createTestDatabase } from '../../platform/db/testing.ts';
import { createTestAgency } from '../agencies/agencies.testing.ts';
import { TRACK_LIMIT } from './portal.routes.tsx';
import { createTestTicket } from './tickets.testing.ts';

let database: Database;
let app: App;
let deps: Deps;
let agencyId = '';

beforeAll(async () => {
  database = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'gk-hotline-')) });
  deps = createDeps(config, database);
  app = await buildApp(deps, { logger: false });
  const city = await createTestAgency(database.db, { kind: 'government', name: '测试市人民政府' });
  await createTestAgency(database.db, { parentId: city.id, kind: 'government', name: '测试区人民政府', divisionCode: '500103' });
  agencyId = (await createTestAgency(database.db, { parentId: city.id, shortName: '测试区城管局' })).id;
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function session(url: string): Promise<{ cookie: string; csrf: string; html: string }> {
  const r = await app.inject({ method: 'GET', url });
  expect(r.statusCode).toBe(200);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(r.body)?.[1] ?? '';
  const set = r.headers['set-cookie'];
  const cookie = (Array.isArray(set) ? set : [set ?? '']).map((c) => c.split(';')[0]).join('; ');
  return { cookie, csrf, html: r.body };
}

async function post(url: string, from: string, fields: Record<string, string>) {
  const s = await session(from);
  return app.inject({ method: 'POST', url, payload: new URLSearchParams({ _csrf: s.csrf, ...fields }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: s.cookie } });
}

async function ticketCount(): Promise<number> {
  const r = await database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM tickets`);
  return r.rows[0]?.n ?? 0;
}

describe('/hotline', () => {
  it('explains how to reach 12345 and offers the web form with the districts', async () => {
    const s = await session('/hotline');
    expect(s.html).toContain('12345');
    expect(s.html).toContain('<form method="post" action="/hotline"');
    expect(s.html).toContain('测试区');
    expect(s.html).not.toMatch(/<script>|style="/);
  });

  it('creates a web ticket and shows the number and query code once', async () => {
    const before = await ticketCount();
    const r = await post('/hotline', '/hotline', { type: 'complaint', categoryCode: '010103', districtCode: '500103', content: '小区门口路灯坏了一个星期，晚上很黑', contactPhone: '13800000001', confidentiality: 'standard' });
    expect(r.statusCode).toBe(200);
    const number = /id="receipt-number">(\d{14})</.exec(r.body)?.[1];
    const code = /id="receipt-code">([A-Z0-9]{6})</.exec(r.body)?.[1];
    expect(number).toBeDefined();
    expect(code).toBeDefined();
    expect(await ticketCount()).toBe(before + 1);
    const row = await deps.hotline.getPublicTicket(number as string);
    expect(row?.state).toBe('submitted');
    const tracked = await post('/hotline/track', '/hotline/track', { number: number as string, code: code as string });
    expect(tracked.statusCode).toBe(200);
    expect(tracked.body).toContain('id="track-stage">待受理<');
  });

  it('the same form posted twice (a double click) makes one ticket and shows the same receipt', async () => {
    const s = await session('/hotline');
    const formToken = /name="formToken" value="([^"]+)"/.exec(s.html)?.[1] as string;
    expect(formToken).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    const send = () =>
      app.inject({
        method: 'POST',
        url: '/hotline',
        payload: new URLSearchParams({ _csrf: s.csrf, formToken, type: 'help', content: '楼下下水道堵塞，污水漫到人行道上', confidentiality: 'standard' }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: s.cookie },
      });
    const before = await ticketCount();
    const [a, b] = await Promise.all([send(), send()]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    const receipt = (html: string) => [/id="receipt-number">(\d{14})</.exec(html)?.[1], /id="receipt-code">([A-Z0-9]{6})</.exec(html)?.[1]];
    expect(receipt(a.body)).toEqual(receipt(b.body));
    expect(receipt(a.body)[1]).toBeDefined();
    expect(await ticketCount()).toBe(before + 1);
  });

  it('keeps the input and lists every field error in Chinese; nothing is written', async () => {
    const before = await ticketCount();
    const r = await post('/hotline', '/hotline', { type: '', content: '短', contactPhone: 'abc', address: '重庆市渝中区' });
    expect(r.statusCode).toBe(400);
    expect(r.body).toContain('提交的内容有 3 处需要修改');
    for (const m of ['诉求类型：请选择', '诉求内容：至少', '联系电话：格式不正确']) expect(r.body).toContain(m);
    expect(r.body).toContain('value="重庆市渝中区"');
    expect(r.body).toMatch(/name="formToken" value="[A-Za-z0-9_-]{16,64}"/);
    expect(await ticketCount()).toBe(before);
  });

  it('refuses a post without the CSRF token', async () => {
    const before = await ticketCount();
    const r = await app.inject({ method: 'POST', url: '/hotline', payload: 'type=help&content=路灯坏了很多天了', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(r.statusCode).toBe(403);
    expect(await ticketCount()).toBe(before);
  });
});

describe('/hotline/track', () => {
  it('shows the masked reply of a closed ticket, never the contact', async () => {
    const { ticket, queryCode } = await createTestTicket(deps.hotline, { agencyId, state: 'closed', source: 'web' });
    const r = await post('/hotline/track', '/hotline/track', { number: ticket.number, code: queryCode });
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('已办结');
    expect(r.body).toContain('已安排养护单位');
    expect(r.body).not.toContain('13800138000');
    expect(r.body).not.toContain('张三');
  });

  it('a wrong code is 404 with the same message as an unknown number; empty fields are 400', async () => {
    const { ticket, queryCode } = await createTestTicket(deps.hotline, { agencyId, source: 'web' });
    const wrong = await post('/hotline/track', '/hotline/track', { number: ticket.number, code: queryCode === 'ZZZZZZ' ? 'YYYYYY' : 'ZZZZZZ' });
    const unknown = await post('/hotline/track', '/hotline/track', { number: '20200101000001', code: 'ABCDEF' });
    expect(wrong.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    expect(wrong.body).toContain('工单编号或查询码不正确');
    const empty = await post('/hotline/track', '/hotline/track', { number: '', code: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('工单编号：必须填写');
    expect(empty.body).toContain('查询码：必须填写');
  });

  it('is rate-limited per address', async () => {
    const s = await session('/hotline/track');
    const send = () =>
      app.inject({ method: 'POST', url: '/hotline/track', remoteAddress: '203.0.113.77', payload: new URLSearchParams({ _csrf: s.csrf, number: '20200101000001', code: 'ABCDEF' }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: s.cookie } });
    for (let i = 0; i < TRACK_LIMIT.attempts; i++) expect((await send()).statusCode).toBe(404);
    const r = await send();
    expect(r.statusCode).toBe(429);
    expect(r.body).toContain('查询过于频繁');
  });
});

describe('/hotline/mailbox', () => {
  it('publishes consented, approved letters with 留言时间 and 答复时间, masked; not the others', async () => {
    const input = { title: '关于渝中区某小区停车难的建议', publishConsent: '1', content: '我是住在民族路的李四，电话13800138000，小区停车太难了，希望增加车位' };
    const pub = await createTestTicket(deps.hotline, { agencyId, state: 'closed', source: 'mailbox', input });
    const hidden = await createTestTicket(deps.hotline, { agencyId, state: 'closed', source: 'mailbox', input: { ...input, confidentiality: 'full' } });
    const page = await app.inject({ method: 'GET', url: '/hotline/mailbox' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`/hotline/mailbox/${pub.ticket.number}`);
    expect(page.body).not.toContain(`/hotline/mailbox/${hidden.ticket.number}`);
    for (const t of ['留言时间', '答复时间', '个工作日内答复率', '最久未答复的来信']) expect(page.body).toContain(t);
    const letter = await app.inject({ method: 'GET', url: `/hotline/mailbox/${pub.ticket.number}` });
    expect(letter.statusCode).toBe(200);
    expect(letter.body).not.toContain('13800138000');
    expect(letter.body).toContain('答复内容');
    const none = await app.inject({ method: 'GET', url: `/hotline/mailbox/${hidden.ticket.number}` });
    expect(none.statusCode).toBe(404);
  });

  it('takes a letter; a letter without a title is refused in Chinese and nothing is written', async () => {
    const before = await ticketCount();
    const bad = await post('/hotline/mailbox', '/hotline/mailbox', { type: 'suggestion', title: '', content: '建议在解放碑增加公共厕所' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('标题：必须填写');
    expect(await ticketCount()).toBe(before);
    const ok = await post('/hotline/mailbox', '/hotline/mailbox', { type: 'suggestion', title: '增加公共厕所', content: '建议在解放碑增加公共厕所', publishConsent: '1' });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('来信已提交');
    expect(await ticketCount()).toBe(before + 1);
  });
});
