import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'gk-cfg-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('config', () => {
  it('has working defaults: embedded database in ./data, port 3000', () => {
    const dir = tmp();
    const c = loadConfig({ DATA_DIR: dir });
    expect(c.databaseUrl).toBeUndefined();
    expect(c.port).toBe(3000);
    expect(c.baseUrl).toBe('http://localhost:3000');
    expect(c.site.siteCode).toMatch(/^\d{10}$/);
  });

  it('generates the session secret once in DATA_DIR and keeps it', () => {
    const dir = tmp();
    const a = loadConfig({ DATA_DIR: dir });
    const b = loadConfig({ DATA_DIR: dir });
    expect(a.sessionSecret).toHaveLength(64);
    expect(b.sessionSecret).toBe(a.sessionSecret);
    expect(readFileSync(path.join(dir, 'session-secret'), 'utf8').trim()).toBe(a.sessionSecret);
  });

  it('lists every bad variable at once', () => {
    let caught: unknown;
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', BASE_URL: 'not a url', SESSION_SECRET: 'short', SITE_CODE: '123', NODE_ENV: 'production' });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'DATABASE_URL', 'BASE_URL', 'SESSION_SECRET', 'SITE_CODE']) expect(problems).toContain(name);
    expect((caught as ConfigError).problems.length).toBeGreaterThanOrEqual(5);
  });

  it('requires SESSION_SECRET in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://localhost/x' })).toThrow(/SESSION_SECRET/);
    expect(loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://localhost/x', SESSION_SECRET: 'x'.repeat(40) }).env).toBe('production');
  });

  it('reads PUBLIC_UPLOAD_MB (all the files of one anonymous post): default 20, 1 to 2048, beside the per-file MAX_UPLOAD_MB', () => {
    const d = loadConfig({ DATA_DIR: tmp() });
    expect(d.publicUploadBytes).toBe(20 * 1024 * 1024);
    expect(d.maxUploadBytes).toBe(50 * 1024 * 1024);
    expect(loadConfig({ DATA_DIR: tmp(), PUBLIC_UPLOAD_MB: '5' }).publicUploadBytes).toBe(5 * 1024 * 1024);
    expect(loadConfig({ DATA_DIR: tmp(), PUBLIC_UPLOAD_MB: '2048' }).publicUploadBytes).toBe(2048 * 1024 * 1024);
    for (const [raw, message] of [
      ['0', 'PUBLIC_UPLOAD_MB 必须在 1 到 2048 之间（当前为 0）'],
      ['2049', 'PUBLIC_UPLOAD_MB 必须在 1 到 2048 之间（当前为 2049）'],
      ['20MB', 'PUBLIC_UPLOAD_MB 必须是整数（当前为 “20MB”）'],
    ] as const) {
      let caught: unknown;
      try {
        loadConfig({ DATA_DIR: tmp(), PUBLIC_UPLOAD_MB: raw, MAX_UPLOAD_MB: 'x' });
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(ConfigError);
      // listed with the other bad variables, in the same words
      expect((caught as ConfigError).problems).toEqual(['MAX_UPLOAD_MB 必须是整数（当前为 “x”）', message]);
    }
  });

  it('validates the site identity', () => {
    expect(() => loadConfig({ DATA_DIR: tmp(), SITE_ICP: '备案中' })).toThrow(/SITE_ICP/);
    expect(loadConfig({ DATA_DIR: tmp(), SITE_CODE: 'bm55000001' }).site.siteCode).toBe('bm55000001');
  });
});
