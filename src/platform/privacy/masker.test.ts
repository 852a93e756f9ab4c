import { describe, expect, it } from 'vitest';
import { maskText, maskValue, planMasking } from './masker.ts';

describe('conventional masks (service-rules §5.3)', () => {
  it.each([
    ['name', '张三', '张某'],
    ['name', '王建国', '王某'],
    ['name', '欧阳娜娜', '欧阳某'],
    ['id_card', '110105194912310021', '110105********0021'],
    ['id_card', '11010519491231002X', '110105********002X'],
    ['id_card', '500103900101001', '500103*****1001'],
    ['mobile', '13812341234', '138****1234'],
    ['mobile', '138 1234 5678', '138****5678'],
    ['mobile', '+86 139-1234-5678', '+86 139****5678'],
    ['phone', '023-63891234', '023-****1234'],
    ['phone', '（023）63891234', '023-****1234'],
    ['phone', '+86-23-6389-9999', '023-****9999'],
    ['bank_card', '6222 0212 3456 7890 128', '***************0128'],
    ['email', 'zhang.wei88@163.com', 'z***@163.com'],
    ['plate', '渝A12345', '渝A***45'],
    ['plate', '渝A·12345', '渝A***45'],
    ['plate', '渝AD12345', '渝A****45'],
    ['passport', 'E12345678', 'E******78'],
    ['address', '渝中区民族路188号3栋2单元502室', '渝中区民族路****'],
    ['address', '江北区融创香樟林30栋6单元4-6', '江北区融创香樟林****'],
  ] as const)('%s %s → %s', (type, value, masked) => expect(maskValue(type, value)).toBe(masked));

  it('writes 张** with the stars style', () => {
    expect(maskValue('name', '王建国', 'stars')).toBe('王**');
    expect(maskValue('name', '欧阳娜娜', 'stars')).toBe('欧阳**');
  });
});

const LETTER = '来电人王建国（联系电话：13812345678）反映，其家住渝中区民族路188号3栋2单元502室。王建国表示，邻居李娜也有同感。';

describe('maskText', () => {
  it('masks every finding (mode mask, the default)', () => {
    expect(maskText(LETTER)).toBe('来电人王某（联系电话：138****5678）反映，其家住渝中区民族路****。王某表示，邻居李某也有同感。');
  });
  it('removes every value (mode suppress), or replaces it with a marker', () => {
    expect(maskText('来电人王建国，电话13812345678。', { mode: 'suppress' })).toBe('来电人，电话。');
    expect(maskText('来电人王建国，电话13812345678。', { mode: 'suppress', suppressWith: '×××' })).toBe('来电人×××，电话×××。');
  });
  it('pseudonymizes names stably within one document, with the role from context', () => {
    expect(maskText(LETTER, { mode: 'pseudonymize' })).toBe(
      '来电人A（联系电话：138****5678）反映，其家住渝中区民族路****。来电人A表示，邻居B也有同感。',
    );
    expect(maskText('申请人张伟与被申请人李娜达成和解，张伟撤回申请。', { mode: 'pseudonymize' })).toBe('申请人A与被申请人B达成和解，申请人A撤回申请。');
    expect(maskText('我叫田秀兰，住在本地。田秀兰表示感谢。感谢黄晓东先生。', { mode: 'pseudonymize' })).toBe('我叫A，住在本地。当事人A表示感谢。感谢当事人B先生。');
  });
  it('keeps the parties’ names under the punitive policy but still masks their numbers and other people', () => {
    const notice = '当事人：张三，身份证号码：11010519491231002X，住址：重庆市江北区建新北路16号。证人李四（电话13812345678）。';
    expect(maskText(notice, { policy: 'punitive' })).toBe(
      '当事人：张三，身份证号码：110105********002X，住址：重庆市江北区建新北路****。证人李某（电话138****5678）。',
    );
    expect(maskText(notice, { policy: 'default' })).toContain('当事人：张某');
  });
  it('acts only on the findings it is given, and skips stale ones', () => {
    const text = '来电人王建国，电话13812345678。';
    expect(maskText(text, { findings: [{ type: 'mobile', start: 9, end: 20, text: '13812345678' }] })).toBe('来电人王建国，电话138****5678。');
    expect(planMasking(text, { findings: [{ type: 'mobile', start: 0, end: 11, text: '13812345678' }] })).toEqual([]);
  });
  it('leaves a text without findings unchanged', () => {
    expect(maskText('渝府办发〔2018〕76号，咨询电话023-63899999。')).toBe('渝府办发〔2018〕76号，咨询电话023-63899999。');
  });
});
