import { describe, expect, it } from 'vitest';
import { chineseNumeralValue, cleanLine, compact, parseLooseDate, splitTopLevel } from './text.ts';

describe('parseLooseDate', () => {
  it.each([
    ['2018年6月6日', '2018-06-06'],
    ['2018 年 6 月 6 日', '2018-06-06'],
    ['二〇一八年六月六日', '2018-06-06'],
    ['二〇一八年十二月三十一日', '2018-12-31'],
    ['二〇二〇年十月二十日', '2020-10-20'],
    ['２０１８年６月１３日', '2018-06-13'],
    ['2018-06-13', '2018-06-13'],
    ['2018/6/13', '2018-06-13'],
    ['2018.06.13', '2018-06-13'],
    ['2018-06-13 10:30:00', '2018-06-13'],
  ])('%s → %s', (raw, iso) => {
    expect(parseLooseDate(raw)).toBe(iso);
  });

  it.each(['2018年2月30日', '2018-13-01', '十八年六月六日', '2018年', '六月六日', ''])('rejects %j', (raw) => {
    expect(parseLooseDate(raw)).toBeNull();
  });
});

describe('helpers', () => {
  it('reads Chinese numerals up to 九十九', () => {
    expect([chineseNumeralValue('一'), chineseNumeralValue('十'), chineseNumeralValue('十三'), chineseNumeralValue('二十'), chineseNumeralValue('九十九'), chineseNumeralValue('12')]).toEqual([1, 10, 13, 20, 99, 12]);
    expect([chineseNumeralValue('十十'), chineseNumeralValue('甲'), chineseNumeralValue('一二'), chineseNumeralValue('')]).toEqual([null, null, null, null]);
  });

  it('cleans lines and compares without whitespace', () => {
    expect(cleanLine('\u3000\u3000正文\u00a0 内容\u200b\t')).toBe('正文 内容');
    expect(compact(' 正 文\u3000内容\n')).toBe('正文内容');
  });

  it('splits only at top-level separators', () => {
    expect(splitTopLevel('各区县（自治县，含两江新区）人民政府，市政府各部门、有关单位', '，、')).toEqual(['各区县（自治县，含两江新区）人民政府', '市政府各部门', '有关单位']);
  });
});
