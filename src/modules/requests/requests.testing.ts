// Test helpers for the requests module (pure: no database).
import type { DayKind, Overrides } from '../../platform/calendar/workdays.ts';

/**
 * 国庆/中秋 2025 (国办发明电〔2024〕12号): 10-01..10-08 off; Sunday 09-28 and Saturday 10-11 are make-up workdays.
 * A calendar written out by hand, so the tests do not depend on the calendar table or package.
 */
export const GUOQING_2025: Overrides = new Map<string, DayKind>([
  ...['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-04', '2025-10-05', '2025-10-06', '2025-10-07', '2025-10-08'].map((d) => [d, 'holiday'] as [string, DayKind]),
  ['2025-09-28', 'workday'],
  ['2025-10-11', 'workday'],
]);
