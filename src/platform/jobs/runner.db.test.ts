import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import type { Deps } from '../../deps.ts';
import type { Database } from '../db/database.ts';
import { createTestDatabase } from '../db/testing.ts';
import { JOBS_TIME_ZONE, runJobOnce, startJobsRunner, UnknownJobError, type AnyJobDefinition } from './runner.ts';
import type { JobDefinition } from './types.ts';

async function until(predicate: () => boolean, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the job');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('jobs runner (pg-boss on the application database)', () => {
  let database: Database;
  let deps: Deps;
  let dataDir: string;
  const runs: { name: string; data: object; now: string }[] = [];
  let failuresLeft = 0;

  const echo: JobDefinition<{ n?: number }> = {
    name: 'test.echo',
    async run(d, data) {
      // the job gets the real deps: it can query the database
      const [row] = (await d.db.execute<{ now: string }>(sql`select now()::text as now`)).rows;
      runs.push({ name: 'test.echo', data, now: row?.now ?? '' });
    },
  };
  const flaky: JobDefinition = {
    name: 'test.flaky',
    async run(_d, data) {
      runs.push({ name: 'test.flaky', data, now: '' });
      if (failuresLeft-- > 0) throw new Error('暂时失败');
    },
  };
  const nightly: JobDefinition = { name: 'test.nightly', cron: '30 8 * * 1-5', run: async () => undefined };

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'gk-jobs-'));
    // only what the runner and these jobs use: the whole composition root belongs to other modules' tests
    const partial: Pick<Deps, 'config' | 'database' | 'db'> = { config: loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir }), database, db: database.db };
    deps = partial as Deps;
  });
  afterAll(async () => {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts, works a job that was sent, and stops', async () => {
    const runner = await startJobsRunner(deps, [echo, flaky, nightly], { pollingIntervalSeconds: 0.5 });
    try {
      expect(await runner.boss.isInstalled()).toBe(true);
      const id = await runner.send('test.echo', { n: 7 });
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      await until(() => runs.some((r) => r.name === 'test.echo'));
      expect(runs.find((r) => r.name === 'test.echo')).toMatchObject({ data: { n: 7 } });
      expect(runs.find((r) => r.name === 'test.echo')?.now).toMatch(/^\d{4}-\d\d-\d\d /);
      const queues = (await runner.boss.getQueues()).map((q) => q.name);
      expect(queues).toEqual(expect.arrayContaining(['test.echo', 'test.flaky', 'test.nightly']));
    } finally {
      await runner.stop();
      await runner.stop(); // idempotent
    }
    // pg-boss's pool is closed; the application's pool is untouched
    expect((await database.pool.query('select 1 as one')).rows[0]).toEqual({ one: 1 });
  });

  it('retries a job that failed (at-least-once delivery)', async () => {
    failuresLeft = 1;
    const runner = await startJobsRunner(deps, [flaky], { pollingIntervalSeconds: 0.5, schedule: false });
    try {
      await runner.send('test.flaky', { attempt: 'x' });
      await until(() => runs.filter((r) => r.name === 'test.flaky').length >= 2);
      expect(failuresLeft).toBe(-1);
    } finally {
      await runner.stop();
    }
  });

  it('records cron schedules in Asia/Shanghai and removes schedules no job declares any more', async () => {
    const first = await startJobsRunner(deps, [echo, nightly], { pollingIntervalSeconds: 0.5 });
    try {
      const schedules = await first.boss.getSchedules();
      expect(schedules.map((s) => ({ name: s.name, cron: s.cron, timezone: s.timezone }))).toEqual([
        { name: 'test.nightly', cron: '30 8 * * 1-5', timezone: JOBS_TIME_ZONE },
      ]);
    } finally {
      await first.stop();
    }
    const renamed: JobDefinition = { ...nightly, cron: '0 9 * * *' };
    const second = await startJobsRunner(deps, [renamed], { pollingIntervalSeconds: 0.5 });
    try {
      expect((await second.boss.getSchedules()).map((s) => `${s.name} ${s.cron}`)).toEqual(['test.nightly 0 9 * * *']);
    } finally {
      await second.stop();
    }
    const none = await startJobsRunner(deps, [echo], { pollingIntervalSeconds: 0.5 });
    try {
      expect(await none.boss.getSchedules()).toEqual([]);
    } finally {
      await none.stop();
    }
  });

  it('refuses to send a job nobody defined, and duplicate or malformed names', async () => {
    const runner = await startJobsRunner(deps, [echo], { pollingIntervalSeconds: 0.5, schedule: false });
    try {
      expect(() => runner.send('test.missing')).toThrow(UnknownJobError);
    } finally {
      await runner.stop();
    }
    await expect(startJobsRunner(deps, [echo, echo])).rejects.toThrow('后台任务名称重复：test.echo');
    await expect(startJobsRunner(deps, [{ ...echo, name: 'NoModule' }])).rejects.toThrow('<模块>.<事项>');
  });

  it('fails to start, and lets go of its connections, when the database cannot be reached', async () => {
    const unreachable = { ...deps, database: { ...database, url: 'postgres://postgres@127.0.0.1:1/none', mode: 'postgres' as const } };
    await expect(startJobsRunner(unreachable, [echo])).rejects.toThrow();
  });

  it('runs one job once without pg-boss', async () => {
    const before = runs.length;
    await runJobOnce(deps, [echo] as AnyJobDefinition[], 'test.echo', { n: 1 });
    expect(runs.slice(before)).toMatchObject([{ name: 'test.echo', data: { n: 1 } }]);
    await expect(runJobOnce(deps, [echo], 'test.none')).rejects.toThrow('没有名为 “test.none” 的后台任务。可用的任务：test.echo');
  });
});
