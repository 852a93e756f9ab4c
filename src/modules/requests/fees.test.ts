import { describe, expect, it } from 'vitest';
import { cumulativeItemFee, feePaymentDeadlineOf, isFeeOverdue, itemFeeOf, itemPrice, pageFeeOf, parseFeeForm, quoteFee } from './fees.ts';
import { NATIONAL_REQUESTS_CONFIG as config, resolveRequestsConfig } from './requests.config.ts';
import { GUOQING_2025 as overrides } from './requests.testing.ts';

describe('按件计收 (109号 第四条): the worked examples of §1.5', () => {
  it.each([
    [0, 0],
    [1, 0],
    [10, 0], // ≤10 free
    [11, 100], // 11–30: 100 元/件
    [30, 2000],
    [31, 2200], // 31–40: 200 元/件
    [40, 4000],
    [41, 4300], // 41–50: 300 元/件
    [45, 5500],
    [50, 7000],
    [51, 7400], // 51–60: 400 元/件
  ])('%i 件 in a month cost %i 元 in total', (count, fee) => {
    expect(cumulativeItemFee(count, config.perItem)).toBe(fee);
  });

  it.each([
    [10, 0],
    [11, 100],
    [30, 100],
    [31, 200],
    [40, 200],
    [41, 300],
    [50, 300],
    [51, 400],
  ])('the %i-th 件 costs %i 元', (ordinal, price) => {
    expect(itemPrice(ordinal, config.perItem)).toBe(price);
  });

  it('charges an application the marginal fee at its ordinal in the month', () => {
    expect(itemFeeOf(9, 1, config.perItem)).toBe(0); // the 10th
    expect(itemFeeOf(10, 1, config.perItem)).toBe(100); // the 11th
    expect(itemFeeOf(29, 2, config.perItem)).toBe(300); // the 30th and 31st (一事一申请 split in two)
    expect(itemFeeOf(40, 5, config.perItem)).toBe(1500); // 41st–45th
  });

  it('refuses counts that are not whole numbers', () => {
    expect(() => cumulativeItemFee(-1, config.perItem)).toThrow(RangeError);
    expect(() => itemFeeOf(1.5, 1, config.perItem)).toThrow(RangeError);
  });
});

describe('按量计收 (109号 第五条): the worked examples of §1.5', () => {
  it.each([
    [0, 0],
    [30, 0], // ≤30 free
    [31, 10], // 31–100: 10 元/页
    [100, 700],
    [101, 720], // 101–200: 20 元/页
    [200, 2700],
    [201, 2740], // 201+: 40 元/页
    [250, 4700],
  ])('%i pages cost %i 元', (pages, fee) => {
    expect(pageFeeOf(pages, config.perPage)).toBe(fee);
  });
});

describe('one application’s quote', () => {
  it('breaks a 按件 fee into its bands for the notice', () => {
    expect(quoteFee({ basis: 'per_item', priorItems: 28, items: 4 }, config)).toEqual({
      basis: 'per_item',
      amountYuan: 600,
      lines: [
        { range: '第29—30件', units: 2, unitYuan: 100, subtotalYuan: 200 },
        { range: '第31—32件', units: 2, unitYuan: 200, subtotalYuan: 400 },
      ],
    });
  });

  it('breaks a 按量 fee into its bands, the free ones included', () => {
    const q = quoteFee({ basis: 'per_page', pages: 101 }, config);
    expect(q.amountYuan).toBe(720);
    expect(q.lines).toEqual([
      { range: '第1—30页', units: 30, unitYuan: 0, subtotalYuan: 0 },
      { range: '第31—100页', units: 70, unitYuan: 10, subtotalYuan: 700 },
      { range: '第101页', units: 1, unitYuan: 20, subtotalYuan: 20 },
    ]);
    expect(q.lines.reduce((s, l) => s + l.subtotalYuan, 0)).toBe(q.amountYuan);
  });

  it('follows a province’s own tariff', () => {
    const c = resolveRequestsConfig({ perItem: { freeUpTo: 20, flatUpTo: 30, flatYuan: 50, bandSize: 5, bandStepYuan: 50 } });
    // 21–30: 50 each (500); 31–35: 100 each (500); 36: 150
    expect(cumulativeItemFee(36, c.perItem)).toBe(1150);
  });
});

describe('the fee form', () => {
  it('turns a valid form into one tariff', () => {
    expect(parseFeeForm({ basis: 'per_page', pages: 120 }, 3)).toEqual({ ok: true, input: { basis: 'per_page', pages: 120 } });
    expect(parseFeeForm({ basis: 'per_item', items: 2 }, 12)).toEqual({ ok: true, input: { basis: 'per_item', priorItems: 12, items: 2 } });
  });

  it.each([
    [{}, 'basis', '计费方式：必须选择'],
    [{ basis: 'both' }, 'basis', '计费方式：必须选择'],
    [{ basis: 'per_item', items: 2, pages: 40 }, 'pages', '不得同时计算'],
    [{ basis: 'per_page', pages: 40, items: 2 }, 'items', '不得同时计算'],
    [{ basis: 'per_item' }, 'items', '计费件数：必须是正整数'],
    [{ basis: 'per_page', pages: 0 }, 'pages', '页数：必须是正整数'],
    [{ basis: 'per_page', pages: 2.5 }, 'pages', '页数：必须是正整数'],
  ])('refuses %j, naming %s', (form, field, words) => {
    const r = parseFeeForm(form, 0);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.fields).toContainEqual({ field, message: expect.stringContaining(words) });
  });
});

describe('payment (109号; S2b)', () => {
  it('gives 20 working days from the day after the notice is received, across 国庆', () => {
    // 20 WD after 09-19 (as the reply period): 10-23
    expect(feePaymentDeadlineOf('2025-09-19', overrides, config)).toBe('2025-10-23');
  });

  it('is overdue only from the day after the deadline', () => {
    expect(isFeeOverdue('2025-10-23', '2025-10-23')).toBe(false);
    expect(isFeeOverdue('2025-10-23', '2025-10-24')).toBe(true);
  });
});
