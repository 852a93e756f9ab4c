import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createDeps } from '../../deps.ts';
import type { Database } from '../../platform/db/database.ts';
import { createTestDatabase } from '../../platform/db/testing.ts';
import { createTestAgency } from '../agencies/agencies.testing.ts';
import { createTestUser, signInAs } from './staff.testing.ts';

let database: Database;
let app: App;

beforeAll(async () => {
  database = await createTestDatabase();
  const deps = createDeps(loadConfig({ NODE_ENV: 'test', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'gk-staff-')) }), database);
  app = await buildApp(deps, { logger: false });
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('staff test factories', () => {
  it('signInAs gives a cookie the app accepts and a CSRF token it checks', async () => {
    const agency = await createTestAgency(database.db);
    const s = await signInAs(app, database.db, [{ role: 'editor', agencyId: agency.id, includeSubtree: false }]);
    const page = await app.inject({ method: 'GET', url: '/console', headers: { cookie: s.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(s.actor.name);
    expect(page.body).toContain(agency.name);
    const out = await app.inject({ method: 'POST', url: '/console/logout', headers: { cookie: s.cookie }, payload: { _csrf: s.csrfToken } });
    expect(out.statusCode).toBe(303);
    const after = await app.inject({ method: 'GET', url: '/console', headers: { cookie: s.cookie } });
    expect(after.statusCode).toBe(303);
    expect(after.headers.location).toBe('/console/login?next=%2Fconsole');
  });

  it('createTestUser makes distinct users who can sign in with the returned password', async () => {
    const agency = await createTestAgency(database.db);
    const a = await createTestUser(database.db, { grants: [{ role: 'reviewer', agencyId: agency.id, includeSubtree: false }] });
    const b = await createTestUser(database.db, { grants: [] });
    expect(a.username).not.toBe(b.username);
    const login = await app.inject({ method: 'GET', url: '/console/login' });
    const anon = /gk_anon=([^;]+)/.exec(String(login.headers['set-cookie']))?.[1] ?? '';
    const csrf = /name="_csrf" value="([^"]+)"/.exec(login.body)?.[1] ?? '';
    const res = await app.inject({ method: 'POST', url: '/console/login', headers: { cookie: `gk_anon=${anon}` }, payload: { _csrf: csrf, username: a.username, password: a.password } });
    expect(res.statusCode).toBe(303);
    expect(String(res.headers['set-cookie'])).toMatch(/gk_sid=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax/);
  });
});
