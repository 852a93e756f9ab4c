import { describe, expect, it } from 'vitest';
import { DEFAULT_HOTLINE_CONFIG } from './hotline.config.ts';
import {
  SAME,
  STATE_OWNER,
  TICKET_STATE_IDS,
  TICKET_STATES,
  TICKET_TRANSITIONS,
  TICKET_VERBS,
  assertTransition,
  availableVerbs,
  checkTransition,
  isFinalState,
  isOpenState,
  nextState,
  transitionError,
  type GuardContext,
  type TicketSnapshot,
  type TicketState,
  type TicketVerb,
  type TransitionCheck,
  type VerbInput,
} from './hotline.workflow.ts';

const now = new Date('2025-10-20T10:00:00+08:00');
const ctx: GuardContext = { now, config: DEFAULT_HOTLINE_CONFIG, overrides: new Map() };

const base: TicketSnapshot = {
  id: 't1',
  state: 'submitted',
  type: 'complaint',
  urgency: 'normal',
  categoryCode: '010101',
  hasContact: true,
  leadAgencyId: 'a1',
  dispatchedAt: new Date(now.getTime() - 3_600_000),
  extensionCount: 0,
  reopenCount: 0,
  dueStatus: 'near_due',
  lastCallback: { satisfaction: 'dissatisfied', resolution: 'unresolved' },
};

const REPLY = '经现场核查，该路段坑洼已于10月18日修补完毕，恢复正常通行。';

/** A valid input for each verb, and what the ticket must look like for its rules to pass. */
const VALID: { [V in TicketVerb]: { input: VerbInput[V]; ticket?: Partial<TicketSnapshot> } } = {
  accept: { input: {} },
  decline: { input: { reason: 'litigation' } },
  answerDirectly: { input: { answer: REPLY, knowledgeEntryId: 'kb-1' }, ticket: { type: 'consultation' } },
  transferEmergency: { input: { line: '110' } },
  merge: { input: { target: { id: 't2', state: 'handling', categoryCode: '010101' } } },
  unmerge: { input: { reason: '误并单，两处地点不同' } },
  dispatch: { input: { leadAgencyId: 'a2', assistingAgencyIds: ['a3'] } },
  sign: { input: {} },
  requestReturn: { input: { reason: '该路段属市政公司管养，不属本单位职责' } },
  reassign: { input: { leadAgencyId: 'a2' } },
  rejectReturn: { input: { reason: '该路段在本单位权责清单内' } },
  contact: { input: { outcome: 'reached', note: '已电话联系诉求人，约定现场查看' } },
  requestExtension: { input: { workdays: 5, reason: '需协调燃气、电力等多家单位' } },
  approveExtension: { input: { workdays: 5 } },
  rejectExtension: { input: { reason: '事项简单，应按期办结' } },
  reply: { input: { text: REPLY } },
  approve: { input: {} },
  rejectReply: { input: { reason: '答复未回应诉求人提出的赔偿问题' } },
  visit: { input: { satisfaction: 'satisfied', resolution: 'resolved' } },
  waiveVisit: { input: { reason: 'declined' } },
  reopen: { input: { reason: '核实：路面仍有坑洼，不满意理由成立' } },
  urge: { input: { note: '请于今日内签收办理' } },
  supervise: { input: { ground: 'key_matter', note: '涉及学校门口通行安全，列入督办' } },
  withdraw: { input: { reason: '问题已自行解决' } },
};

function check<V extends TicketVerb>(verb: V, input: VerbInput[V], ticket: Partial<TicketSnapshot> = {}, c: GuardContext = ctx): TransitionCheck {
  return checkTransition({ ...base, ...ticket }, verb, input, c);
}

function failure(r: TransitionCheck): Extract<TransitionCheck, { ok: false }> {
  if (r.ok) throw new Error('expected a refusal');
  return r;
}

describe('the transition table, every state × verb', () => {
  const cases = TICKET_STATE_IDS.flatMap((state) => TICKET_VERBS.map((verb) => [state, verb] as const));
  it('covers all 14 states × 24 verbs', () => {
    expect(TICKET_STATE_IDS).toHaveLength(14);
    expect(TICKET_VERBS).toHaveLength(24);
    expect(cases).toHaveLength(14 * 24);
  });
  it.each(cases)('%s × %s', (state, verb) => {
    const v = VALID[verb] as { input: VerbInput[TicketVerb]; ticket?: Partial<TicketSnapshot> };
    const r = checkTransition({ ...base, ...v.ticket, state }, verb, v.input as never, ctx);
    const allowed = (TICKET_TRANSITIONS[verb].from as readonly TicketState[]).includes(state);
    if (allowed) {
      expect(r).toEqual({ ok: true, to: nextState(state, verb) });
    } else {
      const f = failure(r);
      expect(f.kind).toBe('state');
      expect(f.reasons[0]?.message).toBe(`工单${TICKET_STATES[state]}，不能${TICKET_TRANSITIONS[verb].name}`);
      expect(transitionError(f).code).toBe('ILLEGAL_TRANSITION');
    }
  });
});

describe('the shape of the machine', () => {
  it('leads only to known states', () => {
    for (const t of Object.values(TICKET_TRANSITIONS)) {
      if (t.to !== SAME) expect(TICKET_STATE_IDS).toContain(t.to);
      for (const f of t.from) expect(TICKET_STATE_IDS).toContain(f);
    }
  });
  it('reaches every state from 待受理', () => {
    const seen = new Set<TicketState>(['submitted']);
    const queue: TicketState[] = ['submitted'];
    while (queue.length) {
      const s = queue.shift() as TicketState;
      for (const v of availableVerbs(s)) {
        const n = nextState(s, v);
        if (!seen.has(n)) {
          seen.add(n);
          queue.push(n);
        }
      }
    }
    expect([...seen].sort()).toEqual([...TICKET_STATE_IDS].sort());
  });
  it('follows the main path 受理 → 派单 → 签收 → 先行联系 → 办理 → 答复 → 审核 → 办结 → 回访', () => {
    const path: [TicketVerb, TicketState][] = [
      ['accept', 'accepted'],
      ['dispatch', 'dispatched'],
      ['sign', 'signed'],
      ['contact', 'handling'],
      ['reply', 'replied'],
      ['approve', 'closed'],
      ['visit', 'visited'],
    ];
    let state: TicketState = 'submitted';
    for (const [verb, to] of path) {
      state = assertTransition({ ...base, state }, verb, VALID[verb].input as never, ctx);
      expect(state).toBe(to);
    }
  });
  it('keeps the state for 催办 and 督办', () => {
    expect(nextState('handling', 'urge')).toBe('handling');
    expect(nextState('dispatched', 'supervise')).toBe('dispatched');
  });
  it('gives each state an owner and only finished states have none', () => {
    for (const s of TICKET_STATE_IDS) {
      expect(isFinalState(s)).toBe(STATE_OWNER[s] === 'none');
      if (isFinalState(s)) expect(isOpenState(s)).toBe(false);
    }
    expect(isOpenState('handling')).toBe(true);
    expect(isOpenState('closed')).toBe(false);
  });
  it('offers each side its own buttons', () => {
    expect(availableVerbs('handling', 'agency')).toEqual(['requestExtension', 'reply']);
    expect(availableVerbs('dispatched', 'agency')).toEqual(['sign', 'requestReturn']);
    expect(availableVerbs('return_requested', 'center')).toEqual(['reassign', 'rejectReturn', 'urge', 'supervise']);
    expect(availableVerbs('visited')).toEqual(['reopen']);
  });
});

describe('guards', () => {
  const inState = (state: TicketState, extra: Partial<TicketSnapshot> = {}) => ({ state, ...extra });

  it('不予受理 needs a listed reason, and a note for 其他', () => {
    expect(failure(check('decline', { reason: 'nonsense' as never })).reasons[0]?.field).toBe('reason');
    const f = failure(check('decline', { reason: 'other' }));
    expect(f.kind).toBe('input');
    expect(f.reasons[0]?.message).toBe('不予受理说明：必须填写');
    expect(check('decline', { reason: 'other', note: '属于外省事项' }).ok).toBe(true);
  });

  it('直接答复 only for 咨询, with a real answer', () => {
    const f = failure(check('answerDirectly', { answer: REPLY }));
    expect(f.kind).toBe('rule');
    expect(f.reasons[0]?.message).toContain('只有咨询类工单');
    expect(failure(check('answerDirectly', { answer: '见官网' }, { type: 'consultation' })).reasons[0]?.message).toContain('至少 15 个字');
  });

  it('转接 only to 110/119/120/122', () => {
    expect(check('transferEmergency', { line: '119' }).ok).toBe(true);
    expect(failure(check('transferEmergency', { line: '114' as never })).kind).toBe('input');
  });

  it('并单 into another live ticket of the same category', () => {
    expect(failure(check('merge', { target: { id: 't1', state: 'handling', categoryCode: '010101' } })).reasons[0]?.message).toBe('不能把工单并入它自己');
    expect(failure(check('merge', { target: { id: 't2', state: 'merged', categoryCode: '010101' } })).reasons[0]?.message).toContain('已并单');
    expect(failure(check('merge', { target: { id: 't2', state: 'handling', categoryCode: '010102' } })).reasons[0]?.message).toContain('类别不同');
    expect(failure(check('merge', { target: { id: '', state: 'handling', categoryCode: '010101' } })).kind).toBe('input');
  });

  it('派单 needs a lead, distinct 协办 units and a category', () => {
    expect(failure(check('dispatch', { leadAgencyId: '' }, inState('accepted'))).reasons[0]?.message).toBe('主办单位：必须选择');
    expect(failure(check('dispatch', { leadAgencyId: 'a2', assistingAgencyIds: ['a3', 'a3'] }, inState('accepted'))).reasons[0]?.message).toBe('协办单位：不能重复');
    expect(failure(check('dispatch', { leadAgencyId: 'a2', assistingAgencyIds: ['a2'] }, inState('accepted'))).reasons[0]?.message).toContain('不能同时是主办单位');
    expect(failure(check('dispatch', { leadAgencyId: 'a2' }, inState('accepted', { categoryCode: null }))).kind).toBe('rule');
  });

  it('改派 goes to another agency', () => {
    const f = failure(check('reassign', { leadAgencyId: 'a1' }, inState('return_requested')));
    expect(f.kind).toBe('rule');
    expect(f.reasons[0]?.message).toBe('改派须选择其他承办单位');
  });

  it('退单 needs a reason (400) and must come within the window (409)', () => {
    const f = failure(check('requestReturn', { reason: '' }, inState('dispatched')));
    expect(f.kind).toBe('input');
    expect(f.reasons).toEqual([{ field: 'reason', message: '退单理由：必须填写' }]);
    const e = transitionError(f);
    expect(e.code).toBe('VALIDATION_FAILED');
    expect(e.status).toBe(400);
    expect(failure(check('requestReturn', { reason: '不对' }, inState('dispatched'))).reasons[0]?.message).toBe('退单理由：至少 4 个字');
    const late = failure(check('requestReturn', { reason: '不属本单位职责' }, inState('signed', { dispatchedAt: new Date(now.getTime() - 25 * 3_600_000) })));
    expect(late.kind).toBe('rule');
    expect(transitionError(late).code).toBe('CONFLICT');
  });

  it('先行联系: a caller who left a number must be called', () => {
    expect(failure(check('contact', { outcome: 'no_contact_info', note: '无联系方式' }, inState('signed'))).kind).toBe('rule');
    expect(check('contact', { outcome: 'no_contact_info', note: '匿名来电' }, inState('signed', { hasContact: false })).ok).toBe(true);
    expect(failure(check('contact', { outcome: 'reached', note: '' }, inState('signed'))).reasons[0]?.field).toBe('note');
    expect(failure(check('contact', { outcome: 'maybe' as never, note: '已联系诉求人' }, inState('signed'))).reasons[0]?.field).toBe('outcome');
  });

  it('延期: within the limits, once, before the deadline', () => {
    const s = inState('handling');
    expect(failure(check('requestExtension', { workdays: 16, reason: '需协调多部门' }, s)).reasons[0]?.message).toContain('1到15');
    expect(failure(check('requestExtension', { workdays: 1.5, reason: '需协调多部门' }, s)).kind).toBe('input');
    expect(failure(check('requestExtension', { workdays: 5, reason: '需协调多部门' }, { ...s, extensionCount: 1 })).reasons[0]?.message).toContain('已延期 1 次');
    expect(failure(check('requestExtension', { workdays: 5, reason: '需协调多部门' }, { ...s, dueStatus: 'overdue' })).reasons[0]?.message).toContain('时限已过');
    expect(failure(check('approveExtension', { workdays: 0 }, inState('extension_requested'))).kind).toBe('input');
  });

  it('答复 and 审核退回 need text', () => {
    expect(failure(check('reply', { text: '   ' }, inState('handling'))).reasons[0]?.message).toBe('答复内容：必须填写');
    expect(failure(check('rejectReply', { reason: '' }, inState('replied'))).reasons[0]?.message).toBe('退回理由：必须填写');
  });

  it('回访 needs a way to call and valid grades', () => {
    expect(failure(check('visit', { satisfaction: 'satisfied', resolution: 'resolved' }, inState('closed', { hasContact: false }))).reasons[0]?.message).toContain('免回访');
    const f = failure(check('visit', { satisfaction: 'great' as never, resolution: 'maybe' as never }, inState('closed')));
    expect(f.reasons.map((r) => r.field)).toEqual(['satisfaction', 'resolution']);
  });

  it('免回访 reasons must fit the ticket', () => {
    expect(failure(check('waiveVisit', { reason: 'anonymous' }, inState('closed'))).kind).toBe('rule');
    expect(check('waiveVisit', { reason: 'anonymous' }, inState('closed', { hasContact: false })).ok).toBe(true);
    expect(failure(check('waiveVisit', { reason: 'praise' }, inState('closed'))).kind).toBe('rule');
    expect(check('waiveVisit', { reason: 'praise' }, inState('closed', { type: 'praise' })).ok).toBe(true);
    expect(failure(check('waiveVisit', { reason: 'bored' as never }, inState('closed'))).kind).toBe('input');
  });

  it('重办 only on 不满意, up to the limit', () => {
    const s = inState('visited');
    expect(failure(check('reopen', { reason: '诉求人表示仍未修复' }, { ...s, lastCallback: { satisfaction: 'basically_satisfied', resolution: 'resolved' } })).reasons[0]?.message).toBe('只有回访不满意的工单可以重办');
    expect(failure(check('reopen', { reason: '诉求人表示仍未修复' }, { ...s, lastCallback: null })).kind).toBe('rule');
    expect(failure(check('reopen', { reason: '诉求人表示仍未修复' }, { ...s, reopenCount: 2 })).reasons[0]?.message).toContain('达到上限');
    expect(failure(check('reopen', { reason: '' }, s)).kind).toBe('input');
  });

  it('催办 only near due or overdue; 督办 for overdue only when overdue', () => {
    expect(failure(check('urge', { note: '请尽快签收' }, inState('dispatched', { dueStatus: 'normal' }))).kind).toBe('rule');
    expect(check('urge', { note: '请尽快签收' }, inState('dispatched', { dueStatus: 'overdue' })).ok).toBe(true);
    expect(failure(check('supervise', { ground: 'overdue', note: '超期未办结' }, inState('handling', { dueStatus: 'near_due' }))).kind).toBe('rule');
    expect(check('supervise', { ground: 'overdue', note: '超期未办结' }, inState('handling', { dueStatus: 'overdue' })).ok).toBe(true);
    expect(failure(check('supervise', { ground: 'whim' as never, note: '领导批示' }, inState('handling'))).kind).toBe('input');
  });

  it('撤回 and 撤销并单 need a reason', () => {
    expect(failure(check('withdraw', { reason: '' }, inState('handling'))).reasons[0]?.message).toBe('撤回理由：必须填写');
    expect(failure(check('unmerge', { reason: '' }, inState('merged'))).reasons[0]?.message).toBe('撤销并单理由：必须填写');
    expect(failure(check('rejectReturn', { reason: '' }, inState('return_requested'))).kind).toBe('input');
    expect(failure(check('rejectExtension', { reason: '' }, inState('extension_requested'))).kind).toBe('input');
  });

  it('reports input problems before rule problems', () => {
    const f = failure(check('requestExtension', { workdays: 99, reason: '需协调' }, inState('handling', { extensionCount: 5 })));
    expect(f.kind).toBe('input');
  });

  it('assertTransition throws the AppError of the refusal', () => {
    expect(() => assertTransition({ ...base, state: 'closed' }, 'sign', {}, ctx)).toThrow(/工单已办结，不能签收/);
    try {
      assertTransition({ ...base, state: 'dispatched' }, 'requestReturn', { reason: '' }, ctx);
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ field: 'reason' }] } });
    }
  });
});
