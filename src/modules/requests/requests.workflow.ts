// The states of an application and the verbs that move it (条例 第四十五条: 申请登记、审核、办理、答复、归档).
// Pure: the service loads the request, computes its clock, calls attemptTransition, and on ok writes the new
// state, the clock event and the audit row in one transaction. Source: ../../../../shared/law/disclosure-rules.md §1.3–1.5.
//
// Extension is not a state: an extended request is still 办理中 and may still consult or await a fee, so
// "已延期" is read from the clock (extensionWorkingDays > 0). Verbs with `to: 'same'` record a fact without
// moving the request.
import type { FieldError } from '../../platform/http/errors.ts';
import { addWorkingDays, isIsoDate, type IsoDate, type Overrides } from '../../platform/calendar/workdays.ts';
import { CONSULTATION_PARTIES, serviceDateOf, type Clock, type ClockEvent, type ConsultationParty, type ServiceDates } from './deadlines.ts';
import { FEE_BASES, isFeeBasis, type FeeBasis } from './fees.ts';
import type { RequestsConfig } from './requests.config.ts';
import { isOutcomeCode, OUTCOMES, SERVICE_MODES, validateReply, type OutcomeCode, type ReplyContent, type ServiceMode } from './taxonomy.ts';

export const REQUEST_STATES = {
  submitted: '待登记',
  registered: '待审核',
  awaiting_correction: '待补正',
  processing: '办理中',
  consulting: '征求意见中',
  awaiting_reasons: '待说明理由',
  awaiting_fee: '待缴费',
  replied: '已答复',
  served: '已送达',
  closed: '已终止',
  archived: '已归档',
} as const;
export type RequestState = keyof typeof REQUEST_STATES;
export const REQUEST_STATE_IDS = Object.keys(REQUEST_STATES) as RequestState[];

/** 条例 第四十五条 stages, shown on the public status page. */
export const STAGES = { registration: '登记', review: '审核', handling: '办理', reply: '答复', archive: '归档' } as const;
export type Stage = keyof typeof STAGES;

export const STAGE_OF = {
  submitted: 'registration',
  registered: 'review',
  awaiting_correction: 'review',
  processing: 'handling',
  consulting: 'handling',
  awaiting_reasons: 'handling',
  awaiting_fee: 'handling',
  replied: 'reply',
  served: 'reply',
  closed: 'reply',
  archived: 'archive',
} as const satisfies Record<RequestState, Stage>;

/** Where a request starts: portal and API applications wait for the 双方确认; a clerk registers paper ones directly. */
export const INITIAL_STATE = { portal: 'submitted', clerk: 'registered' } as const satisfies Record<string, RequestState>;

interface Transition {
  from: readonly RequestState[];
  to: RequestState | 'same';
  label: string;
  basis: string;
}

export const REQUEST_TRANSITIONS = {
  register: { from: ['submitted'], to: 'registered', label: '登记（确认收到申请）', basis: '条例 第三十一条、第四十五条' },
  requestCorrection: { from: ['registered'], to: 'awaiting_correction', label: '告知补正', basis: '条例 第三十条' },
  receiveCorrection: { from: ['awaiting_correction'], to: 'registered', label: '收到补正', basis: '条例 第三十条' },
  expireCorrection: { from: ['awaiting_correction'], to: 'closed', label: '逾期未补正', basis: '条例 第三十条' },
  accept: { from: ['registered'], to: 'processing', label: '审核通过，转办理', basis: '条例 第四十五条' },
  startConsultation: { from: ['processing'], to: 'consulting', label: '征求意见', basis: '条例 第三十二条、第三十四条' },
  endConsultation: { from: ['consulting'], to: 'processing', label: '结束征求意见', basis: '条例 第三十二条、第三十四条' },
  extend: { from: ['processing', 'consulting', 'awaiting_fee'], to: 'same', label: '延长答复期限', basis: '条例 第三十三条' },
  flagExcessive: { from: ['registered', 'processing'], to: 'same', label: '标记申请数量、频次明显超过合理范围', basis: '条例 第三十五条' },
  askReasons: { from: ['processing'], to: 'awaiting_reasons', label: '要求说明理由', basis: '条例 第三十五条' },
  acceptReasons: { from: ['awaiting_reasons'], to: 'processing', label: '认可理由，继续办理', basis: '条例 第三十五条' },
  setDelay: { from: ['awaiting_reasons'], to: 'processing', label: '确定延迟答复期限', basis: '条例 第三十五条' },
  decline: { from: ['awaiting_reasons'], to: 'replied', label: '不予处理', basis: '条例 第三十五条' },
  issueFeeNotice: { from: ['processing'], to: 'awaiting_fee', label: '发出收费通知', basis: '国办函〔2020〕109号' },
  recordPayment: { from: ['awaiting_fee'], to: 'processing', label: '登记缴费', basis: '国办函〔2020〕109号' },
  expireFee: { from: ['awaiting_fee'], to: 'closed', label: '逾期未缴费', basis: '国办函〔2020〕109号' },
  // 第三十三条: 能够当场答复的，应当当场答复 — so a reply may come straight after registration.
  reply: { from: ['registered', 'processing'], to: 'replied', label: '作出答复', basis: '条例 第三十三条、第三十六至三十九条' },
  serve: { from: ['replied'], to: 'served', label: '送达', basis: '国办公开办函〔2016〕235号' },
  archive: { from: ['served', 'closed'], to: 'archived', label: '归档', basis: '条例 第四十五条' },
} as const satisfies Record<string, Transition>;
export type RequestVerb = keyof typeof REQUEST_TRANSITIONS;
export const REQUEST_VERBS = Object.keys(REQUEST_TRANSITIONS) as RequestVerb[];

/** What the other side said when a consultation ends. */
export const CONSULTATION_OPINIONS = {
  agree: '同意公开',
  object: '不同意公开',
  // 第三十二条: 由行政机关依照本条例决定; 第三十四条: 视为同意公开
  no_reply: '逾期未提出意见',
} as const;
export type ConsultationOpinion = keyof typeof CONSULTATION_OPINIONS;

/** The input of each verb, as the service passes it after schema parsing. `on` is the date the act happened. */
export interface VerbInputs {
  /** `receivedOn`: the 收到申请之日 per channel (deadlines.receiptDateOf) */
  register: { receivedOn: IsoDate };
  /** `items`: what to correct, told 一次性; `dueOn`: the 合理的补正期限 */
  requestCorrection: { on: IsoDate; items: string; dueOn: IsoDate };
  /** `lateReason`: the 正当理由 when the correction came after its period */
  receiveCorrection: { on: IsoDate; lateReason?: string | undefined };
  expireCorrection: Record<string, never>;
  accept: Record<string, never>;
  startConsultation: { on: IsoDate; party: ConsultationParty; consultee: string };
  endConsultation: { on: IsoDate; opinion: ConsultationOpinion };
  /** `approvedBy`: the 政府信息公开工作机构负责人 who approved (the policy checks the role) */
  extend: { on: IsoDate; workingDays: number; reason: string; approvedBy: string };
  flagExcessive: { reason: string };
  askReasons: { on: IsoDate };
  acceptReasons: Record<string, never>;
  setDelay: { on: IsoDate; workingDays: number; reason: string };
  decline: { on: IsoDate; reasonText: string };
  /** `receivedOn`: the day the applicant received the notice (defaults to `on`) */
  issueFeeNotice: { on: IsoDate; receivedOn?: IsoDate | undefined; basis: FeeBasis; amountYuan: number };
  recordPayment: { on: IsoDate };
  expireFee: Record<string, never>;
  reply: { on: IsoDate; outcome: OutcomeCode | string | undefined; content: ReplyContent };
  serve: { mode: ServiceMode; dates: ServiceDates };
  archive: Record<string, never>;
}

/** What the guards need to know about the request. */
export interface WorkflowFacts {
  state: RequestState;
  today: IsoDate;
  clock: Clock;
  isFlaggedExcessive: boolean;
  /** the date of the decision, once replied */
  repliedOn: IsoDate | null;
  overrides: Overrides;
  config: RequestsConfig;
}

export type TransitionResult =
  | {
      ok: true;
      to: RequestState;
      /** the event to append to the request's clock, if the verb moves it */
      event: ClockEvent | null;
      /** the final outcome, for the verbs that record one */
      outcome: OutcomeCode | null;
      /** the date of the act (for serve: the legal service date) */
      on: IsoDate;
    }
  | { ok: false; code: 'ILLEGAL_TRANSITION' | 'VALIDATION_FAILED'; reason: string; fields: FieldError[] };

type Refusal = Extract<TransitionResult, { ok: false }>;
type Passed = { event?: ClockEvent; outcome?: OutcomeCode; on?: IsoDate };
type Guard<V extends RequestVerb> = (f: WorkflowFacts, input: VerbInputs[V]) => Passed | Refusal;

function refuse(reason: string): Refusal {
  return { ok: false, code: 'ILLEGAL_TRANSITION', reason, fields: [] };
}

function invalid(fields: FieldError[]): Refusal {
  return { ok: false, code: 'VALIDATION_FAILED', reason: `提交的内容有 ${fields.length} 处需要修改：${fields.map((f) => f.message).join('；')}`, fields };
}

function isFilled(v: unknown, max = 2000): v is string {
  return typeof v === 'string' && v.trim() !== '' && v.trim().length <= max;
}

function textProblem(field: string, title: string, v: unknown, max = 2000): FieldError | null {
  if (typeof v !== 'string' || v.trim() === '') return { field, message: `${title}：必须填写` };
  if (v.trim().length > max) return { field, message: `${title}：不能超过 ${max} 个字` };
  return null;
}

/** The act's date: a real date, not in the future, not before the last recorded step. */
function dateProblem(f: WorkflowFacts, field: string, title: string, on: unknown): FieldError | null {
  if (typeof on !== 'string' || !isIsoDate(on)) return { field, message: `${title}：必须是有效日期（YYYY-MM-DD）` };
  if (on > f.today) return { field, message: `${title}：不能晚于今天（${f.today}）` };
  if (f.clock.lastEventOn && on < f.clock.lastEventOn) return { field, message: `${title}：不能早于上一步骤的日期（${f.clock.lastEventOn}）` };
  return null;
}

function collect(...problems: (FieldError | null)[]): FieldError[] {
  return problems.filter((p): p is FieldError => p !== null);
}

function isWholeDays(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1;
}

const GUARDS: { [V in RequestVerb]: Guard<V> } = {
  register(f, { receivedOn }) {
    const fields = collect(
      typeof receivedOn !== 'string' || !isIsoDate(receivedOn)
        ? { field: 'receivedOn', message: '收到申请之日：必须是有效日期（YYYY-MM-DD）' }
        : receivedOn > f.today
          ? { field: 'receivedOn', message: `收到申请之日：不能晚于今天（${f.today}）` }
          : null,
    );
    return fields.length ? invalid(fields) : { on: receivedOn };
  },

  requestCorrection(f, { on, items, dueOn }) {
    const fields = collect(dateProblem(f, 'on', '告知日期', on), textProblem('items', '补正事项', items));
    const deadline = f.clock.correctionNoticeDeadline;
    // 第三十条: 自收到申请之日起7个工作日内一次性告知
    if (deadline && typeof on === 'string' && isIsoDate(on) && on > deadline) {
      fields.push({ field: 'on', message: `告知日期：补正告知须在收到申请之日起 ${f.config.correctionNoticeWorkingDays} 个工作日内发出，本件最迟为 ${deadline}，已超过期限（条例 第三十条）` });
    }
    if (typeof dueOn !== 'string' || !isIsoDate(dueOn)) fields.push({ field: 'dueOn', message: '补正期限：必须是有效日期（YYYY-MM-DD）' });
    else if (typeof on === 'string' && dueOn <= on) fields.push({ field: 'dueOn', message: '补正期限：必须晚于告知日期，给申请人合理的补正期限（条例 第三十条）' });
    return fields.length ? invalid(fields) : { on, event: { type: 'correction_requested', on, dueOn } };
  },

  receiveCorrection(f, { on, lateReason }) {
    const fields = collect(dateProblem(f, 'on', '收到补正日期', on));
    const dueOn = f.clock.correctionDueOn;
    if (dueOn && typeof on === 'string' && on > dueOn && !isFilled(lateReason, 500)) {
      fields.push({ field: 'lateReason', message: `逾期补正的正当理由：补正期限为 ${dueOn}，逾期补正须注明正当理由，否则应作“逾期未补正”处理（条例 第三十条）` });
    }
    return fields.length ? invalid(fields) : { on, event: { type: 'correction_received', on } };
  },

  expireCorrection(f) {
    const dueOn = f.clock.correctionDueOn;
    if (!dueOn || f.today <= dueOn) return refuse(`补正期限${dueOn ? `（${dueOn}）` : ''}尚未届满，不能认定逾期未补正`);
    return { outcome: 'R-NOCORRECTION', on: f.today };
  },

  accept(f) {
    return { on: f.today };
  },

  startConsultation(f, { on, party, consultee }) {
    const fields = collect(dateProblem(f, 'on', '发出征求意见书日期', on), textProblem('consultee', '被征求意见方', consultee, 200));
    if (!Object.hasOwn(CONSULTATION_PARTIES, party)) fields.push({ field: 'party', message: '征求意见类型：必须选择第三方（第三十二条）或共同制作机关（第三十四条）' });
    return fields.length ? invalid(fields) : { on, event: { type: 'consultation_started', on, party } };
  },

  endConsultation(f, { on, opinion }) {
    const fields = collect(dateProblem(f, 'on', '收到意见日期', on));
    if (!Object.hasOwn(CONSULTATION_OPINIONS, opinion)) fields.push({ field: 'opinion', message: '意见：必须选择同意公开、不同意公开或逾期未提出意见' });
    const open = f.clock.openConsultation;
    if (open && opinion === 'no_reply' && typeof on === 'string' && isIsoDate(on)) {
      const party = open.party;
      const days = party === 'third_party' ? f.config.thirdPartyConsultationWorkingDays : f.config.coProducerConsultationWorkingDays;
      const expires = addWorkingDays(open.startedOn, days, f.overrides);
      if (on <= expires) fields.push({ field: 'opinion', message: `意见：征求意见期限（${days} 个工作日，至 ${expires}）尚未届满，不能认定逾期未提出意见（${CONSULTATION_PARTIES[party].basis}）` });
    }
    return fields.length ? invalid(fields) : { on, event: { type: 'consultation_ended', on } };
  },

  extend(f, { on, workingDays, reason, approvedBy }) {
    const due = f.clock.dueDate;
    if (due && f.today > due) return refuse(`答复期限已于 ${due} 届满，不能再延长（条例 第三十三条）`);
    const left = f.clock.extensionWorkingDaysLeft;
    if (left <= 0) return refuse(`已延长 ${f.clock.extensionWorkingDays} 个工作日，达到上限 ${f.config.maxExtensionWorkingDays} 个工作日（条例 第三十三条）`);
    const fields = collect(dateProblem(f, 'on', '批准日期', on), textProblem('reason', '延长理由', reason, 500), textProblem('approvedBy', '批准人', approvedBy, 100));
    if (!isWholeDays(workingDays) || workingDays > left) {
      fields.push({ field: 'workingDays', message: `延长工作日数：必须是 1 至 ${left} 之间的整数，延长的期限累计不得超过 ${f.config.maxExtensionWorkingDays} 个工作日（条例 第三十三条）` });
    }
    if (due && typeof on === 'string' && isIsoDate(on) && on > due) fields.push({ field: 'on', message: `批准日期：须在答复期限（${due}）届满前` });
    return fields.length ? invalid(fields) : { on, event: { type: 'extended', on, workingDays } };
  },

  flagExcessive(f, { reason }) {
    if (f.isFlaggedExcessive) return refuse('本申请已标记为数量、频次明显超过合理范围');
    const fields = collect(textProblem('reason', '标记理由', reason, 500));
    return fields.length ? invalid(fields) : { on: f.today };
  },

  askReasons(f, { on }) {
    if (!f.isFlaggedExcessive) return refuse('须先标记申请数量、频次明显超过合理范围，才能要求申请人说明理由（条例 第三十五条）');
    const fields = collect(dateProblem(f, 'on', '告知日期', on));
    return fields.length ? invalid(fields) : { on };
  },

  acceptReasons(f) {
    return { on: f.today };
  },

  setDelay(f, { on, workingDays, reason }) {
    const cap = f.config.maxExcessiveDelayWorkingDays;
    const fields = collect(dateProblem(f, 'on', '告知日期', on), textProblem('reason', '延迟答复理由', reason, 500));
    if (!isWholeDays(workingDays) || (cap !== null && workingDays > cap)) {
      fields.push({ field: 'workingDays', message: `延迟答复工作日数：必须是${cap === null ? '正整数' : ` 1 至 ${cap} 之间的整数`}（条例 第三十五条）` });
    }
    return fields.length ? invalid(fields) : { on, event: { type: 'delay_set', on, workingDays } };
  },

  decline(f, { on, reasonText }) {
    const fields = collect(dateProblem(f, 'on', '答复日期', on), ...validateReply('R-EXCESSIVE', { reasonText }));
    return fields.length ? invalid(fields) : { on, outcome: 'R-EXCESSIVE' };
  },

  issueFeeNotice(f, { on, receivedOn, basis, amountYuan }) {
    const due = f.clock.dueDate;
    // S2b: 应当在政府信息公开申请处理期限内发出收费通知
    if (due && f.today > due) return refuse(`答复期限已于 ${due} 届满，不能再发出收费通知（国办函〔2020〕109号）`);
    const fields = collect(dateProblem(f, 'on', '发出日期', on));
    const received = receivedOn ?? on;
    if (typeof received !== 'string' || !isIsoDate(received)) fields.push({ field: 'receivedOn', message: '申请人收到通知日期：必须是有效日期（YYYY-MM-DD）' });
    else if (typeof on === 'string' && (received < on || received > f.today)) fields.push({ field: 'receivedOn', message: `申请人收到通知日期：须在发出日期与今天（${f.today}）之间` });
    if (!isFeeBasis(basis)) fields.push({ field: 'basis', message: `计费方式：必须选择${FEE_BASES.per_item.label}或${FEE_BASES.per_page.label}` });
    if (!isWholeDays(amountYuan)) fields.push({ field: 'amountYuan', message: '收费金额：必须是正整数（元）；不收费的无需发出收费通知' });
    return fields.length ? invalid(fields) : { on, event: { type: 'fee_notice_issued', on, receivedOn: received } };
  },

  recordPayment(f, { on }) {
    const fields = collect(dateProblem(f, 'on', '缴费日期', on));
    const payBy = f.clock.openFeeNotice?.payBy;
    if (payBy && typeof on === 'string' && on > payBy) fields.push({ field: 'on', message: `缴费日期：缴费期限已于 ${payBy} 届满，应作“逾期未缴费”处理` });
    return fields.length ? invalid(fields) : { on, event: { type: 'fee_paid', on } };
  },

  expireFee(f) {
    const payBy = f.clock.openFeeNotice?.payBy;
    if (!payBy || f.today <= payBy) return refuse(`缴费期限${payBy ? `（${payBy}）` : ''}尚未届满，不能认定逾期未缴费`);
    return { outcome: 'R-FEEUNPAID', on: f.today };
  },

  reply(f, { on, outcome, content }) {
    const fields = collect(dateProblem(f, 'on', '答复日期', on));
    if (isOutcomeCode(outcome) && OUTCOMES[outcome].via !== 'reply') {
      const verb = REQUEST_TRANSITIONS[OUTCOMES[outcome].via].label;
      fields.push({ field: 'outcome', message: `答复类型：“${OUTCOMES[outcome].label}”须通过“${verb}”办理，不能直接答复` });
      return invalid(fields);
    }
    fields.push(...validateReply(outcome, content));
    // 第三十条: only after a 补正 may the content be found still unclear; before, the clerk must ask for one.
    if (outcome === 'R-UNCLEAR' && f.clock.correctionsReceived === 0) {
      fields.push({ field: 'outcome', message: '答复类型：只有申请人补正后申请内容仍不明确的，才能作此答复；申请内容不明确的，应先告知补正（条例 第三十条）' });
    }
    if (fields.length || !isOutcomeCode(outcome)) return invalid(fields);
    return { on, outcome };
  },

  serve(f, { mode, dates }) {
    if (!Object.hasOwn(SERVICE_MODES, mode)) return invalid([{ field: 'mode', message: '送达方式：必须选择直接送达、委托送达、邮寄送达或电子送达' }]);
    const served = serviceDateOf(mode, dates);
    if (!served.ok) return invalid([{ field: served.field, message: served.message }]);
    const field = { signed: 'signedOn', posted: 'postedOn', delivered: 'deliveredOn' }[SERVICE_MODES[mode].date];
    const fields: FieldError[] = [];
    if (served.date > f.today) fields.push({ field, message: `送达日期：不能晚于今天（${f.today}）` });
    if (f.repliedOn && served.date < f.repliedOn) fields.push({ field, message: `送达日期：不能早于答复日期（${f.repliedOn}）` });
    return fields.length ? invalid(fields) : { on: served.date };
  },

  archive(f) {
    return { on: f.today };
  },
};

/** Whether the state table allows a verb in a state (the buttons a clerk sees). */
export function canTransition(verb: RequestVerb, state: RequestState): boolean {
  return (REQUEST_TRANSITIONS[verb].from as readonly RequestState[]).includes(state);
}

/** The verbs a request in `state` allows. */
export function verbsFrom(state: RequestState): RequestVerb[] {
  return REQUEST_VERBS.filter((v) => canTransition(v, state));
}

/**
 * Checks a verb against the state table, then against its guard. Refusals are values: ILLEGAL_TRANSITION
 * (wrong state or the time is not right) or VALIDATION_FAILED (bad input, one Chinese message per field).
 */
export function attemptTransition<V extends RequestVerb>(verb: V, facts: WorkflowFacts, input: VerbInputs[V]): TransitionResult {
  const t: Transition = REQUEST_TRANSITIONS[verb];
  if (!t.from.includes(facts.state)) {
    const allowed = t.from.map((s) => `“${REQUEST_STATES[s]}”`).join('、');
    return refuse(`申请当前为“${REQUEST_STATES[facts.state]}”，不能“${t.label}”（仅适用于${allowed}的申请）`);
  }
  const guard: Guard<V> = GUARDS[verb];
  const passed = guard(facts, input);
  if ('ok' in passed) return passed;
  return {
    ok: true,
    to: t.to === 'same' ? facts.state : t.to,
    event: passed.event ?? null,
    outcome: passed.outcome ?? null,
    on: passed.on ?? facts.today,
  };
}
