import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { startServer } from '../../server.ts';
import type { Database } from '../db/database.ts';
import { createTestDatabase } from '../db/testing.ts';

// `gongkai serve` starts the runner after migrations and seeding when JOBS_ENABLED, and stops it on close.
describe('serve with JOBS_ENABLED', () => {
  let dataDir: string;
  let database: Database | null = null;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'gk-serve-jobs-'));
    if (process.env.DATABASE_URL) database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  function config(jobs: 'true' | 'false') {
    return loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      JOBS_ENABLED: jobs,
      ...(database ? { DATABASE_URL: database.url } : {}),
    });
  }

  it('starts pg-boss beside the HTTP server and stops it on close', async () => {
    const server = await startServer(config('true'), { seed: false, quiet: true });
    try {
      expect(server.jobs).not.toBeNull();
      expect(await server.jobs?.boss.isInstalled()).toBe(true);
      const health = await server.app.inject({ method: 'GET', url: '/healthz' });
      expect(health.statusCode).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('does not start it when JOBS_ENABLED=false', async () => {
    const server = await startServer(config('false'), { seed: false, quiet: true });
    try {
      expect(server.jobs).toBeNull();
    } finally {
      await server.close();
    }
  });
});
