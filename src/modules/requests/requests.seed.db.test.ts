import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { createDeps, type Deps } from '../../deps.ts';
import { syncCalendarFromPackage } from '../../platform/calendar/calendar.sync.ts';
import type { Database } from '../../platform/db/database.ts';
import { createTestDatabase } from '../../platform/db/testing.ts';
import { seedAgencies } from '../agencies/index.ts';
import { seedStaff } from '../staff/index.ts';
import { seedRequests } from './requests.seed.ts';

let database: Database;
let deps: Deps;

beforeAll(async () => {
  database = await createTestDatabase();
  deps = createDeps(loadConfig({ NODE_ENV: 'test', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'gk-requests-seed-')) }), database);
  await syncCalendarFromPackage(database.db);
  await seedAgencies(deps);
  await seedStaff(deps);
});
afterAll(async () => {
  await database?.close();
});

describe('seedRequests', () => {
  it('builds a year of applications for two agencies through the service, once', async () => {
    await seedRequests(deps);
    const r = await database.db.execute(sql`SELECT a.code, count(*)::int AS n,
        count(DISTINCT r.outcome_code)::int AS outcomes, count(DISTINCT r.applicant_category)::int AS categories,
        count(*) FILTER (WHERE r.received_on < '2026-01-01' AND r.concluded_on >= '2026-01-01')::int AS carried,
        count(*) FILTER (WHERE r.concluded_on IS NULL)::int AS open
      FROM requests r JOIN agencies a ON a.id = r.agency_id GROUP BY a.code ORDER BY a.code`);
    expect(r.rows.map((x) => x.code)).toEqual(['cq-bgt', 'cq-fgw']);
    for (const row of r.rows) {
      expect(Number(row.n)).toBeGreaterThanOrEqual(40);
      expect(Number(row.outcomes)).toBeGreaterThanOrEqual(7);
      expect(Number(row.categories)).toBeGreaterThanOrEqual(3);
      expect(Number(row.open)).toBeGreaterThanOrEqual(5);
    }
    expect(r.rows.reduce((s, x) => s + Number(x.carried), 0)).toBeGreaterThanOrEqual(2);
    const cases = await database.db.execute(sql`SELECT count(*)::int AS n FROM request_review_cases`);
    expect(Number(cases.rows[0]?.n)).toBeGreaterThanOrEqual(2);
    const noEvents = await database.db.execute(sql`SELECT count(*)::int AS n FROM requests r WHERE NOT EXISTS (SELECT 1 FROM request_events e WHERE e.request_id = r.id)`);
    expect(noEvents.rows[0]?.n).toBe(0);
    // idempotent
    await seedRequests(deps);
    const again = await database.db.execute(sql`SELECT count(*)::int AS n FROM requests`);
    expect(again.rows[0]?.n).toBe(r.rows.reduce((s, x) => s + Number(x.n), 0));
  }, 120_000);
});
