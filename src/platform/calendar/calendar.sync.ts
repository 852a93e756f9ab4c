import { and, gte, lt, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/audit.ts';
import type { Db } from '../db/database.ts';
import { packageYears, PACKAGE_FIRST_YEAR, type PackageDay } from './calendar.package.ts';
import { insertCalendarDays, insertCalendarYearIfAbsent } from './calendar.repository.ts';
import { CALENDAR_SYNC_ACTOR } from './calendar.service.ts';
import { calendarDays } from './calendar.tables.ts';

const PACKAGE_NOTE = '来自 chinese-days 软件包（国务院办公厅关于部分节假日安排的通知）';

/**
 * Seeds the calendar from the npm package chinese-days (2024 on): inserts every year the package has
 * and the database lacks. A year already recorded, or one where an admin has entered any day, is
 * never touched, so admin edits always win. Safe to run at every start and from two processes at once.
 * Returns the years it imported.
 */
export async function syncCalendarFromPackage(db: Db, years: Map<number, PackageDay[]> = packageYears(PACKAGE_FIRST_YEAR)): Promise<number[]> {
  const imported: number[] = [];
  for (const [year, list] of years) {
    const done = await db.transaction(async (tx) => {
      const [existing] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(calendarDays)
        .where(and(gte(calendarDays.day, `${year}-01-01`), lt(calendarDays.day, `${year + 1}-01-01`)));
      // an admin has started entering this year by hand: their days win
      if ((existing?.n ?? 0) > 0) return false;
      // the year row is the claim: a concurrent sync waits on it, then skips the year
      if (!(await insertCalendarYearIfAbsent(tx, { year, source: 'chinese-days', publishedNote: PACKAGE_NOTE }))) return false;
      await insertCalendarDays(
        tx,
        list.map((d) => ({ day: d.day, kind: d.kind, name: d.name, source: 'chinese-days' as const })),
      );
      await recordAudit(tx, {
        actor: CALENDAR_SYNC_ACTOR,
        action: 'calendar.import_year',
        entityType: 'calendar_year',
        entityId: String(year),
        after: { year, holidays: list.filter((d) => d.kind === 'holiday').length, workdays: list.filter((d) => d.kind === 'workday').length },
      });
      return true;
    });
    if (done) imported.push(year);
  }
  return imported;
}
