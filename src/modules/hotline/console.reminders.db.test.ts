import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../../config.ts';
import { createDeps } from '../../deps.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncCalendarFromPackage } from '../../platform/calendar/calendar.sync.ts';
import type { Database } from '../../platform/db/database.ts';
import { createTestDatabase } from '../../platform/db/testing.ts';
import { createTestAgency } from '../agencies/agencies.testing.ts';
import { runHotlineReminders } from './console.reminders.ts';
import { HOTLINE_JOBS } from './hotline.jobs.ts';
import { createTestHotlineService, createTestTicket } from './tickets.testing.ts';

let database: Database;
let clock = new Date('2026-03-03T02:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
  await syncCalendarFromPackage(database.db);
});
afterAll(async () => {
  await database?.close();
});

describe('hotline.reminders', () => {
  it('urges an overdue ticket once per interval, with an event by the system', async () => {
    const hotline = createTestHotlineService(database.db, { now: () => clock });
    const agency = await createTestAgency(database.db);
    const late = await createTestTicket(hotline, { state: 'dispatched', agencyId: agency.id });
    const fine = await createTestTicket(hotline, { state: 'handling', agencyId: agency.id });
    expect(await runHotlineReminders({ db: database.db, hotline }, { minHoursBetween: 24 })).toEqual({ urged: 0, skipped: 0 });
    clock = new Date('2026-03-04T08:00:00Z'); // 30 hours on: 签收 (24 h) is overdue; the handling ticket has days left
    expect(await runHotlineReminders({ db: database.db, hotline }, { minHoursBetween: 24 })).toEqual({ urged: 1, skipped: 0 });
    expect(await runHotlineReminders({ db: database.db, hotline }, { minHoursBetween: 24 })).toEqual({ urged: 0, skipped: 1 });
    const events = await database.db.execute<{ ticket_id: string; actor_label: string }>(sql`SELECT ticket_id, actor_label FROM ticket_events WHERE verb = 'urge'`);
    expect(events.rows.map((e) => e.ticket_id)).toEqual([late.ticket.id]);
    expect(events.rows[0]?.actor_label).toContain('hotline.reminders');
    expect(events.rows.some((e) => e.ticket_id === fine.ticket.id)).toBe(false);
  });

  it('each job runs against the real deps (as `gongkai jobs run` would)', async () => {
    const deps = createDeps(loadConfig({ NODE_ENV: 'test', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'gk-hotline-jobs-')) }), database);
    for (const job of HOTLINE_JOBS) await job.run(deps, {});
    const rollup = await database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM hotline_figure_rollup`);
    expect(rollup.rows[0]?.n).toBe(1);
    // the tickets above were walked only to 签收 and 办理中: nothing answered yet to learn from
    const models = await database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM hotline_classifier_models`);
    expect(models.rows[0]?.n).toBe(0);
  });

  it('declares every job with a schedule', () => {
    expect(HOTLINE_JOBS.map((j) => [j.name, typeof j.cron])).toEqual([
      ['hotline.retrain', 'string'],
      ['hotline.reminders', 'string'],
      ['hotline.rollup', 'string'],
    ]);
  });
});
