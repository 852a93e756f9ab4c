// Time limits of a ticket, on the working-day calendar (法定节假日 and 调休 from the Overrides map) for working-day limits
// and on the plain clock for hour limits; Asia/Shanghai throughout (UTC+8, no daylight saving since 1991).
// Also the supervision figures (三率) with their formulas written out for the page.
import { addDays, addWorkingDays, shanghaiDate, workingDaysBetween, type IsoDate, type Overrides } from '../../platform/calendar/workdays.ts';
import { describeLimit, type HotlineConfig, type Limit } from './hotline.config.ts';
import { SATISFACTIONS, type Resolution, type Satisfaction, type TicketType, type Urgency } from './taxonomy.ts';

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** A running clock: when it started and the last instant that is still on time. */
export interface Due {
  limit: Limit;
  startedAt: Date;
  /** last on-time instant: for working days 23:59:59.999 Shanghai time on `lastDay` */
  dueAt: Date;
  /** the last working day, when the clock counts in working days (or was extended by working days) */
  lastDay: IsoDate | null;
  /** working days added by approved 延期 */
  extendedWorkdays: number;
}

/** The last millisecond of a Shanghai calendar day. */
export function endOfShanghaiDay(day: IsoDate): Date {
  return new Date(Date.parse(`${addDays(day, 1)}T00:00:00+08:00`) - 1);
}

/**
 * When a limit that starts at `start` runs out. Working days count from the day after the start
 * (期间开始之日不计算在内, as workdays.ts does) and end at 24:00 of the last working day.
 */
export function computeDue(start: Date, limit: Limit, overrides: Overrides): Due {
  if (!Number.isFinite(start.getTime())) throw new RangeError('起算时间无效');
  if (limit.unit === 'hours') {
    return { limit, startedAt: start, dueAt: new Date(start.getTime() + limit.value * HOUR), lastDay: null, extendedWorkdays: 0 };
  }
  const lastDay = addWorkingDays(shanghaiDate(start), limit.value, overrides);
  return { limit, startedAt: start, dueAt: endOfShanghaiDay(lastDay), lastDay, extendedWorkdays: 0 };
}

/** An approved 延期 of n working days, counted from the old last day. An hour clock becomes a day clock. */
export function extendDue(due: Due, n: number, overrides: Overrides): Due {
  const lastDay = addWorkingDays(due.lastDay ?? shanghaiDate(due.dueAt), n, overrides);
  return { ...due, dueAt: endOfShanghaiDay(lastDay), lastDay, extendedWorkdays: due.extendedWorkdays + n };
}

export function isOnTime(doneAt: Date, due: Due | Date): boolean {
  const at = due instanceof Date ? due : due.dueAt;
  return doneAt.getTime() <= at.getTime();
}

/** 派单时限, from intake. */
export function dispatchDue(receivedAt: Date, urgency: Urgency, config: HotlineConfig, overrides: Overrides): Due {
  return computeDue(receivedAt, config.deadlines.dispatch[urgency], overrides);
}

/** The agency's clocks, all from dispatch (交办): 签收, 先行联系, 办理 (答复), and the window for 退单. */
export interface AgencyDues {
  sign: Due;
  contact: Due;
  handle: Due;
  returnWindow: Due;
}

export function agencyDues(dispatchedAt: Date, type: TicketType, urgency: Urgency, config: HotlineConfig, overrides: Overrides): AgencyDues {
  const d = config.deadlines;
  return {
    sign: computeDue(dispatchedAt, d.sign[urgency], overrides),
    contact: computeDue(dispatchedAt, d.contact[urgency], overrides),
    handle: computeDue(dispatchedAt, d.handle[type][urgency], overrides),
    returnWindow: computeDue(dispatchedAt, d.returnWindow, overrides),
  };
}

/** The center's clocks. */
export function centerDue(kind: 'review' | 'callback' | 'returnReview' | 'extensionReview', start: Date, config: HotlineConfig, overrides: Overrides): Due {
  return computeDue(start, config.deadlines[kind], overrides);
}

export type DueStatus = 'normal' | 'near_due' | 'overdue';

export const DUE_STATUSES: Record<DueStatus, string> = { normal: '正常', near_due: '临期', overdue: '超期' };

export interface DueState {
  status: DueStatus;
  /** the deadline chip: 剩余 3 个工作日 / 今日到期 / 剩余 5 小时 20 分 / 已超期 2 个工作日 */
  label: string;
  /** ms until dueAt; negative when overdue */
  remainingMs: number;
}

function hm(ms: number): string {
  const total = Math.floor(ms / MINUTE);
  const h = Math.floor(total / 60);
  const m = total % 60;
  if (h === 0) return `${m} 分钟`;
  return m === 0 ? `${h} 小时` : `${h} 小时 ${m} 分`;
}

/** Where a running clock stands at `now`: 正常, 临期 or 超期, with the chip text. */
export function classifyDue(due: Due, now: Date, config: HotlineConfig, overrides: Overrides): DueState {
  const remainingMs = due.dueAt.getTime() - now.getTime();
  if (due.lastDay) {
    const today = shanghaiDate(now);
    if (remainingMs < 0) {
      const late = workingDaysBetween(due.lastDay, today, overrides);
      return { status: 'overdue', label: late > 0 ? `已超期 ${late} 个工作日` : '已超期', remainingMs };
    }
    const left = workingDaysBetween(today, due.lastDay, overrides);
    const status: DueStatus = left <= config.nearDue.workdaysLeft ? 'near_due' : 'normal';
    return { status, label: left === 0 ? '今日到期' : `剩余 ${left} 个工作日`, remainingMs };
  }
  if (remainingMs < 0) return { status: 'overdue', label: `已超期 ${hm(-remainingMs)}`, remainingMs };
  const total = due.dueAt.getTime() - due.startedAt.getTime();
  const status: DueStatus = remainingMs <= total * config.nearDue.hoursFraction ? 'near_due' : 'normal';
  return { status, label: `剩余 ${hm(remainingMs)}`, remainingMs };
}

/** The promise shown to the citizen (and as Open311 service_notice). */
export function serviceNotice(type: TicketType, urgency: Urgency, config: HotlineConfig): string {
  return `承办单位将在派单后 ${describeLimit(config.deadlines.handle[type][urgency])}内办理并答复（法定节假日顺延）。`;
}

// ---------------------------------------------------------------------------------------------------------------
// 三率 (北京接诉即办: 响应率、解决率、满意率). The official formulas are not published [U]; these are the usual ones,
// and each rate carries its formula so the page shows exactly what was computed.

export type RateKey = 'response' | 'resolution' | 'satisfaction' | 'onTimeClosure';

export interface Rate {
  key: RateKey;
  name: string;
  numerator: number;
  denominator: number;
  /** 0..1, or null when nothing counted */
  value: number | null;
  formula: string;
}

export const RATE_FORMULAS: Record<Exclude<RateKey, 'satisfaction'>, string> = {
  response: '响应率 = 按时签收且按时先行联系的工单数 ÷ 应响应工单数 × 100%（应响应工单：已派单，且已完成签收和先行联系或已超过其时限的工单）',
  resolution: '解决率 = 回访为“已解决”的工单数 ÷ 参评工单数 × 100%（参评工单：已回访并记录解决情况的工单）',
  onTimeClosure: '按时办结率 = 在办理时限内答复的工单数 ÷ 应办结工单数 × 100%（应办结工单：已答复或已超过办理时限的工单）',
};

function rate(key: RateKey, name: string, numerator: number, denominator: number, formula: string): Rate {
  return { key, name, numerator, denominator, value: denominator > 0 ? numerator / denominator : null, formula };
}

/** '95.2%', or '—' when nothing counted. */
export function formatRate(r: Pick<Rate, 'value'>, decimals = 1): string {
  return r.value === null ? '—' : `${(r.value * 100).toFixed(decimals)}%`;
}

export interface ResponseFact {
  signedAt: Date | null;
  contactedAt: Date | null;
  signDueAt: Date;
  contactDueAt: Date;
}

/** 响应率 of dispatched tickets. Tickets still inside both limits and not yet fully responded are left out. */
export function responseRate(facts: readonly ResponseFact[], now: Date): Rate {
  let num = 0;
  let den = 0;
  for (const f of facts) {
    const signedOk = f.signedAt !== null && f.signedAt <= f.signDueAt;
    const contactedOk = f.contactedAt !== null && f.contactedAt <= f.contactDueAt;
    const signDecided = f.signedAt !== null || now > f.signDueAt;
    const contactDecided = f.contactedAt !== null || now > f.contactDueAt;
    const failed = (signDecided && !signedOk) || (contactDecided && !contactedOk);
    if (signedOk && contactedOk) {
      num++;
      den++;
    } else if (failed) den++;
  }
  return rate('response', '响应率', num, den, RATE_FORMULAS.response);
}

/** 解决率 from callbacks. */
export function resolutionRate(callbacks: readonly { resolution: Resolution | null }[]): Rate {
  const rated = callbacks.filter((c) => c.resolution !== null);
  const num = rated.filter((c) => c.resolution === 'resolved').length;
  return rate('resolution', '解决率', num, rated.length, RATE_FORMULAS.resolution);
}

/** The 满意率 formula for the configured weights. */
export function satisfactionFormula(weights: Record<Satisfaction, number>): string {
  const parts: string[] = [];
  for (const [s, name] of Object.entries(SATISFACTIONS) as [Satisfaction, string][]) {
    const w = weights[s];
    if (w === 0) continue;
    parts.push(w === 1 ? `${name}件数` : `${name}件数 × ${w}`);
  }
  const top = parts.length === 0 ? '0' : parts.length === 1 ? parts[0] : `（${parts.join(' + ')}）`;
  return `满意率 = ${top} ÷ 参评工单数 × 100%（参评工单：已回访并记录满意度的工单）`;
}

/** 满意率 from callbacks, each grade weighted (基本满意 counts fully by default; a city may weigh it less). */
export function satisfactionRate(callbacks: readonly { satisfaction: Satisfaction | null }[], weights: Record<Satisfaction, number>): Rate {
  const rated = callbacks.filter((c): c is { satisfaction: Satisfaction } => c.satisfaction !== null);
  const num = rated.reduce((t, c) => t + weights[c.satisfaction], 0);
  return rate('satisfaction', '满意率', num, rated.length, satisfactionFormula(weights));
}

export interface ClosureFact {
  repliedAt: Date | null;
  handleDueAt: Date;
}

/** 按时办结率 (GB/T 33357 lists 按时办结率 among its indicators; formula [U]). */
export function onTimeClosureRate(facts: readonly ClosureFact[], now: Date): Rate {
  let num = 0;
  let den = 0;
  for (const f of facts) {
    if (f.repliedAt !== null) {
      den++;
      if (f.repliedAt <= f.handleDueAt) num++;
    } else if (now > f.handleDueAt) den++;
  }
  return rate('onTimeClosure', '按时办结率', num, den, RATE_FORMULAS.onTimeClosure);
}

export interface CompositeScore {
  /** 0..100, or null when no rate could be computed */
  score: number | null;
  formula: string;
}

/** 综合得分 = weighted 三率; a rate with nothing counted is left out and the other weights scaled up. */
export function compositeScore(
  rates: { response: Rate; resolution: Rate; satisfaction: Rate },
  weights: HotlineConfig['rates']['compositeWeights'],
): CompositeScore {
  const pct = (w: number) => `${Math.round(w * 1000) / 10}%`;
  const formula = `综合得分 = 响应率 × ${pct(weights.response)} + 解决率 × ${pct(weights.resolution)} + 满意率 × ${pct(weights.satisfaction)}（某项无参评工单时不计，其余权重按比例放大）`;
  let sum = 0;
  let w = 0;
  for (const k of ['response', 'resolution', 'satisfaction'] as const) {
    const v = rates[k].value;
    if (v === null) continue;
    sum += v * weights[k];
    w += weights[k];
  }
  return { score: w > 0 ? Math.round((sum / w) * 10000) / 100 : null, formula };
}

// ---------------------------------------------------------------------------------------------------------------
// Public interaction figures (市长信箱): share answered within N working days; the oldest unanswered letter;
// 国办秘函〔2019〕19号 单项否决 V5: within the year before the check, a message unanswered for more than 3 months.

/** The same day n months later, clamped to the month's end (01-31 + 1 month → 02-28/29). */
export function addMonths(day: IsoDate, n: number): IsoDate {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export interface LetterFact {
  id: string;
  receivedAt: Date;
  answeredAt: Date | null;
}

export interface MailboxFigures {
  answeredWithin: Rate;
  /** the oldest letter still unanswered, with its age in calendar days */
  oldestUnanswered: { id: string; receivedAt: Date; days: number } | null;
  /** letters received in the year before `now` that waited (or still wait) more than the veto months */
  vetoLetters: string[];
}

export function mailboxFigures(letters: readonly LetterFact[], now: Date, config: HotlineConfig, overrides: Overrides): MailboxFigures {
  const n = config.publicInteraction.answeredWithinWorkdays;
  const months = config.publicInteraction.unansweredVetoMonths;
  const today = shanghaiDate(now);
  const yearAgo = addMonths(today, -12);
  let num = 0;
  let den = 0;
  let oldest: LetterFact | null = null;
  const veto: string[] = [];
  for (const l of letters) {
    const received = shanghaiDate(l.receivedAt);
    if (l.answeredAt) {
      den++;
      if (workingDaysBetween(received, shanghaiDate(l.answeredAt), overrides) <= n) num++;
    } else {
      if (workingDaysBetween(received, today, overrides) > n) den++;
      if (!oldest || l.receivedAt < oldest.receivedAt) oldest = l;
    }
    const end = l.answeredAt ? shanghaiDate(l.answeredAt) : today;
    if (end >= yearAgo && end > addMonths(received, months)) veto.push(l.id);
  }
  const formula = `${n} 个工作日内答复率 = ${n} 个工作日内答复的来信数 ÷ 应答复来信数 × 100%（应答复来信：已答复或已超过 ${n} 个工作日的来信）`;
  return {
    answeredWithin: rate('onTimeClosure', `${n}个工作日内答复率`, num, den, formula),
    oldestUnanswered: oldest
      ? { id: oldest.id, receivedAt: oldest.receivedAt, days: Math.floor((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${shanghaiDate(oldest.receivedAt)}T00:00:00Z`)) / 86_400_000) }
      : null,
    vetoLetters: veto,
  };
}
