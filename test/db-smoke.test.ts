import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDatabase } from '../src/platform/db/testing.ts';
import type { Database } from '../src/platform/db/database.ts';

let database: Database;
beforeAll(async () => { database = await createTestDatabase(); });
afterAll(async () => { await database?.close(); });

it('runs queries through drizzle over the pg driver', async () => {
  const r = await database.db.execute(sql`SELECT current_date AS d, 1::bigint AS n, version() AS v`);
  console.log(database.mode, r.rows[0]);
  expect(r.rows[0]?.n).toBe(1);
});
