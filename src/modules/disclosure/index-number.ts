// 索引号: the stable public identifier of an item, `前段码/年份-五位顺序号`.
// 《政府信息公开目录系统实施指引（试行）》 (国务院办公厅秘书局; disclosure-rules.md §7, S20): 前段码 is the
// publisher's 组织机构代码 (9 characters, hyphen removed); 后段码 is the 4-digit year, “-”, and a 5-digit serial,
// e.g. `014416330/2018-04736`. Sites now use the 18-character 统一社会信用代码 instead (`11370812004339255B/2020-22849`);
// new numbers use the credit code, and the legacy 9-character form is still read (imported items keep theirs).
// The serial is assigned in the database on first publication (unique, never reused).

import { isValidCreditCode, isValidOrgCode } from '../../platform/text/identifiers.ts';

export interface IndexNumber {
  /** 统一社会信用代码 (18) or a legacy 组织机构代码 (9, no hyphen) */
  agencyCode: string;
  year: number;
  /** 1 … 99999 */
  sequence: number;
  /** `11500000MB1532221K/2018-00001` */
  value: string;
}

export const INDEX_SEQUENCE_MAX = 99_999;

export type IndexNumberResult = { ok: true; value: IndexNumber } | { ok: false; reason: string };

function checkParts(agencyCode: string, year: number, sequence: number, allowLegacy: boolean): string | null {
  const isCredit = agencyCode.length === 18 && isValidCreditCode(agencyCode);
  const isLegacy = allowLegacy && agencyCode.length === 9 && isValidOrgCode(agencyCode);
  if (!isCredit && !isLegacy) return allowLegacy ? `索引号前段“${agencyCode}”不是有效的统一社会信用代码或组织机构代码` : `“${agencyCode}”不是有效的统一社会信用代码`;
  if (!Number.isInteger(year) || year < 1949 || year > 2100) return `索引号年份 ${year} 无效`;
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > INDEX_SEQUENCE_MAX) return `索引号顺序号应在 1—${INDEX_SEQUENCE_MAX} 之间，收到 ${sequence}`;
  return null;
}

/** Builds a new 索引号 from the agency's 统一社会信用代码. Throws RangeError on bad parts (a programming error). */
export function formatIndexNumber(agencyCode: string, year: number, sequence: number): string {
  const problem = checkParts(agencyCode, year, sequence, false);
  if (problem) throw new RangeError(problem);
  return `${agencyCode}/${year}-${String(sequence).padStart(5, '0')}`;
}

/** Reads a 索引号 (credit-code or legacy organisation-code form). */
export function parseIndexNumber(raw: string): IndexNumberResult {
  const s = raw.trim().toUpperCase();
  const m = /^([0-9A-Z]{9}|[0-9A-Z]{18})\/(\d{4})-(\d{5})$/.exec(s);
  if (!m) return { ok: false, reason: '索引号应为“机构代码/年份-五位顺序号”，如 11500000MB1532221K/2018-00001' };
  const agencyCode = m[1] ?? '';
  const year = Number(m[2]);
  const sequence = Number(m[3]);
  const problem = checkParts(agencyCode, year, sequence, true);
  if (problem) return { ok: false, reason: problem };
  return { ok: true, value: { agencyCode, year, sequence, value: s } };
}

/** The text every 索引号 of an agency and year starts with, for a `LIKE 'prefix%'` range. */
export function indexNumberPrefix(agencyCode: string, year: number): string {
  return `${agencyCode}/${year}-`;
}
