import { describe, expect, it } from 'vitest';
import type { DayKind } from '../../platform/calendar/workdays.ts';
import {
  addMonths,
  agencyDues,
  centerDue,
  classifyDue,
  compositeScore,
  computeDue,
  dispatchDue,
  endOfShanghaiDay,
  extendDue,
  formatRate,
  isOnTime,
  mailboxFigures,
  onTimeClosureRate,
  resolutionRate,
  responseRate,
  satisfactionFormula,
  satisfactionRate,
  serviceNotice,
} from './deadlines.ts';
import { DEFAULT_HOTLINE_CONFIG as config, hours, resolveHotlineConfig, workdays } from './hotline.config.ts';

// 国庆/中秋 2025 (国办发明电〔2024〕12号): 10-01..10-08 off; Sunday 09-28 and Saturday 10-11 are workdays.
const overrides = new Map<string, DayKind>([
  ...['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07', '2025-10-08'].map((d) => [d, 'holiday'] as [string, DayKind]),
  ['2025-09-28', 'workday'],
  ['2025-10-11', 'workday'],
]);
const at = (s: string) => new Date(s);
const H = 3_600_000;

describe('due instants', () => {
  it('ends a working-day limit at 24:00 Shanghai time on the last working day', () => {
    expect(endOfShanghaiDay('2025-10-11').toISOString()).toBe('2025-10-11T15:59:59.999Z');
    const due = computeDue(at('2025-09-30T15:00:00+08:00'), workdays(3), overrides);
    // 10-01..10-08 off, 10-09 (1), 10-10 (2), Saturday 10-11 is a make-up workday (3)
    expect(due.lastDay).toBe('2025-10-11');
    expect(due.dueAt.toISOString()).toBe('2025-10-11T15:59:59.999Z');
  });
  it('counts 15 working days for a complaint across 国庆', () => {
    const d = agencyDues(at('2025-09-19T09:00:00+08:00'), 'complaint', 'normal', config, overrides);
    expect(d.handle.lastDay).toBe('2025-10-16');
    expect(d.sign.dueAt.toISOString()).toBe('2025-09-20T01:00:00.000Z');
    expect(d.contact.dueAt.getTime() - d.sign.startedAt.getTime()).toBe(48 * H);
    expect(d.returnWindow.dueAt.getTime()).toBe(d.sign.dueAt.getTime());
  });
  it('starts counting from the Shanghai calendar date, not the UTC one', () => {
    // 2025-10-09T16:30Z is 00:30 on Friday 10-10 in Shanghai; one working day later is the make-up Saturday
    expect(computeDue(at('2025-10-09T16:30:00Z'), workdays(1), overrides).lastDay).toBe('2025-10-11');
    expect(computeDue(at('2025-10-09T15:30:00Z'), workdays(1), overrides).lastDay).toBe('2025-10-10');
  });
  it('uses plain hours for hour limits, around the clock', () => {
    const d = dispatchDue(at('2025-10-01T23:30:00+08:00'), 'urgent', config, overrides);
    expect(d.dueAt.toISOString()).toBe('2025-10-01T16:30:00.000Z');
    expect(d.lastDay).toBeNull();
    expect(dispatchDue(at('2025-10-01T23:30:00+08:00'), 'normal', config, overrides).dueAt.getTime() - at('2025-10-01T23:30:00+08:00').getTime()).toBe(24 * H);
  });
  it('sets the urgent 求助 limit in hours and the 咨询 limit in working days', () => {
    const start = at('2025-10-10T09:00:00+08:00');
    expect(agencyDues(start, 'help', 'urgent', config, overrides).handle.dueAt.getTime()).toBe(start.getTime() + 24 * H);
    expect(agencyDues(start, 'consultation', 'normal', config, overrides).handle.lastDay).toBe('2025-10-14');
  });
  it('extends from the old last day, turning an hour clock into a day clock', () => {
    const d = computeDue(at('2025-09-19T09:00:00+08:00'), workdays(15), overrides);
    const e = extendDue(d, 5, overrides);
    expect(e.lastDay).toBe('2025-10-23');
    expect(e.extendedWorkdays).toBe(5);
    expect(extendDue(e, 1, overrides).extendedWorkdays).toBe(6);
    const h = extendDue(computeDue(at('2025-10-20T10:00:00+08:00'), hours(24), overrides), 1, overrides);
    expect(h.lastDay).toBe('2025-10-22');
  });
  it('is on time up to and including the due instant', () => {
    const d = computeDue(at('2025-10-20T10:00:00+08:00'), hours(24), overrides);
    expect(isOnTime(d.dueAt, d)).toBe(true);
    expect(isOnTime(new Date(d.dueAt.getTime() + 1), d)).toBe(false);
    expect(isOnTime(new Date(d.dueAt.getTime() - 1), d.dueAt)).toBe(true);
  });
  it('computes the center clocks and rejects a bad start', () => {
    expect(centerDue('callback', at('2025-09-30T10:00:00+08:00'), config, overrides).lastDay).toBe('2025-10-10');
    expect(centerDue('returnReview', at('2025-09-30T10:00:00+08:00'), config, overrides).dueAt.toISOString()).toBe('2025-09-30T06:00:00.000Z');
    expect(() => computeDue(new Date('nope'), hours(1), overrides)).toThrow(RangeError);
  });
  it('tells the citizen what to expect', () => {
    expect(serviceNotice('complaint', 'normal', config)).toBe('承办单位将在派单后 15 个工作日内办理并答复（法定节假日顺延）。');
  });
});

describe('near-due and overdue', () => {
  const day = computeDue(at('2025-09-19T09:00:00+08:00'), workdays(15), overrides); // last day 10-16 (Thursday)
  it.each([
    ['2025-10-13T10:00:00+08:00', 'normal', '剩余 3 个工作日'],
    ['2025-10-15T10:00:00+08:00', 'near_due', '剩余 1 个工作日'],
    ['2025-10-16T23:59:00+08:00', 'near_due', '今日到期'],
    ['2025-10-17T09:00:00+08:00', 'overdue', '已超期 1 个工作日'],
    ['2025-10-18T09:00:00+08:00', 'overdue', '已超期 1 个工作日'],
    ['2025-10-21T09:00:00+08:00', 'overdue', '已超期 3 个工作日'],
  ])('working days at %s: %s %s', (now, status, label) => {
    expect(classifyDue(day, at(now), config, overrides)).toMatchObject({ status, label });
  });
  it('says 已超期 on the weekend right after a Friday deadline', () => {
    const fri = computeDue(at('2025-10-16T09:00:00+08:00'), workdays(1), overrides); // Friday 10-17
    expect(classifyDue(fri, at('2025-10-18T09:00:00+08:00'), config, overrides)).toMatchObject({ status: 'overdue', label: '已超期' });
  });
  const hour = computeDue(at('2025-10-20T10:00:00+08:00'), hours(24), overrides);
  it.each([
    [12 * H, 'normal', '剩余 12 小时'],
    [18.5 * H, 'near_due', '剩余 5 小时 30 分'],
    [23.25 * H, 'near_due', '剩余 45 分钟'],
    [25.5 * H, 'overdue', '已超期 1 小时 30 分'],
  ])('hours after %d ms: %s %s', (elapsed, status, label) => {
    const r = classifyDue(hour, new Date(hour.startedAt.getTime() + elapsed), config, overrides);
    expect(r).toMatchObject({ status, label });
    expect(r.remainingMs).toBe(24 * H - elapsed);
  });
  it('uses the configured near-due thresholds', () => {
    const strict = resolveHotlineConfig({ nearDue: { workdaysLeft: 3, hoursFraction: 0.5 } });
    expect(classifyDue(day, at('2025-10-13T10:00:00+08:00'), strict, overrides).status).toBe('near_due');
    expect(classifyDue(hour, new Date(hour.startedAt.getTime() + 12 * H), strict, overrides).status).toBe('near_due');
  });
});

describe('三率', () => {
  const now = at('2025-10-20T12:00:00+08:00');
  const due = (h: number) => new Date(now.getTime() + h * H);
  it('响应率 counts tickets signed and contacted in time, over those that are due or done', () => {
    const r = responseRate(
      [
        { signedAt: due(-30), contactedAt: due(-20), signDueAt: due(-10), contactDueAt: due(-5) }, // in time
        { signedAt: due(-5), contactedAt: due(-4), signDueAt: due(-10), contactDueAt: due(-3) }, // signed late
        { signedAt: null, contactedAt: null, signDueAt: due(-1), contactDueAt: due(20) }, // sign overdue
        { signedAt: null, contactedAt: null, signDueAt: due(5), contactDueAt: due(20) }, // not yet due
        { signedAt: due(-2), contactedAt: null, signDueAt: due(5), contactDueAt: due(20) }, // contact pending
        { signedAt: due(-2), contactedAt: due(-1), signDueAt: due(5), contactDueAt: due(-1.5) }, // contacted late
      ],
      now,
    );
    expect(r).toMatchObject({ numerator: 1, denominator: 4, value: 0.25 });
    expect(r.formula).toContain('响应率 = 按时签收且按时先行联系的工单数 ÷ 应响应工单数');
    expect(formatRate(r)).toBe('25.0%');
  });
  it('解决率 and 满意率 from callbacks, leaving out tickets not rated', () => {
    const calls = [
      { satisfaction: 'satisfied' as const, resolution: 'resolved' as const },
      { satisfaction: 'basically_satisfied' as const, resolution: 'resolved' as const },
      { satisfaction: 'dissatisfied' as const, resolution: 'unresolved' as const },
      { satisfaction: null, resolution: null },
    ];
    expect(resolutionRate(calls)).toMatchObject({ numerator: 2, denominator: 3 });
    const s = satisfactionRate(calls, config.rates.satisfactionWeights);
    expect(s).toMatchObject({ numerator: 2, denominator: 3 });
    expect(s.formula).toBe('满意率 = （满意件数 + 基本满意件数） ÷ 参评工单数 × 100%（参评工单：已回访并记录满意度的工单）');
    const weighted = satisfactionRate(calls, { satisfied: 1, basically_satisfied: 0.8, dissatisfied: 0 });
    expect(weighted.numerator).toBeCloseTo(1.8);
    expect(weighted.formula).toContain('基本满意件数 × 0.8');
    expect(satisfactionFormula({ satisfied: 1, basically_satisfied: 0, dissatisfied: 0 })).toMatch(/^满意率 = 满意件数 ÷/);
  });
  it('shows — when nothing was counted', () => {
    const r = resolutionRate([]);
    expect(r.value).toBeNull();
    expect(formatRate(r)).toBe('—');
  });
  it('按时办结率', () => {
    const r = onTimeClosureRate(
      [
        { repliedAt: due(-10), handleDueAt: due(-5) },
        { repliedAt: due(-1), handleDueAt: due(-5) },
        { repliedAt: null, handleDueAt: due(-1) },
        { repliedAt: null, handleDueAt: due(10) },
      ],
      now,
    );
    expect(r).toMatchObject({ numerator: 1, denominator: 3 });
  });
  it('综合得分 weighs the three rates, skipping one with nothing counted', () => {
    const rate = (value: number | null) => ({ key: 'response' as const, name: '', numerator: 0, denominator: value === null ? 0 : 1, value, formula: '' });
    const w = config.rates.compositeWeights;
    expect(compositeScore({ response: rate(1), resolution: rate(0.8), satisfaction: rate(0.9) }, w).score).toBe(89.5);
    expect(compositeScore({ response: rate(null), resolution: rate(0.8), satisfaction: rate(0.9) }, w).score).toBe(85);
    const none = compositeScore({ response: rate(null), resolution: rate(null), satisfaction: rate(null) }, w);
    expect(none.score).toBeNull();
    expect(none.formula).toContain('响应率 × 30% + 解决率 × 35% + 满意率 × 35%');
  });
});

describe('市长信箱 figures', () => {
  it('adds months, clamping to the month end', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-11-30', 3)).toBe('2026-02-28');
    expect(addMonths('2025-10-20', -12)).toBe('2024-10-20');
  });
  it('computes the share answered within 5 working days, the oldest unanswered and the veto letters', () => {
    const now = at('2025-10-20T12:00:00+08:00');
    const f = mailboxFigures(
      [
        { id: 'a', receivedAt: at('2025-10-09T10:00:00+08:00'), answeredAt: at('2025-10-15T10:00:00+08:00') }, // 5 working days (make-up Saturday included)
        { id: 'b', receivedAt: at('2025-09-26T10:00:00+08:00'), answeredAt: at('2025-10-13T10:00:00+08:00') }, // 7 working days
        { id: 'c', receivedAt: at('2025-10-17T10:00:00+08:00'), answeredAt: null }, // 1 working day so far: not counted
        { id: 'd', receivedAt: at('2025-06-01T10:00:00+08:00'), answeredAt: null }, // waiting > 3 months
        { id: 'e', receivedAt: at('2024-01-02T10:00:00+08:00'), answeredAt: at('2024-06-01T10:00:00+08:00') }, // late, but over a year ago
      ],
      now,
      config,
      overrides,
    );
    expect(f.answeredWithin).toMatchObject({ numerator: 1, denominator: 4 });
    expect(f.answeredWithin.formula).toContain('5 个工作日内答复率');
    expect(f.oldestUnanswered).toMatchObject({ id: 'd', days: 141 });
    expect(f.vetoLetters).toEqual(['d']);
  });
  it('has no oldest letter when all are answered', () => {
    expect(mailboxFigures([], new Date(), config, overrides)).toMatchObject({ oldestUnanswered: null, vetoLetters: [] });
  });
});
