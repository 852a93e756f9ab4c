// What the scanner reports. Offsets are JavaScript string indices (UTF-16 code units), end exclusive.

export const FINDING_TYPES = ['id_card', 'mobile', 'phone', 'bank_card', 'email', 'plate', 'passport', 'name', 'address'] as const;
export type FindingType = (typeof FINDING_TYPES)[number];

/** Chinese labels for the interface (highlights, gate messages, bench tables). */
export const FINDING_LABELS: Record<FindingType, string> = {
  id_card: '身份证号码',
  mobile: '手机号码',
  phone: '固定电话',
  bank_card: '银行卡号',
  email: '电子邮箱',
  plate: '车牌号码',
  passport: '护照或通行证号码',
  name: '姓名',
  address: '详细住址',
};

export interface Finding {
  type: FindingType;
  start: number;
  end: number;
  text: string;
  /** For names: the role the text gives the person (申请人, 来电人 …), used by pseudonyms and the punitive policy. */
  role?: string;
}

export function isFindingType(value: unknown): value is FindingType {
  return typeof value === 'string' && (FINDING_TYPES as readonly string[]).includes(value);
}

/** The stable public shape ({ type, start, end, text }) — what the CLI and the API print. */
export function publicFinding(f: Finding): { type: FindingType; start: number; end: number; text: string } {
  return { type: f.type, start: f.start, end: f.end, text: f.text };
}
