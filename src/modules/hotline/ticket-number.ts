// 工单编号 and 查询码: a citizen follows a ticket by its number and a short code given at intake.
// The number is public (it is the Open311 service_request_id); the code keeps strangers from reading the progress page.
import { isIsoDate, type IsoDate } from '../../platform/calendar/workdays.ts';

const NUMBER = /^(\d{4})(\d{2})(\d{2})(\d{6})$/;

/** 'YYYYMMDD' + a 6-digit daily sequence: 20251023000123. */
export function formatTicketNumber(day: IsoDate, sequence: number): string {
  if (!isIsoDate(day)) throw new RangeError(`不是有效日期：${day}`);
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 999_999) throw new RangeError(`工单流水号必须在1到999999之间：${sequence}`);
  return `${day.replaceAll('-', '')}${String(sequence).padStart(6, '0')}`;
}

export function parseTicketNumber(value: string): { day: IsoDate; sequence: number } | null {
  const m = NUMBER.exec(value.trim());
  if (!m) return null;
  const day = `${m[1]}-${m[2]}-${m[3]}`;
  const sequence = Number(m[4]);
  return isIsoDate(day) && sequence >= 1 ? { day, sequence } : null;
}

export function isTicketNumber(value: string): boolean {
  return parseTicketNumber(value) !== null;
}

/** No 0/O, 1/I/L: read aloud over the phone without confusion. */
export const QUERY_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const QUERY_CODE_LENGTH = 6;

/** A query code from random bytes (crypto.getRandomValues at the caller); rejection sampling keeps it uniform. */
export function makeQueryCode(randomBytes: Uint8Array): string {
  const n = QUERY_CODE_ALPHABET.length;
  const limit = 256 - (256 % n);
  let out = '';
  for (const b of randomBytes) {
    if (b >= limit) continue;
    out += QUERY_CODE_ALPHABET[b % n];
    if (out.length === QUERY_CODE_LENGTH) return out;
  }
  throw new RangeError('随机字节不足，无法生成查询码');
}

/** Normalizes what a citizen types (lower case, spaces, hyphens) before comparing. */
export function normalizeQueryCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]+/g, '');
}

export function isQueryCode(value: string): boolean {
  return value.length === QUERY_CODE_LENGTH && [...value].every((c) => QUERY_CODE_ALPHABET.includes(c));
}
