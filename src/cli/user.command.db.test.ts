import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli.ts';
import { loadConfig } from '../config.ts';
import { createDeps, type Deps } from '../deps.ts';
import { createTestAgency } from '../modules/agencies/agencies.testing.ts';
import type { Database } from '../platform/db/database.ts';
import { createTestDatabase } from '../platform/db/testing.ts';
import { verifyPassword } from '../platform/auth/password.ts';
import { UsageError, withDeps, type CliIo } from './context.ts';
import { addUser, parseUserAdd } from './user.command.ts';

function capture(): { io: CliIo; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return { io: { stdout: (t) => void (out += t), stderr: (t) => void (err += t), stdin: async () => Buffer.alloc(0) }, out: () => out, err: () => err };
}

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const c = capture();
  const code = await runCli(['user', ...argv], c.io);
  return { code, out: c.out(), err: c.err() };
}

// End to end, like workdays.command.db.test.ts: the command opens the configured database itself (the
// embedded PGlite in a temp DATA_DIR, or a fresh PostgreSQL database); Vitest's BASE_URL=/ is replaced.
describe('gongkai user add (end to end)', () => {
  const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL, BASE_URL: process.env.BASE_URL };
  let dataDir: string;
  let database: Database | null = null;
  let agencyCode = '';

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'gk-user-cli-'));
    process.env.DATA_DIR = dataDir;
    process.env.BASE_URL = 'http://localhost:3000';
    if (saved.DATABASE_URL) {
      database = await createTestDatabase();
      process.env.DATABASE_URL = database.url;
    }
    agencyCode = await withDeps(loadConfig(), async (deps) => (await createTestAgency(deps.db)).code);
  });
  afterAll(async () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await database?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates a user with a generated password that signs in, printed once', async () => {
    const r = await run('add', '--username', 'li.si', '--name', '李四', '--role', 'editor', '--agency', agencyCode);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toContain('已创建账号 li.si（李四）');
    expect(r.out).toContain('部门编辑');
    const password = /初始密码：(\S+)/.exec(r.out)?.[1] ?? '';
    expect(password).toHaveLength(16);
    const row = await withDeps(loadConfig(), async (deps) => {
      const rows = await deps.db.execute<{ password_hash: string; include_subtree: boolean }>(
        sql`SELECT u.password_hash, g.include_subtree FROM users u JOIN role_grants g ON g.user_id = u.id WHERE u.username = 'li.si'`,
      );
      return rows.rows[0];
    });
    expect(row?.include_subtree).toBe(false);
    expect(await verifyPassword(row?.password_hash ?? '', password)).toBe(true);
  });

  it.each([
    [['add', '--username', 'a1', '--name', '甲', '--role', 'boss', '--agency', 'x'], '角色“boss”无效'],
    [['add', '--username', 'a2', '--name', '乙', '--role', 'editor'], '缺少 --agency（机关代码）'],
    [['remove'], '不认识的子命令'],
    [['add', '--bogus'], '不认识的选项 --bogus'],
    [['add', '--username', 'a2', '--name', '乙', '--role', 'editor', '--agency', 'x', 'extra'], '多余的参数'],
  ])('exits 2 on %j before touching the database', async (argv, message) => {
    const r = await run(...argv);
    expect(r).toMatchObject({ code: 2, out: '' });
    expect(r.err).toContain(message);
  });
});

describe('addUser: bad input writes nothing', () => {
  let database: Database;
  let deps: Deps;
  let agencyCode = '';

  beforeAll(async () => {
    database = await createTestDatabase();
    deps = createDeps(loadConfig({ NODE_ENV: 'test', DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'gk-user-add-')) }), database);
    agencyCode = (await createTestAgency(database.db)).code;
  });
  afterAll(async () => {
    await database?.close();
  });

  async function userCount(): Promise<number> {
    const r = await database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM users`);
    return r.rows[0]?.n ?? -1;
  }

  it('takes --subtree and --password', async () => {
    const c = capture();
    expect(await addUser(deps, parseUserAdd(['add', '--username', 'wang.wu', '--name', '王五', '--role', 'admin', '--agency', agencyCode, '--subtree', '--password', 'Chongqing-2025']), c.io)).toBe(0);
    expect(c.out()).toContain('系统管理员（含下级机关）');
    expect(c.out()).not.toContain('初始密码');
  });

  it.each([
    [['--username', 'wang.wu', '--name', '王五2'], '用户名：已被使用'],
    [['--username', '张三', '--name', '张三'], '用户名：应为 2–32 位小写字母'],
    [['--username', 'a4', '--name', '丁', '--password', 'short'], '初始密码：密码至少 10 个字符'],
    [['--username', 'a5', '--name', '戊'.repeat(51)], '姓名：不能超过 50 个字符'],
    [['--username', 'a6', '--name', '己', '--agency', 'no-such-agency'], '机关代码“no-such-agency”不存在'],
  ])('refuses %j', async (extra, message) => {
    const before = await userCount();
    const c = capture();
    const err = await addUser(deps, parseUserAdd(['add', '--role', 'editor', '--agency', agencyCode, ...extra]), c.io).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).message).toContain(message);
    expect(c.out()).toBe('');
    expect(await userCount()).toBe(before);
  });
});
