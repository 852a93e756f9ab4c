import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli.ts';
import { loadConfig } from '../config.ts';
import { createDeps } from '../deps.ts';
import { seedAgencies } from '../modules/agencies/index.ts';
import type { ImportSummary } from '../modules/disclosure/importer/import.service.ts';
import type { Database } from '../platform/db/database.ts';
import { createTestDatabase } from '../platform/db/testing.ts';
import type { CliIo } from './context.ts';

// The command opens the configured database itself: DATABASE_URL points at a fresh test database.
// Vitest itself sets BASE_URL=/ (Vite's base path), which the config rightly refuses.
const SEED = new URL('../modules/disclosure/importer/fixtures/2018-chongqing-zhengwu-gongkai-gongzuo-yaodian.txt', import.meta.url).pathname;
const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL, BASE_URL: process.env.BASE_URL };
let dir: string;
let database: Database;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'gk-import-cli-'));
  process.env.DATA_DIR = path.join(dir, 'data');
  process.env.BASE_URL = 'http://localhost:3000';
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  await seedAgencies(createDeps(loadConfig({ NODE_ENV: 'test', DATA_DIR: path.join(dir, 'data') }), database));
  mkdirSync(path.join(dir, 'pages'));
  copyFileSync(SEED, path.join(dir, 'pages', 'a-seed.txt'));
  writeFileSync(path.join(dir, 'pages', 'b-broken.txt'), '这是一段没有标题和日期的文字。');
  writeFileSync(
    path.join(dir, 'pages', 'c-notice.html'),
    '<html><head><meta name="ArticleTitle" content="重庆市民政局关于开展2019年度社会组织年检的通知"><meta name="PubDate" content="2019-03-05"></head><body><div class="content"><p>各社会组织：</p><p>现就年检事项通知如下。</p><p>重庆市民政局</p><p>2019年3月1日</p><p>（此件公开发布）</p></div></body></html>',
  );
});
afterAll(async () => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await database?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), stdin: async () => Buffer.alloc(0) };
  const code = await runCli(['import', ...argv], io);
  return { code, out, err };
}

const itemCount = async () => (await database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM items`)).rows[0]?.n;

describe('gongkai import', () => {
  it('imports one page for the agency given, and prints what it did', async () => {
    const r = await run(SEED, '--agency', 'cq-bgt');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^导入完成：共 1 个文件，导入 1 个，跳过 0 个，失败 0 个。\n {2}导入 2018-chongqing-zhengwu-gongkai-gongzuo-yaodian\.txt：《重庆市人民政府办公厅关于印发2018年重庆市政务公开工作要点的通知》，索引号 \S+\/2018-00001，发布日期 2018-06-13\n$/);
    expect(await itemCount()).toBe(1);
  });

  it('imports a directory: progress and summary on stderr, the summary as JSON with --json; a re-run changes nothing', async () => {
    const r = await run(path.join(dir, 'pages'), '--json');
    expect(r.code).toBe(1);
    expect(r.err).toContain('[1/3] a-seed.txt：跳过（已存在发文字号相同（渝府办发〔2018〕76号）');
    expect(r.err).toMatch(/\[2\/3\] b-broken\.txt：失败（请填写标题/);
    expect(r.err).toMatch(/\[3\/3\] c-notice\.html：已导入，索引号 \S+\/2019-00001/);
    const summary = JSON.parse(r.out) as ImportSummary;
    expect(summary).toMatchObject({ dryRun: false, files: 3 });
    expect(summary.imported.map((e) => [e.file, e.agencyCode, e.publishedDate])).toEqual([['c-notice.html', 'cq-mzj', '2019-03-05']]);
    expect(summary.skipped.map((e) => e.file)).toEqual(['a-seed.txt']);
    expect(summary.failed.map((e) => e.file)).toEqual(['b-broken.txt']);
    expect(await itemCount()).toBe(2);

    const again = await run(path.join(dir, 'pages'));
    expect(again.code).toBe(1);
    expect(again.out).toBe('');
    expect(again.err).toContain('导入完成：共 3 个文件，导入 0 个，跳过 2 个，失败 1 个。');
    expect(again.err).toContain('  跳过 c-notice.html：已存在标题和成文日期（2019-03-01）相同的信息');
    expect(await itemCount()).toBe(2);
  });

  it('fails with a Chinese message when the agency is unknown', async () => {
    const r = await run(SEED, '--agency', 'no-such', '--json');
    expect(r.code).toBe(1);
    expect((JSON.parse(r.out) as ImportSummary).failed).toEqual([{ file: path.basename(SEED), reason: '找不到代码为“no-such”的机关（或该机关已撤销）' }]);
  });

  it('is listed in the usage', async () => {
    let out = '';
    await runCli(['help'], { stdout: (t) => void (out += t), stderr: () => undefined, stdin: async () => Buffer.alloc(0) });
    expect(out).toContain('import <文件或目录> [--agency <代码>] [--dry-run] [--json]  导入旧网页');
  });
});
