import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { createDeps, type Deps } from '../../deps.ts';
import type { Database } from '../../platform/db/database.ts';
import { createTestDatabase } from '../../platform/db/testing.ts';
import { seedAgencies } from '../agencies/index.ts';
import { DEMO_OPEN311_KEY, seedHotline } from './tickets.seed.ts';

let database: Database;
let deps: Deps;

beforeAll(async () => {
  database = await createTestDatabase();
  deps = createDeps(loadConfig({ NODE_ENV: 'test', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'gk-hseed-')) }), database);
  await seedAgencies(deps);
});
afterAll(async () => database?.close());

describe('seedHotline', () => {
  it('seeds tickets across channels and states, published letters and the demo key; twice is once', async () => {
    await seedHotline(deps, { count: 48 });
    await seedHotline(deps, { count: 48 });
    const r = await database.db.execute<{ n: number; channels: number; states: number }>(
      sql`SELECT count(*)::int AS n, count(DISTINCT channel)::int AS channels, count(DISTINCT state)::int AS states FROM tickets`,
    );
    expect(r.rows[0]).toMatchObject({ n: 48 });
    expect(r.rows[0]?.channels).toBeGreaterThanOrEqual(3);
    expect(r.rows[0]?.states).toBeGreaterThanOrEqual(3);
    expect(await deps.hotline.apiKeys.authenticate(DEMO_OPEN311_KEY)).not.toBeNull();
    const letters = await deps.hotline.listPublishedLetters();
    expect(letters.total).toBeGreaterThan(0);
    expect(letters.rows.every((l) => l.repliedAt >= l.receivedAt)).toBe(true);
  });
});
