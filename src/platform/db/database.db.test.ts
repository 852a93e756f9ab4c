import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createDeps } from '../../deps.ts';
import { startChildServer } from '../../../test/support/child-server.ts';
import type { Database } from './database.ts';
import { createTestDatabase } from './testing.ts';

let database: Database;
let app: App;
let base: string;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'gk-db-'));
  database = await createTestDatabase();
  app = await buildApp(createDeps(loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir }), database));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  await database.pool.query('CREATE TABLE probe (id serial CONSTRAINT probe_pk PRIMARY KEY, note text NOT NULL)');
});

afterAll(async () => {
  await app?.close();
  await database?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the data layer', () => {
  it('keeps serving requests while a slow query runs', async () => {
    // CPU work plus a sleep: PostgreSQL's parallel workers finish the count alone in ~0.2 s on a quiet machine
    const slow = database.pool.query('SELECT pg_sleep(0.4), count(*) FROM generate_series(1, 3000000) g, LATERAL (SELECT md5(g::text)) m');
    const slowStarted = Date.now();
    await new Promise((r) => setTimeout(r, 50));
    const t0 = Date.now();
    const res = await fetch(`${base}/healthz`);
    const healthMs = Date.now() - t0;
    expect(res.status).toBe(200);
    await slow;
    const slowMs = Date.now() - slowStarted;
    // the probe came back while the slow query was still running, not after it
    expect(slowMs).toBeGreaterThan(300);
    expect(healthMs).toBeLessThan(slowMs / 2);
  });

  it('never shows one connection the uncommitted rows of another', async () => {
    const a = await database.pool.connect();
    try {
      await a.query('BEGIN');
      await a.query("INSERT INTO probe (note) VALUES ('uncommitted')");
      // another request reads while the transaction is open (on PGlite it waits for the transaction to end)
      const reading = database.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM probe WHERE note = 'uncommitted'");
      await new Promise((r) => setTimeout(r, 150));
      await a.query('ROLLBACK');
      expect((await reading).rows[0]?.n).toBe(0);

      await a.query('BEGIN');
      await a.query("INSERT INTO probe (note) VALUES ('committed')");
      await a.query('COMMIT');
      const after = await database.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM probe WHERE note = 'committed'");
      expect(after.rows[0]?.n).toBe(1);
    } finally {
      a.release();
    }
  });

  it('refuses a second gongkai serve on the same DATA_DIR', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gk-lock-'));
    const first = await startChildServer({ DATA_DIR: dir, DATABASE_URL: undefined, SITE_NAME: undefined });
    try {
      const second = startChildServer({ DATA_DIR: dir });
      await expect(second).rejects.toThrow(/已被另一个 gongkai 进程（PID \d+）占用/);
      const res = await fetch(`${first.url}/healthz`);
      expect(res.status).toBe(200);
    } finally {
      first.proc.kill('SIGTERM');
      await first.exited;
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
