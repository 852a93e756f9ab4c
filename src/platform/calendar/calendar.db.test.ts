import chineseDays from 'chinese-days';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestAgency } from '../../modules/agencies/agencies.testing.ts';
import { createTestUser } from '../../modules/staff/staff.testing.ts';
import type { Actor, Role } from '../auth/actor.ts';
import type { Database } from '../db/database.ts';
import { createTestDatabase } from '../db/testing.ts';
import { AppError } from '../http/errors.ts';
import { packageYears } from './calendar.package.ts';
import { createCalendarService, type CalendarService } from './calendar.service.ts';
import { syncCalendarFromPackage } from './calendar.sync.ts';
import { addDays } from './workdays.ts';

let database: Database;
let calendar: CalendarService;
let admin: Actor;
let editor: Actor;
/** the first year chinese-days has no data for (2027 when this was written) */
const firstMissingYear = Math.max(...packageYears().keys()) + 1;

async function actorWith(role: Role): Promise<Actor> {
  const agency = await createTestAgency(database.db);
  const grants = [{ role, agencyId: agency.id, includeSubtree: true, agencyIsRoot: true }];
  const user = await createTestUser(database.db, { grants });
  return { userId: user.id, username: user.username, name: user.name, grants };
}

async function count(table: 'calendar_days' | 'calendar_years' | 'audit_log'): Promise<number> {
  const r = await database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}`);
  return Number(r.rows[0]?.n);
}

async function expectAppError(p: Promise<unknown>, code: string): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
  return err as AppError;
}

beforeAll(async () => {
  database = await createTestDatabase();
  calendar = createCalendarService(database.db);
  admin = await actorWith('admin');
  editor = await actorWith('editor');
});
afterAll(async () => {
  await database.close();
});

describe('syncCalendarFromPackage', () => {
  it('imports 2024–2026 once, with an audit row per year, and does nothing the second time', async () => {
    const audits = await count('audit_log');
    const imported = await syncCalendarFromPackage(database.db);
    expect(imported).toEqual(expect.arrayContaining([2024, 2025, 2026]));
    expect(await count('audit_log')).toBe(audits + imported.length);
    const rows = await count('calendar_days');
    expect(await syncCalendarFromPackage(database.db)).toEqual([]);
    expect(await count('calendar_days')).toBe(rows);
    expect(await calendar.coverage()).toEqual(expect.arrayContaining([2024, 2025, 2026]));
    expect(await calendar.coverage()).not.toContain(firstMissingYear);
  });

  it('agrees with chinese-days on every day of 2024, 2025 and 2026', async () => {
    const mismatches: string[] = [];
    let checked = 0;
    for (let d = '2024-01-01'; d <= '2026-12-31'; d = addDays(d, 1)) {
      if ((await calendar.isWorkday(d)) !== chineseDays.isWorkday(d)) mismatches.push(d);
      checked++;
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBe(1096);
  });

  it('counts 20 working days after 2025-09-19 across 国庆 and its make-up days', async () => {
    expect(await calendar.addWorkingDays('2025-09-19', 20)).toBe('2025-10-23');
    expect(await calendar.workingDaysBetween('2025-09-19', '2025-10-23')).toBe(20);
  });

  it('never overwrites a year an admin has started entering', async () => {
    const year = firstMissingYear + 3;
    // a Saturday the admin declares a make-up workday, before any package has the year
    const saturday = [`${year}-01-04`, `${year}-01-05`, `${year}-01-06`, `${year}-01-07`, `${year}-01-08`, `${year}-01-09`, `${year}-01-10`].find((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 6) ?? '';
    const weekday = addDays(saturday, -3);
    await calendar.setDay(admin, saturday, 'workday', '管理员录入');
    const fake = new Map([[year, [{ day: weekday, kind: 'holiday' as const, name: '软件包' }]]]);
    expect(await syncCalendarFromPackage(database.db, fake)).toEqual([]);
    expect(await calendar.isWorkday(weekday)).toBe(true);
    expect((await calendar.listDays(year)).map((d) => [d.day, d.source])).toEqual([[saturday, 'admin']]);
    await calendar.clearDay(admin, saturday);
  });
});

describe('years with no data', () => {
  it('reports the missing year of a computation that reaches it', async () => {
    expect(await calendar.missingYears('2025-12-01', '2026-01-20')).toEqual([]);
    expect(await calendar.missingYears(`${firstMissingYear - 1}-12-01`, `${firstMissingYear}-01-20`)).toEqual([firstMissingYear]);
    expect(await calendar.missingYears(`${firstMissingYear}-01-20`, `${firstMissingYear - 1}-12-01`)).toEqual([firstMissingYear]);
  });

  it('warns from November on when next year is missing', async () => {
    const y = firstMissingYear - 1;
    expect(await calendar.nextYearMissing(`${y}-10-31`)).toBe(false);
    expect(await calendar.nextYearMissing(`${y}-11-01`)).toBe(true);
    expect(await calendar.nextYearMissing(`${y}-12-31`)).toBe(true);
    expect(await calendar.nextYearMissing(`${y - 1}-11-15`)).toBe(false);
  });
});

describe('admin edits', () => {
  it('a new weekday holiday changes the results at once, and removing it restores them', async () => {
    // 2026-12-31 is a Thursday; 20 working days after 2026-12-10 would cross it
    expect(await calendar.isWorkday('2026-12-31')).toBe(true);
    const before = await calendar.addWorkingDays('2026-12-10', 15);
    const audits = await count('audit_log');
    const row = await calendar.setDay(admin, '2026-12-31', 'holiday', ' 临时放假 ');
    expect(row).toMatchObject({ day: '2026-12-31', kind: 'holiday', name: '临时放假', source: 'admin', updatedBy: admin.userId, version: 1 });
    expect(await calendar.isWorkday('2026-12-31')).toBe(false);
    expect(await calendar.addWorkingDays('2026-12-10', 15)).toBe(addDays(before, 1));
    expect(await count('audit_log')).toBe(audits + 1);

    const renamed = await calendar.setDay(admin, '2026-12-31', 'holiday', '元旦前放假', 1);
    expect(renamed.version).toBe(2);
    await calendar.clearDay(admin, '2026-12-31', 2);
    expect(await calendar.isWorkday('2026-12-31')).toBe(true);
    expect(await count('audit_log')).toBe(audits + 3);
  });

  it('an edit to a seeded day turns it into an admin row', async () => {
    const row = await calendar.setDay(admin, '2025-10-11', 'workday', '国庆节调休上班（已核对）');
    expect(row).toMatchObject({ source: 'admin', version: 2 });
    expect(await calendar.isWorkday('2025-10-11')).toBe(true);
  });

  it('marking a year published makes it covered', async () => {
    const y = firstMissingYear;
    const audits = await count('audit_log');
    await calendar.markYearPublished(admin, y, '国办发明电〔2026〕1号');
    expect(await calendar.coverage()).toContain(y);
    expect(await calendar.nextYearMissing(`${y - 1}-11-20`)).toBe(false);
    expect((await calendar.listYears()).find((r) => r.year === y)).toMatchObject({ source: 'admin', publishedNote: '国办发明电〔2026〕1号', updatedBy: admin.userId });
    expect(await count('audit_log')).toBe(audits + 1);
  });

  it('uses its cache: a row written behind its back shows only after invalidate()', async () => {
    await calendar.isWorkday('2026-06-03');
    await database.db.execute(sql`INSERT INTO calendar_days (day, kind, name, source) VALUES ('2026-06-03', 'holiday', '缓存测试', 'admin')`);
    expect(await calendar.isWorkday('2026-06-03')).toBe(true);
    calendar.invalidate();
    expect(await calendar.isWorkday('2026-06-03')).toBe(false);
    await database.db.execute(sql`DELETE FROM calendar_days WHERE day = '2026-06-03'`);
    calendar.invalidate();
  });

  it('reloads after its time-to-live so edits by another process show up', async () => {
    let clock = 0;
    const other = createCalendarService(database.db, { cacheTtlMs: 1000, now: () => clock });
    expect(await other.isWorkday('2026-06-04')).toBe(true);
    await calendar.setDay(admin, '2026-06-04', 'holiday', '别处录入');
    expect(await other.isWorkday('2026-06-04')).toBe(true);
    clock = 1000;
    expect(await other.isWorkday('2026-06-04')).toBe(false);
    await calendar.clearDay(admin, '2026-06-04');
  });
});

describe('refused edits write nothing', () => {
  async function expectNothingWritten(attempt: () => Promise<unknown>, code: string): Promise<AppError> {
    const [days, years, audits] = [await count('calendar_days'), await count('calendar_years'), await count('audit_log')];
    const err = await expectAppError(attempt(), code);
    expect([await count('calendar_days'), await count('calendar_years'), await count('audit_log')]).toEqual([days, years, audits]);
    return err;
  }

  it('a malformed or impossible date', async () => {
    for (const date of ['2026-13-01', '2026-02-30', '20260601', '']) {
      const err = await expectNothingWritten(() => calendar.setDay(admin, date, 'holiday', '某节'), 'VALIDATION_FAILED');
      expect(err.fields.map((f) => f.field)).toEqual(['date']);
      expect(err.fields[0]?.message).toContain('日期');
    }
    await expectNothingWritten(() => calendar.clearDay(admin, '2026-02-30'), 'VALIDATION_FAILED');
  });

  it('an unknown kind, an empty or over-long name, naming each field', async () => {
    const err = await expectNothingWritten(() => calendar.setDay(admin, '2026-13-01', 'vacation', ''), 'VALIDATION_FAILED');
    expect(err.fields.map((f) => f.field).sort()).toEqual(['date', 'kind', 'name']);
    await expectNothingWritten(() => calendar.setDay(admin, '2026-06-03', 'holiday', '节'.repeat(31)), 'VALIDATION_FAILED');
  });

  it('a day that would not differ from the Monday–Friday rule', async () => {
    const sat = await expectNothingWritten(() => calendar.setDay(admin, '2026-06-06', 'holiday', '周六'), 'VALIDATION_FAILED');
    expect(sat.fields[0]?.message).toContain('星期六');
    await expectNothingWritten(() => calendar.setDay(admin, '2026-06-03', 'workday', '周三'), 'VALIDATION_FAILED');
  });

  it('a bad year or note', async () => {
    await expectNothingWritten(() => calendar.markYearPublished(admin, 1999, '国办发明电'), 'VALIDATION_FAILED');
    await expectNothingWritten(() => calendar.markYearPublished(admin, 2030, ' '), 'VALIDATION_FAILED');
  });

  it('anyone but a 系统管理员', async () => {
    await expectNothingWritten(() => calendar.setDay(editor, '2026-06-03', 'holiday', '某节'), 'FORBIDDEN');
    await expectNothingWritten(() => calendar.clearDay(editor, '2025-10-01'), 'FORBIDDEN');
    await expectNothingWritten(() => calendar.markYearPublished(editor, 2030, '国办发明电〔2029〕1号'), 'FORBIDDEN');
  });

  it('a stale version, or removing a day that has no arrangement', async () => {
    await expectNothingWritten(() => calendar.setDay(admin, '2025-10-02', 'holiday', '国庆节', 9), 'STALE_RECORD');
    await expectNothingWritten(() => calendar.setDay(admin, '2026-06-10', 'holiday', '不存在', 1), 'STALE_RECORD');
    await expectNothingWritten(() => calendar.clearDay(admin, '2025-10-02', 9), 'STALE_RECORD');
    await expectNothingWritten(() => calendar.clearDay(admin, '2026-06-10'), 'NOT_FOUND');
  });
});
