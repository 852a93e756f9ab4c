// The numbers and words of the 答复告知书 a province may change, with the national default.

export interface LettersConfig {
  /** 行政复议申请期限: 自知道或者应当知道该行政行为之日起六十日内 (行政复议法〔2023修订〕第二十条第一款) */
  reviewPeriodDays: number;
  /** 行政诉讼起诉期限: 自知道或者应当知道作出行政行为之日起六个月内 (行政诉讼法 第四十六条第一款) */
  litigationPeriodMonths: number;
  /** the letter's title */
  title: string;
  /** the 〔年〕号 prefix used when the caller gives no letter number, e.g. 依申请公开答复〔2026〕123号 */
  defaultNumberPrefix: string;
}

export const NATIONAL_LETTERS_CONFIG: LettersConfig = Object.freeze({
  reviewPeriodDays: 60, // 行政复议法 第二十条第一款
  litigationPeriodMonths: 6, // 行政诉讼法 第四十六条第一款
  title: '政府信息公开申请答复告知书',
  defaultNumberPrefix: '依申请公开答复',
});

export class LettersConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`答复告知书配置有误：\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'LettersConfigError';
  }
}

/**
 * A province's settings over the national defaults; lists every problem at once (throws LettersConfigError).
 * The remedy periods are statutory minimums: a letter may never tell the applicant less time than the law gives.
 */
export function resolveLettersConfig(overrides: Partial<LettersConfig> = {}): LettersConfig {
  const c: LettersConfig = { ...NATIONAL_LETTERS_CONFIG, ...overrides };
  const problems: string[] = [];
  if (!Number.isInteger(c.reviewPeriodDays) || c.reviewPeriodDays < 60) problems.push(`行政复议申请期限（reviewPeriodDays）不得少于 60 日（行政复议法 第二十条），当前为 ${c.reviewPeriodDays}`);
  if (!Number.isInteger(c.litigationPeriodMonths) || c.litigationPeriodMonths < 6) problems.push(`行政诉讼起诉期限（litigationPeriodMonths）不得少于 6 个月（行政诉讼法 第四十六条），当前为 ${c.litigationPeriodMonths}`);
  if (typeof c.title !== 'string' || !c.title.trim()) problems.push('告知书标题（title）不能为空');
  if (typeof c.defaultNumberPrefix !== 'string' || !c.defaultNumberPrefix.trim()) problems.push('默认文号前缀（defaultNumberPrefix）不能为空');
  if (problems.length) throw new LettersConfigError(problems);
  return Object.freeze(c);
}
