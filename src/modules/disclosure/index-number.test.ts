import { describe, expect, it } from 'vitest';
import { completeCreditCode, orgCodeCheckChar } from '../../platform/text/identifiers.ts';
import { formatIndexNumber, indexNumberPrefix, parseIndexNumber } from './index-number.ts';

const CREDIT = completeCreditCode('11500000MB1532221');
const ORG = `01441633${orgCodeCheckChar('01441633')}`;

describe('索引号', () => {
  it('formats {credit code}/{year}-{5-digit sequence}', () => {
    expect(formatIndexNumber(CREDIT, 2018, 1)).toBe(`${CREDIT}/2018-00001`);
    expect(formatIndexNumber(CREDIT, 2018, 99_999)).toBe(`${CREDIT}/2018-99999`);
    expect(formatIndexNumber(CREDIT, 2018, 99_999)).toHaveLength(29);
  });

  it.each([
    ['bad credit code', `${CREDIT.slice(0, 17)}${CREDIT[17] === '0' ? '1' : '0'}`, 2018, 1],
    ['legacy organisation code for a new number', ORG, 2018, 1],
    ['sequence 0', CREDIT, 2018, 0],
    ['sequence above 99999', CREDIT, 2018, 100_000],
    ['fractional sequence', CREDIT, 2018, 1.5],
    ['year out of range', CREDIT, 1800, 1],
  ])('refuses to format with a %s', (_why, code, year, seq) => {
    expect(() => formatIndexNumber(code, year, seq)).toThrow(RangeError);
  });

  it('parses both the credit-code form and the legacy organisation-code form', () => {
    expect(parseIndexNumber(`${CREDIT}/2018-04736`)).toEqual({ ok: true, value: { agencyCode: CREDIT, year: 2018, sequence: 4736, value: `${CREDIT}/2018-04736` } });
    expect(parseIndexNumber(` ${ORG.toLowerCase()}/2018-04736 `)).toMatchObject({ ok: true, value: { agencyCode: ORG, sequence: 4736 } });
  });

  it.each([
    [`${CREDIT}/2018-4736`, '五位顺序号'],
    [`${CREDIT}-2018-04736`, '五位顺序号'],
    [`${CREDIT}/18-04736`, '五位顺序号'],
    [`${CREDIT}/2018-00000`, '顺序号应在'],
    [`${CREDIT.slice(0, 17)}${CREDIT[17] === '0' ? '1' : '0'}/2018-00001`, '不是有效的'],
    ['', '五位顺序号'],
  ])('rejects %j', (raw, fragment) => {
    const r = parseIndexNumber(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(fragment);
  });

  it('gives the prefix shared by an agency-year range', () => {
    expect(indexNumberPrefix(CREDIT, 2026)).toBe(`${CREDIT}/2026-`);
    expect(formatIndexNumber(CREDIT, 2026, 7).startsWith(indexNumberPrefix(CREDIT, 2026))).toBe(true);
  });

  it('matches the items_index_number_check pattern of the schema', () => {
    expect(formatIndexNumber(CREDIT, 2018, 42)).toMatch(/^[0-9A-HJ-NPQRTUWXY]{18}\/[0-9]{4}-[0-9]{5}$/);
  });
});
