import { describe, expect, it } from 'vitest';
import { NATIONAL_REQUESTS_CONFIG, RequestsConfigError, resolveRequestsConfig, type RequestsConfig } from './requests.config.ts';

describe('national defaults', () => {
  it.each<[keyof RequestsConfig, unknown]>([
    ['replyWorkingDays', 20], // 条例 第三十三条
    ['maxExtensionWorkingDays', 20], // 条例 第三十三条
    ['correctionNoticeWorkingDays', 7], // 条例 第三十条
    ['thirdPartyConsultationWorkingDays', 15], // 条例 第三十二条
    ['coProducerConsultationWorkingDays', 15], // 条例 第三十四条
    ['feePaymentWorkingDays', 20], // 109号 / S2b
    ['emailReceipt', 'system_received'], // 207号
    ['pauseClockWhileAwaitingFee', false],
    ['excessiveMonthlyThreshold', 10],
    ['maxExcessiveDelayWorkingDays', null],
    ['dueSoonWorkingDays', 3],
  ])('%s = %j', (key, value) => {
    expect(NATIONAL_REQUESTS_CONFIG[key]).toEqual(value);
  });

  it('carries the 109号 tariffs', () => {
    expect(NATIONAL_REQUESTS_CONFIG.perItem).toEqual({ freeUpTo: 10, flatUpTo: 30, flatYuan: 100, bandSize: 10, bandStepYuan: 100 });
    expect(NATIONAL_REQUESTS_CONFIG.perPage).toEqual([
      { upTo: 30, yuanPerPage: 0 },
      { upTo: 100, yuanPerPage: 10 },
      { upTo: 200, yuanPerPage: 20 },
      { upTo: null, yuanPerPage: 40 },
    ]);
  });

  it('cannot be changed by accident', () => {
    expect(Object.isFrozen(NATIONAL_REQUESTS_CONFIG)).toBe(true);
    expect(Object.isFrozen(NATIONAL_REQUESTS_CONFIG.perItem)).toBe(true);
  });

  it('is what resolve returns without overrides', () => {
    expect(resolveRequestsConfig()).toEqual(NATIONAL_REQUESTS_CONFIG);
  });
});

describe('a province’s overrides', () => {
  it('may shorten statutory periods and set its own thresholds', () => {
    const c = resolveRequestsConfig({ replyWorkingDays: 15, correctionNoticeWorkingDays: 5, excessiveMonthlyThreshold: 20, maxExcessiveDelayWorkingDays: 30 });
    expect(c.replyWorkingDays).toBe(15);
    expect(c.maxExtensionWorkingDays).toBe(20);
    expect(c.excessiveMonthlyThreshold).toBe(20);
  });

  it.each<[Partial<RequestsConfig>, string]>([
    [{ replyWorkingDays: 21 }, '答复期限（replyWorkingDays）不得超过 20 个工作日（条例 第三十三条）'],
    [{ maxExtensionWorkingDays: 30 }, '延长答复期限上限（maxExtensionWorkingDays）不得超过 20 个工作日'],
    [{ correctionNoticeWorkingDays: 10 }, '补正告知期限（correctionNoticeWorkingDays）不得超过 7 个工作日（条例 第三十条）'],
    [{ replyWorkingDays: 0 }, '答复期限（replyWorkingDays）必须是正整数'],
    [{ thirdPartyConsultationWorkingDays: 1.5 }, '第三方征求意见期限（thirdPartyConsultationWorkingDays）必须是正整数'],
    [{ dueSoonWorkingDays: -1 }, '即将到期提示天数（dueSoonWorkingDays）必须是正整数'],
    [{ maxExcessiveDelayWorkingDays: 0 }, '延迟答复期限上限（maxExcessiveDelayWorkingDays）必须是正整数或 null'],
    [{ emailReceipt: 'whenever' as 'confirmed' }, '电子邮件申请的收到日期（emailReceipt）'],
    [{ perItem: { freeUpTo: 10, flatUpTo: 5, flatYuan: 100, bandSize: 10, bandStepYuan: 100 } }, '第一档上限（perItem.flatUpTo）'],
    [{ perItem: { freeUpTo: 10, flatUpTo: 30, flatYuan: 100, bandSize: 0, bandStepYuan: 100 } }, '档宽（perItem.bandSize）'],
    [{ perPage: [] }, '至少需要一档'],
    [{ perPage: [{ upTo: 30, yuanPerPage: 0 }] }, '最后一档上限（upTo）必须为 null'],
    [{ perPage: [{ upTo: 100, yuanPerPage: 0 }, { upTo: 50, yuanPerPage: 10 }, { upTo: null, yuanPerPage: 20 }] }, '第 2 档的上限必须是大于上一档的整数'],
    [{ perPage: [{ upTo: null, yuanPerPage: -5 }] }, '第 1 档的单价必须是非负整数'],
  ])('refuses %j', (overrides, message) => {
    expect(() => resolveRequestsConfig(overrides)).toThrow(message);
  });

  it('lists every problem at once', () => {
    try {
      resolveRequestsConfig({ replyWorkingDays: 25, maxExtensionWorkingDays: 25, feePaymentWorkingDays: 0 });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(RequestsConfigError);
      expect((err as RequestsConfigError).problems).toHaveLength(3);
    }
  });
});
