// The npm package chinese-days carries the State Council's yearly schedules (国务院办公厅关于部分节假日安排的通知)
// as two maps: every day off that belongs to a holiday (weekends included) and every 调休 make-up day.
// We keep only the dates that differ from the Monday–Friday rule.
import packageData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { isWeekend, type DayKind, type IsoDate } from './workdays.ts';

/** The first year we take from the package; earlier years are of no use to open deadlines. */
export const PACKAGE_FIRST_YEAR = 2024;

export interface PackageDay {
  day: IsoDate;
  kind: DayKind;
  name: string;
}

interface PackageMaps {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

// chinese-days names are short ("清明", "端午"); show the names the State Council's notices use.
const NAMES: Record<string, string> = { 清明: '清明节', 端午: '端午节', 中秋: '中秋节' };

/** "National Day,国庆节,3" → 国庆节 */
function holidayName(value: string): string {
  const zh = value.split(',')[1]?.trim() || '节假日';
  return NAMES[zh] ?? zh;
}

/** The overrides of every year the package has from `fromYear` on, grouped by year. Pure. */
export function packageYears(fromYear = PACKAGE_FIRST_YEAR, data: PackageMaps = packageData): Map<number, PackageDay[]> {
  const out = new Map<number, PackageDay[]>();
  const add = (year: number, d: PackageDay) => {
    const list = out.get(year) ?? [];
    list.push(d);
    out.set(year, list);
  };
  for (const [day, value] of Object.entries(data.holidays)) {
    const year = Number(day.slice(0, 4));
    if (year < fromYear) continue;
    // a year with any holiday is a year the package covers, even if every holiday fell on a weekend
    if (!out.has(year)) out.set(year, []);
    if (!isWeekend(day)) add(year, { day, kind: 'holiday', name: holidayName(value) });
  }
  for (const [day, value] of Object.entries(data.workdays)) {
    const year = Number(day.slice(0, 4));
    if (year < fromYear) continue;
    if (isWeekend(day)) add(year, { day, kind: 'workday', name: `${holidayName(value)}调休上班` });
  }
  for (const list of out.values()) list.sort((a, b) => a.day.localeCompare(b.day));
  return new Map([...out.entries()].sort((a, b) => a[0] - b[0]));
}
