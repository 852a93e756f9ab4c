import chineseDays from 'chinese-days';
import { describe, expect, it } from 'vitest';
import { packageYears } from './calendar.package.ts';
import { addDays, isWeekend, isWorkday, type DayKind } from './workdays.ts';

describe('packageYears (chinese-days → overrides)', () => {
  const years = packageYears(2024);
  const overrides = new Map<string, DayKind>([...years.values()].flat().map((d) => [d.day, d.kind]));

  it('covers 2024, 2025 and 2026', () => {
    expect([...years.keys()]).toEqual(expect.arrayContaining([2024, 2025, 2026]));
    expect(Math.min(...years.keys())).toBe(2024);
  });

  it('keeps only dates that differ from the Monday–Friday rule', () => {
    for (const d of [...years.values()].flat()) expect(isWeekend(d.day)).toBe(d.kind === 'workday');
  });

  it('agrees with chinese-days on every day of 2024–2026', () => {
    let checked = 0;
    for (let d = '2024-01-01'; d <= '2026-12-31'; d = addDays(d, 1)) {
      expect({ d, workday: isWorkday(d, overrides) }).toEqual({ d, workday: chineseDays.isWorkday(d) });
      checked++;
    }
    expect(checked).toBe(366 + 365 + 365);
  });

  it('names holidays as the State Council notices do, and make-up days as 调休上班', () => {
    const y2025 = years.get(2025) ?? [];
    expect(y2025.find((d) => d.day === '2025-10-06')).toEqual({ day: '2025-10-06', kind: 'holiday', name: '中秋节' });
    expect(y2025.find((d) => d.day === '2025-09-28')).toEqual({ day: '2025-09-28', kind: 'workday', name: '国庆节调休上班' });
  });

  it('reads a year with every holiday on a weekend as covered', () => {
    const only = packageYears(2030, { holidays: { '2030-01-05': "New Year's Day,元旦,1" }, workdays: {} });
    expect([...only.entries()]).toEqual([[2030, []]]);
  });
});
