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

describe('固定电话 written with spaces', () => {
  it.each([
    // the local number in two groups of four after the area code, with a space or a hyphen between the groups
    ['家庭电话023 6123 4567', '023 6123 4567'],
    ['家庭电话023-6123 4567', '023-6123 4567'],
    ['家庭电话023-6123-4567', '023-6123-4567'],
    ['家庭电话010 6512 3456', '010 6512 3456'],
    // a bracketed area code, then a space and/or a split local number
    ['电话(023) 6123 4567', '(023) 6123 4567'],
    ['电话（023）6123-4567', '（023）6123-4567'],
    ['电话（023） 6123-4567', '（023） 6123-4567'],
    // one space between area code and an unsplit local number
    ['电话023 61234567', '023 61234567'],
    // a seven-digit local number (four-digit area codes) is split 3 + 4
    ['电话0851 581 2345', '0851 581 2345'],
    ['电话(0851) 581-2345', '(0851) 581-2345'],
  ])('finds %s', (text, value) => expect(found(text)).toEqual([['phone', value]]));

  it('finds a split landline next to a mobile: a list of contacts is not a list of figures', () => {
    // the mobile just before is a finding of its own, so the groups before the area code do not make a table row
    expect(found('手机 138 1234 5678 023 6123 4567')).toEqual([['mobile', '138 1234 5678'], ['phone', '023 6123 4567']]);
    // a long number after is another number, not the continuation of this one
    expect(found('电话023 6123 4567 13812345678')).toEqual([['phone', '023 6123 4567'], ['mobile', '13812345678']]);
    // a single row number before (a PDF table row) does not make a list of figures
    expect(found('1 023 6123 4567')).toEqual([['phone', '023 6123 4567']]);
  });

  it('keeps an agency number written with spaces public, by label or registration', () => {
    // 咨询电话 is an agency's published number, however it is spaced
    expect(found('咨询电话：(023) 6123-4567')).toEqual([]);
    // registered as 61234567: the split spelling normalises to the same digits
    expect(found('请致电023 6123 4567', { knownPublicNumbers: ['023-61234567'] })).toEqual([]);
  });

  it('trap: statistics figures, years and amounts are not landlines', () => {
    // a row of figures: no group starts with the 0 of an area code
    expect(found('合计 2023 1234 5678')).toEqual([]);
    // years and counts in a table, then a 0-led group: two short figures before it make it a table cell
    expect(found('2023 1234 5678 0851 2345 6789')).toEqual([]);
    expect(found('12 34 023 6123 4567')).toEqual([]);
    // amounts: thousands grouped by spaces never give a 0-led area code followed by a 2–9 local number
    expect(found('金额 1 023 612 345 元')).toEqual([]);
  });

  it('trap: 400/800 service numbers are not landlines', () => {
    // no leading 0, so no area code: a national service number, public
    expect(found('热线400 6123 4567')).toEqual([]);
    expect(found('服务电话 800 820 8820')).toEqual([]);
  });

  it('trap: a bracketed year (文号, 案号) is not an area code', () => {
    // （2023） is a year in a document or case number, not 0-led
    expect(found('（2023）6123-4567号')).toEqual([]);
    // 文号 labels keep a number public however it is spaced
    expect(found('文号 023 6123 4567')).toEqual([]);
  });

  it('trap: a date written in groups after a 0-led group is not a local number', () => {
    // 2024 0315 is year + month + day: the split would read as local 20240315
    expect(found('023 2024 0315')).toEqual([]);
    expect(found('(023)2024-0315')).toEqual([]);
    // the last group is a year before 年, like a mobile's (…1459989 2024 年)
    expect(found('测试机关023 6123 2024 年报告')).toEqual([]);
  });

  it('trap: groups inside a longer run of digits are not a landline', () => {
    // the area code is the tail of a decimal or of a thousands group
    expect(found('增长1.023 6123 4567')).toEqual([]);
    expect(found('1,023 6123 4567')).toEqual([]);
    // the run continues after the last group: a decimal, or a short group (023 6123 4567 89 is one longer number)
    expect(found('023 6123 4567.89')).toEqual([]);
    expect(found('023 6123 4567 89')).toEqual([]);
    expect(found('0851 6123 4567 8901')).toEqual([]);
    // a local number of nine digits, or split 4 + 3, is not one
    expect(found('023 6123 45678')).toEqual([]);
    expect(found('0851 5812 345')).toEqual([]);
  });

  it('reads 12 digits in fours under 账号 as an account, not a landline', () => {
    // the bank label wins over a split landline, as it does for other grouped account numbers
    expect(found('账号 0851 5812 3456')).toEqual([['bank_card', '0851 5812 3456']]);
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
