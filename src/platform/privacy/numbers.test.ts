import { describe, expect, it } from 'vitest';
import { idCardCheckChar } from '../text/identifiers.ts';
import type { FindingType } from './finding.ts';
import { isLuhnValid, luhnCheckDigit } from './luhn.ts';
import { scanText, type ScanOptions } from './scanner.ts';

/** [type, text] of every finding, for compact assertions. */
function found(text: string, options?: ScanOptions): [FindingType, string][] {
  return scanText(text, options).map((f) => [f.type, f.text]);
}

describe('Luhn (ISO/IEC 7812)', () => {
  it('accepts the verified samples and rejects a changed digit', () => {
    expect(isLuhnValid('6222021234567890128')).toBe(true);
    expect(isLuhnValid('6212345678901232')).toBe(true);
    expect(isLuhnValid('6222021234567890127')).toBe(false);
    expect(isLuhnValid('62220212345678901a8')).toBe(false);
    expect(luhnCheckDigit('621234567890123')).toBe('2');
  });
});

describe('公民身份号码 (GB 11643)', () => {
  it('finds a valid 18-digit number and keeps offsets as string indices', () => {
    const text = '身份证号：500103199001010010。';
    expect(scanText(text)).toEqual([{ type: 'id_card', start: 5, end: 23, text: '500103199001010010' }]);
  });
  it('finds check character X in either case', () => {
    expect(found('证件号码11010519491231002X')).toEqual([['id_card', '11010519491231002X']]);
    expect(found('证件号码11010519491231002x')).toEqual([['id_card', '11010519491231002x']]);
  });
  it('finds a legacy 15-digit number with a real date', () => {
    expect(found('身份证（旧）500103900101001')).toEqual([['id_card', '500103900101001']]);
  });
  it('finds an ID written in groups', () => {
    expect(found('身份证号 5001 0319 9001 0100 10')).toEqual([['id_card', '5001 0319 9001 0100 10']]);
  });
  it('trap: an 18-digit ticket number that fails the ID checksum is not reported', () => {
    expect(found('工单编号：500103199001010011，已派单。')).toEqual([]);
    expect(found('受理编号 110105194912310021 已办结。')).toEqual([]);
    expect(found('流水号110105194902300020')).toEqual([]); // 2月30日
  });
  it('does not report a valid-looking ID under a ticket label', () => {
    const body = '50010320240315001';
    expect(found(`工单号：${body}${idCardCheckChar(body)}`)).toEqual([]);
  });
  it('does not report numbers inside a longer run of digits', () => {
    expect(found('编码9500103199001010010123')).toEqual([]);
  });
});

describe('手机号码', () => {
  it.each([
    ['联系电话：13812345678。', '13812345678'],
    ['手机 138 1234 5678', '138 1234 5678'],
    ['手机138-1234-5678', '138-1234-5678'],
    ['+86 139-1234-5678', '+86 139-1234-5678'],
    ['+8613912345678', '+8613912345678'],
    ['008613912345678', '008613912345678'],
    ['电话１３８１２３４５６７８', '１３８１２３４５６７８'],
  ])('finds %s', (text, value) => expect(found(text)).toEqual([['mobile', value]]));
  it('ignores already-masked numbers, short numbers and longer runs', () => {
    expect(found('来电人手机号138****5678已核实')).toEqual([]);
    expect(found('拨打12345，火警119，急救120，报警110')).toEqual([]);
    expect(found('编号138123456789')).toEqual([]);
  });
  it('does not finish a mobile with a year: a name or code ending in digits before “2024 年”', () => {
    expect(found('测试机关1459989 2024 年政府信息公开工作年度报告')).toEqual([]);
    expect(found('手机1381234 5678，2024 年')).toEqual([['mobile', '1381234 5678']]);
  });
  it('ignores an agency mobile published as 咨询电话', () => {
    expect(found('咨询电话：13983012345')).toEqual([]);
  });
});

describe('固定电话', () => {
  it.each([
    ['家庭电话023-63891234', '023-63891234'],
    ['电话（023）63891234', '（023）63891234'],
    ['电话(023)6389 1234', '(023)6389 1234'],
    ['电话02363891234', '02363891234'],
    ['电话010-65123456-8001', '010-65123456-8001'],
    ['电话0851-5812345', '0851-5812345'],
    ['联系电话：023—63899999', '023—63899999'],
    ['Tel：+86-23-6389-9999', '+86-23-6389-9999'],
  ])('finds %s', (text, value) => expect(found(text)).toEqual([['phone', value]]));
  it('trap: 023-63899999 after 咨询电话 is an agency number', () => {
    expect(found('咨询电话：023-63899999。')).toEqual([]);
    expect(found('如有疑问，请拨打咨询电话023-63899999或监督电话（023）63891234。')).toEqual([]);
    expect(found('办公电话：023-67583456，传真：023-67583457。')).toEqual([]);
  });
  it('ignores numbers registered as agency contacts, in any spelling', () => {
    const text = '联系电话：023-63891234，另 13983012345';
    expect(found(text, { knownPublicNumbers: ['63891234', '+86 139 8301 2345'] })).toEqual([]);
    expect(found(text)).toHaveLength(2);
  });
  it('does not report a local number without an area code, or a service number', () => {
    expect(found('座机：6789-1234，热线：400-123-4567')).toEqual([]);
  });
});

describe('银行卡号', () => {
  const card19 = '622202123456789012' + luhnCheckDigit('622202123456789012');
  it('finds a Luhn-valid card, plain or in groups of four', () => {
    expect(found(`补贴已发放至${card19}。`)).toEqual([['bank_card', card19]]);
    const grouped = card19.replace(/(\d{4})(?=\d)/g, '$1 ');
    expect(found(`卡号：${grouped}`)).toEqual([['bank_card', grouped]]);
  });
  it('finds an account number under a bank label even without Luhn', () => {
    expect(found('账号：0300 0123 4567 8901 2')).toEqual([['bank_card', '0300 0123 4567 8901 2']]);
  });
  it('ignores a Luhn-valid number labelled as a ticket and a number failing Luhn', () => {
    expect(found(`受理号：${card19}`)).toEqual([]);
    expect(found('编码6222021234567890127')).toEqual([]);
  });
  it('ignores all-digit credit codes', () => {
    expect(found('该企业统一社会信用代码为911101066976941872。')).toEqual([]);
    expect(found('（911101066976941872）')).toEqual([]);
  });
});

describe('legal persons, documents, amounts, dates', () => {
  it('trap: a credit code inside a sentence is not personal', () => {
    expect(found('经查，重庆渝新餐饮管理有限公司（统一社会信用代码91500103MA5U7G3H20）未按规定公示信息。')).toEqual([]);
    expect(found('重庆某公司91500000202800006F于2024年中标')).toEqual([]);
  });
  it('ignores 组织机构代码, 文号, 索引号, case numbers, amounts, dates, URLs', () => {
    const text = [
      '组织机构代码：D2143569-X',
      '渝府办发〔2018〕76号',
      '索引号：11500000009275780L/2024-00123',
      '（2024）渝0103行初123号',
      '罚款人民币12345678元，补贴1,234,567.89元',
      '公示期为2024年3月15日至2024-04-15（20240315—20240415）',
      '原文：https://www.cq.gov.cn/zwgk/202403/t20240315_13012345678.html',
      '快递单号：SF1234567890123',
    ].join('。');
    expect(found(text)).toEqual([]);
  });
});

describe('护照与通行证', () => {
  it.each([
    ['护照号码：E12345678', 'E12345678'],
    ['护照号为EA1234567', 'EA1234567'],
    ['往来港澳通行证：C87654321', 'C87654321'],
    ['回乡证H1234567890', 'H1234567890'],
    ['台胞证：12345678', '12345678'],
  ])('finds %s', (text, value) => expect(found(text)).toEqual([['passport', value]]));
  it('does not report an eight-digit number without a 台胞证 label', () => {
    expect(found('编号：12345678')).toEqual([]);
  });
});

describe('车牌号码 (GA 36-2018)', () => {
  it.each(['渝A12345', '渝A·12345', '川A88K76', '渝AD12345', '渝D12345D', '渝AF12345', '京A1234学', '渝a12345'])('finds %s', (plate) => {
    expect(found(`车辆${plate}违停`)).toEqual([['plate', plate]]);
  });
  it('does not report I or O as the issuing letter, or a run without enough digits', () => {
    expect(found('渝I12345')).toEqual([]);
    expect(found('渝ABCDEF')).toEqual([]);
  });
});

describe('电子邮箱', () => {
  it('finds personal mailboxes and skips agency ones', () => {
    expect(found('邮箱zhang.wei88@163.com，政务邮箱zwgk@cq.gov.cn')).toEqual([['email', 'zhang.wei88@163.com']]);
    expect(found('QQ：2589134567@qq.com')).toEqual([['email', '2589134567@qq.com']]);
  });
  it('rejects strings that are not addresses', () => {
    expect(found('a@b, x@y.z, @@@, name@host.')).toEqual([]);
  });
});

it('returns [] for empty text', () => {
  expect(scanText('')).toEqual([]);
});

it('reports only the requested types', () => {
  const text = '来电人王建国（13812345678）';
  expect(found(text, { types: ['mobile'] })).toEqual([['mobile', '13812345678']]);
});
