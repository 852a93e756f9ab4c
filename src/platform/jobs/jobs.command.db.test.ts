import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli.ts';
import { UsageError, type CliIo } from '../../cli/context.ts';
import type { Database } from '../db/database.ts';
import { createTestDatabase } from '../db/testing.ts';
import { createJobsCommand } from './jobs.command.ts';
import type { JobDefinition } from './types.ts';

function capture(): { io: CliIo; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return { io: { stdout: (t) => void (out += t), stderr: (t) => void (err += t), stdin: async () => Buffer.alloc(0) }, out: () => out, err: () => err };
}

const seen: { data: object; one: number }[] = [];
const probe: JobDefinition<{ tag?: string }> = {
  name: 'test.probe',
  cron: '0 9 * * 1-5',
  async run(deps, data) {
    const [row] = (await deps.db.execute<{ one: number }>(sql`select 1::int as one`)).rows;
    seen.push({ data, one: row?.one ?? 0 });
  },
};
const adhoc: JobDefinition = { name: 'test.adhoc', run: async () => undefined };
const command = createJobsCommand(async () => [probe, adhoc]);

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const c = capture();
  const code = await command(argv, c.io);
  return { code, out: c.out(), err: c.err() };
}

// End to end like user.command.db.test.ts: the command opens the configured database itself.
describe('gongkai jobs', () => {
  const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL, BASE_URL: process.env.BASE_URL };
  let dataDir: string;
  let database: Database | null = null;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'gk-jobs-cli-'));
    process.env.DATA_DIR = dataDir;
    process.env.BASE_URL = 'http://localhost:3000';
    if (saved.DATABASE_URL) {
      database = await createTestDatabase();
      process.env.DATABASE_URL = database.url;
    }
  });
  afterAll(async () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await database?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('lists the jobs with their schedules', async () => {
    const r = await run('list');
    expect(r.code).toBe(0);
    expect(r.out).toBe('test.probe\t0 9 * * 1-5\ntest.adhoc\t（仅按需执行）\n');
  });

  it('runs one job once, synchronously, on the configured database, with --data', async () => {
    const r = await run('run', 'test.probe', '--data', '{"tag":"手动"}');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^后台任务 test\.probe 已执行完毕（用时 \d+ 毫秒）。\n$/);
    expect(seen).toEqual([{ data: { tag: '手动' }, one: 1 }]);
  });

  it('names the available jobs when the name is unknown, without touching the database', async () => {
    const r = await run('run', 'test.nothing');
    expect(r.code).toBe(1);
    expect(r.err).toContain('没有名为 “test.nothing” 的后台任务。可用的任务：test.probe、test.adhoc');
  });

  it('refuses bad usage in Chinese', async () => {
    await expect(run('run')).rejects.toThrow(UsageError);
    await expect(run('run')).rejects.toThrow('缺少任务名称');
    await expect(run('run', 'test.probe', '--data', '{oops')).rejects.toThrow('--data 不是有效的 JSON');
    await expect(run('run', 'test.probe', '--data', '[1,2]')).rejects.toThrow('--data 应为 JSON 对象');
    await expect(run('run', 'test.probe', 'extra')).rejects.toThrow('参数过多');
    await expect(run('stop')).rejects.toThrow('不认识的子命令：stop');
    expect(seen).toHaveLength(1);
  });

  it('is wired into the gongkai command with the real job list', async () => {
    const c = capture();
    expect(await runCli(['jobs', 'list'], c.io)).toBe(0);
    expect(c.out()).toMatch(/\S/);
    const bad = capture();
    expect(await runCli(['jobs', 'run', 'no.such-job'], bad.io)).toBe(1);
    expect(bad.err()).toContain('没有名为 “no.such-job” 的后台任务');
  });
});
