// 信息处理费 (国办函〔2020〕109号 《政府信息公开信息处理费管理办法》). Source: ../../../../shared/law/disclosure-rules.md §1.5.
// 条例 第四十二条: providing information is free; a fee may be charged only when the number or frequency of
// applications 明显超过合理范围. Amounts are whole 元.
import type { FieldError } from '../../platform/http/errors.ts';
import { addWorkingDays, type IsoDate, type Overrides } from '../../platform/calendar/workdays.ts';
import type { PageBand, PerItemTariff, RequestsConfig } from './requests.config.ts';

/** 109号 第三条: 按件 or 按量, both 超额累进; one per application, never both. */
export const FEE_BASES = {
  per_item: { label: '按件计收', basis: '国办函〔2020〕109号 第四条' },
  per_page: { label: '按量计收', basis: '国办函〔2020〕109号 第五条' },
} as const;
export type FeeBasis = keyof typeof FEE_BASES;
export const FEE_BASIS_IDS = Object.keys(FEE_BASES) as FeeBasis[];

export function isFeeBasis(value: unknown): value is FeeBasis {
  return typeof value === 'string' && Object.hasOwn(FEE_BASES, value);
}

function requireCount(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${what}必须是非负整数：${n}`);
}

// ─── 按件 (第四条) ───────────────────────────────────────────────────────────

/** The price of the `ordinal`-th 件 of one applicant in one natural month (1-based). */
export function itemPrice(ordinal: number, t: PerItemTariff): number {
  requireCount(ordinal, '件数序号');
  if (ordinal <= t.freeUpTo) return 0;
  if (ordinal <= t.flatUpTo) return t.flatYuan;
  // 31件以上的部分，以10件为一档，每增加一档，收费标准提高100元/件: 31–40 → 200, 41–50 → 300 …
  const band = Math.ceil((ordinal - t.flatUpTo) / t.bandSize);
  return t.flatYuan + band * t.bandStepYuan;
}

/** The cumulative fee for `count` 件 in one natural month (the §1.5 examples: 30 → 2000, 41 → 4300). */
export function cumulativeItemFee(count: number, t: PerItemTariff): number {
  requireCount(count, '件数');
  let total = 0;
  for (let k = t.freeUpTo + 1; k <= count; k++) total += itemPrice(k, t);
  return total;
}

/**
 * The fee of one application counted as `items` 件 (一事一申请 may split it, 第四条) when the applicant had
 * already filed `priorItems` 件 in the same natural month: the marginal fee at its ordinal.
 */
export function itemFeeOf(priorItems: number, items: number, t: PerItemTariff): number {
  requireCount(priorItems, '本月此前件数');
  requireCount(items, '本件计费件数');
  return cumulativeItemFee(priorItems + items, t) - cumulativeItemFee(priorItems, t);
}

// ─── 按量 (第五条) ───────────────────────────────────────────────────────────

/** The fee for `pages` pages of one application (≤30 free; 31–100 10元; 101–200 20元; 201+ 40元 per page). */
export function pageFeeOf(pages: number, bands: readonly PageBand[]): number {
  requireCount(pages, '页数');
  let total = 0;
  let lower = 0;
  for (const b of bands) {
    const upper = b.upTo ?? Infinity;
    if (pages > lower) total += (Math.min(pages, upper) - lower) * b.yuanPerPage;
    lower = upper;
  }
  return total;
}

// ─── One application ────────────────────────────────────────────────────────

/** The fee basis and its quantities: the union makes charging both tariffs impossible (第三条). */
export type FeeInput = { basis: 'per_item'; priorItems: number; items: number } | { basis: 'per_page'; pages: number };

/** One line of the fee notice's 标准: units in a band, their price and subtotal. */
export interface FeeLine {
  /** e.g. “第11—30件” or “第31—100页” */
  range: string;
  units: number;
  unitYuan: number;
  subtotalYuan: number;
}

export interface FeeQuote {
  basis: FeeBasis;
  amountYuan: number;
  lines: FeeLine[];
}

function linesFor(first: number, last: number, price: (k: number) => number, unit: string): FeeLine[] {
  const runs: { from: number; to: number; unitYuan: number }[] = [];
  for (let k = first; k <= last; k++) {
    const p = price(k);
    const run = runs[runs.length - 1];
    if (run && run.unitYuan === p) run.to = k;
    else runs.push({ from: k, to: k, unitYuan: p });
  }
  return runs.map((r) => ({
    range: r.from === r.to ? `第${r.from}${unit}` : `第${r.from}—${r.to}${unit}`,
    units: r.to - r.from + 1,
    unitYuan: r.unitYuan,
    subtotalYuan: (r.to - r.from + 1) * r.unitYuan,
  }));
}

/** The fee of one application with its breakdown, for the 收费通知 (依据、标准、数额). */
export function quoteFee(input: FeeInput, config: Pick<RequestsConfig, 'perItem' | 'perPage'>): FeeQuote {
  switch (input.basis) {
    case 'per_item': {
      const amountYuan = itemFeeOf(input.priorItems, input.items, config.perItem);
      const lines = linesFor(input.priorItems + 1, input.priorItems + input.items, (k) => itemPrice(k, config.perItem), '件');
      return { basis: 'per_item', amountYuan, lines };
    }
    case 'per_page': {
      const amountYuan = pageFeeOf(input.pages, config.perPage);
      const price = (k: number) => config.perPage.find((b) => b.upTo === null || k <= b.upTo)?.yuanPerPage ?? 0;
      return { basis: 'per_page', amountYuan, lines: linesFor(1, input.pages, price, '页') };
    }
    default: {
      const never: never = input;
      throw new RangeError(`未知的计费方式：${JSON.stringify(never)}`);
    }
  }
}

/** The fee form as posted: one basis and its quantity. */
export interface FeeForm {
  basis?: unknown;
  items?: unknown;
  pages?: unknown;
}

/**
 * Checks a fee form and turns it into a FeeInput, or lists the problems per field in Chinese. A form
 * that fills in both the 件 and the 页 is refused: one tariff per application (第三条).
 */
export function parseFeeForm(form: FeeForm, priorItems: number): { ok: true; input: FeeInput } | { ok: false; fields: FieldError[] } {
  const fields: FieldError[] = [];
  const isCount = (v: unknown, min: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= 100000;
  if (!isFeeBasis(form.basis)) {
    fields.push({ field: 'basis', message: '计费方式：必须选择按件计收或按量计收' });
    return { ok: false, fields };
  }
  const other = form.basis === 'per_item' ? form.pages : form.items;
  if (other !== undefined && other !== null && other !== '') {
    fields.push({ field: form.basis === 'per_item' ? 'pages' : 'items', message: '计费方式：每件申请只能选择按件或按量一种标准，不得同时计算（国办函〔2020〕109号 第三条）' });
  }
  if (form.basis === 'per_item' && !isCount(form.items, 1)) fields.push({ field: 'items', message: '计费件数：必须是正整数' });
  if (form.basis === 'per_page' && !isCount(form.pages, 1)) fields.push({ field: 'pages', message: '页数：必须是正整数' });
  if (fields.length > 0) return { ok: false, fields };
  const input: FeeInput = form.basis === 'per_item' ? { basis: 'per_item', priorItems, items: form.items as number } : { basis: 'per_page', pages: form.pages as number };
  return { ok: true, input };
}

// ─── Payment (109号; 四川 S2b) ───────────────────────────────────────────────

/** The last day to pay: 20 working days from the day after the applicant received the notice. */
export function feePaymentDeadlineOf(noticeReceivedOn: IsoDate, overrides: Overrides, config: Pick<RequestsConfig, 'feePaymentWorkingDays'>): IsoDate {
  return addWorkingDays(noticeReceivedOn, config.feePaymentWorkingDays, overrides);
}

/** Unpaid after the deadline → 视为放弃申请 (R-FEEUNPAID, annual report 三(六)2). */
export function isFeeOverdue(payBy: IsoDate, today: IsoDate): boolean {
  return today > payBy;
}
