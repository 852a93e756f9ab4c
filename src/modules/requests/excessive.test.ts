import { describe, expect, it } from 'vitest';
import { applicantKeyOf, assessExcessive, monthlyCounts, monthOf, priorItemsInMonth, type CountedApplication } from './excessive.ts';
import { NATIONAL_REQUESTS_CONFIG as config, resolveRequestsConfig } from './requests.config.ts';

const A = applicantKeyOf('resident_id', '11010519491231002x');
const B = applicantKeyOf('credit_code', '91500000 MA5U7AB12X');

describe('the applicant key', () => {
  it('normalizes the number so spacing and case do not split one applicant', () => {
    expect(A).toBe('resident_id:11010519491231002X');
    expect(applicantKeyOf('resident_id', ' 110105-19491231-002X ')).toBe(A);
    expect(B).toBe('credit_code:91500000MA5U7AB12X');
  });
});

describe('monthly counts (条例 第三十五条; 109号 “一个自然月内”)', () => {
  const apps: CountedApplication[] = [
    { applicantKey: A, receivedOn: '2025-09-30' },
    { applicantKey: A, receivedOn: '2025-10-09' },
    { applicantKey: B, receivedOn: '2025-10-09', items: 3 },
    { applicantKey: A, receivedOn: '2025-10-09', items: 2 },
    { applicantKey: A, receivedOn: '2025-10-31' },
    { applicantKey: A, receivedOn: '2025-11-01' },
  ];

  it('counts 件 per applicant and natural month', () => {
    const counts = monthlyCounts(apps);
    expect(counts.get(A)).toEqual(new Map([['2025-09', 1], ['2025-10', 4], ['2025-11', 1]]));
    expect(counts.get(B)).toEqual(new Map([['2025-10', 3]]));
    expect(monthOf('2025-10-31')).toBe('2025-10');
  });

  it('gives each application the 件 filed before it in its month, same-day ones in registration order', () => {
    expect(apps.map((_, i) => priorItemsInMonth(apps, i))).toEqual([0, 0, 0, 1, 3, 0]);
  });

  it('refuses a bad index or a bad 件 count', () => {
    expect(() => priorItemsInMonth(apps, 9)).toThrow(RangeError);
    expect(() => monthlyCounts([{ applicantKey: A, receivedOn: '2025-10-01', items: 0 }])).toThrow(RangeError);
  });
});

describe('the flag', () => {
  it.each([
    [0, 1, false],
    [9, 1, false],
    [10, 0 + 1, true], // the 11th in the month
    [8, 3, true], // 9th–11th
    [30, 1, true],
  ])('prior %i + %i 件 → flagged %s', (prior, items, flagged) => {
    expect(assessExcessive(prior, items, '2025-10', config).isExcessive).toBe(flagged);
  });

  it('states the reason in Chinese, with the month and the threshold', () => {
    expect(assessExcessive(10, 1, '2025-10', config)).toEqual({
      countInMonth: 11,
      threshold: 10,
      isExcessive: true,
      reason: '同一申请人2025年10月累计申请 11 件，超过 10 件（条例 第三十五条）',
    });
    expect(assessExcessive(0, 1, '2025-10', config).reason).toBeNull();
  });

  it('follows a province’s threshold', () => {
    const c = resolveRequestsConfig({ excessiveMonthlyThreshold: 30 });
    expect(assessExcessive(20, 1, '2025-10', c).isExcessive).toBe(false);
    expect(assessExcessive(30, 1, '2025-10', c).isExcessive).toBe(true);
  });

  it('refuses impossible counts', () => {
    expect(() => assessExcessive(-1, 1, '2025-10', config)).toThrow(RangeError);
    expect(() => assessExcessive(0, 0, '2025-10', config)).toThrow(RangeError);
  });
});
