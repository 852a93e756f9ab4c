import { and, asc, eq, gte, lt, sql } from 'drizzle-orm';
import type { Executor } from '../db/database.ts';
import { calendarDays, calendarYears, type CalendarDay, type CalendarYear } from './calendar.tables.ts';

export type CalendarDayValues = typeof calendarDays.$inferInsert;
export type CalendarYearValues = typeof calendarYears.$inferInsert;

/** Every override row (a few dozen a year): the service caches them. */
export async function selectAllCalendarDays(ex: Executor): Promise<CalendarDay[]> {
  return ex.select().from(calendarDays).orderBy(asc(calendarDays.day));
}

export async function selectCalendarDaysOfYear(ex: Executor, year: number): Promise<CalendarDay[]> {
  return ex
    .select()
    .from(calendarDays)
    .where(and(gte(calendarDays.day, `${year}-01-01`), lt(calendarDays.day, `${year + 1}-01-01`)))
    .orderBy(asc(calendarDays.day));
}

export async function findCalendarDay(ex: Executor, day: string): Promise<CalendarDay | undefined> {
  const rows = await ex.select().from(calendarDays).where(eq(calendarDays.day, day)).limit(1);
  return rows[0];
}

export async function selectCalendarYears(ex: Executor): Promise<CalendarYear[]> {
  return ex.select().from(calendarYears).orderBy(asc(calendarYears.year));
}

export async function findCalendarYear(ex: Executor, year: number): Promise<CalendarYear | undefined> {
  const rows = await ex.select().from(calendarYears).where(eq(calendarYears.year, year)).limit(1);
  return rows[0];
}

/** Years that have at least one day row (an admin may have entered days before marking the year). */
export async function selectYearsWithDays(ex: Executor): Promise<number[]> {
  const r = await ex.execute<{ year: number }>(sql`SELECT DISTINCT extract(year FROM day)::int AS year FROM calendar_days`);
  return r.rows.map((row) => Number(row.year));
}

export async function insertCalendarDays(ex: Executor, rows: CalendarDayValues[]): Promise<void> {
  if (rows.length) await ex.insert(calendarDays).values(rows);
}

/** Inserts the year row unless present; returns whether this call inserted it. */
export async function insertCalendarYearIfAbsent(ex: Executor, values: CalendarYearValues): Promise<boolean> {
  const rows = await ex.insert(calendarYears).values(values).onConflictDoNothing().returning({ year: calendarYears.year });
  return rows.length > 0;
}

export async function upsertCalendarYear(ex: Executor, values: CalendarYearValues): Promise<CalendarYear> {
  const rows = await ex
    .insert(calendarYears)
    .values(values)
    .onConflictDoUpdate({
      target: calendarYears.year,
      set: { publishedNote: values.publishedNote ?? null, updatedBy: values.updatedBy ?? null, updatedAt: sql`now()` },
    })
    .returning();
  const row = rows[0];
  if (!row) throw new Error('upsert into calendar_years returned no row');
  return row;
}

export async function insertCalendarDay(ex: Executor, values: CalendarDayValues): Promise<CalendarDay> {
  const rows = await ex.insert(calendarDays).values(values).returning();
  const row = rows[0];
  if (!row) throw new Error('insert into calendar_days returned no row');
  return row;
}

/** Optimistic update: changes the row only if it still has `version`; returns undefined otherwise. */
export async function updateCalendarDayRow(ex: Executor, day: string, version: number, values: Pick<CalendarDayValues, 'kind' | 'name' | 'source' | 'updatedBy'>): Promise<CalendarDay | undefined> {
  const rows = await ex
    .update(calendarDays)
    .set({ ...values, version: sql`${calendarDays.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(calendarDays.day, day), eq(calendarDays.version, version)))
    .returning();
  return rows[0];
}

/** Deletes the row if it still has `version`; returns whether it did. */
export async function deleteCalendarDayRow(ex: Executor, day: string, version: number): Promise<boolean> {
  const rows = await ex
    .delete(calendarDays)
    .where(and(eq(calendarDays.day, day), eq(calendarDays.version, version)))
    .returning({ day: calendarDays.day });
  return rows.length > 0;
}
