import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from './app.ts';
import { loadConfig } from './config.ts';
import { createDeps } from './deps.ts';
import type { Database } from './platform/db/database.ts';
import { createTestDatabase } from './platform/db/testing.ts';

let database: Database;
let app: App;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'gk-app-'));
  database = await createTestDatabase();
  app = await buildApp(createDeps(loadConfig({ NODE_ENV: 'test', DATA_DIR: dir }), database), { logger: false });
  app.get('/__boom', async () => {
    throw new Error('secret stack detail');
  });
});
afterAll(async () => {
  await app?.close();
  await database?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the web shell', () => {
  it('answers health and readiness', async () => {
    expect((await app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await app.inject('/readyz')).json()).toMatchObject({ status: 'ready' });
  });

  it('sends a real CSP and the other security headers, and a request id', async () => {
    const res = await app.inject('/healthz');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect((await app.inject({ url: '/healthz', headers: { 'x-request-id': 'abcdef12-trace' } })).headers['x-request-id']).toBe('abcdef12-trace');
  });

  it('renders a Chinese 404 page, and JSON with a stable code under /api', async () => {
    const page = await app.inject('/no-such-page');
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('页面不存在');
    expect(page.body).toContain('NOT_FOUND');
    const api = await app.inject('/api/v1/no-such-thing');
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('publishes OpenAPI 3 at /docs', async () => {
    const doc = (await app.inject('/docs/json')).json() as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toContain('/api/v1/agencies');
    expect((await app.inject('/docs/')).statusCode).toBe(200);
  });

  it('serves static assets with a year of caching under a content-hashed path', async () => {
    const home = await app.inject('/');
    const css = /href="(\/static\/[0-9a-f]{10}\/site\.css)"/.exec(home.body)?.[1];
    expect(css).toBeTruthy();
    const res = await app.inject(css ?? '');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toContain('max-age=31536000');
    expect(res.headers['cache-control']).toContain('immutable');
  });

  it('never leaks internals on a server error', async () => {
    const res = await app.inject('/__boom');
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('secret stack detail');
    expect(res.body).toContain('系统出现问题');
  });
});
