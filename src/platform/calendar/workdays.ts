// Working days (工作日): Saturdays, Sundays and 法定节假日 are not; 调休 make-up days are.
// The State Council publishes each year's schedule; it lives in the calendar table as overrides.

export type DayKind = 'holiday' | 'workday';

/** A date as 'YYYY-MM-DD'. Working-day dates never pass through a UTC Date. */
export type IsoDate = string;

/** Dates that differ from the Monday–Friday rule: holidays on weekdays, make-up workdays on weekends. */
export type Overrides = ReadonlyMap<IsoDate, DayKind>;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const m = ISO.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

function toUtc(date: IsoDate): Date {
  if (!isIsoDate(date)) throw new RangeError(`不是有效日期：${date}`);
  return new Date(`${date}T00:00:00Z`);
}

export function addDays(date: IsoDate, n: number): IsoDate {
  const d = toUtc(date);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday */
export function weekday(date: IsoDate): number {
  return toUtc(date).getUTCDay();
}

export function isWeekend(date: IsoDate): boolean {
  const w = weekday(date);
  return w === 0 || w === 6;
}

export function isWorkday(date: IsoDate, overrides: Overrides): boolean {
  const o = overrides.get(date);
  if (o) return o === 'workday';
  return !isWeekend(date);
}

/**
 * The date n working days after `date`, counting from the day after it (期间开始之日不计算在内),
 * as the 条例's periods do. n = 0 returns `date` itself.
 */
export function addWorkingDays(date: IsoDate, n: number, overrides: Overrides): IsoDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`工作日数必须是非负整数：${n}`);
  let d = date;
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    if (isWorkday(d, overrides)) left--;
  }
  return d;
}

/** Working days in (from, to]: how many working days after `from` it took to reach `to` (0 if to ≤ from). */
export function workingDaysBetween(from: IsoDate, to: IsoDate, overrides: Overrides): number {
  let count = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkday(d, overrides)) count++;
  return count;
}

const SHANGHAI = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date in Asia/Shanghai at an instant. */
export function shanghaiDate(instant: Date = new Date()): IsoDate {
  return SHANGHAI.format(instant);
}
