import { describe, expect, it } from 'vitest';
import { addWorkingDays } from '../../platform/calendar/workdays.ts';
import {
  computeClock,
  correctionNoticeDeadlineOf,
  deadlineStatusOn,
  defaultCorrectionDueOn,
  receiptDateOf,
  serviceDateOf,
  timelinessOf,
  type ClockEvent,
  type ReceiptDates,
} from './deadlines.ts';
import { NATIONAL_REQUESTS_CONFIG, resolveRequestsConfig } from './requests.config.ts';
import { GUOQING_2025 as overrides } from './requests.testing.ts';
import type { Channel } from './taxonomy.ts';

const config = NATIONAL_REQUESTS_CONFIG;

// The calendar around 国庆 2025, working days marked *:
//   Sep  19 Fri*  22 Mon* 23* 24* 25* 26 Fri*  27 Sat  28 Sun* (调休)  29 Mon* 30 Tue*
//   Oct  01–08 holiday   09 Thu* 10 Fri* 11 Sat* (调休)  13–17*  20–24*  27–31*
//   Nov  03–07*  10–14*  17–21*  24–28*     Dec  01–05*  08–12*

describe('the receipt date per channel (条例 第三十一条, 207号)', () => {
  const all: ReceiptDates = { submittedOn: '2025-09-01', signedOn: '2025-09-02', confirmedOn: '2025-09-03', systemReceivedOn: '2025-09-04' };
  it.each<[Channel, string]>([
    ['in_person', '2025-09-01'], // 当面: 提交之日
    ['post', '2025-09-02'], // 邮寄: 签收之日
    ['ordinary_letter', '2025-09-03'], // 平信: 确认之日
    ['online', '2025-09-03'], // 网络: 双方确认之日
    ['fax', '2025-09-03'], // 传真: 双方确认之日
    ['email', '2025-09-04'], // 电子邮件: 系统接收之日
  ])('%s counts from %s', (channel, date) => {
    expect(receiptDateOf(channel, all, config)).toMatchObject({ ok: true, date });
  });

  it('lets a province read e-mail as 双方确认之日', () => {
    const c = resolveRequestsConfig({ emailReceipt: 'confirmed' });
    expect(receiptDateOf('email', all, c)).toMatchObject({ ok: true, date: '2025-09-03', basis: 'confirmed' });
  });

  it.each<[Channel, keyof ReceiptDates, string]>([
    ['in_person', 'submittedOn', '提交之日'],
    ['post', 'signedOn', '签收之日'],
    ['ordinary_letter', 'confirmedOn', '双方确认之日'],
    ['online', 'confirmedOn', '双方确认之日'],
    ['fax', 'confirmedOn', '双方确认之日'],
    ['email', 'systemReceivedOn', '系统接收之日'],
  ])('%s without its date has not started: it names %s', (channel, field, words) => {
    const r = receiptDateOf(channel, { submittedOn: channel === 'in_person' ? null : '2025-09-01' }, config);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.field).toBe(field);
      expect(r.message).toContain(words);
    }
  });

  it('refuses an impossible date', () => {
    expect(receiptDateOf('in_person', { submittedOn: '2025-02-30' }, config)).toMatchObject({ ok: false, field: 'submittedOn' });
  });
});

describe('the browser flow of issue 5 across 国庆 2025', () => {
  // 1. A citizen applies online; the clerk confirms with the citizen the same day: receipt 2025-09-19 (Fri).
  const receivedOn = '2025-09-19';

  it('1. starts at 20 working days and a 7-day 补正 window', () => {
    const clock = computeClock({ receivedOn, events: [], overrides, config });
    // 20 WD after 09-19: 22 23 24 25 26 (5), 28 29 30 (8), [10-01..08 off], 09 10 11 (11), 13–17 (16), 20 21 22 23 (20)
    expect(clock.dueDate).toBe('2025-10-23');
    expect(clock.baseDueDate).toBe('2025-10-23');
    // 7 WD after 09-19: 22 23 24 25 26 (5), 28 Sun 调休 (6), 29 (7)
    expect(clock.correctionNoticeDeadline).toBe('2025-09-29');
    expect(clock.status).toBe('running');
    expect(clock.segments).toEqual([{ kind: 'period', from: '2025-09-22', to: '2025-10-23', workingDays: 20 }]);
  });

  // 2. The clerk asks for 补正 on 09-23 (within 09-29) with a period to 10-14; the citizen corrects on 09-26.
  const correction: ClockEvent[] = [
    { type: 'correction_requested', on: '2025-09-23', dueOn: '2025-10-14' },
    { type: 'correction_received', on: '2025-09-26' },
  ];

  it('2a. has no due date while the correction is awaited', () => {
    const clock = computeClock({ receivedOn, events: correction.slice(0, 1), overrides, config });
    expect(clock.status).toBe('awaiting_correction');
    expect(clock.dueDate).toBeNull();
    expect(clock.correctionDueOn).toBe('2025-10-14');
    expect(deadlineStatusOn(clock, '2025-09-24', overrides, config).label).toBe('待补正（补正期限 2025-10-14）');
  });

  it('2b. restarts the full 20 working days from the corrected receipt (第三十条)', () => {
    const clock = computeClock({ receivedOn, events: correction, overrides, config });
    // 20 WD after 09-26: 28 29 30 (3), 10-09 10 11 (6), 13–17 (11), 20–24 (16), 27 28 29 30 (20)
    expect(clock.dueDate).toBe('2025-10-30');
    expect(clock.countsFrom).toBe('2025-09-26');
    expect(clock.originalReceivedOn).toBe('2025-09-19');
    // a second 补正 would be due 7 WD after 09-26: 28 29 30 (3), 10-09 10 11 (6), 13 (7)
    expect(clock.correctionNoticeDeadline).toBe('2025-10-13');
    expect(clock.correctionsReceived).toBe(1);
    expect(clock.segments[0]).toEqual({ kind: 'correction', from: '2025-09-19', to: '2025-09-26', workingDays: 5 });
  });

  // 3. After acceptance the clerk writes to a third party on 10-09 (Thu).
  const consulting: ClockEvent[] = [...correction, { type: 'consultation_started', on: '2025-10-09', party: 'third_party' }];

  it('3a. while the consultation is open, projects the due date with the full 15-day pause', () => {
    const clock = computeClock({ receivedOn, events: consulting, overrides, config });
    // counted before the pause: 09-28 29 30, 10-09 (4); the letter's day still counts.
    // paused 15 WD after 10-09: 10 11 (2), 13–17 (7), 20–24 (12), 27 28 29 (15) → to 10-29
    // the remaining 16: 10-30 31 (2), 11-03–07 (7), 10–14 (12), 17 18 19 20 (16) → 11-20
    expect(clock.status).toBe('paused');
    expect(clock.isProjected).toBe(true);
    expect(clock.dueDate).toBe('2025-11-20');
    expect(clock.segments.slice(1)).toEqual([
      { kind: 'period', from: '2025-09-28', to: '2025-10-09', workingDays: 4 },
      { kind: 'pause', pause: 'third_party', from: '2025-10-10', to: '2025-10-29', workingDays: 15, open: true },
      { kind: 'period', from: '2025-10-30', to: '2025-11-20', workingDays: 16 },
    ]);
    // on 10-15 nothing more has been used: 20 − 4 = 16 left, and the chip says the clock is stopped
    expect(deadlineStatusOn(clock, '2025-10-15', overrides, config)).toMatchObject({ kind: 'on_time', workingDaysRemaining: 16, isPaused: true, label: '剩余 16 个工作日（暂停计时）' });
  });

  // The third party answers on 10-22: the pause is (10-09, 10-22] = 10 WD.
  const consulted: ClockEvent[] = [...consulting, { type: 'consultation_ended', on: '2025-10-22' }];

  it('3b. moves the due date by exactly the 10 paused working days', () => {
    const clock = computeClock({ receivedOn, events: consulted, overrides, config });
    // paused: 10 11 (2), 13–17 (7), 20 21 22 (10)
    // due = addWorkingDays(09-26, 20 + 10) = 10-30 + 10 WD: 31 (1), 11-03–07 (6), 10 11 12 13 (10) → 11-13
    expect(clock.pausedWorkingDays).toBe(10);
    expect(clock.dueDate).toBe('2025-11-13');
    expect(clock.dueDate).toBe(addWorkingDays('2025-09-26', 30, overrides));
    expect(clock.status).toBe('running');
    expect(clock.segments.slice(2)).toEqual([
      { kind: 'pause', pause: 'third_party', from: '2025-10-10', to: '2025-10-22', workingDays: 10, open: false },
      { kind: 'period', from: '2025-10-23', to: '2025-11-13', workingDays: 16 },
    ]);
  });

  // 4. On 11-05 the head of the office approves a 20-working-day extension; the clerk replies 部分公开 on 12-03.
  const extended: ClockEvent[] = [...consulted, { type: 'extended', on: '2025-11-05', workingDays: 20 }];

  it('4a. adds the extension after the period', () => {
    const clock = computeClock({ receivedOn, events: extended, overrides, config });
    // 20 WD after 11-13: 14 (1), 17–21 (6), 24–28 (11), 12-01–05 (16), 08 09 10 11 (20) → 12-11
    expect(clock.dueDate).toBe('2025-12-11');
    expect(clock.dueDate).toBe(addWorkingDays('2025-09-26', 20 + 10 + 20, overrides));
    expect(clock.extensionWorkingDays).toBe(20);
    expect(clock.extensionWorkingDaysLeft).toBe(0);
    expect(clock.segments[clock.segments.length - 1]).toEqual({ kind: 'extension', from: '2025-11-14', to: '2025-12-11', workingDays: 20 });
  });

  it('4b. shows the deadline chip along the way', () => {
    const clock = computeClock({ receivedOn, events: extended, overrides, config });
    // on 12-03: 04 05 08 09 10 11 are left
    expect(deadlineStatusOn(clock, '2025-12-03', overrides, config)).toMatchObject({ kind: 'on_time', workingDaysRemaining: 6, isDueSoon: false, label: '剩余 6 个工作日' });
    expect(deadlineStatusOn(clock, '2025-12-08', overrides, config)).toMatchObject({ workingDaysRemaining: 3, isDueSoon: true });
    expect(deadlineStatusOn(clock, '2025-12-11', overrides, config)).toMatchObject({ kind: 'due_today', label: '今日到期', isDueSoon: true });
    // 12-12 Fri is one working day late; 12-13 Sat adds none
    expect(deadlineStatusOn(clock, '2025-12-12', overrides, config)).toMatchObject({ kind: 'overdue', workingDaysOverdue: 1, label: '已逾期 1 个工作日' });
    expect(deadlineStatusOn(clock, '2025-12-13', overrides, config)).toMatchObject({ kind: 'overdue', workingDaysOverdue: 1 });
  });

  it('5. the reply served on 12-04 (signed by the citizen) was answered in time', () => {
    const clock = computeClock({ receivedOn, events: extended, overrides, config });
    const served = serviceDateOf('direct', { signedOn: '2025-12-04' });
    expect(served).toEqual({ ok: true, date: '2025-12-04' });
    if (served.ok && clock.dueDate) expect(timelinessOf(served.date, clock.dueDate, overrides)).toEqual({ isInTime: true, workingDaysLate: 0 });
  });
});

describe('pauses', () => {
  const receivedOn = '2025-09-19'; // base due 10-23

  it('excludes nothing for a consultation that ends the day it starts', () => {
    const clock = computeClock({
      receivedOn,
      events: [
        { type: 'consultation_started', on: '2025-09-24', party: 'co_producer' },
        { type: 'consultation_ended', on: '2025-09-24' },
      ],
      overrides,
      config,
    });
    expect(clock.pausedWorkingDays).toBe(0);
    expect(clock.dueDate).toBe('2025-10-23');
  });

  it('excludes no more than the consultee’s 15 working days; the rest is the agency’s time', () => {
    const clock = computeClock({
      receivedOn,
      events: [
        { type: 'consultation_started', on: '2025-09-22', party: 'third_party' },
        // 15 WD after 09-22 is 10-13 (23 24 25 26 28 29 30 09 10 11 13); the answer comes on 10-24
        { type: 'consultation_ended', on: '2025-10-24' },
      ],
      overrides,
      config,
    });
    expect(clock.pausedWorkingDays).toBe(15);
    expect(clock.dueDate).toBe(addWorkingDays(receivedOn, 35, overrides));
  });

  it('does not move a due date that passed before the consultation began', () => {
    const clock = computeClock({
      receivedOn,
      events: [
        { type: 'consultation_started', on: '2025-10-24', party: 'third_party' },
        { type: 'consultation_ended', on: '2025-10-31' },
      ],
      overrides,
      config,
    });
    expect(clock.dueDate).toBe('2025-10-23');
    expect(clock.pausedWorkingDays).toBe(0);
  });

  it('sums several consultations and shows each as its own segment', () => {
    const clock = computeClock({
      receivedOn: '2025-11-03', // Mon; base due 12-01
      events: [
        { type: 'consultation_started', on: '2025-11-04', party: 'third_party' },
        { type: 'consultation_ended', on: '2025-11-06' }, // 05 06 → 2
        { type: 'consultation_started', on: '2025-11-06', party: 'co_producer' },
        { type: 'consultation_ended', on: '2025-11-10' }, // 07 10 → 2
      ],
      overrides,
      config,
    });
    expect(clock.pausedWorkingDays).toBe(4);
    expect(clock.dueDate).toBe(addWorkingDays('2025-11-03', 24, overrides));
    expect(clock.segments.filter((s) => s.kind === 'pause')).toEqual([
      { kind: 'pause', pause: 'third_party', from: '2025-11-05', to: '2025-11-06', workingDays: 2, open: false },
      { kind: 'pause', pause: 'co_producer', from: '2025-11-07', to: '2025-11-10', workingDays: 2, open: false },
    ]);
  });

  it('keeps the clock running while a fee is unpaid, unless the province says otherwise', () => {
    const events: ClockEvent[] = [
      { type: 'fee_notice_issued', on: '2025-11-04', receivedOn: '2025-11-05' },
      { type: 'fee_paid', on: '2025-11-07' },
    ];
    const national = computeClock({ receivedOn: '2025-11-03', events, overrides, config });
    expect(national.dueDate).toBe(addWorkingDays('2025-11-03', 20, overrides));
    const paused = computeClock({ receivedOn: '2025-11-03', events, overrides, config: resolveRequestsConfig({ pauseClockWhileAwaitingFee: true }) });
    // (11-05, 11-07] = 06 07 → 2
    expect(paused.dueDate).toBe(addWorkingDays('2025-11-03', 22, overrides));
  });

  it('gives the fee payment deadline of an open notice: 20 WD from the day after receipt', () => {
    const clock = computeClock({ receivedOn: '2025-09-19', events: [{ type: 'fee_notice_issued', on: '2025-09-22', receivedOn: '2025-09-24' }], overrides, config });
    // 25 26 28 29 30 (5), 10-09 10 11 (8), 13–17 (13), 20–24 (18), 27 28 (20)
    expect(clock.openFeeNotice).toEqual({ issuedOn: '2025-09-22', payBy: '2025-10-28' });
  });

  it('adds a 第三十五条 delay after the period and any extension', () => {
    const clock = computeClock({
      receivedOn: '2025-11-03',
      events: [
        { type: 'extended', on: '2025-11-10', workingDays: 5 },
        { type: 'delay_set', on: '2025-11-12', workingDays: 10 },
      ],
      overrides,
      config,
    });
    expect(clock.dueDate).toBe(addWorkingDays('2025-11-03', 35, overrides));
    expect(clock.segments.map((s) => [s.kind, s.workingDays])).toEqual([
      ['period', 20],
      ['extension', 5],
      ['delay', 10],
    ]);
  });
});

describe('corrections', () => {
  it('restarts from the last corrected receipt when asked twice, dropping nothing but the old count', () => {
    const clock = computeClock({
      receivedOn: '2025-11-03',
      events: [
        { type: 'correction_requested', on: '2025-11-04', dueOn: '2025-11-20' },
        { type: 'correction_received', on: '2025-11-10' },
        { type: 'correction_requested', on: '2025-11-11', dueOn: '2025-11-28' },
        { type: 'correction_received', on: '2025-11-17' },
      ],
      overrides,
      config,
    });
    expect(clock.countsFrom).toBe('2025-11-17');
    expect(clock.correctionsReceived).toBe(2);
    expect(clock.dueDate).toBe(addWorkingDays('2025-11-17', 20, overrides));
    expect(clock.segments.filter((s) => s.kind === 'correction').map((s) => [s.from, s.to])).toEqual([
      ['2025-11-03', '2025-11-10'],
      ['2025-11-10', '2025-11-17'],
    ]);
  });

  it('computes the notice deadline and a default period', () => {
    expect(correctionNoticeDeadlineOf('2025-09-19', overrides, config)).toBe('2025-09-29');
    // 15 WD after 09-23: 24 25 26 28 29 30 (6), 10-09 10 11 (9), 13–17 (14), 20 (15)
    expect(defaultCorrectionDueOn('2025-09-23', overrides, config)).toBe('2025-10-20');
  });
});

describe('deadline status', () => {
  it('has none before the receipt date is known', () => {
    const clock = computeClock({ receivedOn: null, events: [], overrides, config });
    expect(clock.status).toBe('not_started');
    expect(deadlineStatusOn(clock, '2025-09-19', overrides, config)).toMatchObject({ kind: 'not_started', workingDaysRemaining: null });
  });

  it('says 已逾期 without a number on the day off right after the due date', () => {
    const clock = computeClock({ receivedOn: '2025-09-19', events: [], overrides, config }); // due Thu 10-23
    const fri = computeClock({ receivedOn: '2025-09-22', events: [], overrides, config }); // due Fri 10-24
    expect(fri.dueDate).toBe('2025-10-24');
    expect(deadlineStatusOn(fri, '2025-10-25', overrides, config)).toMatchObject({ kind: 'overdue', workingDaysOverdue: 0, label: '已逾期' });
    expect(deadlineStatusOn(clock, '2025-10-27', overrides, config)).toMatchObject({ workingDaysOverdue: 2 });
  });
});

describe('impossible histories are refused', () => {
  it.each<[string, ClockEvent[]]>([
    ['out of order', [{ type: 'extended', on: '2025-10-01', workingDays: 5 }, { type: 'extended', on: '2025-09-30', workingDays: 5 }]],
    ['before the receipt', [{ type: 'extended', on: '2025-09-01', workingDays: 5 }]],
    ['an end without a start', [{ type: 'consultation_ended', on: '2025-09-22' }]],
    ['two open consultations', [{ type: 'consultation_started', on: '2025-09-22', party: 'third_party' }, { type: 'consultation_started', on: '2025-09-23', party: 'co_producer' }]],
    ['a correction received that was never asked for', [{ type: 'correction_received', on: '2025-09-22' }]],
    ['anything else while a correction is awaited', [{ type: 'correction_requested', on: '2025-09-22', dueOn: '2025-10-10' }, { type: 'extended', on: '2025-09-23', workingDays: 5 }]],
    ['a zero extension', [{ type: 'extended', on: '2025-09-22', workingDays: 0 }]],
    ['payment without a notice', [{ type: 'fee_paid', on: '2025-09-22' }]],
  ])('%s', (_name, events) => {
    expect(() => computeClock({ receivedOn: '2025-09-19', events, overrides, config })).toThrow(RangeError);
  });

  it('refuses events before the receipt date is known', () => {
    expect(() => computeClock({ receivedOn: null, events: [{ type: 'extended', on: '2025-09-22', workingDays: 1 }], overrides, config })).toThrow('尚未确定收到申请之日');
  });
});

describe('service and timeliness (235号)', () => {
  it.each([
    ['direct', { signedOn: '2025-12-04' }, '2025-12-04'],
    ['entrusted', { signedOn: '2025-12-05' }, '2025-12-05'],
    ['post', { postedOn: '2025-12-11', signedOn: '2025-12-15' }, '2025-12-11'],
    ['electronic', { deliveredOn: '2025-12-03' }, '2025-12-03'],
  ] as const)('%s is served on %j → %s', (mode, dates, date) => {
    expect(serviceDateOf(mode, dates)).toEqual({ ok: true, date });
  });

  it('names the missing date for the mode', () => {
    expect(serviceDateOf('post', { signedOn: '2025-12-04' })).toMatchObject({ ok: false, field: 'postedOn', message: expect.stringContaining('交邮之日') });
    expect(serviceDateOf('direct', {})).toMatchObject({ ok: false, field: 'signedOn', message: expect.stringContaining('签收之日') });
  });

  it('counts a letter posted on the due date as in time, even if it arrives later', () => {
    expect(timelinessOf('2025-12-11', '2025-12-11', overrides)).toEqual({ isInTime: true, workingDaysLate: 0 });
    expect(timelinessOf('2025-12-15', '2025-12-11', overrides)).toEqual({ isInTime: false, workingDaysLate: 2 });
  });
});
