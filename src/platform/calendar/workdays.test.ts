import { describe, expect, it } from 'vitest';
import { addWorkingDays, isIsoDate, isWorkday, shanghaiDate, workingDaysBetween, type DayKind } from './workdays.ts';

// 国庆/中秋 2025 (国办发明电〔2024〕12号): 10-01..10-08 off; Sunday 09-28 and Saturday 10-11 are workdays.
const overrides = new Map<string, DayKind>([
  ...['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07', '2025-10-08'].map((d) => [d, 'holiday'] as [string, DayKind]),
  ['2025-09-28', 'workday'],
  ['2025-10-11', 'workday'],
]);

describe('working days', () => {
  it('counts from the day after, across 国庆 2025 with its make-up days', () => {
    expect(addWorkingDays('2025-09-19', 20, overrides)).toBe('2025-10-23');
  });
  it('treats make-up Sundays as workdays and weekday holidays as days off', () => {
    expect(isWorkday('2025-09-28', overrides)).toBe(true);
    expect(isWorkday('2025-10-02', overrides)).toBe(false);
    expect(isWorkday('2025-09-27', overrides)).toBe(false);
  });
  it('returns the same date for zero days, and rejects negative counts', () => {
    expect(addWorkingDays('2025-09-19', 0, overrides)).toBe('2025-09-19');
    expect(() => addWorkingDays('2025-09-19', -1, overrides)).toThrow(RangeError);
  });
  it('is the inverse of workingDaysBetween', () => {
    expect(workingDaysBetween('2025-09-19', '2025-10-23', overrides)).toBe(20);
    expect(workingDaysBetween('2025-10-23', '2025-09-19', overrides)).toBe(0);
  });
  it('validates dates strictly', () => {
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(() => addWorkingDays('2025-13-01', 1, overrides)).toThrow(RangeError);
  });
  it('uses Asia/Shanghai for today', () => {
    expect(shanghaiDate(new Date('2026-11-27T16:30:00Z'))).toBe('2026-11-28');
    expect(shanghaiDate(new Date('2026-11-27T15:59:59Z'))).toBe('2026-11-27');
  });
});
