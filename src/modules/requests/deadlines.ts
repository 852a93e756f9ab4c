// The reply clock of an application (条例 第三十条—第三十五条), over the pure working-day calendar.
// Sources: ../../../../shared/law/disclosure-rules.md §1.3–1.5. Pure: no database, no "now".
//
// How the due date is computed (the long why; the README has the short one):
// - The period is a COUNT of working days, 20 by default (条例 第三十三条第二款), counted from the day after
//   the receipt date (期间开始之日不计算在内; addWorkingDays does this).
// - 补正 (第三十条): "答复期限自行政机关收到补正的申请之日起计算". The count restarts in full from the corrected
//   receipt; the days before it are not carried over. While a correction is awaited there is no due date.
// - 征求意见 (第三十二条 third party, 第三十四条 co-producer): "所需时间不计算在前款规定的期限内". The working days
//   of the consultation are simply not counted, so the due date moves later by exactly the paused working days
//   that fall before it:  due = addWorkingDays(receipt, 20 + pausedWorkingDays + extension + delay).
//   The start day (the day the 征求意见书 goes out) still counts for the agency, like the first day of any
//   period; the day the opinion arrives is excluded; counting resumes the next working day. So a pause
//   started on S and ended on E excludes the working days in (S, E] = workingDaysBetween(S, E).
//   A pause cannot last longer than the consultee's own period (15 WD): after it the agency decides without
//   the opinion (第三十二条 逾期未提出意见的，由行政机关依照本条例的规定决定; 第三十四条 逾期视为同意公开), so
//   waiting longer is the agency's own time and counts [INF]. The cap is measured from the day the letter
//   goes out, not from the day the consultee receives it, which favours the applicant [INF].
//   A consultation still open is assumed to run its full period (the due date is then "projected").
//   A pause that begins after the due date moves nothing: lateness is not cured by consulting.
// - 延长 (第三十三条第二款): up to 20 working days in total, added to the count.
// - 延迟答复 (第三十五条): the agency fixes a further reasonable period, also added to the count (no cap in law).
// - Fee notice (109号): the clock keeps running unless the province sets pauseClockWhileAwaitingFee.
// The engine walks the calendar day by day and tags each working day, which gives the due date and the
// segments shown to clerks in one pass; the formula above is what the walk equals when every pause
// precedes the due date.
import { addWorkingDays, isIsoDate, workingDaysBetween, type IsoDate, type Overrides } from '../../platform/calendar/workdays.ts';
import type { RequestsConfig } from './requests.config.ts';
import { CHANNELS, RECEIPT_BASES, SERVICE_MODES, type Channel, type ReceiptBasis, type ServiceMode } from './taxonomy.ts';

// ─── Receipt date (条例 第三十一条, 国办公开办函〔2015〕207号) ─────────────────────

export interface ReceiptDates {
  /** 当面提交: 提交之日 */
  submittedOn?: IsoDate | null | undefined;
  /** 邮寄: 行政机关签收之日 */
  signedOn?: IsoDate | null | undefined;
  /** 平信, 网络, 传真: 双方确认之日 */
  confirmedOn?: IsoDate | null | undefined;
  /** 电子邮件: 系统接收之日 */
  systemReceivedOn?: IsoDate | null | undefined;
}

const RECEIPT_FIELDS = {
  submitted: 'submittedOn',
  signed: 'signedOn',
  confirmed: 'confirmedOn',
  system_received: 'systemReceivedOn',
} as const satisfies Record<ReceiptBasis, keyof ReceiptDates>;

/** Which date is the receipt date for a channel, with the province's e-mail choice. */
export function receiptBasisOf(channel: Channel, config: Pick<RequestsConfig, 'emailReceipt'>): ReceiptBasis {
  return channel === 'email' ? config.emailReceipt : CHANNELS[channel].receipt;
}

export type ReceiptResult = { ok: true; date: IsoDate; basis: ReceiptBasis } | { ok: false; field: keyof ReceiptDates; message: string };

/**
 * The 收到申请之日 of an application. Not ok while the date the channel needs is not recorded yet, e.g. an
 * online application before the 双方确认 (the clock has not started).
 */
export function receiptDateOf(channel: Channel, dates: ReceiptDates, config: Pick<RequestsConfig, 'emailReceipt'>): ReceiptResult {
  const basis = receiptBasisOf(channel, config);
  const field = RECEIPT_FIELDS[basis];
  const date = dates[field];
  const rule = `${CHANNELS[channel].label}的申请以${RECEIPT_BASES[basis]}为收到申请之日（${CHANNELS[channel].basis}）`;
  if (!date) return { ok: false, field, message: `${rule}，请填写该日期` };
  if (!isIsoDate(date)) return { ok: false, field, message: `${RECEIPT_BASES[basis]}不是有效日期：${date}` };
  return { ok: true, date, basis };
}

// ─── Events ─────────────────────────────────────────────────────────────────

export type ConsultationParty = 'third_party' | 'co_producer';
export const CONSULTATION_PARTIES = {
  third_party: { label: '征求第三方意见', basis: '条例 第三十二条' },
  co_producer: { label: '征求共同制作机关意见', basis: '条例 第三十四条' },
} as const satisfies Record<ConsultationParty, { label: string; basis: string }>;

/** What happened to an application that moves its clock, in the order it happened. */
export type ClockEvent =
  /** 补正告知 sent on `on`; the applicant must correct by `dueOn` */
  | { type: 'correction_requested'; on: IsoDate; dueOn: IsoDate }
  /** the corrected application was received on `on`: the count restarts from it */
  | { type: 'correction_received'; on: IsoDate }
  | { type: 'consultation_started'; on: IsoDate; party: ConsultationParty }
  | { type: 'consultation_ended'; on: IsoDate }
  | { type: 'extended'; on: IsoDate; workingDays: number }
  /** 第三十五条 延迟答复: a further period of working days */
  | { type: 'delay_set'; on: IsoDate; workingDays: number }
  /** fee notice issued on `on`, received by the applicant on `receivedOn` */
  | { type: 'fee_notice_issued'; on: IsoDate; receivedOn: IsoDate }
  | { type: 'fee_paid'; on: IsoDate };

// ─── The clock ──────────────────────────────────────────────────────────────

export type PauseKind = ConsultationParty | 'fee';

/** A run of consecutive working days with one meaning, for display. `from`/`to` are its first and last working day. */
export type ClockSegment =
  /** a superseded count: `from` the receipt `to` the corrected receipt, which restarts the count (第三十条) */
  | { kind: 'correction'; from: IsoDate; to: IsoDate; workingDays: number }
  /** days counted against the reply period (第三十三条) */
  | { kind: 'period'; from: IsoDate; to: IsoDate; workingDays: number }
  | { kind: 'extension'; from: IsoDate; to: IsoDate; workingDays: number }
  | { kind: 'delay'; from: IsoDate; to: IsoDate; workingDays: number }
  /** excluded days; `open` = the consultation is not over and is assumed to run its full period */
  | { kind: 'pause'; pause: PauseKind; from: IsoDate; to: IsoDate; workingDays: number; open: boolean };

export type ClockStatus = 'not_started' | 'awaiting_correction' | 'running' | 'paused';

export interface Clock {
  status: ClockStatus;
  /** the first receipt date */
  originalReceivedOn: IsoDate | null;
  /** the receipt the count runs from: the corrected receipt after a 补正 */
  countsFrom: IsoDate | null;
  /** a 补正 notice must go out by this date (第三十条: receipt + 7 WD) */
  correctionNoticeDeadline: IsoDate | null;
  /** while awaiting correction: when it was asked for, and by when the applicant must correct */
  correctionRequestedOn: IsoDate | null;
  correctionDueOn: IsoDate | null;
  correctionsReceived: number;
  /** receipt + 20 WD, before pauses and extensions */
  baseDueDate: IsoDate | null;
  dueDate: IsoDate | null;
  /** true while a consultation or fee pause is open and assumed to run its full period */
  isProjected: boolean;
  pausedWorkingDays: number;
  extensionWorkingDays: number;
  extensionWorkingDaysLeft: number;
  delayWorkingDays: number;
  openConsultation: { party: ConsultationParty; startedOn: IsoDate } | null;
  /** an unpaid fee notice: issued on, and the last day to pay (109号: 20 WD from the day after receipt) */
  openFeeNotice: { issuedOn: IsoDate; payBy: IsoDate } | null;
  /** the date of the last event, or of the receipt: later events may not be dated before it */
  lastEventOn: IsoDate | null;
  segments: ClockSegment[];
  /** the working days counted against the period, in order (internal to remaining/overdue) */
  countedDays: readonly IsoDate[];
}

export interface ClockInput {
  /** the 收到申请之日 (receiptDateOf), or null when it is not known yet */
  receivedOn: IsoDate | null;
  events: readonly ClockEvent[];
  overrides: Overrides;
  config: RequestsConfig;
}

interface PauseWindow {
  kind: PauseKind;
  start: IsoDate;
  /** the last excluded day */
  end: IsoDate;
  open: boolean;
}

function fail(message: string): never {
  throw new RangeError(message);
}

function pauseCap(kind: PauseKind, config: RequestsConfig): number {
  switch (kind) {
    case 'third_party':
      return config.thirdPartyConsultationWorkingDays;
    case 'co_producer':
      return config.coProducerConsultationWorkingDays;
    case 'fee':
      return config.feePaymentWorkingDays;
    default: {
      const never: never = kind;
      return fail(`未知的暂停类型：${String(never)}`);
    }
  }
}

/**
 * Computes the clock from the receipt date and the events. Throws RangeError on events that cannot
 * have happened (out of order, a consultation ended that never started): the workflow prevents them.
 */
export function computeClock(input: ClockInput): Clock {
  const { receivedOn, events, overrides, config } = input;
  const empty: Clock = {
    status: 'not_started',
    originalReceivedOn: null,
    countsFrom: null,
    correctionNoticeDeadline: null,
    correctionRequestedOn: null,
    correctionDueOn: null,
    correctionsReceived: 0,
    baseDueDate: null,
    dueDate: null,
    isProjected: false,
    pausedWorkingDays: 0,
    extensionWorkingDays: 0,
    extensionWorkingDaysLeft: config.maxExtensionWorkingDays,
    delayWorkingDays: 0,
    openConsultation: null,
    openFeeNotice: null,
    lastEventOn: null,
    segments: [],
    countedDays: [],
  };
  if (receivedOn === null) {
    if (events.length > 0) fail('尚未确定收到申请之日，不能记录其他事件');
    return empty;
  }
  if (!isIsoDate(receivedOn)) fail(`收到申请之日不是有效日期：${receivedOn}`);

  // One pass over the events: the cycle after the last corrected receipt is the one that counts.
  let countsFrom = receivedOn;
  let last = receivedOn;
  const segments: ClockSegment[] = [];
  let correction: { on: IsoDate; dueOn: IsoDate } | null = null;
  let correctionsReceived = 0;
  let consultation: { party: ConsultationParty; start: IsoDate } | null = null;
  let fee: { on: IsoDate; receivedOn: IsoDate } | null = null;
  const pauses: PauseWindow[] = [];
  let extension = 0;
  let delay = 0;

  for (const e of events) {
    if (!isIsoDate(e.on)) fail(`事件日期不是有效日期：${e.on}`);
    if (e.on < last) fail(`事件须按时间顺序记录：${e.type} ${e.on} 早于 ${last}`);
    last = e.on;
    if (correction && e.type !== 'correction_received') fail(`待补正期间不能记录 ${e.type}`);
    switch (e.type) {
      case 'correction_requested':
        if (consultation || fee) fail('征求意见或待缴费期间不能告知补正');
        correction = { on: e.on, dueOn: e.dueOn };
        break;
      case 'correction_received':
        if (!correction) fail('未告知补正，不能记录收到补正');
        segments.push({ kind: 'correction', from: countsFrom, to: e.on, workingDays: workingDaysBetween(countsFrom, e.on, overrides) });
        // 第三十条: the period runs anew from the corrected receipt; nothing before it carries over.
        countsFrom = e.on;
        correction = null;
        correctionsReceived++;
        pauses.length = 0;
        extension = 0;
        delay = 0;
        break;
      case 'consultation_started':
        if (consultation) fail('上一次征求意见尚未结束');
        consultation = { party: e.party, start: e.on };
        break;
      case 'consultation_ended':
        if (!consultation) fail('没有进行中的征求意见');
        pauses.push(closedPause(consultation.party, consultation.start, e.on, overrides, config));
        consultation = null;
        break;
      case 'extended':
        if (!Number.isInteger(e.workingDays) || e.workingDays < 1) fail(`延长的工作日数无效：${e.workingDays}`);
        extension += e.workingDays;
        break;
      case 'delay_set':
        if (!Number.isInteger(e.workingDays) || e.workingDays < 1) fail(`延迟答复的工作日数无效：${e.workingDays}`);
        delay += e.workingDays;
        break;
      case 'fee_notice_issued':
        if (fee) fail('上一份收费通知尚未了结');
        if (!isIsoDate(e.receivedOn) || e.receivedOn < e.on) fail(`收费通知的收到日期无效：${e.receivedOn}`);
        fee = { on: e.on, receivedOn: e.receivedOn };
        break;
      case 'fee_paid':
        if (!fee) fail('没有待缴费的收费通知');
        if (config.pauseClockWhileAwaitingFee) pauses.push(closedPause('fee', fee.receivedOn, e.on, overrides, config));
        fee = null;
        break;
      default: {
        const never: never = e;
        fail(`未知的事件：${JSON.stringify(never)}`);
      }
    }
  }

  const correctionNoticeDeadline = addWorkingDays(countsFrom, config.correctionNoticeWorkingDays, overrides);
  const openFeeNotice = fee ? { issuedOn: fee.on, payBy: addWorkingDays(fee.receivedOn, config.feePaymentWorkingDays, overrides) } : null;
  const common = {
    originalReceivedOn: receivedOn,
    countsFrom,
    correctionNoticeDeadline,
    correctionsReceived,
    lastEventOn: last,
    extensionWorkingDays: extension,
    extensionWorkingDaysLeft: Math.max(0, config.maxExtensionWorkingDays - extension),
    delayWorkingDays: delay,
    openConsultation: consultation ? { party: consultation.party, startedOn: consultation.start } : null,
    openFeeNotice,
  };

  if (correction) {
    return {
      ...empty,
      ...common,
      status: 'awaiting_correction',
      correctionRequestedOn: correction.on,
      correctionDueOn: correction.dueOn,
      segments,
    };
  }

  // Open pauses are assumed to run their full period.
  if (consultation) pauses.push(openPause(consultation.party, consultation.start, overrides, config));
  if (fee && config.pauseClockWhileAwaitingFee) pauses.push(openPause('fee', fee.receivedOn, overrides, config));

  const reply = config.replyWorkingDays;
  const budget = reply + extension + delay;
  const counted: IsoDate[] = [];
  type Tag = { kind: 'period' | 'extension' | 'delay' } | { kind: 'pause'; pause: PauseWindow };
  const tagged: { day: IsoDate; tag: Tag }[] = [];
  let day = countsFrom;
  while (counted.length < budget) {
    day = addWorkingDays(day, 1, overrides);
    const pause = pauses.find((p) => day > p.start && day <= p.end);
    if (pause) {
      tagged.push({ day, tag: { kind: 'pause', pause } });
      continue;
    }
    counted.push(day);
    const n = counted.length;
    tagged.push({ day, tag: { kind: n <= reply ? 'period' : n <= reply + extension ? 'extension' : 'delay' } });
  }
  const dueDate = day;

  // Run-length encode the tagged days into segments; a pause segment is one pause window.
  let lastPause: PauseWindow | null = null;
  for (const { day: d, tag } of tagged) {
    const prev = segments[segments.length - 1];
    const window = tag.kind === 'pause' ? tag.pause : null;
    if (prev && prev.kind === tag.kind && window === lastPause) {
      prev.to = d;
      prev.workingDays++;
    } else if (tag.kind === 'pause') {
      segments.push({ kind: 'pause', pause: tag.pause.kind, from: d, to: d, workingDays: 1, open: tag.pause.open });
    } else {
      segments.push({ kind: tag.kind, from: d, to: d, workingDays: 1 });
    }
    lastPause = window;
  }

  const pausedWorkingDays = tagged.filter((t) => t.tag.kind === 'pause').length;
  const isPaused = consultation !== null || (fee !== null && config.pauseClockWhileAwaitingFee);
  return {
    ...empty,
    ...common,
    status: isPaused ? 'paused' : 'running',
    baseDueDate: addWorkingDays(countsFrom, reply, overrides),
    dueDate,
    isProjected: isPaused,
    pausedWorkingDays,
    segments,
    countedDays: counted,
  };
}

function closedPause(kind: PauseKind, start: IsoDate, end: IsoDate, overrides: Overrides, config: RequestsConfig): PauseWindow {
  const capEnd = addWorkingDays(start, pauseCap(kind, config), overrides);
  return { kind, start, end: end < capEnd ? end : capEnd, open: false };
}

function openPause(kind: PauseKind, start: IsoDate, overrides: Overrides, config: RequestsConfig): PauseWindow {
  return { kind, start, end: addWorkingDays(start, pauseCap(kind, config), overrides), open: true };
}

// ─── Relative to today ──────────────────────────────────────────────────────

export type DeadlineKind = 'not_started' | 'awaiting_correction' | 'on_time' | 'due_today' | 'overdue';

export interface DeadlineStatus {
  kind: DeadlineKind;
  /** working days left after today, pauses excluded (null when there is no due date) */
  workingDaysRemaining: number | null;
  /** working days after the due date up to today (0 on a day off right after it) */
  workingDaysOverdue: number | null;
  isPaused: boolean;
  /** due today or within config.dueSoonWorkingDays working days */
  isDueSoon: boolean;
  /** the deadline chip: 剩余 3 个工作日 / 今日到期 / 已逾期 2 个工作日 … */
  label: string;
}

/** Where a clock stands on `today`, for queues and deadline chips. */
export function deadlineStatusOn(clock: Clock, today: IsoDate, overrides: Overrides, config: Pick<RequestsConfig, 'dueSoonWorkingDays'>): DeadlineStatus {
  const isPaused = clock.status === 'paused';
  if (clock.status === 'not_started') {
    return { kind: 'not_started', workingDaysRemaining: null, workingDaysOverdue: null, isPaused, isDueSoon: false, label: '尚未起算（待确认收到申请之日）' };
  }
  if (clock.status === 'awaiting_correction' || clock.dueDate === null) {
    return { kind: 'awaiting_correction', workingDaysRemaining: null, workingDaysOverdue: null, isPaused, isDueSoon: false, label: `待补正（补正期限 ${clock.correctionDueOn ?? '—'}）` };
  }
  const due = clock.dueDate;
  if (today > due) {
    const overdue = workingDaysBetween(due, today, overrides);
    return { kind: 'overdue', workingDaysRemaining: 0, workingDaysOverdue: overdue, isPaused, isDueSoon: false, label: overdue > 0 ? `已逾期 ${overdue} 个工作日` : '已逾期' };
  }
  const remaining = clock.countedDays.filter((d) => d > today).length;
  const suffix = isPaused ? '（暂停计时）' : '';
  if (today === due) return { kind: 'due_today', workingDaysRemaining: 0, workingDaysOverdue: 0, isPaused, isDueSoon: true, label: `今日到期${suffix}` };
  return {
    kind: 'on_time',
    workingDaysRemaining: remaining,
    workingDaysOverdue: 0,
    isPaused,
    isDueSoon: !isPaused && remaining <= config.dueSoonWorkingDays,
    label: `剩余 ${remaining} 个工作日${suffix}`,
  };
}

// ─── Service and "answered in time" (国办公开办函〔2016〕235号) ─────────────────

export interface ServiceDates {
  /** 直接/委托送达: 申请人签收之日 */
  signedOn?: IsoDate | null | undefined;
  /** 邮寄送达: 交邮之日 */
  postedOn?: IsoDate | null | undefined;
  /** 电子送达: 到达之日 [INF] */
  deliveredOn?: IsoDate | null | undefined;
}

const SERVICE_FIELDS = { signed: 'signedOn', posted: 'postedOn', delivered: 'deliveredOn' } as const;
const SERVICE_FIELD_TITLES = { signedOn: '签收日期', postedOn: '交邮日期', deliveredOn: '到达日期' } as const;

export type ServiceDateResult = { ok: true; date: IsoDate } | { ok: false; field: keyof ServiceDates; message: string };

/** The legal service date for a mode: 签收之日 for direct and entrusted service, 交邮之日 for post. */
export function serviceDateOf(mode: ServiceMode, dates: ServiceDates): ServiceDateResult {
  const spec = SERVICE_MODES[mode];
  const field = SERVICE_FIELDS[spec.date];
  const date = dates[field];
  if (!date) return { ok: false, field, message: `${SERVICE_FIELD_TITLES[field]}：${spec.label}以${spec.basis.split('：')[1] ?? ''}为送达日期，必须填写` };
  if (!isIsoDate(date)) return { ok: false, field, message: `${SERVICE_FIELD_TITLES[field]}：不是有效日期` };
  return { ok: true, date };
}

export interface Timeliness {
  isInTime: boolean;
  /** working days after the due date (0 when in time) */
  workingDaysLate: number;
}

/** "Answered in time": the service date is on or before the due date. */
export function timelinessOf(serviceDate: IsoDate, dueDate: IsoDate, overrides: Overrides): Timeliness {
  const isInTime = serviceDate <= dueDate;
  return { isInTime, workingDaysLate: isInTime ? 0 : workingDaysBetween(dueDate, serviceDate, overrides) };
}

/** The last day for a 补正 notice: 7 working days after receipt (条例 第三十条). */
export function correctionNoticeDeadlineOf(receivedOn: IsoDate, overrides: Overrides, config: Pick<RequestsConfig, 'correctionNoticeWorkingDays'>): IsoDate {
  return addWorkingDays(receivedOn, config.correctionNoticeWorkingDays, overrides);
}

/** The default 补正期限 offered in a notice sent on `noticeOn` [INF: the 条例 leaves the period to the agency]. */
export function defaultCorrectionDueOn(noticeOn: IsoDate, overrides: Overrides, config: Pick<RequestsConfig, 'defaultCorrectionPeriodWorkingDays'>): IsoDate {
  return addWorkingDays(noticeOn, config.defaultCorrectionPeriodWorkingDays, overrides);
}

