import { describe, expect, it } from 'vitest';
import { completeCreditCode, idCardCheckChar } from '../../platform/text/identifiers.ts';
import {
  APPLICANT_CATEGORY_IDS,
  CHANNEL_IDS,
  CHANNELS,
  checkIdNumber,
  ID_TYPE_IDS,
  kindOfCategory,
  ORGANIZATION_CATEGORY_IDS,
  OUTCOME_CODES,
  OUTCOMES,
  PROVISION_FORMS,
  REPLY_OUTCOME_CODES,
  REPORT_ROW_IDS,
  reportRowOf,
  REVIEW_RESULTS,
  reviewColumnOf,
  SERVICE_MODE_IDS,
  validateReply,
  WITHHOLD_REASON_IDS,
  type ApplicantKind,
  type IdType,
  type OutcomeCode,
  type ReplyContent,
  type WithholdReason,
} from './taxonomy.ts';

describe('applicants', () => {
  it('has the six report columns in the order of the 2021 format', () => {
    expect(APPLICANT_CATEGORY_IDS).toEqual(['natural_person', 'commercial', 'research', 'public_interest', 'legal_services', 'other']);
    expect(ORGANIZATION_CATEGORY_IDS).toEqual(['commercial', 'research', 'public_interest', 'legal_services', 'other']);
  });

  it.each([
    ['natural_person', 'natural_person'],
    ['commercial', 'organization'],
    ['other', 'organization'],
  ] as const)('category %s belongs to kind %s', (category, kind) => {
    expect(kindOfCategory(category)).toBe(kind);
  });
});

describe('identity documents', () => {
  const residencePermit = `81000019900101001${idCardCheckChar('81000019900101001')}`;
  const foreignNew = `91234519900101001${idCardCheckChar('91234519900101001')}`;
  const creditCode = completeCreditCode('91500000MA5U7AB12');
  const wrongCheck = (s: string) => s.slice(0, -1) + (s.endsWith('0') ? '1' : '0');

  it.each<[ApplicantKind, IdType, string]>([
    ['natural_person', 'resident_id', '11010519491231002X'],
    ['natural_person', 'resident_id', '11010519491231002x'],
    ['natural_person', 'resident_id', '110105 19491231 002X'],
    ['natural_person', 'residence_permit', residencePermit],
    ['natural_person', 'hk_macao_permit', 'H12345678'],
    ['natural_person', 'hk_macao_permit', 'M1234567801'],
    ['natural_person', 'taiwan_permit', '12345678'],
    ['natural_person', 'foreign_permanent_residence', foreignNew],
    ['natural_person', 'foreign_permanent_residence', 'USA123456789012'],
    ['natural_person', 'passport', 'E12345678'],
    ['organization', 'credit_code', creditCode],
  ])('%s %s %s is valid', (kind, type, value) => {
    expect(checkIdNumber(kind, type, value)).toBeNull();
  });

  it.each<[ApplicantKind, IdType, string, string]>([
    ['natural_person', 'resident_id', '110105194912310021', '不是有效的居民身份证号码（应为 18 位公民身份号码，出生日期和校验位须正确）'],
    ['natural_person', 'resident_id', '110105491231002', '不是有效的居民身份证号码'],
    ['natural_person', 'resident_id', '', '必须填写'],
    ['natural_person', 'residence_permit', '11010519491231002X', '不是有效的港澳台居民居住证号码'],
    ['natural_person', 'residence_permit', wrongCheck(residencePermit), '不是有效的港澳台居民居住证号码'],
    ['natural_person', 'hk_macao_permit', 'X12345678', '不是有效的港澳居民来往内地通行证号码'],
    ['natural_person', 'taiwan_permit', '1234567', '不是有效的台湾居民来往大陆通行证号码'],
    ['natural_person', 'foreign_permanent_residence', wrongCheck(foreignNew), '不是有效的外国人永久居留身份证号码'],
    ['natural_person', 'passport', 'E1', '不是有效的护照号码'],
    ['organization', 'credit_code', wrongCheck(creditCode), '不是有效的统一社会信用代码（应为'],
    ['natural_person', 'credit_code', creditCode, '统一社会信用代码不适用于自然人'],
    ['organization', 'resident_id', '11010519491231002X', '居民身份证不适用于法人或其他组织'],
  ])('%s %s %j is refused: %s', (kind, type, value, message) => {
    expect(checkIdNumber(kind, type, value)).toContain(message);
  });

  it('has a type for each kind', () => {
    expect(ID_TYPE_IDS).toContain('resident_id');
    expect(ID_TYPE_IDS).toContain('credit_code');
  });
});

describe('channels, forms, service modes', () => {
  it('has the five paper channels and e-mail (207号), each with its legal basis', () => {
    expect(CHANNEL_IDS).toEqual(['in_person', 'post', 'ordinary_letter', 'online', 'fax', 'email']);
    for (const id of CHANNEL_IDS) expect(CHANNELS[id].basis).toMatch(/条例|207号/);
  });

  it('has the forms of provision of issue 5', () => {
    expect(Object.values(PROVISION_FORMS)).toEqual(['纸质', '电子邮件', '电子数据', '邮寄', '自行领取']);
  });

  it('has the 235号 service modes and an electronic one', () => {
    expect(SERVICE_MODE_IDS).toEqual(['direct', 'entrusted', 'post', 'electronic']);
  });
});

describe('outcomes (条例 第三十至三十九条)', () => {
  it('are exactly the codes of the §1.3 table', () => {
    expect(OUTCOME_CODES).toEqual([
      'R-ALREADY', 'R-DISCLOSE', 'R-PARTIAL', 'R-WITHHOLD', 'R-NOTEXIST', 'R-NOTOURS', 'R-REPEAT', 'R-SPECIAL',
      'R-NOCREATE', 'R-PETITION', 'R-PUBLICATION', 'R-EXCESSIVE', 'R-UNCLEAR', 'R-NOCORRECTION', 'R-FEEUNPAID', 'R-CONFIRM',
    ]);
  });

  it('leaves the procedural ones off the reply form', () => {
    expect(REPLY_OUTCOME_CODES).not.toContain('R-EXCESSIVE');
    expect(REPLY_OUTCOME_CODES).not.toContain('R-NOCORRECTION');
    expect(REPLY_OUTCOME_CODES).not.toContain('R-FEEUNPAID');
    expect(REPLY_OUTCOME_CODES).toHaveLength(13);
  });

  it.each<[OutcomeCode, string]>([
    ['R-ALREADY', 'r1'],
    ['R-DISCLOSE', 'r1'],
    ['R-PARTIAL', 'r2'],
    ['R-NOTEXIST', 'r4_1'],
    ['R-NOTOURS', 'r4_1'],
    ['R-REPEAT', 'r5_2'],
    ['R-SPECIAL', 'r3_8'],
    ['R-NOCREATE', 'r4_2'],
    ['R-PETITION', 'r5_1'],
    ['R-PUBLICATION', 'r5_3'],
    ['R-EXCESSIVE', 'r5_4'],
    ['R-UNCLEAR', 'r4_3'],
    ['R-NOCORRECTION', 'r6_1'],
    ['R-FEEUNPAID', 'r6_2'],
    ['R-CONFIRM', 'r5_5'],
  ])('%s counts in report row %s', (outcome, row) => {
    expect(reportRowOf(outcome)).toBe(row);
  });

  it.each<[WithholdReason, string]>([
    ['EX14-SECRET', 'r3_1'],
    ['EX14-LAW', 'r3_2'],
    ['EX14-SAFETY', 'r3_3'],
    ['EX15-THIRD', 'r3_4'],
    ['EX16-INTERNAL', 'r3_5'],
    ['EX16-PROCESS', 'r3_6'],
    ['EX16-CASEFILE', 'r3_7'],
  ])('R-WITHHOLD for %s counts in row %s', (reason, row) => {
    expect(reportRowOf('R-WITHHOLD', [reason, 'EX14-SECRET'])).toBe(row);
  });

  it('counts 部分公开 only as 部分公开, whatever its reasons', () => {
    expect(reportRowOf('R-PARTIAL', ['EX15-THIRD'])).toBe('r2');
  });

  it('refuses to place R-WITHHOLD without a valid reason', () => {
    expect(() => reportRowOf('R-WITHHOLD')).toThrow(RangeError);
    expect(() => reportRowOf('R-WITHHOLD', ['EX99'])).toThrow(RangeError);
  });

  it('feeds every leaf row of the report except 三(六)3 其他, which no legal outcome names', () => {
    const reached = new Set<string>();
    for (const o of OUTCOME_CODES) {
      if (o === 'R-WITHHOLD') for (const r of WITHHOLD_REASON_IDS) reached.add(reportRowOf(o, [r]));
      else reached.add(reportRowOf(o));
    }
    expect(REPORT_ROW_IDS.filter((r) => !reached.has(r))).toEqual(['r6_3']);
  });

  it('cite their legal basis', () => {
    for (const o of OUTCOME_CODES) expect(OUTCOMES[o].basis).toMatch(/条例|109号|30号/);
  });
});

describe('validateReply', () => {
  const ok: [OutcomeCode, ReplyContent][] = [
    ['R-ALREADY', { accessMethod: '市政府门户网站“政府信息公开”栏目' }],
    ['R-DISCLOSE', { providedInformation: '《关于……的通知》（渝府办发〔2018〕76号）' }],
    ['R-DISCLOSE', { accessMethod: '到本机关档案室查阅', accessTime: '2025年12月8日至12日工作时间' }],
    ['R-PARTIAL', { providedInformation: '项目批复', withholdReasons: ['EX15-THIRD'], reasonText: '涉及第三方商业秘密，第三方不同意公开' }],
    ['R-WITHHOLD', { withholdReasons: ['EX14-SECRET'], reasonText: '经审查属于国家秘密' }],
    ['R-NOTEXIST', {}],
    ['R-NOTOURS', { reasonText: '该信息由市规划自然资源局制作', responsibleAgencyName: '重庆市规划和自然资源局', responsibleAgencyContact: '023-12345678' }],
    ['R-NOTOURS', { reasonText: '经查不属于本机关职责', responsibleAgencyUnknown: true }],
    ['R-REPEAT', { relatedRequestNumber: '2025-000123' }],
    ['R-SPECIAL', { specialProcedure: '《不动产登记暂行条例》，向不动产登记机构申请查询' }],
    ['R-NOCREATE', { reasonText: '需要对多年数据汇总分析' }],
    ['R-PETITION', {}],
    ['R-PUBLICATION', {}],
    ['R-EXCESSIVE', { reasonText: '申请人未说明合理理由' }],
    ['R-UNCLEAR', {}],
    ['R-NOCORRECTION', {}],
    ['R-FEEUNPAID', {}],
    ['R-CONFIRM', {}],
  ];
  it.each(ok)('accepts %s with %j', (outcome, content) => {
    expect(validateReply(outcome, content)).toEqual([]);
  });

  const bad: [unknown, ReplyContent, string, string][] = [
    [undefined, {}, 'outcome', '答复类型：必须选择'],
    ['', {}, 'outcome', '答复类型：必须选择'],
    ['R-MAYBE', {}, 'outcome', '答复类型：不是有效的答复类型'],
    ['R-ALREADY', {}, 'accessMethod', '获取方式、途径：已主动公开的，必须告知'],
    ['R-DISCLOSE', {}, 'providedInformation', '提供的政府信息：必须列明提供的政府信息，或者告知获取的方式、途径和时间'],
    ['R-DISCLOSE', { accessMethod: '档案室' }, 'accessTime', '获取时间：未直接提供政府信息的，必须告知获取的时间'],
    ['R-PARTIAL', { withholdReasons: ['EX15-THIRD'], reasonText: '理由' }, 'providedInformation', '部分公开必须列明提供的可以公开的内容'],
    ['R-PARTIAL', { providedInformation: '批复', reasonText: '理由' }, 'withholdReasons', '部分公开必须选择不予公开部分的理由类别'],
    ['R-PARTIAL', { providedInformation: '批复', withholdReasons: ['EX15-THIRD'] }, 'reasonText', '部分公开必须对不予公开的内容说明理由'],
    ['R-WITHHOLD', { reasonText: '理由' }, 'withholdReasons', '不予公开必须选择理由类别'],
    ['R-WITHHOLD', { withholdReasons: ['EX14-SECRET'] }, 'reasonText', '不予公开必须说明理由'],
    ['R-WITHHOLD', { withholdReasons: ['EX99'], reasonText: '理由' }, 'withholdReasons', '含有无效的理由类别'],
    ['R-WITHHOLD', { withholdReasons: ['EX14-LAW', 'EX14-LAW'], reasonText: '理由' }, 'withholdReasons', '理由类别不能重复'],
    ['R-WITHHOLD', { withholdReasons: ['EX14-LAW'], reasonText: '  ' }, 'reasonText', '不予公开必须说明理由'],
    ['R-NOTOURS', { reasonText: '理由', responsibleAgencyContact: '023-1' }, 'responsibleAgencyName', '负责公开的机关名称：能够确定负责公开的机关的，必须告知其名称'],
    ['R-NOTOURS', { reasonText: '理由', responsibleAgencyName: '某局' }, 'responsibleAgencyContact', '负责公开的机关联系方式：能够确定负责公开的机关的，必须告知其联系方式'],
    ['R-NOTOURS', { responsibleAgencyUnknown: true }, 'reasonText', '必须说明不属于本机关负责公开的理由'],
    ['R-REPEAT', {}, 'relatedRequestNumber', '已答复的申请编号：必须注明'],
    ['R-SPECIAL', {}, 'specialProcedure', '必须告知应依照办理的法律、行政法规'],
    ['R-NOCREATE', {}, 'reasonText', '第三十八条'],
    ['R-EXCESSIVE', {}, 'reasonText', '第三十五条'],
    ['R-DISCLOSE', { providedInformation: '文件', withholdReasons: ['EX14-LAW'] }, 'withholdReasons', '“予以公开”不应选择不予公开的理由类别'],
    ['R-DISCLOSE', { providedInformation: '文'.repeat(2001) }, 'providedInformation', '不能超过 2000 个字'],
  ];
  it.each(bad)('refuses %s with %j, naming %s', (outcome, content, field, words) => {
    expect(validateReply(outcome, content)).toContainEqual({ field, message: expect.stringContaining(words) });
  });

  it('lists every missing field at once', () => {
    expect(validateReply('R-PARTIAL', {}).map((e) => e.field)).toEqual(['providedInformation', 'withholdReasons', 'reasonText']);
  });
});

describe('行政复议 and 行政诉讼 (report section 四)', () => {
  it('has the four results', () => {
    expect(Object.values(REVIEW_RESULTS)).toEqual(['维持', '纠正', '其他', '尚未审结']);
  });

  it.each([
    ['reconsideration', 'upheld', 0],
    ['reconsideration', 'pending', 3],
    ['litigation_direct', 'upheld', 5],
    ['litigation_direct', 'corrected', 6],
    ['litigation_after_reconsideration', 'other', 12],
    ['litigation_after_reconsideration', 'pending', 13],
  ] as const)('%s / %s is column %i of 15 (each group ends with its 总计)', (kind, result, column) => {
    expect(reviewColumnOf(kind, result)).toBe(column);
  });
});
