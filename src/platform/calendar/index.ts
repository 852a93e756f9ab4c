// The working-day calendar's public surface (README.md).
export { createCalendarService, type CalendarService, type CalendarServiceOptions } from './calendar.service.ts';
export { syncCalendarFromPackage } from './calendar.sync.ts';
export { DAY_KINDS } from './calendar.schema.ts';
export type { CalendarDay, CalendarSource, CalendarYear } from './calendar.tables.ts';
export { addDays, addWorkingDays, isIsoDate, isWeekend, isWorkday, shanghaiDate, weekday, workingDaysBetween, type DayKind, type IsoDate, type Overrides } from './workdays.ts';
