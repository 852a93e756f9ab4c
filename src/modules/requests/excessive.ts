// Applications 数量、频次明显超过合理范围 (条例 第三十五条) and the monthly count that 109号 第四条 also uses.
// The platform counts; the clerk judges. A flag lets the clerk ask for reasons (askReasons), set a
// 延迟答复 period (setDelay) or decline (R-EXCESSIVE, annual report 三(五)4).
import type { IsoDate } from '../../platform/calendar/workdays.ts';
import type { RequestsConfig } from './requests.config.ts';
import { normalizeIdNumber, type IdType } from './taxonomy.ts';

/**
 * The identity an applicant is counted under: document type and normalized number. The same person
 * applying under two documents (身份证 and 护照) counts twice; the clerk can still flag by hand.
 */
export function applicantKeyOf(idType: IdType, idNumber: string): string {
  return `${idType}:${normalizeIdNumber(idNumber)}`;
}

/** 'YYYY-MM': a natural month (109号 第四条 “一个自然月内”). */
export function monthOf(date: IsoDate): string {
  return date.slice(0, 7);
}

/** One application as the counter sees it. `items` is the 件 count after 一事一申请 splitting (default 1). */
export interface CountedApplication {
  applicantKey: string;
  /** the first 收到申请之日 (a 补正 does not move an application into another month) */
  receivedOn: IsoDate;
  items?: number | undefined;
}

function itemsOf(a: CountedApplication): number {
  const n = a.items ?? 1;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`计费件数必须是正整数：${n}`);
  return n;
}

/** 件 counts per applicant and month. */
export function monthlyCounts(applications: readonly CountedApplication[]): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const a of applications) {
    const months = out.get(a.applicantKey) ?? new Map<string, number>();
    const m = monthOf(a.receivedOn);
    months.set(m, (months.get(m) ?? 0) + itemsOf(a));
    out.set(a.applicantKey, months);
  }
  return out;
}

/**
 * The 件 the same applicant filed earlier in the same natural month than `applications[index]`. The list
 * is in registration order; applications received the same day count in that order.
 */
export function priorItemsInMonth(applications: readonly CountedApplication[], index: number): number {
  const self = applications[index];
  if (!self) throw new RangeError(`没有第 ${index} 件申请`);
  const month = monthOf(self.receivedOn);
  let prior = 0;
  applications.forEach((a, i) => {
    if (i === index || a.applicantKey !== self.applicantKey || monthOf(a.receivedOn) !== month) return;
    if (a.receivedOn < self.receivedOn || (a.receivedOn === self.receivedOn && i < index)) prior += itemsOf(a);
  });
  return prior;
}

export interface ExcessiveAssessment {
  /** 件 in the month up to and including this application */
  countInMonth: number;
  threshold: number;
  isExcessive: boolean;
  /** the reason stored with the flag and shown to the clerk */
  reason: string | null;
}

/** Whether an application, at its place in the month, goes past the province's threshold (条例 第三十五条). */
export function assessExcessive(priorItems: number, items: number, month: string, config: Pick<RequestsConfig, 'excessiveMonthlyThreshold'>): ExcessiveAssessment {
  if (!Number.isInteger(priorItems) || priorItems < 0) throw new RangeError(`本月此前件数必须是非负整数：${priorItems}`);
  if (!Number.isInteger(items) || items < 1) throw new RangeError(`计费件数必须是正整数：${items}`);
  const countInMonth = priorItems + items;
  const threshold = config.excessiveMonthlyThreshold;
  const isExcessive = countInMonth > threshold;
  const [y, m] = month.split('-');
  return {
    countInMonth,
    threshold,
    isExcessive,
    reason: isExcessive ? `同一申请人${Number(y)}年${Number(m)}月累计申请 ${countInMonth} 件，超过 ${threshold} 件（条例 第三十五条）` : null,
  };
}
