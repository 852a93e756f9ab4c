// The text of the 政府信息公开申请答复告知书 for each outcome (条例 第三十至三十九条; 国办函〔2020〕109号), with the
// remedy sentence (行政复议法 第二十条; 行政诉讼法 第四十六条). One model, rendered by docx.ts and pdf.ts.
import { validationError, type FieldError } from '../../../platform/http/errors.ts';
import { isIsoDate } from '../../../platform/calendar/workdays.ts';
import { isWithholdReason, OUTCOMES, validateReply, WITHHOLD_REASONS, type OutcomeCode, type ReplyContent } from '../taxonomy.ts';
import { NATIONAL_LETTERS_CONFIG, type LettersConfig } from './letters.config.ts';
import type { ReplyLetter, ReplyLetterInput } from './letter.types.ts';

const REGULATION = '《中华人民共和国政府信息公开条例》';

/** 'YYYY-MM-DD' → '2026年11月28日' (公文 成文日期 in Arabic numerals, no leading zeros: GB/T 9704-2012 7.3.5.1). */
export function formatChineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** '条例 第三十六条第（一）项' → '《条例》第三十六条第（一）项'; other sources are kept as written. */
function cite(basis: string): string {
  if (basis.startsWith('条例 ')) return `《条例》${basis.slice(3)}`;
  if (basis === '国办函〔2020〕109号') return '《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）';
  return basis;
}

// XML 1.0 forbids C0 controls (a DOCX with one will not open) and lone surrogates; form feeds and the like carry no meaning here.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Hostile or pasted text made safe for both renderers and for one line of a paragraph: no control characters, line breaks folded into spaces, trimmed. */
export function cleanText(s: string | undefined): string {
  return (typeof s === 'string' ? s : '').replace(/\s*[\r\n]+\s*/g, ' ').replace(FORBIDDEN, '').trim();
}

/** Ends a clause with 。 unless it already ends with punctuation. */
function sentence(s: string): string {
  return /[。！？；.!?;]$/.test(s) ? s : `${s}。`;
}

const LIMITS = { agencyName: 100, applicantName: 200, requestNumber: 50, requestDescription: 4000, letterNumber: 60, 'remedy.reviewBody': 100, 'remedy.court': 100, contact: 200 } as const;

/** The problems with a letter's input, one Chinese message per field (empty when it can be rendered). */
export function checkReplyLetterInput(input: ReplyLetterInput): FieldError[] {
  const errors: FieldError[] = [];
  const text = (field: keyof typeof LIMITS, value: string | undefined, title: string, required: boolean) => {
    const v = cleanText(value);
    if (!v) {
      if (required) errors.push({ field, message: `${title}：必须填写` });
    } else if ([...v].length > LIMITS[field]) errors.push({ field, message: `${title}：不能超过 ${LIMITS[field]} 个字` });
  };
  text('agencyName', input.agencyName, '答复机关', true);
  text('applicantName', input.applicantName, '申请人', true);
  text('requestNumber', input.requestNumber, '申请编号', true);
  text('requestDescription', input.requestDescription, '申请内容', true);
  text('letterNumber', input.letterNumber, '告知书文号', false);
  text('remedy.reviewBody', input.remedy?.reviewBody, '行政复议机关', true);
  text('remedy.court', input.remedy?.court, '人民法院', false);
  text('contact', input.contact, '联系方式', false);
  const date = (field: 'receivedOn' | 'repliedOn', value: string, title: string) => {
    if (typeof value !== 'string' || !isIsoDate(value)) errors.push({ field, message: `${title}：不是有效日期（格式 YYYY-MM-DD）` });
  };
  date('receivedOn', input.receivedOn, '收到申请日期');
  date('repliedOn', input.repliedOn, '答复日期');
  if (isIsoDate(input.receivedOn ?? '') && isIsoDate(input.repliedOn ?? '') && input.repliedOn < input.receivedOn) {
    errors.push({ field: 'repliedOn', message: '答复日期：不能早于收到申请日期' });
  }
  errors.push(...validateReply(input.outcome, input.content ?? {}));
  return errors;
}

/** The default 〔年〕号 line: the configured prefix, the reply year, and the request's serial (YSQ2026000123 → 123). */
export function defaultLetterNumber(requestNumber: string, repliedOn: string, config: LettersConfig = NATIONAL_LETTERS_CONFIG): string {
  const serial = /(\d+)$/.exec(requestNumber)?.[1];
  const year = repliedOn.slice(0, 4);
  const tail = serial && serial.length > 4 && serial.startsWith(year) ? serial.slice(4) : serial;
  return `${config.defaultNumberPrefix}〔${year}〕${tail ? Number(tail) : cleanText(requestNumber)}号`;
}

/** The remedy sentence every reply carries (行政复议法 第二十条; 行政诉讼法 第四十六条). */
export function remedySentence(remedy: ReplyLetterInput['remedy'], config: LettersConfig = NATIONAL_LETTERS_CONFIG): string {
  const court = cleanText(remedy.court) || '人民法院';
  return `如对本答复不服，可以在收到本告知书之日起${config.reviewPeriodDays}日内向${cleanText(remedy.reviewBody)}申请行政复议，或者在${config.litigationPeriodMonths}个月内向${court}提起行政诉讼。`;
}

function reasonsText(content: ReplyContent): string {
  const reasons = (content.withholdReasons ?? []).filter(isWithholdReason);
  return reasons.map((r) => `${WITHHOLD_REASONS[r].label}（${cite(WITHHOLD_REASONS[r].basis)}）`).join('；');
}

/** The paragraphs that answer the request, per outcome, citing the article the outcome rests on. */
export function outcomeParagraphs(outcome: OutcomeCode, raw: ReplyContent): string[] {
  const c = {
    providedInformation: cleanText(raw.providedInformation),
    accessMethod: cleanText(raw.accessMethod),
    accessTime: cleanText(raw.accessTime),
    reasonText: cleanText(raw.reasonText),
    responsibleAgencyName: cleanText(raw.responsibleAgencyName),
    responsibleAgencyContact: cleanText(raw.responsibleAgencyContact),
    relatedRequestNumber: cleanText(raw.relatedRequestNumber),
    specialProcedure: cleanText(raw.specialProcedure),
    referralChannel: cleanText(raw.referralChannel),
  };
  const basis = cite(OUTCOMES[outcome].basis);
  const access = () =>
    [c.accessMethod && `获取方式、途径：${sentence(c.accessMethod)}`, c.accessTime && `获取时间：${sentence(c.accessTime)}`].filter(Boolean).join('');
  switch (outcome) {
    case 'R-ALREADY':
      return [`经审查，您申请获取的政府信息已经主动公开。根据${basis}的规定，现告知您获取该政府信息的方式、途径：${sentence(c.accessMethod)}`];
    case 'R-DISCLOSE': {
      const provided = c.providedInformation ? `现向您提供该政府信息：${sentence(c.providedInformation)}` : '';
      return [`经审查，您申请获取的政府信息属于可以公开的政府信息。根据${basis}的规定，${provided}${access() || (provided ? '' : '现予公开。')}`];
    }
    case 'R-PARTIAL':
      return [
        `经审查，您申请获取的政府信息中含有不应当公开或者不属于政府信息的内容，但能够作区分处理。根据${basis}的规定，本机关向您提供可以公开的政府信息内容${c.providedInformation ? `：${sentence(c.providedInformation)}` : '。'}${access()}`,
        `对不予公开的内容，理由如下：${sentence(reasonsText(raw))}${sentence(c.reasonText)}`,
      ];
    case 'R-WITHHOLD':
      return [`经审查，您申请获取的政府信息属于下列不予公开的情形：${sentence(reasonsText(raw))}${sentence(c.reasonText)}根据${basis}的规定，本机关决定不予公开。`];
    case 'R-NOTEXIST':
      return [`经检索，本机关未制作或者获取您申请获取的政府信息。根据${basis}的规定，现告知您该政府信息不存在。${c.reasonText ? sentence(c.reasonText) : ''}`];
    case 'R-NOTOURS': {
      const who = c.responsibleAgencyName
        ? `负责公开该政府信息的行政机关为${c.responsibleAgencyName}，联系方式：${sentence(c.responsibleAgencyContact)}您可以向该机关提出申请。`
        : '本机关无法确定负责公开该政府信息的行政机关。';
      return [`经审查，您申请获取的政府信息不属于本机关负责公开。理由：${sentence(c.reasonText)}根据${basis}的规定，现予告知。${who}`];
    }
    case 'R-REPEAT':
      return [`经审查，您已就相同政府信息向本机关提出过公开申请（申请编号：${c.relatedRequestNumber}），本机关已依法作出答复。根据${basis}的规定，本机关对您的重复申请不予重复处理。`];
    case 'R-SPECIAL':
      return [`经审查，您申请获取的信息属于工商、不动产登记资料等有关法律、行政法规对信息的获取有特别规定的情形。根据${basis}的规定，请您依照有关法律、行政法规的规定办理：${sentence(c.specialProcedure)}`];
    case 'R-NOCREATE':
      return [`经审查，您申请获取的政府信息需要本机关对现有政府信息进行加工、分析：${sentence(c.reasonText)}根据${basis}的规定，本机关不予提供。`];
    case 'R-PETITION':
      return [`经审查，您是以政府信息公开申请的形式进行信访、投诉、举报等活动。根据${basis}的规定，本机关不作为政府信息公开申请处理。${c.referralChannel ? `您可以通过以下渠道提出：${sentence(c.referralChannel)}` : ''}`];
    case 'R-PUBLICATION':
      return [`经审查，您要求提供的是政府公报、报刊、书籍等公开出版物。根据${basis}的规定，${c.accessMethod ? `您可以通过以下途径获取：${sentence(c.accessMethod)}` : '请您通过公开出版物的发行渠道获取。'}`];
    case 'R-EXCESSIVE':
      return [`您申请公开政府信息的数量、频次明显超过合理范围，本机关已要求您说明理由。经审查，您说明的理由不合理：${sentence(c.reasonText)}根据${basis}的规定，本机关对您的申请不予处理。`];
    case 'R-UNCLEAR':
      return [`本机关已告知您对申请内容作出补正。经审查，补正后申请内容仍不明确，本机关无法确定您申请获取的政府信息。根据${basis}的规定，现予告知。${c.reasonText ? sentence(c.reasonText) : ''}`];
    case 'R-NOCORRECTION':
      return [`本机关已告知您对申请内容作出补正，您无正当理由逾期未补正。根据${basis}的规定，视为您放弃申请，本机关不再处理您的政府信息公开申请。`];
    case 'R-FEEUNPAID':
      return [`本机关已向您发出信息处理费收费通知，您逾期未按收费通知要求缴纳费用。根据${basis}的规定，视为您放弃申请，本机关不再处理您的政府信息公开申请。`];
    case 'R-CONFIRM':
      // No article names this case: the annual-report format (国办公开办函〔2021〕30号 三(五)5) counts it as 不予处理 [INF].
      return [`经审查，您要求本机关确认或者重新出具您已获取的信息，该要求不属于政府信息公开申请的办理事项，本机关不予处理。${c.reasonText ? sentence(c.reasonText) : ''}`];
    default: {
      const never: never = outcome;
      throw new Error(`未知的答复类型：${String(never)}`);
    }
  }
}

/**
 * Lays out the 告知书 for an outcome. Throws VALIDATION_FAILED (one Chinese message per field) when the input
 * cannot make a lawful letter, e.g. a 不予公开 without its reason.
 */
export function buildReplyLetter(input: ReplyLetterInput, config: LettersConfig = NATIONAL_LETTERS_CONFIG): ReplyLetter {
  const errors = checkReplyLetterInput(input);
  if (errors.length) throw validationError(errors, `答复告知书有 ${errors.length} 处需要修改：${errors.map((e) => e.message).join('；')}`);
  const agency = cleanText(input.agencyName);
  return {
    issuer: agency,
    title: config.title,
    number: cleanText(input.letterNumber) || defaultLetterNumber(cleanText(input.requestNumber), input.repliedOn, config),
    salutation: `${cleanText(input.applicantName)}：`,
    paragraphs: [
      `${formatChineseDate(input.receivedOn)}，本机关收到您提出的政府信息公开申请（申请编号：${cleanText(input.requestNumber)}），申请获取“${cleanText(input.requestDescription)}”。本机关依照${REGULATION}（以下简称《条例》）的规定进行了办理，现答复如下：`,
      ...outcomeParagraphs(input.outcome, input.content),
    ],
    remedy: remedySentence(input.remedy, config),
    closing: '特此告知。',
    signature: agency,
    date: formatChineseDate(input.repliedOn),
    contact: cleanText(input.contact) || null,
  };
}
