import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createDeps, type Deps } from '../../deps.ts';
import type { Role } from '../../platform/auth/actor.ts';
import { syncCalendarFromPackage } from '../../platform/calendar/calendar.sync.ts';
import { shanghaiDate } from '../../platform/calendar/workdays.ts';
import type { Database } from '../../platform/db/database.ts';
import { createTestDatabase } from '../../platform/db/testing.ts';
import type { Agency } from '../agencies/index.ts';
import { createTestAgency } from '../agencies/agencies.testing.ts';
import { signInAs } from '../staff/staff.testing.ts';
import { createTestTicket } from './tickets.testing.ts';

let database: Database;
let deps: Deps;
let app: App;
let a1: Agency;
let a2: Agency;
type Session = { cookie: string; csrfToken: string };
let agent: Session;
let office: Session;
let handler: Session;
let editor: Session;

const session = (role: Role, at: Agency) => signInAs(app, database.db, [{ role, agencyId: at.id, includeSubtree: false }]);
const get = (url: string, s: Session) => app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });

beforeAll(async () => {
  database = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'gk-hotline-sup-')) });
  deps = createDeps(config, database);
  app = await buildApp(deps, { logger: false });
  await syncCalendarFromPackage(database.db);
  const root = await createTestAgency(database.db, { kind: 'government' });
  a1 = await createTestAgency(database.db, { parentId: root.id, name: '测试监管甲单位' });
  a2 = await createTestAgency(database.db, { parentId: root.id, name: '测试监管乙单位' });
  agent = await session('agent', root);
  office = await session('office', root);
  handler = await session('handler', a1);
  editor = await session('editor', a1);
  await createTestTicket(deps.hotline, { state: 'visited', agencyId: a1.id });
  await createTestTicket(deps.hotline, { state: 'handling', agencyId: a2.id, input: { channel: 'web' } });
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('/console/hotline/supervision', () => {
  it('shows the 三率 with their formulas, the charts as inline SVG and the tables', async () => {
    const res = await get('/console/hotline/supervision', office);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('响应率 = 按时签收且按时先行联系的工单数 ÷ 应响应工单数');
    expect(res.body).toContain('满意率 = ');
    expect(res.body).toMatch(/<svg[^>]*role="img"[^>]*aria-label="各类型工单量"/);
    expect(res.body).toContain('测试监管甲单位');
    expect(res.body).toContain('测试监管乙单位');
    expect(res.body.split('</head>')[1]).not.toContain('<script');
  });

  it('a handler sees only their agency', async () => {
    const res = await get('/console/hotline/supervision', handler);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('测试监管甲单位');
    expect(res.body).not.toContain('测试监管乙单位');
    expect((await get(`/console/hotline/supervision?agencyId=${a2.id}`, handler)).statusCode).toBe(403);
    expect((await get(`/console/hotline/supervision/report?format=docx&month=2026-03&agencyId=${a2.id}`, handler)).statusCode).toBe(403);
  });

  it('names bad dates and keeps the page', async () => {
    const res = await get('/console/hotline/supervision?from=2026-05-01&to=2026-04-01', agent);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('起始日期：不能晚于截止日期');
    const bad = await get('/console/hotline/supervision?from=abc', agent);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('起始日期：应为日期');
    expect((await get(`/console/hotline/supervision/report?format=xlsx&month=13&agencyId=${a1.id}`, agent)).statusCode).toBe(400);
  });

  it('downloads the monthly report as DOCX and XLSX', async () => {
    const month = shanghaiDate().slice(0, 7);
    const docx = await get(`/console/hotline/supervision/report?format=docx&month=${month}&agencyId=${a1.id}`, agent);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const xlsx = await get(`/console/hotline/supervision/report?format=xlsx&month=${month}&agencyId=${a1.id}`, agent);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(String(xlsx.headers['content-disposition'])).toContain("filename*=UTF-8''");
  });

  it('refuses staff outside the hotline', async () => {
    expect((await get('/console/hotline/supervision', editor)).statusCode).toBe(403);
    expect((await get(`/console/hotline/supervision/report?format=docx&month=2026-03&agencyId=${a1.id}`, editor)).statusCode).toBe(403);
  });
});
