// Validators for Chinese identifiers. Sources: ../shared/law/service-rules.md §4.

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** The GB 11643 check character (ISO 7064 MOD 11-2) for the first 17 digits. */
export function idCardCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK[sum % 11] ?? '';
}

/** A real calendar date within the plausible range for a birth date. */
export function isRealDate(y: number, m: number, d: number): boolean {
  if (y < 1850 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
  const days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= (days[m - 1] ?? 0);
}

/** 公民身份号码 (GB 11643-1999): 18 characters, a real birth date, and a matching check character. */
export function isValidIdCard(value: string): boolean {
  const s = value.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(s)) return false;
  if (!isRealDate(Number(s.slice(6, 10)), Number(s.slice(10, 12)), Number(s.slice(12, 14)))) return false;
  return idCardCheckChar(s) === s[17];
}

/** Legacy 15-digit 身份证 (before 1999): 6 address digits, YYMMDD, 3 sequence digits, no check digit. */
export function isValidLegacyIdCard(value: string): boolean {
  if (!/^\d{15}$/.test(value)) return false;
  return isRealDate(1900 + Number(value.slice(6, 8)), Number(value.slice(8, 10)), Number(value.slice(10, 12)));
}

export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The GB 32100-2015 check character for the first 17 characters of a 统一社会信用代码. */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(first17[i] ?? '') * (USCC_WEIGHTS[i] ?? 0);
  return USCC_ALPHABET[(31 - (sum % 31)) % 31] ?? '';
}

/** 统一社会信用代码 (GB 32100-2015): 18 characters from the 31-symbol alphabet, digits in 3–8, valid check. */
export function isValidCreditCode(value: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(value)) return false;
  return creditCodeCheckChar(value) === value[17];
}

const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** The GB 11714-1997 check character for an 8-character 组织机构代码 body. */
export function orgCodeCheckChar(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = body8[i] ?? '0';
    sum += (/\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55) * (ORG_WEIGHTS[i] ?? 0);
  }
  const v = 11 - (sum % 11);
  return v === 10 ? 'X' : v === 11 ? '0' : String(v);
}

/** 组织机构代码 (GB 11714-1997): 8 digits or capitals, then the check character, with or without the hyphen. */
export function isValidOrgCode(value: string): boolean {
  const m = /^([0-9A-Z]{8})-?([0-9X])$/.exec(value);
  return !!m && orgCodeCheckChar(m[1] ?? '') === m[2];
}

/** Mainland mobile number: 1[3-9] + 9 digits, with an optional +86 / 0086 prefix (no carrier inference: 携号转网). */
export function isValidMobile(value: string): boolean {
  return /^(?:\+86|0086)?1[3-9]\d{9}$/.test(value.replace(/[\s-]/g, ''));
}

/** Builds a checksum-valid credit code from a 17-character body (demo data). */
export function completeCreditCode(first17: string): string {
  return first17 + creditCodeCheckChar(first17);
}
