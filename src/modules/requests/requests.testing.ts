// Test helpers for the requests module.
import { idCardCheckChar } from '../../platform/text/identifiers.ts';
import { testPng } from '../../platform/storage/testing.ts';
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


/** A checksum-valid 18-digit 居民身份证号码 born on `birth` (YYYYMMDD). */
export function testIdCard(birth = '19800101', serial = '123'): string {
  const first17 = `500103${birth}${serial}`;
  return first17 + idCardCheckChar(first17);
}

/** A valid portal submission for `agencyId`; overrides win. */
export function buildSubmission(agencyId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    agencyId,
    applicantCategory: 'natural_person',
    name: '张三',
    idType: 'resident_id',
    idNumber: testIdCard(),
    phone: '13800138000',
    address: '重庆市渝中区测试路 1 号',
    email: 'zhangsan@example.com',
    description: '2025 年本机关道路维修项目的招标文件',
    documentNumber: '',
    provisionForm: 'email',
    ...overrides,
  };
}

/** A small identity-proof image. */
export function testIdentityProof(): { filename: string; bytes: Uint8Array } {
  return { filename: 'id.png', bytes: testPng() };
}

/** A settable clock for services under test: `clock.set('2025-09-19')` moves "today" (Asia/Shanghai noon). */
export function testClock(start: string): { now: () => Date; set(date: string): void } {
  let current = new Date(`${start}T12:00:00+08:00`);
  return {
    now: () => current,
    set(date: string) {
      current = new Date(`${date}T12:00:00+08:00`);
    },
  };
}
