// Every number of the 依申请公开 procedure that a province may change, with the national default.
// Sources: ../../../../shared/law/disclosure-rules.md §1.3–1.5. Statutory periods (条例) are caps a
// province may shorten for its own agencies but never lengthen against the applicant; 109号's fee
// figures and the policy thresholds marked [INF] are free for a province to set.

/** 按件计收 (国办函〔2020〕109号 第四条): cumulative applications of one applicant in one natural month. */
export interface PerItemTariff {
  /** ≤ freeUpTo 件 (含) free */
  freeUpTo: number;
  /** freeUpTo+1 … flatUpTo 件 (含) at flatYuan per 件 */
  flatUpTo: number;
  flatYuan: number;
  /** above flatUpTo: bands of bandSize 件, each band bandStepYuan per 件 dearer than the one before */
  bandSize: number;
  bandStepYuan: number;
}

/** One band of 按量计收 (109号 第五条): pages up to `upTo` (含; null = no upper end) at `yuanPerPage`. */
export interface PageBand {
  upTo: number | null;
  yuanPerPage: number;
}

export interface RequestsConfig {
  /** 答复期限: 20 working days from receipt (条例 第三十三条第二款) */
  replyWorkingDays: number;
  /** 延长答复期限, at most 20 working days in total, approved by the 工作机构负责人 (条例 第三十三条第二款) */
  maxExtensionWorkingDays: number;
  /** 补正 notice must go out within 7 working days of receipt (条例 第三十条) */
  correctionNoticeWorkingDays: number;
  /**
   * The 合理的补正期限 offered in the notice when the clerk names none. The 条例 sets no number (第三十条);
   * 15 working days is our default [INF].
   */
  defaultCorrectionPeriodWorkingDays: number;
  /**
   * The receipt date of an application sent to the published mailbox: 国办公开办函〔2015〕207号 says the day the
   * mail system receives it; a province reading e-mail as a 互联网渠道 under 条例 第三十一条第（三）项 may choose
   * the 双方确认之日 instead.
   */
  emailReceipt: 'system_received' | 'confirmed';
  /** A third party answers within 15 working days of receiving the 征求意见书 (条例 第三十二条) */
  thirdPartyConsultationWorkingDays: number;
  /** A co-producing agency answers within 15 working days; silence = consent (条例 第三十四条) */
  coProducerConsultationWorkingDays: number;
  /** The applicant pays within 20 working days from the day after receiving the fee notice (109号; 川财综 S2b) */
  feePaymentWorkingDays: number;
  /**
   * Whether the reply clock stops while a fee notice is unpaid. [UNCONFIRMED] 109号 第六条 onward was not
   * retrieved, so the national default keeps the clock running (the safe reading for the applicant).
   */
  pauseClockWhileAwaitingFee: boolean;
  perItem: PerItemTariff;
  /** ascending; the last band has upTo null */
  perPage: readonly PageBand[];
  /**
   * Applications by one applicant in one natural month above which the platform flags 第三十五条
   * (数量、频次明显超过合理范围). The 条例 gives no number; 109号 charges from the 11th 件 because only
   * then is the volume 明显超过合理范围 (条例 第四十二条), so we flag from the same point [INF].
   */
  excessiveMonthlyThreshold: number;
  /** A cap on the 第三十五条 延迟答复 period; the 条例 sets none (null = no cap) [C]. */
  maxExcessiveDelayWorkingDays: number | null;
  /** A clerk's queue shows "due soon" within this many working days (issue 5) */
  dueSoonWorkingDays: number;
}

/** The national defaults. */
export const NATIONAL_REQUESTS_CONFIG: RequestsConfig = Object.freeze({
  replyWorkingDays: 20, // 条例 第三十三条第二款
  maxExtensionWorkingDays: 20, // 条例 第三十三条第二款
  correctionNoticeWorkingDays: 7, // 条例 第三十条
  defaultCorrectionPeriodWorkingDays: 15, // [INF] 条例 第三十条 只要求“合理的补正期限”
  emailReceipt: 'system_received', // 国办公开办函〔2015〕207号
  thirdPartyConsultationWorkingDays: 15, // 条例 第三十二条
  coProducerConsultationWorkingDays: 15, // 条例 第三十四条
  feePaymentWorkingDays: 20, // 国办函〔2020〕109号; 四川 S2b: 收到收费通知次日起20个工作日内
  pauseClockWhileAwaitingFee: false, // [UNCONFIRMED] 109号 第六条以后未取得原文
  perItem: Object.freeze({ freeUpTo: 10, flatUpTo: 30, flatYuan: 100, bandSize: 10, bandStepYuan: 100 }), // 109号 第四条
  perPage: Object.freeze([
    // 109号 第五条
    Object.freeze({ upTo: 30, yuanPerPage: 0 }),
    Object.freeze({ upTo: 100, yuanPerPage: 10 }),
    Object.freeze({ upTo: 200, yuanPerPage: 20 }),
    Object.freeze({ upTo: null, yuanPerPage: 40 }),
  ]),
  excessiveMonthlyThreshold: 10, // [INF] 条例 第三十五条 无数字; 与 109号 第四条 免费件数一致
  maxExcessiveDelayWorkingDays: null, // 条例 第三十五条 未设上限
  dueSoonWorkingDays: 3, // issue 5: 待办队列显示“3个工作日内到期”
});

/** The statutory caps: a province may shorten these periods for the applicant's benefit, never lengthen them. */
const STATUTORY_CAPS = {
  replyWorkingDays: ['答复期限', 20, '条例 第三十三条'],
  maxExtensionWorkingDays: ['延长答复期限上限', 20, '条例 第三十三条'],
  correctionNoticeWorkingDays: ['补正告知期限', 7, '条例 第三十条'],
} as const satisfies Partial<Record<keyof RequestsConfig, readonly [string, number, string]>>;

/** Other whole-number settings that must be positive. */
const POSITIVE_SETTINGS = {
  defaultCorrectionPeriodWorkingDays: '默认补正期限',
  thirdPartyConsultationWorkingDays: '第三方征求意见期限',
  coProducerConsultationWorkingDays: '其他机关征求意见期限',
  feePaymentWorkingDays: '缴费期限',
  excessiveMonthlyThreshold: '每月申请数量提示阈值',
  dueSoonWorkingDays: '即将到期提示天数',
} as const satisfies Partial<Record<keyof RequestsConfig, string>>;

export class RequestsConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`依申请公开配置有误：\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'RequestsConfigError';
  }
}

function isWholeNumber(v: unknown, min: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= min;
}

/**
 * A province's settings over the national defaults. Checks every value and lists every problem at
 * once (throws RequestsConfigError).
 */
export function resolveRequestsConfig(overrides: Partial<RequestsConfig> = {}): RequestsConfig {
  const c: RequestsConfig = { ...NATIONAL_REQUESTS_CONFIG, ...overrides };
  const problems: string[] = [];

  for (const [key, [label, cap, source]] of Object.entries(STATUTORY_CAPS)) {
    const v = c[key as keyof typeof STATUTORY_CAPS];
    if (!isWholeNumber(v, 1)) problems.push(`${label}（${key}）必须是正整数`);
    else if (v > cap) problems.push(`${label}（${key}）不得超过 ${cap} 个工作日（${source}），当前为 ${v}`);
  }
  for (const [key, label] of Object.entries(POSITIVE_SETTINGS)) {
    const v = c[key as keyof typeof POSITIVE_SETTINGS];
    if (!isWholeNumber(v, 1)) problems.push(`${label}（${key}）必须是正整数`);
  }
  if (c.emailReceipt !== 'system_received' && c.emailReceipt !== 'confirmed') {
    problems.push('电子邮件申请的收到日期（emailReceipt）必须是 system_received 或 confirmed');
  }
  if (typeof c.pauseClockWhileAwaitingFee !== 'boolean') problems.push('缴费期间是否暂停计时（pauseClockWhileAwaitingFee）必须是 true 或 false');
  if (c.maxExcessiveDelayWorkingDays !== null && !isWholeNumber(c.maxExcessiveDelayWorkingDays, 1)) {
    problems.push('延迟答复期限上限（maxExcessiveDelayWorkingDays）必须是正整数或 null');
  }

  const t = c.perItem;
  if (!isWholeNumber(t.freeUpTo, 0)) problems.push('按件计收的免费件数（perItem.freeUpTo）必须是非负整数');
  if (!isWholeNumber(t.flatUpTo, 0) || t.flatUpTo < t.freeUpTo) problems.push('按件计收的第一档上限（perItem.flatUpTo）必须是整数且不小于免费件数');
  if (!isWholeNumber(t.flatYuan, 0)) problems.push('按件计收的第一档单价（perItem.flatYuan）必须是非负整数（元）');
  if (!isWholeNumber(t.bandSize, 1)) problems.push('按件计收的档宽（perItem.bandSize）必须是正整数');
  if (!isWholeNumber(t.bandStepYuan, 0)) problems.push('按件计收的每档加价（perItem.bandStepYuan）必须是非负整数（元）');

  const bands = c.perPage;
  if (bands.length === 0) problems.push('按量计收（perPage）至少需要一档');
  let previous = 0;
  bands.forEach((b, i) => {
    const last = i === bands.length - 1;
    if (!isWholeNumber(b.yuanPerPage, 0)) problems.push(`按量计收第 ${i + 1} 档的单价必须是非负整数（元）`);
    if (last && b.upTo !== null) problems.push('按量计收的最后一档上限（upTo）必须为 null（不设上限）');
    if (!last) {
      if (!isWholeNumber(b.upTo, 1) || b.upTo <= previous) problems.push(`按量计收第 ${i + 1} 档的上限必须是大于上一档的整数`);
      else previous = b.upTo;
    }
  });

  if (problems.length > 0) throw new RequestsConfigError(problems);
  return Object.freeze(c);
}
