import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli.ts';
import { packageYears } from '../platform/calendar/calendar.package.ts';
import type { Database } from '../platform/db/database.ts';
import { createTestDatabase } from '../platform/db/testing.ts';
import type { CliIo } from './context.ts';

// The command opens the configured database itself. One test runs it as a user would, on the embedded
// PGlite in a temp DATA_DIR (slow: PGlite starts from disk each time); the others point DATABASE_URL at a
// fresh test database (in-memory PGlite, or PostgreSQL when the suite runs there).
// Vitest itself sets BASE_URL=/ (Vite's base path), which the config rightly refuses.
const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL, BASE_URL: process.env.BASE_URL };
let dataDir: string;
let database: Database;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'gk-workdays-'));
  process.env.DATA_DIR = dataDir;
  process.env.BASE_URL = 'http://localhost:3000';
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
});
afterAll(async () => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await database?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), stdin: async () => Buffer.alloc(0) };
  const code = await runCli(['workdays', ...argv], io);
  return { code, out, err };
}

const firstMissingYear = Math.max(...packageYears().keys()) + 1;

describe('gongkai workdays', () => {
  it('add prints only the resulting date, on the embedded database in DATA_DIR', async () => {
    delete process.env.DATABASE_URL;
    try {
      expect(await run('add', '2025-09-19', '20')).toEqual({ code: 0, out: '2025-10-23\n', err: '' });
    } finally {
      process.env.DATABASE_URL = database.url;
    }
    expect(readdirSync(dataDir)).toContain('pgdata');
  }, 180_000);

  it('add prints only the resulting date, on a server database', async () => {
    expect(await run('add', '2025-09-19', '20')).toEqual({ code: 0, out: '2025-10-23\n', err: '' });
    expect(await run('add', '2025-09-19', '0')).toEqual({ code: 0, out: '2025-09-19\n', err: '' });
  });

  it('is prints workday or holiday, make-up days included', async () => {
    expect(await run('is', '2025-10-06')).toEqual({ code: 0, out: 'holiday\n', err: '' });
    expect(await run('is', '2025-09-28')).toEqual({ code: 0, out: 'workday\n', err: '' });
  });

  it('still prints the result when it reaches a year with no data, and warns in Chinese', async () => {
    const r = await run('add', `${firstMissingYear - 1}-12-20`, '20');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(new RegExp(`^${firstMissingYear}-01-\\d{2}\\n$`));
    expect(r.err).toContain(`${firstMissingYear} 年的节假日安排尚未录入`);
  });

  it('refuses bad input with exit 2 and a Chinese message, before opening the database', async () => {
    for (const argv of [
      ['add', '2025-02-30', '5'],
      ['add', '2025/09/19', '5'],
      ['add', '2025-09-19', '-1'],
      ['add', '2025-09-19', '1.5'],
      ['add', '2025-09-19'],
      ['is', 'tomorrow'],
      ['is'],
      ['sum', '2025-09-19'],
      [],
    ]) {
      const r = await run(...argv);
      expect({ argv, code: r.code, out: r.out }).toEqual({ argv, code: 2, out: '' });
      expect(r.err).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
