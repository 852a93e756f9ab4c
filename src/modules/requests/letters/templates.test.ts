import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/http/errors.ts';
import { OUTCOME_CODES, OUTCOMES, WITHHOLD_REASONS } from '../taxonomy.ts';
import { LettersConfigError, NATIONAL_LETTERS_CONFIG, resolveLettersConfig } from './letters.config.ts';
import { SAMPLE_REPLY_CONTENT, sampleLetterInput } from './letters.testing.ts';
import { buildReplyLetter, checkReplyLetterInput, cleanText, defaultLetterNumber, formatChineseDate, remedySentence } from './templates.ts';

/** The article an outcome rests on, as the letter cites it. */
function citedBasis(basis: string): string {
  return basis.startsWith('条例 ') ? `《条例》${basis.slice(3)}` : basis;
}

describe('buildReplyLetter', () => {
  it.each(OUTCOME_CODES)('%s: a letter citing its legal basis, with the remedy sentence', (outcome) => {
    const letter = buildReplyLetter(sampleLetterInput(outcome));
    const body = letter.paragraphs.join('');
    expect(letter.title).toBe('政府信息公开申请答复告知书');
    expect(letter.issuer).toBe('重庆市渝中区住房和城乡建设委员会');
    expect(letter.signature).toBe(letter.issuer);
    expect(letter.salutation).toBe('张三：');
    expect(letter.number).toBe('依申请公开答复〔2026〕123号');
    expect(letter.date).toBe('2026年11月27日');
    expect(letter.paragraphs[0]).toBe(
      '2026年11月2日，本机关收到您提出的政府信息公开申请（申请编号：YSQ2026000123），申请获取“2025年渝中区老旧小区改造项目的名单及资金安排”。本机关依照《中华人民共和国政府信息公开条例》（以下简称《条例》）的规定进行了办理，现答复如下：',
    );
    expect(letter.paragraphs.length).toBeGreaterThan(1);
    const basis = OUTCOMES[outcome].basis;
    if (outcome === 'R-CONFIRM') expect(body).toContain('不予处理');
    else if (outcome === 'R-FEEUNPAID') expect(body).toContain('《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）');
    else expect(body).toContain(citedBasis(basis));
    expect(letter.remedy).toBe('如对本答复不服，可以在收到本告知书之日起60日内向重庆市渝中区人民政府申请行政复议，或者在6个月内向重庆市渝中区人民法院提起行政诉讼。');
    expect(letter.closing).toBe('特此告知。');
    expect(letter.contact).toBe('联系人：李四，联系电话：023-63891234');
    // no placeholder or empty clause left behind
    expect(body).not.toMatch(/undefined|null|：。|。。/);
  });

  it('gives every reason for 不予公开 with its article, and the explanation', () => {
    const body = buildReplyLetter(sampleLetterInput('R-WITHHOLD')).paragraphs.join('');
    expect(body).toContain(`${WITHHOLD_REASONS['EX16-PROCESS'].label}（《条例》第十六条第二款）`);
    expect(body).toContain(`${WITHHOLD_REASONS['EX14-LAW'].label}（《条例》第十四条）`);
    expect(body).toContain('所申请的会议纪要属于内部讨论记录。');
    expect(body).toContain('根据《条例》第三十六条第（三）项的规定，本机关决定不予公开。');
  });

  it('names the responsible agency and its contact for 非本机关负责公开, or says it cannot be determined', () => {
    const named = buildReplyLetter(sampleLetterInput('R-NOTOURS')).paragraphs.join('');
    expect(named).toContain('负责公开该政府信息的行政机关为重庆市住房和城乡建设委员会，联系方式：023-63672222，重庆市渝北区旗山路268号。');
    const unknown = buildReplyLetter(sampleLetterInput('R-NOTOURS', { content: { reasonText: '不属于本机关职责', responsibleAgencyUnknown: true } })).paragraphs.join('');
    expect(unknown).toContain('本机关无法确定负责公开该政府信息的行政机关。');
  });

  it('provides the information, or the way and time to get it, for 予以公开', () => {
    expect(buildReplyLetter(sampleLetterInput('R-DISCLOSE')).paragraphs.join('')).toContain('现向您提供该政府信息：《渝中区2025年老旧小区改造项目清单》（附件1，共3页）。');
    const later = buildReplyLetter(sampleLetterInput('R-DISCLOSE', { content: { accessMethod: '到区住建委档案室查阅', accessTime: '2026年12月1日至12月5日工作时间' } }));
    expect(later.paragraphs.join('')).toContain('获取方式、途径：到区住建委档案室查阅。获取时间：2026年12月1日至12月5日工作时间。');
  });

  it('uses a given letter number and a court-less remedy', () => {
    const letter = buildReplyLetter(sampleLetterInput('R-NOTEXIST', { letterNumber: '渝中住建依复〔2026〕12号', remedy: { reviewBody: '重庆市渝中区人民政府' } }));
    expect(letter.number).toBe('渝中住建依复〔2026〕12号');
    expect(letter.remedy).toBe('如对本答复不服，可以在收到本告知书之日起60日内向重庆市渝中区人民政府申请行政复议，或者在6个月内向人民法院提起行政诉讼。');
  });

  it('takes the remedy periods and the title from the config', () => {
    const config = resolveLettersConfig({ reviewPeriodDays: 90, title: '政府信息公开申请答复书' });
    const letter = buildReplyLetter(sampleLetterInput('R-NOTEXIST'), config);
    expect(letter.title).toBe('政府信息公开申请答复书');
    expect(letter.remedy).toContain('收到本告知书之日起90日内');
  });

  it('strips control characters and folds line breaks out of hostile text', () => {
    const letter = buildReplyLetter(sampleLetterInput('R-NOTEXIST', { applicantName: '王\u0000五\u0007', requestDescription: '第一行\r\n第二行\u000B<w:p/>' }));
    expect(letter.salutation).toBe('王五：');
    expect(letter.paragraphs[0]).toContain('“第一行 第二行<w:p/>”');
    expect(cleanText('\uD800a\uDFFF')).toBe('a');
    expect(cleanText('𠀀')).toBe('𠀀');
  });
});

describe('bad input', () => {
  it('lists every problem at once in Chinese and refuses with VALIDATION_FAILED', () => {
    const input = sampleLetterInput('R-WITHHOLD', {
      agencyName: ' ',
      applicantName: '',
      requestNumber: '',
      requestDescription: '',
      receivedOn: '2026-02-30',
      repliedOn: 'yesterday',
      remedy: { reviewBody: '' },
      content: {},
    });
    const errors = checkReplyLetterInput(input);
    expect(errors.map((e) => e.field).sort()).toEqual(
      ['agencyName', 'applicantName', 'receivedOn', 'remedy.reviewBody', 'repliedOn', 'requestDescription', 'requestNumber', 'withholdReasons', 'reasonText'].sort(),
    );
    expect(errors.find((e) => e.field === 'agencyName')?.message).toBe('答复机关：必须填写');
    expect(errors.find((e) => e.field === 'receivedOn')?.message).toBe('收到申请日期：不是有效日期（格式 YYYY-MM-DD）');
    expect(errors.find((e) => e.field === 'withholdReasons')?.message).toContain('不予公开必须选择理由类别');
    let thrown: unknown;
    try {
      buildReplyLetter(input);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).code).toBe('VALIDATION_FAILED');
    expect((thrown as AppError).fields).toHaveLength(9);
  });

  it('refuses a reply dated before the receipt, an unknown outcome, and over-long text', () => {
    expect(checkReplyLetterInput(sampleLetterInput('R-NOTEXIST', { repliedOn: '2026-11-01' }))).toEqual([{ field: 'repliedOn', message: '答复日期：不能早于收到申请日期' }]);
    expect(checkReplyLetterInput({ ...sampleLetterInput('R-NOTEXIST'), outcome: 'R-MAYBE' as never })).toEqual([{ field: 'outcome', message: '答复类型：不是有效的答复类型' }]);
    expect(checkReplyLetterInput(sampleLetterInput('R-NOTEXIST', { agencyName: '机'.repeat(101) }))).toEqual([{ field: 'agencyName', message: '答复机关：不能超过 100 个字' }]);
  });

  it('refuses content that does not fit the outcome (validateReply)', () => {
    const errors = checkReplyLetterInput(sampleLetterInput('R-NOTOURS', { content: { reasonText: '不属于本机关' } }));
    expect(errors.map((e) => e.field)).toEqual(['responsibleAgencyName', 'responsibleAgencyContact']);
    expect(checkReplyLetterInput(sampleLetterInput('R-DISCLOSE', { content: SAMPLE_REPLY_CONTENT['R-WITHHOLD'] })).map((e) => e.field)).toContain('withholdReasons');
  });
});

describe('helpers', () => {
  it('formats 公文 dates without leading zeros', () => {
    expect(formatChineseDate('2026-01-05')).toBe('2026年1月5日');
    expect(formatChineseDate('2026-12-31')).toBe('2026年12月31日');
  });

  it('composes a default letter number from the request serial', () => {
    expect(defaultLetterNumber('YSQ2026000123', '2026-11-27')).toBe('依申请公开答复〔2026〕123号');
    // a request received last year and answered this year keeps its serial, under the reply year
    expect(defaultLetterNumber('YSQ2025000098', '2026-01-06')).toBe('依申请公开答复〔2026〕2025000098号');
    expect(defaultLetterNumber('A-17', '2026-03-02')).toBe('依申请公开答复〔2026〕17号');
  });

  it('words the remedy with the periods of 行政复议法 and 行政诉讼法', () => {
    expect(remedySentence({ reviewBody: '重庆市人民政府' }, NATIONAL_LETTERS_CONFIG)).toBe(
      '如对本答复不服，可以在收到本告知书之日起60日内向重庆市人民政府申请行政复议，或者在6个月内向人民法院提起行政诉讼。',
    );
  });

  it('refuses a config that gives the applicant less time than the law', () => {
    expect(() => resolveLettersConfig({ reviewPeriodDays: 30, litigationPeriodMonths: 3, title: ' ' })).toThrow(LettersConfigError);
    try {
      resolveLettersConfig({ reviewPeriodDays: 30, litigationPeriodMonths: 3, title: ' ' });
    } catch (err) {
      expect((err as LettersConfigError).problems).toHaveLength(3);
    }
  });
});
