import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createDeps, type Deps } from '../../deps.ts';
import type { Role } from '../../platform/auth/actor.ts';
import { syncCalendarFromPackage } from '../../platform/calendar/calendar.sync.ts';
import type { Database } from '../../platform/db/database.ts';
import { createTestDatabase } from '../../platform/db/testing.ts';
import { createTestAgency } from '../agencies/agencies.testing.ts';
import { signInAs } from '../staff/staff.testing.ts';

let database: Database;
let deps: Deps;
let app: App;
let admin: Session;
const others: Record<string, Session> = {};

interface Session {
  cookie: string;
  csrfToken: string;
}

async function sessionFor(role: Role): Promise<Session> {
  const agency = await createTestAgency(database.db);
  const s = await signInAs(app, database.db, [{ role, agencyId: agency.id, includeSubtree: true }]);
  return { cookie: s.cookie, csrfToken: s.csrfToken };
}

beforeAll(async () => {
  database = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'gk-calendar-')) });
  deps = createDeps(config, database);
  app = await buildApp(deps, { logger: false });
  await syncCalendarFromPackage(database.db);
  admin = await sessionFor('admin');
  for (const role of ['office', 'editor', 'reviewer', 'agent', 'handler'] as const) others[role] = await sessionFor(role);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

function get(url: string, s: Session) {
  return app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });
}

function post(url: string, s: Session, fields: Record<string, string>) {
  return app.inject({
    method: 'POST',
    url,
    headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: s.csrfToken, ...fields }).toString(),
  });
}

async function snapshot(): Promise<string> {
  const r = await database.db.execute(sql`SELECT
    (SELECT json_agg(d ORDER BY d.day) FROM calendar_days d) AS days,
    (SELECT json_agg(y ORDER BY y.year) FROM calendar_years y) AS years,
    (SELECT count(*) FROM audit_log) AS audits`);
  return JSON.stringify(r.rows[0]);
}

describe('GET /console/calendar', () => {
  it('shows a year with its holidays and make-up days, and a CSRF field on every form', async () => {
    const res = await get('/console/calendar?year=2025', admin);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('工作日历 · 2025 年');
    expect(res.body).toContain('2025-10-01 星期三');
    expect(res.body).toContain('国庆节调休上班');
    expect(res.body).toContain('已录入');
    const forms = res.body.match(/<form[\s\S]*?<\/form>/g) ?? [];
    expect(forms.length).toBeGreaterThan(3);
    for (const f of forms) expect(f).toContain(`name="_csrf" value="${admin.csrfToken}"`);
  });

  it('marks a year with no data as not entered', async () => {
    const res = await get('/console/calendar?year=2031', admin);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('尚未录入');
    expect(res.body).toContain('2031 年还没有录入任何放假或调休上班日');
  });

  it('refuses a malformed year with 400', async () => {
    for (const year of ['20x5', '1999', '12345']) {
      const res = await get(`/console/calendar?year=${year}`, admin);
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('年份');
    }
  });

  it('sends a visitor without a session to sign in', async () => {
    const res = await app.inject({ method: 'GET', url: '/console/calendar' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(/^\/console\/login\?next=/);
  });
});

describe('changing days', () => {
  it('adds a day, changes it on its own page, and removes it', async () => {
    let res = await post('/console/calendar/days', admin, { date: '2026-12-30', kind: 'holiday', name: '测试放假' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/console/calendar?year=2026');
    expect(await deps.calendar.isWorkday('2026-12-30')).toBe(false);

    res = await get('/console/calendar/days/2026-12-30', admin);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('测试放假');
    expect(res.body).toContain('name="version" value="1"');

    res = await post('/console/calendar/days', admin, { date: '2026-12-30', kind: 'holiday', name: '改名放假', version: '1' });
    expect(res.statusCode).toBe(303);
    res = await post('/console/calendar/days', admin, { date: '2026-12-30', kind: 'holiday', name: '过期表单', version: '1' });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('此记录已被他人修改');

    res = await post('/console/calendar/days/2026-12-30/delete', admin, { version: '2' });
    expect(res.statusCode).toBe(303);
    expect(await deps.calendar.isWorkday('2026-12-30')).toBe(true);
  });

  it('returns 404 for a day with no arrangement', async () => {
    expect((await get('/console/calendar/days/2026-06-10', admin)).statusCode).toBe(404);
  });

  it('marks a year as entered', async () => {
    const res = await post('/console/calendar/years', admin, { year: '2032', note: '国办发明电〔2031〕9号' });
    expect(res.statusCode).toBe(303);
    expect(await deps.calendar.coverage()).toContain(2032);
  });
});

describe('bad input writes nothing', () => {
  const cases: [string, string, Record<string, string>, string][] = [
    ['a malformed date', '/console/calendar/days', { date: '2026-02-30', kind: 'holiday', name: '某节' }, '日期'],
    ['a date in the wrong format', '/console/calendar/days', { date: '30/12/2026', kind: 'holiday', name: '某节' }, '日期'],
    ['an unknown kind', '/console/calendar/days', { date: '2026-12-30', kind: 'vacation', name: '某节' }, '类型'],
    ['a missing name', '/console/calendar/days', { date: '2026-12-30', kind: 'holiday', name: '' }, '名称'],
    ['a weekend holiday', '/console/calendar/days', { date: '2026-12-26', kind: 'holiday', name: '周六' }, '星期六'],
    ['a bad version', '/console/calendar/days', { date: '2026-12-30', kind: 'holiday', name: '某节', version: 'x' }, '版本'],
    ['a malformed year', '/console/calendar/years', { year: '20x7', note: '国办发明电〔2026〕1号' }, '年份'],
    ['a year out of range', '/console/calendar/years', { year: '1999', note: '国办发明电〔1998〕1号' }, '年份'],
    ['an empty note', '/console/calendar/years', { year: '2033', note: '' }, '依据文件'],
    ['a malformed date to delete', '/console/calendar/days/2026-13-01/delete', {}, '日期'],
  ];
  for (const [what, url, fields, mentions] of cases) {
    it(`refuses ${what} with 400`, async () => {
      const before = await snapshot();
      const res = await post(url, admin, fields);
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain(mentions);
      expect(await snapshot()).toBe(before);
    });
  }

  it('re-renders the form with the error summary and the submitted values', async () => {
    const res = await post('/console/calendar/days', admin, { date: '2026-02-30', kind: 'vacation', name: '我的节日' });
    expect(res.body).toContain('class="error-summary"');
    expect(res.body).toContain('href="#field-date"');
    expect(res.body).toContain('href="#field-kind"');
    expect(res.body).toContain('value="我的节日"');
  });

  it('refuses a form without its CSRF token', async () => {
    const before = await snapshot();
    const res = await app.inject({
      method: 'POST',
      url: '/console/calendar/days',
      headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ date: '2026-12-30', kind: 'holiday', name: '某节' }).toString(),
    });
    expect(res.statusCode).toBe(403);
    expect(await snapshot()).toBe(before);
  });
});

describe('only a 系统管理员 may use the editor', () => {
  const routes: [string, 'GET' | 'POST', string, Record<string, string>][] = [
    ['the year view', 'GET', '/console/calendar?year=2025', {}],
    ['a day page', 'GET', '/console/calendar/days/2025-10-01', {}],
    ['setting a day', 'POST', '/console/calendar/days', { date: '2026-12-30', kind: 'holiday', name: '某节' }],
    ['removing a day', 'POST', '/console/calendar/days/2025-10-01/delete', {}],
    ['marking a year', 'POST', '/console/calendar/years', { year: '2034', note: '国办发明电〔2033〕1号' }],
  ];
  for (const [what, method, url, fields] of routes) {
    it(`refuses ${what} to every other role with 403, writing nothing`, async () => {
      const before = await snapshot();
      for (const [role, s] of Object.entries(others)) {
        const res = method === 'GET' ? await get(url, s) : await post(url, s, fields);
        expect({ role, status: res.statusCode, forbidden: res.body.includes('FORBIDDEN') }).toEqual({ role, status: 403, forbidden: true });
      }
      expect(await snapshot()).toBe(before);
    });
  }
});
