import { describe, expect, it } from 'vitest';
import { completeCreditCode, isValidCreditCode, isValidIdCard, isValidLegacyIdCard, isValidMobile, isValidOrgCode } from './identifiers.ts';

// Samples from ../shared/law/service-rules.md §4
describe('公民身份号码 GB 11643', () => {
  it.each(['11010519491231002X', '440524188001010014', '500103199001010010', '11010519491231002x'])('accepts %s', (v) => expect(isValidIdCard(v)).toBe(true));
  it.each([
    ['110105194912310021', 'wrong check digit'],
    ['110105194902300020', 'February 30'],
    ['11010519491231002', 'too short'],
    ['1101051949123100AX', 'letters'],
  ])('rejects %s (%s)', (v) => expect(isValidIdCard(v)).toBe(false));
  it('accepts a legacy 15-digit number with a real date', () => {
    expect(isValidLegacyIdCard('110105491231002')).toBe(true);
    expect(isValidLegacyIdCard('110105491331002')).toBe(false);
  });
});

describe('统一社会信用代码 GB 32100', () => {
  it.each(['91350100M000100Y43', '91110000101623741K', '911101066976941872', '91500000202800006F'])('accepts %s', (v) => expect(isValidCreditCode(v)).toBe(true));
  it.each(['91350100M000100Y4A', '9135010OM000100Y43', '91350100M000100Y4', '91350100M000100Y43X'])('rejects %s', (v) => expect(isValidCreditCode(v)).toBe(false));
  it('completes a demo body into a valid code', () => {
    const code = completeCreditCode('11500000MB1234567');
    expect(code).toHaveLength(18);
    expect(isValidCreditCode(code)).toBe(true);
  });
});

describe('组织机构代码 GB 11714', () => {
  it.each(['D2143569-X', 'D2143569X', '10162374-1', 'M000100Y-4', '69769418-7'])('accepts %s', (v) => expect(isValidOrgCode(v)).toBe(true));
  it.each(['D2143569-1', 'd2143569-X', '1016237-1'])('rejects %s', (v) => expect(isValidOrgCode(v)).toBe(false));
});

describe('mobile numbers', () => {
  it.each(['13812345678', '+8613812345678', '0086 138 1234 5678', '19212345678'])('accepts %s', (v) => expect(isValidMobile(v)).toBe(true));
  it.each(['12812345678', '1381234567', '023-63899999', '138123456789'])('rejects %s', (v) => expect(isValidMobile(v)).toBe(false));
});
