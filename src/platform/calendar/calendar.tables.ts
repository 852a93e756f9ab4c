import { date, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { DayKind } from './workdays.ts';

/** Where a calendar row came from: the npm package chinese-days, or an admin in the console. */
export type CalendarSource = 'chinese-days' | 'admin';

/** Years whose State Council schedule has been entered (migrations/0005__calendar__init.sql). */
export const calendarYears = pgTable('calendar_years', {
  year: integer('year').primaryKey(),
  source: text('source').notNull().$type<CalendarSource>(),
  publishedNote: text('published_note'),
  updatedBy: uuid('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Dates that differ from the Monday–Friday rule: weekday holidays and weekend 调休 make-up days. */
export const calendarDays = pgTable('calendar_days', {
  day: date('day', { mode: 'string' }).primaryKey(),
  kind: text('kind').notNull().$type<DayKind>(),
  name: text('name').notNull(),
  source: text('source').notNull().$type<CalendarSource>(),
  updatedBy: uuid('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});

export type CalendarYear = typeof calendarYears.$inferSelect;
export type CalendarDay = typeof calendarDays.$inferSelect;
