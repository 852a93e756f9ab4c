// The ticket (工单) workflow: states, the transition table, and pure guards with Chinese reasons.
// Closed loop per 国办发〔2020〕53号: 受理 → 派单 → 办理 → 答复 → 督办 → 办结 → 回访 → 评价; the stages 签收, 先行联系 and
// 审核 and the side paths (退单/改派, 延期, 重办, 并单, 不予受理, 直接答复, 转110/119/120) are local practice
// (北京接诉即办, 四川/重庆 12345 管理办法; service-rules.md §2).
import type { Overrides } from '../../platform/calendar/workdays.ts';
import { AppError, type FieldError } from '../../platform/http/errors.ts';
import { computeDue, type DueStatus } from './deadlines.ts';
import type { HotlineConfig } from './hotline.config.ts';
import {
  DECLINE_REASONS,
  EMERGENCY_LINES,
  RESOLUTIONS,
  SATISFACTIONS,
  VISIT_WAIVERS,
  type DeclineReason,
  type EmergencyLine,
  type Resolution,
  type Satisfaction,
  type TicketType,
  type Urgency,
  type VisitWaiver,
} from './taxonomy.ts';

export const TICKET_STATES = {
  submitted: '待受理',
  accepted: '待派单',
  dispatched: '待签收',
  signed: '待联系',
  handling: '办理中',
  extension_requested: '延期待审',
  return_requested: '退单待审',
  replied: '待审核',
  closed: '已办结',
  visited: '已回访',
  merged: '已并单',
  declined: '不予受理',
  transferred: '已转警',
  withdrawn: '已撤回',
} as const;
export type TicketState = keyof typeof TICKET_STATES;
export const TICKET_STATE_IDS = Object.keys(TICKET_STATES) as TicketState[];

/** Who acts next in each state: the 12345 center, the handling agency, or nobody (finished). */
export const STATE_OWNER: Record<TicketState, 'center' | 'agency' | 'none'> = {
  submitted: 'center',
  accepted: 'center',
  dispatched: 'agency',
  signed: 'agency',
  handling: 'agency',
  extension_requested: 'center',
  return_requested: 'center',
  replied: 'center',
  closed: 'center',
  visited: 'none',
  merged: 'none',
  declined: 'none',
  transferred: 'none',
  withdrawn: 'none',
};

/** Still being worked on (counts in queues and overdue figures). `closed` waits only for the callback. */
export function isOpenState(s: TicketState): boolean {
  return STATE_OWNER[s] !== 'none' && s !== 'closed';
}

/** Finished for good: nothing more will happen, except 重办 from `visited`. */
export function isFinalState(s: TicketState): boolean {
  return STATE_OWNER[s] === 'none';
}

/** Who may take a verb: the center (坐席/中心), the handling agency (承办人), or the citizen. */
export type VerbActor = 'center' | 'agency' | 'citizen';

/** A verb that records something without changing the state. */
export const SAME = 'same' as const;

interface Transition {
  name: string;
  from: readonly TicketState[];
  to: TicketState | typeof SAME;
  by: VerbActor;
}

const OPEN_AT_AGENCY = ['dispatched', 'signed', 'handling', 'extension_requested', 'return_requested'] as const;

export const TICKET_TRANSITIONS = {
  accept: { name: '受理', from: ['submitted'], to: 'accepted', by: 'center' },
  decline: { name: '不予受理', from: ['submitted', 'accepted'], to: 'declined', by: 'center' }, // 芜湖 12345 不予受理范围
  answerDirectly: { name: '直接答复', from: ['submitted', 'accepted'], to: 'closed', by: 'center' }, // 53号: 一般性咨询 by 12345 from the 知识库
  transferEmergency: { name: '转接紧急热线', from: ['submitted', 'accepted'], to: 'transferred', by: 'center' }, // 国办发〔2022〕12号
  merge: { name: '并单', from: ['submitted', 'accepted'], to: 'merged', by: 'center' }, // 2025 意见: 重复诉求原则上并单
  unmerge: { name: '撤销并单', from: ['merged'], to: 'accepted', by: 'center' },
  dispatch: { name: '派单', from: ['accepted'], to: 'dispatched', by: 'center' },
  sign: { name: '签收', from: ['dispatched'], to: 'signed', by: 'agency' },
  requestReturn: { name: '申请退单', from: ['dispatched', 'signed'], to: 'return_requested', by: 'agency' }, // 2025 意见: 派单异议审核
  reassign: { name: '改派', from: ['return_requested'], to: 'dispatched', by: 'center' },
  rejectReturn: { name: '退单不予支持', from: ['return_requested'], to: 'signed', by: 'center' }, // 视同签收 [U]
  contact: { name: '先行联系', from: ['signed'], to: 'handling', by: 'agency' },
  requestExtension: { name: '申请延期', from: ['handling'], to: 'extension_requested', by: 'agency' },
  approveExtension: { name: '批准延期', from: ['extension_requested'], to: 'handling', by: 'center' },
  rejectExtension: { name: '不予延期', from: ['extension_requested'], to: 'handling', by: 'center' },
  reply: { name: '答复', from: ['handling', 'extension_requested'], to: 'replied', by: 'agency' },
  approve: { name: '审核通过（办结）', from: ['replied'], to: 'closed', by: 'center' },
  rejectReply: { name: '审核退回', from: ['replied'], to: 'handling', by: 'center' },
  visit: { name: '回访', from: ['closed'], to: 'visited', by: 'center' },
  waiveVisit: { name: '免回访', from: ['closed'], to: 'visited', by: 'center' },
  reopen: { name: '重办', from: ['visited'], to: 'dispatched', by: 'center' },
  urge: { name: '催办', from: OPEN_AT_AGENCY, to: SAME, by: 'center' },
  supervise: { name: '督办', from: OPEN_AT_AGENCY, to: SAME, by: 'center' },
  withdraw: { name: '撤回', from: ['submitted', 'accepted', 'dispatched', 'signed', 'handling', 'extension_requested', 'return_requested'], to: 'withdrawn', by: 'citizen' },
} as const satisfies Record<string, Transition>;

export type TicketVerb = keyof typeof TICKET_TRANSITIONS;
export const TICKET_VERBS = Object.keys(TICKET_TRANSITIONS) as TicketVerb[];

/** What the guards need to know about a ticket. The service builds it from the row and the clocks. */
export interface TicketSnapshot {
  id: string;
  state: TicketState;
  type: TicketType;
  urgency: Urgency;
  categoryCode: string | null;
  /** the citizen left a way to be called back */
  hasContact: boolean;
  leadAgencyId: string | null;
  dispatchedAt: Date | null;
  /** 延期 granted since the last dispatch */
  extensionCount: number;
  reopenCount: number;
  /** the 办理 clock (or the 签收 clock before signing), classified at `now` */
  dueStatus: DueStatus;
  lastCallback: { satisfaction: Satisfaction; resolution: Resolution } | null;
}

/** A ticket another is merged into. */
export interface MergeTarget {
  id: string;
  state: TicketState;
  categoryCode: string | null;
}

export type SuperviseGround = 'overdue' | 'repeated' | 'key_matter' | 'cross_area';
export const SUPERVISE_GROUNDS: Record<SuperviseGround, string> = {
  overdue: '超期未办结',
  repeated: '重复投诉',
  key_matter: '疑难重点事项',
  cross_area: '区域交叉、权属不清',
}; // 北京接诉即办: 疑难/重点/重复投诉/区域交叉/权属不清 ⇒ 督办

export type ContactOutcome = 'reached' | 'unreachable' | 'no_contact_info';
export const CONTACT_OUTCOMES: Record<ContactOutcome, string> = {
  reached: '已联系上诉求人',
  unreachable: '多次联系未接通',
  no_contact_info: '诉求人未留联系方式',
};

/** The input each verb takes. */
export interface VerbInput {
  accept: Record<string, never>;
  decline: { reason: DeclineReason; note?: string };
  answerDirectly: { answer: string; knowledgeEntryId?: string | null };
  transferEmergency: { line: EmergencyLine; note?: string };
  merge: { target: MergeTarget };
  unmerge: { reason: string };
  dispatch: { leadAgencyId: string; assistingAgencyIds?: readonly string[] };
  sign: Record<string, never>;
  requestReturn: { reason: string };
  reassign: { leadAgencyId: string; assistingAgencyIds?: readonly string[] };
  rejectReturn: { reason: string };
  contact: { outcome: ContactOutcome; note: string };
  requestExtension: { workdays: number; reason: string };
  approveExtension: { workdays: number };
  rejectExtension: { reason: string };
  reply: { text: string };
  approve: Record<string, never>;
  rejectReply: { reason: string };
  visit: { satisfaction: Satisfaction; resolution: Resolution; note?: string };
  waiveVisit: { reason: VisitWaiver };
  reopen: { reason: string };
  urge: { note: string };
  supervise: { ground: SuperviseGround; note: string };
  withdraw: { reason: string };
}

export interface GuardContext {
  now: Date;
  config: HotlineConfig;
  overrides: Overrides;
}

/**
 * ok, or why not: `state` = the verb is not allowed in this state (409 ILLEGAL_TRANSITION); `input` = a field is
 * missing or wrong (400 VALIDATION_FAILED); `rule` = a business rule refuses it now (409 CONFLICT).
 */
export type TransitionCheck =
  | { ok: true; to: TicketState }
  | { ok: false; kind: 'state' | 'input' | 'rule'; reasons: FieldError[] };

export function nextState(state: TicketState, verb: TicketVerb): TicketState {
  const t: Transition = TICKET_TRANSITIONS[verb];
  return t.to === SAME ? state : t.to;
}

/** The verbs the state allows (for buttons), before any input is known. */
export function availableVerbs(state: TicketState, by?: VerbActor): TicketVerb[] {
  return TICKET_VERBS.filter((v) => {
    const t: Transition = TICKET_TRANSITIONS[v];
    return t.from.includes(state) && (by === undefined || t.by === by);
  });
}

const blank = (s: string | null | undefined): boolean => !s || s.trim().length === 0;

class Problems {
  input: FieldError[] = [];
  rule: FieldError[] = [];
  need(field: string, text: string | null | undefined, title: string, min: number): void {
    if (blank(text)) this.input.push({ field, message: `${title}：必须填写` });
    else if ((text as string).trim().length < min) this.input.push({ field, message: `${title}：至少 ${min} 个字` });
  }
  bad(field: string, message: string): void {
    this.input.push({ field, message });
  }
  refuse(field: string, message: string): void {
    this.rule.push({ field, message });
  }
}

const REASON_TITLES = {
  unmerge: '撤销并单理由',
  requestReturn: '退单理由',
  rejectReturn: '不予支持退单的理由',
  rejectExtension: '不予延期的理由',
  rejectReply: '退回理由',
  reopen: '重办理由（不满意核实情况）',
  withdraw: '撤回理由',
} as const satisfies Partial<Record<TicketVerb, string>>;

function checkInput<V extends TicketVerb>(t: TicketSnapshot, verb: V, raw: VerbInput[V], ctx: GuardContext, p: Problems): void {
  const min = ctx.config.text.reasonMinLength;
  const replyMin = ctx.config.text.replyMinLength;
  // each case narrows `raw` by the verb; the cast is the one place the map is consulted
  switch (verb) {
    case 'accept':
    case 'sign':
    case 'approve':
      return;
    case 'decline': {
      const i = raw as VerbInput['decline'];
      const r = DECLINE_REASONS[i.reason] as (typeof DECLINE_REASONS)[DeclineReason] | undefined;
      if (!r) p.bad('reason', '不予受理理由：请从列表中选择');
      else if (r.needsNote) p.need('note', i.note, '不予受理说明', min);
      return;
    }
    case 'answerDirectly': {
      const i = raw as VerbInput['answerDirectly'];
      if (t.type !== 'consultation') p.refuse('type', '只有咨询类工单可以直接答复，其他诉求须派单办理');
      p.need('answer', i.answer, '答复内容', replyMin);
      return;
    }
    case 'transferEmergency': {
      const i = raw as VerbInput['transferEmergency'];
      if (!(i.line in EMERGENCY_LINES)) p.bad('line', '转接号码：只能是110、119、120或122');
      return;
    }
    case 'merge': {
      const { target } = raw as VerbInput['merge'];
      if (!target || blank(target.id)) {
        p.bad('target', '并入工单：必须选择');
        return;
      }
      if (target.id === t.id) p.refuse('target', '不能把工单并入它自己');
      else if (['merged', 'declined', 'transferred', 'withdrawn'].includes(target.state)) {
        p.refuse('target', `并入工单${TICKET_STATES[target.state]}，不能再并入`);
      }
      if (t.categoryCode !== null && target.categoryCode !== t.categoryCode) p.refuse('target', '两张工单的诉求类别不同，不能并单');
      return;
    }
    case 'unmerge':
    case 'requestReturn':
    case 'rejectReturn':
    case 'rejectExtension':
    case 'rejectReply':
    case 'reopen':
    case 'withdraw': {
      const i = raw as { reason: string };
      const title = REASON_TITLES[verb as keyof typeof REASON_TITLES];
      p.need('reason', i.reason, title, min);
      if (verb === 'requestReturn' && t.dispatchedAt) {
        const window = computeDue(t.dispatchedAt, ctx.config.deadlines.returnWindow, ctx.overrides);
        if (ctx.now > window.dueAt) p.refuse('reason', '已超过退单时限，请继续办理或申请延期');
      }
      if (verb === 'reopen') {
        // 重办 only on a justified 不满意 (issue 7; 好差评 国办发〔2019〕51号: 差评 核实后整改)
        if (!t.lastCallback || t.lastCallback.satisfaction !== 'dissatisfied') p.refuse('reason', '只有回访不满意的工单可以重办');
        if (t.reopenCount >= ctx.config.reopen.maxCount) p.refuse('reason', `已重办 ${t.reopenCount} 次，达到上限，请转督办`);
      }
      return;
    }
    case 'dispatch':
    case 'reassign': {
      const i = raw as VerbInput['dispatch'];
      if (blank(i.leadAgencyId)) p.bad('leadAgencyId', '主办单位：必须选择');
      const assisting = i.assistingAgencyIds ?? [];
      if (new Set(assisting).size !== assisting.length) p.bad('assistingAgencyIds', '协办单位：不能重复');
      if (!blank(i.leadAgencyId) && assisting.includes(i.leadAgencyId)) p.bad('assistingAgencyIds', '协办单位：不能同时是主办单位');
      if (t.categoryCode === null) p.refuse('categoryCode', '请先确定诉求类别再派单');
      if (verb === 'reassign' && i.leadAgencyId === t.leadAgencyId) p.refuse('leadAgencyId', '改派须选择其他承办单位');
      return;
    }
    case 'contact': {
      const i = raw as VerbInput['contact'];
      if (!(i.outcome in CONTACT_OUTCOMES)) p.bad('outcome', '联系结果：请从列表中选择');
      else if (i.outcome === 'no_contact_info' && t.hasContact) p.refuse('outcome', '诉求人留有联系方式，必须先行联系');
      p.need('note', i.note, '联系情况', min);
      return;
    }
    case 'requestExtension': {
      const i = raw as VerbInput['requestExtension'];
      const max = ctx.config.extension.maxWorkdays;
      if (!Number.isInteger(i.workdays) || i.workdays < 1 || i.workdays > max) p.bad('workdays', `延期天数：必须是1到${max}之间的工作日数`);
      p.need('reason', i.reason, '延期理由', min);
      if (t.extensionCount >= ctx.config.extension.maxCount) p.refuse('workdays', `本单已延期 ${t.extensionCount} 次，不能再申请`);
      if (t.dueStatus === 'overdue') p.refuse('workdays', '办理时限已过，不能再申请延期'); // 须在期限届满前申请 [U]
      return;
    }
    case 'approveExtension': {
      const i = raw as VerbInput['approveExtension'];
      const max = ctx.config.extension.maxWorkdays;
      if (!Number.isInteger(i.workdays) || i.workdays < 1 || i.workdays > max) p.bad('workdays', `批准延期天数：必须是1到${max}之间的工作日数`);
      return;
    }
    case 'reply': {
      const i = raw as VerbInput['reply'];
      p.need('text', i.text, '答复内容', replyMin);
      return;
    }
    case 'visit': {
      const i = raw as VerbInput['visit'];
      if (!(i.satisfaction in SATISFACTIONS)) p.bad('satisfaction', '满意度：请选择满意、基本满意或不满意');
      if (!(i.resolution in RESOLUTIONS)) p.bad('resolution', '解决情况：请选择已解决或未解决');
      if (!t.hasContact) p.refuse('satisfaction', '诉求人未留联系方式，无法回访，请选择免回访');
      return;
    }
    case 'waiveVisit': {
      const i = raw as VerbInput['waiveVisit'];
      if (!(i.reason in VISIT_WAIVERS)) p.bad('reason', '免回访理由：请从列表中选择');
      else if (i.reason === 'anonymous' && t.hasContact) p.refuse('reason', '诉求人留有联系方式，不能以匿名为由免回访');
      else if (i.reason === 'praise' && t.type !== 'praise') p.refuse('reason', '只有表扬类工单可以此理由免回访');
      return;
    }
    case 'urge': {
      const i = raw as VerbInput['urge'];
      p.need('note', i.note, '催办意见', min);
      if (t.dueStatus === 'normal') p.refuse('note', '工单未临期或超期，无需催办');
      return;
    }
    case 'supervise': {
      const i = raw as VerbInput['supervise'];
      if (!(i.ground in SUPERVISE_GROUNDS)) p.bad('ground', '督办事由：请从列表中选择');
      else if (i.ground === 'overdue' && t.dueStatus !== 'overdue') p.refuse('ground', '工单未超期，不能以超期为由督办');
      p.need('note', i.note, '督办意见', min);
      return;
    }
    default: {
      const never: never = verb as never;
      throw new Error(`unknown verb ${String(never)}`);
    }
  }
}

/** Whether `verb` may be applied to the ticket with this input now, and the state it leads to. */
export function checkTransition<V extends TicketVerb>(ticket: TicketSnapshot, verb: V, input: VerbInput[V], ctx: GuardContext): TransitionCheck {
  const t: Transition = TICKET_TRANSITIONS[verb];
  if (!t.from.includes(ticket.state)) {
    return { ok: false, kind: 'state', reasons: [{ field: 'state', message: `工单${TICKET_STATES[ticket.state]}，不能${t.name}` }] };
  }
  const p = new Problems();
  checkInput(ticket, verb, input, ctx, p);
  if (p.input.length) return { ok: false, kind: 'input', reasons: p.input };
  if (p.rule.length) return { ok: false, kind: 'rule', reasons: p.rule };
  return { ok: true, to: nextState(ticket.state, verb) };
}

/** The AppError a failed check becomes: ILLEGAL_TRANSITION (409), VALIDATION_FAILED (400) or CONFLICT (409). */
export function transitionError(check: Extract<TransitionCheck, { ok: false }>): AppError {
  const text = check.reasons.map((r) => r.message).join('；');
  switch (check.kind) {
    case 'state':
      return new AppError('ILLEGAL_TRANSITION', text);
    case 'input':
      return new AppError('VALIDATION_FAILED', `提交的内容有 ${check.reasons.length} 处需要修改：${text}`, { fields: check.reasons });
    case 'rule':
      return new AppError('CONFLICT', text, { fields: check.reasons });
    default: {
      const never: never = check.kind;
      throw new Error(`unknown kind ${String(never)}`);
    }
  }
}

/** The next state, or throws the AppError of the refusal. */
export function assertTransition<V extends TicketVerb>(ticket: TicketSnapshot, verb: V, input: VerbInput[V], ctx: GuardContext): TicketState {
  const check = checkTransition(ticket, verb, input, ctx);
  if (!check.ok) throw transitionError(check);
  return check.to;
}
