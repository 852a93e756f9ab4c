import { describe, expect, it } from 'vitest';
import { computeClock, type ClockEvent } from './deadlines.ts';
import { NATIONAL_REQUESTS_CONFIG, resolveRequestsConfig, type RequestsConfig } from './requests.config.ts';
import { GUOQING_2025 as overrides } from './requests.testing.ts';
import {
  attemptTransition,
  canTransition,
  REQUEST_STATE_IDS,
  REQUEST_STATES,
  REQUEST_TRANSITIONS,
  REQUEST_VERBS,
  STAGE_OF,
  STAGES,
  verbsFrom,
  type RequestState,
  type RequestVerb,
  type TransitionResult,
  type VerbInputs,
  type WorkflowFacts,
} from './requests.workflow.ts';

interface Situation {
  today: string;
  receivedOn?: string | null;
  events?: ClockEvent[];
  isFlaggedExcessive?: boolean;
  repliedOn?: string | null;
  config?: RequestsConfig;
}

function factsOf(state: RequestState, s: Situation): WorkflowFacts {
  const config = s.config ?? NATIONAL_REQUESTS_CONFIG;
  const receivedOn = s.receivedOn === undefined ? '2025-09-19' : s.receivedOn;
  return {
    state,
    today: s.today,
    clock: computeClock({ receivedOn, events: s.events ?? [], overrides, config }),
    isFlaggedExcessive: s.isFlaggedExcessive ?? false,
    repliedOn: s.repliedOn ?? null,
    overrides,
    config,
  };
}

// Received 2025-09-19 (base due 10-23, 补正 notice by 09-29). For each verb, a situation and an input its guard accepts.
const FIXTURES: { [V in RequestVerb]: { situation: Situation; input: VerbInputs[V] } } = {
  register: { situation: { today: '2025-09-19', receivedOn: null }, input: { receivedOn: '2025-09-19' } },
  requestCorrection: { situation: { today: '2025-09-23' }, input: { on: '2025-09-23', items: '请写明所需信息的名称或文号', dueOn: '2025-10-14' } },
  receiveCorrection: { situation: { today: '2025-09-26', events: [{ type: 'correction_requested', on: '2025-09-23', dueOn: '2025-10-14' }] }, input: { on: '2025-09-26' } },
  expireCorrection: { situation: { today: '2025-10-15', events: [{ type: 'correction_requested', on: '2025-09-23', dueOn: '2025-10-14' }] }, input: {} },
  accept: { situation: { today: '2025-09-22' }, input: {} },
  startConsultation: { situation: { today: '2025-10-09' }, input: { on: '2025-10-09', party: 'third_party', consultee: '重庆某某建设有限公司' } },
  endConsultation: { situation: { today: '2025-10-22', events: [{ type: 'consultation_started', on: '2025-10-09', party: 'third_party' }] }, input: { on: '2025-10-22', opinion: 'object' } },
  extend: { situation: { today: '2025-10-20' }, input: { on: '2025-10-20', workingDays: 20, reason: '涉及档案调取，需要时间', approvedBy: '王主任' } },
  flagExcessive: { situation: { today: '2025-09-22' }, input: { reason: '同一申请人2025年9月累计申请 11 件，超过 10 件（条例 第三十五条）' } },
  askReasons: { situation: { today: '2025-09-23', isFlaggedExcessive: true }, input: { on: '2025-09-23' } },
  acceptReasons: { situation: { today: '2025-09-25', isFlaggedExcessive: true }, input: {} },
  setDelay: { situation: { today: '2025-09-25', isFlaggedExcessive: true }, input: { on: '2025-09-25', workingDays: 15, reason: '申请数量大，理由合理' } },
  decline: { situation: { today: '2025-09-25', isFlaggedExcessive: true }, input: { on: '2025-09-25', reasonText: '申请人未说明合理理由' } },
  issueFeeNotice: { situation: { today: '2025-10-09' }, input: { on: '2025-10-09', basis: 'per_item', amountYuan: 100 } },
  recordPayment: { situation: { today: '2025-10-15', events: [{ type: 'fee_notice_issued', on: '2025-10-09', receivedOn: '2025-10-09' }] }, input: { on: '2025-10-15' } },
  // payBy = 20 WD after 09-22: 23–26 28–30 (7), 10-09 10 11 (10), 13–17 (15), 20–24 (20) → 10-24
  expireFee: { situation: { today: '2025-10-27', events: [{ type: 'fee_notice_issued', on: '2025-09-22', receivedOn: '2025-09-22' }] }, input: {} },
  reply: {
    situation: { today: '2025-10-15' },
    input: { on: '2025-10-15', outcome: 'R-PARTIAL', content: { providedInformation: '项目批复文件', withholdReasons: ['EX15-THIRD'], reasonText: '涉及第三方商业秘密' } },
  },
  serve: { situation: { today: '2025-10-16', repliedOn: '2025-10-15' }, input: { mode: 'direct', dates: { signedOn: '2025-10-16' } } },
  archive: { situation: { today: '2025-10-20' }, input: {} },
};

function attempt<V extends RequestVerb>(verb: V, state: RequestState, situation: Situation, input: VerbInputs[V]): TransitionResult {
  return attemptTransition(verb, factsOf(state, situation), input);
}

function attemptFixture<V extends RequestVerb>(verb: V, state: RequestState): TransitionResult {
  const f = FIXTURES[verb];
  return attempt(verb, state, f.situation, f.input);
}

describe('the stages of 条例 第四十五条', () => {
  it('puts every state in one of 登记、审核、办理、答复、归档', () => {
    expect(Object.values(STAGES)).toEqual(['登记', '审核', '办理', '答复', '归档']);
    for (const s of REQUEST_STATE_IDS) expect(STAGES[STAGE_OF[s]]).toBeTruthy();
  });

  it('lets every state but the last be left, and reaches every state', () => {
    for (const s of REQUEST_STATE_IDS) if (s !== 'archived') expect(verbsFrom(s).length).toBeGreaterThan(0);
    expect(verbsFrom('archived')).toEqual([]);
    const targets = new Set<string>(['submitted', 'registered']);
    for (const v of REQUEST_VERBS) {
      const to = REQUEST_TRANSITIONS[v].to;
      if (to !== 'same') targets.add(to);
    }
    expect([...targets].sort()).toEqual([...REQUEST_STATE_IDS].sort());
  });
});

describe('every state × verb pair', () => {
  const pairs = REQUEST_STATE_IDS.flatMap((state) => REQUEST_VERBS.map((verb) => [state, verb] as const));
  it.each(pairs)('%s × %s', (state, verb) => {
    const result = attemptFixture(verb, state);
    const t = REQUEST_TRANSITIONS[verb];
    if (canTransition(verb, state)) {
      expect(result).toMatchObject({ ok: true, to: t.to === 'same' ? state : t.to });
    } else {
      expect(result).toMatchObject({ ok: false, code: 'ILLEGAL_TRANSITION' });
      if (!result.ok) expect(result.reason).toBe(`申请当前为“${REQUEST_STATES[state]}”，不能“${t.label}”（仅适用于${t.from.map((s) => `“${REQUEST_STATES[s]}”`).join('、')}的申请）`);
    }
  });
});

describe('what the verbs record', () => {
  it.each<[RequestVerb, RequestState, ClockEvent | null, string | null]>([
    ['register', 'submitted', null, null],
    ['requestCorrection', 'registered', { type: 'correction_requested', on: '2025-09-23', dueOn: '2025-10-14' }, null],
    ['receiveCorrection', 'awaiting_correction', { type: 'correction_received', on: '2025-09-26' }, null],
    ['expireCorrection', 'awaiting_correction', null, 'R-NOCORRECTION'],
    ['startConsultation', 'processing', { type: 'consultation_started', on: '2025-10-09', party: 'third_party' }, null],
    ['endConsultation', 'consulting', { type: 'consultation_ended', on: '2025-10-22' }, null],
    ['extend', 'processing', { type: 'extended', on: '2025-10-20', workingDays: 20 }, null],
    ['setDelay', 'awaiting_reasons', { type: 'delay_set', on: '2025-09-25', workingDays: 15 }, null],
    ['decline', 'awaiting_reasons', null, 'R-EXCESSIVE'],
    ['issueFeeNotice', 'processing', { type: 'fee_notice_issued', on: '2025-10-09', receivedOn: '2025-10-09' }, null],
    ['recordPayment', 'awaiting_fee', { type: 'fee_paid', on: '2025-10-15' }, null],
    ['expireFee', 'awaiting_fee', null, 'R-FEEUNPAID'],
    ['reply', 'processing', null, 'R-PARTIAL'],
  ])('%s in %s → event %j, outcome %s', (verb, state, event, outcome) => {
    expect(attemptFixture(verb, state)).toMatchObject({ ok: true, event, outcome });
  });

  it('dates service by the mode (235号)', () => {
    expect(attempt('serve', 'replied', { today: '2025-10-20', repliedOn: '2025-10-15' }, { mode: 'post', dates: { postedOn: '2025-10-16', signedOn: '2025-10-20' } })).toMatchObject({ ok: true, on: '2025-10-16' });
  });
});

function expectField(result: TransitionResult, field: string, words: string): void {
  expect(result).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
  if (!result.ok) expect(result.fields).toContainEqual({ field, message: expect.stringContaining(words) });
}

function expectRefusal(result: TransitionResult, words: string): void {
  expect(result).toMatchObject({ ok: false, code: 'ILLEGAL_TRANSITION' });
  if (!result.ok) expect(result.reason).toContain(words);
}

describe('guards: 补正 (条例 第三十条)', () => {
  it('refuses a notice after 7 working days, with the date', () => {
    const r = attempt('requestCorrection', 'registered', { today: '2025-09-30' }, { on: '2025-09-30', items: '请写明文号', dueOn: '2025-10-20' });
    expectField(r, 'on', '本件最迟为 2025-09-29，已超过期限（条例 第三十条）');
  });

  it('accepts a notice on the 7th working day (the 调休 Sunday counts)', () => {
    expect(attempt('requestCorrection', 'registered', { today: '2025-09-29' }, { on: '2025-09-29', items: '请写明文号', dueOn: '2025-10-20' })).toMatchObject({ ok: true });
  });

  it('counts the 7 days from a corrected receipt for a second notice', () => {
    const events: ClockEvent[] = [
      { type: 'correction_requested', on: '2025-09-23', dueOn: '2025-10-14' },
      { type: 'correction_received', on: '2025-09-26' },
    ];
    // 7 WD after 09-26 → 10-13
    expect(attempt('requestCorrection', 'registered', { today: '2025-10-13', events }, { on: '2025-10-13', items: '仍不明确', dueOn: '2025-10-27' })).toMatchObject({ ok: true });
    expectField(attempt('requestCorrection', 'registered', { today: '2025-10-14', events }, { on: '2025-10-14', items: '仍不明确', dueOn: '2025-10-27' }), 'on', '2025-10-13');
  });

  it('lists every bad field at once', () => {
    const r = attempt('requestCorrection', 'registered', { today: '2025-09-23' }, { on: '2025-09-23', items: ' ', dueOn: '2025-09-23' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.fields.map((f) => f.field)).toEqual(['items', 'dueOn']);
  });

  it('needs a 正当理由 for a late correction', () => {
    const situation = { today: '2025-10-16', events: FIXTURES.receiveCorrection.situation.events };
    expectField(attempt('receiveCorrection', 'awaiting_correction', situation, { on: '2025-10-16' }), 'lateReason', '补正期限为 2025-10-14');
    expect(attempt('receiveCorrection', 'awaiting_correction', situation, { on: '2025-10-16', lateReason: '申请人住院，有证明' })).toMatchObject({ ok: true });
  });

  it('declares 视为放弃 only after the correction period', () => {
    const events = FIXTURES.expireCorrection.situation.events;
    expectRefusal(attempt('expireCorrection', 'awaiting_correction', { today: '2025-10-14', events }, {}), '补正期限（2025-10-14）尚未届满');
  });
});

describe('guards: consultation (第三十二条, 第三十四条)', () => {
  const events = FIXTURES.endConsultation.situation.events;

  it('names the party and the consultee', () => {
    const r = attempt('startConsultation', 'processing', { today: '2025-10-09' }, { on: '2025-10-09', party: 'someone' as 'third_party', consultee: '' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.fields.map((f) => f.field)).toEqual(['consultee', 'party']);
  });

  it('takes silence as silence only after the 15 working days', () => {
    // 15 WD after 10-09 → 10-29
    expectField(attempt('endConsultation', 'consulting', { today: '2025-10-29', events }, { on: '2025-10-29', opinion: 'no_reply' }), 'opinion', '至 2025-10-29）尚未届满');
    expect(attempt('endConsultation', 'consulting', { today: '2025-10-30', events }, { on: '2025-10-30', opinion: 'no_reply' })).toMatchObject({ ok: true });
  });

  it('refuses an end dated before the start', () => {
    expectField(attempt('endConsultation', 'consulting', { today: '2025-10-22', events }, { on: '2025-10-08', opinion: 'agree' }), 'on', '不能早于上一步骤的日期（2025-10-09）');
  });
});

describe('guards: extension (第三十三条)', () => {
  const input = FIXTURES.extend.input;

  it('refuses more than 20 working days', () => {
    expectField(attempt('extend', 'processing', { today: '2025-10-20' }, { ...input, workingDays: 21 }), 'workingDays', '必须是 1 至 20 之间的整数，延长的期限累计不得超过 20 个工作日（条例 第三十三条）');
  });

  it('counts earlier extensions against the 20', () => {
    const events: ClockEvent[] = [{ type: 'extended', on: '2025-10-13', workingDays: 15 }];
    expectField(attempt('extend', 'processing', { today: '2025-10-20', events }, { ...input, workingDays: 6 }), 'workingDays', '1 至 5');
    expect(attempt('extend', 'processing', { today: '2025-10-20', events }, { ...input, workingDays: 5 })).toMatchObject({ ok: true });
    const full: ClockEvent[] = [{ type: 'extended', on: '2025-10-13', workingDays: 20 }];
    expectRefusal(attempt('extend', 'processing', { today: '2025-10-20', events: full }, { ...input, workingDays: 1 }), '达到上限 20 个工作日');
  });

  it('needs the approver and a reason', () => {
    const r = attempt('extend', 'processing', { today: '2025-10-20' }, { ...input, approvedBy: '', reason: '' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.fields.map((f) => f.field)).toEqual(['reason', 'approvedBy']);
  });

  it('cannot revive a period that has run out', () => {
    expectRefusal(attempt('extend', 'processing', { today: '2025-10-24' }, { ...input, on: '2025-10-24' }), '答复期限已于 2025-10-23 届满，不能再延长');
  });

  it('follows a province that allows less', () => {
    const config = resolveRequestsConfig({ maxExtensionWorkingDays: 10 });
    expectField(attempt('extend', 'processing', { today: '2025-10-20', config }, { ...input, workingDays: 11 }), 'workingDays', '1 至 10');
  });
});

describe('guards: excessive requests (第三十五条)', () => {
  it('flags once', () => {
    expectRefusal(attempt('flagExcessive', 'processing', { today: '2025-09-22', isFlaggedExcessive: true }, { reason: '又一次' }), '已标记');
    expectField(attempt('flagExcessive', 'processing', { today: '2025-09-22' }, { reason: '' }), 'reason', '标记理由：必须填写');
  });

  it('asks for reasons only after a flag', () => {
    expectRefusal(attempt('askReasons', 'processing', { today: '2025-09-23' }, { on: '2025-09-23' }), '须先标记');
  });

  it('sets a delay of whole working days, capped if the province says so', () => {
    expectField(attempt('setDelay', 'awaiting_reasons', { today: '2025-09-25' }, { on: '2025-09-25', workingDays: 0, reason: '理由合理' }), 'workingDays', '必须是正整数');
    const config = resolveRequestsConfig({ maxExcessiveDelayWorkingDays: 10 });
    expectField(attempt('setDelay', 'awaiting_reasons', { today: '2025-09-25', config }, { on: '2025-09-25', workingDays: 11, reason: '理由合理' }), 'workingDays', '1 至 10');
  });

  it('declines only with the reason stated', () => {
    expectField(attempt('decline', 'awaiting_reasons', { today: '2025-09-25' }, { on: '2025-09-25', reasonText: '' }), 'reasonText', '第三十五条');
  });
});

describe('guards: fees (109号)', () => {
  const input = FIXTURES.issueFeeNotice.input;

  it('issues a notice only within the reply period, for a positive amount', () => {
    expectRefusal(attempt('issueFeeNotice', 'processing', { today: '2025-10-24' }, { ...input, on: '2025-10-24' }), '答复期限已于 2025-10-23 届满');
    expectField(attempt('issueFeeNotice', 'processing', { today: '2025-10-09' }, { ...input, amountYuan: 0 }), 'amountYuan', '必须是正整数');
    expectField(attempt('issueFeeNotice', 'processing', { today: '2025-10-09' }, { ...input, basis: 'both' as 'per_item' }), 'basis', '按件计收或按量计收');
    expectField(attempt('issueFeeNotice', 'processing', { today: '2025-10-09' }, { ...input, receivedOn: '2025-10-01' }), 'receivedOn', '须在发出日期与今天');
  });

  it('refuses a payment after the deadline', () => {
    const events: ClockEvent[] = [{ type: 'fee_notice_issued', on: '2025-09-22', receivedOn: '2025-09-22' }];
    expectField(attempt('recordPayment', 'awaiting_fee', { today: '2025-10-27', events }, { on: '2025-10-27' }), 'on', '缴费期限已于 2025-10-24 届满');
    expect(attempt('recordPayment', 'awaiting_fee', { today: '2025-10-27', events }, { on: '2025-10-24' })).toMatchObject({ ok: true });
  });

  it('declares 视为放弃 only after the payment deadline', () => {
    const events: ClockEvent[] = [{ type: 'fee_notice_issued', on: '2025-09-22', receivedOn: '2025-09-22' }];
    expectRefusal(attempt('expireFee', 'awaiting_fee', { today: '2025-10-24', events }, {}), '缴费期限（2025-10-24）尚未届满');
  });
});

describe('guards: reply', () => {
  const situation = { today: '2025-10-15' };
  const on = '2025-10-15';

  it('refuses a reply with no outcome', () => {
    expectField(attempt('reply', 'processing', situation, { on, outcome: undefined, content: {} }), 'outcome', '答复类型：必须选择');
  });

  it('refuses 不予公开 with no reason', () => {
    const r = attempt('reply', 'processing', situation, { on, outcome: 'R-WITHHOLD', content: {} });
    expectField(r, 'withholdReasons', '不予公开必须选择理由类别');
    expectField(r, 'reasonText', '不予公开必须说明理由');
  });

  it('accepts 非本机关 with the responsible agency', () => {
    const content = { reasonText: '不属于本机关职责', responsibleAgencyName: '重庆市规划和自然资源局', responsibleAgencyContact: '023-12345678' };
    expect(attempt('reply', 'processing', situation, { on, outcome: 'R-NOTOURS', content })).toMatchObject({ ok: true, outcome: 'R-NOTOURS' });
  });

  it.each([
    ['R-NOCORRECTION', '逾期未补正'],
    ['R-FEEUNPAID', '逾期未缴费'],
    ['R-EXCESSIVE', '不予处理'],
  ])('sends %s to its own step', (outcome, verb) => {
    expectField(attempt('reply', 'processing', situation, { on, outcome, content: { reasonText: '理由' } }), 'outcome', `须通过“${verb}”办理`);
  });

  it('allows 补正后仍不明确 only after a correction', () => {
    expectField(attempt('reply', 'processing', situation, { on, outcome: 'R-UNCLEAR', content: {} }), 'outcome', '应先告知补正');
    const events: ClockEvent[] = [
      { type: 'correction_requested', on: '2025-09-23', dueOn: '2025-10-14' },
      { type: 'correction_received', on: '2025-09-26' },
    ];
    expect(attempt('reply', 'registered', { ...situation, events }, { on, outcome: 'R-UNCLEAR', content: {} })).toMatchObject({ ok: true, to: 'replied' });
  });

  it('answers on the spot straight after registration (第三十三条)', () => {
    expect(attempt('reply', 'registered', { today: '2025-09-19' }, { on: '2025-09-19', outcome: 'R-ALREADY', content: { accessMethod: '政府网站' } })).toMatchObject({ ok: true, to: 'replied' });
  });

  it('refuses a future or impossible date', () => {
    expectField(attempt('reply', 'processing', situation, { on: '2025-10-16', outcome: 'R-NOTEXIST', content: {} }), 'on', '不能晚于今天（2025-10-15）');
    expectField(attempt('reply', 'processing', situation, { on: '2025-02-30', outcome: 'R-NOTEXIST', content: {} }), 'on', '必须是有效日期');
  });
});

describe('guards: register, serve', () => {
  it('refuses a receipt date in the future', () => {
    expectField(attempt('register', 'submitted', { today: '2025-09-19', receivedOn: null }, { receivedOn: '2025-09-20' }), 'receivedOn', '不能晚于今天');
  });

  it('refuses service before the reply or without the date its mode needs', () => {
    const situation = { today: '2025-10-20', repliedOn: '2025-10-15' };
    expectField(attempt('serve', 'replied', situation, { mode: 'direct', dates: { signedOn: '2025-10-14' } }), 'signedOn', '不能早于答复日期（2025-10-15）');
    expectField(attempt('serve', 'replied', situation, { mode: 'post', dates: { signedOn: '2025-10-16' } }), 'postedOn', '交邮之日');
    expectField(attempt('serve', 'replied', situation, { mode: 'direct', dates: { signedOn: '2025-10-21' } }), 'signedOn', '不能晚于今天');
    expectField(attempt('serve', 'replied', situation, { mode: 'pigeon' as 'post', dates: {} }), 'mode', '送达方式：必须选择');
  });
});

describe('the browser flow of issue 5, verb by verb', () => {
  it('moves from application to archive with the hand-computed due dates', () => {
    let state: RequestState = 'submitted';
    let receivedOn: string | null = null;
    let repliedOn: string | null = null;
    const events: ClockEvent[] = [];
    const step = <V extends RequestVerb>(verb: V, today: string, input: VerbInputs[V]) => {
      const result = attemptTransition(verb, factsOf(state, { today, receivedOn, events, repliedOn }), input);
      if (!result.ok) throw new Error(`${verb}: ${result.reason}`);
      state = result.to;
      if (result.event) events.push(result.event);
      if (verb === 'register') receivedOn = result.on;
      if (result.outcome) repliedOn = result.on;
      return computeClock({ receivedOn, events, overrides, config: NATIONAL_REQUESTS_CONFIG });
    };

    // 1. Applied online and confirmed with the citizen on Fri 09-19: due 10-23.
    expect(step('register', '2025-09-19', { receivedOn: '2025-09-19' }).dueDate).toBe('2025-10-23');
    // 2. 补正 asked on 09-23 (by 09-29), corrected on 09-26: the 20 days restart, due 10-30.
    expect(step('requestCorrection', '2025-09-23', { on: '2025-09-23', items: '请写明文号', dueOn: '2025-10-14' }).dueDate).toBeNull();
    expect(step('receiveCorrection', '2025-09-26', { on: '2025-09-26' }).dueDate).toBe('2025-10-30');
    step('accept', '2025-09-29', {});
    // 3. Third party consulted 10-09, answered 10-22: 10 working days paused, due 11-13.
    expect(step('startConsultation', '2025-10-09', { on: '2025-10-09', party: 'third_party', consultee: '某公司' }).status).toBe('paused');
    expect(step('endConsultation', '2025-10-22', { on: '2025-10-22', opinion: 'object' }).dueDate).toBe('2025-11-13');
    // 4. Extended by 20 on 11-05: due 12-11. Replied 部分公开 on 12-03, signed for on 12-04.
    expect(step('extend', '2025-11-05', { on: '2025-11-05', workingDays: 20, reason: '需调取档案', approvedBy: '王主任' }).dueDate).toBe('2025-12-11');
    expect(state).toBe('processing');
    step('reply', '2025-12-03', { on: '2025-12-03', outcome: 'R-PARTIAL', content: { providedInformation: '批复', withholdReasons: ['EX15-THIRD'], reasonText: '第三方不同意公开' } });
    expect(state).toBe('replied');
    step('serve', '2025-12-04', { mode: 'direct', dates: { signedOn: '2025-12-04' } });
    step('archive', '2025-12-05', {});
    expect(state).toBe('archived');
  });
});
