import { describe, expect, it } from 'vitest';
import { QUERY_CODE_ALPHABET, formatTicketNumber, isQueryCode, isTicketNumber, makeQueryCode, normalizeQueryCode, parseTicketNumber } from './ticket-number.ts';

describe('ticket numbers', () => {
  it('formats and parses the date and daily sequence', () => {
    expect(formatTicketNumber('2025-10-20', 123)).toBe('20251020000123');
    expect(parseTicketNumber(' 20251020000123 ')).toEqual({ day: '2025-10-20', sequence: 123 });
    expect(isTicketNumber('20251020000123')).toBe(true);
  });
  it('refuses bad dates, sequences and strings', () => {
    expect(() => formatTicketNumber('2025-02-30', 1)).toThrow(RangeError);
    expect(() => formatTicketNumber('2025-10-20', 0)).toThrow(RangeError);
    expect(() => formatTicketNumber('2025-10-20', 1_000_000)).toThrow(RangeError);
    expect(parseTicketNumber('20250230000001')).toBeNull();
    expect(parseTicketNumber('20251020000000')).toBeNull();
    expect(isTicketNumber('2025-10-20-1')).toBe(false);
  });
});

describe('query codes', () => {
  it('draws six unambiguous characters uniformly from random bytes', () => {
    const code = makeQueryCode(Uint8Array.from([0, 1, 2, 3, 4, 5]));
    expect(code).toBe('234567');
    expect(isQueryCode(code)).toBe(true);
    for (const c of '01OIL') expect(QUERY_CODE_ALPHABET).not.toContain(c);
    // bytes at or above the largest multiple of 31 are skipped, so every character is equally likely
    expect(makeQueryCode(Uint8Array.from([255, 248, 0, 0, 0, 0, 0, 30]))).toBe('22222Z');
  });
  it('needs enough bytes', () => {
    expect(() => makeQueryCode(new Uint8Array(3))).toThrow(RangeError);
    expect(makeQueryCode(crypto.getRandomValues(new Uint8Array(16)))).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
  });
  it('normalizes what people type', () => {
    expect(normalizeQueryCode(' ab3-k9z ')).toBe('AB3K9Z');
    expect(isQueryCode('AB3K9Z')).toBe(true);
    expect(isQueryCode('AB3K9O')).toBe(false);
    expect(isQueryCode('AB3K9')).toBe(false);
  });
});
