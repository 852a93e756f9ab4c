import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createDeps } from '../../deps.ts';
import type { Database } from '../../platform/db/database.ts';
import { createTestDatabase } from '../../platform/db/testing.ts';
import { createTestAgency } from '../agencies/agencies.testing.ts';
import { signInAs } from '../staff/staff.testing.ts';
import { API_KEYS_PATH } from './api-keys.views.tsx';

let database: Database;
let app: App;
let agencyId = '';

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(createDeps(loadConfig({ NODE_ENV: 'test', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'gk-keys-')) }), database), { logger: false });
  agencyId = (await createTestAgency(database.db, { kind: 'government' })).id;
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

function post(url: string, s: { cookie: string; csrfToken: string }, fields: Record<string, string>) {
  return app.inject({ method: 'POST', url, payload: new URLSearchParams({ _csrf: s.csrfToken, ...fields }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: s.cookie } });
}

const clients = async () => (await database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM hotline_api_clients`)).rows[0]?.n ?? 0;

describe(API_KEYS_PATH, () => {
  it('is for 系统管理员 only: anonymous to sign-in, an agent 403', async () => {
    const anon = await app.inject({ method: 'GET', url: API_KEYS_PATH });
    expect(anon.statusCode).toBe(303);
    expect(anon.headers.location).toMatch(/^\/console\/(login|sign-in)/);
    const agent = await signInAs(app, database.db, [{ role: 'agent', agencyId, includeSubtree: true }]);
    expect((await app.inject({ method: 'GET', url: API_KEYS_PATH, headers: { cookie: agent.cookie } })).statusCode).toBe(403);
    const before = await clients();
    expect((await post(API_KEYS_PATH, agent, { name: '某应用' })).statusCode).toBe(403);
    expect(await clients()).toBe(before);
  });

  it('issues a key shown once, which then works on Open311; revokes it with a reason', async () => {
    const admin = await signInAs(app, database.db, [{ role: 'admin', agencyId, includeSubtree: true }]);
    const issued = await post(API_KEYS_PATH, admin, { name: '渝中区小程序', channel: 'miniprogram' });
    expect(issued.statusCode).toBe(200);
    const key = /id="issued-key">([^<]+)</.exec(issued.body)?.[1] as string;
    expect(key).toMatch(/^gk_/);
    const list = await app.inject({ method: 'GET', url: API_KEYS_PATH, headers: { cookie: admin.cookie } });
    expect(list.body).toContain('渝中区小程序');
    expect(list.body).not.toContain(key);
    const form = (k: string) => ({ method: 'POST' as const, url: '/open311/v2/requests.json', payload: new URLSearchParams({ api_key: k, service_code: '010103', address_string: '渝中区民族路', description: '路灯不亮' }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect((await app.inject(form(key))).statusCode).toBe(200);
    const id = (await database.db.execute<{ id: string }>(sql`SELECT id FROM hotline_api_clients WHERE name = '渝中区小程序'`)).rows[0]?.id as string;
    const noReason = await post(`${API_KEYS_PATH}/${id}/revoke`, admin, { reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('停用理由：必须填写');
    const revoked = await post(`${API_KEYS_PATH}/${id}/revoke`, admin, { reason: '小程序下线' });
    expect(revoked.statusCode).toBe(303);
    expect((await app.inject(form(key))).statusCode).toBe(403);
  });

  it('lists every bad field in Chinese and writes nothing', async () => {
    const admin = await signInAs(app, database.db, [{ role: 'admin', agencyId, includeSubtree: true }]);
    const before = await clients();
    const r = await post(API_KEYS_PATH, admin, { name: 'x', channel: 'fax' });
    expect(r.statusCode).toBe(400);
    expect(r.body).toContain('客户端名称：2 至 100 个字');
    expect(r.body).toContain('渠道：请选择');
    expect(await clients()).toBe(before);
  });
});
