import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { createDeps, type Deps } from '../../deps.ts';
import type { Database } from '../../platform/db/database.ts';
import { createTestDatabase } from '../../platform/db/testing.ts';
import { seedAgencies } from '../agencies/index.ts';
import { seedReports } from './report.seed.ts';

let database: Database;
let deps: Deps;

beforeAll(async () => {
  database = await createTestDatabase();
  deps = createDeps(loadConfig({ NODE_ENV: 'test', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'gk-report-seed-')) }), database);
  await seedAgencies(deps);
});
afterAll(async () => {
  await database?.close();
});

it('seeds last year’s figures and draft text for two demo agencies, once', async () => {
  await seedReports(deps);
  await seedReports(deps);
  const rows = await database.db.execute(sql`SELECT a.code, ar.state, ar.version, f.licensing FROM annual_reports ar JOIN agencies a ON a.id = ar.agency_id JOIN report_outside_figures f ON f.agency_id = ar.agency_id AND f.year = ar.year ORDER BY a.code`);
  expect(rows.rows).toEqual([
    { code: 'cq-bgt', state: 'draft', version: 2, licensing: 0 },
    { code: 'cq-fgw', state: 'draft', version: 2, licensing: 1268 },
  ]);
  const fgw = await deps.agencies.getAgencyByCode('cq-fgw');
  const view = await deps.report.getReportView({ system: 'test' }, fgw.id, new Date().getFullYear() - 1);
  expect(view.report.tables.active.feesWanYuan).toBe(12.35);
  expect(view.draft.overview).toContain('坚持以公开为常态');
});
